"""The document's PDF page and its retry."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from intlstrategy.docx import DOCX_CONTENT_TYPE
from intlstrategy.permissions import coordinator_view, municipality_view

from .. import services
from ..models import (
    DocumentPdf,
    PdfStatus,
)
from .common import _document, _document_url


def _pdf_language(access) -> str:
    return (get_language() or access.municipality.default_language)[:2]


def _pdf_status_page(request, access, document, pdf):
    template = (
        "strategies/_pdf_status.html" if request.htmx else "strategies/document_pdf_status.html"
    )
    context = {
        "municipality": access.municipality,
        "access": access,
        "document": document,
        "pdf": pdf,
    }
    return render(request, template, context)


@municipality_view(public=True)
def document_pdf(request, access, pk: int):
    """The stored PDF when current; else it is queued and a page polls until it is ready.

    The request never renders the PDF itself (that is a Celery task): a public URL that
    starts seconds of WeasyPrint on every hit would be a denial-of-service risk.
    """
    document = _document(access, pk)
    language = _pdf_language(access)
    pdf = None
    if request.htmx:  # the polling page: only the state, no digest of the content
        pdf = DocumentPdf.objects.filter(
            document=document, municipality=access.municipality, language=language
        ).first()
    if pdf is None:
        pdf = services.document_pdf_request(
            document=document, language=language, municipality=access.municipality
        )
    if request.htmx or pdf.status != PdfStatus.READY or not pdf.file:
        return _pdf_status_page(request, access, document, pdf)
    # Read whole (a strategy is a few hundred kB) rather than streamed: callers and tests
    # use `response.content`, as before.
    with pdf.file.open("rb") as stored:
        response = HttpResponse(stored.read(), content_type="application/pdf")
    name = slugify(document.title)[:60] or "strategy"
    response["Content-Disposition"] = f'inline; filename="{name}-{language}.pdf"'
    return response


@municipality_view(public=True)
def document_docx(request, access, pk: int):
    """The Word version of the current PDF, made in the same render: the stored file when
    current, else the same status page as the PDF (which queues the render)."""
    from django.http import FileResponse

    document = _document(access, pk)
    language = _pdf_language(access)
    pdf = services.document_pdf_request(
        document=document, language=language, municipality=access.municipality
    )
    if pdf.status != PdfStatus.READY or not pdf.word_file:
        return _pdf_status_page(request, access, document, pdf)
    name = slugify(document.title)[:60] or "strategy"
    return FileResponse(
        pdf.word_file.open("rb"),
        content_type=DOCX_CONTENT_TYPE,
        as_attachment=True,
        filename=f"{name}-{language}.docx",
    )


@require_POST
@coordinator_view
def document_pdf_retry(request, access, pk: int):
    document = _document(access, pk)
    pdf = DocumentPdf.objects.filter(
        document=document, municipality=access.municipality, language=_pdf_language(access)
    ).first()
    if pdf is None:  # nothing to retry: the PDF page asks for it
        return redirect(_document_url(access, document, "document_pdf"))
    try:
        services.document_pdf_retry(pdf=pdf)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_document_url(access, document, "document_pdf"))
