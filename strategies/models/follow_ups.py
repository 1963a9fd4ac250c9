"""Follow-ups of a document (when and by whom the work is reviewed)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from intlstrategy.concurrency import VersionedModel

from .document import AdoptingBody, StrategyDocument


class FollowUpQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(document__municipalities=municipality).select_related("document")

    def in_term(self, term):
        return self.filter(followed_up_on__gte=term.start, followed_up_on__lte=term.end)


class FollowUp(VersionedModel):
    """The executive board's follow-up of the strategy, at least once per term of office."""

    document = models.ForeignKey(
        StrategyDocument,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("document"),
    )
    followed_up_on = models.DateField(_("date"))
    body = models.CharField(
        _("body"),
        max_length=30,
        choices=AdoptingBody.choices,
        default=AdoptingBody.EXECUTIVE_BOARD,
    )
    paragraph = models.CharField(_("paragraph (§)"), max_length=30, blank=True)
    summary = models.TextField(_("summary"))
    decision = models.TextField(_("decision"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-followed_up_on"]

    def __str__(self):
        return f"{self.followed_up_on}"
