"""roles_of: a user's roles and departments per municipality, read in one query."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intlstrategy.models import Membership, Role
from intlstrategy.permissions import MunicipalityRoles, roles_of
from tests.factories import DepartmentFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    """The same user as a new request would load it: no roles cached yet."""
    return type(user).objects.get(pk=user.pk)


def test_roles_and_departments_of_several_memberships_in_two_municipalities(
    municipality, other_municipality, department, other_department
):
    third = DepartmentFactory(municipality=municipality, slug="kultur")
    abroad = DepartmentFactory(municipality=other_municipality, slug="kultur")
    DepartmentFactory(municipality=other_municipality, slug="helse")  # not theirs
    user = UserFactory()
    contact = Membership.objects.create(
        user=user, municipality=municipality, role=Role.DEPARTMENT_CONTACT
    )
    contact.departments.set([department, third])
    Membership.objects.create(user=user, municipality=municipality, role=Role.COUNCIL_MEMBER)
    Membership.objects.create(user=user, municipality=other_municipality, role=Role.COORDINATOR)
    abroad_contact = Membership.objects.create(
        user=user, municipality=other_municipality, role=Role.DEPARTMENT_CONTACT
    )
    abroad_contact.departments.set([abroad])
    user = _fresh(user)

    with CaptureQueriesContext(connection) as queries:
        here = roles_of(user, municipality)
        there = roles_of(user, other_municipality)

    assert here == MunicipalityRoles(
        frozenset({Role.DEPARTMENT_CONTACT, Role.COUNCIL_MEMBER}),
        frozenset({department.pk, third.pk}),
    )
    assert other_department.pk not in here.department_ids
    assert there == MunicipalityRoles(
        frozenset({Role.COORDINATOR, Role.DEPARTMENT_CONTACT}), frozenset({abroad.pk})
    )
    assert len(queries) == 1


def test_member_without_departments_has_roles_but_no_department_ids(municipality):
    user = UserFactory()
    Membership.objects.create(user=user, municipality=municipality, role=Role.COORDINATOR)
    assert roles_of(_fresh(user), municipality) == MunicipalityRoles(
        frozenset({Role.COORDINATOR}), frozenset()
    )


def test_no_roles_in_a_municipality_without_membership(municipality, other_municipality):
    user = UserFactory()
    Membership.objects.create(user=user, municipality=other_municipality, role=Role.COORDINATOR)
    assert roles_of(_fresh(user), municipality) == MunicipalityRoles()
    assert roles_of(AnonymousUser(), municipality) == MunicipalityRoles()


def test_superuser_coordinates_everywhere_and_keeps_own_departments(municipality, department):
    user = UserFactory(is_superuser=True)
    membership = Membership.objects.create(
        user=user, municipality=municipality, role=Role.DEPARTMENT_CONTACT
    )
    membership.departments.set([department])
    elsewhere = MunicipalityFactory(slug="lund")
    user = _fresh(user)
    assert roles_of(user, municipality) == MunicipalityRoles(
        frozenset({Role.DEPARTMENT_CONTACT, Role.COORDINATOR}), frozenset({department.pk})
    )
    assert roles_of(user, elsewhere) == MunicipalityRoles(frozenset({Role.COORDINATOR}))
