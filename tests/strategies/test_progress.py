"""Progress per activity and measure: the service, its history and its rules."""

import pytest
from django.core.exceptions import ValidationError

from strategies.models import ProgressRecord, ProgressStatus
from strategies.services import progress_record
from tests.factories import DepartmentFactory, MunicipalityFactory

from .factories import ActionPlanFactory, ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(document, department):
    plan = ActionPlanFactory(document=document)
    return ActivityFactory(action_plan=plan, responsible_department=department)


def test_record_sets_the_items_status_and_history_names_who_and_the_report(
    activity, department, coordinator
):
    source = "Department report 2026 — Utbildning"
    record = progress_record(
        activity=activity,
        year=2026,
        status=ProgressStatus.DELAYED,
        note="The partner's funding came late.",
        department=department,
        source=source,
        by=coordinator,
    )
    activity.refresh_from_db()
    assert (activity.progress_status, activity.progress_year) == ("delayed", 2026)
    assert record.recorded_by == coordinator and record.department == department
    history = record.history.first()
    assert history.history_user == coordinator and history.history_change_reason == source
    item_history = activity.history.first()
    assert item_history.progress_status == "delayed"
    assert item_history.history_user == coordinator
    assert item_history.history_change_reason == source


def test_the_same_year_again_replaces_and_an_earlier_year_keeps_the_newest(
    document, activity, coordinator
):
    measure = document.strategies.first().measures.first()
    progress_record(measure=measure, year=2026, status="on_track", by=coordinator)
    progress_record(measure=measure, year=2026, status="done", note="Finished", by=coordinator)
    progress_record(measure=measure, year=2025, status="delayed", by=coordinator)
    measure.refresh_from_db()
    assert (measure.progress_status, measure.progress_year) == ("done", 2026)
    assert ProgressRecord.objects.filter(measure=measure).count() == 2
    assert ProgressRecord.objects.get(measure=measure, year=2026).note == "Finished"


def test_refuses_an_unknown_status_and_another_municipalitys_department(activity, coordinator):
    with pytest.raises(ValidationError) as error:
        progress_record(activity=activity, year=2026, status="lost", by=coordinator)
    assert "status" in error.value.message_dict
    foreign = DepartmentFactory(municipality=MunicipalityFactory(slug="gavle"))
    with pytest.raises(ValidationError) as error:
        progress_record(
            activity=activity, year=2026, status="done", department=foreign, by=coordinator
        )
    assert "department" in error.value.message_dict
    with pytest.raises(TypeError):
        progress_record(year=2026, status="done", by=coordinator)
