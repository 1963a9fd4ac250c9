import pytest

from tests.browser.conftest import LABELS, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DASHBOARD = {"en": "Dashboard", "sv": "Översikt", "nb": "Oversikt"}


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
@pytest.mark.parametrize("role", ["coordinator", "contact", "council_member"])
def test_each_role_logs_in_and_sees_its_dashboard(page, live_server, request, role, language):
    user = request.getfixturevalue(role)
    user.preferred_language = language
    user.save()
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    assert_accessible(page, context=f"login {language}")
    log_in(page, live_server, user.username, language=language)
    page.goto(f"{live_server.url}/{language}/dashboard/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("heading", level=1).inner_text() == DASHBOARD[language]
    assert_accessible(page, context=f"dashboard {role} {language}")


def test_public_pages_are_accessible_in_each_language(page, live_server, municipality):
    for language in ("nb", "sv", "en"):
        page.goto(f"{live_server.url}/{language}/")
        assert_accessible(page, context=f"home {language}")
        page.goto(f"{live_server.url}/{language}/{municipality.slug}/")
        assert_accessible(page, context=f"municipality {language}")


def test_language_switch_is_remembered(page, live_server, municipality):
    page.goto(f"{live_server.url}/en/{municipality.slug}/")
    page.get_by_role("button", name="Svenska").click()
    page.wait_for_url(f"**/sv/{municipality.slug}/")
    page.goto(f"{live_server.url}/")
    assert page.url.endswith("/sv/")
    assert LABELS["sv"]["login"] in page.content()


def test_keyboard_user_can_skip_to_content(page, live_server, municipality):
    page.goto(f"{live_server.url}/en/{municipality.slug}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to content"
