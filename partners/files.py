"""Uploaded attachments: checked by content and size, stored outside the web root.

`validate_pdf_upload` is deliberately a plain function so other apps can reuse it
(e.g. as a form field validator): the type is judged by the file's first bytes (`%PDF-`),
never by its name or the browser's claimed content type.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF-"


def validate_pdf_upload(upload, *, max_bytes: int | None = None) -> None:
    """Raise ValidationError unless `upload` is a PDF (by content) no larger than the limit."""
    limit = max_bytes if max_bytes is not None else settings.MAX_ATTACHMENT_BYTES
    if upload is None:
        return
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError(
            _("This file is not a PDF document. Save or export it as PDF and upload it again."),
            code="not_pdf",
        )


def agreement_upload_to(instance, filename: str) -> str:
    # The stored name is random: a user-chosen name never becomes a path on our disk.
    return f"partners/agreements/{instance.relation.municipality_id}/{uuid.uuid4().hex}.pdf"
