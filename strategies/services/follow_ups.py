"""Writes to a document's follow-ups."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    FollowUp,
    StrategyDocument,
)
from .common import _save, _set_fields


def _check_follow_up(follow_up: FollowUp) -> None:
    if follow_up.followed_up_on and follow_up.followed_up_on > timezone.localdate():
        raise ValidationError({"followed_up_on": _("The date cannot be in the future.")})
    adopted_on = follow_up.document.adopted_on
    if follow_up.followed_up_on and adopted_on and follow_up.followed_up_on < adopted_on:
        raise ValidationError(
            {"followed_up_on": _("The follow-up cannot be before the document was adopted.")}
        )


@transaction.atomic
def follow_up_create(*, document: StrategyDocument, by, **fields) -> FollowUp:
    follow_up = FollowUp(document=document, **fields)
    _check_follow_up(follow_up)
    return _save(follow_up, by=by)


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, by, expected_version=None, **fields) -> FollowUp:
    _set_fields(follow_up, fields)
    _check_follow_up(follow_up)
    return _save(follow_up, by=by, expected_version=expected_version)


@transaction.atomic
def follow_up_delete(*, follow_up: FollowUp, by) -> None:
    follow_up._history_user = by
    follow_up.delete()
