"""Twin towns and partner cities, organisations and networks.

The four categories come from Trondheim's strategy 2c (see DOMAIN.md).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedModel
from intlstrategy.models import Department, Municipality
from strategies.models import GoalArea


class Category(models.TextChoices):
    PROJECT_AGREEMENT = "project_agreement", _("project agreement")
    POLITICAL_FOCUS = "political_focus", _("political focus")
    SOLIDARITY = "solidarity", _("solidarity")
    DORMANT = "dormant", _("dormant")


class RelationKind(models.TextChoices):
    TWIN_TOWN = "twin_town", _("formal twin town")
    FRIENDSHIP_CITY = "friendship_city", _("friendship city")
    COOPERATION_AGREEMENT = "cooperation_agreement", _("cooperation agreement")
    LETTER_OF_INTENT = "letter_of_intent", _("letter of intent")


class RelationQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def active(self):
        return self.filter(ended_on__isnull=True)


class Relation(VersionedModel):
    """A relation with a city abroad: twin town, friendship city, cooperation agreement."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="relations",
        verbose_name=_("municipality"),
    )
    city = models.CharField(_("city"), max_length=200)
    country = models.CharField(
        _("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code, e.g. SE, NO, DE.")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    kind = models.CharField(
        _("kind of relation"), max_length=30, choices=RelationKind.choices,
        default=RelationKind.TWIN_TOWN,
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    established_year = models.PositiveSmallIntegerField(_("established (year)"), null=True, blank=True)
    established_on = models.DateField(_("established (date)"), null=True, blank=True)
    responsible_department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="relations",
        verbose_name=_("responsible department"),
    )
    focus_areas = models.ManyToManyField(
        GoalArea, blank=True, related_name="relations", verbose_name=_("focus areas")
    )
    description = models.TextField(_("description"), blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = RelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("twin town or partner city")
        verbose_name_plural = _("twin towns and partner cities")
        ordering = ["municipality", "city"]

    def __str__(self):
        return f"{self.city} ({self.country})"


class OrganisationKind(models.TextChoices):
    CITY_NETWORK = "city_network", _("city network")
    EU_OFFICE = "eu_office", _("regional EU office in Brussels")
    NATIONAL_BODY = "national_body", _("national body")
    UNIVERSITY = "university", _("university")
    NGO = "ngo", _("non-governmental organisation")
    BUSINESS_NETWORK = "business_network", _("business network")
    OTHER = "other", _("other")


class Organisation(VersionedModel):
    """An organisation or network, shared by all municipalities (e.g. Eurocities)."""

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation or network")
        verbose_name_plural = _("organisations and networks")
        ordering = ["name"]

    def __str__(self):
        return self.name
