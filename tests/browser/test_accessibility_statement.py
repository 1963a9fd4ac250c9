"""The accessibility statement in Chromium: the public reads it (Swedish and Norwegian
municipality), the coordinator fills in what is missing, makes a mistake that is
explained at the field, and saves. axe checks every page visited."""

import pytest

from intlstrategy.models import AccessibilityStatement
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "sv": {
        "title": "Tillgänglighetsredogörelse",
        "edit": "Redigera tillgänglighetsredogörelsen",
        "missing": "Inte ifyllt än",
        "save": "Spara",
        "email_label": "E-post för synpunkter på tillgänglighet",
        "email_error": "Använd en funktionsadress",
        "saved": "Tillgänglighetsredogörelsen har sparats.",
    },
    "nb": {
        "title": "Tilgjengelighetserklæring",
        "edit": "Rediger tilgjengelighetserklæringen",
        "missing": "Ikke fylt ut ennå",
        "save": "Lagre",
        "email_label": "E-post for tilbakemeldinger om universell utforming",
        "email_error": "Bruk en funksjonsadresse",
        "saved": "Tilgjengelighetserklæringen er lagret.",
    },
}


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_public_reads_the_statement_of_a_swedish_and_a_norwegian_municipality(
    page, live_server, municipality, other_municipality, language
):
    for place, authority in (
        (municipality, "https://www.digg.se/tdosanmalan"),
        (other_municipality, "https://www.uutilsynet.no/"),
    ):
        page.goto(f"{live_server.url}/{language}/{place.slug}/")
        page.locator("footer").get_by_role("link").first.click()
        page.wait_for_url(f"**/{language}/{place.slug}/accessibility/")
        assert page.locator(f'a[href="{authority}"]').count() == 1
        assert_accessible(page, context=f"statement {place.slug} {language}")


@pytest.mark.parametrize("language,place", [("sv", "municipality"), ("nb", "other_municipality")])
def test_coordinator_fills_in_the_statement(page, live_server, request, language, place):
    from tests.factories import CoordinatorFactory

    t = TEXT[language]
    municipality = request.getfixturevalue(place)
    coordinator = CoordinatorFactory(municipality=municipality, preferred_language=language)
    log_in(page, live_server, coordinator.username, language=language)
    base = f"{live_server.url}/{language}/{municipality.slug}/accessibility/"

    page.goto(base)
    assert page.get_by_role("heading", level=1).inner_text() == t["title"]
    assert page.get_by_text(t["missing"]).is_visible()
    assert_accessible(page, context=f"statement with missing facts {language}")

    page.get_by_role("link", name=t["edit"]).click()
    assert_accessible(page, context=f"edit form {language}")

    # The coordinator's own address is refused: explained at the field, input kept.
    email = page.get_by_label(t["email_label"])
    email.fill(coordinator.email)
    page.fill("#id_assessed_on", "2026-11-20")
    page.fill(f"#id_shortcomings_{language}", "Eldre avtaler er skannet.")
    page.get_by_role("button", name=t["save"], exact=True).click()
    # At the field, and linked from the error summary above the form.
    assert page.locator("#id_feedback_email_error").get_by_text(t["email_error"]).is_visible()
    assert page.locator("[data-error-summary]").get_by_role("link").count() == 1
    assert email.get_attribute("aria-invalid") == "true"
    assert page.locator(f"#id_shortcomings_{language}").input_value() == "Eldre avtaler er skannet."
    assert_accessible(page, context=f"edit form with errors {language}")
    assert not AccessibilityStatement.objects.exists()

    email.fill(f"uu.{municipality.slug}@example.org")
    if municipality.country == "SE":  # DIGG asks for the answer time and publication date
        page.fill("#id_response_days", "5")
        page.fill("#id_published_on", "2026-08-17")
    if municipality.country == "NO":
        page.fill(
            "#id_uustatus_url",
            "https://uustatus.no/nb/erklaringer/publisert/00000000-0000-4000-8000-000000000000",
        )
    page.get_by_role("button", name=t["save"], exact=True).click()
    page.wait_for_url(base)
    assert page.get_by_text(t["saved"]).is_visible()
    assert page.get_by_text(t["missing"]).count() == 0
    assert page.locator(f'a[href="mailto:uu.{municipality.slug}@example.org"]').count() == 1
    assert_accessible(page, context=f"statement after saving {language}")


MERGE = {
    "sv": {
        "save": "Spara",
        "theirs": "Vad Karin Berg sparade",
        "use": "Använd den sparade texten",
        "done": "Den sparade texten står nu i fältet",
    },
    "nb": {
        "save": "Lagre",
        "theirs": "Det Karin Berg lagret",
        "use": "Bruk den lagrede teksten",
        "done": "Den lagrede teksten står nå i feltet",
    },
}


@pytest.mark.parametrize("language,place", [("sv", "municipality"), ("nb", "other_municipality")])
def test_two_coordinators_edit_at_once_and_the_second_merges_and_saves(
    page, browser, live_server, request, language, place
):
    from tests.factories import CoordinatorFactory

    t = MERGE[language]
    municipality = request.getfixturevalue(place)
    AccessibilityStatement.objects.create(
        municipality=municipality,
        feedback_email=f"uu.{municipality.slug}@example.org",
        assessed_on="2026-11-01",
        uustatus_url="https://uustatus.no/nb/erklaringer/publisert/00000000-0000-4000-8000-000000000000"
        if municipality.country == "NO"
        else "",
        **{f"shortcomings_{language}": "Gamle avtaler."},
    )
    me = CoordinatorFactory(municipality=municipality, preferred_language=language)
    colleague = CoordinatorFactory(
        municipality=municipality, first_name="Karin", last_name="Berg", preferred_language=language
    )
    edit = f"{live_server.url}/{language}/{municipality.slug}/accessibility/edit/"
    field = f"#id_shortcomings_{language}"

    log_in(page, live_server, me.username, language=language)
    page.goto(edit)  # I start editing ...
    other_context = browser.new_context(locale=language)
    other = other_context.new_page()
    log_in(other, live_server, colleague.username, language=language)
    other.goto(edit)  # ... and so does Karin, who saves first.
    other.fill(field, "Kartan saknar textalternativ.")
    other.get_by_role("button", name=t["save"], exact=True).click()
    other.wait_for_url(f"**/{municipality.slug}/accessibility/")
    other_context.close()

    page.fill(field, "Gamle avtaler er skannet.")
    page.get_by_role("button", name=t["save"], exact=True).click()
    assert page.get_by_role("heading", name=t["theirs"]).is_visible()
    theirs = page.locator(".merge-theirs", has_text="Kartan")
    assert theirs.inner_text() == "Kartan saknar textalternativ."
    assert theirs.get_attribute("lang") == language  # 3.1.2: the language of the part
    assert page.locator(field).input_value() == "Gamle avtaler er skannet."  # mine, kept
    assert page.locator(".merge-diff del").count() >= 1
    assert_accessible(page, context=f"merge view {language}")
    page.screenshot(path=f"/tmp/merge-{language}.png", full_page=True)

    # Keyboard only: the button puts Karin's text in the field and moves the focus there.
    button = page.get_by_role("button", name=t["use"])
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == field[1:]
    assert t["done"] in page.locator("[data-merge-status]").inner_text()
    page.locator(field).press("End")
    page.keyboard.type(" Gamle avtaler er skannet.")
    page.get_by_role("button", name=t["save"], exact=True).click()
    page.wait_for_url(f"**/{municipality.slug}/accessibility/")
    statement = AccessibilityStatement.objects.get(municipality=municipality)
    assert getattr(statement, f"shortcomings_{language}") == (
        "Kartan saknar textalternativ. Gamle avtaler er skannet."
    )
