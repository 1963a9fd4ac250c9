"""The council follow-up from preview to web version in a real browser, in Swedish, with
axe on every page: the coordinator previews (one department not approved yet), generates
in sv, downloads the PDF and the Word file; a council member reads the web version."""

import datetime
import subprocess

import pytest
from playwright.sync_api import expect

from reporting import services
from reporting.models import FollowUpDocument, FollowUpStatus
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import DepartmentFactory
from tests.reporting.conftest import complete
from tests.reporting.factories import ProjectFactory, adopted_goal_areas, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_coordinator_previews_and_generates_in_swedish_and_a_council_member_reads_it_online(
    page, live_server, municipality, department, coordinator, council_member
):
    for user in (coordinator, council_member):
        user.preferred_language = "sv"
        user.save()
    goal_areas = adopted_goal_areas(municipality)
    ProjectFactory(municipality=municipality, lead_department=department, title="Baltic Schools")
    late = DepartmentFactory(
        municipality=municipality, slug="kultur", name_sv="Kulturförvaltningen"
    )
    round = make_round(
        municipality, [department, late], year=2026, deadline=datetime.date(2099, 2, 1)
    )
    report = services.report_start(round=round, department=department)
    complete(report, goal_areas)
    report.refresh_from_db()
    services.report_submit(report=report, expected_version=report.version)
    services.report_approve(report=report)
    services.report_start(round=round, department=late)  # a draft, not submitted
    base = f"{live_server.url}/sv/{municipality.slug}/reporting"

    log_in(page, live_server, coordinator.username, language="sv")
    page.goto(f"{base}/followups/")
    page.locator("input[name=year]").fill("2026")
    page.locator("textarea[name=summary]").fill("Ett år med många kontakter.")
    page.get_by_role("button", name="Förhandsgranska uppföljningen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Förhandsgranskning")
    assert_accessible(page, context="follow-up preview")
    included = page.locator("#included ~ .table-scroll table").first.inner_text()
    assert department.name_sv in included
    waiting = page.locator("#waiting ~ .table-scroll table").first.inner_text()
    assert "Kulturförvaltningen" in waiting and "utkast" in waiting
    expect(
        page.get_by_role("link", name="Vänta: tillbaka till rapporteringsomgången 2026")
    ).to_be_visible()
    assert FollowUpDocument.objects.count() == 0  # nothing made by the preview
    svenska = page.get_by_role("checkbox", name="svenska")
    expect(svenska).to_be_checked()  # the municipality's language
    page.get_by_role("button", name="Gå vidare och skapa").click()
    page.wait_for_load_state()
    pdf_link = page.get_by_role("link", name="Öppna PDF-filen 2026")
    pdf_link.wait_for(timeout=60_000)
    assert_accessible(page, context="follow-up ready")
    document = FollowUpDocument.objects.get()
    assert document.status == FollowUpStatus.READY and document.language == "sv"

    response = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.body(), capture_output=True
    ).stdout.decode()
    assert "Nyckeltal" in text and "Kulturförvaltningen" in text  # named as not included
    word = page.get_by_role("link", name="Ladda ned som Word 2026")
    response = page.request.get(live_server.url + word.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == DOCX
    assert response.body()[:2] == b"PK"
    assert ".docx" in response.headers["content-disposition"]
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()

    log_in(page, live_server, council_member.username, language="sv")
    page.goto(f"{base}/followups/")
    assert_accessible(page, context="follow-ups for a council member")
    page.get_by_role("link", name="Webbversion 2026").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Uppföljning av den internationella strategin"
    )
    assert_accessible(page, context="follow-up web version")
    toc = page.get_by_role("navigation", name="Innehåll")
    toc.get_by_role("link", name=department.name_sv).click()
    expect(page).to_have_url(f"{base}/followups/{document.pk}/web/#dept-1")
    expect(page.locator("#dept-1 h2")).to_have_text(department.name_sv)
    assert "Baltic Schools" in page.locator("#dept-1").inner_text()
    # Printed, it keeps the content and leaves out the portal's header.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("#key-figures")).to_be_visible()
