"""Optimistic locking for anything people edit at length.

A model with a `version` field is saved through `save_versioned`, which writes only if
the row still has the version the editor started from. Otherwise it raises
`EditConflict` naming who saved in between and when, and the form shows the editor's
own text back (nothing is lost). We write this ourselves rather than use
django-concurrency because we need the conflicting author from simple-history and the
check must happen inside our services, not in `Model.save`.
"""

from __future__ import annotations

from django import forms
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    def __init__(self, instance, changed_by=None, changed_at=None):
        self.instance = instance
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(str(self.message))

    @property
    def removal_message(self) -> str:
        """For a removal confirmed after someone else changed the record."""
        if self.changed_by and self.changed_at:
            return _(
                "%(who)s changed this at %(when)s, after you opened this page, so nothing was "
                "removed. Check what it says now and remove it again if it should still go."
            ) % {
                "who": self.changed_by,
                "when": formats.date_format(timezone.localtime(self.changed_at), "DATETIME_FORMAT"),
            }
        return _(
            "Someone changed this after you opened this page, so nothing was removed. Check "
            "what it says now and remove it again if it should still go."
        )

    @property
    def message(self) -> str:
        if self.changed_by and self.changed_at:
            return _(
                "%(who)s saved this at %(when)s, after you started editing. Your changes were "
                "not saved; they are still in the form below. Compare them with the current "
                "version and save again."
            ) % {
                "who": self.changed_by,
                "when": formats.date_format(timezone.localtime(self.changed_at), "DATETIME_FORMAT"),
            }
        return _(
            "Someone else saved this after you started editing. Your changes were not saved; "
            "they are still in the form below. Compare them with the current version and "
            "save again."
        )


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


def last_change(instance):
    """Who saved `instance` last and when, from its history: (user, datetime) or (None, None)."""
    history = getattr(instance, "history", None)
    if history is None:
        return None, None
    record = history.select_related("history_user").order_by("-history_date").first()
    if record is None:
        return None, None
    return record.history_user, record.history_date


def change_mark(instance) -> str:
    """An opaque mark of the last change to `instance` (its newest history row). A removal
    page carries it, so that the removal can check that nothing changed since."""
    history = getattr(instance, "history", None)
    latest = (
        None
        if history is None
        else (history.order_by("-history_id").values_list("history_id", flat=True).first())
    )
    return f"h{latest or 0}"


def lock_unchanged_since(instance, mark: str) -> None:
    """Lock `instance`'s row; raise EditConflict if it changed after `mark` was taken.
    Call inside a transaction: the check and what follows are then one step."""
    type(instance)._base_manager.select_for_update().filter(pk=instance.pk).values_list(
        "pk"
    ).first()
    if mark != change_mark(instance):
        who, when = last_change(instance)
        raise EditConflict(instance, changed_by=who, changed_at=when)


def save_versioned(instance: VersionedModel, *, expected_version: int | None) -> VersionedModel:
    """Save `instance` if nobody saved it since `expected_version`; bump the version.

    New objects (no pk) are simply saved. Must be called inside a transaction so that
    the check and the write are one step.
    """
    if instance.pk is None or expected_version is None:
        instance.save()
        return instance
    with transaction.atomic():
        current = (
            type(instance)
            ._base_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current != expected_version:
            who, when = last_change(type(instance)._base_manager.get(pk=instance.pk))
            raise EditConflict(instance, changed_by=who, changed_at=when)
        instance.version = expected_version + 1
        instance.save()
    return instance


MISSING_VERSION_MESSAGE = _(
    "Your changes were not saved: the form did not say which version you started from, so "
    "a colleague's save in between could have been overwritten. Your text is still in the "
    "form below; copy it, reload the page and save again."
)


class VersionedFormMixin(forms.Form):
    """Adds the hidden version the editor started from; services compare it on save."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["expected_version"] = instance.version

    def clean(self):
        cleaned = super().clean()
        # A save of an existing record that does not say which version it started from
        # cannot be checked against a colleague's save in between: refuse it rather than
        # let it overwrite silently (a forged or truncated POST, or a page from before
        # the form carried its version).
        instance = getattr(self, "instance", None)
        if (
            instance is not None
            and instance.pk
            and getattr(instance, "version", None) is not None
            and cleaned.get("expected_version") is None
        ):
            raise forms.ValidationError(MISSING_VERSION_MESSAGE, code="missing_version")
        return cleaned

    def add_conflict(self, conflict: EditConflict) -> None:
        self.add_error(None, conflict.message)
