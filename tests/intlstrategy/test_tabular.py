"""The shared spreadsheet mechanics (intlstrategy.lib.tabular): typed XLSX cells, defused
text, declared column order, headings per language, and a reader for what Excel saves."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from intlstrategy.lib import tabular
from intlstrategy.lib.tabular import AMOUNT, DATE, INTEGER, Column

COLUMNS = [
    Column("title", gettext_lazy("Title")),
    Column("start", gettext_lazy("Start"), kind=DATE),
    Column("grant", gettext_lazy("Grant"), kind=AMOUNT),
    Column("year", gettext_lazy("Year"), kind=INTEGER),
]


class Thing:
    def __init__(self, title, start, grant, year):
        self.title, self.start, self.grant, self.year = title, start, grant, year


THINGS = [
    Thing('=HYPERLINK("http://evil")', datetime.date(2026, 3, 1), Decimal("1234.50"), 2026),
    Thing("Ålesund–Växjö", None, None, None),
]


def test_xlsx_cells_are_typed_and_text_is_defused():
    book = openpyxl.load_workbook(io.BytesIO(tabular.write_xlsx(COLUMNS, THINGS, title="T")))
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["Title", "Start", "Grant", "Year"]
    title, start, grant, year = sheet[2]
    assert title.value == '\'=HYPERLINK("http://evil")' and title.data_type == "s"
    assert isinstance(start.value, datetime.datetime) and start.value.date() == THINGS[0].start
    assert start.number_format == "yyyy-mm-dd"
    assert grant.data_type == "n" and grant.value == 1234.5 and grant.number_format == "#,##0.00"
    assert year.value == 2026
    assert sheet["B3"].value is None


def test_csv_has_a_bom_declared_order_and_defused_cells():
    data = tabular.write_csv(COLUMNS, THINGS)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Title,Start,Grant,Year"
    assert lines[1] == '"\'=HYPERLINK(""http://evil"")",2026-03-01,1234.50,2026'


@pytest.mark.parametrize("language, heading", [("nb", "Tittel"), ("sv", "Titel")])
def test_headings_follow_the_language(language, heading):
    with translation.override(language):
        data = tabular.write_csv(COLUMNS, [])
    assert data.decode("utf-8-sig").startswith(heading + ",")


@pytest.mark.parametrize(
    "data",
    [
        'Title,Grant\nÅlesund,"1 234,50"\n'.encode(),
        "\ufeffTitle;Grant\nÅlesund;1 234,50\n".encode(),
        "Title;Grant\r\nÅlesund;1 234,50\r\n".encode("cp1252"),
    ],
    ids=["utf8-comma", "utf8-bom-semicolon", "windows1252-semicolon"],
)
def test_reader_takes_each_encoding_and_separator(data):
    table = tabular.read_table(data, COLUMNS)
    assert table.rows == [(2, {"title": "Ålesund", "grant": "1 234,50"})]
    assert tabular.amount_of(table.rows[0][1]["grant"]) == Decimal("1234.50")


def test_reader_takes_xlsx_and_headings_of_another_language():
    with translation.override("sv"):
        data = tabular.write_xlsx(COLUMNS, THINGS, title="T")
    table = tabular.read_table(data, COLUMNS)
    assert table.keys == ["title", "start", "grant", "year"]
    number, values = table.rows[0]
    assert number == 2
    assert tabular.text_of(values["title"]) == '=HYPERLINK("http://evil")'
    assert tabular.date_of(values["start"]) == datetime.date(2026, 3, 1)
    assert tabular.amount_of(values["grant"]) == Decimal("1234.5")


def test_reader_names_unknown_and_missing_columns():
    with pytest.raises(tabular.TableRefused, match="missing columns: Title.*unknown columns: Pris"):
        tabular.read_table(b"Pris\n1\n", COLUMNS, required=("title",))


def test_upload_check_refuses_a_zip_that_is_not_a_workbook():
    import zipfile

    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("evil.txt", "x")
    with pytest.raises(ValidationError):
        tabular.check_upload(SimpleUploadedFile("a.xlsx", out.getvalue()))
    with pytest.raises(ValidationError):
        tabular.check_upload(SimpleUploadedFile("a.csv", b"x" * 20), max_bytes=10)
