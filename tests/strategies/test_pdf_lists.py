"""The strategy PDF sets its lettered lists as lists: each letter on the line of its text
(read back with pdftotext -layout from real WeasyPrint output), and the notice that some
texts are shown in another language once per section, not beside each item."""

import re
import subprocess

import pytest

from intlstrategy.pdf import render_to_pdf
from strategies.models import Measure

from .factories import full_document

pytestmark = pytest.mark.django_db

NOTICE = "Some texts here are not available in English"


def layout_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def render(document, municipality, language):
    return render_to_pdf(
        "strategies/document_pdf.html",
        {"document": document, "municipality": municipality},
        language=language,
    )


@pytest.mark.parametrize(
    "language, measure, goal",
    [
        ("en", "Measure {} with external funding", "Goal {}"),
        ("nb", "Tiltak {} med ekstern finansiering", "Mål {}"),
    ],
)
def test_each_letter_is_on_the_line_of_its_text(municipality, language, measure, goal):
    document = full_document(municipality, size=2)
    text = layout_text(render(document, municipality, language))
    for letter in "abc":
        # Twice: both strategies' measures and both goal areas' goals.
        line = rf"^\s*{letter}\)\s+{re.escape(measure.format(letter))}\s*$"
        assert len(re.findall(line, text, re.M)) == 2, text
        line = rf"^\s*{letter}\)\s+{re.escape(goal.format(letter))}\s*$"
        assert len(re.findall(line, text, re.M)) == 2, text
    assert not re.search(r"^\s*[abc]\)\s*$", text, re.M)  # no letter alone on a line


def test_the_not_translated_notice_is_said_once_per_section_not_per_item(municipality):
    document = full_document(municipality, size=2)
    # Two measures of the first strategy exist only in Swedish.
    for letter in "ab":
        Measure.objects.filter(
            strategy__document=document, strategy__number=1, letter=letter
        ).update(text_en="", text_nb="", text=f"Åtgärd {letter} på svenska")
    text = " ".join(layout_text(render(document, municipality, "en")).split())
    # The vision (Swedish only, from the factory) and the strategies: one notice each.
    assert text.count(NOTICE) == 2, text
    strategies = text.index("Strategies", text.index("Vision"))
    assert text.index(NOTICE, strategies) < text.index("a) Åtgärd a på svenska")
    assert "a) Åtgärd a på svenska b) Åtgärd b på svenska c) Measure c" in text
