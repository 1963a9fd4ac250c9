"""Twin towns and partner cities, organisations and networks.

The four categories come from Trondheim's strategy 2c (see DOMAIN.md).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlstrategy.concurrency import VersionedModel
from intlstrategy.models import Department, Municipality
from strategies.models import GoalArea

from .countries import country_name, validate_country_code
from .files import agreement_upload_to, validate_pdf_upload

# A solidarity relation must be two-way: its activities over this many years are checked.
RECIPROCITY_YEARS = 2


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


class DecidingBody(models.TextChoices):
    COUNCIL = "council", _("municipal council")
    COUNCIL_PRESIDIUM = "council_presidium", _("council presidium")
    EXECUTIVE_BOARD = "executive_board", _("executive board")
    CHIEF_EXECUTIVE = "chief_executive", _("chief executive")
    OTHER = "other", _("other")


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    SEK = "SEK", "SEK"
    NOK = "NOK", "NOK"


def reciprocity_cutoff(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - RECIPROCITY_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - RECIPROCITY_YEARS, day=28)


class RelationQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def active(self):
        return self.filter(ended_on__isnull=True)

    def review_overdue(self, today: datetime.date | None = None):
        return self.active().filter(next_review_on__lt=today or timezone.localdate())

    def with_reciprocity(self, today: datetime.date | None = None):
        """Annotate recent incoming/outgoing activity counts (one query, no N+1)."""
        cutoff = reciprocity_cutoff(today)
        recent = Q(activities__date__gte=cutoff)
        return self.annotate(
            recent_incoming=Count(
                "activities", filter=recent & Q(activities__direction=Direction.INCOMING)
            ),
            recent_outgoing=Count(
                "activities", filter=recent & Q(activities__direction=Direction.OUTGOING)
            ),
        )

    def one_way_solidarity(self, today: datetime.date | None = None):
        return (
            self.active()
            .filter(category=Category.SOLIDARITY)
            .with_reciprocity(today)
            .filter(Q(recent_incoming=0) | Q(recent_outgoing=0))
        )

    def for_list(self):
        return self.select_related("responsible_department").with_reciprocity().order_by("city")


class Relation(VersionedModel):
    """A relation with a city abroad: twin town, friendship city, cooperation agreement."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="relations",
        verbose_name=_("municipality"),
    )
    city = models.CharField(_("city"), max_length=200)
    country = models.CharField(
        _("country"),
        max_length=2,
        help_text=_("ISO 3166-1 alpha-2 code, e.g. SE, NO, DE."),
        validators=[validate_country_code],
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    kind = models.CharField(
        _("kind of relation"),
        max_length=30,
        choices=RelationKind.choices,
        default=RelationKind.TWIN_TOWN,
    )
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    established_year = models.PositiveSmallIntegerField(
        _("established (year)"), null=True, blank=True
    )
    established_on = models.DateField(_("established (date)"), null=True, blank=True)
    established_by = models.CharField(
        _("established by"), max_length=30, choices=DecidingBody.choices, blank=True
    )
    established_decision_on = models.DateField(_("date of the decision"), null=True, blank=True)
    established_case_number = models.CharField(
        _("case number"), max_length=60, blank=True, help_text=_("Arkivsak / Dnr.")
    )
    responsible_department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="relations",
        verbose_name=_("responsible department"),
    )
    focus_areas = models.ManyToManyField(
        GoalArea, blank=True, related_name="relations", verbose_name=_("focus areas")
    )
    description = models.TextField(_("description"), blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)
    end_decided_by = models.CharField(
        _("ended by decision of"), max_length=30, choices=DecidingBody.choices, blank=True
    )
    end_case_number = models.CharField(
        _("case number of the decision to end"), max_length=60, blank=True
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = RelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("twin town or partner city")
        verbose_name_plural = _("twin towns and partner cities")
        ordering = ["municipality", "city"]
        # The list's and the API's order within one tenant.
        indexes = [models.Index(fields=["municipality", "city", "id"], name="relation_tenant_city")]

    def __str__(self):
        return f"{self.city} ({self.country})"

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def began_on(self) -> datetime.date | None:
        if self.established_on:
            return self.established_on
        if self.established_year:
            return datetime.date(self.established_year, 1, 1)
        return None

    @property
    def is_review_overdue(self) -> bool:
        return bool(
            self.ended_on is None
            and self.next_review_on
            and self.next_review_on < timezone.localdate()
        )

    @property
    def reciprocity_warning(self) -> bool:
        """A solidarity relation whose recent activities go one way only (or none at all).

        Needs the annotations of `RelationQuerySet.with_reciprocity()`.
        """
        if self.category != Category.SOLIDARITY or self.ended_on:
            return False
        return not (getattr(self, "recent_incoming", 0) and getattr(self, "recent_outgoing", 0))

    def clean(self):
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors[field] = _("Give both latitude and longitude, or neither.")
        if (
            self.established_on
            and self.established_year
            and self.established_on.year != self.established_year
        ):
            errors["established_year"] = _(
                "The year does not match the date the relation was established."
            )
        began = self.began_on
        if began and self.next_review_on and self.next_review_on < began:
            errors["next_review_on"] = _(
                "The next review cannot be before the relation began (%(date)s)."
            ) % {"date": began.isoformat()}
        if began and self.ended_on and self.ended_on < began:
            errors["ended_on"] = _("A relation cannot end before it began.")
        if self.ended_on and not self.end_reason.strip():
            errors["end_reason"] = _("Give the reason for ending the relation.")
        if errors:
            raise ValidationError(errors)


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
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country_code]
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("organisation or network")
        verbose_name_plural = _("organisations and networks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ByUserMixin(models.Model):
    """Who recorded a row; personal data, shown to members only."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True


class CategoryChange(ByUserMixin):
    """One step of a relation's grading history; the first step has no `from_category`."""

    relation = models.ForeignKey(
        Relation,
        on_delete=models.PROTECT,
        related_name="category_changes",
        verbose_name=_("relation"),
    )
    date = models.DateField(_("date"))
    from_category = models.CharField(
        _("from category"), max_length=30, choices=Category.choices, blank=True
    )
    to_category = models.CharField(_("to category"), max_length=30, choices=Category.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.CharField(
        _("decided by"), max_length=30, choices=DecidingBody.choices, blank=True
    )
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("change of category")
        verbose_name_plural = _("changes of category")
        ordering = ["relation", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="category_change_has_reason",
                violation_error_message=_("Give the reason for the change of category."),
            ),
            models.CheckConstraint(
                condition=~Q(from_category=models.F("to_category")),
                name="category_change_changes_category",
                violation_error_message=_("The new category must differ from the current one."),
            ),
        ]

    def __str__(self):
        return f"{self.relation} {self.date}: {self.from_category} → {self.to_category}"


class Recommendation(models.TextChoices):
    KEEP = "keep", _("keep as it is")
    CHANGE_CATEGORY = "change_category", _("change category")
    END = "end", _("end the relation")


class Evaluation(ByUserMixin, VersionedModel):
    relation = models.ForeignKey(
        Relation, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("relation")
    )
    date = models.DateField(_("date"))
    evaluated_by = models.CharField(
        _("evaluated by"), max_length=200, help_text=_("The body or office that evaluated.")
    )
    assessment = models.TextField(_("assessment"))
    recommendation = models.CharField(
        _("recommendation"), max_length=30, choices=Recommendation.choices
    )

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["relation", "-date", "-id"]

    def __str__(self):
        return f"{self.relation} {self.date}"


class Agreement(ByUserMixin, VersionedModel):
    relation = models.ForeignKey(
        Relation, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("relation")
    )
    title = models.CharField(_("title"), max_length=300)
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    file = models.FileField(
        _("file (PDF)"),
        upload_to=agreement_upload_to,
        blank=True,
        validators=[validate_pdf_upload],
        help_text=_("A PDF document of at most 20 MB."),
    )
    file_size = models.PositiveIntegerField(_("file size"), default=0, editable=False)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["relation", "-signed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(valid_until__gte=models.F("signed_on")),
                name="agreement_valid_after_signed",
                violation_error_message=_("An agreement cannot expire before it was signed."),
            )
        ]

    def __str__(self):
        return self.title


class FinancingLine(ByUserMixin, VersionedModel):
    """One line of a relation's financing plan (Trondheim's council asked for one)."""

    relation = models.ForeignKey(
        Relation,
        on_delete=models.PROTECT,
        related_name="financing_lines",
        verbose_name=_("relation"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    source = models.CharField(
        _("source"), max_length=200, help_text=_("E.g. the municipal budget, Interreg, Nordplus.")
    )

    class Meta:
        verbose_name = _("financing line")
        verbose_name_plural = _("financing plan")
        ordering = ["relation", "year", "id"]

    def __str__(self):
        return f"{self.year}: {self.amount} {self.currency}"


class Direction(models.TextChoices):
    INCOMING = "incoming", _("incoming (visit received)")
    OUTGOING = "outgoing", _("outgoing (visit made)")


class RelationActivity(ByUserMixin, VersionedModel):
    """A visit or other activity; its description is edited at length (optimistic locking)."""

    relation = models.ForeignKey(
        Relation, on_delete=models.PROTECT, related_name="activities", verbose_name=_("relation")
    )
    date = models.DateField(_("date"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    description = models.TextField(_("description"))
    goal_area = models.ForeignKey(
        GoalArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goal area"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["relation", "-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.get_direction_display()}"


class ContactPerson(models.Model):
    """A contact person of a relation. Personal data: never public, never exported."""

    relation = models.ForeignKey(
        Relation, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("relation")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["relation", "name"]

    def __str__(self):
        return self.name


class NetworkMembershipQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def for_list(self):
        return self.select_related("organisation").order_by("organisation__name")


class NetworkMembership(VersionedModel):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="network_memberships",
        verbose_name=_("municipality"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation or network"),
    )
    since = models.PositiveSmallIntegerField(_("member since (year)"), null=True, blank=True)
    yearly_fee = models.DecimalField(
        _("yearly fee"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    renewal_on = models.DateField(_("renewal date"), null=True, blank=True)
    value_note = models.TextField(
        _("value to the strategy"),
        blank=True,
        help_text=_("What the membership gives the municipality's international work."),
    )
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = NetworkMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["municipality", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "organisation"],
                name="network_membership_unique",
                violation_error_message=_(
                    "The municipality is already a member of this organisation."
                ),
            ),
            models.CheckConstraint(
                condition=Q(yearly_fee__isnull=True) | ~Q(currency=""),
                name="network_membership_fee_currency",
                violation_error_message=_("Give the currency of the yearly fee."),
            ),
        ]

    def __str__(self):
        return f"{self.municipality} – {self.organisation}"


class PersonKind(models.TextChoices):
    POLITICIAN = "politician", _("politician")
    OFFICIAL = "official", _("official")


class Representation(VersionedModel):
    """Who sits on which board or committee of a network. Personal data: not public."""

    membership = models.ForeignKey(
        NetworkMembership,
        on_delete=models.CASCADE,
        related_name="representations",
        verbose_name=_("membership"),
    )
    person_name = models.CharField(_("person"), max_length=200)
    person_kind = models.CharField(
        _("politician or official"), max_length=20, choices=PersonKind.choices
    )
    body = models.CharField(_("board or committee"), max_length=200)
    from_date = models.DateField(_("from"))
    to_date = models.DateField(_("to"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        ordering = ["membership", "-from_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_date__isnull=True) | Q(to_date__gte=models.F("from_date")),
                name="representation_dates_in_order",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def __str__(self):
        return f"{self.person_name} – {self.body}"


class Consulate(VersionedModel):
    """An honorary consulate in the city. The consul's name is personal data: not public."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="consulates",
        verbose_name=_("municipality"),
    )
    country = models.CharField(_("country"), max_length=2, validators=[validate_country_code])
    consul_name = models.CharField(_("consul"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("consulate")
        verbose_name_plural = _("consulates")
        ordering = ["municipality", "country"]

    def __str__(self):
        return country_name(self.country)

    @property
    def country_name(self) -> str:
        return country_name(self.country)


class ForumParticipant(VersionedModel):
    """A member of the municipality's international forum (Trondheim, strategy 1f)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="forum_participants",
        verbose_name=_("municipality"),
    )
    organisation_name = models.CharField(_("organisation"), max_length=300)
    representative = models.CharField(_("representative"), max_length=200, blank=True)
    role = models.CharField(_("role in the forum"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("forum participant")
        verbose_name_plural = _("forum participants")
        ordering = ["municipality", "organisation_name"]

    def __str__(self):
        return self.organisation_name
