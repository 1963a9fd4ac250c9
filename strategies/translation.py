"""Translated fields and history, registered together."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Goal, GoalArea, Measure, Strategy, StrategyDocument


@register(StrategyDocument)
class StrategyDocumentTranslationOptions(TranslationOptions):
    fields = ("title", "introduction", "purpose", "vision")
    required_languages = ()


@register(GoalArea)
class GoalAreaTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ()


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ()


@register(Strategy)
class StrategyTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ()


@register(Measure)
class MeasureTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ()


simple_history.register(StrategyDocument, inherit=True, m2m_fields=["municipalities"])
simple_history.register(GoalArea, inherit=True)
simple_history.register(Goal, inherit=True)
simple_history.register(Strategy, inherit=True)
simple_history.register(Measure, inherit=True)
