import datetime

import pytest

from reporting import services
from reporting.models import ActivityKind
from tests.reporting.factories import ProjectFactory, adopted_goal_areas, make_round


@pytest.fixture
def goal_areas(municipality):
    return adopted_goal_areas(municipality)


@pytest.fixture
def round(municipality, department, other_department):
    return make_round(municipality, [department, other_department])


@pytest.fixture
def project(municipality, department):
    return ProjectFactory(
        municipality=municipality, lead_department=department, title="Baltic Schools"
    )


@pytest.fixture
def report(round, department, project, goal_areas):
    return services.report_start(round=round, department=department)


def complete(report, goal_areas):
    """Fill the required parts of a report (a comment per project, an activity, a result)."""
    rows = list(report.project_rows.all())
    report.refresh_from_db()
    services.report_save(
        report=report,
        expected_version=report.version,
        comments={row.pk: "Going well." for row in rows},
        results={goal_areas[0].pk: "New partners found."},
        no_activities=False,
    )
    services.activity_add(
        report=report,
        kind=ActivityKind.CONFERENCE,
        date=datetime.date(report.round.year, 5, 4),
        title="Network conference",
        partner="Eurocities",
        participants=3,
        goal_area=goal_areas[0],
    )
    report.refresh_from_db()
    return report
