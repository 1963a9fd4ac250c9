"""Agreements' files: PDF only (checked by content and size), stored outside the web root.

`validate_pdf_upload` is a plain function (a model and form field validator; migrations
refer to it by this path). The checks themselves are shared: intlstrategy.uploads.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from intlstrategy.uploads import check_size, detect_kind


def validate_pdf_upload(upload, *, max_bytes: int | None = None) -> None:
    """Raise ValidationError unless `upload` is a PDF (by content) no larger than the limit."""
    if upload is None:
        return
    check_size(upload, max_bytes=max_bytes)
    if detect_kind(upload) != "pdf":
        raise ValidationError(
            _("This file is not a PDF document. Save or export it as PDF and upload it again."),
            code="not_pdf",
        )


def agreement_upload_to(instance, filename: str) -> str:
    # The stored name is random: a user-chosen name never becomes a path on our disk.
    return f"partners/agreements/{instance.relation.municipality_id}/{uuid.uuid4().hex}.pdf"
