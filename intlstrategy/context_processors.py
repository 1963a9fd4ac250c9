from django.conf import settings

from .models import Municipality
from .notifications.selectors import unread_count


def portal(request):
    """The municipalities the user works in, for the navigation (one query, lazily)."""
    user = getattr(request, "user", None)

    def my_municipalities():
        if user is None or not user.is_authenticated:
            return []
        return list(Municipality.objects.for_user(user))

    return {
        "my_municipalities": my_municipalities,
        "access": getattr(request, "access", None),
        "LANGUAGES": settings.LANGUAGES,
        # Called by the header only; one query per request at most (cached on it).
        "unread_notifications": lambda: unread_count(request),
    }
