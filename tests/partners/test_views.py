"""Permission matrix, public fields, bad input and query counts of the partner pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from partners.models import Category, Relation
from tests.partners.factories import (
    ConsulateFactory,
    ForumParticipantFactory,
    MembershipFactory,
    RelationFactory,
    RepresentationFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

PERSONAL = ["Greta Geheim", "greta.geheim@example.org", "+46 70 123 45 67"]


def url(name, municipality, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"partners:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def dashboard_url(municipality):
    with translation.override("en"):
        return reverse("municipality_dashboard", kwargs={"municipality": municipality.slug})


def login(client, user):
    client.force_login(user)


@pytest.fixture
def readers(contact, other_contact, council_member):
    return [contact, other_contact, council_member]


# --- Public ------------------------------------------------------------------------


def test_public_sees_the_relation_but_no_internal_record(client, full_relation, municipality):
    response = client.get(url("relation_detail", municipality, pk=full_relation.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kaunas" in html and "First grading" in html  # the category timeline is public
    for secret in PERSONAL + ["CONFIDENTIAL-ASSESSMENT", "Study visit"]:
        assert secret not in html
    assert "Change category" not in html


def test_public_list_and_map_show_relations_without_internal_columns(
    client, relation, municipality
):
    for name in ("relation_list", "relation_map"):
        html = client.get(url(name, municipality)).content.decode()
        assert "Kaunas" in html
        assert "Responsible department" not in html
        assert "New relation" not in html


def test_public_network_and_consulate_pages_hide_people(client, municipality):
    membership = MembershipFactory(municipality=municipality)
    RepresentationFactory(membership=membership)
    ConsulateFactory(municipality=municipality)
    ForumParticipantFactory(municipality=municipality)
    networks = client.get(url("network_list", municipality)).content.decode()
    assert str(membership.organisation.name) in networks
    assert "Ragnar Representant" not in networks
    consulates = client.get(url("consulate_list", municipality)).content.decode()
    assert "France" in consulates and "NTNU" in consulates
    assert "Claude Konsul" not in consulates and "Rita Representant" not in consulates


def test_members_see_the_people(client, municipality, council_member):
    membership = MembershipFactory(municipality=municipality)
    RepresentationFactory(membership=membership)
    ConsulateFactory(municipality=municipality)
    login(client, council_member)
    assert "Ragnar Representant" in client.get(url("network_list", municipality)).content.decode()
    assert "Claude Konsul" in client.get(url("consulate_list", municipality)).content.decode()


# --- Members: read; coordinators: edit ----------------------------------------------


def test_department_contacts_and_council_members_read_everything(
    client, full_relation, municipality, readers
):
    for user in readers:
        login(client, user)
        html = client.get(
            url("relation_detail", municipality, pk=full_relation.pk)
        ).content.decode()
        assert "CONFIDENTIAL-ASSESSMENT" in html and "Greta Geheim" in html
        assert "Change category" not in html and "Add an evaluation" not in html


COORDINATOR_PAGES = [
    ("relation_edit", True),
    ("relation_regrade", True),
    ("relation_end", True),
    ("evaluation_create", True),
    ("agreement_create", True),
    ("financing_create", True),
    ("activity_create", True),
    ("contact_create", True),
    ("relation_create", False),
    ("membership_create", False),
    ("organisation_create", False),
    ("consulate_create", False),
    ("forum_participant_create", False),
]


@pytest.mark.parametrize("name, needs_pk", COORDINATOR_PAGES)
def test_readers_get_403_on_coordinator_pages(
    client, relation, municipality, readers, name, needs_pk
):
    target = url(name, municipality, **({"pk": relation.pk} if needs_pk else {}))
    for user in readers:
        login(client, user)
        assert client.get(target).status_code == 403
        assert client.post(target, {"reason": "x", "to_category": "dormant"}).status_code == 403


@pytest.mark.parametrize("name, needs_pk", COORDINATOR_PAGES)
def test_coordinator_opens_every_form(client, relation, municipality, coordinator, name, needs_pk):
    login(client, coordinator)
    target = url(name, municipality, **({"pk": relation.pk} if needs_pk else {}))
    assert client.get(target).status_code == 200


def test_anonymous_is_sent_to_login_from_coordinator_pages(client, relation, municipality):
    response = client.get(url("relation_regrade", municipality, pk=relation.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_denied_regrade_changes_nothing(client, relation, municipality, council_member):
    login(client, council_member)
    client.post(
        url("relation_regrade", municipality, pk=relation.pk),
        {"to_category": "dormant", "reason": "x", "date": "2026-01-01"},
    )
    relation.refresh_from_db()
    assert relation.category == Category.PROJECT_AGREEMENT
    assert relation.category_changes.count() == 1


def test_other_municipality_coordinator_gets_404(
    client, relation, municipality, foreign_coordinator
):
    login(client, foreign_coordinator)
    assert client.get(url("relation_regrade", municipality, pk=relation.pk)).status_code == 404
    assert client.get(url("membership_create", municipality)).status_code == 404


def test_a_relation_of_another_municipality_is_404(
    client, foreign_relation, municipality, coordinator
):
    login(client, coordinator)
    assert (
        client.get(url("relation_detail", municipality, pk=foreign_relation.pk)).status_code == 404
    )
    assert (
        client.get(url("relation_regrade", municipality, pk=foreign_relation.pk)).status_code == 404
    )
    response = client.post(
        url("relation_regrade", municipality, pk=foreign_relation.pk),
        {"to_category": "dormant", "reason": "x", "date": "2026-01-01"},
    )
    assert response.status_code == 404
    foreign_relation.refresh_from_db()
    assert foreign_relation.category == Category.PROJECT_AGREEMENT


# --- Coordinator journeys -------------------------------------------------------------


def test_coordinator_regrades_with_reason_and_sees_it_in_the_timeline(
    client, relation, municipality, coordinator
):
    login(client, coordinator)
    response = client.post(
        url("relation_regrade", municipality, pk=relation.pk),
        {
            "to_category": "dormant",
            "date": "2026-03-01",
            "reason": "No activity since 2019",
            "decided_by": "executive_board",
            "decision_date": "2026-02-20",
            "case_number": "KS 2026/12",
            "expected_version": relation.version,
        },
        follow=True,
    )
    html = response.content.decode()
    assert "No activity since 2019" in html and "KS 2026/12" in html
    relation.refresh_from_db()
    assert relation.category == Category.DORMANT


def test_coordinator_registers_a_relation(client, municipality, coordinator, department):
    login(client, coordinator)
    response = client.post(
        url("relation_create", municipality),
        {
            "city_sv": "Tartu",
            "country": "EE",
            "latitude": "58.378",
            "longitude": "26.729",
            "kind": "twin_town",
            "category": "solidarity",
            "reason": "Council decision",
            "established_year": "1996",
            "responsible_department": department.pk,
        },
    )
    relation = Relation.objects.get(city_sv="Tartu")
    assert response.status_code == 302
    assert relation.category_changes.get().reason == "Council decision"


def test_coordinator_ends_a_relation(client, relation, municipality, coordinator):
    login(client, coordinator)
    client.post(
        url("relation_end", municipality, pk=relation.pk),
        {
            "ended_on": "2026-05-01",
            "reason": "Decided by the council",
            "expected_version": relation.version,
        },
    )
    relation.refresh_from_db()
    assert relation.ended_on == datetime.date(2026, 5, 1)
    assert client.get(url("relation_list", municipality)).content.decode().count("Kaunas") == 0


# --- Bad input: message at the field, input kept ------------------------------------------


def _field_errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_regrade_without_reason_explains_at_the_field_and_keeps_input(
    client, relation, municipality, coordinator
):
    login(client, coordinator)
    response = client.post(
        url("relation_regrade", municipality, pk=relation.pk),
        {
            "to_category": "dormant",
            "date": "2026-03-01",
            "reason": "  ",
            "case_number": "KS 2026/99",
        },
    )
    assert response.status_code == 400
    assert _field_errors(response, "reason") == ["Give the reason for the change of category."]
    assert 'value="KS 2026/99"' in response.content.decode()
    relation.refresh_from_db()
    assert relation.category == Category.PROJECT_AGREEMENT


def test_regrade_error_is_in_the_users_language(client, relation, municipality, coordinator):
    login(client, coordinator)
    response = client.post(
        url("relation_regrade", municipality, language="sv", pk=relation.pk),
        {"to_category": "dormant", "date": "2026-03-01", "reason": ""},
    )
    assert response.status_code == 400
    assert "Ange skälet till kategoriändringen." in _field_errors(response, "reason")


def _relation_post(**overrides):
    data = {
        "city_sv": "Tartu",
        "country": "EE",
        "latitude": "58.378",
        "longitude": "26.729",
        "kind": "twin_town",
        "category": "solidarity",
        "reason": "Council decision",
        "established_year": "1996",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"latitude": "91"}, "latitude", "Latitude must be between −90 and 90 degrees."),
        ({"longitude": "-180.5"}, "longitude", "Longitude must be between −180 and 180 degrees."),
        (
            {"country": "XX"},
            "country",
            "“XX” is not an ISO 3166-1 country code. Use two capital letters, e.g. SE, NO, DE.",
        ),
        (
            {"next_review_on": "1990-01-01"},
            "next_review_on",
            "The next review cannot be before the relation began (1996-01-01).",
        ),
        ({"reason": ""}, "reason", "Give the reason for the grading."),
    ],
)
def test_bad_relation_input_is_explained_at_the_field(
    client, municipality, coordinator, overrides, field, message
):
    login(client, coordinator)
    response = client.post(url("relation_create", municipality), _relation_post(**overrides))
    assert response.status_code == 400
    assert message in _field_errors(response, field)
    assert 'value="Tartu"' in response.content.decode()
    assert not Relation.objects.filter(city_sv="Tartu").exists()


def test_query_counts_are_fixed_on_list_map_and_detail(
    client, municipality, coordinator, department
):
    from tests.partners.factories import ActivityFactory, CategoryChangeFactory

    def grow():
        relation = RelationFactory(
            municipality=municipality,
            category=Category.SOLIDARITY,
            responsible_department=department,
            next_review_on=datetime.date(2020, 1, 1),
        )
        CategoryChangeFactory(relation=relation)
        ActivityFactory(relation=relation)

    login(client, coordinator)
    assert_constant_queries(client, url("relation_list", municipality), grow)
    assert_constant_queries(client, url("relation_map", municipality), grow)
    client.logout()
    assert_constant_queries(client, url("relation_list", municipality), grow)
    assert_constant_queries(client, url("relation_map", municipality), grow)


def test_query_counts_are_fixed_on_networks_and_dashboard(client, municipality, coordinator):
    def grow():
        membership = MembershipFactory(municipality=municipality)
        RepresentationFactory(membership=membership)
        RelationFactory(
            municipality=municipality,
            category=Category.SOLIDARITY,
            next_review_on=datetime.date(2020, 1, 1),
        )

    login(client, coordinator)
    assert_constant_queries(client, url("network_list", municipality), grow)
    assert_constant_queries(client, dashboard_url(municipality), grow)


def test_list_filters(client, municipality, coordinator, department):
    RelationFactory(
        municipality=municipality,
        city_en="Alpha",
        city="Alpha",
        category=Category.DORMANT,
        country="FI",
    )
    RelationFactory(
        municipality=municipality,
        city_en="Beta",
        city="Beta",
        category=Category.SOLIDARITY,
        responsible_department=department,
        next_review_on=datetime.date(2020, 1, 1),
    )
    login(client, coordinator)
    list_url = url("relation_list", municipality)

    def cities(**params):
        return {str(r.city) for r in client.get(list_url, params).context["relations"]}

    assert cities(category="dormant") == {"Alpha"}
    assert cities(country="FI") == {"Alpha"}
    assert cities(department=department.pk) == {"Beta"}
    assert cities(overdue="on") == {"Beta"}


def test_reciprocity_warning_on_list_detail_and_dashboard(client, municipality, coordinator):
    relation = RelationFactory(
        municipality=municipality, city_en="Iringa", city="Iringa", category=Category.SOLIDARITY
    )
    login(client, coordinator)
    assert "one-way activity" in client.get(url("relation_list", municipality)).content.decode()
    detail = client.get(url("relation_detail", municipality, pk=relation.pk)).content.decode()
    assert "One-way relation:" in detail
    dashboard = client.get(dashboard_url(municipality)).content.decode()
    assert "Solidarity relations with one-way activity" in dashboard and "Iringa" in dashboard


def test_the_one_way_warning_is_internal(client, municipality):
    RelationFactory(
        municipality=municipality, city_en="Iringa", city="Iringa", category=Category.SOLIDARITY
    )
    html = client.get(url("relation_list", municipality)).content.decode()
    assert "Iringa" in html and "one-way activity" not in html


def test_concurrent_edits_keep_the_second_editors_text(client, relation, municipality, coordinator):
    from tests.partners.factories import EvaluationFactory

    evaluation = EvaluationFactory(relation=relation)
    login(client, coordinator)
    edit_url = url("evaluation_edit", municipality, pk=relation.pk, evaluation=evaluation.pk)
    data = {
        "date": "2025-05-01",
        "evaluated_by": "Office",
        "recommendation": "keep",
        "expected_version": evaluation.version,
    }
    first = client.post(edit_url, {**data, "assessment": "First editor's text"})
    assert first.status_code == 302
    second = client.post(edit_url, {**data, "assessment": "Second editor's own words"})
    assert second.status_code == 400
    html = second.content.decode()
    assert "after you started editing" in html
    assert "Second editor&#x27;s own words" in html
    evaluation.refresh_from_db()
    assert evaluation.assessment == "First editor's text"


def test_relation_edit_conflict_keeps_input(client, relation, municipality, coordinator):
    login(client, coordinator)
    edit_url = url("relation_edit", municipality, pk=relation.pk)
    data = {
        "city_sv": "Kaunas",
        "country": "LT",
        "kind": "twin_town",
        "established_year": "1991",
        "expected_version": relation.version,
    }
    assert client.post(edit_url, {**data, "description_en": "Saved first"}).status_code == 302
    response = client.post(edit_url, {**data, "description_en": "Lost? No, kept"})
    assert response.status_code == 400
    assert "Lost? No, kept" in response.content.decode()
    relation.refresh_from_db()
    assert relation.description_en == "Saved first"
