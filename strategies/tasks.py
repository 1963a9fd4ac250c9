"""Celery tasks of the strategies app: thin, idempotent, queued with delay_on_commit."""

from celery import shared_task
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from intlstrategy.rendering import run_render_task

from . import services
from .models import DocumentPdf


@shared_task(
    acks_late=True,
    soft_time_limit=settings.PDF_RENDER_TIME_LIMIT,
    time_limit=settings.PDF_RENDER_TIME_LIMIT + 30,
)
def render_document_pdf_task(pdf_pk: int) -> str | None:
    return run_render_task(
        model=DocumentPdf,
        pk=pdf_pk,
        render=lambda pk: services.document_pdf_render(pdf_id=pk),
        too_slow=_mark_too_slow,
    )


def _mark_too_slow(pdf_pk: int) -> None:
    language = DocumentPdf.objects.filter(pk=pdf_pk).values_list("language", flat=True).first()
    with translation.override(language or "en"):
        reason = _("The PDF took longer than %(seconds)s seconds and was stopped.") % {
            "seconds": settings.PDF_RENDER_TIME_LIMIT
        }
    services.document_pdf_mark_failed(pdf_id=pdf_pk, reason=reason)


@shared_task(bind=True, acks_late=True, max_retries=5)
def refresh_indicator_sources_task(self, indicator_ids: list[int] | None = None) -> dict:
    """Fetch the values of linked indicators (all of them, nightly; or those asked for).

    Idempotent: a second run stores the same values. A rate limit with a long
    Retry-After defers the whole run by that long instead of failing.
    """
    from .sources.client import RateLimited

    try:
        return services.refresh_indicators(indicator_ids)
    except RateLimited as limited:
        raise self.retry(countdown=limited.retry_after) from limited
