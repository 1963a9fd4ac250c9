"""A cache of rendered pages for logged-in members, one entry per user and page.

The coordinator's dashboard, the project register or the twin-town list run a dozen
queries and render hundreds of rows; people reload them all day while they change
rarely. A page is kept for the user who saw it and served to that user again while
nothing has changed. It is never served to anyone else: the key holds the user's id.

What keeps it correct:
- *Access first.* The decorator sits below `municipality_view`, so who may see the page
  (404 for another tenant, 403 for a role) is decided afresh on every request. The key
  also holds the user's roles and departments as just read, so a changed role is a new
  key.
- *Generations.* Every entry remembers the members' generations it was rendered in, the
  global one and its municipality's (`public_cache.MEMBER_GENERATION_KEY`): a save or
  delete in the content apps bumps the municipality's (users' and memberships' too; a
  shared row the global one), at once and again at commit; bookkeeping writes do not
  (`public_cache.BOOKKEEPING`). `QuerySet.update` callers and bulk commands call
  `public_cache.invalidate…` themselves.
- *Clock.* The key holds today's date (deadlines, "late", "overdue"); a page whose
  content changes with the time of day (a PDF being rendered) marks its response with
  `public_cache.do_not_store()` and is not stored.
- *Order.* On a miss the municipality and the user, read before the generation, are
  read again, so a change committed in between is not stored under the new generation.
  A deploy (`migrate`) makes every entry stale: they name the old release's static files.
- *Per response.* The CSP nonce and CSRF tokens are holes refilled for each response
  (`public_cache.CachedPage`). A request with flash messages waiting, an htmx request or
  a non-GET never uses the cache; a response that set a cookie or queued a message, or
  any answer but 200, is not stored.

`MEMBER_PAGE_CACHE_SECONDS` bounds how long an entry lives (0 switches it off). If the
cache server is down, pages are rendered as if uncached.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.utils import timezone, translation

from .notifications.selectors import unread_count
from .public_cache import MEMBER_GENERATION_KEY, generation_key, serve_or_render


def _may_use_cache(request) -> bool:
    return (
        settings.MEMBER_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and request.user.is_authenticated
        and "HX-Request" not in request.headers
        and len(messages.get_messages(request)) == 0
    )


def _may_store(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and len(messages.get_messages(request)) == 0
    )


def _page_key(request, access) -> str:
    parts = [
        str(request.user.pk),
        str(access.municipality.pk),
        ",".join(sorted(access.roles.roles)),
        ",".join(str(pk) for pk in sorted(access.roles.department_ids)),
        timezone.localdate().isoformat(),
        # The header's count of unread notifications (read once per request, see
        # notifications.selectors): a notification changes no page but this number.
        str(unread_count(request)),
        translation.get_language() or "",
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    ]
    return "member-page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _reread_what_the_access_check_read(request, access) -> None:
    """The municipality and the user were read by the access check, before the
    generation: a change committed in between would be stored as current."""
    access.municipality.refresh_from_db()
    request.user.refresh_from_db()


def cache_member_page(view):
    """Serve this GET view to a logged-in user from their own cached copy while it is
    current. Place it directly below `municipality_view`."""

    @wraps(view)
    def wrapper(request, access, *args, **kwargs):
        if not _may_use_cache(request):
            return view(request, access, *args, **kwargs)
        return serve_or_render(
            request,
            key=_page_key(request, access),
            generation_keys=[
                MEMBER_GENERATION_KEY,
                generation_key(MEMBER_GENERATION_KEY, access.municipality.slug),
            ],
            seconds=settings.MEMBER_PAGE_CACHE_SECONDS,
            render=lambda: view(request, access, *args, **kwargs),
            may_store=lambda response: _may_store(request, response),
            before_render=lambda: _reread_what_the_access_check_read(request, access),
        )

    return wrapper
