"""Celery tasks of the reporting app: thin, idempotent, queued with delay_on_commit."""

from celery import shared_task
from django.conf import settings

from intlstrategy.rendering import run_render_task

from . import services
from .models import FollowUpDocument, ReportingRound


@shared_task(acks_late=True)
def notify_round_opened_task(round_pk: int) -> int:
    round = ReportingRound.objects.select_related("municipality").filter(pk=round_pk).first()
    if round is None:
        return 0
    return services.round_notify_opened(round=round)


@shared_task(acks_late=True)
def send_reporting_reminders_task() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): each reminder is recorded, so a rerun sends nothing."""
    return services.reminders_send()


@shared_task(
    acks_late=True,
    soft_time_limit=settings.PDF_RENDER_TIME_LIMIT,
    time_limit=settings.PDF_RENDER_TIME_LIMIT + 30,
)
def render_followup_task(document_pk: int) -> str | None:
    # The time limit reached outside the render itself is caught here (see followup_render).
    return run_render_task(
        model=FollowUpDocument,
        pk=document_pk,
        render=lambda pk: services.followup_render(document_id=pk),
        too_slow=lambda pk: services.followup_mark_too_slow(document_id=pk),
    )
