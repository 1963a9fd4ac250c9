"""Uploaded files: what they are, judged by their content (magic bytes), never by their
name or the browser's claimed type; and whether they are small enough. Shared by the
partners' agreements (PDF) and the projects' attachments (PDF, DOCX, XLSX)."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


def detect_kind(upload) -> str | None:
    """'pdf', 'docx', 'xlsx' or None. DOCX and XLSX are ZIP files; the part names inside
    tell them apart (word/document.xml, xl/workbook.xml)."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(8)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            upload.seek(0)
            try:
                with zipfile.ZipFile(upload) as archive:
                    names = set(archive.namelist())
            except zipfile.BadZipFile:
                return None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
        return None
    finally:
        upload.seek(position)


def check_size(upload, *, max_bytes: int | None = None) -> None:
    """Raise ValidationError when the upload is larger than the limit (default:
    settings.MAX_ATTACHMENT_BYTES), naming both sizes."""
    limit = max_bytes if max_bytes is not None else settings.MAX_ATTACHMENT_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
