"""The strategy document, its adoptions and its structure (goal areas, goals, strategies,
measures).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedModel
from intlstrategy.models import Department, Municipality


class ProgressStatus(models.TextChoices):
    """How far an activity or a measure has come (see `progress`). Here because measures
    (this module) and activities both carry their newest status."""

    # With a context: "not started" and "done" are also a report's and a milestone's state,
    # worded otherwise.
    NOT_STARTED = "not_started", pgettext_lazy("progress", "not started")
    ON_TRACK = "on_track", pgettext_lazy("progress", "on track")
    DELAYED = "delayed", pgettext_lazy("progress", "delayed")
    DONE = "done", pgettext_lazy("progress", "done")
    CANCELLED = "cancelled", pgettext_lazy("progress", "cancelled")


# The badge beside a status (never the only sign: the status is always written out).
PROGRESS_BADGES = {
    "on_track": "badge-ok",
    "done": "badge-ok",
    "delayed": "badge-bad",
    "": "badge-warn",
}


def progress_badge(status: str) -> str:
    return PROGRESS_BADGES.get(status or "", "")


class DocumentKind(models.TextChoices):
    STRATEGY = "strategy", _("strategy")
    PLATFORM = "platform", _("platform")
    GUIDELINE = "guideline", _("guideline")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")
    SUPERSEDED = "superseded", _("superseded")


class AdoptingBody(models.TextChoices):
    COUNCIL = "council", _("municipal council")
    EXECUTIVE_BOARD = "executive_board", _("executive board")


class StrategyDocumentQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipalities=municipality)

    def adopted(self):
        return self.filter(status=DocumentStatus.ADOPTED)

    def visible_to(self, access):
        """Adopted and superseded documents are public; drafts only for coordinators."""
        qs = self.for_municipality(access.municipality)
        if access.is_coordinator:
            return qs
        return qs.exclude(status=DocumentStatus.DRAFT)


class StrategyDocument(VersionedModel):
    municipalities = models.ManyToManyField(
        Municipality, related_name="strategy_documents", verbose_name=_("municipalities")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.STRATEGY
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    document_type = models.CharField(
        _("document type"),
        max_length=200,
        blank=True,
        help_text=_(
            "What the document calls itself, e.g. “styrande dokument” or “riktlinje”. "
            "Empty: the kind is shown."
        ),
    )
    adopted_by = models.CharField(
        _("adopted by"), max_length=30, choices=AdoptingBody.choices, blank=True
    )
    adopting_body_name = models.CharField(
        _("name of the adopting body"),
        max_length=100,
        blank=True,
        help_text=_(
            "Only where this document names the body otherwise than the municipality does "
            "(e.g. a joint document). Empty: the municipality's own name for its council or "
            "executive board is shown."
        ),
    )
    adopted_on = models.DateField(_("adoption date"), null=True, blank=True)
    paragraph = models.CharField(_("paragraph (§)"), max_length=30, blank=True)
    case_number = models.CharField(
        _("case number"),
        max_length=60,
        blank=True,
        help_text=_("The number in the case system (nb arkivsaksnummer, sv diarienummer)."),
    )
    owner = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_documents",
        verbose_name=_("document owner"),
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
        help_text=_("The earlier document this one replaces."),
    )
    replaces_note = models.CharField(
        _("replaces (earlier decision)"),
        max_length=300,
        blank=True,
        help_text=_(
            "For a replaced document that is not in the portal, e.g. “adopted 2009-08-25 § 170”."
        ),
    )
    previous_version = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("previous version"),
        help_text=_("The version this draft was started from."),
    )
    common_part_editor = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("common part written by"),
        help_text=_(
            "For joint documents: the municipality that writes the common part. Empty: "
            "each municipality may. Each municipality always writes its own part."
        ),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    # Linköping–Norrköping's joint document has its own chapter of principles for all
    # international work (§6), between the priority areas and the responsibilities:
    # carried as its own part so it is not merged into the introduction.
    guidelines = models.TextField(
        _("guidelines for the international work"),
        blank=True,
        help_text=_("Principles that apply to all international work, if the document has them."),
    )
    responsibilities = models.TextField(
        _("responsibilities and follow-up"),
        blank=True,
        help_text=_("Who does what, how the work is reported and how the strategy is followed up."),
    )
    translation_note = models.TextField(
        _("note on this language version"),
        blank=True,
        help_text=_(
            "Shown above the text in this language only, e.g. that it is an unofficial "
            "translation and which language version was adopted."
        ),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = StrategyDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategy document")
        verbose_name_plural = _("strategy documents")
        ordering = ["-adopted_on", "title"]

    def __str__(self):
        return self.title

    @property
    def translation_note_here(self) -> str:
        """The note of the reader's language version, never another language's."""
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        return getattr(self, f"translation_note_{language}", "") or ""

    @property
    def adopting_body_label(self) -> str:
        """The adopting body as the document names it in the reader's language
        (“bystyret”), else the general name (“municipal council”) in that language."""
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        own = getattr(self, f"adopting_body_name_{language}", "") or ""
        if own:  # the document's own wording overrides the municipality's setting
            return own
        # Else what the municipality calls its council or executive board (a joint
        # document: the owning department's municipality).
        municipalities = list(self.municipalities.all()) if self.pk else []
        if len(municipalities) == 1:
            municipality = municipalities[0]
        else:
            municipality = self.owner.municipality if self.owner_id else None
        if municipality and self.adopted_by == AdoptingBody.COUNCIL:
            return municipality.council_label
        if municipality and self.adopted_by == AdoptingBody.EXECUTIVE_BOARD:
            return municipality.executive_board_label
        return str(self.get_adopted_by_display())

    @property
    def kind_label(self) -> str:
        """The document's own type in the reader's language (“styrande dokument”), else
        the general kind."""
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        own = getattr(self, f"document_type_{language}", "") or ""
        return own or str(self.get_kind_display())


class DocumentAdoption(models.Model):
    """One owner's decision on a joint document: each council adopts by its own decision.

    A joint document becomes adopted when every owning municipality's decision is
    recorded; a coordinator records only their own municipality's.
    """

    document = models.ForeignKey(
        StrategyDocument,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("strategy document"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    adopted_by = models.CharField(_("adopted by"), max_length=30, choices=AdoptingBody.choices)
    adopted_on = models.DateField(_("adoption date"))
    paragraph = models.CharField(_("paragraph (§)"), max_length=30, blank=True)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("adoption decision")
        verbose_name_plural = _("adoption decisions")
        ordering = ["document", "adopted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "municipality"],
                name="document_adoption_one_per_owner",
                violation_error_message=_(
                    "This municipality's decision on the document is already recorded."
                ),
            )
        ]

    def __str__(self):
        return f"{self.municipality}: {self.adopted_on}"


class Responsibility(VersionedModel):
    """One body's part in the work, as the document assigns it (council, boards,
    departments and companies, a working group …), shown as body → what it does."""

    document = models.ForeignKey(
        StrategyDocument,
        on_delete=models.CASCADE,
        related_name="responsibility_rows",
        verbose_name=_("strategy document"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    body = models.CharField(_("body"), max_length=200)
    duties = models.TextField(_("duties"), blank=True)

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ["document", "order", "pk"]

    def __str__(self):
        return self.body


class GoalAreaQuerySet(models.QuerySet):
    def adopted_for(self, municipality):
        """Goal areas of the municipality's adopted document(s): common and own parts."""
        return (
            self.filter(
                document__municipalities=municipality, document__status=DocumentStatus.ADOPTED
            )
            .filter(models.Q(municipality__isnull=True) | models.Q(municipality=municipality))
            .order_by("document_id", "number")
        )


class GoalArea(VersionedModel):
    """Målområde / prioriterat område / inriktning: the top level of a document."""

    document = models.ForeignKey(
        StrategyDocument,
        on_delete=models.CASCADE,
        related_name="goal_areas",
        verbose_name=_("document"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality-specific part"),
        help_text=_("For joint documents: empty for the common part."),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    objects = GoalAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal area")
        verbose_name_plural = _("goal areas")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="goal_area_number_unique",
                violation_error_message=_(
                    "This document already has a goal area with this number."
                ),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Goal(VersionedModel):
    goal_area = models.ForeignKey(
        GoalArea, on_delete=models.CASCADE, related_name="goals", verbose_name=_("goal area")
    )
    letter = models.CharField(_("letter"), max_length=3)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["goal_area", "letter"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal_area", "letter"],
                name="goal_letter_unique",
                violation_error_message=_("This goal area already has a goal with this letter."),
            )
        ]

    def __str__(self):
        return f"{self.letter}) {self.text[:60]}"


class Strategy(VersionedModel):
    document = models.ForeignKey(
        StrategyDocument,
        on_delete=models.CASCADE,
        related_name="strategies",
        verbose_name=_("document"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality-specific part"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.TextField(_("text"))
    goal_areas = models.ManyToManyField(
        GoalArea, blank=True, related_name="strategies", verbose_name=_("goal areas served")
    )

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"],
                name="strategy_number_unique",
                violation_error_message=_("This document already has a strategy with this number."),
            )
        ]

    def __str__(self):
        return f"{self.number}) {self.title[:60]}"


class Measure(VersionedModel):
    """Åtgärd / tiltak: a lettered way a strategy is followed up."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="measures", verbose_name=_("strategy")
    )
    letter = models.CharField(_("letter"), max_length=3)
    text = models.TextField(_("text"))
    responsible_departments = models.ManyToManyField(
        Department, blank=True, related_name="measures", verbose_name=_("responsible departments")
    )
    goal_areas = models.ManyToManyField(
        GoalArea, blank=True, related_name="measures", verbose_name=_("goal areas served")
    )
    progress_status = models.CharField(
        _("progress"),
        max_length=20,
        blank=True,
        choices=ProgressStatus.choices,
        help_text=_("The newest reported status; empty until someone reports on it."),
    )
    progress_year = models.PositiveSmallIntegerField(
        _("progress reported for"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["strategy", "letter"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "letter"],
                name="measure_letter_unique",
                violation_error_message=_("This strategy already has a measure with this letter."),
            )
        ]

    @property
    def progress_badge(self) -> str:
        return progress_badge(self.progress_status)

    def __str__(self):
        return f"{self.letter}) {self.text[:60]}"
