"""The one write contract every service follows.

A service is the only place that writes a model. It

1. takes keyword arguments only, including `by` (who writes) and, for an edit people
   make at length, `expected_version` (the version their page started from);
2. accepts only the fields it names (`fields`): an unknown keyword is a programming
   error (`TypeError`), so `document_update(status="adopted")` cannot skip
   `document_adopt`'s checks;
3. validates with `full_clean` (or the app's own validation), then saves the changed
   columns only (`save(update_fields=…)`) after checking `expected_version`
   (`intlstrategy.concurrency.save_versioned`);
4. records who wrote in the write itself: `history_user` (and a change reason when
   given) is set on the instance before the save, so the history names the person
   whether the write comes from a request, a Celery task or a management command.

Authorisation is not a service's business: the access layer (`intlstrategy.permissions`,
the apps' `can_*` functions) and the views decide who may call a service.

`model_update` does steps 2–4 for the common case; a service adds its own rules before
calling it (or around it, inside its transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as translation_language

from intlstrategy.concurrency import save_versioned

from .languages import codes, column


def _translated_bases(fields: Iterable[str]) -> set[str]:
    """The base names (`title`) whose every language column (`title_nb` …) is in
    `fields`: writing the base name writes the active language's column."""
    allowed = set(fields)
    bases = {name.rsplit("_", 1)[0] for name in allowed if "_" in name}
    return {base for base in bases if all(column(base, c) in allowed for c in codes())}


def check_fields(data: dict[str, Any], fields: Iterable[str]) -> None:
    """Refuse keywords the service does not name (a programming error, not a user's)."""
    fields = set(fields)
    unknown = set(data) - fields - _translated_bases(fields)
    if unknown:
        raise TypeError(f"not writable here: {', '.join(sorted(unknown))}")


def _stored_name(instance: models.Model, name: str) -> str:
    """The column a keyword writes: a translated base name (`title`) writes the active
    language's column (`title_sv`), as modeltranslation's descriptor does."""
    try:
        options = translator.get_options_for_model(type(instance))
    except NotRegistered:
        return name
    if name in options.all_fields:
        return build_localized_fieldname(name, translation_language())
    return name


def record_who(instance: models.Model, by, reason: str | None = None) -> None:
    """Name the writer (and why) in the history row the next save makes.

    simple-history reads `_history_user` before falling back to the request's user (set
    by its middleware), and `_change_reason` for the row's reason. `by=None` leaves the
    middleware's user (a system write outside a request has none)."""
    if by is not None:
        instance._history_user = by
    if reason:
        instance._change_reason = reason


def bump_version(instance: models.Model) -> None:
    """Count one more change (for a write that is not an edit with `expected_version`,
    such as a status change): an editor with the old version open then gets the
    conflict message instead of overwriting it."""
    instance.version = (instance.version or 0) + 1


def set_fields(instance: models.Model, *, fields: Iterable[str], data: dict[str, Any]) -> list:
    """Set the fields of `data` (all named in `fields`) on `instance`; the names changed."""
    check_fields(data, fields)
    changed = []
    for name, value in data.items():
        name = _stored_name(instance, name)
        try:
            same = instance.pk is not None and getattr(instance, name) == value
        except ObjectDoesNotExist:  # a relation not set yet
            same = False
        if not same:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def model_update(
    *,
    instance: models.Model,
    fields: Iterable[str],
    data: dict[str, Any],
    by,
    expected_version: int | None = None,
    clean: Callable[[models.Model], None] | None = None,
    reason: str | None = None,
) -> tuple[models.Model, bool]:
    """Change `instance` as `data` says, through the one write contract above.

    `fields` is the service's whitelist; `clean` replaces `full_clean()` when the app
    moves constraint messages to their field. Returns the instance and whether any
    field changed. Call inside the service's transaction.
    """
    changed = set_fields(instance, fields=fields, data=data)
    (clean or (lambda obj: obj.full_clean()))(instance)
    record_who(instance, by, reason)
    update_fields = None
    if instance.pk is not None and changed:
        update_fields = [*changed, "version"] if hasattr(instance, "version") else changed
    if hasattr(instance, "version"):
        save_versioned(instance, expected_version=expected_version, update_fields=update_fields)
    else:
        instance.save(update_fields=update_fields)
    return instance, bool(changed)
