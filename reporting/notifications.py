"""Who hears of what in the reporting workflow; the services call one function each.

The core's `intlstrategy.notifications.notify` records and sends (once per event, after
commit, in each recipient's language); this module only says, for each moment of the
workflow, who is told, about what, and under which event key. Keys say what makes an
event new: a round opens once per department; a report is returned or approved once per
version (a report returned twice tells the contact twice); a follow-up is ready once.
"""

from __future__ import annotations

import datetime

from intlstrategy.notifications.models import Kind, Notification
from intlstrategy.notifications.services import (
    contacts_of,
    coordinators_of,
    council_members_of,
    notify,
)

# Reminders this old without a submitted report go to the coordinators too.
ESCALATE_AFTER = datetime.timedelta(days=7)
REMINDER_KINDS = (Kind.DUE_SOON, Kind.LATE, Kind.REMINDED)


def _round_data(round, **extra) -> dict:
    return {"year": round.year, "deadline": round.deadline.isoformat(), **extra}


def _report_url(round, department) -> dict:
    return {
        "url_name": "reporting:report_detail",
        "url_kwargs": {
            "municipality": round.municipality.slug,
            "year": round.year,
            "department": department.slug,
        },
    }


def department_reminded(round, department, kind: str, *, event: str = "") -> list:
    """Round opened, deadline soon, late, or the coordinator's "remind now": to the
    department's contact persons. Returns the notifications made now (none: nobody to
    tell, or told already)."""
    return notify(
        kind=kind,
        event=f"round{round.pk}:d{department.pk}{event}",
        recipients=contacts_of(department),
        municipality=round.municipality,
        subject=round,
        department=department,
        data=_round_data(round, days_left=round.days_left()),
        **_report_url(round, department),
    )


def reminders_unanswered(round, department, *, now: datetime.datetime) -> int:
    """The coordinators hear, once, of a department that has not submitted a week after
    its first reminder. Returns how many were told."""
    first = (
        Notification.objects.filter(
            subject_id=round.pk,
            subject_type__app_label="reporting",
            subject_type__model="reportinground",
            department=department,
            kind__in=REMINDER_KINDS,
        )
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if first is None or now - first < ESCALATE_AFTER:
        return 0
    made = notify(
        kind=Kind.ESCALATED,
        event=f"round{round.pk}:d{department.pk}",
        recipients=coordinators_of(round.municipality),
        municipality=round.municipality,
        subject=round,
        department=department,
        data=_round_data(round, since=first.date().isoformat()),
        **_report_url(round, department),
    )
    return len(made)


def report_submitted(report) -> None:
    round = report.round
    notify(
        kind=Kind.SUBMITTED,
        event=f"report{report.pk}:v{report.version}",
        recipients=coordinators_of(round.municipality),
        municipality=round.municipality,
        subject=report,
        department=report.department,
        data=_round_data(round),
        **_report_url(round, report.department),
    )


def report_reviewed(report, kind: str) -> None:
    """Returned (with the comment) or approved: to the department's contact persons and
    whoever submitted the report."""
    round = report.round
    recipients = contacts_of(report.department)
    if report.submitted_by is not None:
        recipients.append(report.submitted_by)
    notify(
        kind=kind,
        event=f"report{report.pk}:v{report.version}",
        recipients=recipients,
        municipality=round.municipality,
        subject=report,
        department=report.department,
        data=_round_data(round, comment=report.review_comment),
        **_report_url(round, report.department),
    )


def followup_ready(document) -> None:
    municipality = document.municipality
    notify(
        kind=Kind.FOLLOWUP_READY,
        event=f"followup{document.pk}",
        recipients=council_members_of(municipality),
        municipality=municipality,
        subject=document,
        data={"period": document.period_label},
        url_name="reporting:followup_detail",
        url_kwargs={"municipality": municipality.slug, "pk": document.pk},
    )
