import pytest
from django.urls import reverse

from intlstrategy.models import Role
from tests.factories import DepartmentContactFactory, DepartmentFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def dept_url(department, language="en"):
    return f"/{language}/{department.municipality.slug}/departments/{department.slug}/"


def test_coordinator_sees_own_department_page(client, coordinator, department):
    client.force_login(coordinator)
    response = client.get(dept_url(department))
    assert response.status_code == 200
    assert department.name_en in response.content.decode()


def test_user_of_another_municipality_gets_404_on_department_pages(
    client, foreign_coordinator, department
):
    """A Trondheim coordinator must not learn that Växjö's department pages exist."""
    client.force_login(foreign_coordinator)
    assert client.get(dept_url(department)).status_code == 404
    assert client.get(f"/en/{department.municipality.slug}/departments/").status_code == 404
    assert client.get(f"/en/{department.municipality.slug}/dashboard/").status_code == 404


def test_department_of_another_municipality_is_404_even_for_own_coordinator(
    client, coordinator, other_municipality
):
    foreign = DepartmentFactory(municipality=other_municipality, slug="oppvekst")
    client.force_login(coordinator)
    # The foreign department's slug used under our own municipality: not found.
    assert client.get(f"/en/vaxjo/departments/{foreign.slug}/").status_code == 404


def test_anonymous_is_sent_to_login_from_internal_pages(client, department):
    response = client.get(dept_url(department))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("who", ["contact", "council_member"])
def test_people_page_is_for_coordinators_only(client, request, who, coordinator):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/en/vaxjo/people/").status_code == 403
    client.force_login(coordinator)
    assert client.get("/en/vaxjo/people/").status_code == 200


def test_user_with_roles_in_two_municipalities_reaches_both(
    client, municipality, other_municipality
):
    from intlstrategy.models import Membership
    from tests.factories import UserFactory

    user = UserFactory(username="joint")
    Membership.objects.create(user=user, municipality=municipality, role=Role.COORDINATOR)
    Membership.objects.create(user=user, municipality=other_municipality, role=Role.COUNCIL_MEMBER)
    client.force_login(user)
    assert client.get("/en/vaxjo/people/").status_code == 200
    assert client.get("/en/trondheim/people/").status_code == 403
    assert client.get("/en/trondheim/dashboard/").status_code == 200
    chooser = client.get("/en/dashboard/")
    assert chooser.status_code == 200
    assert "/en/vaxjo/dashboard/" in chooser.content.decode()


def test_public_municipality_page_needs_no_login(client, municipality):
    response = client.get("/sv/vaxjo/")
    assert response.status_code == 200
    assert 'lang="sv"' in response.content.decode()


def test_unknown_municipality_is_404(client, db):
    assert client.get("/en/atlantis/").status_code == 404


def test_department_list_runs_a_fixed_number_of_queries(client, coordinator, municipality):
    client.force_login(coordinator)

    def grow():
        for _ in range(10):
            department = DepartmentFactory(municipality=municipality)
            DepartmentContactFactory(department=department)

    assert_constant_queries(client, "/en/vaxjo/departments/", grow)
