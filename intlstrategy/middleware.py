import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

_STARTED = "session_started_at"
_RENEWED = "session_renewed_at"


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after login however active it was (idle: SESSION_COOKIE_AGE),
    and slides the idle expiry by saving the session once per SESSION_RENEW_AFTER rather
    than on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        started = session.get(_STARTED)
        now = int(time.time())
        if started is None:
            if session.get("_auth_user_id"):
                session[_STARTED] = now
        elif now - started > settings.SESSION_ABSOLUTE_LIFETIME:
            logout(request)
            return redirect(settings.LOGIN_URL)
        response = self.get_response(request)
        # The login request itself: start the clock at the moment of login.
        if session.get("_auth_user_id") and session.get(_STARTED) is None:
            session[_STARTED] = now
        if session.get("_auth_user_id"):
            renewed = session.get(_RENEWED)
            if renewed is None or now - renewed >= settings.SESSION_RENEW_AFTER:
                session[_RENEWED] = now  # modified: saved with a fresh expiry
        return response


class NoStoreForAuthenticatedMiddleware:
    """Pages seen by a logged-in user may hold personal data: never cache them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, " + response["Cache-Control"]
        return response
