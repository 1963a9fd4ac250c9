import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from intlstrategy.concurrency import EditConflict
from strategies import services
from strategies.models import DocumentStatus, IndicatorStatus, Measure, StrategyDocument
from strategies.terms import term_of_office
from tests.factories import DepartmentFactory, MunicipalityFactory

from .factories import (
    ActionPlanFactory,
    ActivityFactory,
    GoalAreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    full_document,
)

pytestmark = pytest.mark.django_db


def test_start_draft_copies_the_whole_adopted_tree(municipality, coordinator):
    adopted = full_document(municipality, size=2)
    draft = services.document_start_draft(document=adopted, by=coordinator)
    assert draft.status == DocumentStatus.DRAFT
    assert draft.previous_version == adopted
    assert list(draft.municipalities.all()) == [municipality]
    assert draft.goal_areas.count() == 2
    assert sum(a.goals.count() for a in draft.goal_areas.all()) == 6
    assert Measure.objects.filter(strategy__document=draft).count() == 6
    assert draft.amendments.count() == 2
    # Amendments point at the copies, not the adopted document's measures.
    assert all(a.measure.strategy.document_id == draft.pk for a in draft.amendments.all())
    # Links from strategies to goal areas point at the copies too.
    strategy = draft.strategies.get(number=1)
    assert list(strategy.goal_areas.all()) == [draft.goal_areas.get(number=1)]
    assert strategy.title_sv == "Strategi 1"
    # The adopted document itself is untouched.
    assert adopted.goal_areas.count() == 2


def test_a_second_draft_of_the_same_document_is_refused(municipality, coordinator):
    adopted = full_document(municipality)
    services.document_start_draft(document=adopted, by=coordinator)
    with pytest.raises(ValidationError):
        services.document_start_draft(document=adopted, by=coordinator)


def test_adopting_a_draft_supersedes_the_previous_version(municipality, coordinator):
    adopted = full_document(municipality)
    plan = ActionPlanFactory(document=adopted)
    activity = ActivityFactory(action_plan=plan)
    activity.measures.set([Measure.objects.get(strategy__document=adopted, letter="b")])
    draft = services.document_start_draft(document=adopted, by=coordinator)
    services.document_adopt(
        document=draft,
        by=coordinator,
        adopted_by="council",
        adopted_on=datetime.date(2024, 3, 1),
        paragraph="§ 12",
        case_number="KS/2024:1",
    )
    adopted.refresh_from_db()
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.ADOPTED
    assert adopted.status == DocumentStatus.SUPERSEDED
    assert StrategyDocument.objects.filter(pk=adopted.pk).exists()
    assert draft.case_number == "KS/2024:1"
    # The action plan moved with the current version, its measure link re-pointed.
    plan.refresh_from_db()
    assert plan.document == draft
    assert activity.measures.get().strategy.document == draft


def test_an_adoption_date_in_the_future_is_refused(municipality, coordinator):
    draft = services.document_start_draft(document=full_document(municipality), by=coordinator)
    with pytest.raises(ValidationError) as error:
        services.document_adopt(
            document=draft,
            by=coordinator,
            adopted_by="council",
            adopted_on=datetime.date.today() + datetime.timedelta(days=2),
        )
    assert "adopted_on" in error.value.message_dict
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT


def test_adopted_documents_cannot_be_edited(municipality, coordinator):
    adopted = full_document(municipality)
    with pytest.raises(ValidationError):
        services.goal_area_update(goal_area=adopted.goal_areas.first(), by=coordinator, title="x")


def test_a_duplicate_number_is_reported_at_the_number_field(municipality, coordinator):
    draft = services.document_start_draft(document=full_document(municipality), by=coordinator)
    with pytest.raises(ValidationError) as error:
        services.goal_area_create(document=draft, by=coordinator, number=1, title="Dup")
    assert "number" in error.value.message_dict


def test_a_measure_cannot_be_assigned_to_another_municipalitys_department(
    municipality, coordinator
):
    draft = services.document_start_draft(document=full_document(municipality), by=coordinator)
    foreign = DepartmentFactory(municipality=MunicipalityFactory(slug="gavle"))
    measure = Measure.objects.filter(strategy__document=draft).first()
    with pytest.raises(ValidationError) as error:
        services.measure_update(measure=measure, by=coordinator, responsible_departments=[foreign])
    assert "responsible_departments" in error.value.message_dict


def test_the_second_of_two_concurrent_saves_is_refused(municipality, coordinator):
    draft = services.document_start_draft(document=full_document(municipality), by=coordinator)
    measure = Measure.objects.filter(strategy__document=draft).first()
    version = measure.version
    services.measure_update(measure=measure, by=coordinator, expected_version=version, text_sv="A")
    stale = Measure.objects.get(pk=measure.pk)
    with pytest.raises(EditConflict) as conflict:
        services.measure_update(
            measure=stale, by=coordinator, expected_version=version, text_sv="B"
        )
    assert str(coordinator) in conflict.value.message
    assert Measure.objects.get(pk=measure.pk).text_sv == "A"


def test_moving_a_measure_up_swaps_letters(municipality, coordinator):
    draft = services.document_start_draft(document=full_document(municipality), by=coordinator)
    strategy = draft.strategies.get()
    b = strategy.measures.get(letter="b")
    text = b.text_en
    services.measure_move(measure=b, direction="up", by=coordinator)
    assert strategy.measures.get(letter="a").text_en == text


def test_revert_starts_a_draft_with_the_earlier_text(municipality, coordinator):
    first = full_document(municipality)
    draft = services.document_start_draft(document=first, by=coordinator)
    area = draft.goal_areas.get(number=1)
    services.goal_area_update(goal_area=area, by=coordinator, title_en="Reworded")
    services.document_adopt(
        document=draft, by=coordinator, adopted_by="council", adopted_on=datetime.date(2024, 1, 1)
    )
    first.refresh_from_db()
    revert = services.document_revert(document=first, by=coordinator)
    assert revert.status == DocumentStatus.DRAFT
    assert revert.previous_version == draft
    assert revert.goal_areas.get(number=1).title_en == "Goal area 1"
    assert StrategyDocument.objects.count() == 3


def test_an_indicator_target_without_unit_is_refused_at_the_unit(municipality, coordinator):
    plan = ActionPlanFactory(document=full_document(municipality))
    with pytest.raises(ValidationError) as error:
        services.indicator_create(action_plan=plan, by=coordinator, name="x", target=5, unit="")
    assert list(error.value.message_dict) == ["unit"]


def test_activity_dates_out_of_order_are_refused_at_the_end(municipality, coordinator):
    plan = ActionPlanFactory(document=full_document(municipality))
    with pytest.raises(ValidationError) as error:
        services.activity_create(
            action_plan=plan,
            by=coordinator,
            number=1,
            title="x",
            starts_on=datetime.date(2024, 5, 1),
            ends_on=datetime.date(2024, 1, 1),
        )
    assert "ends_on" in error.value.message_dict


@pytest.mark.parametrize(
    ("direction", "value", "status"),
    [
        ("higher", 10, IndicatorStatus.ON_TRACK),  # target reached
        ("higher", 6, IndicatorStatus.ON_TRACK),  # half-way in half the time (2023)
        ("higher", 4, IndicatorStatus.AT_RISK),  # a quarter of the way, half the time
        ("higher", 2, IndicatorStatus.OFF_TRACK),  # no progress
        ("higher", 1, IndicatorStatus.OFF_TRACK),  # wrong direction
    ],
)
def test_indicator_status_compares_progress_with_time_elapsed(
    municipality, direction, value, status
):
    indicator = IndicatorFactory(
        action_plan=ActionPlanFactory(document=full_document(municipality)),
        direction=direction,
        baseline=2,
        baseline_year=2021,
        target=10,
        target_year=2025,
    )
    IndicatorValueFactory(indicator=indicator, year=2023, value=value)
    assert indicator.status == status


def test_indicator_status_when_lower_is_better(municipality):
    indicator = IndicatorFactory(
        action_plan=ActionPlanFactory(document=full_document(municipality)),
        direction="lower",
        baseline=100,
        baseline_year=2021,
        target=50,
        target_year=2025,
    )
    IndicatorValueFactory(indicator=indicator, year=2025, value=Decimal("49"))
    assert indicator.status == IndicatorStatus.ON_TRACK
    assert IndicatorFactory(action_plan=indicator.action_plan).status is None  # no values


def test_indicators_for_municipality_are_those_of_adopted_documents(municipality, coordinator):
    adopted = full_document(municipality)
    IndicatorValueFactory(
        indicator=IndicatorFactory(action_plan=ActionPlanFactory(document=adopted))
    )
    draft = services.document_start_draft(document=adopted, by=coordinator)
    IndicatorFactory(action_plan=ActionPlanFactory(document=draft))
    found = list(services_indicators(municipality))
    assert len(found) == 1 and found[0].action_plan.document == adopted


def services_indicators(municipality):
    from strategies.models import Indicator

    return Indicator.objects.for_municipality(municipality)


@pytest.mark.parametrize(
    ("country", "day", "label"),
    [
        ("SE", datetime.date(2025, 3, 1), "2022–2026"),
        ("SE", datetime.date(2026, 10, 14), "2022–2026"),
        ("SE", datetime.date(2026, 10, 15), "2026–2030"),
        ("NO", datetime.date(2026, 3, 1), "2023–2027"),
        ("NO", datetime.date(2027, 10, 1), "2027–2031"),
        ("NO", datetime.date(2023, 9, 30), "2019–2023"),
    ],
)
def test_term_of_office(country, day, label):
    assert term_of_office(country, day).label == label


def test_goal_area_of_a_joint_document_may_belong_to_one_municipality(municipality, coordinator):
    other = MunicipalityFactory(slug="norrkoping")
    document = full_document(municipality)
    document.municipalities.add(other)
    GoalAreaFactory(document=document, number=9, municipality=other)
    from strategies.models import GoalArea

    assert GoalArea.objects.adopted_for(municipality).count() == 1
    assert GoalArea.objects.adopted_for(other).count() == 2
