"""The register of international projects and applications, and the funding catalogue."""

import uuid

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


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    SEK = "SEK", "SEK"
    NOK = "NOK", "NOK"


class CatalogueQuerySet(models.QuerySet):
    def portal_wide(self):
        return self.filter(owner__isnull=True)

    def usable_by(self, municipality):
        """What a municipality sees, uses and may look up: the portal-wide catalogue and its
        own additions. Another municipality's additions do not exist for it, so nothing
        another municipality edits can change its pages."""
        return self.filter(Q(owner__isnull=True) | Q(owner=municipality))


class CatalogueEntry(VersionedModel):
    """A funder, programme or call: portal-wide (no owner, kept by the portal's operators)
    or a municipality's own addition (kept by that municipality's coordinators)."""

    owner = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
        help_text=_("Empty: part of the portal-wide catalogue, kept by the portal's operators."),
    )

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_portal_wide(self) -> bool:
        return self.owner_id is None

    def _check_part_of(self, errors: dict, name: str) -> None:
        """An entry hangs only under a portal-wide entry or one of its own owner's: a
        portal-wide programme under one municipality's funder would let that municipality
        change what every other one shows."""
        if getattr(self, f"{name}_id") is None:
            return
        related = getattr(self, name)
        if related.owner_id is None or related.owner_id == self.owner_id:
            return
        errors[name] = (
            _("A portal-wide entry can only be part of portal-wide entries.")
            if self.owner_id is None
            else _("Choose a portal-wide entry or one of your municipality's own.")
        )


class Funder(CatalogueEntry):
    """Who pays: the European Union, the Nordic Council of Ministers, NORAD, a national body."""

    name = models.CharField(_("name"), max_length=200)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FundingProgramme(CatalogueEntry):
    """Interreg (strands are child programmes), Erasmus+, Horizon Europe, LIFE, Nordplus …"""

    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("funder")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strands",
        verbose_name=_("part of programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        errors = {}
        self._check_part_of(errors, "funder")
        self._check_part_of(errors, "parent")
        if self.pk and self.parent_id == self.pk:
            errors["parent"] = _("A programme cannot be part of itself.")
        if errors:
            raise ValidationError(errors)


class Call(CatalogueEntry):
    """A call for proposals within a programme."""

    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("funding programme"),
    )
    identifier = models.CharField(_("call identifier"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["programme__name", "-deadline", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "identifier"],
                name="call_identifier_unique_per_programme",
                violation_error_message=_(
                    "This programme already has a call with this identifier."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.identifier} – {self.title}"

    def clean(self):
        errors = {}
        self._check_part_of(errors, "programme")
        if errors:
            raise ValidationError(errors)


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


def base_currency(municipality) -> str:
    """The currency a municipality keeps its books in: NOK in Norway, SEK in Sweden."""
    return {"NO": Currency.NOK, "SE": Currency.SEK}.get(municipality.country, Currency.EUR)


class ExchangeRateQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class ExchangeRate(models.Model):
    """How many units of the municipality's base currency one unit of `currency` was worth
    in `year` (e.g. 1 EUR = 11.4765 SEK in 2024). Kept by the coordinator for totals."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="exchange_rates",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    rate = models.DecimalField(
        _("rate"),
        max_digits=12,
        decimal_places=6,
        help_text=_("Units of the base currency for one unit of this currency."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ExchangeRateQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["municipality", "-year", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "currency"],
                name="exchange_rate_unique",
                violation_error_message=_("There is already a rate for this currency and year."),
            ),
            models.CheckConstraint(
                condition=Q(rate__gt=0),
                name="exchange_rate_positive",
                violation_error_message=_("The rate must be greater than zero."),
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.currency} = {self.rate}"


class AttachmentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    XLSX = "xlsx", "Excel (XLSX)"


def attachment_path(instance, filename):
    # The stored name is ours, never the uploader's: no path tricks, no collisions.
    return f"projects/{instance.project.municipality_id}/{uuid.uuid4().hex}.{instance.kind}"


class ProjectAttachment(models.Model):
    """A document of a project (application, decision, report). Served to members only."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("file type"), max_length=4, choices=AttachmentKind.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["project", "-uploaded_at"]

    def __str__(self):
        return self.title


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("importing")
    DONE = "done", _("imported")
    FAILED = "failed", _("not imported")


class ProjectImportQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class ProjectImport(models.Model):
    """A CSV import too large to run within a request, run by a Celery task (all rows or
    none). The file is kept here until the task has read it; the outcome (how many rows,
    or each row's problems) is what the status page shows. State fields as the
    background PDFs (status, failure reason, started/finished), so a worker that died
    is shown as failed by the same rule (intlstrategy.rendering.render_deadline_passed)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="project_imports",
        verbose_name=_("municipality"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    data = models.BinaryField(_("file"), editable=False)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    created_count = models.PositiveIntegerField(_("projects imported"), default=0)
    # [{"row": 2, "column": "grant", "message": "…"}], in the importer's language.
    errors = models.JSONField(_("problems found"), default=list, blank=True)
    failure_reason = models.TextField(_("reason for failure"), blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("import started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("import finished"), null=True, blank=True)

    objects = ProjectImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("project import")
        verbose_name_plural = _("project imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name or self.pk} ({self.get_status_display()})"

    @property
    def is_stale(self) -> bool:
        from intlstrategy.rendering import render_deadline_passed

        return self.status == ImportStatus.RUNNING and render_deadline_passed(self.started_at)

    @property
    def effective_status(self) -> str:
        return ImportStatus.FAILED if self.is_stale else self.status

    @property
    def is_pending(self) -> bool:
        return self.effective_status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def shown_failure_reason(self) -> str:
        if self.is_stale:
            return _(
                "The import stopped without finishing (the worker was interrupted). Nothing "
                "was imported; import the file again."
            )
        return self.failure_reason
