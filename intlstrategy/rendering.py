"""The state of a PDF rendered in a Celery task, shared by every model that keeps one.

A model using `BackgroundRenderMixin` has `status` (queued / rendering / ready / failed),
`failure_reason` and `started_at`. A render that has been "rendering" for longer than
any render may take (the time limit plus a margin) belongs to a worker that died: it is
shown as failed so that it can be retried, never as "rendering" forever.
"""

import datetime

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
