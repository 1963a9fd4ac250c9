import pytest

from tests.projects.factories import ProgrammeFactory, ProjectFactory


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Interreg Europe", short_name="Interreg Europe")


@pytest.fixture
def project(municipality, department, programme):
    """Ongoing, led by `department` (whose contact is `contact`)."""
    return ProjectFactory(
        municipality=municipality, lead_department=department, programme=programme
    )


@pytest.fixture
def idea(municipality, department, programme):
    return ProjectFactory(
        municipality=municipality,
        lead_department=department,
        programme=programme,
        status="idea",
        start_date=None,
        end_date=None,
    )
