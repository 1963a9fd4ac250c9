"""Security controls of issue 7 (OWASP ASVS level 2): throttling, passwords, sessions,
cookies, CSRF, headers and Django's deployment check with production settings."""

import json
import os
import re
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
LOGIN = "/en/accounts/login/"

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Gq2mP9vLr4Tz8Kw1Nc6Bh3Yd5Fs0Ja" * 2,
    "ALLOWED_HOSTS": "international.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://international.example.org",
    "DATABASE_URL": "postgres://intlstrategy:secret@127.0.0.1:5432/intlstrategy",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "SITE_URL": "https://international.example.org",
    "EMAIL_URL": "smtp+tls://portal:secret@smtp.example.org:587",
}


def production_env(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TEST_DATABASE_NAME", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(PRODUCTION_ENV)
    env.update(extra)
    return env


def log_in(client, user, ip="10.0.0.1", password=PASSWORD):
    return client.post(LOGIN, {"username": user.username, "password": password}, REMOTE_ADDR=ip)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- login throttling -------------------------------------------------------------------


@pytest.mark.django_db
def test_five_failed_logins_lock_the_username_and_address_pair(client, coordinator):
    statuses = [
        log_in(client, coordinator, password="wrong-password-123").status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the 5th failure locks the pair
    response = log_in(client, coordinator)  # right password, 6th attempt
    assert response.status_code == 429
    assert not is_logged_in(client)


@pytest.mark.django_db
def test_a_locked_pair_does_not_lock_the_same_user_from_another_address(client, coordinator):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, coordinator, ip="10.0.0.66", password="wrong-password-123")
    other = Client()
    response = log_in(other, coordinator, ip="10.0.0.77")
    assert response.status_code == 302
    assert is_logged_in(other)


def proxy_settings(proxies: int) -> dict:
    """The settings module's lock-out configuration for `proxies` reverse proxies, read
    from a fresh interpreter exactly as a deployment sets it (REVERSE_PROXY_COUNT)."""
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({k: getattr(settings, k, None) for k in "
        "('AXES_IPWARE_PROXY_COUNT', 'AXES_IPWARE_META_PRECEDENCE_ORDER')}))"
    )
    env = production_env(
        REVERSE_PROXY_COUNT=str(proxies), DJANGO_SETTINGS_MODULE="intlstrategy.settings"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def log_in_through_proxy(client, user, forwarded_for, password=PASSWORD):
    # The proxy runs on the same host: every request reaches the portal from 127.0.0.1,
    # with the client's address appended to X-Forwarded-For by the proxy.
    return client.post(
        LOGIN,
        {"username": user.username, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.django_db
def test_behind_a_proxy_one_clients_failures_do_not_lock_out_the_others(coordinator):
    # Five wrong passwords from one client behind the proxy used to lock the real
    # coordinator out everywhere (every client shared the proxy's address).
    with override_settings(**proxy_settings(1)):
        attacker, colleague = Client(), Client()
        statuses = [
            log_in_through_proxy(
                attacker, coordinator, "10.20.30.40", password="wrong-password-123"
            ).status_code
            for _ in range(settings.AXES_FAILURE_LIMIT)
        ]
        assert statuses == [200, 200, 200, 200, 429]
        assert AccessAttempt.objects.get().ip_address == "10.20.30.40"
        response = log_in_through_proxy(colleague, coordinator, "10.20.30.99")
        assert response.status_code == 302 and is_logged_in(colleague)


@pytest.mark.django_db
def test_behind_a_proxy_a_forged_forwarded_address_does_not_escape_the_lock(coordinator):
    # The client may write anything into X-Forwarded-For; the proxy appends the real
    # address at the right, and only that one counts.
    with override_settings(**proxy_settings(1)):
        client = Client()
        for n in range(settings.AXES_FAILURE_LIMIT):
            log_in_through_proxy(
                client, coordinator, f"192.0.2.{n}, 10.20.30.40", password="wrong-password-123"
            )
        response = log_in_through_proxy(client, coordinator, "198.51.100.7, 10.20.30.40")
        assert response.status_code == 429 and not is_logged_in(client)


@pytest.mark.django_db
def test_without_a_proxy_a_client_set_forwarded_header_is_ignored(coordinator):
    with override_settings(**proxy_settings(0)):
        client = Client()
        for n in range(settings.AXES_FAILURE_LIMIT):
            client.post(
                LOGIN,
                {"username": coordinator.username, "password": "wrong-password-123"},
                REMOTE_ADDR="10.0.0.5",
                HTTP_X_FORWARDED_FOR=f"10.9.9.{n}",
            )
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.5"}
        assert log_in(client, coordinator, ip="10.0.0.5").status_code == 429


def test_two_proxies_take_the_second_address_from_the_right():
    assert proxy_settings(2) == {
        "AXES_IPWARE_PROXY_COUNT": 1,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
    }


@pytest.mark.django_db
def test_four_failures_do_not_lock(client, coordinator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, coordinator, password="wrong-password-123")
    assert log_in(client, coordinator).status_code == 302


@pytest.mark.django_db
def test_the_lock_ends_after_fifteen_minutes(client, coordinator):
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, coordinator, password="wrong-password-123")
    assert log_in(client, coordinator).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, coordinator).status_code == 302


# --- passwords --------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["kort", "Sommar2024!", "elevenchars"])
def test_passwords_shorter_than_twelve_characters_are_refused(password):
    with pytest.raises(ValidationError, match="at least 12"):
        validate_password(password)


@pytest.mark.parametrize("password", ["password1234", "qwertyuiop123"])
def test_common_passwords_are_refused(password):
    with pytest.raises(ValidationError, match="too common"):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("Blåbärssoppa i Vasaloppet 2026")


@pytest.mark.django_db
def test_password_change_form_refuses_a_short_password(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/en/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "Sommar2024!", "new_password2": "Sommar2024!"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password(PASSWORD)


# --- sessions ---------------------------------------------------------------------------


class Clock:
    """Moves both clocks the session machinery reads: time.time (absolute lifetime in
    SessionLifetimeMiddleware) and django.utils.timezone.now (session expiry in the DB)."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        real_time = time.time
        real_now = timezone.now
        monkeypatch.setattr(time, "time", lambda: real_time() + self.offset)
        monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(seconds=self.offset))

    def advance(self, **delta):
        self.offset += timedelta(**delta).total_seconds()


DASHBOARD = "/en/vaxjo/dashboard/"


@pytest.mark.django_db
def test_session_ends_after_thirty_idle_minutes(client, coordinator, monkeypatch):
    clock = Clock(monkeypatch)
    assert log_in(client, coordinator).status_code == 302
    assert client.get(DASHBOARD).status_code == 200
    clock.advance(minutes=29)
    assert client.get(DASHBOARD).status_code == 200  # activity renews the idle timer
    clock.advance(minutes=29)
    assert client.get(DASHBOARD).status_code == 200
    clock.advance(minutes=31)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


@pytest.mark.django_db
def test_a_logged_in_request_writes_the_session_only_to_renew_it(client, coordinator, monkeypatch):
    """No UPDATE of the session on every request; once per SESSION_RENEW_AFTER."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clock = Clock(monkeypatch)
    assert log_in(client, coordinator).status_code == 302
    client.get(DASHBOARD)

    def session_writes():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(DASHBOARD).status_code == 200
        return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "django_session"')]

    assert session_writes() == []
    clock.advance(seconds=settings.SESSION_RENEW_AFTER + 1)
    assert len(session_writes()) == 1


@pytest.mark.django_db
def test_expired_sessions_are_cleared_by_the_scheduled_job(client, coordinator, monkeypatch):
    from django.contrib.sessions.models import Session

    from intlstrategy.tasks import clear_expired_sessions_task

    assert "clear-expired-sessions" in settings.CELERY_BEAT_SCHEDULE
    assert log_in(client, coordinator).status_code == 302
    assert Session.objects.count() == 1
    Clock(monkeypatch).advance(minutes=31)
    clear_expired_sessions_task()
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_session_ends_twelve_hours_after_login_however_active(client, coordinator, monkeypatch):
    clock = Clock(monkeypatch)
    assert log_in(client, coordinator).status_code == 302
    for _ in range(28):  # a request every 25 minutes for 11 h 40 min
        clock.advance(minutes=25)
        assert client.get(DASHBOARD).status_code == 200
    clock.advance(minutes=25)  # 12 h 05 min after login
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not is_logged_in(client)


@pytest.mark.django_db
def test_login_issues_a_new_session_key(client, coordinator):
    session = client.session
    session["visited"] = True
    session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert log_in(client, coordinator).status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=before).exists()


@pytest.mark.django_db
def test_logout_ends_the_session_on_the_server(client, coordinator):
    log_in(client, coordinator)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/en/accounts/logout/")
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()


# --- production settings ----------------------------------------------------------------


def production_settings() -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k, None) for k in ["
        "'DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'LANGUAGE_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
        "'SECURE_SSL_REDIRECT', 'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', "
        "'SESSION_COOKIE_AGE', 'SESSION_ABSOLUTE_LIFETIME', 'X_FRAME_OPTIONS', "
        "'OIDC_ENABLED']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_make_cookies_secure_and_send_hsts_for_a_year():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["LANGUAGE_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_SSL_REDIRECT"] and values["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert values["SESSION_COOKIE_AGE"] == 30 * 60
    assert values["SESSION_ABSOLUTE_LIFETIME"] == 12 * 3600
    assert values["OIDC_ENABLED"] is False


def test_production_refuses_to_start_with_the_development_secret_key():
    env = production_env()
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_deployment_check_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_hsts_header_and_secure_cookies_on_an_https_response(coordinator):
    with override_settings(
        SECURE_HSTS_SECONDS=31_536_000,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SESSION_COOKIE_SECURE=True,
        CSRF_COOKIE_SECURE=True,
    ):
        client = Client()
        response = client.get(LOGIN, secure=True)
        assert "max-age=31536000" in response["Strict-Transport-Security"]
        assert response.cookies[settings.CSRF_COOKIE_NAME]["secure"]
        response = client.post(
            LOGIN, {"username": coordinator.username, "password": PASSWORD}, secure=True
        )
        assert response.status_code == 302
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert cookie["secure"] and cookie["httponly"]
        assert cookie["samesite"] == "Lax"


# --- CSRF -------------------------------------------------------------------------------


def walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_no_view_of_the_portal_is_exempt_from_csrf():
    """Only DRF's read-only API views (no session authentication, GET only) may be exempt."""
    exempt = []
    for route, pattern in walk(get_resolver()):
        callback = pattern.callback
        if not getattr(callback, "csrf_exempt", False):
            continue
        view_class = getattr(callback, "cls", None)
        if view_class is not None and getattr(view_class, "authentication_classes", None) == []:
            continue  # DRF, no authentication: nothing a forged request could act as
        if view_class is not None and not set(getattr(view_class, "http_method_names", [])) - {
            "get",
            "head",
            "options",
        }:
            continue
        exempt.append(route)
    assert exempt == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        LOGIN,
        "/i18n/setlang/",
        "/en/accounts/logout/",
        "/en/accounts/password_change/",
        "/en/accounts/password_reset/",
    ],
)
def test_state_changing_posts_without_a_csrf_token_are_refused(coordinator, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(
        url,
        {
            "language": "sv",
            "username": coordinator.username,
            "password": PASSWORD,
            "email": coordinator.email,
        },
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_post_with_the_csrf_token_from_the_form_is_accepted(coordinator):
    client = Client(enforce_csrf_checks=True)
    page = client.get(LOGIN).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        LOGIN,
        {"username": coordinator.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


# --- headers ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_send_a_nonce_based_csp_without_unsafe_inline_scripts(client, municipality):
    response = client.get("/en/vaxjo/")
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    script_src = directives["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    nonce = next(s for s in script_src if s.startswith("'nonce-"))[7:-1]
    html = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert f'nonce="{nonce}"' in tag, tag
    assert "'unsafe-inline'" not in directives.get("style-src", [])
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_the_nonce_changes_on_every_response(client, municipality):
    first = client.get("/en/vaxjo/")["Content-Security-Policy"]
    second = client.get("/en/vaxjo/")["Content-Security-Policy"]
    assert first != second


@pytest.mark.django_db
def test_pages_send_nosniff_referrer_policy_and_frame_protection(client, municipality):
    response = client.get("/en/vaxjo/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/vaxjo/", "/api/v1/municipalities/", "/en/accounts/login/"])
def test_every_response_denies_the_browser_features_the_portal_does_not_use(
    client, municipality, url
):
    for _ in range(2):  # the second answer of a public page comes from the page cache
        policy = client.get(url)["Permissions-Policy"]
        features = dict(part.strip().split("=") for part in policy.split(","))
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features[feature] == "()"


@pytest.mark.django_db
def test_an_api_error_is_answered_in_json(municipality, monkeypatch):
    from partners import api as partners_api
    from tests.partners.factories import RelationFactory

    RelationFactory(municipality=municipality)

    def broken(self, relation):
        raise RuntimeError("a bug in a serializer")

    # The thing under test is the error answer, so a serializer is made to fail.
    monkeypatch.setattr(partners_api.TwinTownSerializer, "get_established", broken)
    response = Client(raise_request_exception=False).get("/api/v1/municipalities/vaxjo/twin-towns/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "Server Error (500)"}


@pytest.mark.django_db
def test_an_unknown_api_address_is_answered_in_json_and_a_page_in_html(client, municipality):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and response.json() == {"detail": "Not found."}
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/en/vaxjo/people/", "/en/vaxjo/dashboard/", "/en/vaxjo/departments/"]
)
def test_pages_with_personal_data_are_never_stored(client, coordinator, url):
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_login_page_is_not_cached(client):
    response = client.get(LOGIN)
    cache_control = response.get("Cache-Control", "")
    assert "no-cache" in cache_control or "no-store" in cache_control or "private" in cache_control
