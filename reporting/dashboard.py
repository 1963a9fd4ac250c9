"""The reporting panel on the dashboard: what each role needs from the yearly round."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intlstrategy import continuity
from intlstrategy.dashboard import Panel, register
from strategies.models import ProgressStatus
from strategies.selectors import progress_activities, progress_measures

from . import selectors
from .models import (
    EDITABLE_STATUSES,
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


# A finished or cancelled item has nothing more to report.
_CLOSED = (ProgressStatus.DONE, ProgressStatus.CANCELLED)
# The panel lists this many of each; the rest are counted (the follow-up has them all).
PROGRESS_SHOWN = 10


def progress_year(municipality) -> int:
    """The year the departments report on now: that of the newest reporting round (a
    round for 2026 is filed early in 2027), else this year."""
    newest = (
        ReportingRound.objects.for_municipality(municipality)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return newest or timezone.localdate().year


def progress_overview(municipality, year: int) -> dict:
    """What is delayed and what nobody has reported on for `year`, over the adopted
    document's measures and the current action plan's activities. Three queries (the
    plan, the measures, the activities) whatever their number."""
    measures = list(
        progress_measures(municipality)
        .select_related("strategy")
        .only(
            *("progress_status", "progress_year", "letter", "text"),
            *(f"text_{code}" for code, _name in settings.LANGUAGES),
            *("strategy__number", "strategy__document_id"),
        )
    )
    activities = list(
        progress_activities(municipality, year)
        .select_related("action_plan")
        .only(
            *("progress_status", "progress_year", "number", "title"),
            *(f"title_{code}" for code, _name in settings.LANGUAGES),
            "action_plan__document_id",
        )
    )
    items = [*measures, *activities]
    return {
        "year": year,
        "delayed": [i for i in items if i.progress_status == ProgressStatus.DELAYED],
        "unreported": [
            i for i in items if i.progress_year != year and i.progress_status not in _CLOSED
        ],
        "total": len(items),
    }


@register
def progress_panel(access):
    """Coordinators: the measures and activities that are delayed or not reported on."""
    if not access.is_coordinator:
        return None
    overview = progress_overview(access.municipality, progress_year(access.municipality))
    if not overview["total"]:
        return None
    return Panel(
        template="reporting/_progress_panel.html",
        context={
            **overview,
            "municipality": access.municipality,
            "shown": PROGRESS_SHOWN,
            "delayed_shown": overview["delayed"][:PROGRESS_SHOWN],
            "unreported_shown": overview["unreported"][:PROGRESS_SHOWN],
        },
        order=45,
        attention=len(overview["delayed"]),
    )


@continuity.register
def reports_without_owner(municipality, departments: dict) -> list[continuity.Item]:
    """Reports of open rounds still to be filed by a department nobody answers for."""
    rounds = (
        ReportingRound.objects.for_municipality(municipality)
        .open()
        .filter(departments__in=list(departments))
        .prefetch_related("departments", "reports")
        .distinct()
        .order_by("-year")
    )
    items = []
    for round in rounds:
        done = {r.department_id for r in round.reports.all() if r.status not in EDITABLE_STATUSES}
        for department in round.departments.all():
            if department.pk in departments and department.pk not in done:
                items.append(
                    continuity.Item(
                        kind=_("report"),
                        title=_("International report %(year)s") % {"year": round.year},
                        url=reverse(
                            "reporting:report_detail",
                            kwargs={
                                "municipality": municipality.slug,
                                "year": round.year,
                                "department": department.slug,
                            },
                        ),
                        department=departments[department.pk],
                    )
                )
    return items
