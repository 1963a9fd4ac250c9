"""Celery tasks of the core: thin, queued with delay_on_commit."""

from .notifications.tasks import send_notification_email_task  # noqa: F401  (found by the worker)
