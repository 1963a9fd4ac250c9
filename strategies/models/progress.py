"""Progress: how far each action-plan activity and each measure has come, year by year.

The departments report a status and a note once a year (in their department report);
approval writes it here through `strategies.services.progress_record`. One row per item
and year (`ProgressRecord`); the item itself carries the newest status
(`progress_status`, `progress_year`) so lists and the dashboard read it without a join.
The report lives in `reporting`, which depends on this app, so the source is a text
label ("Department report 2026 — Culture") rather than a foreign key.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedModel
from intlstrategy.models import Department

from .action_plan import ActionPlanActivity
from .document import Measure, ProgressStatus


class ProgressRecordQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(
            models.Q(activity__action_plan__document__municipalities=municipality)
            | models.Q(measure__strategy__document__municipalities=municipality)
        ).distinct()

    def for_year(self, year):
        return self.filter(year=year)


class ProgressRecord(VersionedModel):
    """One year's reported status of one activity or one measure (exactly one of them)."""

    activity = models.ForeignKey(
        ActionPlanActivity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="progress_records",
        verbose_name=_("activity"),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="progress_records",
        verbose_name=_("measure"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=ProgressStatus.choices)
    note = models.TextField(_("progress note"), blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_records",
        verbose_name=_("reported by department"),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the status comes from, e.g. the department report it was approved in."),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ProgressRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress record")
        verbose_name_plural = _("progress records")
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(activity__isnull=False) & models.Q(measure__isnull=True))
                | (models.Q(activity__isnull=True) & models.Q(measure__isnull=False)),
                name="progress_record_one_item",
                violation_error_message=_("A progress record is for one activity or one measure."),
            ),
            models.UniqueConstraint(
                fields=["activity", "year"],
                condition=models.Q(activity__isnull=False),
                name="progress_record_activity_year_unique",
                violation_error_message=_("This activity already has a status for this year."),
            ),
            models.UniqueConstraint(
                fields=["measure", "year"],
                condition=models.Q(measure__isnull=False),
                name="progress_record_measure_year_unique",
                violation_error_message=_("This measure already has a status for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.item} {self.year}: {self.get_status_display()}"

    @property
    def item(self):
        return self.activity if self.activity_id else self.measure
