"""A cache of rendered public pages for anonymous visitors.

Public pages (strategies, twin towns, projects, the open-data API) are read far more
often than they change, and rendering one costs many times a bare request. Django's
own cache middleware cannot be used for them: it refuses to cache a page that sets
the CSRF cookie (our language switch is a POST form), and a cached page would repeat
the CSP nonce of the request that rendered it, which the browser then rejects. So a
page is stored with two holes — its CSP nonce and its CSRF tokens — which are filled
with the current request's values whenever it is served.

Correctness rests on a *generation*: every cached page remembers the generation it was
rendered in and is served only while that generation is current. Saving or deleting
any content model bumps it (signals below, connected in `IntlstrategyConfig.ready`),
once at once and once more when the transaction commits, so a page rendered from data
that was about to change is never served after the change. Bulk writes that send no
signals (`generate_scale_data`, `restore`, the privacy commands) call `invalidate()`,
and `QuerySet.update()` of content calls `invalidate_now_and_at_commit()`. A page whose
content changes with the clock alone calls `depends_on_clock()` and is not stored.
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
from contextvars import ContextVar
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

logger = logging.getLogger(__name__)
GENERATION_KEY = "public-pages:generation"
MEMBER_GENERATION_KEY = "member-pages:generation"
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


def invalidate(*, members_only: bool = False) -> None:
    """Make every cached page stale (they are dropped lazily, by generation): the
    public pages and the members' pages (intlstrategy.member_cache), or only the latter."""
    keys = (MEMBER_GENERATION_KEY,) if members_only else (GENERATION_KEY, MEMBER_GENERATION_KEY)
    for key in keys:
        try:
            try:
                cache.incr(key)
            except ValueError:  # no generation yet, or evicted: start a fresh, unused one
                cache.add(key, time.time_ns(), timeout=None)
        except Exception:  # noqa: BLE001 - the cache server is down: the save must still work
            logger.warning("Could not invalidate the page caches", exc_info=True)
            return


def invalidate_now_and_at_commit(*, members_only: bool = False) -> None:
    """For writes that send no signals (QuerySet.update): stale at once, and once more
    when the transaction commits, so no page rendered in between outlives the change."""
    invalidate(members_only=members_only)
    connection = transaction.get_connection()
    callback = _invalidate_members if members_only else invalidate
    # One callback per transaction however many rows it writes. (Django drops the
    # callback if its savepoint rolls back, so this check stays true.)
    if connection.in_atomic_block and not any(
        entry[1] is callback for entry in connection.run_on_commit
    ):
        transaction.on_commit(callback)


def _invalidate_members() -> None:
    invalidate(members_only=True)


def current_generation(found: dict, key: str = GENERATION_KEY) -> int:
    generation = found.get(key)
    if generation is None:
        cache.add(key, time.time_ns(), timeout=None)
        generation = cache.get(key)
    return generation


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
    # Users and memberships show only on members' pages.
    invalidate_now_and_at_commit(members_only=meta.label_lower in NOT_CONTENT)


# Set while a cached page is being rendered; `depends_on_clock()` marks the page as one
# whose content changes with time alone (a PDF being rendered turns "failed" when its
# worker died), which must not be stored.
_clock_dependent: ContextVar[list | None] = ContextVar("page_depends_on_clock", default=None)


def depends_on_clock() -> None:
    marks = _clock_dependent.get()
    if marks is not None:
        marks.append(True)


def _render_noting_clock(render):
    """Calls render() (rendering a lazy response); returns (response, depends_on_clock)."""
    token = _clock_dependent.set([])
    try:
        response = render()
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()  # DRF and TemplateResponse render after the view
        return response, bool(_clock_dependent.get())
    finally:
        _clock_dependent.reset(token)


@dataclass
class CachedPage:
    generation: int
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
            response[name] = value
        return response


def serve_or_render(
    request, *, key: str, generation_key: str, seconds: int, render, may_store, before_render=None
) -> HttpResponse:
    """The path both page caches share: the entry under `key` while its generation is
    current; otherwise render() (the view), stored unless it depends on the clock or
    may_store(response) refuses. If the cache server is down, render() as if uncached."""
    try:
        found = cache.get_many([generation_key, key])
        generation = current_generation(found, generation_key)
    except Exception:  # noqa: BLE001 - cache server down: render as if uncached
        logger.warning("A page cache is unavailable", exc_info=True)
        return render()
    page = found.get(key)
    if page is not None and page.generation == generation:
        return page.to_response(request)
    if before_render is not None:
        before_render()
    response, clock_dependent = _render_noting_clock(render)
    if not clock_dependent and may_store(response):
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
                generation_key=GENERATION_KEY,
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
