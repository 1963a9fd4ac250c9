"""Notifications of the reporting workflow: each sent exactly once, to the right people,
in their language, queued on commit; the coordinator's "remind now" and the escalation."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from intlstrategy.models import Department
from intlstrategy.notifications.models import Kind, Notification
from reporting import services, tasks
from reporting.models import ReportStatus
from tests.factories import (
    CoordinatorFactory,
    CouncilMemberFactory,
    DepartmentContactFactory,
    DepartmentFactory,
)
from tests.reporting.conftest import complete
from tests.reporting.factories import make_report, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_opening_a_round_tells_each_contact_once_in_their_language(
    municipality, department, other_department, coordinator, on_commit
):
    swedish = DepartmentContactFactory(department=department, preferred_language="sv")
    english = DepartmentContactFactory(department=other_department, preferred_language="en")
    with on_commit():
        round = services.round_open(
            municipality=municipality,
            year=2026,
            deadline=datetime.date(2027, 2, 26),
            departments=[department, other_department],
            by=coordinator,
        )
    with on_commit():
        tasks.notify_round_opened_task(round.pk)  # run again: nothing more
    assert len(_to(swedish)) == 1 and len(_to(english)) == 1
    assert len(mail.outbox) == 2
    assert "rapporteringsomgången är öppen" in _to(swedish)[0].subject
    assert "/sv/vaxjo/reporting/2026/utbildning/" in _to(swedish)[0].body
    assert "reporting round is open" in _to(english)[0].subject
    assert Notification.objects.filter(kind=Kind.ROUND_OPENED).count() == 2
    assert all(n.emailed_at for n in Notification.objects.all())


def test_nothing_is_sent_when_the_opening_is_rolled_back(municipality, department, contact):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.round_open(
            municipality=municipality,
            year=2026,
            deadline=datetime.date(2027, 2, 26),
            departments=[department],
        )
        raise RuntimeError
    assert mail.outbox == [] and not Notification.objects.exists()


def test_the_email_task_run_twice_sends_once(municipality, department, contact, on_commit):
    round = make_round(municipality, [department])
    with on_commit():
        services.round_notify_opened(round=round)
    notification = Notification.objects.get()
    from intlstrategy.notifications.tasks import send_notification_email_task

    assert send_notification_email_task(notification.pk) is False
    assert len(mail.outbox) == 1


def test_a_submission_tells_the_municipalitys_coordinators_only(
    municipality, other_municipality, department, contact, report, goal_areas, on_commit
):
    first = CoordinatorFactory(municipality=municipality, preferred_language="sv")
    second = CoordinatorFactory(municipality=municipality, preferred_language="en")
    foreign = CoordinatorFactory(municipality=other_municipality)
    report = complete(report, goal_areas)
    with on_commit():
        services.report_submit(report=report, expected_version=report.version, by=contact)
    assert len(_to(first)) == 1 and len(_to(second)) == 1
    assert _to(foreign) == [] and _to(contact) == []
    assert "har lämnat in sin internationella rapport 2025" in _to(first)[0].subject
    assert "has submitted its international report 2025" in _to(second)[0].subject


def test_a_return_tells_the_contact_with_the_comment_and_a_second_return_again(
    municipality, department, contact, coordinator, report, goal_areas, on_commit
):
    report = complete(report, goal_areas)
    services.report_submit(report=report, expected_version=report.version, by=contact)
    mail.outbox.clear()
    with on_commit():
        services.report_return(report=report, comment="Add the Riga trip, please.", by=coordinator)
    message = _to(contact)[0]
    assert "har skickats tillbaka till dig" in message.subject
    assert "Add the Riga trip, please." in message.body
    report.refresh_from_db()
    services.report_submit(report=report, expected_version=report.version, by=contact)
    with on_commit():
        services.report_return(report=report, comment="And the CO2 figure.", by=coordinator)
    assert len(_to(contact)) == 2
    assert "And the CO2 figure." in _to(contact)[1].body
    assert Notification.objects.filter(kind=Kind.RETURNED, recipient=contact).count() == 2


def test_an_approval_tells_the_contact(
    municipality, department, contact, coordinator, report, goal_areas, on_commit
):
    report = complete(report, goal_areas)
    services.report_submit(report=report, expected_version=report.version, by=contact)
    with on_commit():
        services.report_approve(report=report, by=coordinator)
    assert Notification.objects.get(kind=Kind.APPROVED).recipient == contact
    assert len([m for m in _to(contact) if "godkänd" in m.subject]) == 1


def test_a_ready_follow_up_tells_the_council_members_once(
    municipality, coordinator, council_member, on_commit
):
    english = CouncilMemberFactory(municipality=municipality, preferred_language="en")
    make_round(municipality, [], year=2025)
    with on_commit():
        document = services.followup_request(
            municipality=municipality, language="sv", year=2025, by=coordinator
        )
    document.refresh_from_db()
    assert document.status == "ready"
    services.followup_render(document_id=document.pk)  # again: already ready, nothing sent
    assert len(_to(council_member)) == 1 and len(_to(english)) == 1
    assert "council follow-up 2025" in _to(english)[0].subject
    assert f"/en/vaxjo/reporting/followups/{document.pk}/" in _to(english)[0].body
    assert _to(coordinator) == []


def test_reminders_unanswered_for_a_week_go_to_the_coordinator_once(
    municipality, department, other_department, contact, other_contact, coordinator, on_commit
):
    today = timezone.localdate()
    round = make_round(
        municipality, [department, other_department], deadline=today + datetime.timedelta(days=6)
    )
    with on_commit():
        services.reminders_send()
    assert not Notification.objects.filter(kind=Kind.ESCALATED).exists()
    make_report(round, other_department, status=ReportStatus.SUBMITTED)  # that one answered
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    round.deadline = today - datetime.timedelta(days=2)
    round.save()
    with on_commit():
        services.reminders_send()
    with on_commit():
        services.reminders_send()
    escalated = Notification.objects.get(kind=Kind.ESCALATED)
    assert escalated.recipient == coordinator and escalated.department == department
    assert len([m for m in _to(coordinator) if department.name_sv in m.subject]) == 1


# --- remind now ------------------------------------------------------------------------


@pytest.fixture
def late_round(municipality, department, other_department):
    return make_round(
        municipality,
        [department, other_department],
        deadline=timezone.localdate() - datetime.timedelta(days=3),
    )


def _remind(client, round, on_commit, department=None):
    data = {"department": department.pk} if department else {}
    with on_commit():
        return client.post(f"/en/vaxjo/reporting/{round.year}/remind/", data, follow=True)


def test_remind_now_one_late_department(
    client, coordinator, contact, other_contact, department, late_round, on_commit
):
    client.force_login(coordinator)
    page = client.get(f"/en/vaxjo/reporting/{late_round.year}/")
    assert b"Remind all 2 late departments now" in page.content
    response = _remind(client, late_round, on_commit, department)
    assert "A reminder was sent" in response.content.decode()
    assert len(_to(contact)) == 1 and _to(other_contact) == []
    assert "Påminnelse från internationella kontoret" in _to(contact)[0].subject
    again = _remind(client, late_round, on_commit, department)
    assert "Already reminded today" in again.content.decode()
    assert len(_to(contact)) == 1


def test_remind_now_all_late_names_those_nobody_receives(
    client, coordinator, contact, department, other_department, late_round, on_commit
):
    client.force_login(coordinator)
    response = _remind(client, late_round, on_commit)
    text = response.content.decode()
    assert len(_to(contact)) == 1
    assert "No reminder could be sent to Department omsorg" in text
    # … and the round page links to naming a contact there and then.
    assert f"?role=department_contact&amp;department={other_department.pk}" in text


def test_remind_now_skips_departments_that_submitted(
    client, coordinator, contact, other_contact, other_department, late_round, on_commit
):
    make_report(late_round, other_department, status=ReportStatus.SUBMITTED)
    client.force_login(coordinator)
    _remind(client, late_round, on_commit)
    assert len(_to(contact)) == 1 and _to(other_contact) == []
    refused = _remind(client, late_round, on_commit, other_department)
    assert "has already submitted" in refused.content.decode()


def test_opening_names_the_departments_that_get_nothing(
    client, coordinator, contact, department, municipality, on_commit
):
    silent = DepartmentFactory(municipality=municipality, slug="kultur")
    client.force_login(coordinator)
    form = client.get("/en/vaxjo/reporting/rounds/new/")
    assert f"department={silent.pk}" in form.content.decode()
    with on_commit():
        response = client.post(
            "/en/vaxjo/reporting/rounds/new/",
            {
                "year": 2026,
                "deadline": "2027-02-26",
                "departments": [department.pk, silent.pk],
                "instructions_en": "",
            },
            follow=True,
        )
    text = response.content.decode()
    assert "have no contact person and get no e-mail: Department kultur" in text
    assert f"?role=department_contact&amp;department={silent.pk}" in text
    assert len(mail.outbox) == 1
    assert Department.objects.get(pk=silent.pk).notifications.count() == 0
