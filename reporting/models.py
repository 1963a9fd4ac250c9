"""Yearly department reports and the council follow-up.

A municipality opens one reporting round per year. Each department that must report
files one DepartmentReport (Växjö's three parts: projects, other international work,
results; plus travel). The coordinator approves the reports and generates the council
follow-up PDF (FollowUpDocument) from the approved ones.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedModel
from intlstrategy.models import Department, Municipality
from intlstrategy.rendering import BackgroundRenderMixin
from partners.models import Relation
from projects.models import Project
from strategies.models import ActionPlanActivity, GoalArea, Measure, ProgressStatus, progress_badge

# Days before the deadline at which contacts get the "deadline in N days" reminder.
REMINDER_DAYS_BEFORE = 7

# Upper bounds of the free texts. Generous for any real report (10 000 characters are
# about four pages), and they bound what one render of the follow-up must lay out: one
# unbounded 1 MB result text made a 71 s render. The model validators are the rule (every
# service runs them); the forms say the same at the field before anything is sent.
COMMENT_MAX_LENGTH = 5_000
RESULT_MAX_LENGTH = 10_000
INSTRUCTIONS_MAX_LENGTH = 10_000
SUMMARY_MAX_LENGTH = 20_000
TEXT_TOO_LONG = _(
    "This text has %(show_value)d characters; shorten it to at most %(limit_value)d. "
    "What you wrote is still here."
)


def text_limit(limit: int) -> MaxLengthValidator:
    return MaxLengthValidator(limit, message=TEXT_TOO_LONG)


# A render that has been "rendering" this long past the time limit died with its worker.


class RoundStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class ReportingRoundQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def open(self):
        return self.filter(status=RoundStatus.OPEN)


class ReportingRound(VersionedModel):
    """One year's reporting. Edited by the coordinators (deadline, departments, instructions
    in every language), so it carries a version: a stale save is refused, not lost."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="reporting_rounds",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("report year"))
    deadline = models.DateField(_("deadline"))
    departments = models.ManyToManyField(
        Department,
        related_name="reporting_rounds",
        verbose_name=_("departments that must report"),
    )
    instructions = models.TextField(
        _("instructions"), blank=True, validators=[text_limit(INSTRUCTIONS_MAX_LENGTH)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ReportingRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["municipality", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"],
                name="reporting_round_unique_year",
                violation_error_message=_(
                    "This municipality already has a reporting round for this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="reporting_round_year_range",
                violation_error_message=_("Enter a year between 2000 and 2100."),
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    def days_left(self, today: datetime.date | None = None) -> int:
        return (self.deadline - (today or timezone.localdate())).days


class ReportStatus(models.TextChoices):
    # "not started" is the absence of a row; "late" is derived from the deadline.
    # With a context: other apps' catalogues translate "submitted" (an application) otherwise.
    DRAFT = "draft", pgettext_lazy("report status", "draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "submitted")
    RETURNED = "returned", pgettext_lazy("report status", "returned for changes")
    APPROVED = "approved", pgettext_lazy("report status", "approved")


EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


class DepartmentReportQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(round__municipality=municipality)

    def approved(self):
        return self.filter(status=ReportStatus.APPROVED)

    def visible_to(self, access):
        """Coordinators see all; contacts their departments'; council members approved ones."""
        qs = self.for_municipality(access.municipality)
        if access.is_coordinator:
            return qs
        allowed = Q(pk__in=[])
        if access.is_department_contact:
            allowed |= Q(department_id__in=access.department_ids)
        if access.is_council_member:
            allowed |= Q(status=ReportStatus.APPROVED)
        return qs.filter(allowed)

    def with_contents(self):
        return self.select_related(
            "round__municipality", "department", "submitted_by"
        ).prefetch_related(
            models.Prefetch(
                "project_rows",
                queryset=ReportProject.objects.select_related("project__programme__funder"),
            ),
            models.Prefetch(
                "activities",
                queryset=ReportActivity.objects.select_related("goal_area", "relation"),
            ),
            models.Prefetch("results", queryset=ReportResult.objects.select_related("goal_area")),
            "trips",
            models.Prefetch(
                "progress_rows",
                queryset=ReportProgress.objects.select_related(
                    "activity__action_plan", "measure__strategy"
                ).order_by("measure__strategy__number", "measure__letter", "activity__number"),
            ),
        )


class DepartmentReport(VersionedModel):
    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("reporting round"),
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="reports", verbose_name=_("department")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    no_activities = models.BooleanField(
        _("no other international work this year"),
        default=False,
        help_text=_("Tick this if the department had no activities to report."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    # Who returned or approved the report (the review is recorded in the write itself,
    # not only in the history row).
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_comment = models.TextField(_("coordinator's comment"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = DepartmentReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("department report")
        verbose_name_plural = _("department reports")
        ordering = ["round", "department__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "department"],
                name="department_report_unique",
                violation_error_message=_("This department already has a report in this round."),
            )
        ]

    def __str__(self):
        return f"{self.department} {self.round.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES and self.round.is_open

    @property
    def is_frozen(self) -> bool:
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED)

    @property
    def is_late(self) -> bool:
        return is_late(self.round, self.status)


def is_late(round: ReportingRound, status: str | None, today: datetime.date | None = None) -> bool:
    """Late: the deadline has passed and the report is not (yet again) with the coordinator."""
    waiting = status in (None, ReportStatus.DRAFT, ReportStatus.RETURNED)
    return waiting and round.days_left(today) < 0


class ReportProject(models.Model):
    """A project of the year view in a department's report, with the department's comment.

    `snapshot` holds the project's public fields as they were when the report was
    submitted, so later edits to the register do not rewrite a submitted report.
    """

    report = models.ForeignKey(
        DepartmentReport,
        on_delete=models.CASCADE,
        related_name="project_rows",
        verbose_name=_("report"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_rows",
        verbose_name=_("project"),
    )
    comment = models.TextField(
        _("comment"), blank=True, validators=[text_limit(COMMENT_MAX_LENGTH)]
    )
    snapshot = models.JSONField(_("project data when submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("project in a report")
        verbose_name_plural = _("projects in reports")
        ordering = ["report", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "project"],
                name="report_project_unique",
                violation_error_message=_("This project is already in the report."),
            )
        ]

    def __str__(self):
        return str(self.project or self.data.get("title", ""))

    @property
    def data(self) -> dict:
        """The frozen snapshot once submitted, else the project as it is now."""
        if self.snapshot is not None:
            return self.snapshot
        return project_snapshot(self.project) if self.project else {}

    @property
    def status_label(self) -> str:
        from projects.models import ProjectStatus

        status = self.data.get("status")
        return ProjectStatus(status).label if status in ProjectStatus.values else (status or "")


def project_snapshot(project: Project) -> dict:
    """The project's public fields, JSON-ready (decimals as strings)."""
    programme = project.programme
    return {
        "id": project.pk,
        "title": project.title,
        **{
            f"title_{code}": getattr(project, f"title_{code}", "") or ""
            for code, _ in settings.LANGUAGES
        },
        "acronym": project.acronym,
        "status": project.status,
        "role": project.role,
        "programme": str(programme) if programme else "",
        "funder": programme.funder.name if programme else "",
        "start_date": project.start_date.isoformat() if project.start_date else None,
        "end_date": project.end_date.isoformat() if project.end_date else None,
        "submitted_on": project.submitted_on.isoformat() if project.submitted_on else None,
        "currency": project.currency,
        "total_budget": str(project.total_budget) if project.total_budget is not None else None,
        "grant": str(project.grant) if project.grant is not None else None,
    }


class ActivityKind(models.TextChoices):
    STUDY_VISIT_MADE = "study_visit_made", _("study visit made")
    STUDY_VISIT_RECEIVED = "study_visit_received", _("study visit received")
    CONFERENCE = "conference", _("conference")
    NETWORK_MEETING = "network_meeting", _("network meeting")
    DELEGATION = "delegation", _("delegation")
    EXCHANGE = "exchange", _("exchange")
    TWIN_TOWN = "twin_town", _("twin-town activity")


class ReportActivity(models.Model):
    """Other international work during the year (part 2 of the report)."""

    report = models.ForeignKey(
        DepartmentReport,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("report"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("what"), max_length=300)
    partner = models.CharField(
        _("partner"),
        max_length=300,
        blank=True,
        help_text=_("The city, organisation or network you worked with."),
    )
    relation = models.ForeignKey(
        Relation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_activities",
        verbose_name=_("twin town"),
        help_text=_("Required for twin-town activities."),
    )
    participants = models.PositiveIntegerField(
        _("participants"), default=0, validators=[MinValueValidator(0)]
    )
    goal_area = models.ForeignKey(
        GoalArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_activities",
        verbose_name=_("goal area"),
    )

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["report", "date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=0),
                name="report_activity_participants_not_negative",
                violation_error_message=_("The number of participants cannot be negative."),
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.date and self.report_id and self.date.year != self.report.round.year:
            errors["date"] = _("Enter a date in %(year)s, the year this report covers.") % {
                "year": self.report.round.year
            }
        if self.kind == ActivityKind.TWIN_TOWN and not self.relation_id:
            errors["relation"] = _("Choose the twin town this activity belongs to.")
        if errors:
            raise ValidationError(errors)


class ReportResult(models.Model):
    """The results the international work gave, per goal area of the adopted strategy.

    goal_area is empty for a municipality with no adopted strategy in the portal.
    """

    report = models.ForeignKey(
        DepartmentReport, on_delete=models.CASCADE, related_name="results", verbose_name=_("report")
    )
    goal_area = models.ForeignKey(
        GoalArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_results",
        verbose_name=_("goal area"),
    )
    text = models.TextField(_("results"), blank=True, validators=[text_limit(RESULT_MAX_LENGTH)])

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["report", "goal_area__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "goal_area"],
                name="report_result_unique_goal_area",
                nulls_distinct=False,
                violation_error_message=_("This report already has results for this goal area."),
            )
        ]

    def __str__(self):
        return self.text[:60]


class ReportProgress(models.Model):
    """How far one of the department's activities or measures has come this year ("Our
    measures and activities"): prefilled from the action plan and the adopted document
    like the projects, written into the plan on approval (strategies.progress_record).

    An empty status is allowed: the row then counts as "not reported".
    """

    report = models.ForeignKey(
        DepartmentReport,
        on_delete=models.CASCADE,
        related_name="progress_rows",
        verbose_name=_("report"),
    )
    activity = models.ForeignKey(
        ActionPlanActivity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_rows",
        verbose_name=_("activity"),
    )
    measure = models.ForeignKey(
        Measure,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_rows",
        verbose_name=_("measure"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProgressStatus.choices, blank=True
    )
    note = models.TextField(
        _("progress note"), blank=True, validators=[text_limit(COMMENT_MAX_LENGTH)]
    )

    class Meta:
        verbose_name = _("measure or activity in a report")
        verbose_name_plural = _("measures and activities in reports")
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(activity__isnull=False) & Q(measure__isnull=True))
                | (Q(activity__isnull=True) & Q(measure__isnull=False)),
                name="report_progress_one_item",
                violation_error_message=_("A row is for one activity or one measure."),
            ),
            models.UniqueConstraint(
                fields=["report", "activity"],
                condition=Q(activity__isnull=False),
                name="report_progress_activity_unique",
                violation_error_message=_("This activity is already in the report."),
            ),
            models.UniqueConstraint(
                fields=["report", "measure"],
                condition=Q(measure__isnull=False),
                name="report_progress_measure_unique",
                violation_error_message=_("This measure is already in the report."),
            ),
        ]

    def __str__(self):
        return str(self.item)

    @property
    def item(self):
        return self.activity if self.activity_id else self.measure

    @property
    def is_reported(self) -> bool:
        return bool(self.status)

    @property
    def kind_label(self) -> str:
        return gettext("Activity") if self.activity_id else gettext("Measure")

    @property
    def number(self) -> str:
        """How the plan and the document number it: "3" (activity), "2b" (measure)."""
        if self.activity_id:
            return str(self.activity.number)
        return f"{self.measure.strategy.number}{self.measure.letter}"

    @property
    def title(self) -> str:
        return self.activity.title if self.activity_id else self.measure.text

    @property
    def status_label(self) -> str:
        return self.get_status_display() if self.status else gettext("not reported")

    @property
    def badge(self) -> str:
        return progress_badge(self.status)


class TravelMode(models.TextChoices):
    FLIGHT = "flight", _("flight")
    TRAIN = "train", _("train")
    CAR = "car", _("car")
    BUS = "bus", _("bus")
    BOAT = "boat", _("boat")


# Estimated kg CO2 (equivalent) per passenger-kilometre, rounded. Orders of magnitude as
# in the UK government's GHG conversion factors (flights including the non-CO2 effect of
# altitude); Nordic electric trains are cleaner still. Shown to users on the report
# page; a user who knows better (e.g. from the travel agency) overrides the estimate.
CO2_KG_PER_KM = {
    TravelMode.FLIGHT: Decimal("0.25"),
    TravelMode.TRAIN: Decimal("0.04"),
    TravelMode.CAR: Decimal("0.17"),
    TravelMode.BUS: Decimal("0.10"),
    TravelMode.BOAT: Decimal("0.12"),
}


def estimate_co2_kg(mode: str, distance_km: Decimal) -> Decimal:
    return (CO2_KG_PER_KM[TravelMode(mode)] * Decimal(distance_km)).quantize(Decimal("0.1"))


class Trip(models.Model):
    report = models.ForeignKey(
        DepartmentReport, on_delete=models.CASCADE, related_name="trips", verbose_name=_("report")
    )
    destination = models.CharField(_("destination and purpose"), max_length=300)
    mode = models.CharField(_("mode of travel"), max_length=10, choices=TravelMode.choices)
    distance_km = models.DecimalField(
        _("distance (km)"),
        max_digits=9,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("Total distance travelled, there and back."),
    )
    travellers = models.PositiveSmallIntegerField(_("travellers"), default=1)
    co2_kg = models.DecimalField(
        _("estimated CO2 (kg)"),
        max_digits=10,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    co2_overridden = models.BooleanField(_("CO2 entered by hand"), default=False)
    compensated = models.BooleanField(_("climate-compensated"), default=False)

    class Meta:
        verbose_name = _("trip")
        verbose_name_plural = _("trips")
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(distance_km__gte=0),
                name="trip_distance_not_negative",
                violation_error_message=_("The distance cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(co2_kg__gte=0),
                name="trip_co2_not_negative",
                violation_error_message=_("The CO2 estimate cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.destination


class ReminderKind(models.TextChoices):
    OPENED = "opened", _("round opened")
    DUE_SOON = "due_soon", _("deadline soon")
    LATE = "late", _("late")


class ReminderSent(models.Model):
    """One row per e-mail sent, so a task that runs twice sends nothing twice.

    Keyed on round × department (not on the report: a department that has not started
    its report has no report row yet, and it is the one that most needs reminding).
    """

    round = models.ForeignKey(
        ReportingRound,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("reporting round"),
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="+", verbose_name=_("department")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "department", "kind"],
                name="reminder_sent_once",
                violation_error_message=_("This reminder has already been sent."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.department} {self.round.year}"


class FollowUpStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RENDERING = "rendering", _("rendering")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class FollowUpQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


def _followup_path(instance, filename):
    return f"followups/{instance.municipality.slug}/{filename}"


class FollowUpDocument(BackgroundRenderMixin, models.Model):
    """One generation of the council follow-up PDF; every generation is kept."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="followups",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    term_start = models.PositiveSmallIntegerField(
        _("term of office starting"),
        null=True,
        blank=True,
        help_text=_("The first of the four years of the term of office."),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    summary = models.TextField(
        _("summary"), blank=True, validators=[text_limit(SUMMARY_MAX_LENGTH)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.QUEUED
    )
    failure_reason = models.TextField(_("reason for failure"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    started_at = models.DateTimeField(_("render started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("render finished"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=_followup_path, blank=True)
    # The same follow-up as Word, for the case system: made in the same render, from the
    # same data (reporting/followup_docx.py). Empty for generations made before it.
    word_file = models.FileField(_("Word file"), upload_to=_followup_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("council follow-up")
        verbose_name_plural = _("council follow-ups")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                models.F("municipality"),
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="followup_tenant_newest",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(year__isnull=False) & Q(term_start__isnull=True))
                | (Q(year__isnull=True) & Q(term_start__isnull=False)),
                name="followup_year_or_term",
                violation_error_message=_("Choose either a year or a term of office."),
            )
        ]

    def __str__(self):
        return f"{self.municipality} {self.period_label}"

    @property
    def effective_status(self) -> str:
        # A lost render (BackgroundRenderMixin.is_lost) is shown as failed, to be retried,
        # never as "queued" forever.
        return FollowUpStatus.FAILED if self.is_lost else super().effective_status

    @property
    def shown_failure_reason(self) -> str:
        if self.is_lost:
            return gettext(
                "The follow-up was queued but never started (the request to make it was lost)."
            )
        return super().shown_failure_reason

    @property
    def years(self) -> list[int]:
        if self.year:
            return [self.year]
        return list(range(self.term_start, self.term_start + 4))

    @property
    def period_label(self) -> str:
        if self.year:
            return str(self.year)
        return f"{self.term_start}–{self.term_start + 3}"
