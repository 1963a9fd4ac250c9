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
from .common import (
    ACTION_PLAN_FIELDS,
    ACTIVITY_FIELDS,
    MILESTONE_FIELDS,
    _check_departments,
    _create,
    _require_current,
    _save,
    _update,
    check_fields,
    record_who,
)


@transaction.atomic
def action_plan_create(*, document: StrategyDocument, by, **fields) -> ActionPlan:
    _require_current(document)
    return _create(ActionPlan, fields=ACTION_PLAN_FIELDS, data=fields, by=by, document=document)


@transaction.atomic
def action_plan_update(*, action_plan: ActionPlan, by, expected_version=None, **fields):
    _require_current(action_plan.document)
    return _update(
        action_plan,
        fields=ACTION_PLAN_FIELDS,
        data=fields,
        by=by,
        expected_version=expected_version,
    )


@transaction.atomic
def action_plan_delete(*, action_plan: ActionPlan, by) -> None:
    _require_current(action_plan.document)
    record_who(action_plan, by)
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
    check_fields(fields, ACTIVITY_FIELDS)
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
    _update(
        activity,
        fields=ACTIVITY_FIELDS,
        data=fields,
        by=by,
        expected_version=expected_version,
        check=lambda activity: _check_activity(activity, measures),
    )
    if measures is not None:
        activity.measures.set(measures)
    return activity


@transaction.atomic
def activity_delete(*, activity: ActionPlanActivity, by) -> None:
    _require_current(activity.action_plan.document)
    record_who(activity, by)
    activity.delete()


@transaction.atomic
def milestone_create(*, activity: ActionPlanActivity, by, **fields) -> Milestone:
    return _create(Milestone, fields=MILESTONE_FIELDS, data=fields, by=by, activity=activity)


@transaction.atomic
def milestone_update(*, milestone: Milestone, by, expected_version=None, **fields) -> Milestone:
    return _update(
        milestone, fields=MILESTONE_FIELDS, data=fields, by=by, expected_version=expected_version
    )


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by) -> None:
    record_who(milestone, by)
    milestone.delete()
