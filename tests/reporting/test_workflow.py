"""Services: the report's life from start to approval, snapshots and locking."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from intlstrategy.concurrency import EditConflict
from projects.models import ProjectStatus
from reporting import services
from reporting.models import ActivityKind, ReportStatus, RoundStatus, TravelMode, is_late
from tests.reporting.conftest import complete
from tests.reporting.factories import ProjectFactory, make_round

pytestmark = pytest.mark.django_db


def test_starting_a_report_prefills_the_departments_projects_of_the_year(
    round, department, other_department, municipality
):
    mine = ProjectFactory(municipality=municipality, lead_department=department, title="Mine")
    shared = ProjectFactory(
        municipality=municipality, lead_department=other_department, title="Shared"
    )
    shared.participating_departments.add(department)
    ProjectFactory(municipality=municipality, lead_department=other_department, title="Theirs")
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title="Old",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    applied = ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title="Applied",
        status=ProjectStatus.SUBMITTED,
        start_date=None,
        end_date=None,
        submitted_on=datetime.date(2025, 3, 1),
    )
    report = services.report_start(round=round, department=department)
    assert {row.project for row in report.project_rows.all()} == {mine, shared, applied}
    # Starting twice changes nothing.
    assert services.report_start(round=round, department=department) == report
    assert report.project_rows.count() == 3


def test_refresh_adds_new_projects_and_keeps_comments_on_rows_that_remain(
    report, project, municipality, department
):
    row = report.project_rows.get(project=project)
    services.report_save(
        report=report,
        expected_version=report.version,
        comments={row.pk: "Keep me"},
        results={},
        no_activities=False,
    )
    later = ProjectFactory(municipality=municipality, lead_department=department, title="Later")
    gone = ProjectFactory(municipality=municipality, lead_department=department, title="Gone")
    services.report_refresh_projects(report=report)
    gone.status = ProjectStatus.WITHDRAWN
    gone.start_date = None
    gone.save()
    services.report_refresh_projects(report=report)
    rows = {r.project: r.comment for r in report.project_rows.all()}
    assert rows == {project: "Keep me", later: ""}


def test_submit_lists_exactly_what_is_missing(report, project):
    with pytest.raises(services.IncompleteReport) as caught:
        services.report_submit(report=report, expected_version=report.version)
    missing = caught.value.missing
    assert len(missing) == 3
    assert "Baltic Schools" in missing[0]
    assert "activity" in missing[1]
    assert "goal area" in missing[2]
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_ticking_no_activities_replaces_the_activity_requirement(report, goal_areas):
    row = report.project_rows.get()
    services.report_save(
        report=report,
        expected_version=report.version,
        comments={row.pk: "ok"},
        results={goal_areas[1].pk: "Results"},
        no_activities=True,
    )
    assert services.report_missing_parts(report) == []


def test_submitted_report_keeps_the_project_data_as_it_was(
    report, project, goal_areas, coordinator
):
    complete(report, goal_areas)
    services.report_submit(report=report, expected_version=report.version, by=coordinator)
    project.title = "Renamed afterwards"
    project.status = ProjectStatus.COMPLETED
    project.save()
    row = report.project_rows.get()
    assert row.data["title"] == "Baltic Schools"
    assert row.data["status"] == ProjectStatus.ONGOING
    # Approval keeps the snapshot too.
    services.report_approve(report=report)
    row.refresh_from_db()
    assert row.snapshot["title"] == "Baltic Schools"


def test_workflow_submit_return_resubmit_approve(report, goal_areas, contact):
    complete(report, goal_areas)
    report = services.report_submit(report=report, expected_version=report.version, by=contact)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == contact
    with pytest.raises(ValidationError):
        services.activity_add(
            report=report,
            kind=ActivityKind.CONFERENCE,
            date=datetime.date(2025, 1, 2),
            title="Too late",
            participants=1,
        )
    with pytest.raises(ValidationError):
        services.report_return(report=report, comment="  ")
    report = services.report_return(report=report, comment="Add the results of Erasmus+.")
    assert report.status == ReportStatus.RETURNED
    assert report.project_rows.get().snapshot is None  # editable again: data is live
    report = services.report_submit(report=report, expected_version=report.version, by=contact)
    report = services.report_approve(report=report)
    assert report.status == ReportStatus.APPROVED
    with pytest.raises(ValidationError):
        services.report_approve(report=report)


def test_the_reviewer_is_recorded_in_the_report_and_its_history(
    report, goal_areas, contact, coordinator
):
    complete(report, goal_areas)
    report = services.report_submit(report=report, expected_version=report.version, by=contact)
    report = services.report_return(report=report, comment="Add the trips.", by=coordinator)
    assert report.reviewed_by == coordinator
    assert report.history.first().history_user == coordinator
    report = services.report_submit(report=report, expected_version=report.version, by=contact)
    report = services.report_approve(report=report, by=coordinator)
    report.refresh_from_db()
    assert report.reviewed_by == coordinator and report.status == ReportStatus.APPROVED
    assert report.history.first().history_user == coordinator


def test_acting_on_a_closed_round_is_refused(report, goal_areas, round, department):
    complete(report, goal_areas)
    round.status = RoundStatus.CLOSED
    round.save()
    report.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        services.report_submit(report=report, expected_version=report.version)
    with pytest.raises(ValidationError, match="closed"):
        services.report_save(
            report=report,
            expected_version=report.version,
            comments={},
            results={},
            no_activities=True,
        )
    with pytest.raises(ValidationError, match="closed"):
        services.report_start(round=round, department=department)


def test_second_editor_gets_a_conflict_naming_who_saved(report, coordinator, contact):
    started_at = report.version
    services.report_save(
        report=report,
        expected_version=started_at,
        comments={},
        results={},
        no_activities=True,
        by=coordinator,
    )
    stale = type(report).objects.get(pk=report.pk)
    with pytest.raises(EditConflict):
        services.report_save(
            report=stale,
            expected_version=started_at,
            comments={},
            results={},
            no_activities=False,
            by=contact,
        )


def test_activity_outside_the_report_year_and_negative_values_are_rejected(report):
    with pytest.raises(ValidationError) as caught:
        services.activity_add(
            report=report,
            kind=ActivityKind.CONFERENCE,
            date=datetime.date(2024, 12, 31),
            title="Last year",
            participants=-1,
        )
    assert set(caught.value.message_dict) == {"date", "participants"}
    with pytest.raises(ValidationError) as caught:
        services.trip_add(
            report=report, destination="Brussels", mode=TravelMode.FLIGHT, distance_km=Decimal(-5)
        )
    assert "distance_km" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.activity_add(
            report=report,
            kind=ActivityKind.TWIN_TOWN,
            date=datetime.date(2025, 6, 1),
            title="Visit",
            participants=2,
        )
    assert "relation" in caught.value.message_dict


def test_trip_co2_is_estimated_from_mode_and_distance_unless_given(report):
    flight = services.trip_add(
        report=report,
        destination="Brussels",
        mode=TravelMode.FLIGHT,
        distance_km=Decimal(2000),
        travellers=2,
    )
    assert flight.co2_kg == Decimal("1000.0") and not flight.co2_overridden
    train = services.trip_add(
        report=report,
        destination="Oslo",
        mode=TravelMode.TRAIN,
        distance_km=Decimal(500),
        co2_kg=Decimal("3.5"),
        compensated=True,
    )
    assert train.co2_kg == Decimal("3.5") and train.co2_overridden


def test_late_is_derived_from_the_deadline(municipality, department):
    round = make_round(municipality, [department], deadline=datetime.date(2026, 2, 1))
    assert is_late(round, None, today=datetime.date(2026, 2, 2))
    assert is_late(round, ReportStatus.RETURNED, today=datetime.date(2026, 2, 2))
    assert not is_late(round, ReportStatus.SUBMITTED, today=datetime.date(2026, 2, 2))
    assert not is_late(round, None, today=datetime.date(2026, 2, 1))


def test_round_cannot_be_opened_twice_for_a_year(municipality, department, round):
    with pytest.raises(ValidationError):
        services.round_open(
            municipality=municipality,
            year=round.year,
            deadline=datetime.date(2026, 3, 1),
            departments=[department],
        )


def test_a_submit_with_a_stale_version_is_refused(report, goal_areas, coordinator, contact):
    complete(report, goal_areas)
    seen = report.version  # what the contact's page showed
    services.report_save(
        report=type(report).objects.get(pk=report.pk),
        expected_version=seen,
        comments={},
        results={goal_areas[0].pk: "The coordinator's rewrite."},
        no_activities=False,
        by=coordinator,
    )
    with pytest.raises(EditConflict) as caught:
        services.report_submit(report=report, expected_version=seen, by=contact)
    assert caught.value.changed_by == coordinator
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_save_and_submit_is_one_step(report, goal_areas, contact):
    """Refused for a missing part, nothing typed is stored; accepted, all of it is."""
    row = report.project_rows.get()
    with pytest.raises(services.IncompleteReport):
        services.report_save_and_submit(
            report=report,
            expected_version=report.version,
            comments={row.pk: "Typed"},
            results={},
            no_activities=False,
            by=contact,
        )
    row.refresh_from_db()
    report.refresh_from_db()
    assert row.comment == "" and report.version == 1
    submitted = services.report_save_and_submit(
        report=report,
        expected_version=report.version,
        comments={row.pk: "Typed"},
        results={goal_areas[0].pk: "Results."},
        no_activities=True,
        by=contact,
    )
    row.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED and row.comment == "Typed"


def test_the_services_refuse_too_long_texts_whoever_calls_them(report, round, municipality):
    """The limits are the models' rule, not only the forms': a command, the demo or an
    import cannot store a text that would make the follow-up render for minutes."""
    from reporting.models import (
        COMMENT_MAX_LENGTH,
        INSTRUCTIONS_MAX_LENGTH,
        RESULT_MAX_LENGTH,
        SUMMARY_MAX_LENGTH,
        FollowUpDocument,
    )

    row = report.project_rows.get()
    with pytest.raises(ValidationError) as caught:
        services.report_save(
            report=report,
            expected_version=report.version,
            comments={row.pk: "c" * (COMMENT_MAX_LENGTH + 1)},
            results={},
            no_activities=False,
        )
    assert "comment" in caught.value.message_dict
    report.refresh_from_db()  # the refused save rolled back (the version too)
    with pytest.raises(ValidationError) as caught:
        services.report_save(
            report=report,
            expected_version=report.version,
            comments={},
            results={None: "r" * (RESULT_MAX_LENGTH + 1)},
            no_activities=False,
        )
    assert "text" in caught.value.message_dict
    row.refresh_from_db()
    report.refresh_from_db()
    assert row.comment == "" and not report.results.exists() and report.version == 1
    with pytest.raises(ValidationError) as caught:
        services.followup_request(
            municipality=municipality,
            language="en",
            year=2025,
            summary="s" * (SUMMARY_MAX_LENGTH + 1),
        )
    assert "summary" in caught.value.message_dict and not FollowUpDocument.objects.exists()
    with pytest.raises(ValidationError) as caught:
        services.round_update(
            round=round,
            expected_version=round.version,
            deadline=round.deadline,
            departments=round.departments.all(),
            instructions={"sv": "i" * (INSTRUCTIONS_MAX_LENGTH + 1)},
            status=round.status,
        )
    assert "instructions_sv" in caught.value.message_dict
    # Exactly at the limit is accepted.
    report.refresh_from_db()
    services.report_save(
        report=report,
        expected_version=report.version,
        comments={row.pk: "c" * COMMENT_MAX_LENGTH},
        results={None: "r" * RESULT_MAX_LENGTH},
        no_activities=False,
    )
    row.refresh_from_db()
    assert len(row.comment) == COMMENT_MAX_LENGTH
