"""The organisation: who the portal serves (municipalities), their departments and roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["slug"]

    def __str__(self):
        return self.name


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
        _("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.ADMINISTRATION
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["municipality", "name"]
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
