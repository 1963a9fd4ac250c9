import subprocess
from pathlib import Path

import pytest
import yaml
from django.core import mail
from django.core.management import call_command

from intlstrategy.models import Department, Membership, Municipality, User

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.django_db
def test_healthz_names_the_database_when_it_fails(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise ConnectionError("down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"].startswith("error")


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    call_command("load_demo", "--quiet-logins")
    counts = (
        Municipality.objects.count(),
        Department.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )
    history = Department.history.count()
    call_command("load_demo", "--quiet-logins")
    assert counts == (
        Municipality.objects.count(),
        Department.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )
    assert {m.slug for m in Municipality.objects.all()} >= {
        "trondheim",
        "linkoping",
        "norrkoping",
        "vaxjo",
        "orebro",
        "gavle",
    }
    assert Department.history.count() >= history


@pytest.mark.django_db
def test_history_records_who_changed_a_department(client, coordinator, department):
    client.force_login(coordinator)
    department.name_sv = "Nytt namn"
    department.save()
    record = department.history.first()
    assert record.name_sv == "Nytt namn"
    assert record.history_type == "~"


def test_docker_compose_defines_the_production_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) >= {"web", "worker", "beat", "db", "redis"}
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "migrate" in " ".join(services["web"]["command"])
    assert "worker" in " ".join(services["worker"]["command"])
    assert "beat" in " ".join(services["beat"]["command"])
    for name in ("web", "db", "redis"):
        assert "healthcheck" in services[name], name
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["CELERY_BROKER_URL"].startswith("redis://")
        # Shared by all processes, or the public page cache would go stale (W001).
        assert env["CACHE_URL"].startswith("redis://")
        assert env["DEBUG"] == "false"
    assert {"pgdata", "media"} <= set(compose["volumes"])


def test_every_documented_variable_is_in_env_example():
    example = (ROOT / ".env.example").read_text()
    documented = (ROOT / "docs" / "configuration.md").read_text()
    for variable in (
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "CACHE_URL",
        "EMAIL_URL",
        "MEDIA_ROOT",
    ):
        assert variable in example and variable in documented, variable


def test_translation_catalogues_are_complete():
    """Every .po file: no untranslated and no fuzzy messages."""
    catalogues = list(ROOT.glob("locale/*/LC_MESSAGES/django.po")) + list(
        ROOT.glob("*/locale/*/LC_MESSAGES/django.po")
    )
    assert catalogues
    for po in catalogues:
        result = subprocess.run(
            ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, (
            f"{po}: {result.stderr}"
        )


@pytest.mark.django_db
def test_password_reset_sends_an_email_in_the_users_language(client, coordinator):
    response = client.post("/sv/accounts/password_reset/", {"email": coordinator.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "lösenord" in mail.outbox[0].body.lower()


@pytest.mark.django_db
def test_login_switches_to_the_municipalitys_language(client, coordinator):
    from tests.factories import PASSWORD

    response = client.post(
        "/en/accounts/login/", {"username": coordinator.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/sv/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,text",
    [("nb", "Fant ikke siden"), ("sv", "Sidan hittades inte"), ("en", "Page not found")],
)
def test_404_page_in_each_language(client, language, text):
    response = client.get(f"/{language}/atlantis/")
    assert response.status_code == 404
    assert text in response.content.decode()


@pytest.mark.django_db
def test_a_fallback_keeps_its_language_and_the_block_says_once_which_is_shown(client, municipality):
    from django.template import Context, Template
    from django.utils import translation

    department = Department.objects.create(municipality=municipality, slug="x", name_sv="Skolan")
    other = Department.objects.create(municipality=municipality, slug="y", name_sv="Vården")
    source = (
        "{% load portal %}{% fallback_notice %}<h1>T</h1>{% fallback_notice_here %}"
        '{% tr d "name" %} {% tr e "name" %}{% endfallback_notice %}'
    )
    with translation.override("en"):
        html = Template(source).render(Context({"d": department, "e": other}))
    assert '<span lang="sv" class="fallback">Skolan</span>' in html
    assert '<span lang="sv" class="fallback">Vården</span>' in html
    assert "not translated" not in html
    assert html.count("fallback-notice") == 1
    assert html.index("<h1>") < html.index(
        "Some texts here are not available in English and are shown in Swedish."
    )
    with translation.override("nb"):
        html = Template(source).render(Context({"d": department, "e": other}))
    assert "Noen tekster her finnes ikke på norsk bokmål og vises på svensk." in html, html
    with translation.override("sv"):
        html = Template(source).render(Context({"d": department, "e": other}))
    assert "fallback-notice" not in html


@pytest.mark.django_db
def test_language_switch_is_kept_on_the_users_account(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/i18n/setlang/", {"language": "nb", "next": "/en/vaxjo/"})
    assert response.status_code == 302 and response["Location"] == "/nb/vaxjo/"
    coordinator.refresh_from_db()
    assert coordinator.preferred_language == "nb"
