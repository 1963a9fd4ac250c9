"""The register of international projects and applications, and the funding catalogue."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedModel
from intlstrategy.models import Department, Municipality
from partners.models import Organisation, Relation
from strategies.models import GoalArea, Strategy


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    SEK = "SEK", "SEK"
    NOK = "NOK", "NOK"


class Funder(models.Model):
    """Who pays: the European Union, the Nordic Council of Ministers, NORAD, a national body."""

    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FundingProgramme(models.Model):
    """Interreg (strands are child programmes), Erasmus+, Horizon Europe, LIFE, Nordplus …"""

    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("funder")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="strands",
        verbose_name=_("part of programme"),
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    IN_PREPARATION = "in_preparation", _("in preparation")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ONGOING = "ongoing", _("ongoing")
    COMPLETED = "completed", _("completed")


class MunicipalityRole(models.TextChoices):
    LEAD_PARTNER = "lead_partner", _("lead partner")
    PARTNER = "partner", _("partner")
    ASSOCIATED_PARTNER = "associated_partner", _("associated partner")


class ProjectQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def for_department(self, department):
        """Projects the department leads or takes part in."""
        return self.filter(
            Q(lead_department=department) | Q(participating_departments=department)
        ).distinct()

    def in_year(self, year: int):
        """The year view: projects ongoing or completed during `year`, and applications
        submitted during `year` (a project's period touching the year counts, both ends
        inclusive). Reporting prefills department reports from this selector."""
        ran = Q(
            status__in=[ProjectStatus.APPROVED, ProjectStatus.ONGOING, ProjectStatus.COMPLETED],
            start_date__lte=f"{year}-12-31",
        ) & (Q(end_date__isnull=True) | Q(end_date__gte=f"{year}-01-01"))
        submitted = Q(submitted_on__year=year)
        return self.filter(ran | submitted)


class Project(VersionedModel):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="projects",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=60, blank=True)
    programme = models.ForeignKey(
        FundingProgramme, on_delete=models.PROTECT, null=True, blank=True,
        related_name="projects", verbose_name=_("funding programme"),
    )
    role = models.CharField(
        _("the municipality's role"), max_length=30, choices=MunicipalityRole.choices,
        default=MunicipalityRole.PARTNER,
    )
    lead_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="led_projects",
        verbose_name=_("lead department"),
    )
    participating_departments = models.ManyToManyField(
        Department, blank=True, related_name="participating_projects",
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
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    total_budget = models.DecimalField(
        _("total budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    municipality_budget = models.DecimalField(
        _("the municipality's budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    grant = models.DecimalField(_("grant"), max_digits=14, decimal_places=2, null=True, blank=True)
    co_financing = models.DecimalField(
        _("own co-financing"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    goal_areas = models.ManyToManyField(
        GoalArea, blank=True, related_name="projects", verbose_name=_("goal areas served")
    )
    strategies = models.ManyToManyField(
        Strategy, blank=True, related_name="projects", verbose_name=_("strategies served")
    )
    expected_results = models.TextField(_("expected results"), blank=True)
    achieved_results = models.TextField(_("achieved results"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project or application")
        verbose_name_plural = _("projects and applications")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
                violation_error_message=_("The project cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.acronym or self.title
