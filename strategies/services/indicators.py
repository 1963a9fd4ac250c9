"""Writes to indicators and their yearly values."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from ..models import (
    ActionPlan,
    Indicator,
    IndicatorValue,
)
from .common import _require_current, _save, _set_fields, validate


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
