"""A title is text: `<title>` and the PDF's Title metadata never carry the markup that
marks a fallback language in the page itself (WCAG 2.4.2)."""

import re
import subprocess

import pytest

from tests.partners.factories import RelationFactory
from tests.strategies.factories import full_document

pytestmark = pytest.mark.django_db
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_of(response) -> str:
    assert response.status_code == 200
    return TITLE.search(response.content.decode()).group(1)


def test_a_fallback_title_is_plain_text_in_the_title_and_marked_in_the_page(client, municipality):
    relation = RelationFactory(
        municipality=municipality, city="Kaunas", city_sv="Kaunas", city_en="", city_nb=""
    )
    response = client.get(f"/en/{municipality.slug}/twin-towns/{relation.pk}/")
    assert title_of(response).startswith("Kaunas – ")
    assert "<" not in title_of(response) and "&lt;" not in title_of(response)
    assert '<span lang="sv" class="fallback">Kaunas</span>' in response.content.decode()


def test_strategy_page_and_pdf_titles_hold_no_markup_when_shown_in_another_language(
    client, municipality
):
    document = full_document(municipality, size=1)
    for code in ("en", "nb"):
        setattr(document, f"title_{code}", "")
    document.title_sv = "Internationell strategi för Växjö"
    document.save()
    page = client.get(f"/en/{municipality.slug}/strategy/{document.pk}/")
    assert title_of(page).startswith("Internationell strategi för Växjö – ")
    pdf = client.get(f"/en/{municipality.slug}/strategy/{document.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    info = subprocess.run(
        ["pdfinfo", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    title_line = next(line for line in info.splitlines() if line.startswith("Title:"))
    assert title_line.split(":", 1)[1].strip() == "Internationell strategi för Växjö"
