"""The one place that decides who may do what in which municipality.

Rules for views:
- an object of another municipality is a 404 (we do not confirm that it exists);
- a member whose role may not act gets a 403;
- an anonymous visitor on an internal page is sent to the login page.

Roles are loaded once per request and cached on the user object, so permission checks
add a fixed number of queries to a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Department, Membership, Municipality, Role

_CACHE_ATTR = "_intlstrategy_roles"


@dataclass(frozen=True)
class MunicipalityRoles:
    roles: frozenset[str] = frozenset()
    department_ids: frozenset[int] = field(default_factory=frozenset)


def roles_of(user, municipality: Municipality) -> MunicipalityRoles:
    """The user's roles in the municipality; superusers act as coordinators everywhere."""
    if not user.is_authenticated:
        return MunicipalityRoles()
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        # One query: a row per membership and department (department None when it has
        # none), through the join table only; no model instances are built.
        roles: dict[int, set[str]] = {}
        departments: dict[int, set[int]] = {}
        rows = (
            Membership.objects.filter(user_id=user.pk)
            .order_by()
            .values_list("municipality_id", "role", "departments")
        )
        for municipality_id, role, department_id in rows:
            roles.setdefault(municipality_id, set()).add(role)
            found_ids = departments.setdefault(municipality_id, set())
            if department_id is not None:
                found_ids.add(department_id)
        cache = {
            pk: MunicipalityRoles(frozenset(roles[pk]), frozenset(departments[pk])) for pk in roles
        }
        setattr(user, _CACHE_ATTR, cache)
    found = cache.get(municipality.pk, MunicipalityRoles())
    if user.is_superuser:
        return MunicipalityRoles(found.roles | {Role.COORDINATOR}, found.department_ids)
    return found


@dataclass
class Access:
    """What the current user may do in one municipality; views receive one of these."""

    user: object
    municipality: Municipality
    roles: MunicipalityRoles

    @property
    def is_member(self) -> bool:
        return bool(self.roles.roles)

    @property
    def is_coordinator(self) -> bool:
        return Role.COORDINATOR in self.roles.roles

    @property
    def is_department_contact(self) -> bool:
        return Role.DEPARTMENT_CONTACT in self.roles.roles

    @property
    def is_council_member(self) -> bool:
        return Role.COUNCIL_MEMBER in self.roles.roles

    @property
    def department_ids(self) -> frozenset[int]:
        return self.roles.department_ids

    def can_report_for(self, department: Department) -> bool:
        if department.municipality_id != self.municipality.pk:
            return False
        return self.is_coordinator or (
            self.is_department_contact and department.pk in self.department_ids
        )

    def require_coordinator(self) -> None:
        if not self.is_coordinator:
            raise PermissionDenied

    def require_report_for(self, department: Department) -> None:
        if department.municipality_id != self.municipality.pk:
            raise Http404
        if not self.can_report_for(department):
            raise PermissionDenied


def access_for(request, slug: str) -> Access:
    municipality = get_object_or_404(Municipality, slug=slug)
    return Access(request.user, municipality, roles_of(request.user, municipality))


def municipality_view(*, roles: set[str] | None = None, public: bool = False):
    """Decorate a view taking (request, access, **kwargs) from a URL with <slug:municipality>.

    public=True: anyone may open it (the view decides what to show).
    Otherwise the user must be logged in (else: login page), hold a role in this
    municipality (else: 404, another tenant's pages do not exist for them), and, when
    `roles` is given, one of those roles (else: 403).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, municipality, *args, **kwargs):
            if not public and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = access_for(request, municipality)
            if not public:
                if not access.is_member:
                    raise Http404
                if roles and not (access.roles.roles & set(roles)):
                    raise PermissionDenied
            request.access = access
            return view(request, access, *args, **kwargs)

        return wrapper

    return decorator


coordinator_view = municipality_view(roles={Role.COORDINATOR})
