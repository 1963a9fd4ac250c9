"""Action plans: activities with their milestones."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedModel
from intlstrategy.models import Department

from .document import Measure, ProgressStatus, StrategyDocument, progress_badge


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
    # The year rollover (strategies.services.action_plan_roll_over): the plan year in
    # progress. Empty means the first year; the rollover moves it on by one, never past
    # `end_year`. Activities stay rows of the one plan (nothing is copied or deleted);
    # each says whether it was carried over or closed, and the history says by whom.
    current_year = models.PositiveSmallIntegerField(
        _("current plan year"),
        null=True,
        blank=True,
        help_text=_("The plan year in progress; empty: the first year."),
    )

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

    @property
    def plan_year(self) -> int:
        """The plan year in progress."""
        return self.current_year or self.start_year


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
    # Set by the year rollover: the plan year an unfinished activity was last carried
    # over from, and the plan year a done or cancelled one was closed in (a closed
    # activity is not listed by later rollovers; it stays in the plan and its history).
    carried_from_year = models.PositiveSmallIntegerField(
        _("carried over from"), null=True, blank=True
    )
    closed_in_year = models.PositiveSmallIntegerField(_("closed in"), null=True, blank=True)

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

    @property
    def progress_badge(self) -> str:
        return progress_badge(self.progress_status)

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
