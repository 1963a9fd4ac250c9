"""Reminders: "deadline in N days" and "late", each sent once even when the task runs twice."""

import datetime

import pytest
from django.conf import settings

from reporting import services, tasks
from reporting.models import ReminderKind, ReminderSent, ReportStatus
from tests.factories import DepartmentContactFactory
from tests.reporting.factories import make_report, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """The e-mails go out when the notifications are committed: run those callbacks."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_daily_task_is_in_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["reporting-reminders"]
    assert entry["task"] == tasks.send_reporting_reminders_task.name
    assert entry["schedule"] == datetime.timedelta(days=1)


def test_deadline_reminder_is_sent_once_even_if_the_task_runs_twice(
    municipality, department, contact, mailoutbox, on_commit
):
    today = datetime.date.today()
    make_round(
        municipality, [department], year=today.year, deadline=today + datetime.timedelta(days=5)
    )
    with on_commit():
        assert tasks.send_reporting_reminders_task() == 1
    with on_commit():
        assert tasks.send_reporting_reminders_task() == 0
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [contact.email]
    assert "5" in mailoutbox[0].subject
    assert ReminderSent.objects.get().kind == ReminderKind.DUE_SOON


def test_late_reminder_goes_to_departments_without_a_submitted_report(
    municipality, department, other_department, contact, other_contact, mailoutbox, on_commit
):
    round = make_round(
        municipality, [department, other_department], year=2025, deadline=datetime.date(2026, 1, 31)
    )
    make_report(round, other_department, status=ReportStatus.SUBMITTED)
    today = datetime.date(2026, 2, 3)
    with on_commit():
        assert services.reminders_send(today=today) == 1
    with on_commit():
        assert services.reminders_send(today=today) == 0
    assert [m.to for m in mailoutbox] == [[contact.email]]
    assert ReminderSent.objects.get().kind == ReminderKind.LATE


def test_no_reminder_long_before_the_deadline(
    municipality, department, contact, mailoutbox, on_commit
):
    make_round(municipality, [department], year=2025, deadline=datetime.date(2026, 3, 1))
    assert services.reminders_send(today=datetime.date(2026, 1, 1)) == 0
    assert mailoutbox == []


def test_reminder_is_written_in_the_contacts_language(
    municipality, department, mailoutbox, on_commit
):
    DepartmentContactFactory(department=department, preferred_language="nb")
    make_round(municipality, [department], year=2025, deadline=datetime.date(2026, 1, 31))
    with on_commit():
        services.reminders_send(today=datetime.date(2026, 2, 3))
    message = mailoutbox[0]
    assert "forsinket" in message.subject
    assert "/nb/vaxjo/reporting/2025/" in message.body


def test_opening_notice_is_sent_once_per_department(
    municipality, department, contact, mailoutbox, on_commit
):
    round = make_round(municipality, [department])
    with on_commit():
        assert services.round_notify_opened(round=round) == 1
    with on_commit():
        assert tasks.notify_round_opened_task(round.pk) == 0
    assert len(mailoutbox) == 1
