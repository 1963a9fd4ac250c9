"""The report editor: the merge view after a colleague's save, one form for texts, activities
and trips (with and without htmx), and the autosave endpoint."""

import datetime
import json

import pytest
from django.utils import translation

from reporting import services
from reporting.models import DepartmentReport, ReportActivity, ReportStatus, Trip
from tests.reporting.conftest import complete
from tests.reporting.test_views import report_data, url

pytestmark = pytest.mark.django_db

ACTIVITY = {
    "activity-kind": "conference",
    "activity-date": "2025-05-04",
    "activity-title": "Network conference",
    "activity-participants": "3",
}
TRIP = {
    "trip-destination": "Brussels",
    "trip-mode": "train",
    "trip-distance_km": "1200",
    "trip-travellers": "1",
}


def texts(report):
    report.refresh_from_db()
    return (
        {row.pk: row.comment for row in report.project_rows.all()},
        {result.goal_area_id: result.text for result in report.results.all()},
    )


def test_a_stale_save_shows_the_colleagues_result_beside_mine_and_the_merge_goes_through(
    client, report, round, department, contact, coordinator, goal_areas
):
    area = goal_areas[0]
    opened = report_data(report, goal_areas)  # the contact's page
    client.force_login(coordinator)
    edit = {**opened, f"result_{area.pk}": "Two new partner schools."}
    assert client.post(url("report_save", round, department), edit).status_code == 302

    client.force_login(contact)
    mine = {**opened, f"result_{area.pk}": "A study visit from Gävle."}
    response = client.post(url("report_save", round, department), mine)
    assert response.status_code == 409
    merge = response.context["form"].merge
    assert [row.field.name for row in merge] == [f"result_{area.pk}"]
    assert merge[0].theirs_text == "Two new partner schools." and merge[0].both_changed
    body = response.content.decode()
    assert "Two new partner schools." in body and "A study visit from Gävle." in body
    assert "Use the saved text for" in body
    assert texts(report)[1][area.pk] == "Two new partner schools."  # nothing stored

    # The page now carries the version she has seen: the merged text goes through.
    merged = {
        **mine,
        "expected_version": response.context["form"]["expected_version"].value(),
        f"result_{area.pk}": "Two new partner schools. A study visit from Gävle.",
    }
    response = client.post(url("report_save", round, department), merged)
    assert response.status_code == 302
    assert texts(report)[1][area.pk] == "Two new partner schools. A study visit from Gävle."


def test_the_merge_view_lists_only_what_the_colleague_changed(
    client, report, round, department, contact, coordinator, goal_areas
):
    row = report.project_rows.get()
    opened = report_data(report, goal_areas)
    client.force_login(coordinator)
    edit = {**opened, f"comment_{row.pk}": "The coordinator's comment"}
    assert client.post(url("report_save", round, department), edit).status_code == 302
    client.force_login(contact)
    mine = {**opened, f"result_{goal_areas[1].pk}": "Only I wrote this."}
    response = client.post(url("report_save", round, department), mine)
    assert response.status_code == 409
    merge = response.context["form"].merge
    # Her result stands; the comment only the colleague changed is shown to take or leave.
    assert [(r.field.name, r.both_changed) for r in merge] == [(f"comment_{row.pk}", False)]


def test_a_stale_submit_shows_the_merge_view_stores_nothing_and_submits_after_merging(
    client, report, round, department, contact, coordinator, goal_areas
):
    complete(report, goal_areas)
    row = report.project_rows.get()
    opened = report_data(report, goal_areas)
    client.force_login(coordinator)
    edit = {**opened, f"comment_{row.pk}": "Coordinator's words"}
    assert client.post(url("report_save", round, department), edit).status_code == 302

    client.force_login(contact)
    mine = {**opened, f"comment_{row.pk}": "My last words"}
    response = client.post(url("report_submit", round, department), mine)
    assert response.status_code == 409
    assert [r.theirs_text for r in response.context["form"].merge] == ["Coordinator's words"]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and texts(report)[0][row.pk] == "Coordinator's words"

    merged = {
        **mine,
        "expected_version": response.context["form"]["expected_version"].value(),
        f"comment_{row.pk}": "Coordinator's words. My last words",
    }
    assert client.post(url("report_submit", round, department), merged).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert texts(report)[0][row.pk] == "Coordinator's words. My last words"


def test_adding_an_activity_without_javascript_saves_the_typed_texts_first(
    client, report, round, department, contact, goal_areas
):
    client.force_login(contact)
    data = {
        **report_data(report, goal_areas, **{f"result_{goal_areas[0].pk}": "Typed."}),
        **ACTIVITY,
    }
    response = client.post(url("activity_add", round, department), data)
    assert response.status_code == 302 and response["Location"].endswith("#part-activities")
    assert texts(report)[1][goal_areas[0].pk] == "Typed."
    assert ReportActivity.objects.get().title == "Network conference"


def test_updating_the_project_list_saves_the_typed_texts_first(
    client, report, round, department, contact, goal_areas
):
    # The button was a form of its own: text typed and not yet saved was lost.
    client.force_login(contact)
    row = report.project_rows.get()
    data = report_data(
        report,
        goal_areas,
        **{f"result_{goal_areas[0].pk}": "Typed, not saved.", f"comment_{row.pk}": "Mine."},
    )
    response = client.post(url("report_refresh", round, department), data)
    assert response.status_code == 302 and response["Location"].endswith("#part-projects")
    comments, results = texts(report)
    assert results[goal_areas[0].pk] == "Typed, not saved." and comments[row.pk] == "Mine."


def test_removing_a_trip_without_javascript_saves_the_typed_texts_first(
    client, report, round, department, contact, goal_areas
):
    trip = services.trip_add(report=report, destination="Oslo", mode="train", distance_km=500)
    client.force_login(contact)
    data = report_data(report, goal_areas, **{f"result_{goal_areas[1].pk}": "Kept."})
    response = client.post(url("trip_delete", round, department, pk=trip.pk), data)
    assert response.status_code == 302 and response["Location"].endswith("#part-travel")
    assert texts(report)[1][goal_areas[1].pk] == "Kept." and not Trip.objects.exists()


def test_save_draft_with_a_half_filled_activity_shows_its_errors_and_stores_nothing(
    client, report, round, department, contact, goal_areas
):
    client.force_login(contact)
    data = report_data(report, goal_areas, **{f"result_{goal_areas[0].pk}": "Typed."})
    data.update({"activity-title": "Study visit", "activity-participants": "0"})
    response = client.post(url("report_save", round, department), data)
    assert response.status_code == 200
    form = response.context["activity_form"]
    assert "kind" in form.errors and "date" in form.errors
    body = response.content.decode()
    assert 'value="Study visit"' in body and "Typed." in body
    assert not ReportActivity.objects.exists() and texts(report)[1] == {}


def test_save_draft_with_a_complete_activity_and_trip_stores_both(
    client, report, round, department, contact, goal_areas
):
    client.force_login(contact)
    data = {**report_data(report, goal_areas), **ACTIVITY, **TRIP, "return_to": "part-travel"}
    response = client.post(url("report_save", round, department), data)
    assert response.status_code == 302 and response["Location"].endswith("#part-travel")
    assert ReportActivity.objects.count() == 1 and Trip.objects.count() == 1


def test_an_empty_activity_and_trip_do_not_stop_save_draft(
    client, report, round, department, contact, goal_areas
):
    client.force_login(contact)
    data = report_data(report, goal_areas, **{f"result_{goal_areas[0].pk}": "Typed."})
    data.update({"activity-kind": "", "activity-participants": "0", "trip-travellers": "1"})
    response = client.post(url("report_save", round, department), data)
    assert response.status_code == 302
    assert texts(report)[1][goal_areas[0].pk] == "Typed."


def test_htmx_adds_an_activity_and_returns_only_its_section_leaving_the_texts(
    client, report, round, department, contact, goal_areas
):
    client.force_login(contact)
    data = {
        **report_data(report, goal_areas, **{f"result_{goal_areas[0].pk}": "Typed."}),
        **ACTIVITY,
    }
    response = client.post(url("activity_add", round, department), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith("{# ") is False
    assert 'id="activities-section"' in body and "<html" not in body
    assert "Network conference" in body and "The activity was added." in body
    assert ReportActivity.objects.count() == 1
    assert texts(report)[1] == {}  # the texts are the autosave's business


def test_htmx_refused_activity_keeps_what_was_typed_at_the_fields(
    client, report, round, department, contact
):
    client.force_login(contact)
    response = client.post(
        url("activity_add", round, department),
        {**ACTIVITY, "activity-date": "2024-01-01"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'aria-invalid="true"' in body
    assert 'value="Network conference"' in body and not ReportActivity.objects.exists()


# --- autosave ------------------------------------------------------------------------------


def autosave(client, round, department, data, lang="en"):
    response = client.post(url("report_autosave", round, department, lang=lang), data)
    return response, json.loads(response.content)


def test_autosave_stores_the_texts_and_returns_the_next_version(
    client, report, round, department, contact, goal_areas
):
    client.force_login(contact)
    data = report_data(report, goal_areas, **{f"result_{goal_areas[0].pk}": "First words"})
    response, body = autosave(client, round, department, data)
    assert response.status_code == 200 and body["saved"]
    assert body["version"] == data["expected_version"] + 1
    assert body["message"].startswith("Saved at ")
    # The next autosave starts from the version returned: no conflict with itself.
    data.update(expected_version=body["version"], **{f"result_{goal_areas[0].pk}": "More words"})
    response, body = autosave(client, round, department, data)
    assert response.status_code == 200 and texts(report)[1][goal_areas[0].pk] == "More words"


def test_autosave_in_norwegian_says_when(client, report, round, department, contact, goal_areas):
    contact.preferred_language = "nb"
    contact.save()
    client.force_login(contact)
    data = report_data(report, goal_areas, **{f"result_{goal_areas[0].pk}": "Nye partnere"})
    response, body = autosave(client, round, department, data, lang="nb")
    assert response.status_code == 200 and body["message"].startswith("Lagret kl.")


def test_autosave_from_a_stale_page_stores_nothing_and_says_why(
    client, report, round, department, contact, goal_areas
):
    client.force_login(contact)
    stale = report_data(report, goal_areas, **{f"result_{goal_areas[0].pk}": "Mine"})
    fresh = report_data(report, goal_areas, **{f"result_{goal_areas[0].pk}": "Theirs"})
    assert autosave(client, round, department, fresh)[0].status_code == 200
    response, body = autosave(client, round, department, stale)
    assert response.status_code == 409 and not body["saved"]
    assert "Save draft" in body["message"]
    assert texts(report)[1][goal_areas[0].pk] == "Theirs"


def test_autosave_without_a_version_is_refused(client, report, round, department, contact):
    client.force_login(contact)
    response, body = autosave(client, round, department, {"result_0": "x"})
    assert response.status_code == 409 and not body["saved"]
    report.refresh_from_db()
    assert report.version == 1


def test_autosave_of_a_submitted_report_is_refused(
    client, report, round, department, contact, goal_areas
):
    complete(report, goal_areas)
    services.report_submit(report=report, expected_version=report.version)
    client.force_login(contact)
    response, body = autosave(client, round, department, report_data(report, goal_areas))
    assert response.status_code == 409 and not body["saved"]


@pytest.mark.parametrize(
    "who, status", [("other_contact", 403), ("council_member", 403), ("foreign_coordinator", 404)]
)
def test_autosave_by_someone_who_may_not_edit_is_refused_and_stores_nothing(
    client, request, report, round, department, goal_areas, who, status
):
    client.force_login(request.getfixturevalue(who))
    data = report_data(report, goal_areas, **{f"result_{goal_areas[0].pk}": "Forged"})
    response = client.post(url("report_autosave", round, department), data)
    assert response.status_code == status
    assert texts(report)[1] == {} and DepartmentReport.objects.get().version == 1


def test_autosave_does_not_answer_get(client, report, round, department, contact):
    client.force_login(contact)
    with translation.override("en"):
        assert client.get(url("report_autosave", round, department)).status_code == 405


def activity_of(report):
    return services.activity_add(
        report=report,
        kind="conference",
        date=datetime.date(report.round.year, 5, 4),
        title="Network conference",
        participants=3,
    )


def test_changing_an_activity_without_javascript_keeps_the_texts_and_changes_it_in_place(
    client, report, round, department, contact, goal_areas
):
    activity = activity_of(report)
    client.force_login(contact)
    typed = {f"result_{goal_areas[0].pk}": "Typed before changing."}
    data = report_data(report, goal_areas, **typed)
    response = client.post(url("activity_edit", round, department, pk=activity.pk), data)
    assert response.status_code == 200
    form = response.context["activity_form"]
    assert form.instance == activity and form["title"].value() == "Network conference"
    assert texts(report)[1][goal_areas[0].pk] == "Typed before changing."  # saved first
    report.refresh_from_db()
    data = {
        **report_data(report, goal_areas, **typed),
        **ACTIVITY,
        "activity-title": "Network conference in Riga",
        "activity-editing": str(activity.pk),
    }
    response = client.post(url("activity_add", round, department), data)
    assert response.status_code == 302
    assert list(ReportActivity.objects.values_list("pk", "title")) == [
        (activity.pk, "Network conference in Riga")
    ]


def test_htmx_changes_a_trip_in_its_section_and_estimates_its_co2_again(
    client, report, round, department, contact, goal_areas
):
    trip = services.trip_add(report=report, destination="Brussels", mode="train", distance_km=1200)
    client.force_login(contact)
    htmx = {"HTTP_HX_REQUEST": "true"}
    response = client.post(url("trip_edit", round, department, pk=trip.pk), {}, **htmx)
    body = response.content.decode()
    assert 'id="trips-section"' in body and "<html" not in body
    assert response.context["trip_form"]["destination"].value() == "Brussels"
    data = {**TRIP, "trip-mode": "flight", "trip-editing": str(trip.pk)}
    response = client.post(url("trip_add", round, department), data, **htmx)
    assert "The trip was changed." in response.content.decode()
    trip.refresh_from_db()
    assert trip.mode == "flight" and Trip.objects.count() == 1
    assert trip.co2_kg == services.estimate_co2_kg("flight", trip.distance_km)


def test_a_row_of_another_report_cannot_be_changed(
    client, report, round, department, contact, goal_areas, other_department
):
    from reporting.models import DepartmentReport

    other = DepartmentReport.objects.create(round=report.round, department=other_department)
    foreign = activity_of(other)
    client.force_login(contact)
    data = {**report_data(report, goal_areas), **ACTIVITY, "activity-editing": str(foreign.pk)}
    assert client.post(url("activity_add", round, department), data).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == "Network conference"
