"""Reliability: two people at the same moment (threads on PostgreSQL, separate
connections), and Celery tasks that are only sent when the transaction commits."""

import ast
import datetime
import threading
from pathlib import Path

import pytest
from celery.signals import task_prerun
from django.core import mail
from django.db import connection, connections, transaction
from django.test import Client

from intlstrategy.concurrency import EditConflict, save_versioned
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def at_the_same_moment(*actions, timeout=30):
    """Run each action in its own thread (own database connection), released together.
    Returns each action's result or the exception it raised."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout)
            results[index] = action()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a thread hung (deadlock?)"
    return results


def test_two_editors_saving_the_same_version_exactly_one_wins(municipality):
    from partners.models import Relation
    from tests.partners.factories import RelationFactory

    assert connection.vendor == "postgresql"
    relation = RelationFactory(municipality=municipality, city_en="Kaunas")
    version = relation.version

    def editor(city):
        def save():
            mine = Relation.objects.get(pk=relation.pk)  # what the editor opened
            mine.city_en = city
            with transaction.atomic():
                return save_versioned(mine, expected_version=version).version

        return save

    for attempt in range(5):  # several rounds: the outcome must never depend on timing
        results = at_the_same_moment(editor(f"Kaunas A{attempt}"), editor(f"Kaunas B{attempt}"))
        winners = [r for r in results if isinstance(r, int)]
        conflicts = [r for r in results if isinstance(r, EditConflict)]
        assert len(winners) == 1 and len(conflicts) == 1, results
        relation.refresh_from_db()
        assert relation.version == version + 1
        winner_city = f"Kaunas A{attempt}" if isinstance(results[0], int) else f"Kaunas B{attempt}"
        assert relation.city_en == winner_city  # the loser's text did not overwrite it
        version = relation.version


@pytest.fixture
def complete_report(municipality, department, other_department, contact):
    from reporting import services
    from tests.reporting.factories import ProjectFactory, adopted_goal_areas, make_round

    goal_areas = adopted_goal_areas(municipality)
    round = make_round(municipality, [department, other_department])
    ProjectFactory(municipality=municipality, lead_department=department)
    report = services.report_start(round=round, department=department)
    report.refresh_from_db()
    services.report_save(
        report=report,
        expected_version=report.version,
        comments={row.pk: "Going well." for row in report.project_rows.all()},
        results={goal_areas[0].pk: "New partners found."},
        no_activities=True,
    )
    report.refresh_from_db()
    assert services.report_missing_parts(report) == []
    return report


def test_two_people_submitting_the_same_report_at_once_exactly_one_wins(
    complete_report, contact, coordinator
):
    from reporting import services
    from reporting.models import DepartmentReport

    def submit(user):
        return lambda: (
            services.report_submit(
                report=complete_report, expected_version=complete_report.version, by=user
            ).status
        )

    results = at_the_same_moment(submit(contact), submit(coordinator))
    succeeded = [r for r in results if r == "submitted"]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(succeeded) == 1 and len(refused) == 1, results
    report = DepartmentReport.objects.get(pk=complete_report.pk)
    assert report.status == "submitted"
    assert report.version == complete_report.version + 1
    assert report.history.filter(status="submitted").count() == 1


def test_two_people_submitting_through_the_web_at_once(complete_report, contact, coordinator):
    """The same over HTTP: one gets the success, the other a clear refusal, none a 500."""
    url = (
        f"/en/{complete_report.round.municipality.slug}/reporting/"
        f"{complete_report.round.year}/{complete_report.department.slug}/submit/"
    )
    clients = []
    for user in (contact, coordinator):
        client = Client()
        assert (
            client.post(
                "/en/accounts/login/", {"username": user.username, "password": PASSWORD}
            ).status_code
            == 302
        )
        clients.append(client)
    # What the report's form (which the submit button belongs to) posts.
    data = {"expected_version": complete_report.version, "no_activities": "on"}
    data.update({f"comment_{r.pk}": r.comment for r in complete_report.project_rows.all()})
    data.update({f"result_{r.goal_area_id}": r.text for r in complete_report.results.all()})
    results = at_the_same_moment(*[lambda c=c: c.post(url, data, follow=False) for c in clients])
    statuses = sorted(r.status_code for r in results)
    assert statuses == [302, 302], statuses  # one submitted, one told it no longer can be
    complete_report.refresh_from_db()
    assert complete_report.status == "submitted"
    assert complete_report.history.filter(status="submitted").count() == 1


def test_two_people_saving_the_same_draft_at_once_no_silent_overwrite(complete_report):
    from reporting import services

    version = complete_report.version
    goal_area_id = complete_report.results.get().goal_area_id

    def save(text):
        def run():
            from reporting.models import DepartmentReport

            mine = DepartmentReport.objects.get(pk=complete_report.pk)
            services.report_save(
                report=mine,
                expected_version=version,
                comments={},
                results={goal_area_id: text},
                no_activities=True,
            )
            return text

        return run

    results = at_the_same_moment(save("Text of A"), save("Text of B"))
    winners = [r for r in results if isinstance(r, str)]
    assert len(winners) == 1 and sum(isinstance(r, EditConflict) for r in results) == 1, results
    assert complete_report.results.get().text == winners[0]


# --- Celery: queued on commit -------------------------------------------------------


@pytest.fixture
def tasks_run():
    ran = []

    def record(sender=None, **kwargs):
        ran.append(sender.name)

    task_prerun.connect(record, weak=False)
    yield ran
    task_prerun.disconnect(record)


class Rollback(Exception):
    pass


def test_a_rolled_back_transaction_sends_no_task(municipality, department, contact, tasks_run):
    from reporting import services
    from reporting.models import ReportingRound

    with pytest.raises(Rollback), transaction.atomic():
        services.round_open(
            municipality=municipality,
            year=2030,
            deadline=datetime.date(2031, 2, 28),
            departments=[department],
        )
        raise Rollback
    assert tasks_run == [] and mail.outbox == []
    assert not ReportingRound.objects.filter(year=2030).exists()

    services.round_open(
        municipality=municipality,
        year=2030,
        deadline=datetime.date(2031, 2, 28),
        departments=[department],
    )
    # The round's task makes the contact's notification, whose e-mail is its own task.
    assert tasks_run == [
        "reporting.tasks.notify_round_opened_task",
        "intlstrategy.notifications.tasks.send_notification_email_task",
    ]


def test_a_task_is_sent_only_after_the_commit(municipality, department, contact, tasks_run):
    from reporting import services

    with transaction.atomic():
        services.round_open(
            municipality=municipality,
            year=2031,
            deadline=datetime.date(2032, 2, 28),
            departments=[department],
        )
        assert tasks_run == []  # not yet: the round is not visible to a worker
    # The round's task makes the contact's notification, whose e-mail is its own task.
    assert tasks_run == [
        "reporting.tasks.notify_round_opened_task",
        "intlstrategy.notifications.tasks.send_notification_email_task",
    ]


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield node


def test_tasks_are_queued_only_with_delay_on_commit():
    """No `.delay(` / `.apply_async(` in application code: a task sent before the commit
    can run before its data exists, or after a rollback for data that never will."""
    offenders = []
    for app in ("intlstrategy", "strategies", "partners", "projects", "reporting"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for call in _calls(ast.parse(path.read_text(), str(path))):
                if call.func.attr in {"delay", "apply_async", "send_task"}:
                    offenders.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert offenders == []


def test_every_task_is_acknowledged_late_so_a_killed_worker_leaves_nothing_stuck():
    from django.conf import settings

    from intlstrategy.celery import app

    app.loader.import_default_modules()
    ours = {
        name: task
        for name, task in app.tasks.items()
        if name.split(".")[0] in {"intlstrategy", "strategies", "partners", "projects", "reporting"}
    }
    assert ours, "no tasks found"
    for name, task in ours.items():
        assert task.acks_late, name
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


# --- the broker down ------------------------------------------------------------------


def _reset_broker_pools(app):
    # Connections and producers are pooled per app; drop them so the next publish opens
    # a connection to the broker URL in force now (what Celery does after a fork).
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """As in production when Redis is down: a real Redis broker client, eager mode off,
    pointed at a port where nothing listens (publishing fails with a refused connection)."""
    from intlstrategy.celery import app

    before = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = "redis://127.0.0.1:1/0", False
    _reset_broker_pools(app)
    yield app
    app.conf.broker_url, app.conf.task_always_eager = before
    _reset_broker_pools(app)


def _logged_in(user):
    client = Client()
    client.post("/en/accounts/login/", {"username": user.username, "password": PASSWORD})
    return client


def test_a_follow_up_requested_while_the_broker_is_down_says_so_and_can_be_retried(
    municipality, coordinator, broker_down
):
    from reporting.models import FollowUpDocument, FollowUpStatus

    client = _logged_in(coordinator)
    url = f"/en/{municipality.slug}/reporting/followups/"
    data = {"period": "year", "year": "2025", "languages": ["en"], "summary": "A good year."}
    response = client.post(url, data, follow=True)
    assert response.status_code == 200  # not a 500
    body = response.content.decode()
    assert "could not be queued" in body and "Try again in a few minutes" in body
    document = FollowUpDocument.objects.get()
    assert document.status == FollowUpStatus.FAILED and document.summary == "A good year."
    assert "could not be queued" in document.failure_reason
    assert "Try again" in body and f"/followups/{document.pk}/retry/" in body

    # Retrying while it is still down says the same and leaves it retryable.
    retry = f"/en/{municipality.slug}/reporting/followups/{document.pk}/retry/"
    body = client.post(retry, follow=True).content.decode()
    assert "could not be queued" in body
    document.refresh_from_db()
    assert document.status == FollowUpStatus.FAILED

    # The broker is back (here: eager, the render runs at once): the retry makes the PDF.
    broker_down.conf.task_always_eager = True
    client.post(retry)
    document.refresh_from_db()
    assert document.status == FollowUpStatus.READY and document.file


def test_a_strategy_pdf_requested_while_the_broker_is_down_says_so(
    client, municipality, broker_down
):
    from strategies.models import DocumentPdf, PdfStatus
    from tests.strategies.factories import full_document

    document = full_document(municipality, size=1)
    response = client.get(f"/en/{municipality.slug}/strategy/{document.pk}/pdf/")
    assert response.status_code == 200  # the PDF's page, not a 500
    assert "could not be queued" in response.content.decode()
    pdf = DocumentPdf.objects.get(document=document, language="en")
    assert pdf.status == PdfStatus.FAILED and "Try again" in pdf.failure_reason
