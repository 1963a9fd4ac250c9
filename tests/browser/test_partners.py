"""A coordinator regrades a twin town with a reason and finds it in the timeline and on
the map page; every page visited passes axe (WCAG 2.1 AA), in Norwegian and English."""

import json
import re

import pytest

from partners.models import Category, Relation
from tests.browser.conftest import assert_accessible, log_in
from tests.partners.factories import ActivityFactory, CategoryChangeFactory, RelationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "change": "Change category",
        "new": "New category",
        "dormant": "dormant",
        "date": "Date",
        "reason": "Reason",
        "submit": "Change category",
        "timeline": "Category history",
        "map": "Map",
        "warning": "one-way activity",
    },
    "nb": {
        "change": "Endre kategori",
        "new": "Ny kategori",
        "dormant": "hvilende",
        "date": "Dato",
        "reason": "Begrunnelse",
        "submit": "Endre kategori",
        "timeline": "Kategorihistorikk",
        "map": "Kart",
        "warning": "enveis aktivitet",
    },
}


def label(text):
    return re.compile(rf"^{text}:?$")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_coordinator_regrades_a_twin_town_and_finds_it_on_timeline_and_map(
    page, live_server, settings, municipality, coordinator, language
):
    # Tiles that do not load: the page must stay useful without them (tests run offline).
    settings.MAP_TILE_URL = f"{live_server.url}/no-tiles/{{z}}/{{x}}/{{y}}.png"
    coordinator.preferred_language = language
    coordinator.save()
    relation = RelationFactory(
        municipality=municipality,
        city_en="Kaunas",
        city_sv="Kaunas",
        city_nb="Kaunas",
        city="Kaunas",
        country="LT",
        category=Category.POLITICAL_FOCUS,
    )
    CategoryChangeFactory(relation=relation, reason="Political focus after the strategy")
    solidarity = RelationFactory(
        municipality=municipality,
        city_en="Iringa",
        city="Iringa",
        city_sv="Iringa",
        city_nb="Iringa",
        country="TZ",
        latitude=-7.77,
        longitude=35.693,
        category=Category.SOLIDARITY,
    )
    ActivityFactory(relation=solidarity)
    t = TEXT[language]
    base = f"{live_server.url}/{language}/{municipality.slug}"

    log_in(page, live_server, coordinator.username, language=language)
    page.goto(f"{base}/twin-towns/")
    assert_accessible(page, context=f"list {language}")
    assert t["warning"] in page.locator("table.relations").inner_text()
    page.get_by_role("link", name="Kaunas").click()
    assert_accessible(page, context=f"detail {language}")

    page.get_by_role("link", name=t["change"]).click()
    assert_accessible(page, context=f"regrade form {language}")
    # Submitting without a reason keeps the input and explains at the field.
    page.get_by_label(label(t["new"])).select_option(label=t["dormant"])
    page.get_by_label(label(t["date"])).fill("2026-03-01")
    page.get_by_role("button", name=t["submit"]).click()
    assert page.locator(".errorlist").count() >= 1
    assert_accessible(page, context=f"regrade form with error {language}")
    assert page.get_by_label(label(t["date"])).input_value() == "2026-03-01"
    page.get_by_label(label(t["reason"])).fill("No joint activity since 2019")
    page.get_by_role("button", name=t["submit"]).click()

    timeline = page.locator("ol.timeline")
    timeline.wait_for()
    assert "No joint activity since 2019" in timeline.inner_text()
    assert t["dormant"] in timeline.inner_text()
    assert_accessible(page, context=f"detail after regrade {language}")
    relation.refresh_from_db()
    assert relation.category == Category.DORMANT

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name=t["map"]
    ).click() if language == "en" else page.goto(f"{base}/twin-towns/map/")
    page.wait_for_selector(".leaflet-container")
    row = page.locator("table.relations tr", has_text="Kaunas")
    assert t["dormant"] in row.inner_text()
    data = json.loads(page.locator("#relations-data").text_content())
    assert {"city": "Kaunas", "category": "dormant"}.items() <= next(
        d for d in data if d["city"] == "Kaunas"
    ).items()
    assert page.locator(".leaflet-interactive").count() == len(data)
    assert_accessible(page, context=f"map {language}")
    assert Relation.objects.get(pk=relation.pk).category_changes.count() == 2


def test_map_page_without_scripts_or_tiles_lists_every_relation(page, live_server, municipality):
    """No script file loads (blocked network, old browser): the table still has everything.

    Scripts are blocked at the network rather than switching JavaScript off, so that axe
    (injected by Playwright) can still check the page.
    """
    RelationFactory(municipality=municipality, city_en="Tartu", city="Tartu", country="EE")
    page.route("**/*.js", lambda route: route.abort())
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{live_server.url}/en/{municipality.slug}/twin-towns/map/")
    assert page.locator(".leaflet-container").count() == 0
    assert "needs JavaScript" in page.locator("#relations-map").inner_text()
    assert "Tartu" in page.locator("table.relations").inner_text()
    assert_accessible(page, context="map without scripts")
