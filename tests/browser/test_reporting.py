"""The yearly report journey in a real browser, with axe checks on every page, in nb and sv:
a department contact files the report, the coordinator approves it, generates the
council follow-up and opens the PDF."""

import datetime
import subprocess

import pytest
from playwright.sync_api import expect

from reporting.models import DepartmentReport, FollowUpDocument, FollowUpStatus, ReportStatus
from tests.browser.conftest import assert_accessible, log_in
from tests.reporting.factories import ProjectFactory, adopted_goal_areas, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UI = {
    "sv": {
        "start": "Påbörja rapporten",
        "save": "Spara utkast",
        "add_activity": "Lägg till aktiviteten",
        "add_trip": "Lägg till resan",
        "submit": "Lämna in till samordnaren",
        "approve": "Godkänn rapporten",
        "preview": "Förhandsgranska uppföljningen",
        "generate": "Skapa uppföljningen",
        "open_pdf": "Öppna PDF-filen 2026",
        "submitted": "inlämnad",
        "key_figures": "Nyckeltal",
        "log_out": "Logga ut",
    },
    "nb": {
        "start": "Start rapporten",
        "save": "Lagre utkast",
        "add_activity": "Legg til aktiviteten",
        "add_trip": "Legg til reisen",
        "submit": "Lever til koordinatoren",
        "approve": "Godkjenn rapporten",
        "preview": "Forhåndsvis oppfølgingen",
        "generate": "Lag oppfølgingen",
        "open_pdf": "Åpne PDF-en 2026",
        "submitted": "levert",
        "key_figures": "Nøkkeltall",
        "log_out": "Logg ut",
    },
}


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_contact_files_coordinator_approves_and_opens_the_follow_up(
    page, live_server, municipality, department, contact, coordinator, language
):
    ui = UI[language]
    for user in (contact, coordinator):
        user.preferred_language = language
        user.save()
    goal_areas = adopted_goal_areas(municipality)
    ProjectFactory(municipality=municipality, lead_department=department, title="Baltic Schools")
    round = make_round(municipality, [department], year=2026, deadline=datetime.date(2099, 2, 1))
    base = f"{live_server.url}/{language}/{municipality.slug}/reporting"

    # The department contact files the report.
    log_in(page, live_server, contact.username, language=language)
    page.goto(f"{base}/{round.year}/{department.slug}/")
    assert_accessible(page, context="report not started")
    page.get_by_role("button", name=ui["start"]).click()
    page.wait_for_load_state()
    assert_accessible(page, context="report draft")
    page.locator("textarea[name^=comment_]").fill("Projektet går enligt plan.")
    page.locator(f"textarea[name=result_{goal_areas[0].pk}]").fill("Nya partner i nätverket.")
    # The editor saves and adds rows in place (htmx): wait for what each step shows
    # rather than for a page load that may not come.
    with page.expect_navigation():
        page.get_by_role("button", name=ui["save"]).click()
    page.locator("select[name=activity-kind]").select_option("conference")
    page.locator("input[name=activity-date]").fill("2026-04-15")
    page.locator("input[name=activity-title]").fill("Konferens i Bryssel")
    page.locator("input[name=activity-participants]").fill("3")
    page.get_by_role("button", name=ui["add_activity"]).click()
    expect(page.get_by_role("rowheader", name="Konferens i Bryssel")).to_be_visible()
    page.locator("input[name=trip-destination]").fill("Bryssel")
    page.locator("select[name=trip-mode]").select_option("flight")
    page.locator("input[name=trip-distance_km]").fill("2600")
    page.locator("input[name=trip-compensated]").check()
    page.get_by_role("button", name=ui["add_trip"]).click()
    expect(page.locator("#trips-section th[scope=row]", has_text="Bryssel")).to_be_visible()
    assert_accessible(page, context="report with activity and trip")
    with page.expect_navigation():
        page.get_by_role("button", name=ui["submit"]).click()
    assert_accessible(page, context="report submitted")
    assert DepartmentReport.objects.get().status == ReportStatus.SUBMITTED
    page.get_by_role("button", name=ui["log_out"]).click()
    page.wait_for_load_state()

    # The coordinator approves it and generates the follow-up.
    log_in(page, live_server, coordinator.username, language=language)
    page.goto(f"{base}/")
    assert_accessible(page, context="reporting index")
    page.goto(f"{base}/rounds/new/")
    assert_accessible(page, context="open a round")
    page.goto(f"{base}/{round.year}/")
    assert_accessible(page, context="round page")
    assert ui["submitted"] in page.locator("main table").inner_text()
    page.get_by_role("link", name=getattr(department, f"name_{language}"), exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page, context="report to review")
    page.get_by_role("button", name=ui["approve"]).click()
    page.wait_for_load_state()
    assert DepartmentReport.objects.get().status == ReportStatus.APPROVED
    page.goto(f"{base}/followups/")
    assert_accessible(page, context="follow-ups")
    page.locator("input[name=year]").fill("2026")
    page.locator("textarea[name=summary]").fill("Ett år med många kontakter.")
    page.get_by_role("button", name=ui["preview"]).click()
    page.wait_for_load_state()
    assert_accessible(page, context="follow-up preview")
    # One document, in the page's language (the municipality's is preselected).
    for box in page.locator("input[name=languages]").all():
        box.uncheck()
    page.locator(f"input[name=languages][value={language}]").check()
    page.get_by_role("button", name=ui["generate"]).click()
    page.wait_for_load_state()
    link = page.get_by_role("link", name=ui["open_pdf"])
    link.wait_for(timeout=30_000)
    assert_accessible(page, context="follow-up ready")
    assert FollowUpDocument.objects.get().status == FollowUpStatus.READY

    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.body(), capture_output=True
    ).stdout.decode()
    assert ui["key_figures"] in text and "Konferens i Bryssel" in text
    assert getattr(department, f"name_{language}") in text
