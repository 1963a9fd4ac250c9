"""The document's PDF: requested, queued, rendered in the background, retried."""

from __future__ import annotations

import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intlstrategy.rendering import queue_render

from ..models import (
    DocumentPdf,
    PdfStatus,
    StrategyDocument,
)

logger = logging.getLogger(__name__)


def document_pdf_context(*, document: StrategyDocument, municipality) -> dict:
    """What `strategies/document_pdf.html` needs; `document` comes from `document_tree`."""
    from ..selectors import annotate_amendments

    annotate_amendments(document)
    return {
        "municipality": municipality,
        "document": document,
        "proposed": False,
        "has_amendments": bool(document.amendments.all()),
    }


def _pdf_source(
    document_id: int, municipality, language: str
) -> tuple[StrategyDocument, dict, str]:
    """The document as the PDF shows it, its context and the digest of its HTML.

    The HTML (not the PDF) takes milliseconds, so a request can tell whether a stored
    file still shows the current content without rendering the PDF.
    """
    import hashlib

    from django.template.loader import render_to_string

    from ..selectors import document_tree

    document = document_tree(StrategyDocument.objects.all(), municipality).get(pk=document_id)
    context = document_pdf_context(document=document, municipality=municipality)
    with translation.override(language):
        html = render_to_string(
            "strategies/document_pdf.html", {**context, "pdf_language": language}
        )
    return document, context, hashlib.sha256(html.encode()).hexdigest()


def _queue_pdf(pdf: DocumentPdf) -> None:
    from intlstrategy.celery import app

    from ..tasks import render_document_pdf_task

    if app.conf.task_always_eager:
        # No broker, so no worker to hand the work to (dev and tests): the caller renders,
        # once the row is saved. With a broker the request only queues, on commit.
        render_document_pdf_task.apply(args=[pdf.pk], throw=True)
        return
    # The broker cannot be reached: say so on the PDF's page (with "try again"), rather
    # than a server error and a PDF "queued" with no message behind it.
    queue_render(
        render_document_pdf_task,
        pdf.pk,
        language=pdf.language,
        unreachable_reason=lambda: _(
            "The PDF could not be queued (the service that makes the PDFs could not be "
            "reached). Try again in a few minutes."
        ),
        mark_failed=lambda pk, reason: document_pdf_mark_failed(pdf_id=pk, reason=reason),
        logger=logger,
    )


def document_pdf_request(
    *, document: StrategyDocument, language: str, municipality=None, digest: str | None = None
) -> DocumentPdf:
    """The document's PDF in `language`: the stored file when it is current, else queued.

    `municipality` is the one reading (a joint document's PDF differs per owner); by
    default the document's owner. A pending render is left to finish; a failed one is
    only tried again when the content changed (else a coordinator retries).
    """
    municipality = municipality or document.owner
    if digest is None:
        digest = _pdf_source(document.pk, municipality, language)[2]
    with transaction.atomic():
        pdf, created = DocumentPdf.objects.select_for_update().get_or_create(
            document=document, municipality=municipality, language=language
        )
        if pdf.is_current(version=document.version, digest=digest):
            return pdf
        if not created and pdf.is_pending and not pdf.is_lost:
            return pdf
        if (
            pdf.effective_status == PdfStatus.FAILED
            and pdf.version == document.version
            and pdf.digest == digest
        ):
            return pdf
        _mark_queued(pdf)
    _queue_pdf(pdf)
    pdf.refresh_from_db()
    return pdf


def _mark_queued(pdf: DocumentPdf) -> None:
    pdf.status = PdfStatus.QUEUED
    pdf.failure_reason = ""
    pdf.requested_at = timezone.now()
    pdf.started_at = None
    pdf.save(update_fields=["status", "failure_reason", "requested_at", "started_at"])


def document_pdf_retry(*, pdf: DocumentPdf) -> DocumentPdf:
    if pdf.effective_status != PdfStatus.FAILED:
        raise ValidationError(_("Only a failed PDF can be tried again."))
    with transaction.atomic():
        _mark_queued(pdf)
    _queue_pdf(pdf)
    pdf.refresh_from_db()
    return pdf


def document_pdfs_queue(*, document: StrategyDocument) -> list[DocumentPdf]:
    """Queue the document's PDF in every language for every owner (after adoption)."""
    from django.conf import settings

    return [
        document_pdf_request(document=document, language=code, municipality=municipality)
        for municipality in document.municipalities.all()
        for code, _name in settings.LANGUAGES
    ]


def document_pdf_render(*, pdf_id: int) -> DocumentPdf:
    """Render one PDF into its file. Idempotent: a current ready file is left alone."""
    from django.core.files.base import ContentFile
    from django.utils.text import slugify

    from intlstrategy.pdf import render_to_pdf

    from ..document_docx import document_docx

    with transaction.atomic():
        pdf = (
            DocumentPdf.objects.select_for_update()
            .select_related("document", "municipality")
            .get(pk=pdf_id)
        )
        document, context, digest = _pdf_source(pdf.document_id, pdf.municipality, pdf.language)
        if pdf.is_current(version=document.version, digest=digest):
            return pdf
        pdf.status = PdfStatus.RENDERING
        pdf.started_at = timezone.now()
        pdf.failure_reason = ""
        pdf.version = document.version
        pdf.digest = digest
        pdf.save(update_fields=["status", "started_at", "failure_reason", "version", "digest"])
    try:
        content = render_to_pdf("strategies/document_pdf.html", context, language=pdf.language)
        word = document_docx(context, language=pdf.language)
    except SoftTimeLimitExceeded:
        raise  # the task says in plain words that the time ran out
    except Exception:  # logged for the operators; users get a plain reason and may retry
        logger.exception("strategy PDF %s failed", pdf.pk)
        with translation.override(pdf.language):
            reason = _(
                "The PDF could not be made because of an error in the portal. The error has "
                "been recorded for the portal's operators; try again later."
            )
        document_pdf_mark_failed(pdf_id=pdf.pk, reason=reason)
        pdf.refresh_from_db()
        return pdf
    old = [f.name for f in (pdf.file, pdf.word_file) if f]
    with translation.override(pdf.language):
        title = slugify(str(document.title))[:60] or "strategy"
    name = f"{title}-{pdf.language}-{pdf.pk}-v{document.version}.pdf"
    pdf.file.save(name, ContentFile(content), save=False)
    pdf.word_file.save(name.removesuffix(".pdf") + ".docx", ContentFile(word), save=False)
    pdf.status = PdfStatus.READY
    pdf.rendered_at = timezone.now()
    pdf.save(update_fields=["file", "word_file", "status", "rendered_at"])
    for stale in set(old) - {pdf.file.name, pdf.word_file.name}:
        pdf.file.storage.delete(stale)
    return pdf


def document_pdf_mark_failed(*, pdf_id: int, reason: str) -> None:
    DocumentPdf.objects.filter(pk=pdf_id).exclude(status=PdfStatus.READY).update(
        status=PdfStatus.FAILED, failure_reason=reason
    )
    # No bump: a render's progress is bookkeeping (intlstrategy.public_cache).
