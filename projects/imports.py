"""Imports too large for one request: queued as a Celery task, run all or nothing.

The view checks the file as a whole (encoding, columns, number of rows) at once; a file
of more than IN_REQUEST_MAX_ROWS rows is kept in a ProjectImport and imported by
`import_projects_task`, whose progress and outcome the status page polls.
"""

from __future__ import annotations

import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intlstrategy.permissions import Access, roles_of

from . import transfer
from .models import ImportStatus, ProjectImport
from .permissions import can_create

logger = logging.getLogger(__name__)

# Up to this many rows an import runs within the request (a few seconds); more go to
# the task (2,000 rows, the documented maximum, took longer than gunicorn's 60 seconds).
IN_REQUEST_MAX_ROWS = 200


def _progress_key(import_id: int) -> str:
    return f"projects:import-progress:{import_id}"


def progress_of(job: ProjectImport) -> tuple[int, int] | None:
    """(done, total) of a running import, or None when not known (yet)."""
    return cache.get(_progress_key(job.pk))


@transaction.atomic
def project_import_queue(*, access, by, data: bytes, file_name: str) -> ProjectImport:
    """Keep the file and queue its import; the request does not wait for it."""
    if not can_create(access):
        raise PermissionDenied
    rows = transfer.read_csv(data)  # ImportRefused: the file as a whole is refused now
    job = ProjectImport.objects.create(
        municipality=access.municipality,
        created_by=by,
        language=translation.get_language() or "en",
        file_name=file_name[:255],
        data=data,
        row_count=len(rows),
    )
    from .tasks import import_projects_task

    import_projects_task.delay_on_commit(job.pk)
    return job


def project_import_run(*, import_id: int) -> ProjectImport:
    """Import the kept file. Idempotent: a finished import is left alone, and the rows
    and the "done" state commit together, so a run that died left nothing to undo."""
    ProjectImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now()
    )
    with transaction.atomic():
        job = (
            ProjectImport.objects.select_for_update(of=("self",))
            .select_related("municipality", "created_by")
            .get(pk=import_id)
        )
        if job.status in (ImportStatus.DONE, ImportStatus.FAILED):
            return job
        with translation.override(job.language):
            outcome = _run(job)
        job.finished_at = timezone.now()
        job.data = b""  # read: no need to keep the file
        job.save()
    cache.delete(_progress_key(import_id))
    return outcome


def _run(job: ProjectImport) -> ProjectImport:
    user = job.created_by
    if user is None or not user.is_active:
        job.status = ImportStatus.FAILED
        job.failure_reason = _("The person who uploaded the file can no longer import.")
        return job
    # The importer's rights as they are now, not as they were at upload.
    access = Access(user, job.municipality, roles_of(user, job.municipality))
    key = _progress_key(job.pk)
    try:
        with transaction.atomic():  # whatever fails inside leaves the job row usable
            result = transfer.import_csv(
                access=access,
                by=user,
                data=bytes(job.data),
                progress=lambda done, total: cache.set(key, (done, total), 3600),
            )
    except transfer.ImportRefused as exc:
        job.status = ImportStatus.FAILED
        job.failure_reason = str(exc)
        return job
    except SoftTimeLimitExceeded:
        raise
    except Exception as exc:  # shown to the importer; nothing was imported
        logger.exception("project import %s failed", job.pk)
        job.status = ImportStatus.FAILED
        job.failure_reason = _("The import failed (%(error)s); nothing was imported.") % {
            "error": exc.__class__.__name__
        }
        return job
    if result.errors:
        job.status = ImportStatus.FAILED
        job.errors = [
            {"row": e.row, "column": e.column, "message": str(e.message)} for e in result.errors
        ]
        job.failure_reason = _("Nothing was imported: the file has problems (listed below).")
    else:
        job.status = ImportStatus.DONE
        job.created_count = len(result.created)
    return job


def project_import_mark_failed(*, import_id: int, reason: str) -> None:
    ProjectImport.objects.filter(pk=import_id).exclude(status=ImportStatus.DONE).update(
        status=ImportStatus.FAILED, failure_reason=reason, finished_at=timezone.now(), data=b""
    )
    cache.delete(_progress_key(import_id))
