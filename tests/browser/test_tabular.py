"""The coordinator downloads the twin towns as Excel, changes the file, uploads it, sees
what will change and applies it; every page visited passes axe (WCAG 2.1 AA)."""

import io

import openpyxl
import pytest

from partners.models import Category, Relation
from tests.browser.conftest import assert_accessible, log_in
from tests.partners.factories import CategoryChangeFactory, RelationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_round_trips_the_twin_towns_through_excel(
    page, live_server, municipality, coordinator, tmp_path
):
    relation = RelationFactory(
        municipality=municipality,
        city_en="Kaunas",
        city_sv="Kaunas",
        city_nb="Kaunas",
        city="Kaunas",
        country="LT",
        category=Category.POLITICAL_FOCUS,
    )
    CategoryChangeFactory(relation=relation)
    base = f"{live_server.url}/en/{municipality.slug}"
    log_in(page, live_server, coordinator.username)
    page.goto(f"{base}/twin-towns/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download as Excel").click()
    download = info.value
    assert download.suggested_filename.startswith("vaxjo-twin-towns-")
    with open(download.path(), "rb") as file:  # the temporary file has no extension
        book = openpyxl.load_workbook(io.BytesIO(file.read()))
    sheet = book.active
    col = {c.value: c.column for c in sheet[1]}
    sheet.cell(2, col["Category"]).value = "dormant"
    sheet.cell(3, col["City"]).value = "Tartu"
    sheet.cell(3, col["Country code"]).value = "EE"
    sheet.cell(3, col["Category"]).value = "solidarity"
    edited = tmp_path / "edited.xlsx"
    out = io.BytesIO()
    book.save(out)
    edited.write_bytes(out.getvalue())

    page.get_by_role("link", name="Import from a spreadsheet").click()
    assert_accessible(page, context="import form")
    page.get_by_label("Spreadsheet (XLSX or CSV)").set_input_files(str(edited))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="What the import will change").wait_for()
    changes = page.get_by_role("table", name="Changed rows")
    assert "dormant" in changes.inner_text()
    assert "Tartu" in page.get_by_role("table", name="New rows").inner_text()
    assert_accessible(page, context="import preview")
    assert not Relation.objects.filter(city="Tartu").exists()
    page.get_by_role("button", name="Apply the changes").click()
    page.get_by_text("Imported: 1 new, 1 changed, 0 unchanged.").wait_for()
    assert_accessible(page, context="list after import")
    relation.refresh_from_db()
    assert relation.category == Category.DORMANT
    assert Relation.objects.filter(municipality=municipality, city="Tartu").exists()
