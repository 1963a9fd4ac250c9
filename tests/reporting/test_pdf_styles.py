"""Guards for the PDF stylesheets: WeasyPrint draws each dot of a dotted border and each
character of a leader() one by one, which made the follow-up's table of contents a
quarter of its render time (docs/benchmarks.md). Solid rules look the same in print."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PDF_STYLESHEETS = sorted(
    path for path in ROOT.glob("*/templates/*/pdf/*.css") if ".venv" not in path.parts
)
SLOW = re.compile(r"(border[\w-]*\s*:[^;]*\bdott(ed)?\b|leader\()")


def test_there_are_pdf_stylesheets_to_check():
    assert {p.name for p in PDF_STYLESHEETS} >= {"followup.css"}


def test_no_pdf_stylesheet_draws_dotted_borders_or_leaders():
    offenders = []
    for path in PDF_STYLESHEETS:
        css = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)  # comments may explain
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in SLOW.finditer(css)]
    assert offenders == []
