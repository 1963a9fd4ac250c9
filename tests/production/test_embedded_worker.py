"""The one-command portal's background worker: Celery on kombu's file-system broker (no
server), as scripts/run starts it. A PDF requested by the web process is only queued (a
file in the queue folder) and a real worker process renders it."""

import subprocess
import time

import pytest
from django.db import connection

from strategies.models import DocumentPdf, PdfStatus
from tests.production import servers
from tests.strategies.factories import full_document

# Bounded by count, not by the machine's speed; generous for a loaded machine.
POLLS = 900
POLL_SECONDS = 0.5


@pytest.fixture
def embedded_env(tmp_path):
    return servers.production_env(
        DATABASE_URL=servers.database_url(connection.settings_dict),
        CELERY_BROKER_URL="filesystem://",
        CELERY_FILESYSTEM_FOLDER=str(tmp_path / "celery"),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        SECURE_COOKIES="false",
    )


def request_pdf(env, document, municipality) -> None:
    """What the web process does on a PDF download: queue, and answer at once."""
    code = (
        "from strategies.models import StrategyDocument; from strategies import services;"
        "from intlstrategy.models import Municipality;"
        f"d = StrategyDocument.objects.get(pk={document.pk});"
        f"m = Municipality.objects.get(pk={municipality.pk});"
        "p = services.document_pdf_request(document=d, language='en', municipality=m);"
        "print(p.status)"
    )
    result = subprocess.run(
        [servers.binary("python"), "manage.py", "shell", "-c", code],
        cwd=servers.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == PdfStatus.QUEUED


@pytest.mark.django_db(transaction=True)
def test_a_pdf_is_queued_in_a_folder_and_rendered_by_the_worker(
    municipality, embedded_env, tmp_path
):
    collecting = servers.collectstatic(embedded_env)  # DEBUG off: hashed static names
    output, _ = collecting.communicate(timeout=300)
    assert collecting.returncode == 0, output.decode()[-2000:]
    document = full_document(municipality, size=1)
    request_pdf(embedded_env, document, municipality)
    queued = list((tmp_path / "celery" / "queue").iterdir())
    assert len(queued) == 1  # nothing rendered in the request: it waits for the worker
    pdf = DocumentPdf.objects.get(document=document, language="en")
    assert pdf.status == PdfStatus.QUEUED

    worker = servers.start_celery_worker(embedded_env, tmp_path / "worker.log", queue="celery")
    try:
        for _ in range(POLLS):
            worker.check_alive()
            pdf.refresh_from_db()
            if pdf.status in (PdfStatus.READY, PdfStatus.FAILED):
                break
            time.sleep(POLL_SECONDS)
        assert pdf.status == PdfStatus.READY, (pdf.status, servers.tail(worker.log))
        assert pdf.file.read().startswith(b"%PDF")
        assert list((tmp_path / "celery" / "queue").iterdir()) == []
    finally:
        worker.stop()


@pytest.mark.django_db(transaction=True)
def test_the_worker_of_scripts_run_runs_the_daily_reminders_itself(
    municipality, department, embedded_env, tmp_path
):
    """scripts/run starts one worker with `--beat`: no separate scheduler. The daily
    reminder job (CELERY_BEAT_SCHEDULE, stored by django-celery-beat) last ran two days
    ago, so the embedded scheduler sends it at once: the late department's contact is
    reminded, and the e-mail goes out from the same worker."""
    import datetime

    from django.conf import settings
    from django.utils import timezone
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    from intlstrategy.notifications.models import Kind, Notification
    from tests.factories import DepartmentContactFactory
    from tests.reporting.factories import make_round

    entry = settings.CELERY_BEAT_SCHEDULE["reporting-reminders"]
    assert entry["schedule"] == datetime.timedelta(days=1)
    contact = DepartmentContactFactory(department=department)
    make_round(municipality, [department], deadline=timezone.localdate() - datetime.timedelta(3))
    every_day, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.DAYS)
    PeriodicTask.objects.create(
        name="reporting-reminders",
        task=entry["task"],
        interval=every_day,
        last_run_at=timezone.now() - datetime.timedelta(days=2),
    )
    # The command line of scripts/run.
    worker = servers.Process(
        "celery worker --beat",
        [
            servers.binary("python"),
            *("-m", "celery", "-A", "intlstrategy", "worker", "--beat"),
            *("--concurrency", "2", "--loglevel", "INFO"),
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        embedded_env,
        tmp_path / "worker.log",
    )
    try:
        for _ in range(POLLS):
            worker.check_alive()
            sent = Notification.objects.filter(
                kind=Kind.LATE, recipient=contact, emailed_at__isnull=False
            ).first()
            if sent is not None:
                break
            time.sleep(POLL_SECONDS)
        assert sent is not None, servers.tail(worker.log)
        assert Notification.objects.filter(kind=Kind.LATE).count() == 1
    finally:
        worker.stop()
