"""Translated fields and history, registered together."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import DepartmentReport, ReportingRound


@register(ReportingRound)
class ReportingRoundTranslationOptions(TranslationOptions):
    fields = ("instructions",)
    required_languages = ()


simple_history.register(ReportingRound, inherit=True, m2m_fields=["departments"])
# History of the report row names who saved last, for the optimistic-locking message.
simple_history.register(DepartmentReport, inherit=True)
