"""A joint document (Linköping–Norrköping): each municipality writes its own part and,
when the document lets it, the common part; never the other municipality's own part."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from strategies import services
from strategies.models import (
    CouncilAmendment,
    Goal,
    GoalArea,
    Measure,
    Milestone,
    Strategy,
    StrategyDocument,
)
from tests.factories import CoordinatorFactory, MunicipalityFactory

from .conftest import url
from .factories import (
    ActionPlanFactory,
    ActivityFactory,
    AmendmentFactory,
    DocumentFactory,
    FollowUpFactory,
    GoalAreaFactory,
    GoalFactory,
    IndicatorFactory,
    MeasureFactory,
    StrategyFactory,
    grow_document,
)

pytestmark = pytest.mark.django_db

OWN_PART_NUMBER = {"linkoping": 4, "norrkoping": 5}
COMMON = 1  # goal area and strategy 1 are in the common part


@pytest.fixture
def joint():
    linkoping = MunicipalityFactory(slug="linkoping", default_language="sv", country="SE")
    norrkoping = MunicipalityFactory(slug="norrkoping", default_language="sv", country="SE")
    document = DocumentFactory(municipalities=[linkoping, norrkoping])
    grow_document(document, 2)  # the common part: goal areas and strategies 1 and 2
    for slug, owner in (("linkoping", linkoping), ("norrkoping", norrkoping)):
        number = OWN_PART_NUMBER[slug]
        area = GoalAreaFactory(document=document, number=number, municipality=owner)
        GoalFactory(goal_area=area, letter="a")
        strategy = StrategyFactory(document=document, number=number, municipality=owner)
        strategy.goal_areas.set([area])
        measure = MeasureFactory(strategy=strategy, letter="a")
        AmendmentFactory(document=document, measure=measure)
    plan = ActionPlanFactory(document=document)
    activity = ActivityFactory(action_plan=plan)
    Milestone.objects.create(activity=activity, title="Ansökan", due_on=datetime.date(2024, 3, 1))
    IndicatorFactory(action_plan=plan)
    FollowUpFactory(document=document)
    coordinators = {
        "linkoping": CoordinatorFactory(municipality=linkoping),
        "norrkoping": CoordinatorFactory(municipality=norrkoping),
    }
    # As in the report: Linköping's coordinator started the draft of the joint document.
    draft = services.document_start_draft(document=document, by=coordinators["linkoping"])
    return SimpleNamespace(
        adopted=document,
        draft=draft,
        municipalities={"linkoping": linkoping, "norrkoping": norrkoping},
        coordinators=coordinators,
    )


def _item(joint, kind, part):
    """The draft's item of `kind` in `part` ("linkoping", "norrkoping" or "common")."""
    number = COMMON if part == "common" else OWN_PART_NUMBER[part]
    area = joint.draft.goal_areas.get(number=number)
    strategy = joint.draft.strategies.get(number=number)
    return {
        "goal-area": lambda: area,
        "goal": lambda: Goal.objects.filter(goal_area=area).first(),
        "strategy": lambda: strategy,
        "measure": lambda: Measure.objects.filter(strategy=strategy).first(),
        "amendment": lambda: CouncilAmendment.objects.get(
            document=joint.draft, measure__strategy=strategy
        ),
    }[kind]()


PART_KINDS = ["goal-area", "goal", "strategy", "measure", "amendment"]
BOTH_WAYS = [("linkoping", "norrkoping"), ("norrkoping", "linkoping")]
ANY_TEXT = {
    "number": 9,
    "letter": "z",
    "title_sv": "Ändrad av fel kommun",
    "text_sv": "Ändrad av fel kommun",
    "decided_on": "2011-01-01",
    "item": "1",
    "body": "council",
    "kind": "changed",
}


def _log_in(client, joint, who):
    client.force_login(joint.coordinators[who])
    return joint.municipalities[who]


@pytest.mark.parametrize("kind", PART_KINDS)
@pytest.mark.parametrize(("actor", "owner"), BOTH_WAYS)
def test_a_coordinator_cannot_edit_delete_or_move_another_municipalitys_part(
    client, joint, kind, actor, owner
):
    item = _item(joint, kind, owner)
    version = item.version
    municipality = _log_in(client, joint, actor)
    address = {"pk": joint.draft.pk, "kind": kind, "item_pk": item.pk}
    assert client.get(url("item_update", municipality, **address)).status_code == 404
    data = {**ANY_TEXT, "expected_version": version}
    assert client.post(url("item_update", municipality, **address), data).status_code == 404
    assert client.get(url("item_delete", municipality, **address)).status_code == 404
    assert client.post(url("item_delete", municipality, **address)).status_code == 404
    if kind != "amendment":
        move = url("item_move", municipality, **address)
        assert client.post(move, {"direction": "up"}).status_code == 404
    saved = type(item).objects.get(pk=item.pk)
    assert saved.version == version


@pytest.mark.parametrize(("actor", "owner"), BOTH_WAYS)
def test_a_coordinator_cannot_add_to_another_municipalitys_part(client, joint, actor, owner):
    municipality = _log_in(client, joint, actor)
    for kind, parent in (
        ("goal", _item(joint, "goal-area", owner)),
        ("measure", _item(joint, "strategy", owner)),
    ):
        create = url("item_create", municipality, pk=joint.draft.pk, kind=kind)
        assert client.get(create + f"?parent={parent.pk}").status_code == 404
        response = client.post(create, {**ANY_TEXT, "parent": parent.pk})
        assert response.status_code == 404
    assert not Goal.objects.filter(letter="z").exists()
    assert not Measure.objects.filter(letter="z").exists()
    # Nor a goal area in the other's part, nor an amendment of the other's measure.
    response = client.post(
        url("item_create", municipality, pk=joint.draft.pk, kind="goal-area"),
        {**ANY_TEXT, "municipality": joint.municipalities[owner].pk},
    )
    assert response.status_code == 200 and "municipality" in response.context["form"].errors
    response = client.post(
        url("item_create", municipality, pk=joint.draft.pk, kind="amendment"),
        {**ANY_TEXT, "measure": _item(joint, "measure", owner).pk},
    )
    assert response.status_code == 200 and "measure" in response.context["form"].errors
    assert not GoalArea.objects.filter(number=9).exists()
    assert joint.draft.amendments.count() == 4


@pytest.mark.parametrize("actor", ["linkoping", "norrkoping"])
def test_each_coordinator_edits_its_own_part_and_the_common_part(client, joint, actor):
    municipality = _log_in(client, joint, actor)
    for part in (actor, "common"):
        area = _item(joint, "goal-area", part)
        response = client.post(
            url("item_update", municipality, pk=joint.draft.pk, kind="goal-area", item_pk=area.pk),
            {
                "number": area.number,
                "municipality": area.municipality_id or "",
                "title_sv": f"Skrivet av {actor}",
                "expected_version": area.version,
            },
        )
        assert response.status_code == 302, response.content.decode()
        area.refresh_from_db()
        assert area.title_sv == f"Skrivet av {actor}"
    goal_area = _item(joint, "goal-area", actor)
    response = client.post(
        url("item_create", municipality, pk=joint.draft.pk, kind="goal"),
        {"parent": goal_area.pk, "letter": "b", "text_sv": "Ett nytt mål"},
    )
    assert response.status_code == 302
    assert goal_area.goals.filter(letter="b").exists()


def test_the_forms_offer_only_the_common_part_and_the_own_part(client, joint):
    municipality = _log_in(client, joint, "linkoping")
    page = client.get(url("item_create", municipality, pk=joint.draft.pk, kind="strategy"))
    choices = {area.number for area in page.context["form"].fields["goal_areas"].queryset}
    assert choices == {1, 2, 4}
    response = client.post(
        url("item_create", municipality, pk=joint.draft.pk, kind="strategy"),
        {
            "number": 9,
            "title_sv": "Ny strategi",
            "goal_areas": [_item(joint, "goal-area", "norrkoping").pk],
        },
    )
    assert response.status_code == 200 and "goal_areas" in response.context["form"].errors
    assert not Strategy.objects.filter(number=9).exists()


def test_moving_an_own_goal_area_never_renumbers_another_municipalitys_part(client, joint):
    theirs = _item(joint, "goal-area", "norrkoping")
    mine = _item(joint, "goal-area", "linkoping")
    municipality = _log_in(client, joint, "linkoping")
    move = url("item_move", municipality, pk=joint.draft.pk, kind="goal-area", item_pk=mine.pk)
    assert client.post(move, {"direction": "down"}).status_code == 302
    theirs_now = GoalArea.objects.get(pk=theirs.pk)
    assert (theirs_now.number, theirs_now.version) == (theirs.number, theirs.version)


def _keep_common_part_for(joint, slug):
    for document in (joint.adopted, joint.draft):
        StrategyDocument.objects.filter(pk=document.pk).update(
            common_part_editor=joint.municipalities[slug]
        )


def test_when_the_document_leaves_the_common_part_to_one_owner_the_other_gets_403(client, joint):
    _keep_common_part_for(joint, "norrkoping")
    municipality = _log_in(client, joint, "linkoping")
    draft, adopted = joint.draft.pk, joint.adopted.pk
    common_area = _item(joint, "goal-area", "common")
    forbidden = [
        url("item_update", municipality, pk=draft, kind="goal-area", item_pk=common_area.pk),
        url("item_update", municipality, pk=draft, kind="document", item_pk=draft),
        url("item_create", municipality, pk=draft, kind="strategy"),
        url("item_create", municipality, pk=draft, kind="goal") + f"?parent={common_area.pk}",
    ]
    plan = joint.adopted.action_plans.get()
    activity = plan.activities.get()
    for kind, item in (
        ("action-plan", plan),
        ("activity", activity),
        ("milestone", activity.milestones.get()),
        ("indicator", plan.indicators.get()),
        ("follow-up", joint.adopted.follow_ups.get()),
    ):
        forbidden.append(url("item_update", municipality, pk=adopted, kind=kind, item_pk=item.pk))
        forbidden.append(url("item_delete", municipality, pk=adopted, kind=kind, item_pk=item.pk))
    forbidden.append(
        url("indicator_values", municipality, pk=adopted, item_pk=plan.indicators.get().pk)
    )
    forbidden.append(url("item_create", municipality, pk=adopted, kind="follow-up"))
    for address in forbidden:
        assert client.get(address).status_code == 403, address
        assert client.post(address, ANY_TEXT).status_code == 403, address
    assert plan.indicators.get().values.count() == 0
    assert joint.adopted.follow_ups.count() == 1
    # A goal area of Linköping's own is still Linköping's to write, but not a common one.
    response = client.post(
        url("item_create", municipality, pk=draft, kind="goal-area"),
        {"number": 9, "municipality": "", "title_sv": "Gemensamt"},
    )
    assert response.status_code == 200 and "municipality" in response.context["form"].errors
    own = _item(joint, "goal-area", "linkoping")
    response = client.post(
        url("item_update", municipality, pk=draft, kind="goal-area", item_pk=own.pk),
        {
            "number": own.number,
            "municipality": own.municipality_id,
            "title_sv": "Eget",
            "expected_version": own.version,
        },
    )
    assert response.status_code == 302
    # Norrköping, named by the document, writes the common part.
    municipality = _log_in(client, joint, "norrkoping")
    response = client.post(
        url("item_update", municipality, pk=draft, kind="goal-area", item_pk=common_area.pk),
        {
            "number": common_area.number,
            "title_sv": "Gemensamt av Norrköping",
            "expected_version": common_area.version,
        },
    )
    assert response.status_code == 302


def _adopt(client, joint, who, day, paragraph):
    municipality = _log_in(client, joint, who)
    joint.draft.refresh_from_db()
    return client.post(
        url("document_adopt", municipality, pk=joint.draft.pk),
        {
            "adopted_by": "council",
            "adopted_on": day,
            "paragraph": paragraph,
            "case_number": f"KS/2024:{who}",
            "expected_version": joint.draft.version,
        },
    )


def test_each_council_adopts_the_joint_document_by_its_own_decision(client, joint):
    from strategies.models import DocumentStatus

    assert _adopt(client, joint, "linkoping", "2024-05-20", "§ 12").status_code == 302
    joint.draft.refresh_from_db()
    joint.adopted.refresh_from_db()
    # Linköping's decision alone does not adopt the document for Norrköping.
    assert joint.draft.status == DocumentStatus.DRAFT
    assert joint.adopted.status == DocumentStatus.ADOPTED
    assert [d.municipality.slug for d in joint.draft.adoptions.all()] == ["linkoping"]
    # Nor can Linköping record a second decision (as if for Norrköping).
    response = _adopt(client, joint, "linkoping", "2024-05-21", "§ 13")
    assert response.status_code == 200 and response.context["form"].errors
    assert joint.draft.adoptions.count() == 1
    # The text both councils adopt is frozen once one has decided.
    area = _item(joint, "goal-area", "common")
    with pytest.raises(ValidationError):
        services.goal_area_update(goal_area=area, by=joint.coordinators["norrkoping"], title="x")
    assert _adopt(client, joint, "norrkoping", "2024-06-03", "§ 88").status_code == 302
    joint.draft.refresh_from_db()
    joint.adopted.refresh_from_db()
    assert joint.draft.status == DocumentStatus.ADOPTED
    assert joint.draft.adopted_on == datetime.date(2024, 6, 3)
    assert joint.adopted.status == DocumentStatus.SUPERSEDED
    decisions = {d.municipality.slug: d.paragraph for d in joint.draft.adoptions.all()}
    assert decisions == {"linkoping": "§ 12", "norrkoping": "§ 88"}
    page = client.get(url("document_detail", joint.municipalities["linkoping"], pk=joint.draft.pk))
    assert "§ 12" in page.content.decode() and "§ 88" in page.content.decode()


def test_a_joint_document_is_not_adopted_without_saying_whose_decision_it_is(joint):
    with pytest.raises(ValidationError):
        services.document_adopt(
            document=joint.draft,
            by=joint.coordinators["linkoping"],
            adopted_by="council",
            adopted_on=datetime.date(2024, 5, 20),
        )
    assert not joint.draft.adoptions.exists()
