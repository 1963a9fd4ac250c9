"""Optimistic locking for anything people edit at length.

A model with a `version` field is saved through `save_versioned`, which writes only if
the row still has the version the editor started from. Otherwise it raises
`EditConflict` naming who saved in between and when, and the form shows the editor's
own text back (nothing is lost). We write this ourselves rather than use
django-concurrency because we need the conflicting author from simple-history and the
check must happen inside our services, not in `Model.save`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from intlstrategy.lib.choices import CachedChoiceDisplay


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


class VersionedModel(CachedChoiceDisplay, models.Model):
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


def save_versioned(
    instance: VersionedModel, *, expected_version: int | None, update_fields=None
) -> VersionedModel:
    """Save `instance` if nobody saved it since `expected_version`; bump the version.

    New objects (no pk) are simply saved. `update_fields` (with "version") writes only
    those columns. Must be called inside a transaction so that the check and the write
    are one step.
    """
    if instance.pk is None:
        instance.save()
        return instance
    if expected_version is None:
        instance.save(update_fields=update_fields)
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
        instance.save(update_fields=update_fields)
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
        """Show what is stored now beside what this person typed, and let the next save go
        through against the version they have now seen.

        `self.merge` lists the fields a colleague changed since this person's version
        (from history; without it, the fields where the two differ): their value, the
        word difference to what this person typed, and the raw text for "use theirs".
        What this person typed stays in the fields; nothing is dropped.
        """
        self.add_error(None, conflict.message)
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return
        current = type(instance)._base_manager.get(pk=instance.pk)
        base = self.version_seen(current)
        self.merge = merge_rows(self, current, base)
        self.merge_by, self.merge_at = conflict.changed_by, conflict.changed_at
        data = self.data.copy()
        data[self.add_prefix("expected_version")] = current.version
        self.data = data

    def version_seen(self, current):
        """The record as it was at the version this person started from (history), or None."""
        started = (
            self.cleaned_data.get("expected_version") if hasattr(self, "cleaned_data") else None
        )
        history = getattr(current, "history", None)
        if started is None or history is None:
            return None
        record = history.filter(version=started).order_by("-history_id").first()
        return record.instance if record is not None else None

    def stored_value(self, current, name: str):
        """The value of form field `name` as stored in `current` (override for fields that
        are not model attributes)."""
        try:
            model_field = current._meta.get_field(name)
        except Exception:  # noqa: BLE001 - not a model field: nothing to compare
            return NOT_STORED
        if model_field.many_to_many:
            return list(getattr(current, name).values_list("pk", flat=True))
        return model_field.value_from_object(current)

    def stored_display(self, current, name: str) -> str:
        model_field = current._meta.get_field(name)
        if model_field.many_to_many:
            return ", ".join(str(o) for o in getattr(current, name).all())
        if model_field.choices:
            return str(getattr(current, f"get_{name}_display")())
        if isinstance(model_field, models.FileField):
            # Whether a file is stored, and its size: never its path in the storage.
            stored = getattr(current, name)
            if not stored:
                return ""
            return str(_("a file of %(size)s") % {"size": filesizeformat(stored.size)})
        value = getattr(current, name)
        if value is None or value == "":
            return ""
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
        if isinstance(value, str) or hasattr(value, "pk"):
            return str(value)
        return str(formats.localize(value))


# What `stored_value` returns for a form field that is not stored (nothing to compare).
NOT_STORED = object()


@dataclass
class MergeRow:
    field: forms.BoundField
    label: str  # "Other content that is not accessible (Swedish)" for a translated field
    lang: str  # the language of a translated field's text, else ""
    theirs: str  # as shown
    theirs_text: str | None  # the raw text, for "use their text" (text fields only)
    diff: str  # theirs compared with what this person typed, word by word (HTML)
    both_changed: bool


def _normalise(field, value):
    value = field.prepare_value(value)
    if isinstance(value, list | tuple | set) or hasattr(value, "model"):
        return sorted(str(getattr(v, "pk", v)) for v in value)
    if value is None:
        return ""
    return str(getattr(value, "pk", value))


def merge_rows(form, current, base) -> list[MergeRow]:
    rows = []
    mine_values = getattr(form, "cleaned_data", {})
    for name, field in form.fields.items():
        if name == "expected_version" or field.widget.is_hidden:
            continue
        theirs = form.stored_value(current, name)
        if theirs is NOT_STORED:
            continue
        mine_raw = mine_values.get(name, form.data.get(form.add_prefix(name)))
        theirs_n, mine_n = _normalise(field, theirs), _normalise(field, mine_raw)
        if base is not None:
            before = form.stored_value(base, name) if not _is_m2m(current, name) else NOT_STORED
            if before is not NOT_STORED and _normalise(field, before) == theirs_n:
                continue  # the colleague did not change this field: what was typed stands
            both = before is NOT_STORED or _normalise(field, before) != mine_n
        else:
            both = True
        if theirs_n == mine_n:
            continue  # they arrived at the same value
        is_text = isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Select)
        label, lang = _label_and_language(current, name, field)
        rows.append(
            MergeRow(
                field=form[name],
                label=label,
                lang=lang,
                theirs=form.stored_display(current, name),
                theirs_text=(theirs or "") if is_text else None,
                diff=word_diff(theirs or "", mine_n) if is_text else "",
                both_changed=both,
            )
        )
    return rows


def _label_and_language(instance, name: str, field) -> tuple[str, str]:
    """A translated variant's form label is only its language ("Swedish"); here it needs
    the field's own name too, and its text the language it is written in."""
    base, _sep, suffix = name.rpartition("_")
    if suffix in dict(settings.LANGUAGES) and base:
        try:
            verbose = instance._meta.get_field(base).verbose_name
        except Exception:  # noqa: BLE001 - not a translated model field
            return str(field.label or name), ""
        return f"{capfirst(verbose)} ({field.label})", suffix
    return str(field.label or name), ""


def _is_m2m(instance, name) -> bool:
    try:
        return instance._meta.get_field(name).many_to_many
    except Exception:  # noqa: BLE001
        return False


_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    """`new` compared with `old` word by word: removals in <del>, additions in <ins>."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above
