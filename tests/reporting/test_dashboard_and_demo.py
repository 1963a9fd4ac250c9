"""Dashboard panels per role, and the demo data."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from reporting.models import (
    DepartmentReport,
    FollowUpDocument,
    FollowUpStatus,
    ReportingRound,
    ReportStatus,
)
from tests.factories import DepartmentFactory
from tests.querycount import assert_constant_queries
from tests.reporting.factories import make_report, make_round

pytestmark = pytest.mark.django_db


def dashboard(municipality):
    with translation.override("en"):
        return reverse("municipality_dashboard", kwargs={"municipality": municipality.slug})


def test_coordinator_sees_late_departments_and_reports_to_review(
    client, coordinator, municipality, department, other_department
):
    round = make_round(
        municipality, [department, other_department], year=2025, deadline=datetime.date(2026, 1, 1)
    )
    make_report(round, other_department, status=ReportStatus.SUBMITTED)
    client.force_login(coordinator)
    body = client.get(dashboard(municipality)).content.decode()
    late = body.split("Departments late with their report")[1].split("</ul>")[0]
    waiting = body.split("Reports waiting for your review")[1].split("</ul>")[0]
    assert department.name in late and other_department.name not in late
    assert other_department.name in waiting


def test_contact_sees_their_report_for_the_open_round(
    client, contact, municipality, department, other_department
):
    round = make_round(
        municipality, [department, other_department], year=2026, deadline=datetime.date(2099, 1, 1)
    )
    make_report(round, department, status=ReportStatus.RETURNED)
    client.force_login(contact)
    body = client.get(dashboard(municipality)).content.decode()
    mine = body.split("Your reports")[1].split("</ul>")[0]
    assert (
        department.name in mine
        and "returned for changes" in mine
        and other_department.name not in mine
    )


def test_council_member_sees_the_latest_ready_follow_ups(client, council_member, municipality):
    FollowUpDocument.objects.create(
        municipality=municipality, year=2024, language="sv", status=FollowUpStatus.READY
    )
    FollowUpDocument.objects.create(
        municipality=municipality, year=2025, language="sv", status=FollowUpStatus.QUEUED
    )
    client.force_login(council_member)
    body = client.get(dashboard(municipality)).content.decode()
    assert "Follow-up 2024" in body and "Follow-up 2025" not in body


def test_dashboard_panel_runs_a_fixed_number_of_queries(client, coordinator, municipality):
    round = make_round(municipality, [], year=2025, deadline=datetime.date(2026, 1, 1))
    client.force_login(coordinator)

    def grow():
        department = DepartmentFactory(municipality=municipality)
        round.departments.add(department)
        make_report(round, department, status=ReportStatus.SUBMITTED)
        round.departments.add(DepartmentFactory(municipality=municipality))

    assert_constant_queries(client, dashboard(municipality), grow)


def test_demo_is_idempotent_and_ready_for_a_follow_up():
    call_command("load_demo", quiet_logins=True, stdout=open("/dev/null", "w"))
    counts = (ReportingRound.objects.count(), DepartmentReport.objects.count())
    call_command("load_demo", quiet_logins=True, stdout=open("/dev/null", "w"))
    assert (ReportingRound.objects.count(), DepartmentReport.objects.count()) == counts
    for slug in ("trondheim", "vaxjo"):
        done = ReportingRound.objects.get(municipality__slug=slug, year=2025)
        assert done.reports.filter(status=ReportStatus.APPROVED).count() >= 3
        assert all(
            r.activities.exists() and r.results.exists() and r.trips.exists()
            for r in done.reports.all()
        )
        # Approved reports of the closed round were submitted before its deadline and
        # reviewed after they were submitted (not both "today").
        for report in done.reports.all():
            assert report.submitted_at.date() < done.deadline
            assert report.submitted_at < report.reviewed_at < timezone.now()
        current = ReportingRound.objects.get(municipality__slug=slug, year=2026)
        assert current.is_open and current.reports.filter(status=ReportStatus.DRAFT).exists()
    assert not ReportingRound.objects.filter(is_demo=False).exists()
    # The instructions are written in the municipality's language only: an English view
    # shows them in Swedish or Norwegian with lang (WCAG 3.1.2), never as "English".
    for round in ReportingRound.objects.select_related("municipality"):
        language = round.municipality.default_language
        assert getattr(round, f"instructions_{language}")
        assert not any(
            getattr(round, f"instructions_{code}")
            for code in ("nb", "sv", "en")
            if code != language
        )
