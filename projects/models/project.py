"""Projects, their status changes and partners."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intlstrategy.concurrency import VersionedModel
from intlstrategy.models import Department, Municipality
from partners.models import Organisation, Relation
from strategies.models import GoalArea, Strategy

from .catalogue import Call, Currency, FundingProgramme


class ProjectStatus(models.TextChoices):
    # A context keeps these apart from the same English words used for reports
    # ("approved" report = godkänd; approved application = beviljad).
    IDEA = "idea", pgettext_lazy("project status", "idea")
    IN_PREPARATION = "in_preparation", pgettext_lazy("project status", "in preparation")
    SUBMITTED = "submitted", pgettext_lazy("project status", "submitted")
    APPROVED = "approved", pgettext_lazy("project status", "approved")
    REJECTED = "rejected", pgettext_lazy("project status", "rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("project status", "withdrawn")
    ONGOING = "ongoing", pgettext_lazy("project status", "ongoing")
    COMPLETED = "completed", pgettext_lazy("project status", "completed")


class MunicipalityRole(models.TextChoices):
    LEAD_PARTNER = "lead_partner", _("lead partner")
    PARTNER = "partner", _("partner")
    ASSOCIATED_PARTNER = "associated_partner", _("associated partner")


# Statuses the public sees. Ideas and applications in preparation are internal work; a
# withdrawn application is public only if it had been submitted (then it was on record).
PUBLIC_STATUSES = (
    ProjectStatus.SUBMITTED,
    ProjectStatus.APPROVED,
    ProjectStatus.REJECTED,
    ProjectStatus.ONGOING,
    ProjectStatus.COMPLETED,
)


# Statuses in which a project runs (or ran) for its period.
RUNNING_STATUSES = (ProjectStatus.APPROVED, ProjectStatus.ONGOING, ProjectStatus.COMPLETED)


class KindInYear(models.TextChoices):
    ONGOING = "ongoing", _("ongoing")
    COMPLETED = "completed", _("completed")
    SUBMITTED = "submitted", _("application submitted")


class ProjectQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def for_department(self, department):
        """Projects the department leads or takes part in."""
        return self.filter(
            Q(lead_department=department) | Q(participating_departments=department)
        ).distinct()

    def public(self):
        return self.filter(
            Q(status__in=PUBLIC_STATUSES)
            | Q(status=ProjectStatus.WITHDRAWN, submitted_on__isnull=False)
        )

    def visible_to(self, access):
        """Members read the whole register; everyone else its public part."""
        return self if access.is_member else self.public()

    def with_related(self):
        return self.select_related("programme", "programme__parent", "lead_department", "call")

    def in_year(self, year: int):
        """The year view: projects ongoing or completed during `year`, and applications
        submitted during `year` (a project's period touching the year counts, both ends
        inclusive). Reporting prefills department reports from this selector.

        Each row is annotated with `kind_in_year` (KindInYear): *completed* if it was
        completed with an end date in the year, else *ongoing* if its period touches the
        year, else *submitted* (the application was submitted in the year).
        """
        first, last = f"{year}-01-01", f"{year}-12-31"
        ran = Q(status__in=RUNNING_STATUSES, start_date__lte=last) & (
            Q(end_date__isnull=True) | Q(end_date__gte=first)
        )
        submitted = Q(submitted_on__year=year)
        return self.filter(ran | submitted).annotate(
            kind_in_year=Case(
                When(
                    Q(status=ProjectStatus.COMPLETED, end_date__gte=first, end_date__lte=last),
                    then=Value(KindInYear.COMPLETED),
                ),
                When(ran, then=Value(KindInYear.ONGOING)),
                default=Value(KindInYear.SUBMITTED),
                output_field=models.CharField(),
            )
        )


class Project(VersionedModel):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=60, blank=True)
    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("funding programme"),
    )
    call = models.ForeignKey(
        Call,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("call"),
    )
    role = models.CharField(
        _("the municipality's role"),
        max_length=30,
        choices=MunicipalityRole.choices,
        default=MunicipalityRole.PARTNER,
    )
    lead_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="led_projects",
        verbose_name=_("lead department"),
    )
    participating_departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="participating_projects",
        verbose_name=_("participating departments"),
    )
    partner_relations = models.ManyToManyField(
        Relation, blank=True, related_name="projects", verbose_name=_("partner cities")
    )
    partner_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="projects", verbose_name=_("partner organisations")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    submitted_on = models.DateField(_("application submitted"), null=True, blank=True)
    decision_expected_on = models.DateField(_("decision expected"), null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    total_budget = models.DecimalField(
        _("total budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    municipality_budget = models.DecimalField(
        _("the municipality's budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    grant = models.DecimalField(
        _("grant"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    co_financing = models.DecimalField(
        _("own co-financing"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    goal_areas = models.ManyToManyField(
        GoalArea, blank=True, related_name="projects", verbose_name=_("goal areas served")
    )
    strategies = models.ManyToManyField(
        Strategy, blank=True, related_name="projects", verbose_name=_("strategies served")
    )
    expected_results = models.TextField(_("expected results"), blank=True)
    achieved_results = models.TextField(_("achieved results"), blank=True)
    programme_project_id = models.CharField(_("programme's project id"), max_length=100, blank=True)
    keep_eu_url = models.URLField(_("keep.eu page"), blank=True)
    cordis_url = models.URLField(_("CORDIS page"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project or application")
        verbose_name_plural = _("projects and applications")
        ordering = ["-start_date", "title"]
        # The register's default order and the open-data API's, within one tenant: a page
        # is read from the index instead of sorting every project. One per title column
        # (modeltranslation orders by the active language's).
        indexes = [
            models.Index(
                models.F("municipality"),
                models.F("start_date").desc(nulls_last=True),
                models.F(title),
                models.F("id"),
                name=f"project_tenant_start_{title}",
            )
            for title in ("title", "title_nb", "title_sv", "title_en")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
                violation_error_message=_("The project cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(total_budget__gte=0)
                & Q(municipality_budget__gte=0)
                & Q(grant__gte=0)
                & Q(co_financing__gte=0)
                | Q(total_budget__isnull=True)
                | Q(municipality_budget__isnull=True)
                | Q(grant__isnull=True)
                | Q(co_financing__isnull=True),
                name="project_amounts_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(grant__isnull=True)
                | Q(total_budget__isnull=True)
                | Q(grant__lte=F("total_budget")),
                name="project_grant_within_total_budget",
                violation_error_message=_("The grant cannot be larger than the total budget."),
            ),
        ]

    def __str__(self):
        return self.acronym or self.title

    @property
    def is_deletable(self) -> bool:
        """Only a mistake is deleted: an idea or an application still in preparation.
        Anything submitted is part of the record (withdraw it instead)."""
        return self.status in (ProjectStatus.IDEA, ProjectStatus.IN_PREPARATION)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES or (
            self.status == ProjectStatus.WITHDRAWN and self.submitted_on is not None
        )

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The project cannot end before it starts.")
        if (
            self.grant is not None
            and self.total_budget is not None
            and self.grant > self.total_budget
        ):
            errors["grant"] = _("The grant cannot be larger than the total budget.")
        if (
            self.municipality_budget is not None
            and self.total_budget is not None
            and self.municipality_budget > self.total_budget
        ):
            errors["municipality_budget"] = _(
                "The municipality's budget cannot be larger than the total budget."
            )
        if self.call_id and self.programme_id and self.call.programme_id != self.programme_id:
            errors["call"] = _("This call belongs to another programme.")
        if errors:
            raise ValidationError(errors)


class ProjectStatusChange(models.Model):
    """One dated step in a project's pipeline; kept forever (the status timeline)."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("project"),
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=ProjectStatus.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=ProjectStatus.choices)
    on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["project", "on", "recorded_at"]

    def __str__(self):
        return f"{self.project}: {self.from_status or '–'} → {self.to_status} ({self.on})"


class ProjectPartner(models.Model):
    """A partner in a project: a twin town, a registered organisation, or free text."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=300, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("ISO 3166-1 alpha-2 code, e.g. SE, NO, DE."),
    )
    relation = models.ForeignKey(
        Relation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("twin town or partner city"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation or network"),
    )

    class Meta:
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        ordering = ["project", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | Q(relation__isnull=False) | Q(organisation__isnull=False),
                name="project_partner_named",
                violation_error_message=_(
                    "Name the partner or choose a twin town or organisation."
                ),
            ),
        ]

    def __str__(self):
        if self.relation_id:
            return str(self.relation)
        if self.organisation_id:
            return str(self.organisation)
        return f"{self.name} ({self.country})" if self.country else self.name
