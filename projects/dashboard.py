"""Dashboard panel: what in the register needs the user (a fixed number of queries)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from intlstrategy.dashboard import Panel, register

from .models import Project, ProjectStatus

# What the panel shows of a project that needs an update.
OVERDUE_FIELDS = (
    *("title", "title_nb", "title_sv", "title_en"),
    *("status", "decision_expected_on", "end_date"),
)


def needs_update(projects, today: datetime.date):
    """Submitted applications past their expected decision; ongoing projects past their end."""
    return projects.filter(
        Q(status=ProjectStatus.SUBMITTED, decision_expected_on__lt=today)
        | Q(status__in=[ProjectStatus.ONGOING, ProjectStatus.APPROVED], end_date__lt=today)
    )


@register
def projects_panel(access) -> Panel | None:
    if not (access.is_coordinator or access.is_department_contact):
        return None
    today = timezone.localdate()
    projects = Project.objects.for_municipality(access.municipality)
    if not access.is_coordinator:
        projects = projects.filter(lead_department_id__in=access.department_ids)
    overdue = list(
        needs_update(projects, today).only(*OVERDUE_FIELDS).order_by("end_date", "title")[:20]
    )
    pipeline = None
    if access.is_coordinator:
        counts = dict(projects.values_list("status").annotate(n=Count("id")).order_by())
        pipeline = [(status.label, counts.get(status.value, 0)) for status in ProjectStatus]
    return Panel(
        template="projects/_dashboard_panel.html",
        context={
            "overdue": overdue,
            "pipeline": pipeline,
            "municipality": access.municipality,
            "is_coordinator": access.is_coordinator,
        },
        order=40,
        attention=len(overdue),
    )
