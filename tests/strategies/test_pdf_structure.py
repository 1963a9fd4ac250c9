"""The strategy PDF's structure (PDF/UA), read back with pikepdf and pdfinfo: an English
PDF of a Swedish strategy whose texts are partly only in Swedish."""

import re

import pytest

from intlstrategy.pdf import render_to_pdf
from tests import pdfstructure

from .factories import full_document

pytestmark = pytest.mark.django_db


def test_strategy_pdf_structure_passes_the_pdf_ua_checks(municipality, tmp_path):
    document = full_document(municipality, size=3)
    pdf = render_to_pdf(
        "strategies/document_pdf.html",
        {"document": document, "municipality": municipality},
        language="en",
    )
    elements = pdfstructure.structure(pdf)
    assert pdfstructure.heading_skips(elements) == []
    assert pdfstructure.count(elements, "H1") == 1
    # The contents: one link per entry, the page number beside it (not a link in the
    # link), and no leader dots read out as text.
    assert pdfstructure.nested_links(elements) == 0
    assert pdfstructure.count(elements, "Link") >= 6
    assert not re.search(r"\.{4,}|(\. ){4,}", pdfstructure.text(pdf))
    # The vision exists only in Swedish: shown in Swedish and tagged so (WCAG 3.1.2).
    assert "sv" in pdfstructure.own_langs(pdf)
    tree = pdfstructure.struct_text(pdf, tmp_path)
    assert "Europas grönaste stad." in tree
    nonstruct = pdfstructure.count(elements, "NonStruct")
    assert nonstruct <= len(elements) // 10, f"{nonstruct} NonStruct of {len(elements)}"


def test_the_council_is_named_as_the_municipality_names_it_on_the_page_and_in_the_pdf(
    client, other_municipality
):
    other_municipality.council_name_nb = "bystyret"
    other_municipality.council_name_en = "City Council (bystyret)"
    other_municipality.save()
    document = full_document(other_municipality, size=1)
    html = client.get(f"/nb/{other_municipality.slug}/strategy/{document.pk}/").content.decode()
    assert "<dd>Bystyret, 15. oktober 2013, § 213</dd>" in html
    pdf = render_to_pdf(
        "strategies/document_pdf.html",
        {"document": document, "municipality": other_municipality},
        language="en",
    )
    assert "City Council (bystyret), Oct. 15, 2013" in " ".join(pdfstructure.text(pdf).split())
    # A document's own wording still wins; without either, the general name.
    document.adopting_body_name_en = "the City Council of Trondheim"
    document.save()
    html = client.get(f"/en/{other_municipality.slug}/strategy/{document.pk}/").content.decode()
    assert "<dd>The City Council of Trondheim, " in html
    other_municipality.council_name_sv = ""
    other_municipality.save()
    html = client.get(f"/sv/{other_municipality.slug}/strategy/{document.pk}/").content.decode()
    assert "<dd>Kommunfullmäktige, " in html
