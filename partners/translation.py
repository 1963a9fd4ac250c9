"""Translated fields and history, registered together."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, Relation


@register(Relation)
class RelationTranslationOptions(TranslationOptions):
    fields = ("city", "description")
    required_languages = ()


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ()


simple_history.register(Relation, inherit=True, m2m_fields=["focus_areas"])
simple_history.register(Organisation, inherit=True)
