"""Celery tasks of the core: thin, queued with delay_on_commit."""

from celery import shared_task

from . import people
from .models import Municipality, User


@shared_task(acks_late=True)
def send_invitation_task(user_pk: int, municipality_pk: int, role: str) -> bool:
    """The invitation or role notice e-mail. A rerun sends it again, which is harmless:
    a fresh link replaces nothing, and the old one keeps its own expiry."""
    user = User.objects.filter(pk=user_pk, is_active=True).first()
    municipality = Municipality.objects.filter(pk=municipality_pk).first()
    if user is None or municipality is None or not user.email:
        return False
    people.invitation_send(user=user, municipality=municipality, role=role)
    return True


@shared_task
def clear_expired_sessions_task() -> None:
    """Delete expired sessions (Django's `clearsessions`); scheduled by beat."""
    from django.core.management import call_command

    call_command("clearsessions")
