"""Owner continuity: what has nobody to look after it because people left.

Work in the portal is owned by departments, and a department is reached through its
contact persons. When the last active contact of a department leaves (removed, or the
account deactivated), the department's open report, its action-plan activities and so on
keep an owner on paper that nobody answers for. The coordinator's dashboard lists those
departments and, from each app, the items that depend on them (`register`), so that she
can name someone before the next round.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import Department, Membership, Municipality, Role
from .people import departments_without_contact

_contributors: list[Callable] = []


@dataclass
class Item:
    """Something owned by a department without a contact: shown with a link."""

    kind: str  # e.g. "report", "action-plan activity", in the reader's language
    title: str
    url: str
    department: Department


@dataclass
class Orphan:
    department: Department
    left: list = field(default_factory=list)  # contacts whose account is deactivated
    items: list[Item] = field(default_factory=list)


def register(function: Callable) -> Callable:
    """`function(municipality, departments: dict[pk, Department]) -> list[Item]`, in a
    fixed number of queries."""
    if function not in _contributors:
        _contributors.append(function)
    return function


@dataclass
class LeftPerson:
    """Someone whose account is deactivated but who still holds roles here: their name
    stands as owner where nobody answers any more."""

    user: object
    roles: list = field(default_factory=list)
    departments: list = field(default_factory=list)


def left_people(municipality: Municipality) -> list[LeftPerson]:
    """Deactivated accounts still holding roles here (one query and a prefetch)."""
    memberships = (
        Membership.objects.for_municipality(municipality)
        .filter(user__is_active=False)
        .select_related("user")
        .prefetch_related("departments")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    people: dict[int, LeftPerson] = {}
    for membership in memberships:
        person = people.setdefault(membership.user_id, LeftPerson(membership.user))
        person.roles.append(membership.get_role_display())
        person.departments.extend(membership.departments.all())
    return list(people.values())


def orphans_of(municipality: Municipality) -> list[Orphan]:
    """Departments without an active contact person, each with the contacts who left and
    the items that depend on it (1 + 1 + one query per contributing app)."""
    left = Membership.objects.filter(role=Role.DEPARTMENT_CONTACT, user__is_active=False)
    departments = list(
        departments_without_contact(municipality).prefetch_related(
            Prefetch("memberships", queryset=left.select_related("user"), to_attr="left")
        )
    )
    if not departments:
        return []
    orphans = {d.pk: Orphan(department=d, left=[m.user for m in d.left]) for d in departments}
    by_pk = {d.pk: d for d in departments}
    for contributor in _contributors:
        for item in contributor(municipality, by_pk):
            orphans[item.department.pk].items.append(item)
    return list(orphans.values())
