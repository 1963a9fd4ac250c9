"""What goes into the council follow-up: key figures, charts and the department sections.

Call inside `translation.override(language)`: labels, department and goal-area names and
the charts are made in the active language. Runs a fixed number of queries whatever the
number of departments (everything is prefetched and counted in Python).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from intlstrategy.charts import bar_chart, pie_chart
from intlstrategy.models import Municipality
from partners.models import Category, Relation
from projects.models import ProjectStatus
from strategies.models import (
    GoalArea,
    Indicator,
    IndicatorStatus,
    ProgressRecord,
    ProgressStatus,
)
from strategies.selectors import progress_activities, progress_measures

from .models import ActivityKind, DepartmentReport, ReportingRound, TravelMode

FUNDED_STATUSES = {ProjectStatus.APPROVED, ProjectStatus.ONGOING, ProjectStatus.COMPLETED}


def indicator_status_counts(municipality: Municipality) -> dict[str, int]:
    """Indicators of the adopted action plan(s) by status (on track / at risk / off track,
    and those without a target or value yet)."""
    counts = Counter(
        indicator.status for indicator in Indicator.objects.for_municipality(municipality)
    )
    result = {str(label): counts.get(code, 0) for code, label in IndicatorStatus.choices}
    if counts.get(None):
        result[_("no status yet")] = counts[None]
    return result


def _decimal(value) -> Decimal:
    return Decimal(value) if value not in (None, "") else Decimal(0)


def _not_included(municipality, years, reports) -> list[str]:
    """Departments a round expected a report from whose report is not approved."""
    rounds = (
        ReportingRound.objects.for_municipality(municipality)
        .filter(year__in=years)
        .prefetch_related("departments")
        .order_by("year")
    )
    expected = {(r.year, d.pk): d for r in rounds for d in r.departments.all()}
    approved_keys = {(r.round.year, r.department_id) for r in reports}
    return sorted({d.name for key, d in expected.items() if key not in approved_keys})


class _Tally:
    """One pass over the approved reports: the department sections and the totals."""

    def __init__(self):
        # A project may be in the reports of several departments and years: count it
        # once, as it stood in its latest report.
        self.projects: dict[int, dict] = {}
        self.sections: dict[int, dict] = {}
        self.activity_counts: Counter = Counter()
        self.activity_kinds: Counter = Counter()
        self.participants = 0
        self.trips_by_mode: dict[str, dict] = defaultdict(
            lambda: {"count": 0, "km": Decimal(0), "co2": Decimal(0)}
        )
        self.flights = {
            "count": 0,
            "km": Decimal(0),
            "co2": Decimal(0),
            "compensated": 0,
            "co2_compensated": Decimal(0),
        }
        self.status_labels = {code: str(label) for code, label in ProjectStatus.choices}

    def add(self, report: DepartmentReport) -> None:
        section = self.sections.setdefault(
            report.department_id, {"department": report.department, "reports": []}
        )
        trips = list(report.trips.all())
        activities = list(report.activities.all())
        for activity in activities:
            self.activity_counts[activity.goal_area] += 1
            self.activity_kinds[activity.kind] += 1
            self.participants += activity.participants
        for trip in trips:
            self._add_trip(trip)
        section["reports"].append(
            {
                "report": report,
                "projects": self._project_rows(report),
                "activities": activities,
                "results": [r for r in report.results.all() if r.text.strip()],
                "trips": trips,
                "trip_co2": sum((trip.co2_kg for trip in trips), Decimal(0)),
                "trip_km": sum((trip.distance_km for trip in trips), Decimal(0)),
                "trips_compensated": sum(1 for trip in trips if trip.compensated),
            }
        )

    def _project_rows(self, report) -> list[dict]:
        rows = []
        for row in report.project_rows.all():
            data = row.data
            if not data:
                continue
            self.projects[data["id"]] = data
            rows.append(
                {
                    "data": data,
                    "comment": row.comment,
                    "status_label": self.status_labels.get(data["status"], data["status"]),
                }
            )
        return rows

    def _add_trip(self, trip) -> None:
        totals = self.trips_by_mode[trip.mode]
        totals["count"] += 1
        totals["km"] += trip.distance_km
        totals["co2"] += trip.co2_kg
        if trip.mode == TravelMode.FLIGHT:
            self.flights["count"] += 1
            self.flights["km"] += trip.distance_km
            self.flights["co2"] += trip.co2_kg
            if trip.compensated:
                self.flights["compensated"] += 1
                self.flights["co2_compensated"] += trip.co2_kg

    def projects_by_status(self) -> dict[str, int]:
        by_status = Counter(p["status"] for p in self.projects.values())
        return {
            str(label): by_status[code] for code, label in ProjectStatus.choices if by_status[code]
        }

    def grants(self) -> dict[str, Decimal]:
        grants: dict[str, Decimal] = defaultdict(Decimal)
        for project in self.projects.values():
            if project["status"] in FUNDED_STATUSES and project.get("grant"):
                name = project.get("programme") or _("no programme")
                grants[f"{name} ({project['currency']})"] += _decimal(project["grant"])
        return grants

    def activities_per_goal_area(self) -> dict[str, int]:
        return {
            (str(area) if area else _("no goal area")): count
            for area, count in sorted(
                self.activity_counts.items(),
                key=lambda item: (item[0] is None, getattr(item[0], "number", 0)),
            )
        }


def _twin_towns(municipality) -> dict[str, int]:
    relations = Counter(
        Relation.objects.for_municipality(municipality).active().values_list("category", flat=True)
    )
    return {str(label): relations[code] for code, label in Category.choices}


def _charts(tally: _Tally, twin_towns: dict, indicators: dict) -> list:
    """The charts, each only when it has something to show."""
    charts = []
    projects_by_status = tally.projects_by_status()
    if projects_by_status:
        charts.append(
            bar_chart(
                title=_("Projects and applications by status"),
                labels=list(projects_by_status),
                series={_("projects"): list(projects_by_status.values())},
                value_label=_("status"),
                horizontal=True,
            )
        )
    grants = tally.grants()
    if grants:
        # In thousands: the council's own habit for grant tables.
        charts.append(
            bar_chart(
                title=_("Grants by funding programme"),
                labels=list(grants),
                series={
                    _("grant (thousands)"): [
                        (v / 1000).quantize(Decimal("0.1")) for v in grants.values()
                    ]
                },
                value_label=_("programme"),
                horizontal=True,
            )
        )
    activities_per_goal_area = tally.activities_per_goal_area()
    if activities_per_goal_area:
        charts.append(
            bar_chart(
                title=_("Activities per goal area"),
                labels=list(activities_per_goal_area),
                series={_("activities"): list(activities_per_goal_area.values())},
                value_label=_("goal area"),
                horizontal=True,
            )
        )
    if any(twin_towns.values()):
        charts.append(
            pie_chart(
                title=_("Twin towns by category"),
                values=twin_towns,
                value_label=_("twin towns"),
            )
        )
    flights = tally.flights
    if flights["count"]:
        charts.append(
            pie_chart(
                title=_("Flights and climate compensation"),
                values={
                    _("climate-compensated"): flights["compensated"],
                    _("not compensated"): flights["count"] - flights["compensated"],
                },
                value_label=_("flights"),
            )
        )
    if indicators and any(indicators.values()):
        charts.append(
            pie_chart(
                title=_("Indicators of the action plan by status"),
                values=indicators,
                value_label=_("indicators"),
            )
        )
    return charts


_CLOSED = (ProgressStatus.DONE, ProgressStatus.CANCELLED)


def progress_section(municipality: Municipality, year: int) -> dict:
    """The measures and activities with their status for `year`, per goal area, and what
    is delayed or not reported on. A measure sits under the goal areas it serves; an
    activity under those of its measures (else under "no goal area"). Five queries."""
    records = ProgressRecord.objects.filter(year=year).only(
        "activity_id", "measure_id", "note", "status", "year"
    )
    measures = list(
        progress_measures(municipality)
        .select_related("strategy")
        .prefetch_related(
            Prefetch("goal_areas", queryset=GoalArea.objects.order_by("number")),
            Prefetch("progress_records", queryset=records, to_attr="year_records"),
        )
    )
    activities = list(
        progress_activities(municipality, year).prefetch_related(
            Prefetch("measures__goal_areas", queryset=GoalArea.objects.order_by("number")),
            Prefetch("progress_records", queryset=records, to_attr="year_records"),
        )
    )
    areas: dict = {}
    delayed, unreported = [], []

    def row(item, kind, number, title, goal_areas):
        record = item.year_records[0] if item.year_records else None
        status = record.status if record else ""
        entry = {
            "kind": kind,
            "number": number,
            "title": title,
            "status": status,
            "status_label": (str(ProgressStatus(status).label) if status else _("not reported")),
            "note": record.note if record else "",
        }
        for area in goal_areas or [None]:
            key = area.pk if area else None
            areas.setdefault(key, {"goal_area": area, "items": []})["items"].append(entry)
        if status == ProgressStatus.DELAYED:
            delayed.append(entry)
        elif not status and item.progress_status not in _CLOSED:
            unreported.append(entry)

    for measure in measures:
        row(
            measure,
            _("Measure"),
            f"{measure.strategy.number}{measure.letter}",
            measure.text,
            list(measure.goal_areas.all()),
        )
    for activity in activities:
        goal_areas = {a.pk: a for m in activity.measures.all() for a in m.goal_areas.all()}
        row(
            activity,
            _("Activity"),
            str(activity.number),
            activity.title,
            sorted(goal_areas.values(), key=lambda a: a.number),
        )
    groups = sorted(
        areas.values(),
        key=lambda g: (g["goal_area"] is None, getattr(g["goal_area"], "number", 0)),
    )
    return {
        "year": year,
        "groups": groups,
        "delayed": delayed,
        "unreported": unreported,
        "any": bool(measures or activities),
    }


def followup_context(*, municipality: Municipality, years: list[int], summary: str = "") -> dict:
    reports = list(
        DepartmentReport.objects.for_municipality(municipality)
        .approved()
        .filter(round__year__in=years)
        .with_contents()
        .order_by("department__name", "round__year")
    )
    tally = _Tally()
    for report in reports:
        tally.add(report)
    indicators = indicator_status_counts(municipality)
    kind_labels = dict(ActivityKind.choices)
    mode_labels = dict(TravelMode.choices)
    return {
        "municipality": municipality,
        "years": years,
        "period": str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}",
        "is_term": len(years) > 1,
        "summary": summary,
        "sections": sorted(
            tally.sections.values(), key=lambda section: str(section["department"].name)
        ),
        "not_included": _not_included(municipality, years, reports),
        "key": {
            "departments": len(tally.sections),
            "projects": len(tally.projects),
            "activities": sum(tally.activity_counts.values()),
            "participants": tally.participants,
            "flights": tally.flights,
            "trip_co2": sum((t["co2"] for t in tally.trips_by_mode.values()), Decimal(0)),
        },
        "activity_kinds": [(kind_labels[k], n) for k, n in tally.activity_kinds.most_common()],
        "trips_by_mode": [(mode_labels[m], t) for m, t in sorted(tally.trips_by_mode.items())],
        "indicators": indicators,
        "indicators_any": any(indicators.values()),
        "charts": _charts(tally, _twin_towns(municipality), indicators),
        "kind_labels": kind_labels,
        "mode_labels": mode_labels,
        "progress": progress_section(municipality, years[-1]),
    }


def followup_preview(*, municipality: Municipality, years: list[int]) -> dict:
    """What a follow-up of `years` would include, before it is generated: the departments
    with their counts (the same tally as the document, so the numbers agree) and the
    departments a round expects whose report is not approved, with where it stands."""
    from .models import ReportStatus

    approved = list(
        DepartmentReport.objects.for_municipality(municipality)
        .approved()
        .filter(round__year__in=years)
        .with_contents()
        .order_by("department__name", "round__year")
    )
    tally = _Tally()
    for report in approved:
        tally.add(report)
    included = [
        {
            "department": section["department"],
            "projects": sum(len(item["projects"]) for item in section["reports"]),
            "activities": sum(len(item["activities"]) for item in section["reports"]),
            "trips": sum(len(item["trips"]) for item in section["reports"]),
        }
        for section in sorted(
            tally.sections.values(), key=lambda section: str(section["department"].name)
        )
    ]
    rounds = list(
        ReportingRound.objects.for_municipality(municipality)
        .filter(year__in=years)
        .prefetch_related("departments")
        .order_by("year")
    )
    unapproved_reports = {
        (report.round.year, report.department_id): report
        for report in DepartmentReport.objects.for_municipality(municipality)
        .filter(round__year__in=years)
        .exclude(status=ReportStatus.APPROVED)
        .select_related("round")
    }
    approved_keys = {(r.round.year, r.department_id) for r in approved}
    waiting = []
    for round in rounds:
        for department in sorted(round.departments.all(), key=lambda d: str(d.name)):
            key = (round.year, department.pk)
            if key in approved_keys:
                continue
            report = unapproved_reports.get(key)
            waiting.append(
                {
                    "year": round.year,
                    "department": department,
                    "status": report.status if report else "",
                    "status_label": (report.get_status_display() if report else _("not started")),
                }
            )
    return {
        "included": included,
        "waiting": waiting,
        "rounds": rounds,
        "totals": {
            "departments": len(included),
            "projects": len(tally.projects),
            "activities": sum(tally.activity_counts.values()),
            "trips": sum(item["trips"] for item in included),
        },
    }
