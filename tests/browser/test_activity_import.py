"""In Swedish, the coordinator imports an edited activities export on the action plan's
editing page: the preview shows the changed cell and the new row, applying saves them;
every page visited passes axe (WCAG 2.1 AA)."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from strategies import transfer
from strategies.models import ActionPlanActivity
from tests.browser.conftest import assert_accessible, log_in
from tests.strategies.factories import ActionPlanFactory, ActivityFactory, full_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_previews_and_applies_an_activities_import_in_swedish(
    page, live_server, municipality, coordinator, tmp_path
):
    document = full_document(municipality, size=2)
    plan = ActionPlanFactory(document=document)
    first, second = (
        ActivityFactory(action_plan=plan, number=n, title_sv=f"Aktivitet {n}", title_en="x")
        for n in (1, 2)
    )
    with translation.override("sv"):
        columns = transfer.ACTIVITY_COLUMNS
        data = transfer.tabular.write_xlsx(
            columns, transfer.activities_of(document), title="Aktiviteter"
        )
        edit_url = reverse(
            "strategies:document_edit",
            kwargs={"municipality": municipality.slug, "pk": document.pk},
        )
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    col = {c.value: c.column for c in sheet[1]}
    sheet.cell(2, col["Aktivitet"]).value = "Lärarutbyte med Kaunas"
    new = [None] * sheet.max_column
    new[col["Nr"] - 1] = 3
    new[col["Aktivitet"] - 1] = "Studiebesök i Tartu"
    sheet.append(new)
    edited = tmp_path / "aktiviteter.xlsx"
    out = io.BytesIO()
    book.save(out)
    edited.write_bytes(out.getvalue())

    log_in(page, live_server, coordinator.username)
    page.goto(f"{live_server.url}{edit_url}")
    page.get_by_role("link", name="Importera aktiviteter från ett kalkylblad").click()
    page.get_by_role("heading", name="Importera aktiviteter från ett kalkylblad").wait_for()
    assert_accessible(page, context="activities import form (sv)")
    page.get_by_label("Kalkylblad (XLSX eller CSV)").set_input_files(str(edited))
    page.get_by_role("button", name="Kontrollera filen").click()
    page.locator("#preview-heading").wait_for()
    changes = page.locator("table.import-changes").inner_text()
    assert "Lärarutbyte med Kaunas" in changes
    assert "1. Aktivitet 1" in changes  # the record as it is stored now
    assert "Studiebesök i Tartu" in page.locator("table.import-new").inner_text()
    assert_accessible(page, context="activities import preview (sv)")
    assert not ActionPlanActivity.objects.filter(number=3, action_plan=plan).exists()
    page.locator("button[name=apply]").click()
    page.get_by_text("Importerat: 1 nya, 1 ändrade, 1 oförändrade.").wait_for()
    assert_accessible(page, context="action plan after the import (sv)")
    first.refresh_from_db()
    assert first.title_sv == "Lärarutbyte med Kaunas"
    assert ActionPlanActivity.objects.get(number=3, action_plan=plan).title_sv == (
        "Studiebesök i Tartu"
    )
    assert second.version == ActionPlanActivity.objects.get(pk=second.pk).version
