"""What every strategies service shares: validation with constraint messages at their field,
the versioned save, the draft rule.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from intlstrategy.concurrency import save_versioned
from intlstrategy.lib.languages import translated
from intlstrategy.lib.services import bump_version, check_fields, model_update, record_who

from ..models import (
    DocumentStatus,
    StrategyDocument,
)

logger = logging.getLogger(__name__)


# What each service may write (besides its parent and many-to-many fields, which the
# service takes as their own arguments). Anything else is a TypeError: a document's
# status, for one, changes only through document_adopt / document_start_draft.
DOCUMENT_FIELDS = (
    "kind",
    "owner",
    "valid_until",
    "replaces_note",
    "common_part_editor",
    *translated("title", "introduction", "purpose", "vision", "guidelines", "responsibilities"),
)
GOAL_AREA_FIELDS = ("number", "municipality", *translated("title", "description"))
GOAL_FIELDS = ("letter", *translated("text"))
STRATEGY_FIELDS = ("number", *translated("title"))
MEASURE_FIELDS = ("letter", *translated("text"))
AMENDMENT_FIELDS = (
    "body",
    "decided_on",
    "item",
    "kind",
    "goal",
    "strategy",
    "measure",
    "part",
    *translated("text", "proposed_text"),
)
ACTION_PLAN_FIELDS = ("start_year", "end_year", *translated("title"))
ACTIVITY_FIELDS = (
    "number",
    "responsible_department",
    "starts_on",
    "ends_on",
    "resources_amount",
    "resources_currency",
    *translated("title", "description", "result_target"),
)
MILESTONE_FIELDS = ("due_on", "done", *translated("title"))
INDICATOR_FIELDS = (
    "number",
    "responsible_department",
    "unit",
    "direction",
    "baseline",
    "baseline_year",
    "target",
    "target_year",
    *translated("name"),
)
FOLLOW_UP_FIELDS = ("followed_up_on", "body", "paragraph", *translated("summary", "decision"))

# Which form field a constraint's message belongs to, so the reader sees it at the field.
_CONSTRAINT_FIELDS = {
    "goal_area_number_unique": "number",
    "strategy_number_unique": "number",
    "goal_letter_unique": "letter",
    "measure_letter_unique": "letter",
    "activity_number_unique": "number",
    "activity_dates_in_order": "ends_on",
    "activity_resources_have_currency": "resources_currency",
    "action_plan_years_in_order": "end_year",
    "indicator_target_needs_unit": "unit",
    "indicator_years_in_order": "target_year",
    "indicator_value_one_per_year": "year",
}


def validate(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """`full_clean`, with constraint messages moved to the field they are about."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        errors = error.update_error_dict({})
        by_message = {
            str(c.violation_error_message): _CONSTRAINT_FIELDS.get(c.name)
            for c in obj._meta.constraints
        }
        general = []
        for item in errors.pop(NON_FIELD_ERRORS, []):
            messages = item.messages if isinstance(item, ValidationError) else [item]
            for message in messages:
                field = by_message.get(str(message))
                target = errors.setdefault(field, []) if field else general
                if str(message) not in [str(m) for m in target]:
                    target.append(message)
        if general:
            errors[NON_FIELD_ERRORS] = general
        raise ValidationError(errors) from None


def _save(obj, *, by, expected_version: int | None = None, exclude=None):
    validate(obj, exclude=exclude)
    record_who(obj, by)
    return save_versioned(obj, expected_version=expected_version)


def _create(model, *, fields, data: dict[str, Any], by, **parents):
    """A new `model` with its parent(s) and the whitelisted `data`, validated and saved."""
    check_fields(data, fields)
    return _save(model(**parents, **data), by=by)


def _update(obj, *, fields, data: dict[str, Any], by, expected_version=None, check=None):
    """The one write contract (`intlstrategy.lib.services.model_update`) with this app's
    validation: `check` (the service's own rule) first, then constraint messages at
    their field."""

    def clean(instance):
        if check is not None:
            check(instance)
        validate(instance)

    return model_update(
        instance=obj,
        fields=fields,
        data=data,
        by=by,
        expected_version=expected_version,
        clean=clean,
    )[0]


def _require_draft(document: StrategyDocument, *, to_edit: bool = True) -> None:
    if document.status != DocumentStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can be edited. Start a new draft from the adopted document first.")
        )
    # Every owner's council adopts the same text: once one decision is recorded, the
    # joint draft is frozen until the others' are.
    if to_edit and document.adoptions.exists():
        raise ValidationError(
            _(
                "A council's decision on this draft is recorded, so its text can no longer "
                "be changed. Delete the draft to start again."
            )
        )


def _check_departments(document: StrategyDocument, departments, field: str) -> None:
    allowed = set(document.municipalities.values_list("pk", flat=True))
    for department in departments or []:
        if department.municipality_id not in allowed:
            raise ValidationError(
                {
                    field: _("%(department)s belongs to another municipality.")
                    % {"department": department}
                }
            )


def _renumber_swap(obj, neighbour, field: str, by) -> None:
    """Swap `field` of two siblings without tripping their unique constraint."""
    mine, theirs = getattr(obj, field), getattr(neighbour, field)
    temporary = 32000 if field == "number" else "~"
    setattr(neighbour, field, temporary)
    neighbour.save(update_fields=[field])
    setattr(obj, field, theirs)
    record_who(obj, by)
    bump_version(obj)
    obj.save()
    setattr(neighbour, field, mine)
    record_who(neighbour, by)
    bump_version(neighbour)
    neighbour.save()


def _move(obj, siblings: models.QuerySet, field: str, direction: str, by) -> None:
    ordered = list(siblings.order_by(field))
    index = next(i for i, s in enumerate(ordered) if s.pk == obj.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        _renumber_swap(ordered[index], ordered[other], field, by)


def _require_current(document: StrategyDocument) -> None:
    if document.status == DocumentStatus.SUPERSEDED:
        raise ValidationError(_("A superseded document can no longer be changed."))
