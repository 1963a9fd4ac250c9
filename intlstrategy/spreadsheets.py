"""Cells that leave the portal for a spreadsheet: CSV and XLSX written one way.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is taken as a
formula by Excel, LibreOffice and Google Sheets (OWASP "CSV injection"): a project title
or twin-town name typed as `=HYPERLINK(...)` would run in the council secretary's
spreadsheet. Every export, the open-data API's `?format=csv` included, writes its cells
through `defuse`, which puts an apostrophe in front (spreadsheets show the text as typed).
Numbers stay numbers: a negative amount or a western longitude is not a formula.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from rest_framework_csv.renderers import CSVRenderer

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?\Z")


def defuse(value):
    """`value`, with an apostrophe in front if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        if not _PLAIN_NUMBER.match(value):
            return "'" + value
    return value


def write_csv(rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([defuse(v) for v in row])
    return out.getvalue()


def write_xlsx(rows: Iterable[list], *, title: str) -> bytes:
    """One sheet named `title` (cut to Excel's 31 characters); the first row is the header.
    Cells that are not text (numbers, dates, None) are written as they are."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append([defuse(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class SafeCSVRenderer(CSVRenderer):
    """The API's `?format=csv`, with every cell defused like the other exports."""

    def tablize(self, data, header=None, labels=None):
        for row in super().tablize(data, header=header, labels=labels):
            yield [defuse(v) for v in row]
