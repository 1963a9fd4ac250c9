"""Every write to a strategy document goes through these functions.

Versions: an adopted document is never edited in place. `document_start_draft` copies the
whole adopted tree (goal areas, goals, strategies, measures, amendments) into a new
draft; `document_adopt` makes the draft current and marks the previous version as
superseded (never deleted). `document_revert` starts a new draft from any earlier
version, so a revert is one more change in the history, never a rewrite of it.

The action plan and follow-ups are not part of the adopted text: they are edited on the
adopted document and the action plan moves to the new version when that is adopted.

Edits that people make at length use optimistic locking (`expected_version`): the second
of two coordinators saving the same item gets an `EditConflict`.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intlstrategy.concurrency import save_versioned

from .models import (
    ActionPlan,
    ActionPlanActivity,
    CouncilAmendment,
    DocumentAdoption,
    DocumentPdf,
    DocumentStatus,
    FollowUp,
    Goal,
    GoalArea,
    Indicator,
    IndicatorValue,
    Measure,
    Milestone,
    PdfStatus,
    Strategy,
    StrategyDocument,
)

logger = logging.getLogger(__name__)

# Which form field a constraint's message belongs to, so the reader sees it at the field.
_CONSTRAINT_FIELDS = {
    "goal_area_number_unique": "number",
    "strategy_number_unique": "number",
    "goal_letter_unique": "letter",
    "measure_letter_unique": "letter",
    "activity_number_unique": "number",
    "activity_dates_in_order": "ends_on",
    "activity_resources_have_currency": "resources_currency",
    "action_plan_years_in_order": "end_year",
    "indicator_target_needs_unit": "unit",
    "indicator_years_in_order": "target_year",
    "indicator_value_one_per_year": "year",
}


def validate(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """`full_clean`, with constraint messages moved to the field they are about."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        errors = error.update_error_dict({})
        by_message = {
            str(c.violation_error_message): _CONSTRAINT_FIELDS.get(c.name)
            for c in obj._meta.constraints
        }
        general = []
        for item in errors.pop(NON_FIELD_ERRORS, []):
            messages = item.messages if isinstance(item, ValidationError) else [item]
            for message in messages:
                field = by_message.get(str(message))
                target = errors.setdefault(field, []) if field else general
                if str(message) not in [str(m) for m in target]:
                    target.append(message)
        if general:
            errors[NON_FIELD_ERRORS] = general
        raise ValidationError(errors) from None


def _save(obj, *, by, expected_version: int | None = None, exclude=None):
    validate(obj, exclude=exclude)
    obj._history_user = by
    return save_versioned(obj, expected_version=expected_version)


def _set_fields(obj, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


def _require_draft(document: StrategyDocument, *, to_edit: bool = True) -> None:
    if document.status != DocumentStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can be edited. Start a new draft from the adopted document first.")
        )
    # Every owner's council adopts the same text: once one decision is recorded, the
    # joint draft is frozen until the others' are.
    if to_edit and document.adoptions.exists():
        raise ValidationError(
            _(
                "A council's decision on this draft is recorded, so its text can no longer "
                "be changed. Delete the draft to start again."
            )
        )


def _check_departments(document: StrategyDocument, departments, field: str) -> None:
    allowed = set(document.municipalities.values_list("pk", flat=True))
    for department in departments or []:
        if department.municipality_id not in allowed:
            raise ValidationError(
                {
                    field: _("%(department)s belongs to another municipality.")
                    % {"department": department}
                }
            )


# --- Documents ------------------------------------------------------------------


@transaction.atomic
def document_create(*, municipalities, by, **fields) -> StrategyDocument:
    document = StrategyDocument(status=DocumentStatus.DRAFT, **fields)
    _save(document, by=by)
    document.municipalities.set(municipalities)
    return document


@transaction.atomic
def document_update(
    *, document: StrategyDocument, by, expected_version: int | None = None, **fields
) -> StrategyDocument:
    _require_draft(document)
    if "owner" in fields and fields["owner"] is not None:
        _check_departments(document, [fields["owner"]], "owner")
    editor = fields.get("common_part_editor")
    if editor is not None and not document.municipalities.filter(pk=editor.pk).exists():
        raise ValidationError(
            {"common_part_editor": _("Choose one of the municipalities that own the document.")}
        )
    _set_fields(document, fields)
    return _save(document, by=by, expected_version=expected_version)


def current_draft_of(document: StrategyDocument) -> StrategyDocument | None:
    return document.next_versions.filter(status=DocumentStatus.DRAFT).first()


def _copy(obj, *, by=None, **changes):
    """A saved copy of `obj` (all language columns included) with `changes` applied."""
    obj._history_user = by
    obj.pk = None
    obj.id = None
    obj._state.adding = True
    obj.version = 1
    _set_fields(obj, changes)
    obj.save()
    return obj


def _copy_tree(source: StrategyDocument, target: StrategyDocument, by=None) -> None:
    """Copy goal areas, goals, strategies, measures, amendments and the responsibility
    rows of `source` to `target`."""
    for row in list(source.responsibility_rows.all()):
        _copy(row, by=by, document=target)
    area_map, goal_map, strategy_map, measure_map = {}, {}, {}, {}
    for area in list(source.goal_areas.prefetch_related("goals")):
        goals = list(area.goals.all())
        old = area.pk
        area_map[old] = _copy(area, by=by, document=target)
        for goal in goals:
            old_goal = goal.pk
            goal_map[old_goal] = _copy(goal, by=by, goal_area=area_map[old])
    strategies = source.strategies.prefetch_related(
        "goal_areas", "measures__goal_areas", "measures__responsible_departments"
    )
    for strategy in list(strategies):
        measures = list(strategy.measures.all())
        areas = [area_map[a.pk] for a in strategy.goal_areas.all()]
        old = strategy.pk
        strategy_map[old] = copy = _copy(strategy, by=by, document=target)
        copy.goal_areas.set(areas)
        for measure in measures:
            measure_areas = [area_map[a.pk] for a in measure.goal_areas.all()]
            departments = list(measure.responsible_departments.all())
            old_measure = measure.pk
            measure_map[old_measure] = new = _copy(measure, by=by, strategy=copy)
            new.goal_areas.set(measure_areas)
            new.responsible_departments.set(departments)
    for amendment in list(source.amendments.all()):
        _copy(
            amendment,
            by=by,
            document=target,
            goal=goal_map.get(amendment.goal_id),
            strategy=strategy_map.get(amendment.strategy_id),
            measure=measure_map.get(amendment.measure_id),
        )


def _head_of(document: StrategyDocument) -> StrategyDocument:
    """The newest version in the document's line of versions."""
    current = document
    while True:
        newer = current.next_versions.order_by("-pk").first()
        if newer is None:
            return current
        current = newer


@transaction.atomic
def document_start_draft(*, document: StrategyDocument, by) -> StrategyDocument:
    """A new draft version holding a copy of the whole adopted document."""
    if document.status != DocumentStatus.ADOPTED:
        raise ValidationError(_("A new draft can only be started from the adopted document."))
    if current_draft_of(document) is not None:
        raise ValidationError(_("A draft of this document already exists."))
    return _new_draft_from(document, previous=document, by=by)


def _new_draft_from(source: StrategyDocument, *, previous: StrategyDocument, by):
    municipalities = list(source.municipalities.all())
    draft = StrategyDocument.objects.get(pk=source.pk)
    _copy(
        draft,
        status=DocumentStatus.DRAFT,
        previous_version=previous,
        adopted_on=None,
        paragraph="",
        case_number="",
        adopted_by="",
        replaces=previous,
        by=by,
    )
    draft.municipalities.set(municipalities)
    _copy_tree(source, draft, by)
    return draft


@transaction.atomic
def document_revert(*, document: StrategyDocument, by) -> StrategyDocument:
    """Start a new draft whose text is that of the earlier version `document`.

    History is kept: the versions in between stay as they are, and the revert becomes
    current only when the draft is adopted.
    """
    head = _head_of(document)
    if head.status == DocumentStatus.DRAFT:
        raise ValidationError(
            _("A draft of this document already exists. Adopt or delete it first.")
        )
    if head.pk == document.pk:
        raise ValidationError(_("This is already the current version."))
    return _new_draft_from(document, previous=head, by=by)


@transaction.atomic
def document_delete_draft(*, document: StrategyDocument, by) -> None:
    _require_draft(document, to_edit=False)
    document._history_user = by
    document.delete()


@transaction.atomic
def document_adopt(
    *,
    document: StrategyDocument,
    by,
    adopted_by: str,
    adopted_on: datetime.date,
    paragraph: str = "",
    case_number: str = "",
    expected_version: int | None = None,
    municipality=None,
) -> StrategyDocument:
    """The draft becomes the adopted document; the previous version is superseded.

    A joint document: each council adopts by its own decision. This records the
    decision of `municipality` (one of the owners) only; the document is adopted when
    every owner's decision is recorded, on the date of the last one.
    """
    _require_draft(document, to_edit=False)
    errors = {}
    if adopted_on is None:
        errors["adopted_on"] = _("Give the date of the decision.")
    elif adopted_on > timezone.localdate():
        errors["adopted_on"] = _("The adoption date cannot be in the future.")
    previous = document.previous_version
    if (
        adopted_on
        and previous is not None
        and previous.adopted_on
        and adopted_on < previous.adopted_on
    ):
        errors["adopted_on"] = _(
            "The adoption date cannot be before that of the version it replaces (%(date)s)."
        ) % {"date": previous.adopted_on.isoformat()}
    if not adopted_by:
        errors["adopted_by"] = _("Say which body adopted the document.")
    if errors:
        raise ValidationError(errors)
    owners = {m.pk: m for m in document.municipalities.all()}
    if len(owners) > 1:
        decisions = _record_owner_decision(
            document,
            municipality=municipality,
            owners=owners,
            by=by,
            adopted_by=adopted_by,
            adopted_on=adopted_on,
            paragraph=paragraph,
            case_number=case_number,
        )
        if {d.municipality_id for d in decisions} != set(owners):
            # Waiting for the other councils; the version still guards against conflicts.
            return _save(document, by=by, expected_version=expected_version)
        last = max(decisions, key=lambda d: (d.adopted_on, d.pk))
        # Each owner's § and case number are in its own decision, not the document's.
        adopted_by, adopted_on, paragraph, case_number = last.adopted_by, last.adopted_on, "", ""
    document.status = DocumentStatus.ADOPTED
    document.adopted_by = adopted_by
    document.adopted_on = adopted_on
    document.paragraph = paragraph
    document.case_number = case_number
    _save(document, by=by, expected_version=expected_version)
    if previous is not None and previous.status == DocumentStatus.ADOPTED:
        previous.status = DocumentStatus.SUPERSEDED
        previous._history_user = by
        previous.save()
        _move_action_plans(previous, document)
    # The public PDF of the new version is made in the background, in every language.
    transaction.on_commit(lambda: document_pdfs_queue(document=document))
    return document


def _record_owner_decision(
    document: StrategyDocument, *, municipality, owners: dict, by, **decision
) -> list[DocumentAdoption]:
    if municipality is None or municipality.pk not in owners:
        raise ValidationError(_("Only an owner of the document can record its council's decision."))
    if document.adoptions.filter(municipality=municipality).exists():
        raise ValidationError(
            _("The decision of %(municipality)s is already recorded.")
            % {"municipality": municipality}
        )
    record = DocumentAdoption(document=document, municipality=municipality, **decision)
    validate(record)
    record._history_user = by
    record.save()
    # Not `document.adoptions.all()`: the page may have prefetched the decisions before.
    return list(DocumentAdoption.objects.filter(document=document))


def _move_action_plans(source: StrategyDocument, target: StrategyDocument) -> None:
    """Action plans follow the current version; their measure links follow the letters."""
    measures = {
        (m.strategy.number, m.letter): m
        for m in Measure.objects.filter(strategy__document=target).select_related("strategy")
    }
    for plan in source.action_plans.prefetch_related("activities__measures__strategy"):
        for activity in plan.activities.all():
            linked = [
                measures[(m.strategy.number, m.letter)]
                for m in activity.measures.all()
                if (m.strategy.number, m.letter) in measures
            ]
            activity.measures.set(linked)
        plan.document = target
        plan.save()


# --- Goal areas, goals, strategies, measures --------------------------------------


def _renumber_swap(obj, neighbour, field: str, by) -> None:
    """Swap `field` of two siblings without tripping their unique constraint."""
    mine, theirs = getattr(obj, field), getattr(neighbour, field)
    temporary = 32000 if field == "number" else "~"
    setattr(neighbour, field, temporary)
    neighbour.save(update_fields=[field])
    setattr(obj, field, theirs)
    obj._history_user = by
    obj.version += 1
    obj.save()
    setattr(neighbour, field, mine)
    neighbour._history_user = by
    neighbour.version += 1
    neighbour.save()


def _move(obj, siblings: models.QuerySet, field: str, direction: str, by) -> None:
    ordered = list(siblings.order_by(field))
    index = next(i for i, s in enumerate(ordered) if s.pk == obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        _renumber_swap(ordered[index], ordered[other], field, by)


@transaction.atomic
def goal_area_create(*, document: StrategyDocument, by, **fields) -> GoalArea:
    _require_draft(document)
    area = GoalArea(document=document, **fields)
    return _save(area, by=by)


@transaction.atomic
def goal_area_update(*, goal_area: GoalArea, by, expected_version=None, **fields) -> GoalArea:
    _require_draft(goal_area.document)
    _set_fields(goal_area, fields)
    return _save(goal_area, by=by, expected_version=expected_version)


@transaction.atomic
def goal_area_delete(*, goal_area: GoalArea, by) -> None:
    _require_draft(goal_area.document)
    goal_area._history_user = by
    goal_area.delete()


@transaction.atomic
def goal_area_move(*, goal_area: GoalArea, direction: str, by) -> None:
    _require_draft(goal_area.document)
    # Among the goal areas of its own part only: a move never renumbers another
    # municipality's part of a joint document (nor the common part from an own one).
    siblings = goal_area.document.goal_areas.filter(municipality=goal_area.municipality_id)
    _move(goal_area, siblings, "number", direction, by)


@transaction.atomic
def goal_create(*, goal_area: GoalArea, by, **fields) -> Goal:
    _require_draft(goal_area.document)
    return _save(Goal(goal_area=goal_area, **fields), by=by)


@transaction.atomic
def goal_update(*, goal: Goal, by, expected_version=None, **fields) -> Goal:
    _require_draft(goal.goal_area.document)
    _set_fields(goal, fields)
    return _save(goal, by=by, expected_version=expected_version)


@transaction.atomic
def goal_delete(*, goal: Goal, by) -> None:
    _require_draft(goal.goal_area.document)
    goal._history_user = by
    goal.delete()


@transaction.atomic
def goal_move(*, goal: Goal, direction: str, by) -> None:
    _require_draft(goal.goal_area.document)
    _move(goal, goal.goal_area.goals.all(), "letter", direction, by)


@transaction.atomic
def strategy_create(*, document: StrategyDocument, by, goal_areas=(), **fields) -> Strategy:
    _require_draft(document)
    strategy = _save(Strategy(document=document, **fields), by=by)
    strategy.goal_areas.set([a for a in goal_areas if a.document_id == document.pk])
    return strategy


@transaction.atomic
def strategy_update(
    *, strategy: Strategy, by, expected_version=None, goal_areas=None, **fields
) -> Strategy:
    _require_draft(strategy.document)
    _set_fields(strategy, fields)
    _save(strategy, by=by, expected_version=expected_version)
    if goal_areas is not None:
        strategy.goal_areas.set([a for a in goal_areas if a.document_id == strategy.document_id])
    return strategy


@transaction.atomic
def strategy_delete(*, strategy: Strategy, by) -> None:
    _require_draft(strategy.document)
    strategy._history_user = by
    strategy.delete()


@transaction.atomic
def strategy_move(*, strategy: Strategy, direction: str, by) -> None:
    _require_draft(strategy.document)
    siblings = strategy.document.strategies.filter(municipality=strategy.municipality_id)
    _move(strategy, siblings, "number", direction, by)


@transaction.atomic
def measure_create(
    *, strategy: Strategy, by, responsible_departments=(), goal_areas=(), **fields
) -> Measure:
    _require_draft(strategy.document)
    _check_departments(strategy.document, responsible_departments, "responsible_departments")
    measure = _save(Measure(strategy=strategy, **fields), by=by)
    measure.responsible_departments.set(responsible_departments)
    measure.goal_areas.set([a for a in goal_areas if a.document_id == strategy.document_id])
    return measure


@transaction.atomic
def measure_update(
    *,
    measure: Measure,
    by,
    expected_version=None,
    responsible_departments=None,
    goal_areas=None,
    **fields,
) -> Measure:
    document = measure.strategy.document
    _require_draft(document)
    if responsible_departments is not None:
        _check_departments(document, responsible_departments, "responsible_departments")
    _set_fields(measure, fields)
    _save(measure, by=by, expected_version=expected_version)
    if responsible_departments is not None:
        measure.responsible_departments.set(responsible_departments)
    if goal_areas is not None:
        measure.goal_areas.set([a for a in goal_areas if a.document_id == document.pk])
    return measure


@transaction.atomic
def measure_delete(*, measure: Measure, by) -> None:
    _require_draft(measure.strategy.document)
    measure._history_user = by
    measure.delete()


@transaction.atomic
def measure_move(*, measure: Measure, direction: str, by) -> None:
    _require_draft(measure.strategy.document)
    _move(measure, measure.strategy.measures.all(), "letter", direction, by)


# --- Council amendments -------------------------------------------------------------


def _check_amendment_target(amendment: CouncilAmendment) -> None:
    document_id = amendment.document_id
    for field, owner in (
        ("goal", lambda o: o.goal_area.document_id),
        ("strategy", lambda o: o.document_id),
        ("measure", lambda o: o.strategy.document_id),
    ):
        target = getattr(amendment, field)
        if target is not None and owner(target) != document_id:
            raise ValidationError({field: _("Choose an item of this document.")})
    if amendment.decided_on and amendment.decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The decision date cannot be in the future.")})


@transaction.atomic
def amendment_create(*, document: StrategyDocument, by, **fields) -> CouncilAmendment:
    _require_draft(document)
    amendment = CouncilAmendment(document=document, **fields)
    _check_amendment_target(amendment)
    return _save(amendment, by=by)


@transaction.atomic
def amendment_update(
    *, amendment: CouncilAmendment, by, expected_version=None, **fields
) -> CouncilAmendment:
    _require_draft(amendment.document)
    _set_fields(amendment, fields)
    _check_amendment_target(amendment)
    return _save(amendment, by=by, expected_version=expected_version)


@transaction.atomic
def amendment_delete(*, amendment: CouncilAmendment, by) -> None:
    _require_draft(amendment.document)
    amendment._history_user = by
    amendment.delete()


# --- Action plan and indicators ------------------------------------------------------


def _require_current(document: StrategyDocument) -> None:
    if document.status == DocumentStatus.SUPERSEDED:
        raise ValidationError(_("A superseded document can no longer be changed."))


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


@transaction.atomic
def indicator_create(*, action_plan: ActionPlan, by, **fields) -> Indicator:
    _require_current(action_plan.document)
    return _save(Indicator(action_plan=action_plan, **fields), by=by)


@transaction.atomic
def indicator_update(*, indicator: Indicator, by, expected_version=None, **fields) -> Indicator:
    _require_current(indicator.action_plan.document)
    _set_fields(indicator, fields)
    return _save(indicator, by=by, expected_version=expected_version)


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by) -> None:
    indicator._history_user = by
    indicator.delete()


@transaction.atomic
def indicator_value_set(
    *, indicator: Indicator, year: int, value: Decimal | None, by, note: str = ""
) -> IndicatorValue | None:
    """Record (or, with value None, remove) the indicator's value for a year."""
    existing = indicator.values.filter(year=year).first()
    if value is None:
        if existing is not None:
            existing._history_user = by
            existing.delete()
        return None
    record = existing or IndicatorValue(indicator=indicator, year=year)
    record.value = value
    record.note = note
    validate(record)
    record._history_user = by
    record.save()
    return record


# --- Follow-ups -----------------------------------------------------------------------


def _check_follow_up(follow_up: FollowUp) -> None:
    if follow_up.followed_up_on and follow_up.followed_up_on > timezone.localdate():
        raise ValidationError({"followed_up_on": _("The date cannot be in the future.")})
    adopted_on = follow_up.document.adopted_on
    if follow_up.followed_up_on and adopted_on and follow_up.followed_up_on < adopted_on:
        raise ValidationError(
            {"followed_up_on": _("The follow-up cannot be before the document was adopted.")}
        )


@transaction.atomic
def follow_up_create(*, document: StrategyDocument, by, **fields) -> FollowUp:
    follow_up = FollowUp(document=document, **fields)
    _check_follow_up(follow_up)
    return _save(follow_up, by=by)


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, by, expected_version=None, **fields) -> FollowUp:
    _set_fields(follow_up, fields)
    _check_follow_up(follow_up)
    return _save(follow_up, by=by, expected_version=expected_version)


@transaction.atomic
def follow_up_delete(*, follow_up: FollowUp, by) -> None:
    follow_up._history_user = by
    follow_up.delete()


# --- The document's PDF: rendered by a Celery task, never inside a request ---------------


def document_pdf_context(*, document: StrategyDocument, municipality) -> dict:
    """What `strategies/document_pdf.html` needs; `document` comes from `document_tree`."""
    from .selectors import annotate_amendments

    annotate_amendments(document)
    return {
        "municipality": municipality,
        "document": document,
        "proposed": False,
        "has_amendments": bool(document.amendments.all()),
    }


def _pdf_source(
    document_id: int, municipality, language: str
) -> tuple[StrategyDocument, dict, str]:
    """The document as the PDF shows it, its context and the digest of its HTML.

    The HTML (not the PDF) takes milliseconds, so a request can tell whether a stored
    file still shows the current content without rendering the PDF.
    """
    import hashlib

    from django.template.loader import render_to_string
    from django.utils import translation

    from .selectors import document_tree

    document = document_tree(StrategyDocument.objects.all(), municipality).get(pk=document_id)
    context = document_pdf_context(document=document, municipality=municipality)
    with translation.override(language):
        html = render_to_string(
            "strategies/document_pdf.html", {**context, "pdf_language": language}
        )
    return document, context, hashlib.sha256(html.encode()).hexdigest()


def _queue_pdf(pdf: DocumentPdf) -> None:
    from intlstrategy.celery import app

    from .tasks import render_document_pdf_task

    if app.conf.task_always_eager:
        # No broker, so no worker to hand the work to (dev and tests): the caller renders,
        # once the row is saved. With a broker the request only queues, on commit.
        render_document_pdf_task.apply(args=[pdf.pk], throw=True)
        return
    from kombu.exceptions import OperationalError

    try:
        render_document_pdf_task.delay_on_commit(pdf.pk)
    except OperationalError:
        # The broker cannot be reached: say so on the PDF's page (with "try again"), rather
        # than a server error and a PDF "queued" with no message behind it.
        logger.exception("strategy PDF %s could not be queued", pdf.pk)
        with translation.override(pdf.language):
            reason = _(
                "The PDF could not be queued (the service that makes the PDFs could not be "
                "reached). Try again in a few minutes."
            )
        document_pdf_mark_failed(pdf_id=pdf.pk, reason=reason)


def document_pdf_request(
    *, document: StrategyDocument, language: str, municipality=None, digest: str | None = None
) -> DocumentPdf:
    """The document's PDF in `language`: the stored file when it is current, else queued.

    `municipality` is the one reading (a joint document's PDF differs per owner); by
    default the document's owner. A pending render is left to finish; a failed one is
    only tried again when the content changed (else a coordinator retries).
    """
    municipality = municipality or document.owner
    if digest is None:
        digest = _pdf_source(document.pk, municipality, language)[2]
    with transaction.atomic():
        pdf, created = DocumentPdf.objects.select_for_update().get_or_create(
            document=document, municipality=municipality, language=language
        )
        if pdf.is_current(version=document.version, digest=digest):
            return pdf
        if not created and pdf.is_pending and not pdf.is_lost:
            return pdf
        if (
            pdf.effective_status == PdfStatus.FAILED
            and pdf.version == document.version
            and pdf.digest == digest
        ):
            return pdf
        _mark_queued(pdf)
    _queue_pdf(pdf)
    pdf.refresh_from_db()
    return pdf


def _mark_queued(pdf: DocumentPdf) -> None:
    pdf.status = PdfStatus.QUEUED
    pdf.failure_reason = ""
    pdf.requested_at = timezone.now()
    pdf.started_at = None
    pdf.save(update_fields=["status", "failure_reason", "requested_at", "started_at"])


def document_pdf_retry(*, pdf: DocumentPdf) -> DocumentPdf:
    if pdf.effective_status != PdfStatus.FAILED:
        raise ValidationError(_("Only a failed PDF can be tried again."))
    with transaction.atomic():
        _mark_queued(pdf)
    _queue_pdf(pdf)
    pdf.refresh_from_db()
    return pdf


def document_pdfs_queue(*, document: StrategyDocument) -> list[DocumentPdf]:
    """Queue the document's PDF in every language for every owner (after adoption)."""
    from django.conf import settings

    return [
        document_pdf_request(document=document, language=code, municipality=municipality)
        for municipality in document.municipalities.all()
        for code, _name in settings.LANGUAGES
    ]


def document_pdf_render(*, pdf_id: int) -> DocumentPdf:
    """Render one PDF into its file. Idempotent: a current ready file is left alone."""
    from django.core.files.base import ContentFile
    from django.utils import translation
    from django.utils.text import slugify

    from intlstrategy.pdf import render_to_pdf

    with transaction.atomic():
        pdf = (
            DocumentPdf.objects.select_for_update()
            .select_related("document", "municipality")
            .get(pk=pdf_id)
        )
        document, context, digest = _pdf_source(pdf.document_id, pdf.municipality, pdf.language)
        if pdf.is_current(version=document.version, digest=digest):
            return pdf
        pdf.status = PdfStatus.RENDERING
        pdf.started_at = timezone.now()
        pdf.failure_reason = ""
        pdf.version = document.version
        pdf.digest = digest
        pdf.save(update_fields=["status", "started_at", "failure_reason", "version", "digest"])
    try:
        content = render_to_pdf("strategies/document_pdf.html", context, language=pdf.language)
    except SoftTimeLimitExceeded:
        raise  # the task says in plain words that the time ran out
    except Exception:  # logged for the operators; users get a plain reason and may retry
        logger.exception("strategy PDF %s failed", pdf.pk)
        with translation.override(pdf.language):
            reason = _(
                "The PDF could not be made because of an error in the portal. The error has "
                "been recorded for the portal's operators; try again later."
            )
        document_pdf_mark_failed(pdf_id=pdf.pk, reason=reason)
        pdf.refresh_from_db()
        return pdf
    old = pdf.file.name if pdf.file else ""
    with translation.override(pdf.language):
        title = slugify(str(document.title))[:60] or "strategy"
    name = f"{title}-{pdf.language}-{pdf.pk}-v{document.version}.pdf"
    pdf.file.save(name, ContentFile(content), save=False)
    pdf.status = PdfStatus.READY
    pdf.rendered_at = timezone.now()
    pdf.save(update_fields=["file", "status", "rendered_at"])
    if old and old != pdf.file.name:
        pdf.file.storage.delete(old)
    return pdf


def document_pdf_mark_failed(*, pdf_id: int, reason: str) -> None:
    DocumentPdf.objects.filter(pk=pdf_id).exclude(status=PdfStatus.READY).update(
        status=PdfStatus.FAILED, failure_reason=reason
    )
    # No bump: a render's progress is bookkeeping (intlstrategy.public_cache).
