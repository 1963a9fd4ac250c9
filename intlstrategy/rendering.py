"""The state of a PDF rendered in a Celery task, shared by every model that keeps one.

A model using `BackgroundRenderMixin` has `status` (queued / rendering / ready / failed),
`failure_reason` and `started_at`. A render that has been "rendering" for longer than
any render may take (the time limit plus a margin) belongs to a worker that died: it is
shown as failed so that it can be retried, never as "rendering" forever. One that has
been "queued" that long never reached a worker (`is_lost`: the message was lost).

`queue_render` hands a render to a worker and `run_render_task` is the body of the
Celery task: one state machine for the strategy PDF and the council follow-up alike.
"""

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

STALE_MARGIN = datetime.timedelta(minutes=2)


def render_deadline_passed(since: datetime.datetime | None) -> bool:
    """True when more time than a render may take has passed since `since`."""
    if since is None:
        return False
    # The answer changes with time alone: a page showing a render in progress says
    # `public_cache.do_not_store(response)` (no model property touches request state).
    limit = datetime.timedelta(seconds=settings.PDF_RENDER_TIME_LIMIT) + STALE_MARGIN
    return timezone.now() - since > limit


class BackgroundRenderMixin:
    # The field holding when the render was (last) queued.
    queued_at_field = "queued_at"

    @property
    def is_lost(self) -> bool:
        """Queued for longer than any render may take and never started: the message to
        the worker was lost (a broker restart, a purge); queue it again."""
        since = getattr(self, self.queued_at_field, None) or getattr(self, "created_at", None)
        return self.status == "queued" and render_deadline_passed(since)

    @property
    def is_stale(self) -> bool:
        """Rendering for longer than any render may take: its worker died."""
        return self.status == "rendering" and render_deadline_passed(self.started_at)

    @property
    def effective_status(self) -> str:
        return "failed" if self.is_stale else self.status

    @property
    def shown_failure_reason(self) -> str:
        if self.is_stale:
            return _("The render stopped without finishing (the worker was interrupted).")
        return self.failure_reason

    @property
    def is_pending(self) -> bool:
        return self.effective_status in ("queued", "rendering")


def queue_render(
    task,
    pk: int,
    *,
    language: str,
    unreachable_reason: Callable[[], str],
    mark_failed: Callable[..., None],
    logger: logging.Logger,
) -> bool:
    """Hand the render of row `pk` to a worker once the row is committed (at once when the
    caller holds no transaction). A broker that cannot be reached raises within about a
    second (kombu's publish retries): the row is then marked failed with
    `unreachable_reason()` (made in the row's language), never left "queued" with no
    message behind it, and False is returned. A caller inside its own transaction meets
    the broker's error at its commit instead."""
    from kombu.exceptions import OperationalError

    try:
        task.delay_on_commit(pk)
    except OperationalError:
        logger.exception("render %s of %s could not be queued", pk, task.name)
        from django.utils import translation

        with translation.override(language):
            reason = unreachable_reason()
        mark_failed(pk, reason)
        return False
    return True


def run_render_task(*, model, pk: int, render: Callable, too_slow: Callable) -> str | None:
    """The body of a render task: `render(pk)` returns the row; a row deleted meanwhile is
    nothing to do; the soft time limit reached outside the render marks it failed."""
    from celery.exceptions import SoftTimeLimitExceeded

    try:
        row = render(pk)
    except model.DoesNotExist:
        return None
    except SoftTimeLimitExceeded:
        too_slow(pk)
        return "failed"
    return row.status
