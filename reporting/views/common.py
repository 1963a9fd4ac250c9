"""Page helpers the reporting views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from intlstrategy import public_cache
from intlstrategy.lib.forms import error_messages
from intlstrategy.permissions import Access

from ..models import (
    ReportingRound,
)


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in error_messages(exc)]


def _round(access: Access, year: int) -> ReportingRound:
    return get_object_or_404(
        ReportingRound.objects.for_municipality(access.municipality), year=year
    )


def _unless_rendering(response, followups):
    """A follow-up still being made turns ready (or failed) without a content write:
    the page showing it is not kept by the page cache."""
    if any(document.is_pending for document in followups):
        public_cache.do_not_store(response)
    return response
