"""Reads for the public progress page and its open-data rows.

One document is loaded with everything the page shows in a fixed number of queries
(`progress_document`); filtering by goal area and department happens in Python on the
prefetched rows, so a filter never adds a query and the page, the API and the CSV list
the very same rows (`progress_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from intlstrategy.models import Department

from .models import (
    ActionPlan,
    ActionPlanActivity,
    GoalArea,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressRecord,
    Strategy,
)

_AREA_FIELDS = ("id", "number", "document")


def progress_document(queryset, municipality):
    """`queryset` (documents) with the goal areas, measures, activities and indicators
    the progress page shows prefetched; municipality-specific parts of other owners of a
    joint document are left out, as on the reading page."""
    from django.db.models import Q

    part = Q(municipality__isnull=True) | Q(municipality=municipality)
    return queryset.prefetch_related(
        Prefetch(
            "goal_areas",
            queryset=GoalArea.objects.filter(part).order_by("number"),
        ),
        Prefetch(
            "strategies",
            queryset=Strategy.objects.filter(part)
            .order_by("number")
            .prefetch_related(
                Prefetch("goal_areas", queryset=GoalArea.objects.only(*_AREA_FIELDS))
            ),
        ),
        Prefetch("strategies__measures", queryset=Measure.objects.order_by("letter")),
        "strategies__measures__responsible_departments",
        Prefetch(
            "strategies__measures__goal_areas",
            queryset=GoalArea.objects.only(*_AREA_FIELDS),
        ),
        *measure_progress_prefetches("strategies__measures__"),
        Prefetch("action_plans", queryset=ActionPlan.objects.order_by("start_year", "pk")),
        Prefetch(
            "action_plans__activities",
            queryset=ActionPlanActivity.objects.select_related("responsible_department"),
        ),
        Prefetch(
            "action_plans__activities__measures",
            queryset=Measure.objects.select_related("strategy").prefetch_related(
                Prefetch("goal_areas", queryset=GoalArea.objects.only(*_AREA_FIELDS)),
                Prefetch("strategy__goal_areas", queryset=GoalArea.objects.only(*_AREA_FIELDS)),
            ),
        ),
        *activity_progress_prefetches("action_plans__activities__"),
        Prefetch(
            "action_plans__indicators",
            queryset=Indicator.objects.select_related("responsible_department").order_by("number"),
        ),
        Prefetch(
            "action_plans__indicators__values", queryset=IndicatorValue.objects.order_by("year")
        ),
    )


def _records(prefix: str) -> list:
    """The yearly progress records of the items under `prefix`, newest year first (the
    last report's note is the first one)."""
    return [
        Prefetch(
            f"{prefix}progress_records",
            queryset=ProgressRecord.objects.order_by("-year", "-pk").only(
                "id", "activity", "measure", "year", "status", "note"
            ),
        )
    ]


measure_progress_prefetches = activity_progress_prefetches = _records


def measure_area_ids(measure) -> set[int]:
    """The goal areas a measure serves: its own, else those of its strategy."""
    own = {area.pk for area in measure.goal_areas.all()}
    return own or {area.pk for area in measure.strategy.goal_areas.all()}


def last_progress(item):
    """(status, note, year) of a measure's or an activity's last report: the status the
    item carries (written back on approval), the note of that year's record."""
    records = list(item.progress_records.all())  # prefetched, newest year first
    note = next((r.note for r in records if r.year == item.progress_year), "")
    return item.progress_status, note, item.progress_year


@dataclass
class MeasureRow:
    measure: Measure
    strategy: Strategy
    departments: list
    status: str
    note: str
    year: int | None

    @property
    def reference(self) -> str:
        return f"{self.strategy.number}{self.measure.letter}"


@dataclass
class AreaBlock:
    area: GoalArea
    measures: list[MeasureRow] = field(default_factory=list)


@dataclass
class ActivityRow:
    plan: ActionPlan
    activity: ActionPlanActivity
    status: str
    note: str
    year: int | None


@dataclass
class Progress:
    areas: list[AreaBlock]
    activities: list[ActivityRow]
    indicators: list[Indicator]
    all_areas: list[GoalArea]

    @property
    def measure_count(self) -> int:
        return sum(len(block.measures) for block in self.areas)


def progress_of(document, *, area: int | None = None, department: int | None = None) -> Progress:
    """The page's rows of a `progress_document`, filtered by goal area and department (pks;
    None: all). Indicators belong to the action plan, not to a goal area: the department
    filter applies to them (their responsible department), the goal area filter does not."""
    all_areas = list(document.goal_areas.all())
    blocks = {a.pk: AreaBlock(a) for a in all_areas if area is None or a.pk == area}
    for strategy in document.strategies.all():
        for measure in strategy.measures.all():
            departments = list(measure.responsible_departments.all())
            if department is not None and department not in {d.pk for d in departments}:
                continue
            status, note, year = last_progress(measure)
            for area_pk in sorted(measure_area_ids(measure), key=_area_order(all_areas)):
                if area_pk in blocks:
                    blocks[area_pk].measures.append(
                        MeasureRow(measure, strategy, departments, status, note, year)
                    )
    activities, indicators = [], []
    for plan in document.action_plans.all():
        for activity in plan.activities.all():
            if department is not None and activity.responsible_department_id != department:
                continue
            if area is not None and not any(
                area in measure_area_ids(m) for m in activity.measures.all()
            ):
                continue
            status, note, year = last_progress(activity)
            activities.append(ActivityRow(plan, activity, status, note, year))
        for indicator in plan.indicators.all():
            if department is not None and indicator.responsible_department_id != department:
                continue
            indicators.append(indicator)
    return Progress(
        areas=[b for b in blocks.values()],
        activities=activities,
        indicators=indicators,
        all_areas=all_areas,
    )


def _area_order(areas):
    order = {a.pk: a.number for a in areas}
    return lambda pk: order.get(pk, 0)


def departments_of(document, municipality):
    """The municipality's departments that are responsible for something in the document
    (for the department filter), from the prefetched rows: no query of its own beyond the
    departments themselves."""
    pks = set()
    for strategy in document.strategies.all():
        for measure in strategy.measures.all():
            pks |= {d.pk for d in measure.responsible_departments.all()}
    for plan in document.action_plans.all():
        pks |= {a.responsible_department_id for a in plan.activities.all()}
        pks |= {i.responsible_department_id for i in plan.indicators.all()}
    pks.discard(None)
    return list(Department.objects.filter(municipality=municipality, pk__in=pks).order_by("name"))


def _status_label(status: str) -> str:
    from django.utils.translation import gettext

    from .models import ProgressStatus

    return str(ProgressStatus(status).label) if status else gettext("not reported yet")


def _text(obj, field: str) -> str:
    from intlstrategy.templatetags.portal import trtext

    return trtext(obj, field)


def progress_rows(progress: Progress) -> list[dict]:
    """The page's rows flat, for the open-data API and its CSV (texts in the active
    language, with the page's fallback)."""
    rows = []
    for block in progress.areas:
        for row in block.measures:
            rows.append(
                {
                    "kind": "measure",
                    "reference": row.reference,
                    "goal_area": block.area.number,
                    "action_plan": "",
                    "text": _text(row.measure, "text"),
                    "responsible_departments": [_text(d, "name") for d in row.departments],
                    "status": row.status,
                    "status_label": _status_label(row.status),
                    "year": row.year,
                    "note": row.note,
                    "carried_from_year": None,
                }
            )
    for row in progress.activities:
        department = row.activity.responsible_department
        rows.append(
            {
                "kind": "activity",
                "reference": str(row.activity.number),
                "goal_area": None,
                "action_plan": _text(row.plan, "title"),
                "text": _text(row.activity, "title"),
                "responsible_departments": [_text(department, "name")] if department else [],
                "status": row.status,
                "status_label": _status_label(row.status),
                "year": row.year,
                "note": row.note,
                "carried_from_year": row.activity.carried_from_year,
            }
        )
    return rows
