"""Writes to action plans, their activities and milestones."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intlstrategy.lib.services import bump_version

from ..models import (
    ActionPlan,
    ActionPlanActivity,
    Milestone,
    ProgressStatus,
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


CLOSED_STATUSES = (ProgressStatus.DONE, ProgressStatus.CANCELLED)


def rollover_split(action_plan: ActionPlan) -> tuple[list, list]:
    """(what moves, what closes) at the end of the plan year in progress: of the
    activities not closed by an earlier rollover, the unfinished ones (any status but
    done or cancelled, also never reported) move into the next year; done and cancelled
    ones close. From `action_plan.activities.all()` (prefetch it for a page)."""
    open_ = [a for a in action_plan.activities.all() if a.closed_in_year is None]
    moves = [a for a in open_ if a.progress_status not in CLOSED_STATUSES]
    closes = [a for a in open_ if a.progress_status in CLOSED_STATUSES]
    return moves, closes


@transaction.atomic
def action_plan_roll_over(*, action_plan: ActionPlan, year: int | None, by):
    """End plan year `year`: carry the unfinished activities into the next year, close
    the done and cancelled ones, and make the next year the plan's current one.

    `year` is the year the coordinator confirmed (the page's hidden field): a second
    POST of the same confirmation finds the plan already in the next year and changes
    nothing (returns None). The last plan year cannot roll over past `end_year`.
    Returns the activities carried over."""
    plan = ActionPlan.objects.select_for_update().get(pk=action_plan.pk)  # one at a time
    _require_current(plan.document)
    current = plan.plan_year
    if year is not None and year < current:
        return None  # already done: harmless
    if year != current:
        raise ValidationError(
            _("The plan year in progress is %(year)s; reload the page and confirm again.")
            % {"year": current}
        )
    if current >= plan.end_year:
        raise ValidationError(
            _(
                "%(year)s is the last year of this action plan (%(start)s–%(end)s): it cannot "
                "be carried over into %(next)s. Extend the plan's last year or make a new "
                "action plan first."
            )
            % {"year": current, "start": plan.start_year, "end": plan.end_year, "next": current + 1}
        )
    reason = _("Year rollover %(year)s → %(next)s") % {"year": current, "next": current + 1}
    moves, closes = rollover_split(plan)
    for activity, field in [(a, "carried_from_year") for a in moves] + [
        (a, "closed_in_year") for a in closes
    ]:
        setattr(activity, field, current)
        bump_version(activity)
        record_who(activity, by, reason)
        activity.save(update_fields=[field, "version"])
    plan.current_year = current + 1
    bump_version(plan)
    record_who(plan, by, reason)
    plan.save(update_fields=["current_year", "version"])
    action_plan.current_year, action_plan.version = plan.current_year, plan.version
    return moves
