import pytest

from tests.partners.factories import (
    ActivityFactory,
    CategoryChangeFactory,
    ContactFactory,
    EvaluationFactory,
    RelationFactory,
)


@pytest.fixture
def relation(municipality, department):
    relation = RelationFactory(
        municipality=municipality,
        city_en="Kaunas",
        city_sv="Kaunas",
        city_nb="Kaunas",
        city="Kaunas",
        country="LT",
        responsible_department=department,
    )
    CategoryChangeFactory(relation=relation)
    return relation


@pytest.fixture
def full_relation(relation):
    """A relation with every kind of internal record, including personal data."""
    EvaluationFactory(relation=relation)
    ContactFactory(relation=relation)
    ActivityFactory(relation=relation)
    return relation


@pytest.fixture
def foreign_relation(other_municipality):
    return RelationFactory(
        municipality=other_municipality, city_en="Darkhan", city="Darkhan", country="MN"
    )
