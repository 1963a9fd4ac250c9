"""Notifying people: record once, e-mail after commit, in the recipient's language.

Apps call `notify()` at the moment something happens (a round opens, a report is
returned …) with who should hear of it and a key naming the event. Each recipient gets one
`Notification` row per event: the unique key makes a second call (a task run twice, two
workers at once, a double click) record and send nothing. The e-mail is queued with
`transaction.on_commit` into `send_notification_email_task`, which sends it at most once
(`emailed_at`), so an event rolled back tells nobody.

Texts are templates `notifications/email/<kind>_subject.txt` and `<kind>.txt`, rendered
in the recipient's preferred language (else the municipality's) as plain text
(intlstrategy.mail). The same subject line, in the reader's language, is the item's title
in "My tasks and news".
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ..mail import one_line, render_email
from ..models import Department, Membership, Municipality, Role, User
from .models import Kind, Notification

logger = logging.getLogger(__name__)


# --- who ---------------------------------------------------------------------------------


def _active(users: Iterable[User]) -> list[User]:
    seen, result = set(), []
    for user in users:
        if user.is_active and user.pk not in seen:
            seen.add(user.pk)
            result.append(user)
    return result


def _with_role(municipality: Municipality, role: str):
    return (
        User.objects.filter(
            is_active=True, memberships__municipality=municipality, memberships__role=role
        )
        .distinct()
        .order_by("pk")
    )


def coordinators_of(municipality: Municipality) -> list[User]:
    return list(_with_role(municipality, Role.COORDINATOR))


def council_members_of(municipality: Municipality) -> list[User]:
    return list(_with_role(municipality, Role.COUNCIL_MEMBER))


def contacts_of(department: Department) -> list[User]:
    memberships = Membership.objects.contacts_of(department).select_related("user")
    return _active(m.user for m in memberships.order_by("user_id"))


# --- recording ---------------------------------------------------------------------------


def notify(
    *,
    kind: str,
    event: str,
    recipients: Iterable[User],
    municipality: Municipality,
    subject=None,
    department: Department | None = None,
    data: dict | None = None,
    url_name: str = "",
    url_kwargs: dict | None = None,
) -> list[Notification]:
    """Record `kind` for each active recipient once per `event` (a string naming what
    happened, e.g. "report:12:returned:v7"), and queue each new one's e-mail on commit.
    Returns the notifications made now (none for an event already recorded)."""
    made = []
    subject_type = ContentType.objects.get_for_model(subject) if subject is not None else None
    for user in _active(recipients):
        key = f"{kind}:{event}:u{user.pk}"[:200]
        try:
            with transaction.atomic():  # a duplicate key must not spoil the caller's work
                notification = Notification.objects.create(
                    key=key,
                    recipient=user,
                    municipality=municipality,
                    kind=kind,
                    subject_type=subject_type,
                    subject_id=subject.pk if subject is not None else None,
                    department=department,
                    data=data or {},
                    url_name=url_name,
                    url_kwargs=url_kwargs or {},
                )
        except IntegrityError:
            continue  # already recorded: sent once, not again
        made.append(notification)
        if user.email:
            from .tasks import send_notification_email_task

            send_notification_email_task.delay_on_commit(notification.pk)
    return made


# --- texts -------------------------------------------------------------------------------


def language_of(notification: Notification) -> str:
    return notification.recipient.preferred_language or notification.municipality.default_language


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _context(notification: Notification) -> dict:
    url = notification.get_absolute_url()
    return {
        "deadline": _date(notification.data.get("deadline")),
        "since": _date(notification.data.get("since")),
        "notification": notification,
        "recipient": notification.recipient,
        "municipality": notification.municipality,
        "department": notification.department,
        "subject": notification.subject,
        "data": notification.data,
        "url": settings.SITE_URL + url if url else settings.SITE_URL + "/",
        "tasks_url": settings.SITE_URL + reverse("notification_list"),
    }


def _template(notification: Notification) -> tuple[str, dict]:
    context = _context(notification)
    if notification.kind == Kind.INVITATION:
        from .. import people

        return people.invitation_template(notification, context)
    return f"notifications/email/{notification.kind}", context


def email_for(notification: Notification) -> tuple[str, str]:
    """(subject, body) in the recipient's language."""
    language = language_of(notification)
    with translation.override(language):  # the links in the recipient's language too
        template, context = _template(notification)
        return render_email(template, context, language)


def title(notification: Notification) -> str:
    """The subject line in the active language: the item's title in the list."""
    template = f"notifications/email/{notification.kind}_subject.txt"
    return one_line(render_to_string(template, _context(notification)))


# --- sending and reading -----------------------------------------------------------------


def email_send(*, notification_id: int) -> bool:
    """Send the notification's e-mail unless it was sent already. True if sent now."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "municipality", "department")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.email:
            return False
        if notification.subject_type_id and notification.subject is None:
            return False  # what it was about is gone (deleted before the worker ran)
        subject, body = email_for(notification)
        send_mail(subject, body, None, [notification.recipient.email])
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    logger.info("notification %s e-mailed (%s)", notification.pk, notification.kind)
    return True


def mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when no ids are given)."""
    rows = Notification.objects.for_recipient(user).unread()
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())
