"""The year selector reporting reuses: Project.objects.in_year(year), at the edges."""

import datetime

import pytest

from projects.models import KindInYear, Project
from tests.projects.factories import ProjectFactory

D = datetime.date


def kinds(municipality, year):
    return {
        p.title: p.kind_in_year
        for p in Project.objects.for_municipality(municipality).in_year(year)
    }


@pytest.mark.django_db
def test_a_project_ending_on_1_january_counts_in_that_year_as_completed(municipality):
    ProjectFactory(
        municipality=municipality,
        title="ends-new-year",
        status="completed",
        start_date=D(2023, 3, 1),
        end_date=D(2025, 1, 1),
    )
    assert kinds(municipality, 2025) == {"ends-new-year": KindInYear.COMPLETED}
    assert kinds(municipality, 2024) == {"ends-new-year": KindInYear.ONGOING}
    assert kinds(municipality, 2026) == {}


@pytest.mark.django_db
def test_a_project_starting_on_31_december_counts_in_that_year_and_not_before(municipality):
    ProjectFactory(
        municipality=municipality,
        title="starts-new-years-eve",
        status="approved",
        start_date=D(2025, 12, 31),
        end_date=D(2027, 6, 30),
    )
    assert kinds(municipality, 2025) == {"starts-new-years-eve": KindInYear.ONGOING}
    assert kinds(municipality, 2024) == {}


@pytest.mark.django_db
def test_a_project_ending_on_31_december_is_not_in_the_next_year(municipality):
    ProjectFactory(
        municipality=municipality,
        title="x",
        status="completed",
        start_date=D(2022, 1, 1),
        end_date=D(2024, 12, 31),
    )
    assert kinds(municipality, 2024) == {"x": KindInYear.COMPLETED}
    assert kinds(municipality, 2025) == {}


@pytest.mark.django_db
def test_an_application_counts_in_the_year_it_was_submitted(municipality):
    ProjectFactory(
        municipality=municipality,
        title="applied",
        status="submitted",
        submitted_on=D(2025, 12, 31),
        start_date=D(2026, 3, 1),
        end_date=D(2028, 2, 28),
    )
    ProjectFactory(
        municipality=municipality,
        title="rejected",
        status="rejected",
        submitted_on=D(2025, 1, 1),
        start_date=D(2025, 6, 1),
        end_date=D(2027, 1, 1),
    )
    assert kinds(municipality, 2025) == {
        "applied": KindInYear.SUBMITTED,
        "rejected": KindInYear.SUBMITTED,
    }
    # Not approved: the planned period does not make it ongoing in 2026.
    assert kinds(municipality, 2026) == {}


@pytest.mark.django_db
def test_ideas_and_projects_without_dates_are_not_in_any_year(municipality):
    ProjectFactory(
        municipality=municipality, title="idea", status="idea", start_date=None, end_date=None
    )
    ProjectFactory(
        municipality=municipality,
        title="prep",
        status="in_preparation",
        start_date=D(2025, 1, 1),
        end_date=D(2025, 12, 31),
    )
    assert kinds(municipality, 2025) == {}


@pytest.mark.django_db
def test_an_ongoing_project_without_end_date_runs_on(municipality):
    ProjectFactory(
        municipality=municipality,
        title="open",
        status="ongoing",
        start_date=D(2021, 5, 1),
        end_date=None,
    )
    assert kinds(municipality, 2021) == {"open": KindInYear.ONGOING}
    assert kinds(municipality, 2030) == {"open": KindInYear.ONGOING}
    assert kinds(municipality, 2020) == {}


@pytest.mark.django_db
def test_the_year_selector_keeps_other_municipalities_out(municipality, other_municipality):
    ProjectFactory(municipality=other_municipality, title="theirs")
    ProjectFactory(municipality=municipality, title="ours")
    assert set(kinds(municipality, 2025)) == {"ours"}
