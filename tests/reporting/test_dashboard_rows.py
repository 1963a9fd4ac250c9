"""The coordinator's reporting panel reads departments with their report status in one
query; it must classify every state exactly as the round page's selector does."""

import datetime

import pytest

from intlstrategy.permissions import Access, roles_of
from reporting import selectors
from reporting.dashboard import reporting_panel
from reporting.models import ReportStatus
from tests.factories import DepartmentFactory
from tests.reporting.factories import make_report, make_round

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("deadline_passed", [True, False])
def test_panel_rows_match_the_round_selector_for_every_state(
    municipality, coordinator, deadline_passed
):
    today = datetime.date.today()
    deadline = today - datetime.timedelta(days=3 if deadline_passed else -3)
    states = [None, *ReportStatus.values]  # not started, draft, submitted, returned, approved
    departments = [
        DepartmentFactory(municipality=municipality, slug=f"d{n}", name_en=f"Department {n}")
        for n in range(len(states))
    ]
    round = make_round(municipality, departments, year=today.year - 1, deadline=deadline)
    for department, state in zip(departments, states, strict=True):
        if state is not None:
            make_report(round, department, status=state)
    access = Access(coordinator, municipality, roles_of(coordinator, municipality))

    panel = reporting_panel(access)

    expected = selectors.round_rows(round, access)

    def seen(rows):
        return [(r.department.pk, r.department.slug, r.state, r.badge, r.late) for r in rows]

    assert seen(panel.context["late"]) == seen(r for r in expected if r.late)
    assert seen(panel.context["waiting"]) == seen(
        r for r in expected if r.state == ReportStatus.SUBMITTED
    )
    late = 3 if deadline_passed else 0  # not started, draft, returned
    assert len(panel.context["late"]) == late
    assert panel.attention == late + 1
