"""Linking indicators to national statistics (Kolada, SSB) and taking in their values.

A fetch never overwrites a value typed by hand: the source's differing figure is kept
beside it (`IndicatorValue.source_value`) until the coordinator takes it.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intlstrategy.lib.services import record_who

from ..models import SOURCES_BY_COUNTRY, Indicator, IndicatorSource, IndicatorValue
from ..sources import client


def sources_for(municipality) -> list[str]:
    return list(SOURCES_BY_COUNTRY.get(municipality.country, []))


def look_up(*, source: str, text: str) -> list[client.Statistic]:
    """Search by words, or by an id typed as it is (N01951, 11342)."""
    text = text.strip()
    if not text:
        return []
    looks_like_id = text.replace(" ", "").isalnum() and any(c.isdigit() for c in text)
    if source == IndicatorSource.KOLADA:
        if looks_like_id:
            try:
                return [client.kolada_kpi(text)]
            except client.NotFound:
                return []
        return client.kolada_search(text)
    if looks_like_id:
        try:
            return [client.ssb_table(text)]
        except client.NotFound:
            return []
    return client.ssb_search(text)


@transaction.atomic
def indicator_link_source(
    *, indicator: Indicator, municipality, source: str, source_id: str, variable: str = "", by
) -> Indicator:
    """Link the indicator to a KPI / table; its title and unit are read from the source."""
    if not source_id.strip():
        raise ValidationError({"source_id": _("Choose a statistic to link to.")})
    if source not in sources_for(municipality):
        raise ValidationError({"source": _("These statistics do not cover your municipality.")})
    if not municipality.statistics_code:
        raise ValidationError(
            {"source": _("Your municipality has no municipality code yet: ask the administrator.")}
        )
    if source == IndicatorSource.KOLADA:
        statistic = client.kolada_kpi(source_id)
        variable = ""
    else:
        statistic = client.ssb_table(source_id)
        if len(statistic.variables) == 1:
            variable = next(iter(statistic.variables))
        if variable not in statistic.variables:
            raise ValidationError({"variable": _("Choose which figure of the table to use.")})
    title = statistic.title
    unit = statistic.unit
    if variable:
        label, unit = statistic.variables[variable]
        title = f"{statistic.title} – {label}"
    indicator.source = source
    indicator.source_id = statistic.id
    indicator.source_variable = variable
    indicator.source_title = title
    indicator.source_title_now = title
    indicator.source_unit = unit
    indicator.source_fetched_at = None
    indicator.full_clean()
    record_who(indicator, by)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_unlink_source(*, indicator: Indicator, by) -> Indicator:
    """Stop fetching; the values fetched so far stay, marked with where they came from."""
    for name in ("source", "source_id", "source_variable", "source_title", "source_title_now"):
        setattr(indicator, name, "")
    indicator.source_unit = ""
    indicator.source_fetched_at = None
    indicator.values.update(source_value=None)
    record_who(indicator, by)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_value_take_source(*, value: IndicatorValue, by) -> IndicatorValue:
    """The coordinator takes the national figure instead of the one typed by hand."""
    if value.source_value is None:
        return value
    value.value = value.source_value
    value.source_value = None
    value.source = value.indicator.source
    value.fetched_at = timezone.now()
    value.source_title = value.indicator.source_title_now
    record_who(value, by)
    value.save()
    return value


@transaction.atomic
def _apply(indicator: Indicator, title: str, figures: dict, now) -> int:
    """Store the fetched {year: value}; returns how many values changed."""
    changed = 0
    existing = {v.year: v for v in indicator.values.all()}
    for year, figure in sorted(figures.items()):
        row = existing.get(year)
        if row is None:
            IndicatorValue.objects.create(
                indicator=indicator,
                year=year,
                value=figure,
                source=indicator.source,
                fetched_at=now,
                source_title=title,
            )
            changed += 1
        elif row.source:  # fetched before: the source may have revised it
            if row.value != figure or row.source_title != title:
                changed += row.value != figure
                row.value, row.source_title = figure, title
            row.fetched_at = now
            row.save(update_fields=["value", "source_title", "fetched_at"])
        else:  # typed by hand: keep it, show the difference
            pending = figure if figure != row.value else None
            if row.source_value != pending:
                row.source_value = pending
                row.save(update_fields=["source_value"])
    indicator.source_title_now = title
    indicator.source_fetched_at = now
    indicator.save(update_fields=["source_title_now", "source_fetched_at"])
    return changed


def refresh_indicators(indicator_ids=None) -> dict:
    """Fetch every linked indicator (or the given ones): one Kolada request (with its
    pages) per KPI and one SSB request per table, for all municipalities at once."""
    indicators = Indicator.objects.linked().prefetch_related(
        "action_plan__document__municipalities"
    )
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=indicator_ids)
    groups = defaultdict(list)
    for indicator in indicators:
        for municipality in indicator.action_plan.document.municipalities.all():
            if municipality.statistics_code and indicator.source in sources_for(municipality):
                groups[(indicator.source, indicator.source_id)].append(
                    (indicator, municipality.statistics_code)
                )
    now = timezone.now()
    changed = 0
    http = client.session()
    for (source, source_id), members in groups.items():
        codes = sorted({code for _indicator, code in members})
        if source == IndicatorSource.KOLADA:
            title = client.kolada_kpi(source_id, http=http).title
            data = client.kolada_values(source_id, codes, http=http)
            for indicator, code in members:
                changed += _apply(indicator, title, data.get(code, {}), now)
        else:
            variables = sorted({i.source_variable for i, _code in members})
            table_title, data = client.ssb_values(source_id, codes, variables, http=http)
            labels = client.ssb_table(source_id, http=http).variables
            for indicator, code in members:
                label = labels.get(indicator.source_variable, ("", ""))[0]
                title = f"{table_title} – {label}" if label else table_title
                changed += _apply(
                    indicator, title, data.get((code, indicator.source_variable), {}), now
                )
    return {"groups": len(groups), "changed": changed}


def queue_indicator_refresh(indicator: Indicator) -> None:
    """Fetch one indicator's values in the background, once the request has committed."""
    from ..tasks import refresh_indicator_sources_task

    refresh_indicator_sources_task.delay_on_commit([indicator.pk])
