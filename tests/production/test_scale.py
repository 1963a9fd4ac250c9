"""Speed at scale: generate_scale_data works, and every main page runs the same number of
SQL queries with 3× the data as with 1×."""

from io import StringIO

import pytest
from django.core.management import call_command

from intlstrategy.management.commands.generate_scale_data import populate
from intlstrategy.models import Department, Municipality
from tests.querycount import assert_constant_queries


@pytest.mark.django_db
def test_generate_scale_data_builds_every_apps_data_and_never_duplicates():
    from partners.models import Relation
    from projects.models import Project
    from reporting.models import DepartmentReport, ReportingRound

    out = StringIO()
    call_command(
        "generate_scale_data",
        "--municipalities",
        "2",
        "--departments",
        "3",
        "--years",
        "2",
        "--relations",
        "2",
        stdout=out,
    )
    assert Municipality.objects.filter(slug__startswith="scale-").count() == 2
    assert Department.objects.filter(municipality__slug__startswith="scale-").count() == 6
    assert Relation.objects.filter(municipality__slug="scale-0").count() == 2
    assert Project.objects.filter(municipality__slug="scale-1").count() == 3 * 2
    assert ReportingRound.objects.filter(municipality__slug="scale-0").count() == 2
    assert DepartmentReport.objects.filter(round__municipality__slug="scale-0").count() == 3 * 2
    assert "12 reports" in out.getvalue() and "2 municipalities" in out.getvalue()
    call_command(
        "generate_scale_data",
        "--municipalities",
        "1",
        "--departments",
        "1",
        "--years",
        "1",
        "--scale",
        "1",
        stdout=StringIO(),
    )
    assert Municipality.objects.filter(slug__startswith="scale-").count() == 3


def main_pages(world, department):
    """The main pages of every app, as (URL, role)."""
    year = world.round.year
    return [
        ("/en/vaxjo/", "anonymous"),
        ("/en/vaxjo/dashboard/", "coordinator"),
        ("/en/vaxjo/dashboard/", "own_contact"),
        ("/en/vaxjo/departments/", "coordinator"),
        ("/en/vaxjo/people/", "coordinator"),
        ("/en/vaxjo/strategy/", "anonymous"),
        (f"/en/vaxjo/strategy/{world.document.pk}/", "anonymous"),
        ("/en/vaxjo/twin-towns/", "anonymous"),
        ("/en/vaxjo/twin-towns/", "coordinator"),
        ("/en/vaxjo/twin-towns/map/", "anonymous"),
        ("/en/vaxjo/networks/", "coordinator"),
        ("/en/vaxjo/consulates-and-forum/", "anonymous"),
        ("/en/vaxjo/projects/", "anonymous"),
        ("/en/vaxjo/projects/", "coordinator"),
        ("/en/vaxjo/projects/pipeline/", "coordinator"),
        (f"/en/vaxjo/projects/year/{year}/", "anonymous"),
        ("/en/vaxjo/reporting/", "coordinator"),
        ("/en/vaxjo/reporting/", "own_contact"),
        (f"/en/vaxjo/reporting/{year}/", "coordinator"),
        (f"/en/vaxjo/reporting/{year}/{department.slug}/", "own_contact"),
        ("/en/vaxjo/reporting/followups/", "council_member"),
        ("/api/v1/municipalities/vaxjo/projects/", "anonymous"),
        ("/api/v1/municipalities/vaxjo/twin-towns/", "anonymous"),
    ]


@pytest.mark.django_db
def test_every_main_page_runs_the_same_number_of_queries_at_1x_and_3x(
    client, world, municipality, department, coordinator, contact, council_member
):
    users = {
        "coordinator": coordinator,
        "own_contact": contact,
        "council_member": council_member,
        "anonymous": None,
    }
    units = iter(range(1, 100))

    def grow():
        populate(municipality, departments=2, years=2, relations=2, unit=next(units))

    failures = []
    for url, role in main_pages(world, department):
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        try:
            assert_constant_queries(client, url, grow)
        except AssertionError as exc:
            failures.append(f"{url} as {role}: {str(exc).splitlines()[0]}")
    assert failures == [], "\n".join(failures)
