"""A coordinator rewords a measure in two languages and adopts a new version."""

import datetime

import pytest

from strategies.models import DocumentStatus, Measure, StrategyDocument
from tests.browser.conftest import assert_accessible, log_in
from tests.strategies.factories import full_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "start": "Start a new draft",
        "edit": "Edit a",
        "save": "Save",
        "adopt_link": "Compare and adopt…",
        "adopt": "Adopt",
        "adopted": "now public",
        "missing": "missing",
    },
    "sv": {
        "start": "Starta ett nytt utkast",
        "edit": "Redigera a",
        "save": "Spara",
        "adopt_link": "Jämför och anta …",
        "adopt": "Anta",
        "adopted": "nu offentligt",
        "missing": "saknas",
    },
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_coordinator_edits_a_measure_in_two_languages_and_adopts(
    page, live_server, municipality, coordinator, language
):
    coordinator.preferred_language = language
    coordinator.save()
    document = full_document(municipality, size=2)
    Measure.objects.filter(strategy__document=document).update(text_nb="")
    text = TEXT[language]
    base = f"{live_server.url}/{language}/{municipality.slug}/strategy"

    page.goto(f"{base}/{document.pk}/")
    assert_accessible(page, context="public document")
    log_in(page, live_server, coordinator.username, language=language)

    page.goto(f"{base}/")
    assert_accessible(page, context="document list")
    page.goto(f"{base}/{document.pk}/")
    page.get_by_role("button", name=text["start"]).click()
    page.wait_for_url("**/edit/")
    assert_accessible(page, context="draft editor")
    draft = StrategyDocument.objects.get(status=DocumentStatus.DRAFT)
    measure = Measure.objects.get(strategy__document=draft, strategy__number=1, letter="a")

    page.locator(f"#measure-{measure.pk}").get_by_role("link", name=text["edit"]).click()
    page.wait_for_load_state()
    assert_accessible(page, context="measure form")
    # The missing Norwegian translation is marked beside the field.
    assert page.locator(".translations .missing").count() == 1
    assert text["missing"] in page.locator(".translations .missing label").inner_text()
    page.locator("#id_text_sv").fill("Kommunen söker alltid extern delfinansiering.")
    page.locator("#id_text_en").fill("The municipality always seeks external co-funding.")
    page.get_by_role("button", name=text["save"], exact=True).click()
    page.wait_for_url("**/edit/#measure-*")
    assert_accessible(page, context="draft editor after save")

    page.get_by_role("link", name=text["adopt_link"]).click()
    page.wait_for_load_state()
    assert page.locator("table.diff ins").count() >= 2
    assert_accessible(page, context="adopt with diff")
    page.locator("#id_adopted_on").fill(datetime.date.today().isoformat())
    page.locator("#id_paragraph").fill("§ 42")
    page.locator("#id_case_number").fill("KS/2026:12")
    page.get_by_role("button", name=text["adopt"], exact=True).click()
    page.wait_for_url(f"**/strategy/{draft.pk}/")
    assert text["adopted"] in page.locator(".messages").inner_text()
    expected = "Kommunen söker alltid" if language == "sv" else "always seeks external co-funding"
    assert expected in page.content()
    assert_accessible(page, context="adopted document")

    draft.refresh_from_db()
    document.refresh_from_db()
    assert draft.status == DocumentStatus.ADOPTED and draft.case_number == "KS/2026:12"
    assert document.status == DocumentStatus.SUPERSEDED

    page.goto(f"{base}/{draft.pk}/history/")
    assert_accessible(page, context="history")
