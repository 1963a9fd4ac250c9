"""The three journeys of JOURNEYS.md, end to end in Chromium on the demo data, in nb, sv
and en, with axe checks on every page visited.

Button and heading texts are looked up through the same gettext catalogues the pages
use, so each run clicks the labels a user of that language sees.
"""

import datetime
import subprocess

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from intlstrategy.models import Department, User
from partners.models import Category, Relation
from reporting.models import DepartmentReport, ReportingRound, ReportStatus
from reporting.services import followup_request
from strategies.models import DocumentStatus, Strategy, StrategyDocument
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["nb", "sv", "en"]
DEMO_PASSWORD = "demo-portal-2026"


def t(language: str, msgid: str) -> str:
    with translation.override(language):
        return gettext(msgid)


@pytest.fixture
def demo(db):
    # The journeys request their own follow-up; rendering the demo's would only cost time.
    call_command("load_demo", "--quiet-logins", "--no-pdfs")


def demo_user(username: str, language: str) -> User:
    user = User.objects.get(username=username)
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def visit(page, url: str, context: str):
    page.goto(url)
    assert_accessible(page, context=context)


@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_maintains_the_strategy_regrades_a_twin_town_and_opens_a_round(
    page, live_server, demo, language
):
    user = demo_user("vaxjo-coordinator", language)
    base = f"{live_server.url}/{language}/vaxjo"
    log_in(page, live_server, user.username, DEMO_PASSWORD, language=language)
    visit(page, f"{base}/dashboard/", "dashboard")
    assert page.get_by_role("heading", level=1).inner_text() == t(language, "Dashboard")

    # The strategy: start a draft, reword a measure in Swedish and English, adopt it.
    adopted = StrategyDocument.objects.for_municipality(user.memberships.get().municipality).get(
        status=DocumentStatus.ADOPTED
    )
    visit(page, f"{base}/strategy/", "strategy list")
    visit(page, f"{base}/strategy/{adopted.pk}/", "adopted strategy")
    page.get_by_role("button", name=t(language, "Start a new draft")).click()
    page.wait_for_url("**/edit/")
    assert_accessible(page, context="draft editor")
    draft = StrategyDocument.objects.get(status=DocumentStatus.DRAFT, previous_version=adopted)
    # Växjö's strategy bullets are its followed-up courses of action (no lettered measures).
    strategy = Strategy.objects.filter(document=draft).order_by("number").first()
    visit(page, f"{base}/strategy/{draft.pk}/edit/strategy/{strategy.pk}/", "strategy form")
    page.locator("#id_title_sv").fill(
        "Kommunen söker alltid extern delfinansiering för utveckling."
    )
    page.locator("#id_title_en").fill("The municipality always seeks external co-funding.")
    page.get_by_role("button", name=t(language, "Save"), exact=True).click()
    page.wait_for_url("**/edit/#strategy-*")
    page.get_by_role("link", name=t(language, "Compare and adopt…")).click()
    page.wait_for_load_state()
    assert page.locator("table.diff ins").count() >= 1
    assert_accessible(page, context="adopt with diff")
    page.locator("#id_adopted_on").fill(datetime.date.today().isoformat())
    page.locator("#id_paragraph").fill("§ 12")
    page.locator("#id_case_number").fill("KS/2026:77")
    page.get_by_role("button", name=t(language, "Adopt"), exact=True).click()
    page.wait_for_url(f"**/strategy/{draft.pk}/")
    assert_accessible(page, context="newly adopted strategy")
    draft.refresh_from_db()
    adopted.refresh_from_db()
    assert (draft.status, adopted.status) == (DocumentStatus.ADOPTED, DocumentStatus.SUPERSEDED)

    # A twin town goes from political focus to dormant, with the reason and the decision.
    relation = Relation.objects.filter(
        municipality__slug="vaxjo", category=Category.POLITICAL_FOCUS, ended_on__isnull=True
    ).first()
    assert relation is not None, "the demo has a political-focus relation in Växjö"
    visit(page, f"{base}/twin-towns/{relation.pk}/category/", "regrade form")
    page.locator("select[name=to_category]").select_option(Category.DORMANT)
    page.locator("input[name=date]").fill(datetime.date.today().isoformat())
    page.locator("textarea[name=reason]").fill("Inga gemensamma projekt sedan 2022.")
    page.locator("input[name=decision_date]").fill(datetime.date.today().isoformat())
    page.locator("input[name=case_number]").fill("KS/2026:78")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/twin-towns/{relation.pk}/#timeline")
    assert_accessible(page, context="relation with timeline")
    assert "Inga gemensamma projekt sedan 2022." in page.locator("main").inner_text()
    visit(page, f"{base}/twin-towns/map/", "map")
    row = page.locator("main table tr", has_text=relation.city_sv or relation.city)
    with translation.override(language):
        dormant = str(Category.DORMANT.label)
    assert dormant in row.inner_text()

    # The next reporting round: deadline, departments, instructions; contacts get e-mail.
    year = timezone_year() + 1
    mail.outbox.clear()
    visit(page, f"{base}/reporting/rounds/new/", "open a round")
    page.locator("input[name=year]").fill(str(year))
    page.locator("input[name=deadline]").fill(f"{year + 1}-02-28")
    page.locator("textarea[name=instructions_sv]").fill("Rapportera årets internationella arbete.")
    page.get_by_role("button", name=t(language, "Open the round")).click()
    page.wait_for_url(f"**/reporting/{year}/")
    assert_accessible(page, context="new round")
    round = ReportingRound.objects.get(municipality__slug="vaxjo", year=year)
    contacts = {
        u.email
        for u in User.objects.filter(
            memberships__role="department_contact",
            memberships__departments__in=round.departments.all(),
        )
    }
    assert contacts and contacts <= {address for m in mail.outbox for address in m.to}


def timezone_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


@pytest.mark.parametrize("language", LANGUAGES)
def test_department_contact_files_the_yearly_report(page, live_server, demo, language):
    user = demo_user("trondheim-contact", language)
    department = Department.objects.get(municipality__slug="trondheim", slug="oppvekst-utdanning")
    round = ReportingRound.objects.filter(municipality__slug="trondheim").order_by("-year").first()
    base = f"{live_server.url}/{language}/trondheim"
    log_in(page, live_server, user.username, DEMO_PASSWORD, language=language)
    visit(page, f"{base}/dashboard/", "contact dashboard")
    report_url = f"{base}/reporting/{round.year}/{department.slug}/"
    visit(page, report_url, "report")
    start = page.get_by_role("button", name=t(language, "Start the report"))
    if start.count():
        start.click()
        page.wait_for_load_state()
    for comment in page.locator("textarea[name^=comment_]").all():
        comment.fill("Prosjektet går etter planen.")
    for result in page.locator("textarea[name^=result_]").all():
        result.fill("Nye kontakter med vennskapsbyen og to nye søknader.")
    # The editor saves and adds rows in place (htmx) and autosaves: wait for what each step
    # shows rather than for a page load that may not come.
    with page.expect_navigation():
        page.get_by_role("button", name=t(language, "Save draft")).click()
    assert_accessible(page, context="report saved")
    page.locator("select[name=activity-kind]").select_option("conference")
    page.locator("input[name=activity-date]").fill(f"{round.year}-05-20")
    page.locator("input[name=activity-title]").fill("Nettverkskonferanse i Brussel")
    page.locator("input[name=activity-participants]").fill("2")
    page.get_by_role("button", name=t(language, "Add the activity")).click()
    expect(page.get_by_role("rowheader", name="Nettverkskonferanse i Brussel")).to_be_visible()
    page.locator("input[name=trip-destination]").fill("Brussel")
    page.locator("select[name=trip-mode]").select_option("flight")
    page.locator("input[name=trip-distance_km]").fill("1700")
    page.locator("input[name=trip-compensated]").check()
    page.get_by_role("button", name=t(language, "Add the trip")).click()
    expect(page.locator("#trips-section th[scope=row]", has_text="Brussel")).to_be_visible()
    assert_accessible(page, context="report with activity and trip")
    with page.expect_navigation():
        page.get_by_role("button", name=t(language, "Submit to the coordinator")).click()
    assert_accessible(page, context="report submitted")
    report = DepartmentReport.objects.get(round=round, department=department)
    assert report.status == ReportStatus.SUBMITTED
    assert report.activities.filter(title="Nettverkskonferanse i Brussel").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_council_member_reads_the_strategy_and_the_follow_up(page, live_server, demo, language):
    coordinator = User.objects.get(username="gavle-coordinator")
    user = demo_user("gavle-council", language)
    municipality = user.memberships.get().municipality
    followup = followup_request(
        municipality=municipality,
        year=2025,
        language=language,
        summary="Året i korthet.",
        by=coordinator,
    )
    base = f"{live_server.url}/{language}/gavle"
    log_in(page, live_server, user.username, DEMO_PASSWORD, language=language)
    visit(page, f"{base}/dashboard/", "council dashboard")
    visit(page, f"{base}/strategy/", "strategy list")
    document = StrategyDocument.objects.for_municipality(municipality).first()
    visit(page, f"{base}/strategy/{document.pk}/", "strategy")
    assert page.get_by_role("button", name=t(language, "Start a new draft")).count() == 0
    visit(page, f"{base}/reporting/followups/", "follow-ups")
    assert page.get_by_role("button", name=t(language, "Preview the follow-up")).count() == 0
    response = page.request.get(f"{base}/reporting/followups/{followup.pk}/pdf/")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.body(), capture_output=True, check=True
    ).stdout.decode()
    assert municipality.name_sv.split()[0] in text
    visit(page, f"{base}/twin-towns/?category=dormant", "dormant twin towns")
    visit(page, f"{base}/projects/?status=ongoing", "ongoing projects")
    # A read-only role is offered no form that would change anything (only log-out).
    assert page.locator("main form[method=post]").count() == 0
