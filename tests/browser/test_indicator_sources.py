"""In Swedish, a coordinator links an indicator to a Kolada KPI and sees its values and
chart (the recorded Kolada answers are replayed; no network)."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.browser.conftest import assert_accessible, log_in
from tests.strategies.factories import ActionPlanFactory, IndicatorFactory, full_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_links_a_kolada_kpi_in_swedish(
    page, live_server, municipality, coordinator, settings
):
    settings.INDICATOR_SOURCES_REPLAY_DIR = str(
        Path(django_settings.BASE_DIR) / "strategies" / "sources" / "recordings"
    )
    municipality.statistics_code = "0780"
    municipality.save()
    coordinator.preferred_language = "sv"
    coordinator.save()
    document = full_document(municipality, size=1)
    plan = ActionPlanFactory(document=document)
    indicator = IndicatorFactory(
        action_plan=plan, name_sv="Invånare", unit="invånare", target=100000, target_year=2025
    )
    log_in(page, live_server, coordinator.username, language="sv")
    base = f"{live_server.url}/sv/{municipality.slug}/strategy/{document.pk}/edit"
    page.goto(f"{base}/indicator/{indicator.pk}/values/")
    page.get_by_role("link", name="Koppla till nationell statistik").click()
    assert_accessible(page, context="link to national statistics")
    page.get_by_label("Sök med ord, eller skriv id:t").fill("invånare")
    page.get_by_role("button", name="Sök").click()
    row = page.get_by_role("row", name="N01951")
    assert "Invånare totalt, antal" in row.inner_text() and "antal" in row.inner_text()
    assert_accessible(page, context="search results")
    with page.expect_navigation():
        row.get_by_role("button", name="Koppla N01951").click()
    assert page.get_by_text("Kopplad till Invånare totalt, antal.").is_visible()
    assert page.get_by_role("img", name="Diagram: Invånare").is_visible()
    table = page.get_by_role("table", name="Värden per år")
    assert "97 502" in table.inner_text().replace("\u00a0", " ")
    assert "Kolada" in table.inner_text()
    assert_accessible(page, context="values with chart")
