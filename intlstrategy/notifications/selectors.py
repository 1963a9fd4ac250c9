"""Reads of notifications: the header's unread count and the "My tasks and news" list."""

from __future__ import annotations

from .models import Notification

PAGE_SIZE = 50


def unread_count(request) -> int:
    """The user's unread notifications, counted once per request (0 for a visitor)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = Notification.objects.for_recipient(user).unread().count()
    return request._unread_notifications


def notifications_of(user, *, limit: int = PAGE_SIZE) -> list[Notification]:
    """The newest notifications of the user, with what their titles need (fixed queries)."""
    return list(
        Notification.objects.for_recipient(user)
        .select_related("municipality", "department", "recipient")
        .prefetch_related("subject")
        .order_by("-created_at", "-pk")[:limit]
    )
