"""Indicators of an action plan and their yearly values."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedModel

from .action_plan import ActionPlan
from .document import DocumentStatus


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class IndicatorStatus(models.TextChoices):
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    OFF_TRACK = "off_track", _("off track")


class IndicatorSource(models.TextChoices):
    """National statistics an indicator can take its yearly values from."""

    KOLADA = "kolada", "Kolada"
    SSB = "ssb", _("Statistics Norway (SSB)")


# Which national statistics serve a municipality of each country.
SOURCES_BY_COUNTRY = {"SE": [IndicatorSource.KOLADA], "NO": [IndicatorSource.SSB]}


class IndicatorQuerySet(models.QuerySet):
    def linked(self):
        """Indicators that take their values from national statistics."""
        return self.exclude(source="").select_related("action_plan")

    def with_renamed_source(self):
        """Linked indicators whose source has changed its title since they were linked."""
        return (
            self.linked()
            .exclude(source_title_now="")
            .exclude(source_title_now=models.F("source_title"))
        )

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
    # Who reports the values: without an owner an indicator is the first thing nobody
    # updates when people leave (the coordinator's continuity list shows it).
    responsible_department = models.ForeignKey(
        "intlstrategy.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible department"),
        help_text=_("The department that reports the indicator's values."),
    )

    # National statistics the yearly values come from (empty: typed by hand only). The
    # title is the source's own at linking; title_now is the one last fetched, so a
    # renamed (perhaps redefined) statistic shows a warning instead of passing unnoticed.
    source = models.CharField(
        _("national statistics"), max_length=10, choices=IndicatorSource.choices, blank=True
    )
    source_id = models.CharField(_("statistic's id"), max_length=40, blank=True)
    source_variable = models.CharField(_("statistics variable"), max_length=60, blank=True)
    source_title = models.CharField(_("statistic's title"), max_length=500, blank=True)
    source_title_now = models.CharField(
        _("statistic's title when last fetched"), max_length=500, blank=True
    )
    source_unit = models.CharField(_("statistic's unit"), max_length=100, blank=True)
    source_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)

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

    @property
    def source_renamed(self) -> bool:
        return bool(self.source and self.source_title_now) and (
            self.source_title_now != self.source_title
        )

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
    # Where a fetched value came from; empty for a value typed by hand. A hand value is
    # never overwritten by a fetch: the source's differing figure waits in source_value
    # until the coordinator takes it.
    source = models.CharField(
        _("national statistics"), max_length=10, choices=IndicatorSource.choices, blank=True
    )
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True)
    source_title = models.CharField(_("statistic's title"), max_length=500, blank=True)
    source_value = models.DecimalField(
        _("value in the national statistics"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )

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
