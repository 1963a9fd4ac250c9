"""History keeps the many-to-many links too: who changed which departments and goal areas."""

import pytest

from strategies import services
from strategies.models import Measure

from .conftest import url

pytestmark = pytest.mark.django_db


def _draft_measure(document, coordinator):
    draft = services.document_start_draft(document=document, by=coordinator)
    measure = Measure.objects.get(strategy__document=draft, strategy__number=1, letter="a")
    return draft, measure


def test_a_change_of_a_measures_responsible_departments_is_in_history_with_who(
    client, login, municipality, document, coordinator, department, other_department
):
    draft, measure = _draft_measure(document, coordinator)
    before = measure.history.order_by("-history_date", "-history_id").first()
    login(coordinator)
    response = client.post(
        url("item_update", municipality, pk=draft.pk, kind="measure", item_pk=measure.pk),
        {
            "letter": "a",
            "text_en": measure.text_en,
            "responsible_departments": [department.pk, other_department.pk],
            "goal_areas": [draft.goal_areas.get(number=2).pk],
            "expected_version": measure.version,
        },
    )
    assert response.status_code == 302, response.content.decode()
    latest = measure.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == coordinator
    assert {row.department_id for row in latest.responsible_departments.all()} == {
        department.pk,
        other_department.pk,
    }
    assert [row.goalarea.number for row in latest.goal_areas.all()] == [2]
    # The record from before the edit still shows the goal area served until then.
    assert [row.goalarea.number for row in before.goal_areas.all()] == [1]
    assert not before.responsible_departments.exists()


def test_removing_a_measures_departments_is_recorded_with_who_removed_them(
    municipality, document, coordinator, department
):
    draft, measure = _draft_measure(document, coordinator)
    services.measure_update(measure=measure, by=coordinator, responsible_departments=[department])
    before = measure.history.count()
    services.measure_update(measure=measure, by=coordinator, responsible_departments=[])
    records = measure.history.order_by("-history_date", "-history_id")
    assert records.count() > before
    assert records.first().history_user == coordinator
    assert not records.first().responsible_departments.exists()


def test_a_change_of_a_strategys_goal_areas_is_in_history_with_who(
    municipality, document, coordinator
):
    draft = services.document_start_draft(document=document, by=coordinator)
    strategy = draft.strategies.get(number=1)
    both = list(draft.goal_areas.all())
    services.strategy_update(strategy=strategy, by=coordinator, goal_areas=both)
    latest = strategy.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == coordinator
    assert sorted(row.goalarea.number for row in latest.goal_areas.all()) == [1, 2]


def test_the_history_page_opens_after_links_changed(
    client, login, municipality, document, coordinator, department
):
    draft, measure = _draft_measure(document, coordinator)
    services.measure_update(measure=measure, by=coordinator, responsible_departments=[department])
    services.strategy_update(
        strategy=measure.strategy, by=coordinator, goal_areas=list(draft.goal_areas.all())
    )
    login(coordinator)
    response = client.get(url("document_history", municipality, pk=draft.pk))
    assert response.status_code == 200
    assert str(coordinator) in response.content.decode()
