"""The council follow-up as Word, opened with python-docx: real headings in Word's heading
styles, the document language, header rows that repeat, charts with alternative text,
and the same section titles as the PDF of the same data."""

import io
import re
import subprocess

import pytest
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn

from reporting import services
from reporting.followup import followup_context
from reporting.followup_docx import followup_docx
from tests.reporting.test_followup import year_of_work  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def build(municipality, language):
    with translation.override(language):
        context = followup_context(
            municipality=municipality, years=[2025], summary="Ett <b>bra</b> år."
        )
    return Document(io.BytesIO(followup_docx(context, language=language)))


def headings(document, level=None):
    found = []
    for paragraph in document.paragraphs:
        match = re.fullmatch(r"Heading (\d)", paragraph.style.name)
        if match and (level is None or int(match[1]) == level):
            found.append(paragraph.text)
    return found


@pytest.mark.parametrize("language, tag", [("sv", "sv-SE"), ("nb", "nb-NO"), ("en", "en-GB")])
def test_the_word_file_has_its_language_and_title(municipality, year_of_work, language, tag):  # noqa: F811
    document = build(municipality, language)
    assert document.core_properties.language == tag
    with translation.override(language):
        assert municipality.name in document.core_properties.title
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == tag


def test_headings_are_word_headings_without_skipped_levels(municipality, year_of_work):  # noqa: F811
    document = build(municipality, "en")
    chapters = headings(document, 1)
    assert chapters[:3] == ["Contents", "Summary", "Key figures"]
    levels = [
        int(p.style.name.split()[-1])
        for p in document.paragraphs
        if p.style.name.startswith("Heading ")
    ]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert "Projects and applications" in headings(document, 2)
    # User text is text: the summary's markup is not interpreted.
    assert any(p.text == "Ett <b>bra</b> år." for p in document.paragraphs)


def test_the_contents_is_a_word_field_updated_on_opening(municipality, year_of_work):  # noqa: F811
    document = build(municipality, "sv")
    body = document.element.body.xml
    assert 'TOC \\o "1-2"' in body
    assert document.settings.element.find(qn("w:updateFields")) is not None


def test_tables_repeat_their_header_row_and_numbers_follow_the_locale(
    municipality,
    year_of_work,  # noqa: F811
):
    document = build(municipality, "sv")
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.find(".//" + qn("w:tblHeader")) is not None
    key = document.tables[0]
    # No empty header cell (it reads as a missing heading): the period heads the figures.
    assert [cell.text for cell in key.rows[0].cells] == ["Nyckeltal", "2025"]
    for table in document.tables:
        for cell in table.rows[0].cells:
            assert cell.text.strip()
            # Shaded, as in the PDF: the header row is told apart by more than bold type.
            assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "EEF1F5"
    values = {row.cells[0].text: row.cells[1].text for row in key.rows[1:]}
    assert values["Beräknad CO2 från flygresor (kg)"].replace("\u00a0", " ").strip()


def test_the_key_figures_and_each_department_begin_a_new_page(municipality, year_of_work):  # noqa: F811
    document = build(municipality, "en")
    breaks = [
        p.text
        for p in document.paragraphs
        if p.style.name == "Heading 1" and p.paragraph_format.page_break_before
    ]
    # The title page alone, then the contents, the key figures, two departments.
    assert breaks[:2] == ["Contents", "Key figures"] and len(breaks) == 2 + 2


def test_charts_are_pictures_with_alternative_text(municipality, year_of_work):  # noqa: F811
    document = build(municipality, "en")
    pictures = document.element.body.findall(".//" + qn("wp:docPr"))
    assert len(pictures) >= 2
    for picture in pictures:
        assert picture.get("descr", "").startswith("Chart: ")
    assert len(document.inline_shapes) == len(pictures)


def test_the_same_section_titles_as_the_pdf(municipality, year_of_work):  # noqa: F811
    document = build(municipality, "en")
    pdf = services.followup_pdf(
        municipality=municipality, years=[2025], language="en", summary="Ett <b>bra</b> år."
    )
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    word_chapters = [h for h in headings(document, 1) if h != "Contents"]
    pdf_chapters = [h for h in word_chapters if h in text]
    assert pdf_chapters == word_chapters
    departments = [
        h
        for h in word_chapters
        if h not in ("Summary", "Key figures", "Progress of measures and activities")
    ]
    assert len(departments) == 2
    positions = [text.index(h, text.index("Key figures")) for h in departments]
    assert positions == sorted(positions)  # same order as in the PDF


def test_the_render_makes_the_word_file_beside_the_pdf_for_members(
    client,
    coordinator,
    council_member,
    municipality,
    year_of_work,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from django.urls import reverse

    from tests.reporting.test_followup import generate

    client.force_login(coordinator)
    document = generate(client, municipality, "sv", django_capture_on_commit_callbacks)
    assert document.status == "ready" and document.word_file.name.endswith(".docx")
    with translation.override("sv"):
        detail = reverse(
            "reporting:followup_detail",
            kwargs={"municipality": municipality.slug, "pk": document.pk},
        )
        url = reverse(
            "reporting:followup_docx", kwargs={"municipality": municipality.slug, "pk": document.pk}
        )
    assert url in client.get(detail).content.decode()
    client.force_login(council_member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "attachment" in response["Content-Disposition"]
    word = Document(io.BytesIO(b"".join(response.streaming_content)))
    assert word.core_properties.language == "sv-SE"
    assert "Nyckeltal" in headings(word, 1)
    assert any(p.text == "Ett bra år." for p in word.paragraphs)  # the summary typed
