import datetime

import pytest

from strategies import services
from strategies.models import (
    CouncilAmendment,
    DocumentStatus,
    Goal,
    GoalArea,
    Measure,
    Strategy,
    StrategyDocument,
)

from .conftest import url
from .factories import ActionPlanFactory, IndicatorFactory, IndicatorValueFactory, grow_document

pytestmark = pytest.mark.django_db


def test_the_public_reads_the_adopted_document(client, municipality, document):
    response = client.get(url("document_detail", municipality, pk=document.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Goal area 1" in body and "Measure a with external funding" in body
    assert 'href="#goal-area-1"' in body  # table of contents
    assert "Start a new draft" not in body


def test_the_document_reads_in_each_language(client, municipality, document):
    body = client.get(url("document_detail", municipality, "sv", pk=document.pk)).content.decode()
    assert "Åtgärd a med extern finansiering" in body
    assert "Innehåll" in body or "Contents" in body


def test_drafts_are_hidden_from_the_public_and_council_members(
    client, login, municipality, document, coordinator, council_member
):
    draft = services.document_start_draft(document=document, by=coordinator)
    assert client.get(url("document_detail", municipality, pk=draft.pk)).status_code == 404
    assert client.get(url("document_pdf", municipality, pk=draft.pk)).status_code == 404
    login(council_member)
    assert client.get(url("document_detail", municipality, pk=draft.pk)).status_code == 404
    listing = client.get(url("document_list", municipality)).content.decode()
    assert f"/strategy/{draft.pk}/" not in listing


def test_another_municipalitys_document_is_a_404(
    client, login, other_municipality, document, foreign_coordinator
):
    login(foreign_coordinator)
    assert client.get(url("document_detail", other_municipality, pk=document.pk)).status_code == 404
    response = client.post(url("document_start_draft", other_municipality, pk=document.pk))
    assert response.status_code == 404
    assert StrategyDocument.objects.count() == 1


@pytest.mark.parametrize("who", ["contact", "council_member"])
def test_readers_cannot_edit(request, client, login, municipality, document, who):
    login(request.getfixturevalue(who))
    response = client.post(url("document_start_draft", municipality, pk=document.pk))
    assert response.status_code == 403
    assert StrategyDocument.objects.count() == 1
    measure = Measure.objects.first()
    response = client.get(
        url("item_update", municipality, pk=document.pk, kind="measure", item_pk=measure.pk)
    )
    assert response.status_code == 403


def test_anonymous_is_sent_to_login_when_editing(client, municipality, document):
    response = client.post(url("document_start_draft", municipality, pk=document.pk))
    assert response.status_code == 302 and "login" in response["Location"]
    assert StrategyDocument.objects.count() == 1


def test_coordinator_edits_a_measure_in_two_languages_and_adopts(
    client, login, municipality, document, coordinator
):
    login(coordinator)
    response = client.post(url("document_start_draft", municipality, pk=document.pk))
    draft = StrategyDocument.objects.get(status=DocumentStatus.DRAFT)
    assert response["Location"].endswith(f"/strategy/{draft.pk}/edit/")
    assert client.get(response["Location"]).status_code == 200
    measure = Measure.objects.get(strategy__document=draft, strategy__number=1, letter="a")
    edit = url("item_update", municipality, pk=draft.pk, kind="measure", item_pk=measure.pk)
    form = client.get(edit)
    assert form.status_code == 200
    response = client.post(
        edit,
        {
            "letter": "a",
            "text_sv": "Kommunen söker extern finansiering för verksamhetsutveckling.",
            "text_en": "The municipality seeks external funding for its development.",
            "text_nb": "",
            "expected_version": measure.version,
        },
    )
    assert response.status_code == 302, response.content.decode()
    measure.refresh_from_db()
    assert measure.text_en.startswith("The municipality seeks")
    adopt = url("document_adopt", municipality, pk=draft.pk)
    page = client.get(adopt).content.decode()
    assert "<ins>" in page and "<del>" in page
    response = client.post(
        adopt,
        {
            "adopted_by": "council",
            "adopted_on": "2024-06-10",
            "paragraph": "§ 99",
            "case_number": "KS/2024:7",
            "expected_version": draft.version,
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    document.refresh_from_db()
    assert draft.status == DocumentStatus.ADOPTED and document.status == DocumentStatus.SUPERSEDED


def test_a_future_adoption_date_is_explained_at_the_field_and_kept(
    client, login, municipality, document, coordinator
):
    draft = services.document_start_draft(document=document, by=coordinator)
    login(coordinator)
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    response = client.post(
        url("document_adopt", municipality, "sv", pk=draft.pk),
        {"adopted_by": "council", "adopted_on": future, "expected_version": draft.version},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["adopted_on"]
    assert future in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT


def test_a_duplicate_letter_is_explained_at_the_field(
    client, login, municipality, document, coordinator
):
    draft = services.document_start_draft(document=document, by=coordinator)
    strategy = draft.strategies.get(number=1)
    login(coordinator)
    response = client.post(
        url("item_create", municipality, pk=draft.pk, kind="measure") + f"?parent={strategy.pk}",
        {"letter": "a", "text_sv": "Min nya text"},
    )
    assert response.status_code == 200
    assert "letter" in response.context["form"].errors
    assert "Min nya text" in response.content.decode()


def test_a_concurrent_edit_is_refused_and_the_users_text_kept(
    client, login, municipality, document, coordinator
):
    draft = services.document_start_draft(document=document, by=coordinator)
    measure = Measure.objects.get(strategy__document=draft, strategy__number=1, letter="a")
    started_from = measure.version
    services.measure_update(
        measure=measure, by=coordinator, expected_version=started_from, text_sv="Kollegans text"
    )
    login(coordinator)
    response = client.post(
        url("item_update", municipality, pk=draft.pk, kind="measure", item_pk=measure.pk),
        {"letter": "a", "text_sv": "Min egen text", "expected_version": started_from},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Min egen text" in body and "Kollegans text" in body
    assert str(coordinator) in body
    measure.refresh_from_db()
    assert measure.text_sv == "Kollegans text"


def test_after_a_conflict_on_a_measure_the_merged_text_is_saved(
    client, login, municipality, document, coordinator
):
    from tests.factories import CoordinatorFactory

    colleague = CoordinatorFactory(municipality=municipality, first_name="Karin", last_name="Berg")
    draft = services.document_start_draft(document=document, by=coordinator)
    measure = Measure.objects.get(strategy__document=draft, strategy__number=1, letter="a")
    started_from = measure.version
    services.measure_update(
        measure=measure, by=colleague, expected_version=started_from, text_sv="Kollegans text"
    )
    login(coordinator)
    target = url("item_update", municipality, "sv", pk=draft.pk, kind="measure", item_pk=measure.pk)
    response = client.post(
        target, {"letter": "a", "text_sv": "Min egen text", "expected_version": started_from}
    )
    form = response.context["form"]
    rows = {row.field.name: row for row in form.merge}
    assert rows["text_sv"].theirs == "Kollegans text"
    assert rows["text_sv"].diff == "<del>Kollegans</del><ins>Min egen</ins> text"
    assert "Vad Karin Berg sparade" in response.content.decode()
    merged = {
        "letter": "a",
        "text_sv": "Kollegans text. Min egen text",
        "expected_version": form["expected_version"].value(),
    }
    assert client.post(target, merged).status_code == 302
    measure.refresh_from_db()
    assert measure.text_sv == "Kollegans text. Min egen text"
    assert measure.history.first().history_user == coordinator


def test_history_shows_a_word_diff_and_revert_makes_a_new_draft(
    client, login, municipality, document, coordinator
):
    draft = services.document_start_draft(document=document, by=coordinator)
    area = draft.goal_areas.get(number=1)
    services.goal_area_update(goal_area=area, by=coordinator, title_en="Goal area one renamed")
    services.document_adopt(
        document=draft, by=coordinator, adopted_by="council", adopted_on=datetime.date(2024, 1, 1)
    )
    login(coordinator)
    history = url("document_history", municipality, pk=draft.pk)
    page = client.get(history + "?text_language=en").content.decode()
    assert "<del>1</del>" in page and "<ins>one renamed</ins>" in page
    response = client.post(url("document_revert", municipality, pk=document.pk))
    assert response.status_code == 302
    revert = StrategyDocument.objects.get(status=DocumentStatus.DRAFT)
    assert revert.goal_areas.get(number=1).title_en == "Goal area 1"
    assert StrategyDocument.objects.count() == 3


def test_proposed_view_leaves_out_what_the_council_added(client, municipality, document):
    amendment = document.amendments.first()
    amendment.kind = "added"
    amendment.save()
    measure = amendment.measure
    measure.text_en = "Added by the council: work with volunteers."
    measure.save()
    adopted = client.get(url("document_detail", municipality, pk=document.pk)).content.decode()
    assert (
        measure.text_en in adopted and "Added by the municipal council on Jan. 28, 2010" in adopted
    )
    proposed = client.get(
        url("document_detail", municipality, pk=document.pk) + "?view=proposed"
    ).content.decode()
    assert measure.text_en not in proposed
    norwegian = client.get(url("document_detail", municipality, "nb", pk=document.pk))
    assert "Lagt til av kommunestyret 28. januar 2010, punkt" in norwegian.content.decode()


def test_the_pdf_has_the_document(client, municipality, document):
    response = client.get(url("document_pdf", municipality, pk=document.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    import subprocess

    info = subprocess.run(
        ["pdfinfo", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Title:           International strategy" in info
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "KS/2012:935" in text and "Measure a with external funding" in text
    pages = int(info.split("Pages:")[1].split()[0])
    assert f"{pages}/{pages}" in text.replace(" ", "")  # page numbers in the footer


def test_document_page_runs_a_fixed_number_of_queries(client, municipality, document):
    from tests.querycount import assert_constant_queries

    plan = ActionPlanFactory(document=document)

    def grow():
        grow_document(document, 1)
        IndicatorValueFactory(indicator=IndicatorFactory(action_plan=plan))

    assert_constant_queries(client, url("document_detail", municipality, pk=document.pk), grow)


def test_edit_page_runs_a_fixed_number_of_queries(
    client, login, municipality, document, coordinator
):
    from tests.querycount import assert_constant_queries

    draft = services.document_start_draft(document=document, by=coordinator)
    login(coordinator)
    assert_constant_queries(
        client, url("document_edit", municipality, pk=draft.pk), lambda: grow_document(draft, 1)
    )


def test_the_api_lists_adopted_documents_with_stable_field_names(
    client, municipality, document, coordinator
):
    plan = ActionPlanFactory(document=document)
    IndicatorValueFactory(indicator=IndicatorFactory(action_plan=plan), year=2023, value=6)
    services.document_start_draft(document=document, by=coordinator)
    response = client.get(f"/api/v1/municipalities/{municipality.slug}/strategies/?lang=sv")
    assert response.status_code == 200
    data = response.json()["results"]
    assert len(data) == 1  # the draft is not published
    doc = data[0]
    assert set(doc) >= {
        "id",
        "title",
        "adopted_on",
        "case_number",
        "goal_areas",
        "strategies",
        "amendments",
        "action_plans",
        "municipalities",
        "replaces_note",
    }
    assert doc["municipalities"] == ["vaxjo"]
    assert doc["goal_areas"][0]["goals"][0] == {"letter": "a", "text": "Mål a"}
    measure = doc["strategies"][0]["measures"][0]
    assert measure["text"] == "Åtgärd a med extern finansiering"
    assert doc["amendments"][0]["target"] == "measure 1c"
    indicator = doc["action_plans"][0]["indicators"][0]
    assert indicator["values"] == [{"year": 2023, "value": 6.0}]
    assert indicator["status"] == "on_track"
    english = client.get(f"/api/v1/municipalities/{municipality.slug}/strategies/?lang=en").json()[
        "results"
    ]
    assert english[0]["strategies"][0]["measures"][0]["text"].startswith("Measure a")


def test_the_api_schema_has_the_strategies_endpoint(client):
    response = client.get("/api/v1/schema/")
    assert b"/strategies/" in response.content


def test_dashboard_shows_missing_term_follow_up_and_indicators_off_track(
    client, login, municipality, document, coordinator
):
    from .factories import FollowUpFactory

    plan = ActionPlanFactory(document=document)
    indicator = IndicatorFactory(action_plan=plan, name_en="Flights climate-compensated")
    IndicatorValueFactory(indicator=indicator, year=2024, value=2)  # no progress: off track
    FollowUpFactory(document=document, followed_up_on=datetime.date(2020, 11, 10))  # last term
    login(coordinator)
    dashboard = f"/en/{municipality.slug}/dashboard/"
    body = client.get(dashboard).content.decode()
    assert "has not yet followed up the strategy in this term of office" in body
    assert "Flights climate-compensated" in body
    FollowUpFactory(document=document, followed_up_on=datetime.date.today())
    body = client.get(dashboard).content.decode()
    assert "has not yet followed up" not in body


def test_dashboard_panel_is_only_for_coordinators(
    client, login, municipality, document, council_member
):
    login(council_member)
    body = client.get(f"/en/{municipality.slug}/dashboard/").content.decode()
    assert "strategies-panel" not in body


def test_an_indicator_target_without_unit_is_explained_in_swedish_at_the_unit(
    client, login, municipality, document, coordinator
):
    plan = ActionPlanFactory(document=document)
    login(coordinator)
    response = client.post(
        url("item_create", municipality, "sv", pk=document.pk, kind="indicator")
        + f"?parent={plan.pk}",
        {
            "number": 1,
            "name_sv": "Antal EU-projekt",
            "unit": "",
            "direction": "higher",
            "target": "12",
            "parent": plan.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == [
        "En indikator med målvärde måste ha en enhet."
    ]
    assert "Antal EU-projekt" in response.content.decode()
    assert not plan.indicators.exists()


def test_activity_dates_out_of_order_are_explained_at_the_end_date(
    client, login, municipality, document, coordinator
):
    plan = ActionPlanFactory(document=document)
    login(coordinator)
    response = client.post(
        url("item_create", municipality, pk=document.pk, kind="activity"),
        {
            "number": 1,
            "title_sv": "Studieresa",
            "starts_on": "2025-05-01",
            "ends_on": "2025-01-01",
            "parent": plan.pk,
        },
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    assert not plan.activities.exists()


def test_a_measure_cannot_get_another_municipalitys_department_through_the_form(
    client, login, municipality, document, coordinator, other_municipality
):
    from tests.factories import DepartmentFactory

    foreign = DepartmentFactory(municipality=other_municipality, slug="byutvikling")
    draft = services.document_start_draft(document=document, by=coordinator)
    measure = Measure.objects.get(strategy__document=draft, strategy__number=1, letter="a")
    login(coordinator)
    response = client.post(
        url("item_update", municipality, pk=draft.pk, kind="measure", item_pk=measure.pk),
        {
            "letter": "a",
            "text_en": "x",
            "responsible_departments": [foreign.pk],
            "expected_version": measure.version,
        },
    )
    assert response.status_code == 200
    assert "responsible_departments" in response.context["form"].errors
    assert not measure.responsible_departments.exists()


def test_history_is_for_coordinators_only(client, login, municipality, document, council_member):
    login(council_member)
    assert client.get(url("document_history", municipality, pk=document.pk)).status_code == 403


def test_joint_document_is_visible_under_both_owners(client, municipality, document):
    from tests.factories import MunicipalityFactory

    norrkoping = MunicipalityFactory(slug="norrkoping")
    document.municipalities.add(norrkoping)
    for owner in (municipality, norrkoping):
        assert client.get(url("document_detail", owner, pk=document.pk)).status_code == 200


def test_api_runs_a_fixed_number_of_queries(client, municipality, document):
    from tests.querycount import assert_constant_queries

    plan = ActionPlanFactory(document=document)

    def grow():
        grow_document(document, 1)
        IndicatorValueFactory(indicator=IndicatorFactory(action_plan=plan))

    assert_constant_queries(client, f"/api/v1/municipalities/{municipality.slug}/strategies/", grow)


# kind: (model, lookup from the item to its document, the parent a new one goes in)
DRAFT_ITEMS = {
    "document": (StrategyDocument, "pk", None),
    "goal-area": (GoalArea, "document", None),
    "goal": (Goal, "goal_area__document", "goal_area"),
    "strategy": (Strategy, "document", None),
    "measure": (Measure, "strategy__document", "strategy"),
    "amendment": (CouncilAmendment, "document", None),
}


@pytest.mark.parametrize("kind", list(DRAFT_ITEMS))
def test_every_draft_item_form_opens_and_deletes(
    client, login, municipality, document, coordinator, kind
):
    model, document_path, parent_kwarg = DRAFT_ITEMS[kind]
    draft = services.document_start_draft(document=document, by=coordinator)
    item = draft if kind == "document" else model.objects.filter(**{document_path: draft}).first()
    login(coordinator)
    edit = url("item_update", municipality, "nb", pk=draft.pk, kind=kind, item_pk=item.pk)
    assert client.get(edit).status_code == 200
    if kind == "document":
        return
    parent = "" if parent_kwarg is None else f"?parent={getattr(item, parent_kwarg).pk}"
    assert (
        client.get(url("item_create", municipality, pk=draft.pk, kind=kind) + parent).status_code
        == 200
    )
    delete = url("item_delete", municipality, pk=draft.pk, kind=kind, item_pk=item.pk)
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not model.objects.filter(pk=item.pk).exists()
    assert model.objects.filter(**{document_path: document}).exists()  # adopted kept


def test_action_plan_indicator_and_follow_up_are_edited_on_the_adopted_document(
    client, login, municipality, document, coordinator
):
    login(coordinator)
    response = client.post(
        url("item_create", municipality, pk=document.pk, kind="action-plan"),
        {"title_sv": "Handlingsplan", "start_year": 2024, "end_year": 2027},
    )
    assert response.status_code == 302
    plan = document.action_plans.get()
    response = client.post(
        url("item_create", municipality, pk=document.pk, kind="indicator"),
        {
            "parent": plan.pk,
            "number": 1,
            "name_sv": "EU-projekt",
            "unit": "projekt",
            "direction": "higher",
            "baseline": "2",
            "baseline_year": 2024,
            "target": "8",
            "target_year": 2027,
        },
    )
    assert response.status_code == 302
    indicator = plan.indicators.get()
    values = url("indicator_values", municipality, pk=document.pk, item_pk=indicator.pk)
    assert client.post(values, {"year": 2025, "value": "5"}).status_code == 302
    assert indicator.values.get().value == 5
    response = client.post(
        url("item_create", municipality, pk=document.pk, kind="follow-up"),
        {
            "followed_up_on": "2025-03-04",
            "body": "executive_board",
            "paragraph": "§ 12",
            "summary_sv": "Uppföljning av strategin.",
        },
    )
    assert response.status_code == 302
    assert document.follow_ups.get().paragraph == "§ 12"
    page = client.get(url("document_edit", municipality, pk=document.pk))
    assert page.status_code == 200 and "EU-projekt" in page.content.decode()


def test_document_list_runs_a_fixed_number_of_queries(client, login, municipality, coordinator):
    from tests.querycount import assert_constant_queries

    from .factories import DocumentFactory

    login(coordinator)
    assert_constant_queries(
        client,
        url("document_list", municipality),
        lambda: DocumentFactory(municipalities=[municipality], status="superseded"),
    )


def test_dashboard_panel_runs_a_fixed_number_of_queries(
    client, login, municipality, document, coordinator
):
    from tests.querycount import assert_constant_queries

    from .factories import FollowUpFactory

    plan = ActionPlanFactory(document=document)
    login(coordinator)

    def grow():
        IndicatorValueFactory(indicator=IndicatorFactory(action_plan=plan), value=1)
        FollowUpFactory(document=document)

    assert_constant_queries(client, f"/en/{municipality.slug}/dashboard/", grow)
