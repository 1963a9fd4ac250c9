"""Progress in a real browser, in sv and nb with axe on every page: a department contact
reports the status of her measures and activities and submits, the coordinator approves,
the strategy's action plan shows the new status in words, and so does the public progress
page, read without logging in."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from reporting.models import DepartmentReport, ReportStatus
from strategies.models import ActionPlan, ActionPlanActivity, Measure, Strategy
from tests.browser.conftest import assert_accessible, log_in
from tests.reporting.factories import adopted_goal_areas, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UI = {
    "sv": {
        "start": "Påbörja rapporten",
        "save": "Spara utkast",
        "submit": "Lämna in till samordnaren",
        "approve": "Godkänn rapporten",
        "log_out": "Logga ut",
        "section": "Våra åtgärder och aktiviteter",
        "delayed": "Försenad",
        "on_track": "Pågår enligt plan",
        "not_reported": "ej rapporterad",
    },
    "nb": {
        "start": "Start rapporten",
        "save": "Lagre utkast",
        "submit": "Lever til koordinatoren",
        "approve": "Godkjenn rapporten",
        "log_out": "Logg ut",
        "section": "Våre tiltak og aktiviteter",
        "delayed": "Forsinket",
        "on_track": "I rute",
        "not_reported": "ikke rapportert",
    },
}


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_contact_reports_progress_coordinator_approves_the_plan_shows_it(
    page, live_server, municipality, department, contact, coordinator, language
):
    ui = UI[language]
    for user in (contact, coordinator):
        user.preferred_language = language
        user.save()
    goal_areas = adopted_goal_areas(municipality)
    document = goal_areas[0].document
    strategy = Strategy.objects.create(document=document, number=1, title="Partnerskap")
    measure = Measure.objects.create(
        strategy=strategy, letter="a", text="Söka EU-medel", **{f"text_{language}": "Söka EU-medel"}
    )
    measure.responsible_departments.set([department])
    measure.goal_areas.set(goal_areas[:1])
    plan = ActionPlan.objects.create(
        document=document, title="Handlingsplan", start_year=2025, end_year=2027
    )
    activity = ActionPlanActivity.objects.create(
        action_plan=plan,
        number=1,
        title="Studieresa till vänorten",
        **{f"title_{language}": "Studieresa till vänorten"},
        responsible_department=department,
    )
    untouched = ActionPlanActivity.objects.create(
        action_plan=plan, number=2, title="Nätverksmöte", responsible_department=department
    )
    round = make_round(municipality, [department], year=2026, deadline=datetime.date(2099, 2, 1))
    base = f"{live_server.url}/{language}/{municipality.slug}"

    log_in(page, live_server, contact.username, language=language)
    page.goto(f"{base}/reporting/{round.year}/{department.slug}/")
    page.get_by_role("button", name=ui["start"]).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name=ui["section"])).to_be_visible()
    report = DepartmentReport.objects.get()
    rows = {row.measure_id or f"a{row.activity_id}": row for row in report.progress_rows.all()}
    measure_row, activity_row = rows[measure.pk], rows[f"a{activity.pk}"]
    page.locator(f"select[name=progress_status_{measure_row.pk}]").select_option("on_track")
    page.locator(f"textarea[name=progress_note_{measure_row.pk}]").fill(
        "Två ansökningar inlämnade."
    )
    page.locator(f"select[name=progress_status_{activity_row.pk}]").select_option("delayed")
    page.locator(f"textarea[name=result_{goal_areas[0].pk}]").fill("Nya partner i nätverket.")
    page.locator("input[name=no_activities]").check()
    assert_accessible(page, context="report with progress rows")
    with page.expect_navigation():
        page.get_by_role("button", name=ui["save"]).click()
    # Saved: the choices come back as chosen.
    expect(page.locator(f"select[name=progress_status_{activity_row.pk}]")).to_have_value("delayed")
    with page.expect_navigation():
        page.get_by_role("button", name=ui["submit"]).click()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # The submitted report shows each status in words; the untouched row as not reported.
    table = page.locator("section[aria-labelledby=part-progress] table")
    expect(table).to_contain_text(ui["delayed"])
    expect(table).to_contain_text(ui["not_reported"][:1].upper() + ui["not_reported"][1:])
    assert_accessible(page, context="submitted report with progress")
    page.get_by_role("button", name=ui["log_out"]).click()
    page.wait_for_load_state()

    log_in(page, live_server, coordinator.username, language=language)
    page.goto(f"{base}/reporting/{round.year}/{department.slug}/")
    page.get_by_role("button", name=ui["approve"]).click()
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED

    page.goto(f"{base}/strategy/{document.pk}/")
    plan_table = page.locator("#action-plan table").first
    row = plan_table.locator("tr", has_text="Studieresa till vänorten")
    expect(row).to_contain_text(ui["delayed"])
    expect(row).to_contain_text("(2026)")
    expect(page.locator("#measure-1a")).to_contain_text(ui["on_track"])
    assert_accessible(page, context="action plan with progress")
    page.goto(f"{base}/dashboard/")
    panel = page.locator("section[aria-labelledby=progress-panel]")
    expect(panel).to_contain_text("Studieresa till vänorten")
    assert_accessible(page, context="dashboard with progress")
    untouched.refresh_from_db()
    assert untouched.progress_status == ""

    # The public reads the same status on the strategy's progress page, not logged in.
    page.get_by_role("button", name=ui["log_out"]).click()
    page.wait_for_load_state()
    page.goto(f"{base}/strategy/{document.pk}/progress/")
    public_activity = page.locator("tr", has_text="Studieresa till vänorten")
    expect(public_activity).to_contain_text(re.compile(ui["delayed"], re.IGNORECASE))
    expect(public_activity).to_contain_text("2026")
    public_measure = page.locator("tr", has_text="Söka EU-medel")
    expect(public_measure).to_contain_text(re.compile(ui["on_track"], re.IGNORECASE))
    expect(public_measure).to_contain_text("Två ansökningar inlämnade.")
    assert_accessible(page, context="public progress page after the approval")
