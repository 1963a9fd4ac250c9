"""A cache of rendered public pages for anonymous visitors.

Public pages (strategies, twin towns, projects, the open-data API) are read far more
often than they change, and rendering one costs many times a bare request. Django's
own cache middleware cannot be used for them: it refuses to cache a page that sets
the CSRF cookie (our language switch is a POST form), and a cached page would repeat
the CSP nonce of the request that rendered it, which the browser then rejects. So a
page is stored with two holes — its CSP nonce and its CSRF tokens — which are filled
with the current request's values whenever it is served.

Correctness rests on *generations*: every cached page remembers the generations it was
rendered in — the global one and its municipality's — and is served only while both are
current. Saving or deleting a content model bumps the generation of the municipality the
row belongs to (found by `municipalities_of`: its `municipality`, or that of the row it
belongs to), or the global one for shared rows (the programme catalogue, a joint
document, the municipalities themselves); once at once and once more when the
transaction commits, so a page rendered from data that was about to change is never
served after the change. One municipality's saves therefore never empty another's pages
(as pretix's `ObjectRelatedCache` keys by event). Bookkeeping writes do not bump at all:
a background render's progress, reminder and notification rows, an import's job record
(`BOOKKEEPING`; see `content_changed`). A page that shows something changing without a
content write (a render in progress) says so on its response with `do_not_store()`.
Bulk writes that send no signals (`generate_scale_data`, `restore`, the privacy
commands) call `invalidate()`, and `QuerySet.update()` of content calls
`invalidate_now_and_at_commit()`. A generation's value is the time of the change (ns),
so it is also the open-data API's `Last-Modified` (intlstrategy.api).
Only visitors without a session are served from or stored in the cache: a logged-in
user's pages may show drafts, edit buttons or personal data and never come from here.

`PUBLIC_PAGE_CACHE_SECONDS` bounds how long an entry lives (0 switches the cache off).
If the cache server is down, pages are rendered and saves go through (a warning is
logged); a bump lost in such an outage leaves pages stale for at most that long.
With several processes the cache must be shared (Redis, `CACHE_URL`), or each process
keeps its own generation; `check --deploy` warns about that.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import checks
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)
GENERATION_KEY = "public-pages:generation"
MEMBER_GENERATION_KEY = "member-pages:generation"
HIT_HEADER = "X-Page-Cache"
NONCE_HOLE = "\x00csp-nonce\x00"
CSRF_HOLE = "\x00csrf-token\x00"
_CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CONTENT_APPS = {"intlstrategy", "strategies", "partners", "projects", "reporting"}
# Log-ins touch the user row (last_login); no public page shows users or memberships
# (members' pages do: intlstrategy.member_cache has a generation of its own).
NOT_CONTENT = {
    "intlstrategy.user",
    "intlstrategy.membership",
    "intlstrategy.membership_departments",
    "intlstrategy.anonymisationrecord",
}


def generation_key(base: str, municipality: str | None = None) -> str:
    """The cache key of the global generation (`municipality=None`) or a municipality's
    (by slug: a public page knows its slug from the URL without a query)."""
    return base if municipality is None else f"{base}:{municipality}"


def invalidate(*, members_only: bool = False, municipalities=None) -> None:
    """Make cached pages stale (they are dropped lazily, by generation): the public pages
    and the members' pages (intlstrategy.member_cache), or only the latter; of every
    municipality (`municipalities=None`), or of those slugs only."""
    bases = (MEMBER_GENERATION_KEY,) if members_only else (GENERATION_KEY, MEMBER_GENERATION_KEY)
    scopes = [None] if municipalities is None else sorted(set(municipalities))
    now = time.time_ns()
    try:
        # The value is the time of the change: a new value for every bump (what makes the
        # old entries stale), and the Last-Modified of what the generation covers.
        cache.set_many({generation_key(b, m): now for b in bases for m in scopes}, timeout=None)
    except Exception:  # noqa: BLE001 - the cache server is down: the save must still work
        logger.warning("Could not invalidate the page caches", exc_info=True)


@dataclass(frozen=True)
class _Bump:
    """An on-commit bump; equal bumps are queued once per transaction."""

    members_only: bool
    municipalities: frozenset[str] | None

    def __call__(self) -> None:
        invalidate(members_only=self.members_only, municipalities=self.municipalities)


def invalidate_now_and_at_commit(*, members_only: bool = False, municipalities=None) -> None:
    """For writes that send no signals (QuerySet.update): stale at once, and once more
    when the transaction commits, so no page rendered in between outlives the change."""
    invalidate(members_only=members_only, municipalities=municipalities)
    connection = transaction.get_connection()
    bump = _Bump(members_only, None if municipalities is None else frozenset(municipalities))
    # One callback per transaction however many rows it writes. (Django drops the
    # callback if its savepoint rolls back, so this check stays true.)
    if connection.in_atomic_block and not any(
        entry[1] == bump for entry in connection.run_on_commit
    ):
        transaction.on_commit(bump)


def current_generation(found: dict, key: str = GENERATION_KEY) -> int:
    generation = found.get(key)
    if generation is None:
        cache.add(key, time.time_ns(), timeout=None)
        generation = cache.get(key)
    return generation


def current_generations(keys: list[str], found: dict) -> tuple:
    return tuple(current_generation(found, key) for key in keys)


# Writes that no page's content depends on, or whose effect a page already handles:
# - a background render's progress (rendering, ready, failed): a page showing a render
#   in progress is not stored (`do_not_store`), so no stored page shows the old state;
#   a new request (a new row, or a row queued again) is content and bumps;
# - reminder and notification rows, an import's job record (the projects it creates
#   send their own signals).
BOOKKEEPING = {"reporting.remindersent", "projects.projectimport"}
BOOKKEEPING_MODEL_NAMES = {"notification", "notificationdelivery"}
RENDER_STATE = {"strategies.documentpdf", "reporting.followupdocument"}


def is_bookkeeping(sender, instance, kwargs) -> bool:
    label = sender._meta.label_lower
    if label in BOOKKEEPING or sender._meta.model_name in BOOKKEEPING_MODEL_NAMES:
        return True
    if label in RENDER_STATE and kwargs.get("signal") is not None:
        from django.db.models.signals import post_save

        if kwargs["signal"] is post_save and not kwargs.get("created"):
            return getattr(instance, "status", None) != "queued"
    return False


_MAX_DEPTH = 3


def municipalities_of(instance, depth: int = 0) -> set[str] | None:
    """The slugs of the municipalities whose pages may show `instance`, or None when any
    municipality's may (a shared row, or one whose owner cannot be found): the row's own
    `municipality` or `municipalities`, else those of the row it belongs to (its first
    foreign key towards a municipality, e.g. a report's round, a goal's goal area)."""
    from .models import Municipality

    if isinstance(instance, Municipality):
        return None  # names and languages show on the portal's home and in every menu
    meta = type(instance)._meta
    field = _own_tenant_field(meta)
    if field is not None:
        if field.many_to_one:
            pk = getattr(instance, field.attname)
            return None if pk is None else _slugs([pk])
        pks = (
            list(getattr(instance, field.name).values_list("pk", flat=True)) if instance.pk else []
        )
        return _slugs(pks) if pks else None
    if depth >= _MAX_DEPTH:
        return None
    for field in _parent_fields(meta):
        pk = getattr(instance, field.attname)
        if pk is None:
            continue
        parent = field.related_model._base_manager.filter(pk=pk).first()
        if parent is None:
            return None  # deleted with it (a cascade): play safe
        return municipalities_of(parent, depth + 1)
    return None


def _own_tenant_field(meta):
    for name in ("municipality", "municipalities"):
        try:
            field = meta.get_field(name)
        except Exception:  # noqa: BLE001 - FieldDoesNotExist
            continue
        if field.many_to_one or field.many_to_many:
            return field
    return None


def _parent_fields(meta):
    """Foreign keys that lead towards a municipality (not to users): those to a model
    with a municipality of its own first."""
    from django.contrib.auth import get_user_model

    user = get_user_model()
    fields = [
        f
        for f in meta.concrete_fields
        if f.many_to_one and f.related_model is not user and f.related_model is not meta.model
    ]
    return sorted(fields, key=lambda f: _own_tenant_field(f.related_model._meta) is None)


def _slugs(pks) -> set[str] | None:
    from .models import Municipality

    slugs = set(Municipality.objects.filter(pk__in=pks).values_list("slug", flat=True))
    return slugs or None


def content_changed(sender, **kwargs) -> None:
    """post_save / post_delete / m2m_changed receiver for every model."""
    meta = sender._meta
    if meta.app_label not in CONTENT_APPS:
        return
    if meta.label_lower == "intlstrategy.notification":
        return  # only the header's unread count shows it, and the member cache keys on it
    if getattr(sender, "instance_type", None) is not None:
        return  # a simple-history row: its model's own save already bumped
    if kwargs.get("update_fields") == frozenset({"last_login"}):
        return  # a log-in; no page shows when someone last logged in
    instance = kwargs.get("instance")
    if instance is None:
        municipalities = None
    else:
        if is_bookkeeping(sender, instance, kwargs):
            return
        if kwargs.get("action", "post_add").startswith("pre_"):
            return  # m2m_changed: its post_ twin bumps
        municipalities = municipalities_of(instance)
    # Users and memberships show only on members' pages.
    invalidate_now_and_at_commit(
        members_only=meta.label_lower in NOT_CONTENT, municipalities=municipalities
    )


def do_not_store(response):
    """Mark `response` as one no page cache may keep: its content changes without a
    content write (a PDF being rendered turns ready, or failed when its worker died).
    Browsers are told the same (Cache-Control: no-store). Returns the response."""
    response.do_not_store = True
    patch_cache_control(response, no_store=True)
    return response


def _render(render):
    response = render()
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()  # DRF and TemplateResponse render after the view
    return response


@dataclass
class CachedPage:
    generation: tuple
    status: int
    headers: list[tuple[str, str]]
    body: str
    charset: str

    @classmethod
    def from_response(cls, request, response, generation: int) -> CachedPage:
        body = response.content.decode(response.charset)
        nonce = getattr(request, "_csp_nonce", None)
        if nonce:
            body = body.replace(nonce, NONCE_HOLE)
        body = _CSRF_FIELD.sub(lambda m: m.group(1) + CSRF_HOLE + m.group(2), body)
        return cls(
            generation, response.status_code, list(response.headers.items()), body, response.charset
        )

    def to_response(self, request) -> HttpResponse:
        body = self.body
        if NONCE_HOLE in body:
            body = body.replace(NONCE_HOLE, str(request.csp_nonce))
        if CSRF_HOLE in body:
            body = body.replace(CSRF_HOLE, get_token(request))
        response = HttpResponse(body.encode(self.charset), status=self.status)
        for name, value in self.headers:
            if name != HIT_HEADER:
                response[name] = value
        return response


def serve_or_render(
    request,
    *,
    key: str,
    generation_keys: list[str],
    seconds: int,
    render,
    may_store,
    before_render=None,
) -> HttpResponse:
    """The path both page caches share: the entry under `key` while its generations (the
    global one and the municipality's) are current; otherwise render() (the view), stored
    unless the response says `do_not_store` or may_store(response) refuses. If the cache
    server is down, render() as if uncached."""
    try:
        found = cache.get_many([*generation_keys, key])
        generation = current_generations(generation_keys, found)
    except Exception:  # noqa: BLE001 - cache server down: render as if uncached
        logger.warning("A page cache is unavailable", exc_info=True)
        return render()
    page = found.get(key)
    if page is not None and page.generation == generation:
        response = page.to_response(request)
        response[HIT_HEADER] = "hit"  # benchmarks/load.py counts these
        return response
    if before_render is not None:
        before_render()
    response = _render(render)
    response[HIT_HEADER] = "miss"
    if not getattr(response, "do_not_store", False) and may_store(response):
        entry = CachedPage.from_response(request, response, generation)
        try:
            cache.set(key, entry, seconds)
        except Exception:  # noqa: BLE001 - not stored; the visitor still gets the page
            logger.warning("Could not store a page in a page cache", exc_info=True)
    return response


# A cached page is keyed by its query string, so every distinct one would be an entry of
# its own (50 junk queries: 50 entries, in a Redis that may also be the broker). Only the
# parameters a page declares are keyed; a request carrying any other parameter, or an
# overlong query, is rendered without the cache; and at most MAX_QUERY_VARIANTS queries
# of one page are stored per PUBLIC_PAGE_CACHE_SECONDS, whatever their values.
MAX_QUERY_LENGTH = 300
MAX_QUERY_VARIANTS = 20
VARIANTS_KEY = "public-page-variants:"


def _may_use_cache(request, params: frozenset[str]) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HX-Request" not in request.headers
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
        and params.issuperset(request.GET)
    )


def _may_store(request, response) -> bool:
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in cache_control
        and "private" not in cache_control
        and (user is None or not user.is_authenticated)
        and _within_variant_budget(request)
    )


def _within_variant_budget(request) -> bool:
    """True for a page without a query; for one with, while fewer than
    MAX_QUERY_VARIANTS of this page's queries were stored in the current window."""
    if not request.GET:
        return True
    key = VARIANTS_KEY + _digest([request.get_host(), request.path])
    try:
        cache.add(key, 0, timeout=settings.PUBLIC_PAGE_CACHE_SECONDS)
        return cache.incr(key) <= MAX_QUERY_VARIANTS
    except Exception:  # noqa: BLE001 - cache server down: nothing will be stored anyway
        return False


def _canonical_query(request) -> str:
    """The query in one spelling: ?b=2&a=1 and ?a=1&b=2 are one entry."""
    return urlencode(sorted((k, v) for k in request.GET for v in request.GET.getlist(k)))


def _digest(parts) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _page_key(request, *, vary_on_accept: bool) -> str:
    # Host and scheme too: a page may hold absolute links (several ALLOWED_HOSTS).
    parts = [
        translation.get_language() or "",
        request.scheme,
        request.get_host(),
        request.path,
        _canonical_query(request),
    ]
    if vary_on_accept:  # the API negotiates JSON or CSV by Accept as well as ?format=
        parts.append(request.headers.get("Accept", ""))
    return f"public-page:{_digest(parts)}"


def page_generation_keys(base: str, url_kwargs: dict) -> list[str]:
    """The global generation, and that of the municipality in the URL if there is one."""
    slug = url_kwargs.get("municipality") or url_kwargs.get("slug")
    if isinstance(slug, str):
        return [base, generation_key(base, slug)]
    return [base]


def cache_public_page(view=None, *, vary_on_accept: bool = False, params=()):
    """Serve this GET view to anonymous visitors from the cache of rendered pages.

    `params`: the query parameters the page reads (filters, page number, language). A
    request with any other parameter is rendered as usual but neither served from nor
    stored in the cache, so a page never comes from an entry keyed without what it read.
    """
    params = frozenset(params)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _may_use_cache(request, params):
                return view(request, *args, **kwargs)
            return serve_or_render(
                request,
                key=_page_key(request, vary_on_accept=vary_on_accept),
                generation_keys=page_generation_keys(GENERATION_KEY, kwargs),
                seconds=settings.PUBLIC_PAGE_CACHE_SECONDS,
                render=lambda: view(request, *args, **kwargs),
                may_store=lambda response: _may_store(request, response),
            )

        return wrapper

    return decorator(view) if view is not None else decorator


@checks.register(checks.Tags.caches, deploy=True)
def deploy_check(app_configs, **kwargs):
    """Each process of a local-memory cache keeps its own generation: edits made through
    one gunicorn worker would not reach the pages cached by another."""
    backend = settings.CACHES["default"]["BACKEND"]
    in_use = settings.PUBLIC_PAGE_CACHE_SECONDS > 0 or settings.MEMBER_PAGE_CACHE_SECONDS > 0
    if in_use and backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The page caches use a per-process cache.",
                hint="Set CACHE_URL to a shared cache (redis://…), or PUBLIC_PAGE_CACHE_SECONDS=0 "
                "and MEMBER_PAGE_CACHE_SECONDS=0.",
                id="intlstrategy.W001",
            )
        ]
    return []
