"""Reads of the reporting app: fixed numbers of queries, permission filters in one place."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlstrategy.models import Department

from .models import DepartmentReport, ReportingRound, ReportStatus, is_late

NOT_STARTED = "not_started"
STATE_LABELS = {NOT_STARTED: _("not started"), **dict(ReportStatus.choices)}
STATE_BADGES = {
    NOT_STARTED: "badge-warn",
    ReportStatus.DRAFT: "badge-warn",
    ReportStatus.RETURNED: "badge-bad",
    ReportStatus.SUBMITTED: "",
    ReportStatus.APPROVED: "badge-ok",
}


@dataclass
class RoundRow:
    department: Department
    report: DepartmentReport | None
    late: bool

    @property
    def state(self) -> str:
        return self.report.status if self.report else NOT_STARTED

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def badge(self) -> str:
        return STATE_BADGES[self.state]


def round_rows(round: ReportingRound, access) -> list[RoundRow]:
    """Each department that must report, with its report's state, as far as the user may see."""
    # The tenant condition lets PostgreSQL use the department index instead of hashing
    # every municipality's departments; order_by() drops the report's Meta ordering (a
    # join to the departments and a sort the dict below does not need).
    departments = round.departments.filter(municipality_id=round.municipality_id).order_by("name")
    reports = {
        r.department_id: r
        for r in DepartmentReport.objects.filter(round=round)
        .select_related("submitted_by")
        .order_by()
    }
    today = timezone.localdate()  # once per page, not once per row
    rows = []
    for department in departments:
        report = reports.get(department.pk)
        if not access.is_coordinator:
            own = access.is_department_contact and department.pk in access.department_ids
            approved = (
                access.is_council_member and report and report.status == ReportStatus.APPROVED
            )
            if not (own or approved):
                continue
        late = is_late(round, report.status if report else None, today)
        rows.append(RoundRow(department, report, late))
    return rows


def count_states(rows: list[RoundRow]) -> dict:
    counts = Counter(row.state for row in rows)
    return {
        "items": [(STATE_LABELS[s], counts[s]) for s in STATE_LABELS if counts[s]],
        "late": sum(row.late for row in rows),
    }


def my_open_reports(access) -> list[RoundRow]:
    """A contact's departments in open rounds, with their report (or not started)."""
    if not access.is_department_contact:
        return []
    rounds = list(
        ReportingRound.objects.for_municipality(access.municipality)
        .open()
        .prefetch_related(
            Prefetch(
                "departments",
                queryset=Department.objects.filter(municipality=access.municipality),
            )
        )
        .order_by("-year")
    )
    reports = {
        (r.round_id, r.department_id): r
        for r in DepartmentReport.objects.filter(
            round__in=rounds, department_id__in=access.department_ids
        ).order_by()
    }
    today = timezone.localdate()
    rows = []
    for round in rounds:
        for department in round.departments.all():
            if department.pk in access.department_ids:
                report = reports.get((round.pk, department.pk))
                row = RoundRow(
                    department, report, is_late(round, report.status if report else None, today)
                )
                row.round = round
                rows.append(row)
    return rows


def trip_totals(report: DepartmentReport) -> dict:
    trips = list(report.trips.all())
    return {
        "count": len(trips),
        "km": sum((t.distance_km for t in trips), Decimal(0)),
        "co2": sum((t.co2_kg for t in trips), Decimal(0)),
        "flights": sum(1 for t in trips if t.mode == "flight"),
        "compensated": sum(1 for t in trips if t.compensated),
    }
