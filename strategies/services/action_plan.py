"""Writes to action plans, their activities and milestones."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    ActionPlan,
    ActionPlanActivity,
    Milestone,
    StrategyDocument,
)
from .common import _check_departments, _require_current, _save, _set_fields


@transaction.atomic
def action_plan_create(*, document: StrategyDocument, by, **fields) -> ActionPlan:
    _require_current(document)
    return _save(ActionPlan(document=document, **fields), by=by)


@transaction.atomic
def action_plan_update(*, action_plan: ActionPlan, by, expected_version=None, **fields):
    _require_current(action_plan.document)
    _set_fields(action_plan, fields)
    return _save(action_plan, by=by, expected_version=expected_version)


@transaction.atomic
def action_plan_delete(*, action_plan: ActionPlan, by) -> None:
    _require_current(action_plan.document)
    action_plan._history_user = by
    action_plan.delete()


def _check_activity(activity: ActionPlanActivity, measures) -> None:
    document = activity.action_plan.document
    if activity.responsible_department is not None:
        _check_departments(document, [activity.responsible_department], "responsible_department")
    for measure in measures or []:
        if measure.strategy.document_id != document.pk:
            raise ValidationError({"measures": _("Choose measures of this document.")})


@transaction.atomic
def activity_create(*, action_plan: ActionPlan, by, measures=(), **fields) -> ActionPlanActivity:
    _require_current(action_plan.document)
    activity = ActionPlanActivity(action_plan=action_plan, **fields)
    _check_activity(activity, measures)
    _save(activity, by=by)
    activity.measures.set(measures)
    return activity


@transaction.atomic
def activity_update(
    *, activity: ActionPlanActivity, by, expected_version=None, measures=None, **fields
) -> ActionPlanActivity:
    _require_current(activity.action_plan.document)
    _set_fields(activity, fields)
    _check_activity(activity, measures)
    _save(activity, by=by, expected_version=expected_version)
    if measures is not None:
        activity.measures.set(measures)
    return activity


@transaction.atomic
def activity_delete(*, activity: ActionPlanActivity, by) -> None:
    _require_current(activity.action_plan.document)
    activity._history_user = by
    activity.delete()


@transaction.atomic
def milestone_create(*, activity: ActionPlanActivity, by, **fields) -> Milestone:
    return _save(Milestone(activity=activity, **fields), by=by)


@transaction.atomic
def milestone_update(*, milestone: Milestone, by, expected_version=None, **fields) -> Milestone:
    _set_fields(milestone, fields)
    return _save(milestone, by=by, expected_version=expected_version)


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by) -> None:
    milestone._history_user = by
    milestone.delete()
