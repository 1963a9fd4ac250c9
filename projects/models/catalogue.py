"""The funding catalogue: funders, their programmes and calls."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from intlstrategy.concurrency import VersionedModel
from intlstrategy.models import Municipality


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
