"""Shared fixtures: real PostgreSQL, real Chromium, and the CI rule that nothing is skipped."""

import os

import pytest
from django.db import connection

from tests.factories import (
    CoordinatorFactory,
    CouncilMemberFactory,
    DepartmentContactFactory,
    DepartmentFactory,
    MunicipalityFactory,
)

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: a skipped database or browser test proves nothing."""
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        reporter.write_line(f"CI=true: {skipped} test(s) were skipped; failing the run.", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True, scope="session")
def _require_postgresql(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if IN_CI and connection.vendor != "postgresql":
            pytest.exit("The suite must run on PostgreSQL (set DATABASE_URL).", returncode=1)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached pages: a rolled-back test's pages would otherwise
    outlive its data (the public page cache is keyed by URL)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """LocaleMiddleware activates the language of each request and nothing resets it:
    without this, a test's language would leak into the next test's messages."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(slug="vaxjo", default_language="sv", country="SE")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(slug="trondheim", default_language="nb", country="NO")


@pytest.fixture
def department(municipality):
    return DepartmentFactory(municipality=municipality, slug="utbildning")


@pytest.fixture
def other_department(municipality):
    return DepartmentFactory(municipality=municipality, slug="omsorg")


@pytest.fixture
def coordinator(municipality):
    return CoordinatorFactory(municipality=municipality)


@pytest.fixture
def contact(department):
    return DepartmentContactFactory(department=department)


@pytest.fixture
def other_contact(other_department):
    return DepartmentContactFactory(department=other_department)


@pytest.fixture
def council_member(municipality):
    return CouncilMemberFactory(municipality=municipality)


@pytest.fixture
def foreign_coordinator(other_municipality):
    """A coordinator of another municipality: must see nothing of `municipality`."""
    return CoordinatorFactory(municipality=other_municipality)
