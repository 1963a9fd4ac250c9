"""Page helpers the reporting views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from intlstrategy.permissions import Access

from ..models import (
    ReportingRound,
)


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _round(access: Access, year: int) -> ReportingRound:
    return get_object_or_404(
        ReportingRound.objects.for_municipality(access.municipality), year=year
    )
