"""Writes to the partner registers. The views and tests call these (the demo loader,
`partners/demo.py`, writes its rows directly with `get_or_create`).

Every function validates (`full_clean`) and saves inside a transaction. Every edit of an
existing record is saved with optimistic locking (`save_versioned`): two coordinators
correcting the same consulate or financing line must not silently lose the first save.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intlstrategy.concurrency import lock_unchanged_since, save_versioned
from intlstrategy.lib.languages import codes, column

from .models import (
    Agreement,
    CategoryChange,
    Consulate,
    ContactPerson,
    Evaluation,
    FinancingLine,
    ForumParticipant,
    NetworkMembership,
    Organisation,
    Relation,
    RelationActivity,
    Representation,
)


def _sync_base(obj, field: str, language: str) -> None:
    """Fill the untranslated column from `language` (else any language that has a text).

    The base column (`city`) is what sorting and search read; modeltranslation's
    descriptor would write the active language's column instead, hence `__dict__`."""
    values = [getattr(obj, column(field, language), None)] + [
        getattr(obj, column(field, code), None) for code in codes()
    ]
    obj.__dict__[field] = next((v for v in values if v), "")


def _record(obj, by):
    if hasattr(obj, "recorded_by_id") and obj.recorded_by_id is None and by is not None:
        obj.recorded_by = by
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def relation_create(
    *,
    relation: Relation,
    reason: str,
    by=None,
    date: datetime.date | None = None,
    focus_areas=None,
) -> Relation:
    """Register a relation; its first grading is the first step of the category history."""
    _sync_base(relation, "city", relation.municipality.default_language)
    _sync_base(relation, "description", relation.municipality.default_language)
    relation.full_clean()
    relation.save()
    if focus_areas is not None:
        relation.focus_areas.set(focus_areas)
    _record(
        CategoryChange(
            relation=relation,
            date=date or relation.began_on or timezone.localdate(),
            from_category="",
            to_category=relation.category,
            reason=reason,
        ),
        by,
    )
    return relation


@transaction.atomic
def relation_update(
    *, relation: Relation, expected_version: int | None, by=None, focus_areas=None
) -> Relation:
    """Save edited fields of a relation (not its category: see relation_change_category)."""
    _sync_base(relation, "city", relation.municipality.default_language)
    _sync_base(relation, "description", relation.municipality.default_language)
    relation.full_clean()
    save_versioned(relation, expected_version=expected_version)
    if focus_areas is not None:
        relation.focus_areas.set(focus_areas)
    return relation


@transaction.atomic
def relation_change_category(
    *,
    relation: Relation,
    to_category: str,
    reason: str,
    date: datetime.date | None = None,
    decided_by: str = "",
    decision_date: datetime.date | None = None,
    case_number: str = "",
    by=None,
    expected_version: int | None = None,
) -> CategoryChange:
    """Regrade a relation and record the step with its reason and decision, atomically.
    A change dated before the relation began is refused (whoever calls, not only the form)."""
    relation = Relation.objects.select_for_update().get(pk=relation.pk)
    began = relation.began_on
    if date and began and date < began:
        raise ValidationError(
            {
                "date": _("The change cannot be before the relation began (%(date)s).")
                % {"date": began.isoformat()}
            }
        )
    change = CategoryChange(
        relation=relation,
        date=date or timezone.localdate(),
        from_category=relation.category,
        to_category=to_category,
        reason=(reason or "").strip(),
        decided_by=decided_by,
        decision_date=decision_date,
        case_number=case_number,
    )
    _record(change, by)
    relation.category = to_category
    save_versioned(relation, expected_version=expected_version)
    return change


@transaction.atomic
def relation_end(
    *,
    relation: Relation,
    ended_on: datetime.date,
    reason: str,
    decided_by: str = "",
    case_number: str = "",
    expected_version: int | None = None,
    by=None,
) -> Relation:
    """End a relation as a recorded decision; nothing is deleted."""
    relation.ended_on = ended_on
    relation.end_reason = (reason or "").strip()
    relation.end_decided_by = decided_by
    relation.end_case_number = case_number
    relation.full_clean()
    save_versioned(relation, expected_version=expected_version)
    return relation


@transaction.atomic
def evaluation_create(*, evaluation: Evaluation, by=None) -> Evaluation:
    return _record(evaluation, by)


@transaction.atomic
def evaluation_update(*, evaluation: Evaluation, expected_version: int | None, by=None):
    return _save_edit(evaluation, by, expected_version)


@transaction.atomic
def agreement_create(*, agreement: Agreement, by=None) -> Agreement:
    if agreement.file:
        agreement.file_size = agreement.file.size
    return _record(agreement, by)


@transaction.atomic
def financing_line_create(*, line: FinancingLine, by=None) -> FinancingLine:
    return _record(line, by)


@transaction.atomic
def activity_create(*, activity: RelationActivity, by=None) -> RelationActivity:
    return _record(activity, by)


@transaction.atomic
def contact_create(*, contact: ContactPerson, by=None) -> ContactPerson:
    return _record(contact, by)


@transaction.atomic
def contact_delete(*, contact: ContactPerson, by=None) -> None:
    """Contacts are personal data: removing one removes it (no history is kept)."""
    contact.delete()


@transaction.atomic
def organisation_create(
    *, organisation: Organisation, language: str = "en", by=None
) -> Organisation:
    """Add an organisation; `language` is the one its name was first written in (the
    municipality's), which fills the untranslated column."""
    _sync_base(organisation, "name", language)
    _sync_base(organisation, "description", language)
    if not organisation.name:
        raise ValidationError(
            {column("name", language): _("Give the organisation's name in at least one language.")}
        )
    return _record(organisation, by)


@transaction.atomic
def membership_create(*, membership: NetworkMembership, by=None) -> NetworkMembership:
    return _record(membership, by)


@transaction.atomic
def membership_update(
    *, membership: NetworkMembership, expected_version: int | None, by=None
) -> NetworkMembership:
    membership.full_clean()
    return save_versioned(membership, expected_version=expected_version)


@transaction.atomic
def representation_create(*, representation: Representation, by=None) -> Representation:
    return _record(representation, by)


@transaction.atomic
def consulate_create(*, consulate: Consulate, by=None) -> Consulate:
    return _record(consulate, by)


@transaction.atomic
def forum_participant_create(*, participant: ForumParticipant, by=None) -> ForumParticipant:
    return _record(participant, by)


# --- Corrections after creation: edit and remove ------------------------------------
#
# Every edit and removal records who did it in the history (simple-history keeps a row
# for a removal too). The category history and the ending of a relation are decisions
# and are not edited here.


def _save_edit(obj, by, expected_version: int | None):
    """Validate and save a correction if nobody saved the record since `expected_version`
    (else EditConflict); the history row names `by`."""
    obj._history_user = by
    obj.full_clean()
    return save_versioned(obj, expected_version=expected_version)


@transaction.atomic
def record_delete(*, record, by=None, seen: str | None = None) -> None:
    """Remove an evaluation, financing line, activity, representation, consulate or forum
    participant; the history keeps a row naming `by`. `seen`: the change mark of what the
    remover confirmed (None: not checked); a later change raises EditConflict."""
    if seen is not None:
        lock_unchanged_since(record, seen)
    record._history_user = by
    record.delete()


def _delete_file_on_commit(file_field_file) -> None:
    name, storage = file_field_file.name, file_field_file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def agreement_update(*, agreement: Agreement, expected_version: int | None, by=None) -> Agreement:
    """Save an agreement's metadata; a newly uploaded file replaces the stored one.

    The replaced file is deleted from storage once the change is committed. On an edit
    conflict nothing is written, the new upload included (it is stored by `save`).
    """
    previous = Agreement.objects.select_for_update().get(pk=agreement.pk)
    replaced = bool(agreement.file) and not agreement.file._committed
    if replaced:
        agreement.file_size = agreement.file.size
    _save_edit(agreement, by, expected_version)
    if replaced and previous.file and previous.file.name != agreement.file.name:
        _delete_file_on_commit(previous.file)
    return agreement


@transaction.atomic
def agreement_delete(*, agreement: Agreement, by=None, seen: str | None = None) -> None:
    """Remove an agreement; its stored PDF is deleted once the removal is committed."""
    file = agreement.file
    record_delete(record=agreement, by=by, seen=seen)
    _delete_file_on_commit(file)


@transaction.atomic
def financing_line_update(
    *, line: FinancingLine, expected_version: int | None, by=None
) -> FinancingLine:
    return _save_edit(line, by, expected_version)


@transaction.atomic
def activity_update(
    *, activity: RelationActivity, expected_version: int | None, by=None
) -> RelationActivity:
    return _save_edit(activity, by, expected_version)


@transaction.atomic
def representation_update(
    *, representation: Representation, expected_version: int | None, by=None
) -> Representation:
    return _save_edit(representation, by, expected_version)


@transaction.atomic
def consulate_update(*, consulate: Consulate, expected_version: int | None, by=None) -> Consulate:
    return _save_edit(consulate, by, expected_version)


@transaction.atomic
def forum_participant_update(
    *, participant: ForumParticipant, expected_version: int | None, by=None
) -> ForumParticipant:
    return _save_edit(participant, by, expected_version)
