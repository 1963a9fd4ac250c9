"""The strategy PDF is made by a Celery task; a request never waits on WeasyPrint."""

import datetime

import pytest

from intlstrategy.celery import app as celery_app
from strategies import services
from strategies.models import DocumentPdf, PdfStatus
from tests.browser.conftest import browser_context_args, browser_type_launch_args  # noqa: F401

from .conftest import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker():
    """As in production: a broker, so tasks go to a worker instead of running here."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = before


def _pdf(document, municipality, language="en"):
    return DocumentPdf.objects.get(document=document, municipality=municipality, language=language)


def test_with_a_broker_the_request_queues_the_render_on_commit_and_does_not_render(
    client, municipality, document, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.get(url("document_pdf", municipality, pk=document.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "The PDF is being prepared" in body
    assert 'hx-trigger="every 2s"' in body
    assert 'http-equiv="refresh"' not in body
    pdf = _pdf(document, municipality)
    assert pdf.status == PdfStatus.QUEUED and not pdf.file and pdf.rendered_at is None
    assert len(callbacks) == 1  # render_document_pdf_task.delay_on_commit(pdf.pk)

    # Polling and asking again while queued neither renders nor queues a second time.
    with django_capture_on_commit_callbacks(execute=False) as again:
        poll = client.get(url("document_pdf", municipality, pk=document.pk), HTTP_HX_REQUEST="true")
        client.get(url("document_pdf", municipality, pk=document.pk))
    assert "The PDF is being prepared" in poll.content.decode()
    assert "<html" not in poll.content.decode()  # only the status block is swapped
    assert again == []

    # The worker runs the task: the next poll offers the download, the URL serves the file.
    from strategies.tasks import render_document_pdf_task

    assert render_document_pdf_task(pdf.pk) == PdfStatus.READY
    poll = client.get(url("document_pdf", municipality, pk=document.pk), HTTP_HX_REQUEST="true")
    assert "The PDF is ready." in poll.content.decode()
    assert "hx-trigger" not in poll.content.decode()
    response = client.get(url("document_pdf", municipality, pk=document.pk))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_ready_current_file_is_served_without_rendering_again(client, municipality, document):
    first = client.get(url("document_pdf", municipality, pk=document.pk))
    assert first["Content-Type"] == "application/pdf"
    pdf = _pdf(document, municipality)
    rendered_at = pdf.rendered_at
    assert pdf.status == PdfStatus.READY and pdf.version == document.version
    second = client.get(url("document_pdf", municipality, pk=document.pk))
    assert second.content == first.content
    assert second["Content-Disposition"] == 'inline; filename="international-strategy-en.pdf"'
    assert _pdf(document, municipality).rendered_at == rendered_at
    # The task itself is idempotent too.
    services.document_pdf_render(pdf_id=pdf.pk)
    assert _pdf(document, municipality).rendered_at == rendered_at


def test_each_language_has_its_own_pdf(client, municipality, document):
    import subprocess

    swedish = client.get(url("document_pdf", municipality, "sv", pk=document.pk))
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=swedish.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Åtgärd a med extern finansiering" in text
    assert swedish["Content-Disposition"].endswith('-sv.pdf"')
    assert set(DocumentPdf.objects.values_list("language", flat=True)) == {"sv"}


def test_a_new_adopted_version_is_rendered_again(
    client, municipality, document, coordinator, django_capture_on_commit_callbacks
):
    client.get(url("document_pdf", municipality, pk=document.pk))
    old = _pdf(document, municipality)
    draft = services.document_start_draft(document=document, by=coordinator)
    measure = draft.strategies.first().measures.first()
    services.measure_update(measure=measure, by=coordinator, text_en="A brand new measure text")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_adopt(
            document=draft,
            by=coordinator,
            adopted_by="council",
            adopted_on=datetime.date.today(),
        )
    # Adoption queued (here: rendered, no broker) the new version in all three languages.
    assert {p.language for p in DocumentPdf.objects.filter(document=draft)} == {"nb", "sv", "en"}
    assert all(p.status == PdfStatus.READY for p in DocumentPdf.objects.filter(document=draft))
    new = client.get(url("document_pdf", municipality, pk=draft.pk))
    assert new["Content-Type"] == "application/pdf"
    assert _pdf(document, municipality).rendered_at == old.rendered_at  # old version kept


def test_an_edited_draft_is_rendered_again_for_the_coordinator(
    client, login, municipality, document, coordinator
):
    draft = services.document_start_draft(document=document, by=coordinator)
    login(coordinator)
    client.get(url("document_pdf", municipality, pk=draft.pk))
    before = _pdf(draft, municipality)
    measure = draft.strategies.first().measures.first()
    services.measure_update(measure=measure, by=coordinator, text_en="A brand new measure text")
    response = client.get(url("document_pdf", municipality, pk=draft.pk))
    after = _pdf(draft, municipality)
    assert after.rendered_at > before.rendered_at and after.digest != before.digest
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "A brand new measure text" in text


def test_a_failed_render_shows_the_reason_and_a_coordinator_can_retry(
    client, login, municipality, document, coordinator, monkeypatch
):
    import intlstrategy.pdf

    def broken(html):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr(intlstrategy.pdf, "html_to_pdf", broken)
    response = client.get(url("document_pdf", municipality, pk=document.pk))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "The PDF could not be made because of an error in the portal" in body
    assert "fonts missing" not in body and "RuntimeError" not in body  # internals stay in the log
    assert "Try again" not in body  # the public cannot retry
    pdf = _pdf(document, municipality)
    assert pdf.status == PdfStatus.FAILED
    # Asking again does not hammer the renderer: the failure stands until a retry.
    client.get(url("document_pdf", municipality, pk=document.pk))
    assert _pdf(document, municipality).status == PdfStatus.FAILED

    login(coordinator)
    assert (
        "Try again"
        in client.get(url("document_pdf", municipality, pk=document.pk)).content.decode()
    )
    monkeypatch.undo()
    response = client.post(url("document_pdf_retry", municipality, pk=document.pk))
    assert response.status_code == 302
    pdf = _pdf(document, municipality)
    assert pdf.status == PdfStatus.READY and pdf.failure_reason == ""
    assert client.get(response["Location"])["Content-Type"] == "application/pdf"


def test_the_failure_reason_is_in_the_pdf_language(client, municipality, document, monkeypatch):
    import intlstrategy.pdf

    monkeypatch.setattr(intlstrategy.pdf, "html_to_pdf", lambda html: 1 / 0)
    body = client.get(url("document_pdf", municipality, "nb", pk=document.pk)).content.decode()
    assert "PDF-en kunne ikke lages på grunn av en feil i portalen" in body
    assert "could not be made" not in body


def test_a_render_stopped_at_the_time_limit_says_so(client, municipality, document, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    import intlstrategy.pdf

    def slow(html):
        raise SoftTimeLimitExceeded()  # what Celery raises in the render at the soft limit

    # The thing under test is what the task records, so the renderer is made to time out.
    monkeypatch.setattr(intlstrategy.pdf, "html_to_pdf", slow)
    body = client.get(url("document_pdf", municipality, pk=document.pk)).content.decode()
    assert "The PDF took longer than" in body and "SoftTimeLimitExceeded" not in body


def test_retry_is_for_coordinators_only(
    client, login, municipality, document, council_member, monkeypatch
):
    import intlstrategy.pdf

    monkeypatch.setattr(intlstrategy.pdf, "html_to_pdf", lambda html: 1 / 0)
    client.get(url("document_pdf", municipality, pk=document.pk))
    monkeypatch.undo()
    assert client.post(url("document_pdf_retry", municipality, pk=document.pk)).status_code == 302
    login(council_member)
    assert client.post(url("document_pdf_retry", municipality, pk=document.pk)).status_code == 403
    assert _pdf(document, municipality).status == PdfStatus.FAILED  # nothing changed


def test_a_draft_pdf_is_a_404_for_the_public_and_another_municipality(
    client, login, municipality, document, coordinator, foreign_coordinator
):
    draft = services.document_start_draft(document=document, by=coordinator)
    assert client.get(url("document_pdf", municipality, pk=draft.pk)).status_code == 404
    login(foreign_coordinator)
    assert client.get(url("document_pdf", municipality, pk=draft.pk)).status_code == 404
    assert client.get(url("document_pdf", municipality, pk=document.pk)).status_code == 200
    from intlstrategy.models import Municipality

    trondheim = Municipality.objects.get(slug="trondheim")
    assert client.get(url("document_pdf", trondheim, pk=document.pk)).status_code == 404
    assert not DocumentPdf.objects.filter(document=draft).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("language", "waiting", "download"),
    [
        ("nb", "PDF-en blir klargjort", "Last ned som PDF"),
        ("en", "The PDF is being prepared", "Download as PDF"),
    ],
)
def test_the_waiting_page_polls_until_the_pdf_is_ready(
    page, live_server, municipality, broker, language, waiting, download
):
    from tests.browser.conftest import assert_accessible

    from .factories import full_document

    document = full_document(municipality, size=1)
    page.goto(live_server.url + url("document_pdf", municipality, language, pk=document.pk))
    assert page.get_by_role("status").inner_text().startswith(waiting)
    # The live region itself must stay in place while htmx polls, or the change of its
    # text is not announced reliably (WCAG 4.1.3): keep a handle on the element.
    status = page.get_by_role("status").element_handle()
    assert_accessible(page)
    pdf = _pdf(document, municipality, language)
    assert pdf.status == PdfStatus.QUEUED  # the request did not render
    services.document_pdf_render(pdf_id=pdf.pk)  # what the worker does
    link = page.get_by_role("link", name=download)
    link.wait_for(timeout=10_000)  # htmx polls every 2 s
    assert status.evaluate("el => el.isConnected"), "the live region was replaced"
    assert not status.inner_text().startswith(waiting)
    assert page.get_by_role("status").count() == 1
    assert_accessible(page)
    assert link.get_attribute("href").endswith(f"/strategy/{document.pk}/pdf/")
