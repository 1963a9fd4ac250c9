"""The cache of members' pages: a reload costs the access check only, the copy is never
another user's, and no change, role, message, date or render in progress is hidden by it."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intlstrategy import public_cache
from intlstrategy.models import Membership
from partners import services as partner_services
from reporting import services
from reporting.models import FollowUpDocument, FollowUpStatus
from tests.factories import CoordinatorFactory
from tests.partners.factories import RelationFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/sv/vaxjo/dashboard/"
TWIN_TOWNS = "/sv/vaxjo/twin-towns/"
FOLLOW_UPS = "/en/vaxjo/reporting/followups/"
NONCE = re.compile(r'nonce="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def strip(response) -> str:
    return CSRF.sub("", NONCE.sub("", response.content.decode()))


def queries_of(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response


@pytest.fixture
def member(client, coordinator):
    client.force_login(coordinator)
    return client


def test_a_reload_runs_only_the_access_check(member, municipality):
    RelationFactory.create_batch(3, municipality=municipality)
    rendered, first = queries_of(member, TWIN_TOWNS)
    served, second = queries_of(member, TWIN_TOWNS)
    assert second.status_code == 200
    assert strip(second) == strip(first)
    # session, user, municipality, roles, the header's unread count (part of the key)
    # and the session's save; nothing of the page
    assert served < rendered
    assert served <= 8


def test_another_user_with_the_same_roles_gets_a_page_of_their_own(municipality, coordinator):
    other = CoordinatorFactory(municipality=municipality, first_name="Berit", last_name="Nord")
    coordinator.first_name, coordinator.last_name = "Anna", "Syd"
    coordinator.save()
    first, second = Client(), Client()
    first.force_login(coordinator)
    second.force_login(other)
    assert "Anna Syd" in first.get(DASHBOARD).content.decode()
    page = second.get(DASHBOARD).content.decode()
    assert "Berit Nord" in page and "Anna Syd" not in page


def test_a_change_shows_at_once(member, municipality):
    relation = RelationFactory(municipality=municipality, city_sv="Gammalstad")
    assert "Gammalstad" in member.get(TWIN_TOWNS).content.decode()
    relation.city_sv = "Nystad"
    partner_services.relation_update(relation=relation, expected_version=relation.version)
    page = member.get(TWIN_TOWNS).content.decode()
    assert "Nystad" in page and "Gammalstad" not in page


def test_a_lost_membership_is_a_404_at_once(member, coordinator):
    assert member.get(DASHBOARD).status_code == 200
    Membership.objects.filter(user=coordinator).delete()
    assert member.get(DASHBOARD).status_code == 404


def test_a_changed_role_is_a_new_page(member, coordinator, department):
    coordinator_page = strip(member.get(DASHBOARD))
    membership = Membership.objects.get(user=coordinator)
    membership.role = "department_contact"
    membership.save()
    membership.departments.add(department)
    assert strip(member.get(DASHBOARD)) != coordinator_page


def test_a_flash_message_is_shown_once_and_never_cached(member, municipality):
    document = FollowUpDocument.objects.create(
        municipality=municipality, year=2025, language="en", status=FollowUpStatus.READY
    )
    member.get(FOLLOW_UPS)  # stored without a message
    # Refused with an error message and no change to the data (no generation bump).
    member.post(f"/en/vaxjo/reporting/followups/{document.pk}/retry/")
    with_message = member.get(FOLLOW_UPS).content.decode()
    assert "Only a failed follow-up can be tried again." in with_message
    again = member.get(FOLLOW_UPS).content.decode()
    assert "Only a failed follow-up can be tried again." not in again


def test_a_render_in_progress_is_never_stored(member, municipality, settings):
    """A render turns "failed" when its worker has been gone too long, without any
    save: a cached "rendering" page would hide that."""
    FollowUpDocument.objects.create(
        municipality=municipality,
        year=2025,
        language="en",
        status=FollowUpStatus.RENDERING,
        started_at=timezone.now() - datetime.timedelta(minutes=3),
    )
    assert 'badge-warn">rendering<' in member.get(FOLLOW_UPS).content.decode()
    settings.PDF_RENDER_TIME_LIMIT = 0  # as if the time limit had passed since
    assert 'badge-bad">failed<' in member.get(FOLLOW_UPS).content.decode()


def test_a_renders_progress_does_not_empty_the_cache_and_shows(member, municipality):
    """The worker's status writes are bookkeeping (no bump); the page that showed the
    render queued was not stored, so the finished render shows at once."""
    document = FollowUpDocument.objects.create(
        municipality=municipality, year=2025, language="en", status=FollowUpStatus.QUEUED
    )
    assert 'badge-warn">queued<' in member.get(FOLLOW_UPS).content.decode()
    own = public_cache.generation_key(public_cache.MEMBER_GENERATION_KEY, "vaxjo")
    before = cache.get(own)
    document.status = FollowUpStatus.RENDERING
    document.started_at = timezone.now()
    document.save(update_fields=["status", "started_at"])
    document.status = FollowUpStatus.READY
    document.save(update_fields=["status"])
    assert cache.get(own) == before
    assert 'badge-ok">ready<' in member.get(FOLLOW_UPS).content.decode()


def test_a_retry_made_with_update_shows_at_once(member, municipality):
    document = FollowUpDocument.objects.create(
        municipality=municipality,
        year=2025,
        language="en",
        status=FollowUpStatus.FAILED,
        failure_reason="Disk full",
    )
    assert 'badge-bad">failed<' in member.get(FOLLOW_UPS).content.decode()
    services.followup_retry(document=document)  # QuerySet.update: no signal
    assert 'badge-warn">queued<' in member.get(FOLLOW_UPS).content.decode()


def test_the_date_is_part_of_the_key(member, municipality, monkeypatch):
    member.get(DASHBOARD)
    served, _ = queries_of(member, DASHBOARD)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    rendered, _ = queries_of(member, DASHBOARD)
    assert rendered > served


def test_a_user_change_makes_members_pages_stale_but_not_public_ones(municipality, coordinator):
    Client().get(TWIN_TOWNS)
    public_before = cache.get(public_cache.GENERATION_KEY)
    members_before = cache.get(public_cache.MEMBER_GENERATION_KEY)
    coordinator.first_name = "Anna"
    coordinator.save()
    assert cache.get(public_cache.GENERATION_KEY) == public_before
    assert cache.get(public_cache.MEMBER_GENERATION_KEY) != members_before


def test_the_csrf_token_of_a_served_page_is_the_users_own(municipality, coordinator):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator)
    browser.get(TWIN_TOWNS)
    page = browser.get(TWIN_TOWNS)  # served from the cache
    token = CSRF.search(page.content.decode()).group(1)
    response = browser.post(
        "/i18n/setlang/", {"language": "en", "next": TWIN_TOWNS, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_htmx_requests_and_the_off_switch_render_every_time(member, municipality, settings):
    member.get(TWIN_TOWNS)
    rendered, _ = queries_of(member, TWIN_TOWNS)
    with CaptureQueriesContext(connection) as htmx:
        member.get(TWIN_TOWNS, headers={"HX-Request": "true"})
    assert len(htmx) > rendered
    settings.MEMBER_PAGE_CACHE_SECONDS = 0
    off, _ = queries_of(member, TWIN_TOWNS)
    assert off > rendered


def test_with_the_cache_server_down_members_pages_render(member, municipality, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    RelationFactory(municipality=municipality, city_sv="Trots allt")
    assert "Trots allt" in member.get(TWIN_TOWNS).content.decode()


def test_a_change_committed_during_the_access_check_is_not_stored_as_current(
    member, municipality, monkeypatch
):
    """The access check reads the municipality before the cache reads the generation; a
    rename landing in between must not be stored under the new generation."""
    real = public_cache.current_generation

    def rename_first(found, key):
        if not getattr(rename_first, "done", False):
            rename_first.done = True
            type(municipality).objects.filter(pk=municipality.pk).update(name_sv="Nytt namn")
            public_cache.invalidate()  # as the save's signal would
            found = {}
        return real(found, key)

    monkeypatch.setattr(public_cache, "current_generation", rename_first)
    assert "Nytt namn" in member.get(DASHBOARD).content.decode()
    assert "Nytt namn" in member.get(DASHBOARD).content.decode()


def test_a_deploy_makes_every_cached_page_stale(municipality):
    from django.core.management import call_command

    Client().get(TWIN_TOWNS)
    before = (cache.get(public_cache.GENERATION_KEY), cache.get(public_cache.MEMBER_GENERATION_KEY))
    call_command("migrate", verbosity=0)
    after = (cache.get(public_cache.GENERATION_KEY), cache.get(public_cache.MEMBER_GENERATION_KEY))
    assert after[0] != before[0] and after[1] != before[1]


def test_a_log_in_leaves_everyones_pages_cached(municipality, coordinator):
    from django.contrib.auth.models import update_last_login

    before = cache.get(public_cache.MEMBER_GENERATION_KEY) or public_cache.current_generation(
        {}, public_cache.MEMBER_GENERATION_KEY
    )
    update_last_login(None, coordinator)
    assert cache.get(public_cache.MEMBER_GENERATION_KEY) == before
