"""The strategy as Word, opened with python-docx: the same sections as the PDF, measures
lettered beside their text, texts shown in another language marked with it, and the
Word file made in the same render as the PDF and served beside it."""

import io
import re
import subprocess

import pytest
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn

from intlstrategy import demo as organisation_demo
from intlstrategy.models import Municipality
from strategies import demo
from strategies.document_docx import document_docx
from strategies.models import DocumentPdf, StrategyDocument
from strategies.services import pdf as pdf_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    organisation_demo.load()
    demo.load()


def build(slug, language):
    municipality = Municipality.objects.get(slug=slug)
    document = StrategyDocument.objects.get(municipalities=municipality, is_demo=True)
    _document, context, _digest = pdf_services._pdf_source(document.pk, municipality, language)
    return Document(io.BytesIO(document_docx(context, language=language))), context


def headings(word, level):
    return [p.text for p in word.paragraphs if p.style.name == f"Heading {level}"]


def test_the_same_chapters_as_the_pdf_in_the_same_order(loaded):
    word, context = build("trondheim", "nb")
    from intlstrategy.pdf import render_to_pdf

    pdf = render_to_pdf("strategies/document_pdf.html", context, language="nb")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    chapters = [h for h in headings(word, 1) if h != "Innhold"]
    assert {"Innsatsområder", "Strategier", "Bystyrets endringer"} & set(chapters)
    body = text.split("Innhold", 1)[1]
    # Past the PDF's contents list, each chapter is found after the one before it: the
    # same chapters in the same order.
    position = body.index(chapters[0], body.index(chapters[-1]))
    for heading in chapters[1:]:
        position = body.index(heading, position + 1)
    assert word.core_properties.language == "nb-NO"


def test_measures_are_lettered_beside_their_text(loaded):
    word, context = build("trondheim", "nb")
    measure = context["document"].strategies.all()[0].measures.all()[0]
    lettered = [p.text for p in word.paragraphs if re.match(r"^[a-z]\)\t", p.text)]
    assert f"{measure.letter})\t{measure.text_nb.split(chr(10))[0].strip()}" in [
        t.split("\n")[0] for t in lettered
    ]


def test_a_text_shown_in_another_language_carries_that_language(loaded):
    word, _context = build("orebro", "en")  # Örebro's platform exists in Swedish only
    assert word.core_properties.language == "en-GB"
    marked = [
        run
        for p in word.paragraphs
        for run in p.runs
        if run._r.rPr is not None
        and run._r.rPr.find(qn("w:lang")) is not None
        and run._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "sv-SE"
    ]
    assert marked and any("internationell" in run.text.lower() for run in marked)
    # The interface words are English and unmarked.
    assert "Orientations" in headings(word, 1)


def test_the_render_makes_the_word_file_and_the_page_offers_it(client, loaded):
    municipality = Municipality.objects.get(slug="vaxjo")
    document = StrategyDocument.objects.get(municipalities=municipality, is_demo=True)
    pdf = pdf_services.document_pdf_request(
        document=document, language="sv", municipality=municipality
    )
    pdf_services.document_pdf_render(pdf_id=pdf.pk)
    pdf = DocumentPdf.objects.get(pk=pdf.pk)
    assert pdf.status == "ready" and pdf.word_file.name.endswith(".docx")
    with translation.override("sv"):
        page = client.get(f"/sv/vaxjo/strategy/{document.pk}/").content.decode()
    assert f"/sv/vaxjo/strategy/{document.pk}/docx/" in page
    response = client.get(f"/sv/vaxjo/strategy/{document.pk}/docx/")
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    word = Document(io.BytesIO(b"".join(response.streaming_content)))
    assert word.core_properties.language == "sv-SE"
    assert "Ansvarsfördelning och uppföljning" in headings(word, 1)
    assert "Kommunfullmäktige" in headings(word, 2)  # one body per row, with its duties
