"""The reporting panel on the dashboard: what each role needs from the yearly round."""

from intlstrategy.dashboard import Panel, register

from . import selectors
from .models import FollowUpDocument, FollowUpStatus, ReportingRound, ReportStatus


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
            rows = selectors.round_rows(round, access)
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
