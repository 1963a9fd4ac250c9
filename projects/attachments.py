"""Which kind of document an upload is, judged by its content (magic bytes), not its name."""

from __future__ import annotations

import zipfile


def detect_kind(upload) -> str | None:
    """'pdf', 'docx', 'xlsx' or None. DOCX and XLSX are ZIP files; the part names inside
    tell them apart (word/document.xml, xl/workbook.xml)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None
