"""Writes to indicators and their yearly values."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from ..models import (
    ActionPlan,
    Indicator,
    IndicatorValue,
)
from .common import (
    INDICATOR_FIELDS,
    _check_departments,
    _create,
    _require_current,
    _update,
    record_who,
    validate,
)


def _check_owner(document, fields) -> None:
    department = fields.get("responsible_department")
    if department is not None:
        _check_departments(document, [department], "responsible_department")


@transaction.atomic
def indicator_create(*, action_plan: ActionPlan, by, **fields) -> Indicator:
    _require_current(action_plan.document)
    _check_owner(action_plan.document, fields)
    return _create(Indicator, fields=INDICATOR_FIELDS, data=fields, by=by, action_plan=action_plan)


@transaction.atomic
def indicator_update(*, indicator: Indicator, by, expected_version=None, **fields) -> Indicator:
    _require_current(indicator.action_plan.document)
    _check_owner(indicator.action_plan.document, fields)
    return _update(
        indicator, fields=INDICATOR_FIELDS, data=fields, by=by, expected_version=expected_version
    )


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by) -> None:
    record_who(indicator, by)
    indicator.delete()


@transaction.atomic
def indicator_value_set(
    *, indicator: Indicator, year: int, value: Decimal | None, by, note: str = ""
) -> IndicatorValue | None:
    """Record (or, with value None, remove) the indicator's value for a year."""
    existing = indicator.values.filter(year=year).first()
    if value is None:
        if existing is not None:
            record_who(existing, by)
            existing.delete()
        return None
    record = existing or IndicatorValue(indicator=indicator, year=year)
    if record.source and record.value != value:
        # A figure typed (on the page or into an imported file) over a fetched one is a
        # hand value from now on: a later fetch keeps it and shows its own beside it
        # (services.sources).
        record.source, record.fetched_at, record.source_title = "", None, ""
        record.source_value = None
    record.value = value
    record.note = note
    validate(record)
    record_who(record, by)
    record.save()
    return record
