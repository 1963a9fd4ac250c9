"""A reporting round as a spreadsheet: one row per department's report.

One row per report, not per reported item: the round's table is what the coordinator
follows up and what the council secretary sums (how many activities, participants, trips,
kilograms of CO2 per department); the items themselves are mixed kinds (projects,
activities, trips) that would need one sheet each. A report still being written (draft,
or returned for changes) shows its department and status only: drafts are never exported.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intlstrategy.lib import tabular
from intlstrategy.lib.tabular import AMOUNT, DATE, INTEGER, Column

from .models import EDITABLE_STATUSES, DepartmentReport


def _final(report) -> bool:
    return report.status not in EDITABLE_STATUSES


def _when(value):
    return timezone.localtime(value).date() if value else None


def _count(name):
    return lambda r: len(getattr(r, name).all()) if _final(r) else None


def _co2(report):
    if not _final(report):
        return None
    return sum((t.co2_kg or Decimal(0) for t in report.trips.all()), Decimal(0))


def _participants(report):
    if not _final(report):
        return None
    return sum(a.participants or 0 for a in report.activities.all())


COLUMNS = [
    Column("department", gettext_lazy("Department"), lambda r: r.department.name),
    Column("status", gettext_lazy("Status"), lambda r: r.get_status_display()),
    Column("submitted", gettext_lazy("Submitted"), lambda r: _when(r.submitted_at), DATE),
    Column("reviewed", gettext_lazy("Reviewed"), lambda r: _when(r.reviewed_at), DATE),
    Column("projects", gettext_lazy("Projects"), _count("project_rows"), INTEGER),
    Column("activities", gettext_lazy("Activities"), _count("activities"), INTEGER),
    Column("participants", gettext_lazy("Participants"), _participants, INTEGER),
    Column("trips", gettext_lazy("Trips"), _count("trips"), INTEGER),
    Column("co2_kg", gettext_lazy("CO2 (kg)"), _co2, AMOUNT),
]


def export(access, round, fmt: str):
    reports = (
        DepartmentReport.objects.visible_to(access)
        .filter(round=round)
        .with_contents()
        .order_by("department__name", "pk")
    )
    return tabular.download(
        COLUMNS,
        reports,
        fmt=fmt,
        municipality=access.municipality,
        what=f"reports-{round.year}",
        title=_("Reports %(year)s") % {"year": round.year},
    )
