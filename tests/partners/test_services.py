import datetime

import pytest
from django.core.exceptions import ValidationError

from intlstrategy.concurrency import EditConflict
from partners import services
from partners.models import Category, CategoryChange, Direction, Relation
from tests.partners.factories import ActivityFactory, RelationFactory

pytestmark = pytest.mark.django_db


def test_it_records_a_category_change_with_reason_and_decision(relation, coordinator):
    change = services.relation_change_category(
        relation=relation,
        to_category=Category.DORMANT,
        reason="No activity since 2019",
        date=datetime.date(2026, 3, 1),
        decided_by="executive_board",
        decision_date=datetime.date(2026, 2, 20),
        case_number="KS 2026/12",
        by=coordinator,
    )
    relation.refresh_from_db()
    assert relation.category == Category.DORMANT
    assert change.from_category == Category.PROJECT_AGREEMENT
    assert change.recorded_by == coordinator
    history = list(
        relation.category_changes.order_by("date").values_list("from_category", "to_category")
    )
    assert history == [
        ("", Category.PROJECT_AGREEMENT),
        (Category.PROJECT_AGREEMENT, Category.DORMANT),
    ]


def test_it_refuses_a_category_change_without_reason_and_changes_nothing(relation):
    with pytest.raises(ValidationError) as caught:
        services.relation_change_category(
            relation=relation, to_category=Category.DORMANT, reason="   "
        )
    assert "reason" in caught.value.error_dict
    relation.refresh_from_db()
    assert relation.category == Category.PROJECT_AGREEMENT
    assert relation.category_changes.count() == 1


def test_a_category_change_before_the_relation_began_is_refused_by_the_service(relation):
    began = relation.began_on
    assert began is not None
    with pytest.raises(ValidationError) as caught:
        services.relation_change_category(
            relation=relation,
            to_category=Category.DORMANT,
            reason="Back-dated by mistake",
            date=began - datetime.timedelta(days=1),
        )
    assert "date" in caught.value.error_dict
    relation.refresh_from_db()
    assert relation.category == Category.PROJECT_AGREEMENT
    assert relation.category_changes.count() == 1


def test_it_refuses_a_change_to_the_same_category(relation):
    with pytest.raises(ValidationError):
        services.relation_change_category(
            relation=relation, to_category=Category.PROJECT_AGREEMENT, reason="x"
        )
    assert relation.category_changes.count() == 1


def test_a_stale_regrade_is_a_conflict(relation):
    services.relation_change_category(
        relation=relation,
        to_category=Category.DORMANT,
        reason="first",
        expected_version=relation.version,
    )
    with pytest.raises(EditConflict):
        services.relation_change_category(
            relation=relation,
            to_category=Category.SOLIDARITY,
            reason="second",
            expected_version=relation.version,
        )
    relation.refresh_from_db()
    assert relation.category == Category.DORMANT
    assert relation.category_changes.count() == 2


def test_creating_a_relation_starts_its_history(municipality, coordinator):
    relation = Relation(
        municipality=municipality,
        city="Tartu",
        city_sv="Tartu",
        country="EE",
        category=Category.SOLIDARITY,
        established_year=1996,
    )
    services.relation_create(relation=relation, reason="Decided by the council", by=coordinator)
    change = relation.category_changes.get()
    assert (change.from_category, change.to_category) == ("", Category.SOLIDARITY)
    assert change.date == datetime.date(1996, 1, 1)


def test_ending_a_relation_keeps_it_and_its_history(relation):
    services.relation_end(
        relation=relation,
        ended_on=datetime.date(2026, 1, 1),
        reason="Council decision to end",
        decided_by="council",
        expected_version=relation.version,
    )
    relation.refresh_from_db()
    assert relation.ended_on == datetime.date(2026, 1, 1)
    assert Relation.objects.filter(pk=relation.pk).exists()
    assert relation.category_changes.count() == 1
    assert not Relation.objects.active().filter(pk=relation.pk).exists()


def test_ending_without_a_reason_is_refused(relation):
    with pytest.raises(ValidationError) as caught:
        services.relation_end(relation=relation, ended_on=datetime.date(2026, 1, 1), reason="")
    assert "end_reason" in caught.value.error_dict


@pytest.mark.parametrize(
    "directions, warned",
    [
        ([], True),
        ([Direction.OUTGOING], True),
        ([Direction.INCOMING, Direction.INCOMING], True),
        ([Direction.INCOMING, Direction.OUTGOING], False),
    ],
)
def test_reciprocity_warning_for_solidarity_relations(municipality, directions, warned):
    relation = RelationFactory(municipality=municipality, category=Category.SOLIDARITY)
    for direction in directions:
        ActivityFactory(relation=relation, direction=direction)
    annotated = Relation.objects.with_reciprocity().get(pk=relation.pk)
    assert annotated.reciprocity_warning is warned
    assert Relation.objects.one_way_solidarity().filter(pk=relation.pk).exists() is warned


def test_activities_older_than_two_years_do_not_count(municipality):
    relation = RelationFactory(municipality=municipality, category=Category.SOLIDARITY)
    ActivityFactory(relation=relation, direction=Direction.OUTGOING)
    ActivityFactory(
        relation=relation,
        direction=Direction.INCOMING,
        date=datetime.date.today() - datetime.timedelta(days=3 * 365),
    )
    assert Relation.objects.with_reciprocity().get(pk=relation.pk).reciprocity_warning


def test_only_solidarity_relations_get_the_warning(municipality):
    relation = RelationFactory(municipality=municipality, category=Category.POLITICAL_FOCUS)
    assert not Relation.objects.with_reciprocity().get(pk=relation.pk).reciprocity_warning


def test_review_overdue_lists_only_active_relations_past_their_date(municipality):
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    overdue = RelationFactory(municipality=municipality, next_review_on=yesterday)
    RelationFactory(
        municipality=municipality, next_review_on=yesterday, ended_on=yesterday, end_reason="ended"
    )
    RelationFactory(
        municipality=municipality, next_review_on=datetime.date.today() + datetime.timedelta(days=5)
    )
    assert list(Relation.objects.review_overdue()) == [overdue]


def test_category_change_history_is_kept_by_simple_history(relation, coordinator):
    services.relation_change_category(
        relation=relation, to_category=Category.DORMANT, reason="r", by=coordinator
    )
    assert CategoryChange.history.filter(relation_id=relation.pk).count() == 2
