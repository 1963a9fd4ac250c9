"""Writes to a strategy document and its structure: versions (draft, adopt, revert) and the
goal areas, goals, strategies and measures of the text.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    DocumentAdoption,
    DocumentStatus,
    Goal,
    GoalArea,
    Measure,
    Strategy,
    StrategyDocument,
)
from .common import _check_departments, _move, _require_draft, _save, _set_fields, validate
from .pdf import document_pdfs_queue


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
