"""Celery tasks of the projects app: thin, idempotent, queued with delay_on_commit."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from . import imports
from .models import ProjectImport


# The time limit of every background job (PDF_RENDER_TIME_LIMIT): the status page shows an
# import "running" longer than that as failed, by the same rule as the PDFs.
@shared_task(
    acks_late=True,
    soft_time_limit=settings.PDF_RENDER_TIME_LIMIT,
    time_limit=settings.PDF_RENDER_TIME_LIMIT + 30,
)
def import_projects_task(import_pk: int) -> str | None:
    try:
        job = imports.project_import_run(import_id=import_pk)
    except ProjectImport.DoesNotExist:
        return None
    except SoftTimeLimitExceeded:  # the import's transaction was rolled back: nothing landed
        language = (
            ProjectImport.objects.filter(pk=import_pk).values_list("language", flat=True).first()
        )
        with translation.override(language or "en"):
            reason = _(
                "The import took longer than %(seconds)s seconds and was stopped; nothing was "
                "imported. Split the file and import the parts."
            ) % {"seconds": settings.PDF_RENDER_TIME_LIMIT}
        imports.project_import_mark_failed(import_id=import_pk, reason=reason)
        return "failed"
    return job.status
