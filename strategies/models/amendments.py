"""The council's amendments to a proposed document."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedModel

from .document import AdoptingBody, Goal, Measure, Strategy, StrategyDocument


class AmendmentKind(models.TextChoices):
    ADDED = "added", _("added")
    CHANGED = "changed", _("changed")


class DocumentPart(models.TextChoices):
    INTRODUCTION = "introduction", _("introduction")
    PURPOSE = "purpose", _("purpose")
    VISION = "vision", _("vision")
    GUIDELINES = "guidelines", _("guidelines for the international work")
    RESPONSIBILITIES = "responsibilities", _("responsibilities and follow-up")


class CouncilAmendmentQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(document__municipalities=municipality)


class CouncilAmendment(VersionedModel):
    """A change the adopting body made to the proposal (Trondheim 2010, vedtak item 4b).

    It points at what it added or changed: a goal, a strategy, a measure or one of the
    document's texts (`part`); with no target it is a general remark of the decision.
    `proposed_text` keeps the wording as proposed, so the document can be read both as
    proposed and as adopted: an *added* item is left out of the proposed reading, a
    *changed* one shows its proposed text.
    """

    document = models.ForeignKey(
        StrategyDocument,
        on_delete=models.CASCADE,
        related_name="amendments",
        verbose_name=_("document"),
    )
    body = models.CharField(
        _("decision body"),
        max_length=30,
        choices=AdoptingBody.choices,
        default=AdoptingBody.COUNCIL,
    )
    decided_on = models.DateField(_("decision date"))
    item = models.CharField(
        _("item number"), max_length=30, help_text=_("The item in the decision, e.g. “4b”.")
    )
    text = models.TextField(_("decision text"))
    kind = models.CharField(
        _("kind of change"),
        max_length=10,
        choices=AmendmentKind.choices,
        default=AmendmentKind.CHANGED,
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("goal"),
    )
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("strategy"),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("measure"),
    )
    part = models.CharField(
        _("document text"),
        max_length=20,
        choices=DocumentPart.choices,
        blank=True,
        help_text=_(
            "For a change to one of the document's texts (introduction, purpose, vision, "
            "guidelines, responsibilities)."
        ),
    )
    proposed_text = models.TextField(
        _("text as proposed"),
        blank=True,
        help_text=_("The wording before the change; empty for an added item."),
    )

    objects = CouncilAmendmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("council amendment")
        verbose_name_plural = _("council amendments")
        ordering = ["document", "decided_on", "item"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(goal__isnull=True, strategy__isnull=True, measure__isnull=True)
                    | models.Q(
                        goal__isnull=False, strategy__isnull=True, measure__isnull=True, part=""
                    )
                    | models.Q(
                        goal__isnull=True, strategy__isnull=False, measure__isnull=True, part=""
                    )
                    | models.Q(
                        goal__isnull=True, strategy__isnull=True, measure__isnull=False, part=""
                    )
                ),
                name="amendment_one_target",
                violation_error_message=_(
                    "An amendment changes one thing: a goal, a strategy, a measure or a text."
                ),
            )
        ]

    def __str__(self):
        return f"{self.decided_on} {self.item}"

    @property
    def target(self):
        return self.goal or self.strategy or self.measure
