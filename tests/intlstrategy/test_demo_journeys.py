"""The one-command demo shows every journey at once: a ready council follow-up per closed
round, an open round with reports in every state, a named contact in every department."""

import io
import time

import pytest
from django.core.management import call_command

from intlstrategy.models import Department, Membership, Role, User
from reporting.models import (
    DepartmentReport,
    FollowUpDocument,
    FollowUpStatus,
    ReportingRound,
    ReportStatus,
    RoundStatus,
)

pytestmark = pytest.mark.django_db


def test_every_closed_round_has_a_ready_follow_up_in_the_municipalitys_language(
    django_capture_on_commit_callbacks,
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    print(f"load_demo with follow-up PDFs: {time.monotonic() - started:.1f}s")
    closed = ReportingRound.objects.filter(status=RoundStatus.CLOSED).select_related("municipality")
    assert closed.count() >= 3
    for round in closed:
        documents = FollowUpDocument.objects.filter(
            municipality=round.municipality, year=round.year
        )
        assert [(d.status, d.language) for d in documents] == [
            (FollowUpStatus.READY, round.municipality.default_language)
        ], round
        assert documents[0].file.read(5) == b"%PDF-"
    # A second run requests nothing new.
    documents = FollowUpDocument.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    assert FollowUpDocument.objects.count() == documents


def test_no_pdfs_requests_no_follow_up():
    call_command("load_demo", "--quiet-logins", "--no-pdfs", stdout=io.StringIO())
    assert ReportingRound.objects.filter(status=RoundStatus.CLOSED).exists()
    assert not FollowUpDocument.objects.exists()


def test_open_round_in_every_state_and_a_named_contact_in_every_department():
    out = io.StringIO()
    call_command("load_demo", "--no-pdfs", stdout=out)
    for round in ReportingRound.objects.filter(status=RoundStatus.OPEN):
        reports = {r.status: r for r in DepartmentReport.objects.filter(round=round)}
        assert set(reports) == set(ReportStatus.values), round
        assert reports[ReportStatus.RETURNED].review_comment
        not_started = round.departments.exclude(reports__round=round)
        assert not_started.exists(), "some department has not started"
    # Every department has its own named, active contact person.
    names = {}
    for department in Department.objects.select_related("municipality"):
        contacts = [
            m.user
            for m in Membership.objects.filter(
                role=Role.DEPARTMENT_CONTACT, departments=department, user__is_active=True
            ).select_related("user")
        ]
        assert contacts, department
        assert all(u.first_name and u.last_name for u in contacts)
        names.setdefault(department.municipality.slug, []).extend(
            u.get_full_name() for u in contacts
        )
    for slug, people in names.items():
        assert len(set(people)) == len(people), slug
    coordinators = Membership.objects.filter(role=Role.COORDINATOR).exclude(
        user__username="joint-office"
    )
    assert len({m.user.get_full_name() for m in coordinators}) == coordinators.count()
    # The logins list names the departments in the municipality's own language.
    logins = out.getvalue()
    assert "trondheim-contact-kultur-naering" in logins and "Kultur og næring" in logins
    assert "Kultur- och fritidsförvaltningen" in logins
    assert "Culture and Leisure Department" not in logins
    # One contact person has left (deactivated, still named): the printed list says so,
    # and Trondheim's coordinator finds her among the owners who are missing.
    assert "trondheim-contact-left" in logins and "(has left: cannot log in)" in logins
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="trondheim-coordinator"))
    page = client.get("/en/trondheim/dashboard/").content.decode()
    assert "People who have left but still hold roles" in page and "Marte Kvam" in page
