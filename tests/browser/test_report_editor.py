"""The report editor in Chromium (issue 13): a colleague's save in between is merged, not
lost; activities and trips are added in place without losing the texts; the texts are
saved while the person writes, and the page says when (or that there is no connection)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from reporting import services
from reporting.models import DepartmentReport, ReportActivity, ReportStatus, Trip
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import DepartmentContactFactory
from tests.reporting.factories import ProjectFactory, adopted_goal_areas, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UI = {
    "sv": {
        "save": "Spara utkast",
        "saved": r"^Sparat kl\. \d\d:\d\d$",
        "submit": "Lämna in till samordnaren",
        "add_activity": "Lägg till aktiviteten",
        "add_trip": "Lägg till resan",
        "offline": "Inte sparat: ingen anslutning.",
    },
    "nb": {
        "save": "Lagre utkast",
        "saved": r"^Lagret kl\. \d\d:\d\d$",
        "submit": "Lever til koordinatoren",
        "add_activity": "Legg til aktiviteten",
        "add_trip": "Legg til reisen",
        "offline": "Ikke lagret: ingen forbindelse.",
    },
    "en": {
        "save": "Save draft",
        "saved": r"^Saved at \d\d:\d\d$",
        "submit": "Submit to the coordinator",
        "add_activity": "Add the activity",
        "add_trip": "Add the trip",
        "offline": "Not saved: no connection. Your text is still here and will be saved when "
        "the connection returns.",
    },
}


@pytest.fixture
def editor(municipality, department, contact):
    """A started 2026 report with a commented project and an activity: only results missing."""
    goal_areas = adopted_goal_areas(municipality)
    ProjectFactory(municipality=municipality, lead_department=department, title="Baltic Schools")
    round = make_round(municipality, [department], year=2026, deadline=datetime.date(2099, 2, 1))
    report = services.report_start(round=round, department=department)
    services.report_save(
        report=report,
        expected_version=report.version,
        comments={row.pk: "Going well." for row in report.project_rows.all()},
        results={},
        no_activities=True,
    )
    return {"round": round, "report": report, "areas": goal_areas}


def report_url(live_server, municipality, department, language, round):
    base = f"{live_server.url}/{language}/{municipality.slug}/reporting"
    return f"{base}/{round.year}/{department.slug}/"


def as_user(browser, live_server, user, language):
    user.preferred_language = language
    user.save()
    context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, user.username, language=language)
    return context, page


def stored_result(report, area):
    result = report.results.filter(goal_area=area).first()
    return result.text if result else None


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_a_colleagues_save_in_between_is_shown_beside_mine_merged_saved_and_submitted(
    browser, live_server, municipality, department, contact, editor, language
):
    ui, round, area = UI[language], editor["round"], editor["areas"][0]
    colleague = DepartmentContactFactory(department=department)
    url = report_url(live_server, municipality, department, language, round)
    context_a, a = as_user(browser, live_server, contact, language)
    context_b, b = as_user(browser, live_server, colleague, language)
    a.goto(url)
    b.goto(url)

    # B writes and saves; A's page is now stale.
    b.locator(f"textarea[name=result_{area.pk}]").fill("Två nya partnerskolor.")
    b.get_by_role("button", name=ui["save"]).click()
    b.wait_for_url(re.compile("#part-results$"))
    assert stored_result(editor["report"], area) == "Två nya partnerskolor."

    a.locator(f"textarea[name=result_{area.pk}]").fill("Studiebesök från Gävle.")
    with a.expect_navigation():
        a.get_by_role("button", name=ui["save"]).click()
    # The merge view: B's text beside hers; hers still in the field; nothing stored.
    expect(a.locator(".merge-theirs")).to_have_text("Två nya partnerskolor.")
    expect(a.locator(".merge-diff ins").last).to_have_text("Gävle.")
    field = a.locator(f"textarea[name=result_{area.pk}]")
    expect(field).to_have_value("Studiebesök från Gävle.")
    assert stored_result(editor["report"], area) == "Två nya partnerskolor."
    assert_accessible(a, context="merge view")

    a.locator("[data-merge-into]").click()
    expect(field).to_have_value("Två nya partnerskolor.")
    expect(field).to_be_focused()
    field.press("End")
    field.type(" Studiebesök från Gävle.")
    with a.expect_navigation():
        a.get_by_role("button", name=ui["save"]).click()
    merged = "Två nya partnerskolor. Studiebesök från Gävle."
    assert stored_result(editor["report"], area) == merged
    with a.expect_navigation():
        a.get_by_role("button", name=ui["submit"]).click()
    report = DepartmentReport.objects.get()
    assert report.status == ReportStatus.SUBMITTED and stored_result(report, area) == merged
    assert_accessible(a, context="submitted after merging")
    context_a.close()
    context_b.close()


def test_texts_survive_adding_an_activity_and_a_trip_and_a_reload(
    page, live_server, municipality, department, contact, editor
):
    ui, round, areas = UI["nb"], editor["round"], editor["areas"]
    contact.preferred_language = "nb"
    contact.save()
    log_in(page, live_server, contact.username, language="nb")
    page.goto(report_url(live_server, municipality, department, "nb", round))
    page.locator(f"textarea[name=result_{areas[0].pk}]").fill("Nye partnere i nettverket.")
    page.locator(f"textarea[name=result_{areas[1].pk}]").fill("Mindre flyreiser.")

    page.locator("select[name=activity-kind]").select_option("conference")
    page.locator("input[name=activity-date]").fill("2026-04-15")
    page.locator("input[name=activity-title]").fill("Konferanse i Brussel")
    page.locator("input[name=activity-participants]").fill("3")
    page.get_by_role("button", name=ui["add_activity"]).click()
    expect(page.locator("#activities-section table")).to_contain_text("Konferanse i Brussel")
    expect(page.locator("input[name=activity-title]")).to_have_value("")
    expect(page.locator("#activities-section [data-focus-after-swap]")).to_be_focused()

    page.locator("input[name=trip-destination]").fill("Brussel")
    page.locator("select[name=trip-mode]").select_option("flight")
    page.locator("input[name=trip-distance_km]").fill("2600")
    page.get_by_role("button", name=ui["add_trip"]).click()
    expect(page.locator("#trips-section table")).to_contain_text("Brussel")
    # The texts were never touched by either; they are still on the page and saved.
    expect(page.locator(f"textarea[name=result_{areas[0].pk}]")).to_have_value(
        "Nye partnere i nettverket."
    )
    # Every text typed is saved (not only the first): then the reload loses nothing.
    expect(page.locator("#save-status[data-state=saved]")).to_have_text(
        re.compile(ui["saved"]), timeout=10_000
    )
    assert_accessible(page, context="editor after adding an activity and a trip")

    page.reload()
    expect(page.locator(f"textarea[name=result_{areas[0].pk}]")).to_have_value(
        "Nye partnere i nettverket."
    )
    expect(page.locator(f"textarea[name=result_{areas[1].pk}]")).to_have_value("Mindre flyreiser.")
    expect(page.locator("#activities-section table")).to_contain_text("Konferanse i Brussel")
    expect(page.locator("#trips-section table")).to_contain_text("Brussel")
    assert ReportActivity.objects.count() == 1 and Trip.objects.count() == 1


@pytest.mark.parametrize("language", ["en", "sv"])
def test_autosave_stores_the_draft_without_a_button_and_says_when_offline(
    page, live_server, municipality, department, contact, editor, language
):
    ui, round, area = UI[language], editor["round"], editor["areas"][0]
    contact.preferred_language = language
    contact.save()
    log_in(page, live_server, contact.username, language=language)
    page.goto(report_url(live_server, municipality, department, language, round))
    status = page.locator("#save-status")
    expect(status).to_have_attribute("aria-live", "polite")

    field = page.locator(f"textarea[name=result_{area.pk}]")
    field.fill("Written, never saved by hand.")
    expect(status).to_have_text(re.compile(ui["saved"]), timeout=10_000)
    expect(status).to_have_attribute("data-state", "saved")
    assert stored_result(editor["report"], area) == "Written, never saved by hand."
    assert_accessible(page, context="after an autosave")

    page.context.set_offline(True)
    field.fill("Written on the train.")
    field.blur()
    expect(status).to_contain_text(ui["offline"])
    expect(field).to_have_value("Written on the train.")
    assert stored_result(editor["report"], area) == "Written, never saved by hand."
    page.context.set_offline(False)
    expect(status).to_have_text(re.compile(ui["saved"]), timeout=15_000)
    expect(status).to_have_attribute("data-state", "saved")
    assert stored_result(editor["report"], area) == "Written on the train."


def test_submitting_from_a_stale_page_shows_the_merge_view_and_stores_nothing(
    browser, live_server, municipality, department, contact, editor
):
    ui, round, area = UI["sv"], editor["round"], editor["areas"][0]
    colleague = DepartmentContactFactory(department=department)
    url = report_url(live_server, municipality, department, "sv", round)
    context_a, a = as_user(browser, live_server, contact, "sv")
    context_b, b = as_user(browser, live_server, colleague, "sv")
    a.goto(url)
    b.goto(url)
    b.locator(f"textarea[name=result_{area.pk}]").fill("Kollegans text.")
    b.get_by_role("button", name=ui["save"]).click()
    b.wait_for_url(re.compile("#part-results$"))

    a.locator(f"textarea[name=result_{area.pk}]").fill("Min text.")
    with a.expect_navigation():
        a.get_by_role("button", name=ui["submit"]).click()
    expect(a.locator(".merge-theirs")).to_have_text("Kollegans text.")
    expect(a.locator(f"textarea[name=result_{area.pk}]")).to_have_value("Min text.")
    report = DepartmentReport.objects.get()
    assert report.status == ReportStatus.DRAFT and stored_result(report, area) == "Kollegans text."
    assert_accessible(a, context="stale submit")
    context_a.close()
    context_b.close()


def test_removing_an_activity_or_a_trip_asks_first(
    page, live_server, municipality, department, contact, editor
):
    ui, round = UI["en"], editor["round"]
    log_in(page, live_server, contact.username, language="en")
    page.goto(report_url(live_server, municipality, department, "en", round))
    page.locator("select[name=activity-kind]").select_option("conference")
    page.locator("input[name=activity-date]").fill("2026-04-15")
    page.locator("input[name=activity-title]").fill("Conference in Brussels")
    page.get_by_role("button", name=ui["add_activity"]).click()
    expect(page.locator("#activities-section table")).to_contain_text("Conference in Brussels")
    page.locator("input[name=trip-destination]").fill("Brussels")
    page.locator("select[name=trip-mode]").select_option("train")
    page.locator("input[name=trip-distance_km]").fill("1200")
    page.get_by_role("button", name=ui["add_trip"]).click()
    expect(page.locator("#trips-section table")).to_contain_text("Brussels")

    # The buttons came in by htmx after the page loaded: they ask all the same.
    for name, model in (
        ("Remove Conference in Brussels", ReportActivity),
        ("Remove Brussels", Trip),
    ):
        questions = []

        def say_no(dialog, questions=questions):
            questions.append(dialog.message)
            dialog.dismiss()

        page.once("dialog", say_no)
        page.get_by_role("button", name=name, exact=True).click()
        expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()
        assert questions and questions[0].startswith("Remove this")
        assert model.objects.count() == 1, "removed although the person said no"

        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name=name, exact=True).click()
        expect(page.get_by_role("button", name=name, exact=True)).to_have_count(0)
        assert model.objects.count() == 0
