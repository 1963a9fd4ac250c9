"""The reporting panel on the dashboard: what each role needs from the yearly round."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from intlstrategy.dashboard import Panel, register

from . import selectors
from .models import (
    DepartmentReport,
    FollowUpDocument,
    FollowUpStatus,
    ReportingRound,
    ReportStatus,
    is_late,
)


@dataclass(frozen=True)
class _ReportState:
    """All the panel needs of a department's report: its status."""

    status: str


def _coordinator_rows(round) -> list[selectors.RoundRow]:
    """selectors.round_rows for a coordinator (every department of the round), in one query:
    the departments' names with their report's status, instead of the whole reports."""
    # order_by(): the report's Meta ordering would add a join and a sort to the subquery;
    # the tenant condition keeps PostgreSQL from hashing every municipality's departments.
    status = (
        DepartmentReport.objects.filter(round=round, department=OuterRef("pk"))
        .order_by()
        .values("status")[:1]
    )
    departments = (
        round.departments.filter(municipality_id=round.municipality_id)
        .order_by("name")
        .only("slug", "name", "name_nb", "name_sv", "name_en")
        .annotate(report_status=Subquery(status))
    )
    today = timezone.localdate()  # once per page, not once per row
    return [
        selectors.RoundRow(
            department,
            _ReportState(department.report_status) if department.report_status else None,
            is_late(round, department.report_status, today),
        )
        for department in departments
    ]


@register
def reporting_panel(access):
    context = {"round": None, "late": [], "waiting": [], "mine": [], "followups": []}
    attention = 0
    if access.is_coordinator:
        round = (
            ReportingRound.objects.for_municipality(access.municipality)
            .open()
            .order_by("-year")
            .first()
        )
        if round is not None:
            rows = _coordinator_rows(round)
            context["round"] = round
            context["late"] = [row for row in rows if row.late]
            context["waiting"] = [row for row in rows if row.state == ReportStatus.SUBMITTED]
            attention += len(context["late"]) + len(context["waiting"])
    if access.is_department_contact:
        context["mine"] = selectors.my_open_reports(access)
        attention += sum(
            1
            for row in context["mine"]
            if row.state != ReportStatus.APPROVED and row.state != ReportStatus.SUBMITTED
        )
    if access.is_council_member:
        context["followups"] = list(
            FollowUpDocument.objects.for_municipality(access.municipality).filter(
                status=FollowUpStatus.READY
            )[:5]
        )
    if not any(context.values()) and not access.is_council_member:
        return None
    return Panel(
        template="reporting/_dashboard_panel.html", context=context, order=40, attention=attention
    )
