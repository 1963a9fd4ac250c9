"""The map's tooltips and popups show a city's name as text: markup in a name (typed by a
coordinator, or arriving through an import) must not become elements in the page.

Leaflet inserts a string given to bindTooltip/bindPopup as HTML; the Content Security
Policy stops scripts, not an <img> or a fake link or form laid over the page.
"""

import pytest

from tests.browser.conftest import assert_accessible
from tests.partners.factories import CategoryChangeFactory, RelationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITY = '<img src=x id="injected"><b id="inj">Bold</b> Town'


def test_markup_in_a_city_name_is_shown_as_text_in_the_maps_tooltip_and_popup(
    page, live_server, settings, municipality
):
    # Tiles that do not load: the markers are drawn all the same (tests run offline).
    settings.MAP_TILE_URL = f"{live_server.url}/no-tiles/{{z}}/{{x}}/{{y}}.png"
    relation = RelationFactory(
        municipality=municipality,
        city_en=CITY,
        city_nb=CITY,
        city_sv=CITY,
        city=CITY,
        country="EE",
        latitude=58.37800,
        longitude=26.72900,
    )
    CategoryChangeFactory(relation=relation)

    page.goto(f"{live_server.url}/en/{municipality.slug}/twin-towns/map/")
    marker = page.locator("#relations-map path.leaflet-interactive")
    marker.wait_for()
    assert_accessible(page, context="map with a city named in markup")

    marker.hover()
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text().startswith(CITY + " – ")

    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.get_by_role("link").inner_text() == f"{CITY}, Estonia"

    # Nowhere in the page did the name become elements (the table escapes it too).
    assert page.locator("#injected").count() == 0
    assert page.locator("#inj").count() == 0
    assert page.locator("#relations-map img:not(.leaflet-tile)").count() == 0


def test_a_marker_is_a_named_button_whose_popup_takes_the_focus(
    page, live_server, settings, municipality
):
    settings.MAP_TILE_URL = f"{live_server.url}/no-tiles/{{z}}/{{x}}/{{y}}.png"
    relation = RelationFactory(
        municipality=municipality,
        city_en="Tartu",
        city="Tartu",
        country="EE",
        latitude=58.37800,
        longitude=26.72900,
    )
    CategoryChangeFactory(relation=relation)
    page.goto(f"{live_server.url}/en/{municipality.slug}/twin-towns/map/")
    page.locator("#relations-map path.leaflet-interactive").wait_for()
    # Reach the marker with the keyboard alone (bounded: the page has few Tab stops).
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName.toLowerCase()") == "path":
            break
    marker = page.get_by_role("button", name="Tartu, Estonia", exact=False)
    assert marker.count() == 1
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "button"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')").startswith(
        "Tartu, Estonia – "
    )
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    focused = page.evaluate("() => document.activeElement.closest('.leaflet-popup') !== null")
    assert focused, "the focus stays behind the popup"
    assert page.evaluate("() => document.activeElement.textContent") == "Tartu, Estonia"
    assert_accessible(page, context="map with an open popup")
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "button"
