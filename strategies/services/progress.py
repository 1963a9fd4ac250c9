"""Writes of progress: a year's status and note for an activity or a measure.

Approval of a department report calls `progress_record` (by = the reviewer, source = the
report's label), so the history of the record and of the item names who approved it and
which report it came from.
"""

from __future__ import annotations

from django.db import transaction

from intlstrategy.lib.services import bump_version, record_who, set_fields

from ..models import ActionPlanActivity, Measure, ProgressRecord
from .common import _check_departments, validate

# What a caller may set on a year's record besides the item, the year and the writer.
PROGRESS_RECORD_FIELDS = ("status", "note", "department", "source")


def _document_of(item):
    if isinstance(item, ActionPlanActivity):
        return item.action_plan.document
    return item.strategy.document


@transaction.atomic
def progress_record(
    *,
    activity: ActionPlanActivity | None = None,
    measure: Measure | None = None,
    year: int,
    status: str,
    note: str = "",
    department=None,
    source: str = "",
    by,
) -> ProgressRecord:
    """Record `year`'s status of one activity or one measure (a second call for the same
    year replaces the first: a report approved again is the newer word).

    The item's own `progress_status` follows the newest year reported, so a late report
    for an earlier year does not overwrite this year's status.
    """
    if (activity is None) == (measure is None):
        raise TypeError("progress_record takes one of activity= or measure=")
    item = activity if activity is not None else measure
    key = {"activity": item} if activity is not None else {"measure": item}
    record = ProgressRecord.objects.select_for_update().filter(year=year, **key).first()
    if record is None:
        record = ProgressRecord(year=year, **key)
    if department is not None:
        _check_departments(_document_of(item), [department], "department")
    set_fields(
        record,
        fields=PROGRESS_RECORD_FIELDS,
        data={"status": status, "note": note, "department": department, "source": source},
    )
    record.recorded_by = by
    validate(record)
    record_who(record, by, source or None)
    if record.pk is not None:
        bump_version(record)
    # The whole row: who recorded it and when change with every write.
    record.save()

    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.progress_year is None or year >= item.progress_year:
        if (item.progress_status, item.progress_year) != (status, year):
            item.progress_status = status
            item.progress_year = year
            record_who(item, by, source or None)
            # A status change is not an edit: count it, so an editor with the old version
            # open gets the conflict message rather than silently keeping the old status.
            bump_version(item)
            item.save(update_fields=["progress_status", "progress_year", "version"])
    if activity is not None:
        activity.progress_status, activity.progress_year = item.progress_status, item.progress_year
        activity.version = item.version
    else:
        measure.progress_status, measure.progress_year = item.progress_status, item.progress_year
        measure.version = item.version
    return record
