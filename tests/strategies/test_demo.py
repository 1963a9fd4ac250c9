import pytest

from intlstrategy import demo as organisation_demo
from strategies import demo
from strategies.models import (
    CouncilAmendment,
    Goal,
    GoalArea,
    Indicator,
    Measure,
    StrategyDocument,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    organisation_demo.load()
    demo.load()


def _counts():
    return [
        m.objects.count()
        for m in (StrategyDocument, GoalArea, Goal, Measure, CouncilAmendment, Indicator)
    ]


def test_the_demo_loads_all_five_seed_documents_idempotently(loaded):
    before = _counts()
    demo.load()
    assert _counts() == before
    assert StrategyDocument.objects.count() == 5


def test_trondheim_has_every_goal_area_goal_strategy_measure_and_amendment(loaded):
    document = StrategyDocument.objects.get(municipalities__slug="trondheim")
    assert document.title_nb.startswith("Store – lille Trondheim")
    assert document.case_number == "09/40014"
    goals = {a.number: "".join(g.letter for g in a.goals.all()) for a in document.goal_areas.all()}
    assert goals == {1: "abcd", 2: "abc", 3: "ab", 4: "ab"}
    measures = {
        s.number: "".join(m.letter for m in s.measures.all()) for s in document.strategies.all()
    }
    assert measures == {1: "abcdefghi", 2: "abc", 3: "abcdef", 4: "abcdefgh"}
    added = document.amendments.get(item="4b")
    assert added.kind == "added" and added.measure.letter == "f"
    assert added.measure.strategy.number == 3


def test_vaxjo_metadata_and_what_it_replaces(loaded):
    document = StrategyDocument.objects.get(municipalities__slug="vaxjo")
    assert document.paragraph == "§ 213"
    assert document.case_number == "KS/2012:935"
    assert str(document.adopted_on) == "2013-10-15"
    assert document.owner.slug == "planeringskontoret"
    assert document.replaces_note == "Antaget av fullmäktige 2009-08-25 § 170"
    assert document.valid_until is None
    statuses = {
        i.name_sv: i.status
        for i in Indicator.objects.for_municipality(document.municipalities.get())
    }
    assert set(statuses.values()) <= {"on_track", "at_risk", "off_track"}


def test_the_joint_document_is_shared_and_has_a_part_per_municipality(loaded):
    document = StrategyDocument.objects.get(municipalities__slug="linkoping")
    assert set(document.municipalities.values_list("slug", flat=True)) == {
        "linkoping",
        "norrkoping",
    }
    assert document.strategies.count() == 12
    from intlstrategy.models import Municipality

    linkoping = GoalArea.objects.adopted_for(Municipality.objects.get(slug="linkoping"))
    assert [a.number for a in linkoping] == [1, 2, 3, 4]


def test_orebro_platform_has_eleven_orientations_and_gavle_three_areas(loaded):
    orebro = StrategyDocument.objects.get(municipalities__slug="orebro")
    assert orebro.kind == "platform" and orebro.goal_areas.count() == 11
    gavle = StrategyDocument.objects.get(municipalities__slug="gavle")
    assert gavle.vision_sv and gavle.goal_areas.count() == 3


def test_vaxjo_responsibilities_are_rows_per_body_and_a_reload_keeps_edits(loaded):
    from strategies.models import Responsibility

    document = StrategyDocument.objects.get(municipalities__slug="vaxjo")
    rows = list(document.responsibility_rows.all())
    assert [r.body_sv for r in rows] == [
        "Kommunfullmäktige",
        "Nämnder och bolagsstyrelser",
        "Förvaltningar/kommunala bolag",
        "Nätverk/arbetsgrupp internationella frågor",
        "Kommunstyrelsen",
    ]
    assert "Rapporteringen ska innehålla" in rows[2].duties_sv
    assert rows[0].history.count() == 1
    # The loader never changes existing data: an edited or removed row stays so.
    rows[0].duties_sv = "Ändrad"
    rows[0].save()
    rows[-1].delete()
    demo.load()
    assert document.responsibility_rows.count() == 4
    assert Responsibility.objects.get(pk=rows[0].pk).duties_sv == "Ändrad"
