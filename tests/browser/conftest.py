"""Browser harness: Playwright driving Debian's Chromium against pytest-django's live server.

Every page a test visits should be passed to `assert_accessible(page)`, which runs
axe-core (shipped inside axe-playwright-python, works offline) and fails on any
WCAG 2.1 A/AA violation.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (scripts/test installs it)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB", "viewport": {"width": 1280, "height": 900}}


_axe = Axe()


def assert_accessible(page, *, context: str = ""):
    """Run axe on the page; fail listing every WCAG 2.1 A/AA violation."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations = results.response["violations"]
    assert not violations, f"axe violations on {context or page.url}:\n" + "\n".join(
        f"- {v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
        f"{[n['target'] for n in v['nodes'][:3]]})"
        for v in violations
    )


def log_in(page, live_server, username: str, password: str = PASSWORD, language: str = "en"):
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.get_by_label(LABELS[language]["username"]).fill(username)
    page.get_by_label(LABELS[language]["password"]).fill(password)
    # Wait for the POST's navigation to finish, or a following goto() would cancel it.
    with page.expect_navigation():
        page.get_by_role("button", name=LABELS[language]["login"]).click()


LABELS = {
    "en": {"username": "Username", "password": "Password", "login": "Log in"},
    "sv": {"username": "Användarnamn", "password": "Lösenord", "login": "Logga in"},
    "nb": {"username": "Brukernavn", "password": "Passord", "login": "Logg inn"},
}
