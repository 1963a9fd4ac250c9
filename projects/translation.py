"""Translated fields and history, registered together."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Call,
    ExchangeRate,
    Funder,
    FundingProgramme,
    Project,
    ProjectAttachment,
    ProjectPartner,
)


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "expected_results", "achieved_results")
    required_languages = ()


@register(FundingProgramme)
class FundingProgrammeTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


@register(Funder)
class FunderTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ()


simple_history.register(
    Project,
    inherit=True,
    m2m_fields=[
        "participating_departments",
        "partner_relations",
        "partner_organisations",
        "goal_areas",
        "strategies",
    ],
)
simple_history.register(FundingProgramme, inherit=True)
simple_history.register(Funder, inherit=True)
simple_history.register(Call, inherit=True)
simple_history.register(ExchangeRate, inherit=True)
simple_history.register(ProjectPartner, inherit=True)
simple_history.register(ProjectAttachment, inherit=True)
