"""People in a municipality: invitations, roles and removal (writes), and the people page (reads).

Rules kept here, whoever calls:
- one account per person, found by e-mail (case-insensitive): a person invited by two
  municipalities has one account and a membership in each;
- the last coordinator of a municipality can be neither demoted nor removed (the
  municipality's row is locked while roles change, so two coordinators demoting each
  other at once cannot both succeed);
- a person removed from their last municipality is deactivated (`is_active=False`): the
  login and any open session stop working.

Every membership change is in the history with who made it (`_history_user`); the
e-mail is a notification (kind "invitation"), sent after commit in the invitee's language.

The invitation link is a `TimestampSigner` token over the account number and a digest of
the account's password hash and last login: it expires after `INVITATION_VALID_DAYS`
(default 7) and stops working once the password is set.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from .models import Department, Membership, Municipality, Role, User

INVITATION_SALT = "intlstrategy.people.invitation"
# The history's change reason of the roles removed with the account (not translated:
# it is a marker in the history tables, shown translated by the pages that read it).
DEACTIVATED = "account deactivated"


def invitation_valid_days() -> int:
    return getattr(settings, "INVITATION_VALID_DAYS", 7)


# --- The invitation link ------------------------------------------------------------------


class InvitationInvalid(Exception):
    """The link cannot be used; `reason` is one of "expired", "used", "invalid"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _account_state(user: User) -> str:
    # Changes when the password is set, the person logs in or is deactivated: a link
    # works until then only.
    value = f"{user.pk}|{user.password}|{user.last_login}|{user.is_active}"
    return salted_hmac(INVITATION_SALT, value).hexdigest()[:24]


def invitation_token(user: User) -> str:
    signer = signing.TimestampSigner(salt=INVITATION_SALT)
    return signer.sign_object({"u": user.pk, "s": _account_state(user)})


def invited_user(token: str) -> User:
    """The account the link is for, or InvitationInvalid."""
    signer = signing.TimestampSigner(salt=INVITATION_SALT)
    try:
        data = signer.unsign_object(token, max_age=datetime.timedelta(days=invitation_valid_days()))
    except signing.SignatureExpired:
        raise InvitationInvalid("expired") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise InvitationInvalid("invalid") from None
    if not isinstance(data, dict):
        raise InvitationInvalid("invalid")
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None:
        raise InvitationInvalid("invalid")
    if data.get("s") != _account_state(user) or user.has_usable_password():
        raise InvitationInvalid("used")  # a link only ever sets the first password
    return user


def awaits_first_password(user: User) -> bool:
    """Invited but has never set a password nor logged in (e.g. by single sign-on)."""
    return not user.has_usable_password() and user.last_login is None


# --- Reading ------------------------------------------------------------------------------


@dataclass
class Person:
    user: User
    roles: list[str] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in self.roles]

    @property
    def pending(self) -> bool:
        return awaits_first_password(self.user)


def people_of(municipality: Municipality) -> list[Person]:
    """Everyone with a role in the municipality, one entry per person (two queries)."""
    memberships = (
        Membership.objects.for_municipality(municipality)
        .select_related("user")
        .prefetch_related(Prefetch("departments", queryset=Department.objects.order_by("name")))
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )
    people: dict[int, Person] = {}
    for membership in memberships:
        person = people.setdefault(membership.user_id, Person(membership.user))
        person.roles.append(membership.role)
        person.departments.extend(membership.departments.all())
    return list(people.values())


def pending_invitations(municipality: Municipality, people: list[Person]) -> list[dict]:
    """The people invited here who have not chosen a password yet, with when the latest
    invitation was sent (one query)."""
    from django.db.models import Max

    from .notifications.models import Kind, Notification

    pending = [person for person in people if person.pending]
    sent = (
        dict(
            Notification.objects.filter(
                kind=Kind.INVITATION,
                municipality=municipality,
                recipient__in=[person.user.pk for person in pending],
            )
            .values_list("recipient")
            .annotate(last=Max("created_at"))
        )
        if pending
        else {}
    )
    return [{"person": person, "sent_at": sent.get(person.user.pk)} for person in pending]


def departments_without_contact(municipality: Municipality):
    """Active departments with no active contact person who has an e-mail address: an
    e-mail to the department's contacts reaches nobody."""
    reachable = Membership.objects.filter(
        departments=OuterRef("pk"),
        role=Role.DEPARTMENT_CONTACT,
        user__is_active=True,
    ).exclude(user__email="")
    return (
        Department.objects.for_municipality(municipality)
        .active()
        .exclude(Exists(reachable))
        .order_by("name")
    )


def person_in(municipality: Municipality, user_id: int) -> Person | None:
    """One person of this municipality (None if they hold no role here)."""
    memberships = list(
        Membership.objects.for_municipality(municipality)
        .filter(user_id=user_id)
        .select_related("user")
        .prefetch_related("departments")
    )
    if not memberships:
        return None
    person = Person(memberships[0].user)
    for membership in memberships:
        person.roles.append(membership.role)
        person.departments.extend(membership.departments.all())
    return person


# --- Writing ------------------------------------------------------------------------------


def _lock(municipality: Municipality) -> None:
    """Serialise role changes per municipality (the last-coordinator rule)."""
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()


def _check_departments(municipality: Municipality, departments: Iterable[Department]) -> list:
    departments = list(departments)
    if any(d.municipality_id != municipality.pk for d in departments):
        raise ValidationError(
            {"departments": _("Choose departments of this municipality only.")}, code="foreign"
        )
    return departments


def _other_coordinators(municipality: Municipality, user: User) -> bool:
    return (
        Membership.objects.for_municipality(municipality)
        .filter(role=Role.COORDINATOR, user__is_active=True)
        .exclude(user=user)
        .exists()
    )


def _create_membership(*, municipality, user, role, departments, by) -> Membership:
    membership = Membership(user=user, municipality=municipality, role=role)
    membership.full_clean()
    membership._history_user = by
    membership.save()
    if departments:
        membership._history_user = by
        membership.departments.set(departments)
    return membership


def _delete_membership(membership: Membership, *, by) -> None:
    membership._history_user = by
    membership.delete()


def _username_for(email: str) -> str:
    base = email[:150]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        suffix = f"-{n}"
        candidate = base[: 150 - len(suffix)] + suffix
    return candidate


@dataclass
class InvitationResult:
    user: User
    membership: Membership
    new_account: bool


@transaction.atomic
def person_invite(
    *,
    municipality: Municipality,
    email: str,
    first_name: str,
    last_name: str,
    language: str,
    role: str,
    departments: Iterable[Department] = (),
    by: User,
) -> InvitationResult:
    """Give a person (found by e-mail, else a new account) a role here, and queue the
    e-mail: an invitation link for someone without a password, a notice otherwise.

    A department contact who already is one here gets the departments added."""
    _lock(municipality)
    email = User.objects.normalize_email(email.strip()).lower()
    departments = _check_departments(municipality, departments)
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the roles offered.")}, code="role")
    if role == Role.DEPARTMENT_CONTACT and not departments:
        raise ValidationError(
            {"departments": _("Choose the department(s) this person is the contact person for.")},
            code="no_department",
        )
    if role != Role.DEPARTMENT_CONTACT and departments:
        raise ValidationError(
            {"departments": _("Only contact persons have departments; leave them unchosen.")},
            code="departments_for_other_role",
        )
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    new_account = user is None
    if new_account:
        user = User(
            username=_username_for(email),
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            preferred_language=language,
        )
        user.set_unusable_password()
        user.full_clean()
        user.save()
    elif not user.is_active:
        # Removed from every municipality earlier; a new role lets them in again.
        user.is_active = True
        user.save(update_fields=["is_active"])

    membership = (
        Membership.objects.for_municipality(municipality).filter(user=user, role=role).first()
    )
    if membership is None:
        membership = _create_membership(
            municipality=municipality, user=user, role=role, departments=departments, by=by
        )
    elif role == Role.DEPARTMENT_CONTACT:
        new = [d for d in departments if d not in set(membership.departments.all())]
        if not new:
            raise ValidationError(
                {"email": _("This person already is the contact person for these departments.")},
                code="already",
            )
        membership._history_user = by
        membership.departments.add(*new)
    else:
        raise ValidationError(
            {
                "email": _("%(person)s already is %(role)s here.")
                % {"person": user, "role": Role(role).label}
            },
            code="already",
        )

    _queue_invitation(user=user, municipality=municipality, role=role)
    return InvitationResult(user=user, membership=membership, new_account=new_account)


@transaction.atomic
def person_roles_set(
    *,
    municipality: Municipality,
    user: User,
    roles: Iterable[str],
    departments: Iterable[Department] = (),
    by: User,
) -> None:
    """Make the person's roles here exactly `roles` (departments: for the contact role)."""
    _lock(municipality)
    roles = set(roles)
    departments = _check_departments(municipality, departments)
    if not roles:
        raise ValidationError(
            {"roles": _("Choose at least one role, or remove the person from the municipality.")},
            code="no_role",
        )
    if roles - set(Role.values):
        raise ValidationError({"roles": _("Choose one of the roles offered.")}, code="role")
    if Role.DEPARTMENT_CONTACT in roles and not departments:
        raise ValidationError(
            {"departments": _("Choose the department(s) this person is the contact person for.")},
            code="no_department",
        )
    if Role.DEPARTMENT_CONTACT not in roles and departments:
        raise ValidationError(
            {"departments": _("Only contact persons have departments; leave them unchosen.")},
            code="departments_for_other_role",
        )
    current = {
        m.role: m for m in Membership.objects.for_municipality(municipality).filter(user=user)
    }
    if not current:
        raise ValidationError(_("This person holds no role in this municipality."))
    if (
        Role.COORDINATOR in current
        and Role.COORDINATOR not in roles
        and not _other_coordinators(municipality, user)
    ):
        raise ValidationError(
            {
                "roles": _(
                    "%(person)s is the only international coordinator of %(municipality)s. "
                    "Make someone else coordinator first."
                )
                % {"person": user, "municipality": municipality}
            },
            code="last_coordinator",
        )
    for role, membership in current.items():
        if role not in roles:
            _delete_membership(membership, by=by)
    for role in roles - set(current):
        _create_membership(
            municipality=municipality,
            user=user,
            role=role,
            departments=departments if role == Role.DEPARTMENT_CONTACT else (),
            by=by,
        )
    contact = current.get(Role.DEPARTMENT_CONTACT)
    if contact is not None and Role.DEPARTMENT_CONTACT in roles:
        if set(contact.departments.all()) != set(departments):
            contact._history_user = by
            contact.departments.set(departments)


@transaction.atomic
def person_remove(*, municipality: Municipality, user: User, by: User) -> bool:
    """Take every role here away. Returns True when the account was deactivated too
    (no role left in any municipality), so the person can no longer log in."""
    _lock(municipality)
    memberships = list(Membership.objects.for_municipality(municipality).filter(user=user))
    if not memberships:
        raise ValidationError(_("This person holds no role in this municipality."))
    if any(m.role == Role.COORDINATOR for m in memberships) and not _other_coordinators(
        municipality, user
    ):
        raise ValidationError(
            _(
                "%(person)s is the only international coordinator of %(municipality)s and "
                "cannot be removed. Make someone else coordinator first."
            )
            % {"person": user, "municipality": municipality},
            code="last_coordinator",
        )
    deactivate = (
        not Membership.objects.filter(user=user).exclude(municipality=municipality).exists()
    )
    for membership in memberships:
        if deactivate:
            # The account itself keeps no history (docs/privacy.md); the history of the
            # last roles says that they ended with the account, and by whom.
            membership._change_reason = DEACTIVATED
        _delete_membership(membership, by=by)
    if not deactivate:
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    return True


def invitation_resend(*, municipality: Municipality, user: User, by: User) -> None:
    """Queue a fresh link for someone who has not chosen a password yet (the first one
    expired or was lost). Earlier links keep working until they expire."""
    membership = (
        Membership.objects.for_municipality(municipality).filter(user=user).order_by("pk").first()
    )
    if membership is None:
        raise ValidationError(_("This person holds no role in this municipality."))
    if not awaits_first_password(user):
        raise ValidationError(
            _("%(person)s has already chosen a password and can log in.") % {"person": user},
            code="not_pending",
        )
    _queue_invitation(user=user, municipality=municipality, role=membership.role)


def invitation_accept(*, user: User, password: str) -> User:
    """Set the first password (already validated by the form)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


# --- The e-mail ---------------------------------------------------------------------------


def _queue_invitation(*, user: User, municipality: Municipality, role: str) -> None:
    """Record the invitation (or role notice) as a notification; it is e-mailed after
    commit. Each call is its own event (a resend is meant to send again); a task that runs
    twice still sends it once."""
    from .notifications.models import Kind
    from .notifications.services import notify

    notify(
        kind=Kind.INVITATION,
        event=f"m{municipality.pk}:{role}:{uuid.uuid4().hex}",
        recipients=[user],
        municipality=municipality,
        data={"role": role},
        url_name="municipality_dashboard",
        url_kwargs={"municipality": municipality.slug},
    )


def invitation_template(notification, context: dict) -> tuple[str, dict]:
    """The invitation (a link to set a password) or, for someone who has one, a notice."""
    user = notification.recipient
    role = notification.data.get("role")
    context.update(
        user=user,
        role=Role(role).label if role in Role.values else "",
        valid_days=invitation_valid_days(),
    )
    if awaits_first_password(user):
        context["url"] = settings.SITE_URL + reverse(
            "invitation_accept", kwargs={"token": invitation_token(user)}
        )
        return "registration/invitation_email", context
    return "registration/role_notice_email", context
