"""What the portal told whom: one row per notification and recipient, which is at once
the in-portal "My tasks and news" list, the record that it was sent, and the guard that
it is sent only once (`key` is unique).

The app belongs to the core: it knows users, municipalities and departments, and refers
to the thing a notification is about (a round, a report, a follow-up) only generically.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import Department, Municipality


class Kind(models.TextChoices):
    ROUND_OPENED = "round_opened", _("reporting round opened")
    DUE_SOON = "due_soon", _("deadline soon")
    LATE = "late", _("report late")
    REMINDED = "reminded", _("reminder from the coordinator")
    ESCALATED = "escalated", _("reminder not answered")
    SUBMITTED = "submitted", _("report submitted")
    RETURNED = "returned", _("report returned")
    APPROVED = "approved", _("report approved")
    FOLLOWUP_READY = "followup_ready", _("council follow-up ready")
    INVITATION = "invitation", _("invitation")


# Kinds that ask the recipient to do something (the rest is news).
TASK_KINDS = {
    Kind.ROUND_OPENED,
    Kind.DUE_SOON,
    Kind.LATE,
    Kind.REMINDED,
    Kind.RETURNED,
    Kind.SUBMITTED,  # the coordinator reviews it
    Kind.ESCALATED,  # the coordinator follows it up
}


class NotificationQuerySet(models.QuerySet):
    def for_recipient(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    key = models.CharField(_("key"), max_length=200, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("department"),
    )
    # Values the text needs as they were when it happened (the return comment, days left).
    data = models.JSONField(_("details"), default=dict, blank=True)
    url_name = models.CharField(max_length=100, blank=True)
    url_kwargs = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_unread"),
            models.Index(
                fields=["subject_type", "subject_id", "department", "kind"],
                name="notification_subject",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"

    def get_absolute_url(self) -> str:
        if not self.url_name:
            return ""
        return reverse(self.url_name, kwargs=self.url_kwargs)

    @property
    def is_task(self) -> bool:
        return self.kind in TASK_KINDS
