"""Writes to the council's amendments of a proposed document."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    CouncilAmendment,
    StrategyDocument,
)
from .common import _require_draft, _save, _set_fields


def _check_amendment_target(amendment: CouncilAmendment) -> None:
    document_id = amendment.document_id
    for field, owner in (
        ("goal", lambda o: o.goal_area.document_id),
        ("strategy", lambda o: o.document_id),
        ("measure", lambda o: o.strategy.document_id),
    ):
        target = getattr(amendment, field)
        if target is not None and owner(target) != document_id:
            raise ValidationError({field: _("Choose an item of this document.")})
    if amendment.decided_on and amendment.decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The decision date cannot be in the future.")})


@transaction.atomic
def amendment_create(*, document: StrategyDocument, by, **fields) -> CouncilAmendment:
    _require_draft(document)
    amendment = CouncilAmendment(document=document, **fields)
    _check_amendment_target(amendment)
    return _save(amendment, by=by)


@transaction.atomic
def amendment_update(
    *, amendment: CouncilAmendment, by, expected_version=None, **fields
) -> CouncilAmendment:
    _require_draft(amendment.document)
    _set_fields(amendment, fields)
    _check_amendment_target(amendment)
    return _save(amendment, by=by, expected_version=expected_version)


@transaction.atomic
def amendment_delete(*, amendment: CouncilAmendment, by) -> None:
    _require_draft(amendment.document)
    amendment._history_user = by
    amendment.delete()
