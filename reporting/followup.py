"""What goes into the council follow-up: key figures, charts and the department sections.

Call inside `translation.override(language)`: labels, department and goal-area names and
the charts are made in the active language. Runs a fixed number of queries whatever the
number of departments (everything is prefetched and counted in Python).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from intlstrategy.charts import bar_chart, pie_chart
from intlstrategy.models import Municipality
from partners.models import Category, Relation
from projects.models import ProjectStatus
from strategies.models import Indicator, IndicatorStatus

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


def followup_context(*, municipality: Municipality, years: list[int], summary: str = "") -> dict:
    reports = list(
        DepartmentReport.objects.for_municipality(municipality)
        .approved()
        .filter(round__year__in=years)
        .with_contents()
        .order_by("department__name", "round__year")
    )
    rounds = list(
        ReportingRound.objects.for_municipality(municipality)
        .filter(year__in=years)
        .prefetch_related("departments")
        .order_by("year")
    )
    expected = {(r.year, d.pk): d for r in rounds for d in r.departments.all()}
    approved_keys = {(r.round.year, r.department_id) for r in reports}
    not_included = sorted({d.name for key, d in expected.items() if key not in approved_keys})

    status_labels = {code: str(label) for code, label in ProjectStatus.choices}
    # A project may be in the reports of several departments and years: count it once,
    # as it stood in its latest report.
    projects: dict[int, dict] = {}
    sections: dict[int, dict] = {}
    activity_counts: Counter = Counter()
    activity_kinds: Counter = Counter()
    trips_by_mode: dict[str, dict] = defaultdict(
        lambda: {"count": 0, "km": Decimal(0), "co2": Decimal(0)}
    )
    flights = {
        "count": 0,
        "km": Decimal(0),
        "co2": Decimal(0),
        "compensated": 0,
        "co2_compensated": Decimal(0),
    }
    for report in reports:
        section = sections.setdefault(
            report.department_id, {"department": report.department, "reports": []}
        )
        rows = []
        for row in report.project_rows.all():
            data = row.data
            if not data:
                continue
            projects[data["id"]] = data
            rows.append(
                {
                    "data": data,
                    "comment": row.comment,
                    "status_label": status_labels.get(data["status"], data["status"]),
                }
            )
        co2 = sum((trip.co2_kg for trip in report.trips.all()), Decimal(0))
        km = sum((trip.distance_km for trip in report.trips.all()), Decimal(0))
        for activity in report.activities.all():
            activity_counts[activity.goal_area] += 1
            activity_kinds[activity.kind] += 1
        for trip in report.trips.all():
            totals = trips_by_mode[trip.mode]
            totals["count"] += 1
            totals["km"] += trip.distance_km
            totals["co2"] += trip.co2_kg
            if trip.mode == TravelMode.FLIGHT:
                flights["count"] += 1
                flights["km"] += trip.distance_km
                flights["co2"] += trip.co2_kg
                if trip.compensated:
                    flights["compensated"] += 1
                    flights["co2_compensated"] += trip.co2_kg
        section["reports"].append(
            {
                "report": report,
                "projects": rows,
                "activities": list(report.activities.all()),
                "results": [r for r in report.results.all() if r.text.strip()],
                "trips": list(report.trips.all()),
                "trip_co2": co2,
                "trip_km": km,
                "trips_compensated": sum(1 for trip in report.trips.all() if trip.compensated),
            }
        )

    by_status = Counter(p["status"] for p in projects.values())
    projects_by_status = {
        str(label): by_status[code] for code, label in ProjectStatus.choices if by_status[code]
    }
    grants: dict[str, Decimal] = defaultdict(Decimal)
    for project in projects.values():
        if project["status"] in FUNDED_STATUSES and project.get("grant"):
            name = project.get("programme") or _("no programme")
            grants[f"{name} ({project['currency']})"] += _decimal(project["grant"])
    activities_per_goal_area = {
        (str(area) if area else _("no goal area")): count
        for area, count in sorted(
            activity_counts.items(),
            key=lambda item: (item[0] is None, getattr(item[0], "number", 0)),
        )
    }
    relations = Counter(
        Relation.objects.for_municipality(municipality).active().values_list("category", flat=True)
    )
    twin_towns = {str(label): relations[code] for code, label in Category.choices}
    indicators = indicator_status_counts(municipality)

    charts = []
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

    kind_labels = dict(ActivityKind.choices)
    mode_labels = dict(TravelMode.choices)
    return {
        "municipality": municipality,
        "years": years,
        "period": str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}",
        "is_term": len(years) > 1,
        "summary": summary,
        "sections": sorted(sections.values(), key=lambda section: str(section["department"].name)),
        "not_included": not_included,
        "key": {
            "departments": len(sections),
            "projects": len(projects),
            "activities": sum(activity_counts.values()),
            "participants": sum(a.participants for r in reports for a in r.activities.all()),
            "flights": flights,
            "trip_co2": sum((t["co2"] for t in trips_by_mode.values()), Decimal(0)),
        },
        "activity_kinds": [(kind_labels[k], n) for k, n in activity_kinds.most_common()],
        "trips_by_mode": [(mode_labels[m], t) for m, t in sorted(trips_by_mode.items())],
        "indicators": indicators,
        "indicators_any": any(indicators.values()),
        "charts": charts,
        "kind_labels": kind_labels,
        "mode_labels": mode_labels,
    }
