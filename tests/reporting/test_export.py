"""A reporting round as a spreadsheet: one row per report, drafts' contents never, the
reports each reader may see only."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from reporting.models import ReportStatus
from tests.reporting.conftest import complete
from tests.reporting.factories import make_report

pytestmark = pytest.mark.django_db


def url(municipality, year, fmt="xlsx", lang="en"):
    return f"/{lang}/{municipality.slug}/reporting/{year}/reports.{fmt}"


def test_one_row_per_report_with_totals_and_drafts_without_contents(
    client, coordinator, municipality, round, report, goal_areas, other_department
):
    complete(report, goal_areas)
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.save()
    make_report(round, other_department)  # a draft
    client.force_login(coordinator)
    response = client.get(url(municipality, round.year, lang="nb"))
    assert response.status_code == 200
    assert (
        f"vaxjo-reports-{round.year}-{datetime.date.today()}.xlsx"
        in (response["Content-Disposition"])
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows())
    headings = [c.value for c in rows[0]]
    assert headings[:2] == ["Virksomhet", "Status"]
    by_department = {r[0].value: dict(zip(headings, r, strict=True)) for r in rows[1:]}
    submitted = by_department[report.department.name_nb]
    assert submitted["Levert"].is_date
    assert submitted["Aktiviteter"].value == 1 and submitted["Deltakere"].value == 3
    draft = by_department[other_department.name_nb]
    assert draft["Aktiviteter"].value is None and draft["Prosjekter"].value is None


def test_a_council_member_gets_approved_reports_only(
    client, council_member, municipality, round, report
):
    client.force_login(council_member)
    text = client.get(url(municipality, round.year, "csv")).content.decode("utf-8-sig")
    assert text.splitlines()[1:] == []


def test_other_tenant_is_not_found(client, foreign_coordinator, municipality, round):
    client.force_login(foreign_coordinator)
    assert client.get(url(municipality, round.year)).status_code == 404
