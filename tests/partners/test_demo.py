import pytest

from intlstrategy import demo as organisation_demo
from partners import demo
from partners.models import (
    Category,
    CategoryChange,
    Consulate,
    ForumParticipant,
    NetworkMembership,
    Relation,
)

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_marked_and_covers_every_category_in_several_municipalities():
    organisation_demo.load()
    demo.load()
    counts = (
        Relation.objects.count(),
        CategoryChange.objects.count(),
        NetworkMembership.objects.count(),
        Consulate.objects.count(),
    )
    demo.load()
    assert counts == (
        Relation.objects.count(),
        CategoryChange.objects.count(),
        NetworkMembership.objects.count(),
        Consulate.objects.count(),
    )
    assert not Relation.objects.filter(is_demo=False).exists()
    for category in Category.values:
        municipalities = Relation.objects.filter(category=category).values("municipality")
        assert municipalities.distinct().count() >= 3, category
    assert not Relation.objects.filter(latitude__isnull=True).exists()
    assert {p.organisation_name for p in ForumParticipant.objects.all()} >= {
        "NTNU",
        "Innovasjon Norge",
        "Trøndelags Europakontor",
        "Trøndelag fylkeskommune",
    }
    seeds = set(
        NetworkMembership.objects.filter(municipality__slug="linkoping").values_list(
            "organisation__name", flat=True
        )
    )
    assert {"Regionförbundet Östsam", "East Sweden EU-kontoret"} <= seeds
    assert Relation.objects.one_way_solidarity().exists()  # the dashboard has an example
