"""Strategy documents and their structure.

One structure fits all five seed documents: a document has goal areas (numbered) with
goals (lettered), and strategies (numbered) with measures (lettered). Örebro's eleven
"orientations" are goal areas without goals; Gävle's priority areas are goal areas;
Linköping–Norrköping's joint document is one document owned by two municipalities,
whose municipality-specific parts are goal areas with `municipality` set.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedModel
from intlstrategy.models import Department, Municipality
from intlstrategy.rendering import BackgroundRenderMixin, render_deadline_passed


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
        help_text=_("The body's own name, e.g. “bystyret”. Empty: the general name is shown."),
    )
    adopted_on = models.DateField(_("adoption date"), null=True, blank=True)
    paragraph = models.CharField(_("paragraph (§)"), max_length=30, blank=True)
    case_number = models.CharField(
        _("case number"), max_length=60, blank=True, help_text=_("Arkivsak / Dnr.")
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

    def __str__(self):
        return f"{self.letter}) {self.text[:60]}"


# --- Council amendments -------------------------------------------------------------


class AmendmentKind(models.TextChoices):
    ADDED = "added", _("added")
    CHANGED = "changed", _("changed")


class DocumentPart(models.TextChoices):
    INTRODUCTION = "introduction", _("introduction")
    PURPOSE = "purpose", _("purpose")
    VISION = "vision", _("vision")
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
        help_text=_("For a change to the introduction, purpose or vision."),
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


# --- Action plan ------------------------------------------------------------------


class ActionPlanQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(document__municipalities=municipality)


class ActionPlan(VersionedModel):
    """Handlingsplan: the multi-year plan that makes the strategy concrete.

    It is not part of the adopted text (Trondheim's executive board adopts it), so it is
    edited on the adopted document and moves to the next version when that is adopted.
    """

    document = models.ForeignKey(
        StrategyDocument,
        on_delete=models.CASCADE,
        related_name="action_plans",
        verbose_name=_("document"),
    )
    title = models.CharField(_("title"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["document", "start_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__lte=models.F("end_year")),
                name="action_plan_years_in_order",
                violation_error_message=_("The last year cannot be before the first year."),
            )
        ]

    def __str__(self):
        return f"{self.title} {self.start_year}–{self.end_year}"


class ActionPlanActivity(VersionedModel):
    action_plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("action plan"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_plan_activities",
        verbose_name=_("responsible department"),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    result_target = models.TextField(_("result target"), blank=True)
    resources_amount = models.DecimalField(
        _("resources needed"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    resources_currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO code, e.g. NOK, SEK, EUR.")
    )
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="activities", verbose_name=_("measures")
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["action_plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_plan", "number"],
                name="activity_number_unique",
                violation_error_message=_(
                    "This action plan already has an activity with this number."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(starts_on__lte=models.F("ends_on")),
                name="activity_dates_in_order",
                violation_error_message=_("The end cannot be before the start."),
            ),
            models.CheckConstraint(
                condition=models.Q(resources_amount__isnull=True)
                | ~models.Q(resources_currency=""),
                name="activity_resources_have_currency",
                violation_error_message=_("Give the currency of the resources needed."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Milestone(VersionedModel):
    activity = models.ForeignKey(
        ActionPlanActivity,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("activity"),
    )
    title = models.CharField(_("title"), max_length=300)
    due_on = models.DateField(_("date"))
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["activity", "due_on"]

    def __str__(self):
        return self.title


# --- Indicators -------------------------------------------------------------------


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class IndicatorStatus(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    OFF_TRACK = "off_track", _("off track")


class IndicatorQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        """Indicators of the municipality's adopted documents, yearly values prefetched."""
        return (
            self.filter(
                action_plan__document__municipalities=municipality,
                action_plan__document__status=DocumentStatus.ADOPTED,
            )
            .select_related("action_plan", "action_plan__document")
            .prefetch_related(
                models.Prefetch("values", queryset=IndicatorValue.objects.order_by("year"))
            )
            .order_by("action_plan__document_id", "action_plan_id", "number")
        )


class Indicator(VersionedModel):
    """A measurable target of the action plan with yearly values (indikator / nyckeltal)."""

    action_plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("action plan"),
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("E.g. “%”, “projects”, “NOK million”.")
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["action_plan", "number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__isnull=True) | ~models.Q(unit=""),
                name="indicator_target_needs_unit",
                violation_error_message=_("An indicator with a target needs a unit."),
            ),
            models.CheckConstraint(
                condition=models.Q(baseline_year__isnull=True)
                | models.Q(target_year__isnull=True)
                | models.Q(baseline_year__lt=models.F("target_year")),
                name="indicator_years_in_order",
                violation_error_message=_("The target year must come after the baseline year."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.target is not None and not self.unit:
            raise ValidationError({"unit": _("An indicator with a target needs a unit.")})

    @property
    def latest_value(self):
        values = list(self.values.all())  # prefetched, ordered by year
        return max(values, key=lambda v: v.year) if values else None

    @property
    def status(self) -> str | None:
        return indicator_status(self)


def indicator_status(indicator: Indicator) -> str | None:
    """On track / at risk / off track, from the latest value against the target.

    The rule (documented in docs/open-data.md):
    - no target or no value yet: no status (None);
    - the target is reached (≥ target when higher is better, ≤ when lower is better):
      on track;
    - with a baseline, the share of the way from baseline to target covered so far is
      compared with the share of time elapsed from the baseline year to the target year
      (the action plan's first and last year when not given): at least the expected
      share → on track; at least half of it → at risk; less, or moving the wrong way →
      off track;
    - without a baseline: within 10 % of the target → at risk; further → off track.
    """
    from decimal import Decimal

    latest = indicator.latest_value
    if indicator.target is None or latest is None:
        return None
    value, target = latest.value, indicator.target
    sign = 1 if indicator.direction == Direction.HIGHER else -1
    if sign * (value - target) >= 0:
        return IndicatorStatus.ON_TRACK
    if indicator.baseline is not None and indicator.baseline != target:
        progress = (value - indicator.baseline) / (target - indicator.baseline)
        start = indicator.baseline_year or indicator.action_plan.start_year
        end = indicator.target_year or indicator.action_plan.end_year
        if end > start:
            expected = Decimal(min(max(latest.year - start, 0), end - start)) / Decimal(end - start)
        else:
            expected = Decimal(1)
        if progress < 0:
            return IndicatorStatus.OFF_TRACK
        if progress >= expected:
            return IndicatorStatus.ON_TRACK
        if progress >= expected / 2:
            return IndicatorStatus.AT_RISK
        return IndicatorStatus.OFF_TRACK
    gap = abs(value - target) / abs(target) if target else Decimal(1)
    return IndicatorStatus.AT_RISK if gap <= Decimal("0.1") else IndicatorStatus.OFF_TRACK


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="indicator_value_one_per_year",
                violation_error_message=_("This indicator already has a value for this year."),
            )
        ]

    def __str__(self):
        return f"{self.year}: {self.value}"


# --- Follow-ups and terms of office ----------------------------------------------


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


# --- The document's PDF, rendered in the background ----------------------------------

# A render still "rendering" this long past the time limit died with its worker.


class PdfStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RENDERING = "rendering", _("being made")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


def _document_pdf_path(instance, filename):
    return f"strategy-pdfs/{instance.municipality.slug}/{filename}"


class DocumentPdf(BackgroundRenderMixin, models.Model):
    """The PDF of one document in one language, as read in one municipality.

    A joint document shows each owner only the common part and its own part, so the
    PDF is kept per municipality too. `version` and `digest` say which content the file
    was rendered from; when the document changes, the next request renders it again.
    """

    document = models.ForeignKey(
        StrategyDocument,
        on_delete=models.CASCADE,
        related_name="pdfs",
        verbose_name=_("strategy document"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=PdfStatus.choices, default=PdfStatus.QUEUED
    )
    failure_reason = models.TextField(_("reason for failure"), blank=True)
    file = models.FileField(_("file"), upload_to=_document_pdf_path, blank=True)
    version = models.PositiveIntegerField(
        _("document version"),
        null=True,
        blank=True,
        help_text=_("The version of the document the file was made from."),
    )
    digest = models.CharField(_("content digest"), max_length=64, blank=True)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("render started"), null=True, blank=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    class Meta:
        verbose_name = _("strategy document PDF")
        verbose_name_plural = _("strategy document PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "municipality", "language"],
                name="document_pdf_unique_language",
                violation_error_message=_("The document already has a PDF in this language."),
            )
        ]

    def __str__(self):
        return f"{self.document} ({self.language})"

    @property
    def is_lost(self) -> bool:
        """Queued for far longer than a render may take: the message was lost; queue again."""
        return self.status == PdfStatus.QUEUED and render_deadline_passed(self.requested_at)

    def is_current(self, *, version: int, digest: str) -> bool:
        return (
            self.status == PdfStatus.READY
            and bool(self.file)
            and self.version == version
            and self.digest == digest
        )
