"""Translated fields and history, registered together."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    ActionPlan,
    ActionPlanActivity,
    CouncilAmendment,
    DocumentAdoption,
    FollowUp,
    Goal,
    GoalArea,
    Indicator,
    IndicatorValue,
    Measure,
    Milestone,
    ProgressRecord,
    Responsibility,
    Strategy,
    StrategyDocument,
)


@register(StrategyDocument)
class StrategyDocumentTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "document_type",
        "adopting_body_name",
        "introduction",
        "purpose",
        "vision",
        "guidelines",
        "responsibilities",
        "translation_note",
    )
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


@register(CouncilAmendment)
class CouncilAmendmentTranslationOptions(TranslationOptions):
    fields = ("text", "proposed_text")
    required_languages = ()


@register(ActionPlan)
class ActionPlanTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ()


@register(ActionPlanActivity)
class ActionPlanActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description", "result_target")
    required_languages = ()


@register(Milestone)
class MilestoneTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ()


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ()


@register(FollowUp)
class FollowUpTranslationOptions(TranslationOptions):
    fields = ("summary", "decision")
    required_languages = ()


@register(Responsibility)
class ResponsibilityTranslationOptions(TranslationOptions):
    fields = ("body", "duties")
    required_languages = ()


simple_history.register(StrategyDocument, inherit=True, m2m_fields=["municipalities"])
simple_history.register(DocumentAdoption, inherit=True)
simple_history.register(Responsibility, inherit=True)
simple_history.register(GoalArea, inherit=True)
simple_history.register(Goal, inherit=True)
# Many-to-many links are part of what was decided (which goal areas a strategy serves,
# which departments answer for a measure), so their changes are history too.
simple_history.register(Strategy, inherit=True, m2m_fields=["goal_areas"])
simple_history.register(Measure, inherit=True, m2m_fields=["responsible_departments", "goal_areas"])
simple_history.register(CouncilAmendment, inherit=True)
simple_history.register(ActionPlan, inherit=True)
simple_history.register(ActionPlanActivity, inherit=True, m2m_fields=["measures"])
simple_history.register(Milestone, inherit=True)
simple_history.register(Indicator, inherit=True)
simple_history.register(IndicatorValue, inherit=True)
simple_history.register(FollowUp, inherit=True)
# A year's reported status: who approved it and which report it came from (the change
# reason) are what a council asks when a status looks wrong.
simple_history.register(ProgressRecord, inherit=True)
