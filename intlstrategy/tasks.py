"""Celery tasks of the core: thin, queued with delay_on_commit."""

from celery import shared_task

from .notifications.tasks import send_notification_email_task  # noqa: F401  (found by the worker)


@shared_task
def clear_expired_sessions_task() -> None:
    """Delete expired sessions (Django's `clearsessions`); scheduled by beat."""
    from django.core.management import call_command

    call_command("clearsessions")
