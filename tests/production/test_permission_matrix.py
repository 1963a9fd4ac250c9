"""Every URL pattern × every role: the expected status of a GET, and a POST (with extra
fields trying to set status, department, municipality) that, when denied, changes nothing.

`MATRIX` is keyed by URL name. A new URL pattern that is not in it fails
`test_every_url_pattern_is_in_the_matrix`: add a row saying who may open it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

ROLES = ("anonymous", "coordinator", "own_contact", "other_contact", "council_member", "foreign")
MEMBERS = ("coordinator", "own_contact", "other_contact", "council_member")

# Statuses
OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405


def everyone(status):
    return dict.fromkeys(ROLES, status)


PUBLIC = everyone(OK)
# Internal page of one municipality: anonymous → login, another tenant's user → 404.
MEMBERS_ONLY = {"anonymous": REDIRECT, "foreign": NOT_FOUND, **dict.fromkeys(MEMBERS, OK)}
COORDINATOR_ONLY = {**MEMBERS_ONLY, **dict.fromkeys(MEMBERS, FORBIDDEN), "coordinator": OK}
LOGGED_IN = {**everyone(OK), "anonymous": REDIRECT}


@dataclass
class Row:
    get: dict[str, int]
    post: dict[str, int] | None = None  # None: same as GET
    kwargs: object = None  # callable(ctx) -> URL kwargs (municipality is added)
    may_change: frozenset[str] = frozenset()  # roles whose POST may legitimately write
    # Tables a POST may write to whatever the role (sessions, login attempts …).
    notes: str = ""
    extra: dict = field(default_factory=dict)


def municipality_kwargs(ctx):
    return {"municipality": ctx.municipality.slug}


MATRIX: dict[str, Row] = {
    # --- outside any municipality ---------------------------------------------------
    "healthz": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "set_language": Row(get=everyone(NOT_ALLOWED), post=everyone(REDIRECT),
                        may_change=frozenset(ROLES), notes="stores the language on the account"),
    "api_municipalities": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "api_schema": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "home": Row(get=PUBLIC),
    "login": Row(get={**everyone(REDIRECT), "anonymous": OK},
                 post={**everyone(REDIRECT), "anonymous": OK}),
    "logout": Row(get=everyone(NOT_ALLOWED), post=everyone(REDIRECT)),
    "password_change": Row(get=LOGGED_IN, post=LOGGED_IN),
    "password_change_done": Row(get=LOGGED_IN),
    "password_reset": Row(get=PUBLIC, post=everyone(REDIRECT)),
    "password_reset_done": Row(get=PUBLIC),
    "password_reset_confirm": Row(get=PUBLIC,
                                  kwargs=lambda ctx: {"uidb64": "MQ", "token": "set-password"}),
    "password_reset_complete": Row(get=PUBLIC),
    "dashboard": Row(get=everyone(REDIRECT)),
    # --- one municipality: /<lang>/<municipality>/... ---------------------------------
    "municipality_home": Row(get=PUBLIC, kwargs=municipality_kwargs),
    "municipality_dashboard": Row(get=MEMBERS_ONLY, kwargs=municipality_kwargs),
    "department_list": Row(get=MEMBERS_ONLY, kwargs=municipality_kwargs),
    "department_detail": Row(get=MEMBERS_ONLY, kwargs=lambda ctx: {
        "municipality": ctx.municipality.slug, "department": ctx.department.slug}),
    "member_list": Row(get=COORDINATOR_ONLY, kwargs=municipality_kwargs),
    "accessibility_statement": Row(get=PUBLIC, kwargs=municipality_kwargs),
}

# Namespaces checked as a whole: Django's admin requires staff (nobody here is staff).
WHOLE_NAMESPACES = {"admin"}
# Single sign-on URLs exist only with OIDC_ENABLED (tests/production/test_oidc.py).
OPTIONAL = {"oidc_authentication_init", "oidc_authentication_callback", "oidc_logout"}

# Written on any POST by design: sessions and login-attempt records.
VOLATILE_TABLES = {"django_session", "axes_accessattempt", "axes_accesslog",
                   "axes_accessfailurelog"}

EXTRA_FIELDS = {
    "status": "approved", "state": "published", "department": "999999", "department_id": "1",
    "municipality": "trondheim", "municipality_id": "1", "is_demo": "on", "version": "999",
    "is_staff": "on", "is_superuser": "on", "role": "coordinator", "title": "Forged",
    "name": "Forged", "text": "Forged", "language": "sv",
}


def url_names(resolver=None, namespace=""):
    """(full name, route) of every URL pattern, through includes and i18n patterns."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in WHOLE_NAMESPACES:
                yield f"{pattern.namespace}:*", str(pattern.pattern)
                continue
            yield from url_names(pattern, ns)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {pattern.pattern}>", \
                str(pattern.pattern)


def table_counts() -> dict[str, int]:
    """Row counts of every table (history tables included) in one query."""
    tables = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)
                     if m._meta.managed} - VOLATILE_TABLES)
    existing = set(connection.introspection.table_names())
    tables = [t for t in tables if t in existing]
    quote = connection.ops.quote_name
    query = "SELECT " + ", ".join(f"(SELECT count(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(query)
        return dict(zip(tables, cursor.fetchone(), strict=True))


class Context:
    def __init__(self, **objects):
        self.__dict__.update(objects)


@pytest.fixture
def ctx(municipality, other_municipality, department, other_department, coordinator, contact,
        other_contact, council_member, foreign_coordinator):
    return Context(
        municipality=municipality, other_municipality=other_municipality, department=department,
        other_department=other_department,
        users={"anonymous": None, "coordinator": coordinator, "own_contact": contact,
               "other_contact": other_contact, "council_member": council_member,
               "foreign": foreign_coordinator})


def url_of(name, row, ctx):
    kwargs = row.kwargs(ctx) if row.kwargs else {}
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def client_for(ctx, role):
    client = Client()
    user = ctx.users[role]
    if user is not None:
        client.force_login(user)
    return client


def test_every_url_pattern_is_in_the_matrix():
    missing = sorted({name for name, _ in url_names()
                      if name not in MATRIX and name not in OPTIONAL
                      and name.split(":")[0] + ":*" not in {f"{n}:*" for n in WHOLE_NAMESPACES}
                      or name.startswith("<unnamed")})
    assert missing == [], f"URL patterns without a row in MATRIX: {missing}"


def test_the_matrix_has_no_stale_rows():
    names = {name for name, _ in url_names()}
    assert sorted(set(MATRIX) - names) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_get_status_per_role(name, ctx):
    row = MATRIX[name]
    url = url_of(name, row, ctx)
    seen = {}
    for role in ROLES:
        seen[role] = client_for(ctx, role).get(url).status_code
    assert seen == {role: row.get[role] for role in ROLES}, url


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_post_status_per_role_and_denied_posts_change_nothing(name, ctx):
    row = MATRIX[name]
    url = url_of(name, row, ctx)
    expected = row.post or row.get
    seen = {}
    for role in ROLES:
        client = client_for(ctx, role)
        before = table_counts()
        response = client.post(url, EXTRA_FIELDS)
        seen[role] = response.status_code
        if role not in row.may_change:
            assert table_counts() == before, f"POST {url} as {role} changed the database"
    assert seen == {role: expected[role] for role in ROLES}, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_admin_is_closed_to_everyone_who_is_not_staff(role, ctx):
    client = client_for(ctx, role)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    before = table_counts()
    response = client.post("/admin/intlstrategy/department/add/",
                           {"municipality": ctx.municipality.pk, "slug": "x", "name": "X"})
    assert response.status_code == 302
    assert table_counts() == before


# --- extra POST fields are ignored --------------------------------------------------


@pytest.mark.django_db
def test_language_switch_ignores_fields_that_would_raise_privileges(client, contact):
    client.force_login(contact)
    client.post("/i18n/setlang/", {**EXTRA_FIELDS, "language": "nb", "next": "/"})
    contact.refresh_from_db()
    assert contact.preferred_language == "nb"
    assert not contact.is_staff and not contact.is_superuser
    assert set(contact.memberships.values_list("role", "municipality__slug")) == {
        ("department_contact", "vaxjo")}


@pytest.mark.django_db
def test_password_change_ignores_extra_fields(client, contact):
    from tests.factories import PASSWORD

    client.force_login(contact)
    new = "Ett helt nytt lösenord 2026"
    response = client.post("/en/accounts/password_change/", {
        **EXTRA_FIELDS, "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.check_password(new)
    assert not contact.is_staff and not contact.is_superuser
