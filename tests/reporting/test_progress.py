"""Our measures and activities: prefilled in the report, saved with it, written into the
action plan on approval (never on return), on the dashboard and in the follow-up."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from reporting import services
from reporting.models import ReportProgress
from strategies.models import ActionPlan, ActionPlanActivity, Measure, ProgressRecord, Strategy
from tests.reporting.conftest import complete
from tests.reporting.factories import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_items(goal_areas, department, other_department):
    """Two measures and two activities of the department, one of each of the other."""
    document = goal_areas[0].document
    strategy = Strategy.objects.create(document=document, number=1, title="Partnerships")
    strategy.goal_areas.set(goal_areas[:1])
    measures = []
    for letter, who in (("a", department), ("b", department), ("c", other_department)):
        measure = Measure.objects.create(
            strategy=strategy,
            letter=letter,
            text=f"Measure {letter}",
            text_en=f"Measure {letter}",
            text_sv=f"Åtgärd {letter}",
        )
        measure.responsible_departments.set([who])
        measure.goal_areas.set(goal_areas[:1])
        measures.append(measure)
    plan = ActionPlan.objects.create(
        document=document, title="Action plan", start_year=2024, end_year=2027
    )
    activities = [
        ActionPlanActivity.objects.create(
            action_plan=plan,
            number=n,
            title=f"Activity {n}",
            title_en=f"Activity {n}",
            title_sv=f"Aktivitet {n}",
            responsible_department=who,
        )
        for n, who in ((1, department), (2, department), (3, other_department))
    ]
    # An older plan's activity is not asked for.
    old = ActionPlan.objects.create(document=document, title="Old", start_year=2018, end_year=2021)
    ActionPlanActivity.objects.create(
        action_plan=old, number=1, title="Old one", responsible_department=department
    )
    return measures, activities


@pytest.fixture
def round(municipality, department, other_department):
    return make_round(municipality, [department, other_department], year=2025)


@pytest.fixture
def report(round, department, project, goal_areas, plan_items):
    return services.report_start(round=round, department=department)


def url(name, round, department, lang="en"):
    kw = {"municipality": round.municipality.slug, "year": round.year}
    kw["department"] = department.slug
    with translation.override(lang):
        return reverse(f"reporting:{name}", kwargs=kw)


def rows_by_title(report):
    return {row.title: row for row in report.progress_rows.select_related("activity", "measure")}


def post_data(report, goal_areas, **typed):
    report.refresh_from_db()
    data = {"expected_version": report.version}
    data.update({f"comment_{row.pk}": row.comment for row in report.project_rows.all()})
    stored = {r.goal_area_id: r.text for r in report.results.all()}
    data.update({f"result_{area.pk}": stored.get(area.pk, "") for area in goal_areas})
    for row in report.progress_rows.all():
        data[f"progress_status_{row.pk}"] = row.status
        data[f"progress_note_{row.pk}"] = row.note
    data.update(typed)
    return data


def test_the_report_is_prefilled_with_the_departments_measures_and_activities(report):
    assert set(rows_by_title(report)) == {"Measure a", "Measure b", "Activity 1", "Activity 2"}
    assert all(not row.status for row in report.progress_rows.all())


def test_refresh_adds_new_items_and_keeps_what_was_typed(report, department, plan_items):
    measures, activities = plan_items
    rows = rows_by_title(report)
    services.report_save(
        report=report,
        expected_version=report.version,
        comments={},
        results={},
        no_activities=False,
        progress={rows["Measure a"].pk: ("on_track", "Going well")},
    )
    # Measure b is handed to the other department; activity 3 to this one.
    measures[1].responsible_departments.set([])
    activities[2].responsible_department = department
    activities[2].save()
    services.report_refresh_projects(report=report)
    rows = rows_by_title(report)
    assert set(rows) == {"Measure a", "Activity 1", "Activity 2", "Activity 3"}
    assert (rows["Measure a"].status, rows["Measure a"].note) == ("on_track", "Going well")


def test_save_through_the_editor_keeps_status_and_note(
    client, contact, report, round, department, goal_areas
):
    rows = rows_by_title(report)
    client.force_login(contact)
    data = post_data(
        report,
        goal_areas,
        **{
            f"progress_status_{rows['Measure a'].pk}": "delayed",
            f"progress_note_{rows['Measure a'].pk}": "Partner funding came late.",
            f"progress_status_{rows['Activity 1'].pk}": "done",
        },
    )
    response = client.post(url("report_save", round, department), data)
    assert response.status_code == 302
    rows = rows_by_title(report)
    assert (rows["Measure a"].status, rows["Measure a"].note) == (
        "delayed",
        "Partner funding came late.",
    )
    assert rows["Activity 1"].status == "done" and rows["Activity 2"].status == ""
    page = client.get(url("report_detail", round, department)).content.decode()
    assert "Our measures and activities" in page and "Partner funding came late." in page


def test_a_bad_status_is_refused_at_the_field_and_the_note_kept(
    client, contact, report, round, department, goal_areas
):
    row = rows_by_title(report)["Measure a"]
    client.force_login(contact)
    data = post_data(
        report,
        goal_areas,
        **{f"progress_status_{row.pk}": "lost", f"progress_note_{row.pk}": "Kept text"},
    )
    response = client.post(url("report_save", round, department), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select a valid choice" in body and "Kept text" in body
    row.refresh_from_db()
    assert row.status == "" and row.note == ""


def test_an_old_page_without_the_rows_leaves_them_alone(
    client, contact, report, round, department, goal_areas
):
    row = rows_by_title(report)["Measure a"]
    ReportProgress.objects.filter(pk=row.pk).update(status="on_track", note="Stored")
    client.force_login(contact)
    data = {k: v for k, v in post_data(report, goal_areas).items() if not k.startswith("progress_")}
    assert client.post(url("report_save", round, department), data).status_code == 302
    row.refresh_from_db()
    assert (row.status, row.note) == ("on_track", "Stored")


def _submitted(report, goal_areas, progress):
    report = complete(report, goal_areas)
    rows = rows_by_title(report)
    services.report_save(
        report=report,
        expected_version=report.version,
        comments={row.pk: "Going well." for row in report.project_rows.all()},
        results={goal_areas[0].pk: "New partners found."},
        no_activities=False,
        progress={rows[title].pk: value for title, value in progress.items()},
    )
    report.refresh_from_db()
    # An unreported row does not stop the submit.
    return services.report_submit(report=report, expected_version=report.version)


def test_approval_writes_the_statuses_into_the_plan_with_history(
    report, goal_areas, coordinator, plan_items
):
    measures, activities = plan_items
    report = _submitted(
        report,
        goal_areas,
        {"Measure a": ("delayed", "Partner funding late"), "Activity 1": ("done", "")},
    )
    services.report_approve(report=report, by=coordinator)
    measures[0].refresh_from_db()
    activities[0].refresh_from_db()
    activities[1].refresh_from_db()
    assert (measures[0].progress_status, measures[0].progress_year) == ("delayed", 2025)
    assert activities[0].progress_status == "done"
    assert activities[1].progress_status == ""  # not reported: nothing written
    record = ProgressRecord.objects.get(measure=measures[0], year=2025)
    assert record.note == "Partner funding late" and record.department == report.department
    assert record.recorded_by == coordinator
    source = services.report_source_label(report)
    with translation.override("sv"):  # the municipality's language, whoever approves
        assert source == f"Förvaltningens årsrapport 2025 — {report.department.name}"
    assert record.source == source
    history = measures[0].history.first()
    assert history.history_user == coordinator and history.history_change_reason == source
    assert history.progress_status == "delayed"


def test_return_writes_nothing(report, goal_areas, coordinator, plan_items):
    measures, _activities = plan_items
    report = _submitted(report, goal_areas, {"Measure a": ("delayed", "")})
    services.report_return(report=report, comment="Say more.", by=coordinator)
    measures[0].refresh_from_db()
    assert measures[0].progress_status == ""
    assert not ProgressRecord.objects.exists()


def test_the_coordinators_approve_button_writes_the_status(
    client, coordinator, report, round, department, goal_areas, plan_items
):
    measures, _activities = plan_items
    _submitted(report, goal_areas, {"Measure b": ("on_track", "")})
    client.force_login(coordinator)
    assert client.post(url("report_approve", round, department)).status_code == 302
    measures[1].refresh_from_db()
    assert measures[1].progress_status == "on_track"
    assert measures[1].history.first().history_user == coordinator


def test_another_departments_contact_can_neither_see_nor_write_the_rows(
    client, other_contact, report, round, department, goal_areas
):
    row = rows_by_title(report)["Measure a"]
    client.force_login(other_contact)
    assert client.get(url("report_detail", round, department)).status_code == 403
    data = post_data(report, goal_areas, **{f"progress_status_{row.pk}": "done"})
    assert client.post(url("report_save", round, department), data).status_code == 403
    assert client.post(url("report_autosave", round, department), data).status_code == 403
    row.refresh_from_db()
    assert row.status == ""


def test_autosave_saves_the_status(client, contact, report, round, department, goal_areas):
    row = rows_by_title(report)["Activity 2"]
    client.force_login(contact)
    data = post_data(report, goal_areas, **{f"progress_status_{row.pk}": "not_started"})
    response = client.post(url("report_autosave", round, department), data)
    assert response.status_code == 200 and response.json()["saved"]
    row.refresh_from_db()
    assert row.status == "not_started"


def dashboard(municipality):
    return f"/en/{municipality.slug}/dashboard/"


def test_dashboard_lists_delayed_and_unreported(
    client, coordinator, report, goal_areas, plan_items, municipality
):
    report = _submitted(
        report, goal_areas, {"Measure a": ("delayed", ""), "Activity 1": ("done", "")}
    )
    services.report_approve(report=report, by=coordinator)
    client.force_login(coordinator)
    body = client.get(dashboard(municipality)).content.decode()
    panel = body[body.index('id="progress-panel"') :]
    delayed = panel[panel.index("Delayed") : panel.index("Not reported on for 2025")]
    unreported = panel[panel.index("Not reported on for 2025") :]
    unreported = unreported[: unreported.index("</section>")]
    assert "Measure 1 a" in delayed and ">Delayed<" in delayed  # the status in words
    assert "Measure 1 b" not in delayed
    # Not reported: the other department's measure c and activities 2 and 3, measure b.
    for name in ("Measure 1 b", "Measure 1 c", "Activity 2", "Activity 3"):
        assert name in unreported
    for name in ("Measure 1 a", "Activity 1<"):
        assert name not in unreported


def test_the_progress_panel_is_for_coordinators_only(client, contact, report, municipality):
    client.force_login(contact)
    assert 'id="progress-panel"' not in client.get(dashboard(municipality)).content.decode()


def test_dashboard_progress_panel_runs_a_fixed_number_of_queries(
    client, coordinator, report, plan_items, department, municipality
):
    from tests.querycount import assert_constant_queries

    measures, activities = plan_items
    strategy, plan = measures[0].strategy, activities[0].action_plan
    client.force_login(coordinator)

    def grow():
        n = Measure.objects.count()
        measure = Measure.objects.create(
            strategy=strategy, letter=f"x{n}", text="More", progress_status="delayed"
        )
        measure.responsible_departments.set([department])
        ActionPlanActivity.objects.create(
            action_plan=plan, number=100 + n, title="More", progress_status="delayed"
        )
        ActionPlanActivity.objects.create(action_plan=plan, number=200 + n, title="Unreported")

    assert_constant_queries(client, dashboard(municipality), grow)


def _approved_with_progress(report, goal_areas, coordinator):
    report = _submitted(
        report,
        goal_areas,
        {"Measure a": ("delayed", "Partner funding late"), "Activity 1": ("on_track", "")},
    )
    return services.report_approve(report=report, by=coordinator)


def test_the_follow_up_pdf_has_the_progress_chapter(
    municipality, report, goal_areas, coordinator, plan_items
):
    from tests.reporting.test_followup import pdf_text

    _approved_with_progress(report, goal_areas, coordinator)
    text = pdf_text(services.followup_pdf(municipality=municipality, years=[2025], language="en"))
    chapter = text[
        text.index("Progress of measures and activities", text.index("Contents") + 200) :
    ]
    assert "1. Knowledge and growth" in chapter
    assert re.search(r"Measure 1a: Measure a\s+Delayed\s+Partner funding late", chapter)
    assert re.search(r"Activity 1: Activity 1\s+On track", chapter)
    assert re.search(r"Measure 1b: Measure b\s+Not reported", chapter)
    delayed = chapter[chapter.index("Delayed\n") :]
    assert "Measure 1a: Measure a – Partner funding late" in delayed
    unreported = chapter[chapter.index("Not reported on for 2025") :]
    assert "Measure 1c: Measure c" in unreported and "Activity 3: Activity 3" in unreported


def test_the_follow_up_pdf_in_swedish(municipality, report, goal_areas, coordinator, plan_items):
    from tests.reporting.test_followup import pdf_text

    _approved_with_progress(report, goal_areas, coordinator)
    text = pdf_text(services.followup_pdf(municipality=municipality, years=[2025], language="sv"))
    assert "Försenad" in text and "Ej rapporterad" in text


def test_the_follow_up_word_file_has_the_progress_chapter(
    municipality, report, goal_areas, coordinator, plan_items
):
    from tests.reporting.test_followup_docx import build, headings

    _approved_with_progress(report, goal_areas, coordinator)
    document = build(municipality, "en")
    assert "Progress of measures and activities" in headings(document, 1)
    assert {"Delayed", "Not reported on for 2025"} <= set(headings(document, 2))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Measure 1a: Measure a" in cells and "Delayed" in cells
    assert "Partner funding late" in cells and "Not reported" in cells
    bullets = [p.text for p in document.paragraphs]
    assert "Measure 1a: Measure a – Partner funding late" in bullets
    assert "Activity 3: Activity 3" in bullets


def test_the_demo_reports_progress_and_a_reload_undoes_no_edit():
    from django.core.management import call_command

    from reporting.models import DepartmentReport

    call_command("load_demo", quiet_logins=True, stdout=open("/dev/null", "w"))
    for slug in ("vaxjo", "trondheim"):
        reported = ReportProgress.objects.filter(report__round__municipality__slug=slug)
        assert reported.exclude(status="").exists(), slug
        assert ProgressRecord.objects.for_municipality(
            DepartmentReport.objects.filter(round__municipality__slug=slug)
            .first()
            .round.municipality
        ).exists(), slug
    row = ReportProgress.objects.exclude(status="").first()
    ReportProgress.objects.filter(pk=row.pk).update(status="cancelled", note="My own words")
    record = ProgressRecord.objects.first()
    ProgressRecord.objects.filter(pk=record.pk).update(note="Coordinator's correction")
    counts = (ReportProgress.objects.count(), ProgressRecord.objects.count())
    call_command("load_demo", quiet_logins=True, stdout=open("/dev/null", "w"))
    assert (ReportProgress.objects.count(), ProgressRecord.objects.count()) == counts
    row.refresh_from_db()
    record.refresh_from_db()
    assert (row.status, row.note) == ("cancelled", "My own words")
    assert record.note == "Coordinator's correction"
