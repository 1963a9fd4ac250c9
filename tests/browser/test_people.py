"""People in Chromium: the coordinator (Swedish) invites a contact person for a department
that has none, makes a mistake that is explained at the field, sends the invitation; the
contact (English) opens the e-mailed link, chooses a password, lands on the dashboard,
finds the invitation under "My tasks and news" and files a draft of the department's
report in the open round. axe checks every page visited."""

import datetime
import re

import pytest
from django.core import mail

from intlstrategy.models import Membership, Role
from reporting.models import DepartmentReport, ReportStatus
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import CoordinatorFactory
from tests.reporting.factories import adopted_goal_areas, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://\S+?(/en/accounts/invitation/\S+?/)\s")
PASSWORD = "Rektangel-Kompass-91"


def test_coordinator_invites_a_contact_who_sets_a_password_and_lands_on_the_dashboard(
    page, browser, browser_context_args, live_server, municipality, department
):
    coordinator = CoordinatorFactory(municipality=municipality, preferred_language="sv")
    areas = adopted_goal_areas(municipality)
    round = make_round(municipality, [department], year=2026, deadline=datetime.date(2099, 2, 1))
    log_in(page, live_server, coordinator.username, language="sv")

    page.goto(f"{live_server.url}/sv/vaxjo/dashboard/")
    page.get_by_role("link", name="Personer och roller").click()
    page.wait_for_url("**/sv/vaxjo/people/")
    assert page.get_by_role("heading", name="Förvaltningar utan kontaktperson").is_visible()
    assert_accessible(page, context="people page (sv)")

    page.get_by_role("link", name=re.compile("Bjud in eller utse en kontaktperson")).click()
    page.wait_for_url("**/sv/vaxjo/people/invite/**")
    assert page.get_by_label("Förvaltning utbildning").is_checked()
    assert_accessible(page, context="invite form (sv)")

    # A mistake: no e-mail address. Explained at the field; what was typed stays.
    page.get_by_label("Förnamn").fill("Alex")
    page.get_by_label("Efternamn").fill("Lund")
    page.get_by_label("Inbjudans språk").select_option("en")
    page.get_by_role("button", name="Skicka inbjudan").click()
    page.wait_for_load_state()
    assert page.locator(".field-error").filter(has_text="E-post").count() == 1
    assert page.get_by_label("Förnamn").input_value() == "Alex"
    assert_accessible(page, context="invite form with an error (sv)")

    page.get_by_label("E-post").fill("Alex.Lund@Vaxjo.example")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka inbjudan").click()
    assert page.url.endswith("/sv/vaxjo/people/")
    assert page.get_by_role("status").filter(has_text="En inbjudan skickades").count() == 1
    assert page.get_by_text("Alla förvaltningar har en kontaktperson.").is_visible()
    assert_accessible(page, context="people page after the invitation (sv)")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alex.lund@vaxjo.example"]
    assert message.subject.startswith("Invitation to the international strategy portal")
    link = LINK.search(message.body).group(1)

    invitee_context = browser.new_context(**browser_context_args)
    invitee = invitee_context.new_page()
    try:
        invitee.goto(f"{live_server.url}{link}")
        assert invitee.get_by_role("heading", level=1).inner_text() == "Choose your password"
        assert_accessible(invitee, context="invitation: choose a password (en)")
        invitee.get_by_label(re.compile(r"^New password:?$")).fill(PASSWORD)
        invitee.get_by_label("New password confirmation").fill(PASSWORD)
        with invitee.expect_navigation():
            invitee.get_by_role("button", name="Save the password and log in").click()
        invitee.wait_for_url("**/en/vaxjo/dashboard/")
        assert invitee.get_by_role("status").filter(has_text="you are logged in").count() == 1
        assert_accessible(invitee, context="the new contact's dashboard (en)")

        # The invitation is in "My tasks and news", counted as unread in the header.
        header_link = invitee.get_by_role("link", name=re.compile(r"My tasks and news"))
        assert "(1 unread)" in header_link.inner_text()
        header_link.click()
        invitee.wait_for_url("**/en/my-tasks/")
        assert invitee.get_by_role("button", name=re.compile("Invitation to the")).is_visible()
        assert_accessible(invitee, context="my tasks and news (en)")

        # The department's report: start it, write a result, save the draft.
        invitee.goto(f"{live_server.url}/en/vaxjo/reporting/{round.year}/{department.slug}/")
        with invitee.expect_navigation():
            invitee.get_by_role("button", name="Start the report").click()
        invitee.locator(f"textarea[name=result_{areas[0].pk}]").fill("Two new partner schools.")
        invitee.get_by_role("button", name="Save draft").click()
        invitee.wait_for_url(re.compile("#part-results$"))
        assert_accessible(invitee, context="the new contact's draft (en)")

        invitee.goto(f"{live_server.url}{link}")
        assert invitee.get_by_role("heading", level=1).inner_text() == (
            "This invitation link cannot be used"
        )
        assert_accessible(invitee, context="a used invitation link (en)")
    finally:
        invitee_context.close()

    membership = Membership.objects.get(user__email="alex.lund@vaxjo.example")
    assert membership.role == Role.DEPARTMENT_CONTACT
    assert list(membership.departments.all()) == [department]
    report = DepartmentReport.objects.get(round=round, department=department)
    assert report.status == ReportStatus.DRAFT
    assert report.results.get(goal_area=areas[0]).text == "Two new partner schools."
