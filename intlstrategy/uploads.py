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


# A DOCX or XLSX is a ZIP archive: a few megabytes can unpack to gigabytes (a "zip bomb")
# in whatever opens it later (openpyxl, a preview, a virus scanner, the reader's Office).
# Real documents unpack to a few dozen times their size at most; these limits leave room.
MAX_ARCHIVE_MEMBERS = 10_000
# A member smaller than this is never refused for its ratio (tiny parts compress oddly).
RATIO_CHECK_FROM_BYTES = 1024 * 1024


def check_archive(upload, *, max_bytes: int | None = None, max_ratio: int | None = None) -> None:
    """Raise ValidationError when the ZIP archive `upload` (DOCX, XLSX) would unpack to more
    than `max_bytes` in all (default: settings.MAX_ARCHIVE_UNCOMPRESSED_BYTES, 256 MiB), or
    one of its members to more than `max_ratio` times its packed size (default:
    settings.MAX_ARCHIVE_RATIO, 250), or holds more than MAX_ARCHIVE_MEMBERS files. Reads
    only the archive's directory: nothing is unpacked."""
    limit = max_bytes or getattr(settings, "MAX_ARCHIVE_UNCOMPRESSED_BYTES", 256 * 1024 * 1024)
    ratio = max_ratio or getattr(settings, "MAX_ARCHIVE_RATIO", 250)
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(
            _("The file is damaged: it cannot be read as a document."), code="archive_damaged"
        ) from error
    finally:
        upload.seek(position)
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise ValidationError(
            _("The file holds more than %(count)s parts; no real document does."),
            code="archive_too_many_members",
            params={"count": MAX_ARCHIVE_MEMBERS},
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > limit:
        raise ValidationError(
            _("Unpacked, the file would be %(size)s; the largest accepted is %(limit)s."),
            code="archive_too_large",
            params={"size": filesizeformat(unpacked), "limit": filesizeformat(limit)},
        )
    for member in members:
        packed = max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECK_FROM_BYTES and member.file_size > ratio * packed:
            raise ValidationError(
                _(
                    "A part of the file unpacks to more than %(ratio)s times its size, which "
                    "no real document does; the file is refused."
                ),
                code="archive_ratio",
                params={"ratio": ratio},
            )


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
