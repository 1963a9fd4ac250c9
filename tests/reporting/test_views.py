"""Pages: the permission matrix, bad input at the field, conflicts, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from reporting import services
from reporting.models import DepartmentReport, ReportActivity, ReportStatus, RoundStatus, Trip
from tests.factories import DepartmentFactory
from tests.querycount import assert_constant_queries
from tests.reporting.conftest import complete
from tests.reporting.factories import ProjectFactory, make_report

pytestmark = pytest.mark.django_db


def url(name, round, department=None, lang="en", **kwargs):
    kw = {"municipality": round.municipality.slug, "year": round.year, **kwargs}
    if department is not None:
        kw["department"] = department.slug
    with translation.override(lang):
        return reverse(f"reporting:{name}", kwargs=kw)


def report_data(report, goal_areas, **texts):
    """What the report's form posts: every text as stored, the version it was opened at,
    and `texts` (field name -> value) as typed on top."""
    report.refresh_from_db()
    stored = {result.goal_area_id: result.text for result in report.results.all()}
    data = {"expected_version": report.version}
    data.update({f"comment_{row.pk}": row.comment for row in report.project_rows.all()})
    data.update({f"result_{area.pk}": stored.get(area.pk, "") for area in goal_areas})
    if report.no_activities:
        data["no_activities"] = "on"
    data.update(texts)
    return data


def test_anonymous_is_sent_to_login(client, report, round, department):
    response = client.get(url("report_detail", round, department))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "who, status",
    [
        ("coordinator", 200),
        ("contact", 200),
        ("other_contact", 403),
        ("council_member", 403),
        ("foreign_coordinator", 404),
    ],
)
def test_who_may_open_a_draft_report(client, request, report, round, department, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("report_detail", round, department)).status_code == status


def test_council_member_sees_an_approved_report_but_no_buttons(
    client, report, round, department, goal_areas, council_member
):
    complete(report, goal_areas)
    services.report_submit(report=report, expected_version=report.version)
    services.report_approve(report=report)
    client.force_login(council_member)
    response = client.get(url("report_detail", round, department))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Baltic Schools" in body and "<button" not in body.split("<main")[1].split("</main>")[0]


@pytest.mark.parametrize(
    "who, status", [("other_contact", 403), ("council_member", 403), ("foreign_coordinator", 404)]
)
def test_denied_post_changes_nothing(client, request, report, round, department, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        url("activity_add", round, department),
        {
            "activity-kind": "conference",
            "activity-date": "2025-05-05",
            "activity-title": "Sneaky",
            "activity-participants": "1",
        },
    )
    assert response.status_code == status
    assert client.post(url("report_submit", round, department)).status_code == status
    assert not ReportActivity.objects.exists()
    assert DepartmentReport.objects.get().status == ReportStatus.DRAFT


def test_contact_cannot_approve_and_council_cannot_open_round(
    client, report, round, department, goal_areas, contact, council_member
):
    complete(report, goal_areas)
    services.report_submit(report=report, expected_version=report.version)
    client.force_login(contact)
    assert client.post(url("report_approve", round, department)).status_code == 403
    client.force_login(council_member)
    with translation.override("en"):
        create = reverse("reporting:round_create", kwargs={"municipality": round.municipality.slug})
    assert client.get(create).status_code == 403
    assert DepartmentReport.objects.get().status == ReportStatus.SUBMITTED


def test_round_page_shows_each_role_what_it_may_see(
    client, report, round, department, other_department, coordinator, other_contact, council_member
):
    client.force_login(coordinator)
    body = client.get(url("round_detail", round)).content.decode()
    assert department.name in body and other_department.name in body
    client.force_login(other_contact)
    body = client.get(url("round_detail", round)).content.decode()
    assert other_department.name in body and department.name not in body
    client.force_login(council_member)
    body = client.get(url("round_detail", round)).content.decode()
    assert department.name not in body  # a draft is not the council's


def test_activity_outside_the_year_is_explained_at_the_field_in_swedish(
    client, report, round, department, contact
):
    contact.preferred_language = "sv"
    contact.save()
    client.force_login(contact)
    response = client.post(
        url("activity_add", round, department, lang="sv"),
        {
            "activity-kind": "conference",
            "activity-date": "2024-11-05",
            "activity-title": "Konferens i Bryssel",
            "activity-participants": "-2",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ange ett datum under 2025" in body
    assert 'value="Konferens i Bryssel"' in body  # input kept
    assert 'aria-invalid="true"' in body
    assert not ReportActivity.objects.exists()


def test_negative_distance_is_refused_with_input_kept(client, report, round, department, contact):
    client.force_login(contact)
    response = client.post(
        url("trip_add", round, department),
        {
            "trip-destination": "Brussels",
            "trip-mode": "flight",
            "trip-distance_km": "-10",
            "trip-travellers": "1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "greater than or equal to 0" in body
    assert 'value="Brussels"' in body
    assert not Trip.objects.exists()


def test_submitting_an_empty_report_lists_what_is_missing(
    client, report, round, department, contact
):
    client.force_login(contact)
    response = client.post(url("report_submit", round, department), report_data(report, []))
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "could not be submitted" in body
        and "Baltic Schools" in body
        and "at least one activity" in body
    )
    assert DepartmentReport.objects.get().status == ReportStatus.DRAFT


def test_saving_over_a_colleagues_save_keeps_the_text_and_names_the_colleague(
    client, report, round, department, contact, coordinator, goal_areas
):
    row = report.project_rows.get()
    client.force_login(coordinator)
    started = report.version
    data = {
        "expected_version": started,
        f"comment_{row.pk}": "Coordinator's words",
        f"result_{goal_areas[0].pk}": "",
        f"result_{goal_areas[1].pk}": "",
    }
    assert client.post(url("report_save", round, department), data).status_code == 302
    client.force_login(contact)
    data[f"comment_{row.pk}"] = "My own long comment"
    response = client.post(url("report_save", round, department), data)
    body = response.content.decode()
    assert response.status_code == 409
    assert coordinator.get_full_name() in body and "My own long comment" in body
    row.refresh_from_db()
    assert row.comment == "Coordinator's words"


def test_contact_files_and_coordinator_approves_through_the_pages(
    client, report, round, department, contact, coordinator, goal_areas
):
    row = report.project_rows.get()
    client.force_login(contact)
    client.post(
        url("report_save", round, department),
        {
            "expected_version": report.version,
            f"comment_{row.pk}": "Going well",
            f"result_{goal_areas[0].pk}": "Results!",
            f"result_{goal_areas[1].pk}": "",
        },
    )
    client.post(
        url("activity_add", round, department),
        {
            "activity-kind": "network_meeting",
            "activity-date": "2025-04-01",
            "activity-title": "UBC meeting",
            "activity-partner": "UBC",
            "activity-participants": "2",
            "activity-goal_area": goal_areas[0].pk,
        },
    )
    submit = client.post(url("report_submit", round, department), report_data(report, goal_areas))
    assert submit.status_code == 302
    assert DepartmentReport.objects.get().status == ReportStatus.SUBMITTED
    client.force_login(coordinator)
    assert client.post(url("report_return", round, department), {"comment": ""}).status_code == 200
    assert client.post(url("report_approve", round, department)).status_code == 302
    assert DepartmentReport.objects.get().status == ReportStatus.APPROVED


def test_closed_round_refuses_changes_with_a_message(client, report, round, department, contact):
    round.status = RoundStatus.CLOSED
    round.save()
    client.force_login(contact)
    response = client.post(
        url("report_submit", round, department), report_data(report, []), follow=True
    )
    assert "closed" in response.content.decode()
    assert DepartmentReport.objects.get().status == ReportStatus.DRAFT


def test_round_page_runs_a_fixed_number_of_queries(client, round, coordinator, municipality):
    client.force_login(coordinator)

    def grow():
        department = DepartmentFactory(municipality=municipality)
        round.departments.add(department)
        make_report(round, department, status=ReportStatus.SUBMITTED)

    assert_constant_queries(client, url("round_detail", round), grow)


def test_report_page_runs_a_fixed_number_of_queries(
    client, report, round, department, contact, municipality
):
    client.force_login(contact)

    def grow():
        project = ProjectFactory(municipality=municipality, lead_department=department)
        report.project_rows.create(project=project, comment="c")
        report.activities.create(
            kind="conference", date=datetime.date(2025, 3, 3), title="t", participants=1
        )
        report.trips.create(destination="x", mode="train", distance_km=10, co2_kg=1)

    assert_constant_queries(client, url("report_detail", round, department), grow)


def test_coordinator_opens_a_round_and_contacts_are_emailed(
    client,
    coordinator,
    contact,
    department,
    municipality,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    client.force_login(coordinator)
    with translation.override("en"):
        create = reverse("reporting:round_create", kwargs={"municipality": municipality.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            create,
            {
                "year": "2026",
                "deadline": "2027-02-26",
                "departments": [department.pk],
                "instructions_sv": "Rapportera senast i februari.",
            },
        )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[contact.email]]
    assert "2026" in mailoutbox[0].subject


# --- lost updates: every save of an edited record says which version it started from ----


def round_data(round, **changes):
    data = {
        "expected_version": round.version,
        "deadline": round.deadline.isoformat(),
        "status": round.status,
        "departments": [d.pk for d in round.departments.all()],
        "instructions_en": round.instructions_en,
    }
    data.update(changes)
    return data


def test_a_stale_save_of_the_round_instructions_is_refused_and_keeps_the_text(
    client, round, coordinator, municipality
):
    from tests.factories import CoordinatorFactory

    colleague = CoordinatorFactory(municipality=municipality)
    opened = round_data(round)  # both coordinators opened the edit page at this version
    client.force_login(colleague)
    first = client.post(url("round_edit", round), {**opened, "instructions_en": "Colleague's."})
    assert first.status_code == 302
    client.force_login(coordinator)
    second = client.post(url("round_edit", round), {**opened, "instructions_en": "My long text."})
    body = second.content.decode()
    assert second.status_code == 409
    assert "after you started editing" in body and colleague.get_full_name() in body
    assert "My long text." in body  # what was typed is shown back
    round.refresh_from_db()
    assert (
        round.instructions_en == "Colleague's." and round.version == opened["expected_version"] + 1
    )


def test_a_round_save_without_version_is_refused_and_keeps_the_text(client, round, coordinator):
    client.force_login(coordinator)
    data = round_data(round, instructions_en="Typed without a version.")
    del data["expected_version"]
    response = client.post(url("round_edit", round), data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "did not say which version" in body and "Typed without a version." in body
    round.refresh_from_db()
    assert round.instructions_en == "Report your international work."


def test_the_round_edit_page_carries_its_version(client, round, coordinator):
    client.force_login(coordinator)
    body = client.get(url("round_edit", round)).content.decode()
    assert f'name="expected_version" value="{round.version}"' in body


def test_a_report_save_without_version_is_refused_and_keeps_the_text(
    client, report, round, department, contact, goal_areas
):
    row = report.project_rows.get()
    client.force_login(contact)
    data = report_data(report, goal_areas, **{f"comment_{row.pk}": "Typed, no version."})
    del data["expected_version"]
    response = client.post(url("report_save", round, department), data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "did not say which version" in body and "Typed, no version." in body
    row.refresh_from_db()
    assert row.comment == ""


def test_submitting_saves_and_submits_what_the_form_says(
    client, report, round, department, contact, goal_areas
):
    complete(report, goal_areas)
    row = report.project_rows.get()
    client.force_login(contact)
    typed = {f"comment_{row.pk}": "Typed just before submitting."}
    response = client.post(
        url("report_submit", round, department), report_data(report, goal_areas, **typed)
    )
    assert response.status_code == 302
    row.refresh_from_db()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert row.comment == "Typed just before submitting."


def test_a_submit_without_version_is_refused_and_keeps_the_text(
    client, report, round, department, contact, goal_areas
):
    complete(report, goal_areas)
    row = report.project_rows.get()
    client.force_login(contact)
    data = report_data(report, goal_areas, **{f"comment_{row.pk}": "Typed, no version."})
    del data["expected_version"]
    response = client.post(url("report_submit", round, department), data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "did not say which version" in body and "Typed, no version." in body
    report.refresh_from_db()
    row.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and row.comment == "Going well."


def test_a_stale_submit_is_refused_names_the_colleague_and_keeps_the_text(
    client, report, round, department, contact, coordinator, goal_areas
):
    complete(report, goal_areas)
    row = report.project_rows.get()
    opened = report_data(report, goal_areas)  # the contact's page, before the coordinator's save
    client.force_login(coordinator)
    edit = {**opened, f"comment_{row.pk}": "Coordinator's words"}
    assert client.post(url("report_save", round, department), edit).status_code == 302
    client.force_login(contact)
    mine = {**opened, f"comment_{row.pk}": "My last words"}
    response = client.post(url("report_submit", round, department), mine)
    body = response.content.decode()
    assert response.status_code == 409
    assert coordinator.get_full_name() in body and "My last words" in body
    report.refresh_from_db()
    row.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and row.comment == "Coordinator's words"


def test_an_incomplete_submit_lists_what_is_missing_and_keeps_the_text(
    client, report, round, department, contact, goal_areas
):
    client.force_login(contact)
    data = report_data(report, goal_areas, **{f"result_{goal_areas[0].pk}": "Typed results."})
    response = client.post(url("report_submit", round, department), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "could not be submitted" in body and "Typed results." in body
    assert DepartmentReport.objects.get().status == ReportStatus.DRAFT


# --- bounded texts: a limit at the field, the text kept, and the same rule in the model ----


def test_a_too_long_result_text_is_refused_at_the_field_in_swedish_and_kept(
    client, report, round, department, contact, goal_areas
):
    from reporting.models import RESULT_MAX_LENGTH

    client.force_login(contact)
    too_long = "Resultat. " * (RESULT_MAX_LENGTH // 10) + "x"
    name = f"result_{goal_areas[0].pk}"
    data = report_data(report, goal_areas, **{name: too_long})
    response = client.post(url("report_save", round, department, lang="sv"), data)
    assert response.status_code == 200
    field = response.context["form"][name]
    assert field.errors == [
        f"Texten har {len(too_long)} tecken; korta den till högst {RESULT_MAX_LENGTH}. "
        "Det du skrev finns kvar här."
    ]
    assert field.value() == too_long  # shown back, whole
    assert "maxlength" not in str(field)  # a browser would cut a pasted text silently
    assert not report.results.exists()


def test_a_too_long_summary_is_refused_at_the_field_and_kept(client, coordinator, municipality):
    from reporting.models import SUMMARY_MAX_LENGTH, FollowUpDocument

    client.force_login(coordinator)
    with translation.override("en"):
        target = reverse("reporting:followup_list", kwargs={"municipality": municipality.slug})
    too_long = "s" * (SUMMARY_MAX_LENGTH + 1)
    response = client.post(
        target, {"period": "year", "year": "2025", "languages": ["en"], "summary": too_long}
    )
    assert response.status_code == 200
    assert response.context["form"]["summary"].errors == [
        f"This text has {SUMMARY_MAX_LENGTH + 1} characters; shorten it to at most "
        f"{SUMMARY_MAX_LENGTH}. What you wrote is still here."
    ]
    assert too_long in response.content.decode()
    assert not FollowUpDocument.objects.exists()
