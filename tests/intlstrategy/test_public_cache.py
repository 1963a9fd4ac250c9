"""The cache of rendered public pages: fast for anonymous visitors, never stale after a
change, never shared with logged-in users, and its pages keep working forms and scripts."""

import re

import pytest
from django.core.cache import cache
from django.core.checks import run_checks
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from intlstrategy import public_cache
from partners import services as partner_services
from partners.models import Relation
from tests.partners.factories import RelationFactory

pytestmark = pytest.mark.django_db

HOME = "/sv/vaxjo/"
TWIN_TOWNS = "/sv/vaxjo/twin-towns/"
NONCE = re.compile(r'nonce="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def generation():
    return cache.get(public_cache.GENERATION_KEY)


def test_second_anonymous_visit_is_served_without_queries(
    client, municipality, django_assert_num_queries
):
    first = client.get(TWIN_TOWNS)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(TWIN_TOWNS)
    assert second.status_code == 200
    strip = lambda r: CSRF.sub("", NONCE.sub("", r.content.decode()))  # noqa: E731
    assert strip(second) == strip(first)


def test_cached_page_carries_the_nonce_of_its_own_response(client, municipality):
    client.get(HOME)
    nonces = []
    for _ in range(2):
        response = client.get(HOME)
        in_body = set(NONCE.findall(response.content.decode()))
        assert len(in_body) == 1
        (nonce,) = in_body
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_language_switch_works_from_a_cached_page(municipality):
    Client(enforce_csrf_checks=True).get(HOME)  # renders and stores the page
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(HOME)  # served from the cache, with a token of its own
    token = CSRF.search(page.content.decode()).group(1)
    response = visitor.post(
        "/i18n/setlang/", {"language": "en", "next": HOME, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_a_change_shows_at_once(client, municipality):
    relation = RelationFactory(municipality=municipality, city_sv="Gammalstad")
    assert "Gammalstad" in client.get(TWIN_TOWNS).content.decode()
    relation.city_sv = "Nystad"
    partner_services.relation_update(relation=relation, expected_version=relation.version)
    page = client.get(TWIN_TOWNS).content.decode()
    assert "Nystad" in page and "Gammalstad" not in page


def test_a_deletion_and_a_new_relation_show_at_once(client, municipality):
    gone = RelationFactory(municipality=municipality, city_sv="Borta")
    assert "Borta" in client.get(TWIN_TOWNS).content.decode()
    Relation.objects.get(pk=gone.pk).delete()
    RelationFactory(municipality=municipality, city_sv="Ny vänort")
    page = client.get(TWIN_TOWNS).content.decode()
    assert "Borta" not in page and "Ny vänort" in page


@pytest.mark.django_db(transaction=True)
def test_the_page_is_stale_again_when_the_change_commits(municipality):
    """A page rendered by another connection between the save and the commit still shows
    the old data; the bump at commit makes sure it is never served afterwards."""
    Client().get(HOME)
    with transaction.atomic():
        municipality.name_sv = "Nya Växjö"
        municipality.save()
        municipality.save()
        during = generation()
    # Each save bumped at once; the commit bumped once more (not once per save).
    assert generation() > during


def test_logged_in_users_never_get_or_leave_a_cached_page(client, municipality, coordinator):
    RelationFactory(municipality=municipality)
    client.get(TWIN_TOWNS)  # cached for anonymous visitors
    client.force_login(coordinator)
    coordinator_page = client.get(TWIN_TOWNS)
    assert "Logga ut" in coordinator_page.content.decode()
    cache.clear()
    client.get(TWIN_TOWNS)  # the coordinator renders the page first ...
    client.logout()
    anonymous = client.get(TWIN_TOWNS).content.decode()  # ... and nothing of it is reused
    assert "Logga ut" not in anonymous and "Logga in" in anonymous


def test_saving_a_user_does_not_empty_the_cache(municipality, coordinator):
    Client().get(HOME)
    before = generation()
    coordinator.first_name = "Anna"
    coordinator.save()  # as a log-in does (last_login)
    assert generation() == before


def test_api_formats_and_languages_are_answered_apart(client, municipality):
    """The API is not in the page cache (it answers conditional GETs and is rate-limited
    instead, intlstrategy.api); its formats and languages never mix."""
    RelationFactory(municipality=municipality, city_en="Twin", city_sv="Vän")
    url = "/api/v1/municipalities/vaxjo/twin-towns/"
    sv = client.get(url + "?lang=sv")
    en = client.get(url + "?lang=en")
    csv = client.get(url + "?lang=sv", HTTP_ACCEPT="text/csv")
    again = client.get(url + "?lang=sv")
    assert "Vän" in sv.content.decode() and "Twin" in en.content.decode()
    assert csv["Content-Type"].startswith("text/csv")
    assert again["Content-Type"].startswith("application/json")
    assert again.content == sv.content


def test_cache_can_be_switched_off(client, municipality, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get(HOME)
    with CaptureQueriesContext(connection) as queries:
        client.get(HOME)
    assert len(queries) > 0


def test_deploy_check_wants_a_shared_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "intlstrategy.W001" in {m.id for m in run_checks(include_deployment_checks=True)}
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    assert "intlstrategy.W001" not in {m.id for m in run_checks(include_deployment_checks=True)}


def test_pages_are_cached_per_host(client, municipality, settings):
    settings.ALLOWED_HOSTS = ["testserver", "international.example.org"]
    client.get(HOME)
    with CaptureQueriesContext(connection) as queries:
        client.get(HOME, HTTP_HOST="international.example.org")
    assert len(queries) > 0  # rendered for this host, not served from the other's entry


def test_with_the_cache_server_down_pages_render_and_saves_go_through(
    client, municipality, settings
):
    # A real Redis client pointed at a port where nothing listens (Django drops the
    # cache connections whenever CACHES changes, and restores them after the test).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert client.get(HOME).status_code == 200
    RelationFactory(municipality=municipality, city_sv="Trots allt")  # post_save runs
    assert "Trots allt" in client.get(TWIN_TOWNS).content.decode()


def stored_pages() -> int:
    return sum(1 for key in cache._cache if "public-page:" in key)  # LocMemCache in tests


def test_junk_query_strings_store_no_pages(client, municipality):
    # Each distinct query string used to be an entry of its own (50 junk queries: 50
    # entries in the Redis that is also the broker).
    client.get(TWIN_TOWNS)
    assert stored_pages() == 1
    for n in range(50):
        response = client.get(f"{TWIN_TOWNS}?utm_source=x{n}")
        assert response.status_code == 200
    assert stored_pages() == 1


def test_a_page_is_keyed_by_the_parameters_it_reads_in_any_order(
    client, municipality, django_assert_num_queries
):
    RelationFactory(municipality=municipality, city_sv="Kaunas", country="LT")
    RelationFactory(municipality=municipality, city_sv="Lahtis", country="FI")
    first = client.get(f"{TWIN_TOWNS}?country=LT&category=")
    assert "Kaunas" in first.content.decode() and "Lahtis" not in first.content.decode()
    with django_assert_num_queries(0):
        again = client.get(f"{TWIN_TOWNS}?category=&country=LT")
    assert "Lahtis" not in again.content.decode()
    other = client.get(f"{TWIN_TOWNS}?country=FI")
    assert "Lahtis" in other.content.decode() and "Kaunas" not in other.content.decode()


def test_one_page_stores_a_bounded_number_of_queries(client, municipality):
    url = "/sv/vaxjo/projects/"
    for n in range(public_cache.MAX_QUERY_VARIANTS + 15):
        assert client.get(f"{url}?page={n}").status_code == 200
    assert stored_pages() == public_cache.MAX_QUERY_VARIANTS


def test_an_overlong_query_is_not_cached(client, municipality):
    client.get(f"{TWIN_TOWNS}?country={'X' * public_cache.MAX_QUERY_LENGTH}")
    assert stored_pages() == 0


def test_a_save_in_another_municipality_leaves_this_ones_pages_cached(
    client, municipality, other_municipality, django_assert_num_queries
):
    RelationFactory(municipality=municipality, city_sv="Kaunas")
    client.get(TWIN_TOWNS)
    elsewhere = RelationFactory(municipality=other_municipality, city_nb="Umeå")
    elsewhere.city_nb = "Luleå"
    partner_services.relation_update(relation=elsewhere, expected_version=elsewhere.version)
    with django_assert_num_queries(0):
        assert client.get(TWIN_TOWNS).status_code == 200
    # The other municipality's own page shows its change at once.
    assert "Luleå" in client.get("/nb/trondheim/twin-towns/").content.decode()


def test_a_save_in_this_municipality_bumps_only_its_generation(municipality, other_municipality):
    own = public_cache.generation_key(public_cache.GENERATION_KEY, "vaxjo")
    other = public_cache.generation_key(public_cache.GENERATION_KEY, "trondheim")
    Client().get(TWIN_TOWNS)
    Client().get("/nb/trondheim/twin-towns/")
    before = {key: cache.get(key) for key in (own, other, public_cache.GENERATION_KEY)}
    RelationFactory(municipality=municipality)
    assert cache.get(own) != before[own]
    assert cache.get(other) == before[other]
    assert cache.get(public_cache.GENERATION_KEY) == before[public_cache.GENERATION_KEY]


def test_a_row_found_through_its_parent_bumps_that_municipality(municipality, coordinator):
    """A category change has no municipality of its own: its relation's is bumped."""
    relation = RelationFactory(municipality=municipality)
    own = public_cache.generation_key(public_cache.GENERATION_KEY, "vaxjo")
    before = cache.get(own)
    relation.category_changes.create(
        date="2020-01-01", to_category="dormant", reason="Quiet", recorded_by=coordinator
    )
    assert cache.get(own) != before
    assert public_cache.municipalities_of(relation.category_changes.get()) == {"vaxjo"}


def test_shared_rows_bump_every_municipality(municipality):
    """The programme catalogue is portal-wide: a change shows in every municipality."""
    from tests.projects.factories import ProgrammeFactory

    Client().get(HOME)
    before = generation()
    ProgrammeFactory()
    assert generation() != before


def test_bookkeeping_writes_leave_every_page_cached(
    client, municipality, department, django_assert_num_queries
):
    from reporting.models import ReminderSent
    from tests.reporting.factories import make_round

    round = make_round(municipality, [department])
    client.get(TWIN_TOWNS)
    ReminderSent.objects.create(round=round, department=department, kind="late")
    with django_assert_num_queries(0):
        assert client.get(TWIN_TOWNS).status_code == 200


def test_a_response_marked_do_not_store_is_not_kept(rf, municipality):
    from django.http import HttpResponse

    calls = []

    def view(request, municipality):
        calls.append(1)
        return public_cache.do_not_store(HttpResponse("rendering"))

    cached = public_cache.cache_public_page(view)
    for _ in range(2):
        response = cached(rf.get("/sv/vaxjo/x/"), municipality="vaxjo")
        assert "no-store" in response["Cache-Control"]
    assert len(calls) == 2
