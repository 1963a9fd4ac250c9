"""Translated fields and history, registered together (see docs: the naive way crashes)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import AccessibilityStatement, Department, Membership, Municipality


@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("name", "council_name", "executive_board_name")
    required_languages = ()


@register(Department)
class DepartmentTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ()


simple_history.register(Municipality, inherit=True)
simple_history.register(Department, inherit=True)
simple_history.register(Membership, inherit=True, m2m_fields=["departments"])


@register(AccessibilityStatement)
class AccessibilityStatementTranslationOptions(TranslationOptions):
    fields = ("shortcomings", "disproportionate_burden", "outside_scope")
    required_languages = ()


simple_history.register(AccessibilityStatement, inherit=True)
