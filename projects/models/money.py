"""Exchange rates and the municipality's base currency."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from intlstrategy.models import Municipality

from .catalogue import Currency


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
