"""A coordinator corrects a consulate's address and removes a financing line (after a
confirmation page), in Norwegian and English; every page visited passes axe (WCAG 2.1 AA)."""

import re
from decimal import Decimal

import pytest

from partners.models import Consulate, FinancingLine
from tests.browser.conftest import assert_accessible, log_in
from tests.partners.factories import (
    CategoryChangeFactory,
    ConsulateFactory,
    FinancingLineFactory,
    RelationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "edit": "Edit France",
        "address": "Address",
        "save": "Save",
        "saved": "The consulate was saved.",
        "remove_line": "Remove 2026 Interreg Aurora",
        "confirm": "Remove the financing line for 2026",
        "remove": "Remove",
        "removed": "The financing line was removed.",
    },
    "nb": {
        "edit": "Rediger Frankrike",
        "address": "Adresse",
        "save": "Lagre",
        "saved": "Konsulatet er lagret.",
        "remove_line": "Fjern 2026 Interreg Aurora",
        "confirm": "Fjerne finansieringsposten for 2026",
        "remove": "Fjern",
        "removed": "Finansieringsposten er fjernet.",
    },
}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_coordinator_corrects_a_consulate_and_removes_a_financing_line(
    page, live_server, municipality, coordinator, language
):
    coordinator.preferred_language = language
    coordinator.save()
    consulate = ConsulateFactory(municipality=municipality, country="FR", address="Storgtan 1")
    relation = RelationFactory(
        municipality=municipality,
        city_en="Kaunas",
        city_nb="Kaunas",
        city_sv="Kaunas",
        city="Kaunas",
        country="LT",
    )
    CategoryChangeFactory(relation=relation)
    kept = FinancingLineFactory(relation=relation, year=2025, source="Municipal budget")
    mistaken = FinancingLineFactory(
        relation=relation, year=2026, amount=Decimal("990000"), source="Interreg Aurora"
    )
    t = TEXT[language]
    base = f"{live_server.url}/{language}/{municipality.slug}"
    log_in(page, live_server, coordinator.username, language=language)

    # Correct the mistyped address of the consulate.
    page.goto(f"{base}/consulates-and-forum/")
    assert_accessible(page, context=f"consulates {language}")
    page.get_by_role("link", name=t["edit"]).click()
    page.wait_for_load_state()
    assert_accessible(page, context=f"consulate edit {language}")
    address = page.get_by_label(re.compile(rf"^{t['address']}:?$"))
    assert address.input_value() == "Storgtan 1"
    address.fill("Storgatan 1")
    with page.expect_navigation():
        page.get_by_role("button", name=t["save"]).click()
    assert page.url.endswith("/consulates-and-forum/")
    assert page.get_by_text(t["saved"]).is_visible()
    assert page.get_by_role("cell", name="Storgatan 1").is_visible()
    assert_accessible(page, context=f"consulates after edit {language}")
    consulate.refresh_from_db()
    assert consulate.address == "Storgatan 1"

    # Remove the financing line entered by mistake: a confirmation page, then a POST.
    page.goto(f"{base}/twin-towns/{relation.pk}/")
    assert_accessible(page, context=f"detail {language}")
    page.get_by_role("link", name=t["remove_line"]).click()
    page.wait_for_load_state()
    assert t["confirm"] in page.get_by_role("heading", level=1).inner_text()
    assert_accessible(page, context=f"confirm removal {language}")
    assert FinancingLine.objects.filter(pk=mistaken.pk).exists()
    with page.expect_navigation():
        page.get_by_role("button", name=t["remove"], exact=True).click()
    assert "#financing" in page.url
    assert page.get_by_text(t["removed"]).is_visible()
    assert_accessible(page, context=f"detail after removal {language}")
    assert not FinancingLine.objects.filter(pk=mistaken.pk).exists()
    assert FinancingLine.objects.filter(pk=kept.pk).exists()
    financing = page.locator("#financing ~ .table-scroll table").first
    assert "Interreg Aurora" not in financing.inner_text()
    assert Consulate.objects.count() == 1
