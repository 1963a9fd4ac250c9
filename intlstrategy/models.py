"""The organisation: who the portal serves (municipalities), their departments and roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .concurrency import VersionedModel


class User(AbstractUser):
    """A person who logs in. Personal data: name, e-mail and phone (see docs/privacy.md)."""

    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


class Country(models.TextChoices):
    NORWAY = "NO", _("Norway")
    SWEDEN = "SE", _("Sweden")
    DENMARK = "DK", _("Denmark")
    FINLAND = "FI", _("Finland")
    ICELAND = "IS", _("Iceland")


class MunicipalityQuerySet(models.QuerySet):
    def for_user(self, user):
        """The municipalities in which the user holds a role (all of them for superusers)."""
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user).distinct()


class Municipality(models.Model):
    """The tenant: every piece of content belongs to one (or, for joint documents, several)."""

    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in web addresses."))
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    default_language = models.CharField(
        _("default language"), max_length=5, choices=settings.LANGUAGES
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Stockholm")
    # What the municipality calls its council and its executive board (Trondheim: bystyret,
    # formannskapet; Växjö: kommunfullmäktige, kommunstyrelsen), per language; every page
    # and PDF says these names, the general ones only where a name is missing.
    council_name = models.CharField(
        _("name of the municipal council"),
        max_length=100,
        blank=True,
        help_text=_("As the municipality says it, e.g. “bystyret” or “kommunfullmäktige”."),
    )
    executive_board_name = models.CharField(
        _("name of the executive board"),
        max_length=100,
        blank=True,
        help_text=_("As the municipality says it, e.g. “formannskapet” or “kommunstyrelsen”."),
    )
    # The national statistics offices' number for the municipality: national indicators
    # (Kolada in Sweden, SSB's statistics bank in Norway) are looked up by it.
    statistics_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{4}$", _("Four digits, e.g. 0780 or 5001."))],
        help_text=_(
            "The official municipality number: SCB's kommunkod in Sweden (Växjö 0780), "
            "SSB's kommunenummer in Norway (Trondheim 5001)."
        ),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["slug"]

    def __str__(self):
        return self.name

    def _own_name(self, field: str, general) -> str:
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        return getattr(self, f"{field}_{language}", "") or str(general)

    @property
    def council_label(self) -> str:
        """The council's name in the reader's language (“bystyret”), else the general one."""
        return self._own_name("council_name", _("municipal council"))

    @property
    def executive_board_label(self) -> str:
        """The executive board's name (“kommunstyrelsen”), else the general one."""
        return self._own_name("executive_board_name", _("executive board"))


class DepartmentKind(models.TextChoices):
    ADMINISTRATION = "administration", _("administration")
    BOARD = "board", _("committee or board")
    COMPANY = "company", _("municipal company")
    OFFICE = "office", _("office")


class DepartmentQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def active(self):
        return self.filter(is_active=True)


class Department(models.Model):
    """A förvaltning, nämnd, virksomhet or municipal company: it reports once a year."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("municipality"),
    )
    slug = models.SlugField(_("short name"), help_text=_("Used in web addresses."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=DepartmentKind.choices,
        default=DepartmentKind.ADMINISTRATION,
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["municipality", "name"]
        # Option lists and round tables read one tenant's departments by name.
        indexes = [models.Index(fields=["municipality", "name"], name="department_tenant_name")]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"],
                name="department_slug_unique_per_municipality",
                violation_error_message=_(
                    "This municipality already has a department with this short name."
                ),
            )
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("international coordinator")
    DEPARTMENT_CONTACT = "department_contact", _("department contact person")
    COUNCIL_MEMBER = "council_member", _("council member")


class MembershipQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def contacts_of(self, department):
        return self.filter(role=Role.DEPARTMENT_CONTACT, departments=department)


class Membership(models.Model):
    """A user's role in one municipality. A user may hold roles in several municipalities."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="memberships",
        verbose_name=_("departments"),
        help_text=_("For department contact persons: the departments they report for."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["municipality", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"],
                name="membership_unique_role",
                violation_error_message=_("This user already has this role in this municipality."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.municipality}"


class AnonymisationRecord(models.Model):
    """That a person's data was anonymised (GDPR art. 17), without the personal data:
    only the former account number, when, why and how many rows were changed."""

    user_id_reference = models.PositiveBigIntegerField(_("account number"))
    performed_at = models.DateTimeField(_("performed at"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    rows_changed = models.JSONField(_("rows changed per table"), default=dict)

    class Meta:
        verbose_name = _("anonymisation record")
        verbose_name_plural = _("anonymisation records")
        ordering = ["-performed_at"]

    def __str__(self):
        return f"#{self.user_id_reference} {self.performed_at:%Y-%m-%d}"


class Compliance(models.TextChoices):
    """The three wordings the Web Accessibility Directive's model statement allows."""

    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NOT = "not", _("not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("self-assessment")
    THIRD_PARTY = "third_party", _("assessment by a third party")


def _validate_uustatus_url(value: str) -> None:
    from urllib.parse import urlsplit

    from django.core.exceptions import ValidationError

    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not (host == "uustatus.no" or host.endswith(".uustatus.no")):
        raise ValidationError(
            _(
                "Give the address of your published declaration on uustatus.no, starting with "
                "https://uustatus.no/ (for example https://uustatus.no/nb/erklaringer/publisert/…)."
            ),
            code="not_uustatus",
        )


class AccessibilityStatementQuerySet(models.QuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class AccessibilityStatement(VersionedModel):
    """What one municipality states about the portal's accessibility, as Swedish law
    (lag (2018:1937), DIGG's MDFFS 2019:2) and the Norwegian regulation on universal design
    of ICT require. The portal's own known limitations are fixed text in the template; this
    row holds what only the municipality can say: its contact for feedback, its
    assessment, and content it adds itself.

    Contact details are functional (e.g. tillganglighet@kommun.se), never a person's own:
    contact persons are personal data and would outlive the person's role.
    """

    municipality = models.OneToOneField(
        Municipality,
        on_delete=models.CASCADE,
        related_name="accessibility_statement",
        verbose_name=_("municipality"),
    )
    compliance = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_(
            "How well the portal meets the requirements (WCAG 2.1 level AA). "
            "Choose “fully compliant” only when every requirement is met."
        ),
    )
    feedback_email = models.EmailField(
        _("e-mail for accessibility feedback"),
        blank=True,
        help_text=_(
            "A functional address that stays when people change jobs, "
            "e.g. accessibility@municipality.se, not a person's own address."
        ),
    )
    feedback_phone = models.CharField(
        _("telephone for accessibility feedback"),
        max_length=40,
        blank=True,
        help_text=_("A switchboard or service centre number, not a person's own number."),
    )
    feedback_url = models.URLField(
        _("web form for accessibility feedback"),
        blank=True,
        help_text=_("Optional: the address of a web form where people can report problems."),
    )
    assessment_method = models.CharField(
        _("assessment method"),
        max_length=20,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    assessed_by = models.CharField(
        _("assessed by (organisation)"),
        max_length=200,
        blank=True,
        help_text=_("For an assessment by a third party: the name of the organisation."),
    )
    assessed_on = models.DateField(
        _("date of the latest assessment"),
        null=True,
        blank=True,
        help_text=_("When the municipality last assessed the portal against the requirements."),
    )
    prepared_on = models.DateField(
        _("statement first prepared on"),
        null=True,
        blank=True,
    )
    # Sweden (DIGG's föreskrifter, MDFFS 2019:2): how soon feedback is answered, and
    # when the website was published.
    response_days = models.PositiveSmallIntegerField(
        _("feedback answered within (working days)"),
        null=True,
        blank=True,
        help_text=_("How many working days a person who writes to you waits for an answer."),
    )
    published_on = models.DateField(
        _("portal published on"),
        null=True,
        blank=True,
        help_text=_("When the municipality first published its pages in the portal."),
    )
    uustatus_url = models.URLField(
        _("declaration on uustatus.no"),
        blank=True,
        max_length=300,
        validators=[_validate_uustatus_url],
        help_text=_(
            "Norwegian municipalities: the address of the published accessibility "
            "declaration (tilgjengelighetserklæring) for this portal on uustatus.no."
        ),
    )
    shortcomings = models.TextField(
        _("further content that is not accessible"),
        blank=True,
        help_text=_(
            "Content of your own that does not meet the requirements, and why: "
            "e.g. scanned agreements uploaded as images. One item per paragraph."
        ),
    )
    disproportionate_burden = models.TextField(
        _("content exempted as a disproportionate burden"),
        blank=True,
        help_text=_(
            "Only if the municipality has assessed that making some content "
            "accessible would be a disproportionate burden: what, and the reasons."
        ),
    )
    outside_scope = models.TextField(
        _("content outside the scope of the law"),
        blank=True,
        help_text=_(
            "E.g. files published before 23 September 2018 or third-party content "
            "the municipality neither funds nor controls."
        ),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = AccessibilityStatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
        ordering = ["municipality"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(assessment_method="third_party") | ~models.Q(assessed_by=""),
                name="accessibility_third_party_named",
                violation_error_message=_("Name the organisation that assessed the portal."),
            ),
        ]

    def __str__(self):
        return str(self.municipality)

    @property
    def has_feedback_channel(self) -> bool:
        return bool(self.feedback_email or self.feedback_phone or self.feedback_url)


# Notifications are the core's too (one row per message and recipient); defined in their
# own module, registered here so that they belong to this app.
from .notifications.models import Notification  # noqa: E402, F401
