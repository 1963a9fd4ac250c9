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
