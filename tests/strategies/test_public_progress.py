"""The public progress page, its open-data rows (API and CSV), and the year rollover."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from strategies import services
from strategies.models import ActionPlanActivity, ProgressStatus
from tests.factories import DepartmentFactory

from .conftest import url
from .factories import (
    ActionPlanFactory,
    ActivityFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    grow_document,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(document):
    return ActionPlanFactory(document=document, start_year=2025, end_year=2027)


@pytest.fixture
def reported(document, plan, department, other_department, coordinator):
    """Measure 1a by `department` reported delayed; 2a by the other department on track;
    activity 1 (measure 1a) done, activity 2 (measure 2a) with no report."""
    m1 = document.strategies.get(number=1).measures.get(letter="a")
    m2 = document.strategies.get(number=2).measures.get(letter="a")
    m1.responsible_departments.set([department])
    m2.responsible_departments.set([other_department])
    services.progress_record(
        measure=m1,
        year=2025,
        status=ProgressStatus.DELAYED,
        note="Partner funding came late.",
        department=department,
        source="report",
        by=coordinator,
    )
    services.progress_record(
        measure=m2, year=2025, status=ProgressStatus.ON_TRACK, note="", by=coordinator
    )
    a1 = ActivityFactory(
        action_plan=plan, number=1, responsible_department=department, title_sv="Skolutbyte"
    )
    a1.measures.set([m1])
    a2 = ActivityFactory(
        action_plan=plan, number=2, responsible_department=other_department, title_sv="Kulturår"
    )
    a2.measures.set([m2])
    services.progress_record(activity=a1, year=2025, status=ProgressStatus.DONE, by=coordinator)
    indicator = IndicatorFactory(action_plan=plan, responsible_department=department, target=10)
    IndicatorValueFactory(indicator=indicator, year=2024, value=3)
    IndicatorValueFactory(indicator=indicator, year=2025, value=1234567)
    return m1, m2, a1, a2


def page(client, municipality, document, lang="sv", **params):
    response = client.get(url("document_progress", municipality, lang, pk=document.pk), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_status_note_and_year_of_measures_and_activities(
    client, municipality, document, reported
):
    html = page(client, municipality, document)
    assert "Partner funding came late." in html and "<strong>2025</strong>" in html
    assert "försenad" in html or "delayed" not in html  # the status word, in Swedish
    assert "Skolutbyte" in html and "Kulturår" in html
    assert "inte rapporterad än" in html  # activity 2 has no report
    # The indicator: its chart with the data table beside it, numbers in Swedish form.
    assert 'class="chart"' in html and "<caption>Antal EU-projekt</caption>" in html
    assert "1\xa0234\xa0567" in html or "1 234 567" in html
    # Linked from the public strategy page.
    detail = client.get(url("document_detail", municipality, "sv", pk=document.pk)).content
    assert url("document_progress", municipality, "sv", pk=document.pk).encode() in detail


def test_filters_by_goal_area_and_department_and_announce_the_count(
    client, municipality, document, reported, department
):
    html = page(client, municipality, document, area="1")
    assert 'id="progress-area-1"' in html and 'id="progress-area-2"' not in html
    assert "Skolutbyte" in html and "Kulturår" not in html  # activity 2 serves area 2
    assert 'role="status"' in html and "åtgärder: 3, aktiviteter: 1," in html
    html = page(client, municipality, document, department=department.slug)
    assert "Partner funding came late." in html and "Kulturår" not in html
    assert "åtgärder: 1, aktiviteter: 1, indikatorer: 1." in html
    assert f'<option value="{department.slug}" selected>' in html
    # An unknown value shows everything rather than an error (old bookmarks).
    html = page(client, municipality, document, area="99", department="nope")
    assert "Skolutbyte" in html and "Kulturår" in html


def test_an_empty_plan_is_not_blamed_on_a_filter(client, municipality, document, plan):
    # Nothing reported, no activities or indicators, and no filter chosen: the page says
    # what the plan lacks, not that a filter hid it.
    html = page(client, municipality, document)
    assert "matchar filtret" not in html
    assert "Handlingsplanen har inga aktiviteter i portalen." in html
    assert "Handlingsplanen har inga indikatorer i portalen." in html


@pytest.mark.parametrize(
    ("lang", "heading", "status"),
    [
        ("sv", "Framsteg", "försenad"),
        ("nb", "Framdrift", "forsinket"),
        ("en", "Progress", "delayed"),
    ],
)
def test_the_page_in_each_language(client, municipality, document, reported, lang, heading, status):
    html = page(client, municipality, document, lang)
    assert f'lang="{lang}"' in html and f"<h1>{heading}:" in html and status in html
    if lang == "nb":  # the activities have no Norwegian titles: shown in Swedish, said once
        assert 'lang="sv" class="fallback">Skolutbyte' in html
        assert html.count("fallback-notice") == 1


def test_drafts_have_no_progress_page_for_the_public(client, municipality, document, coordinator):
    draft = services.document_start_draft(document=document, by=coordinator)
    response = client.get(url("document_progress", municipality, pk=draft.pk))
    assert response.status_code == 404


def test_the_page_runs_a_fixed_number_of_queries(
    client, municipality, document, plan, department, coordinator
):
    from tests.querycount import assert_constant_queries

    def grow():
        grow_document(document, 1)
        strategy = document.strategies.order_by("-number").first()
        measure = strategy.measures.first()
        measure.responsible_departments.set([DepartmentFactory(municipality=municipality)])
        services.progress_record(
            measure=measure, year=2025, status="on_track", note="n", by=coordinator
        )
        activity = ActivityFactory(action_plan=plan, responsible_department=department)
        activity.measures.set([measure])
        services.progress_record(activity=activity, year=2025, status="delayed", by=coordinator)
        IndicatorValueFactory(indicator=IndicatorFactory(action_plan=plan), year=2024)

    assert_constant_queries(
        client, url("document_progress", municipality, pk=document.pk) + "?area=1", grow
    )


def test_api_and_csv_give_the_pages_rows(client, municipality, document, reported, department):
    api = f"/api/v1/municipalities/{municipality.slug}/strategies/{document.pk}/progress/"
    data = client.get(api, {"lang": "sv", "department": department.slug}).json()
    assert data["count"] == 2
    measure, activity = data["results"]
    assert measure["kind"] == "measure" and measure["reference"] == "1a"
    assert (measure["status"], measure["status_label"], measure["year"]) == (
        "delayed",
        "försenad",
        2025,
    )
    assert measure["note"] == "Partner funding came late."
    assert activity["kind"] == "activity" and activity["status"] == "done"
    assert client.get(api, {"lang": "sv"}).json()["count"] == 6 + 2  # 6 measures, 2 activities
    # The CSV: the same rows, cells defused.
    ActionPlanActivity.objects.filter(number=2).update(title_sv="=HYPERLINK(1)")
    response = client.get(api, {"format": "csv", "lang": "sv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 8
    assert {r["text"] for r in rows if r["kind"] == "activity"} == {"Skolutbyte", "'=HYPERLINK(1)"}
    # Conditional GET as the other endpoints.
    etag = client.get(api).headers["ETag"]
    assert client.get(api, HTTP_IF_NONE_MATCH=etag).status_code == 304
    other = client.get(f"/api/v1/municipalities/trondheim/strategies/{document.pk}/progress/")
    assert other.status_code == 404


# --- the year rollover -----------------------------------------------------------------


def rollover_url(municipality, plan):
    return url("action_plan_rollover", municipality, "sv", pk=plan.document_id, plan_pk=plan.pk)


def test_the_rollover_lists_what_moves_and_what_closes(
    client, login, municipality, plan, reported, coordinator
):
    login(coordinator)
    response = client.get(rollover_url(municipality, plan))
    html = response.content.decode()
    moves, closes = html.index('id="h-moves"'), html.index('id="h-closes"')
    assert moves < html.index("Kulturår") < closes < html.index("Skolutbyte")
    assert "2026" in html  # into the next year


def test_rollover_carries_unfinished_activities_closes_done_ones_and_is_idempotent(
    client, login, municipality, plan, reported, coordinator
):
    _m1, _m2, done, unfinished = reported
    login(coordinator)
    response = client.post(rollover_url(municipality, plan), {"year": 2025})
    assert response.status_code == 302
    plan.refresh_from_db()
    done.refresh_from_db()
    unfinished.refresh_from_db()
    assert plan.plan_year == 2026
    assert (unfinished.carried_from_year, unfinished.closed_in_year) == (2025, None)
    assert (done.carried_from_year, done.closed_in_year) == (None, 2025)
    assert ActionPlanActivity.objects.filter(action_plan=plan).count() == 2  # none deleted
    history = unfinished.history.first()
    assert history.history_user == coordinator and "2025" in history.history_change_reason
    assert plan.history.first().history_user == coordinator
    versions = (plan.version, unfinished.version)
    # The same confirmation again (a double click, a reload): nothing changes.
    response = client.post(rollover_url(municipality, plan), {"year": 2025}, follow=True)
    plan.refresh_from_db()
    unfinished.refresh_from_db()
    assert (plan.plan_year, plan.version, unfinished.version) == (2026,) + versions
    assert "redan" in response.content.decode()  # "already carried over", in Swedish
    # The next year: the closed activity is not listed again.
    html = client.get(rollover_url(municipality, plan)).content.decode()
    assert "Skolutbyte" not in html and "Kulturår" in html


def test_the_last_plan_year_cannot_roll_over(client, login, municipality, plan, coordinator):
    plan.current_year = plan.end_year
    plan.save()
    with pytest.raises(ValidationError, match="2027"):
        services.action_plan_roll_over(action_plan=plan, year=2027, by=coordinator)
    login(coordinator)
    html = client.get(rollover_url(municipality, plan)).content.decode()
    assert "sista år" in html and 'name="year"' not in html
    response = client.post(rollover_url(municipality, plan), {"year": 2027}, follow=True)
    assert "sista år" in response.content.decode()
    plan.refresh_from_db()
    assert plan.current_year == 2027


def test_rollover_is_for_the_coordinator_only(
    client, login, municipality, plan, contact, foreign_coordinator
):
    login(contact)
    assert client.get(rollover_url(municipality, plan)).status_code == 403
    assert client.post(rollover_url(municipality, plan), {"year": 2025}).status_code == 403
    login(foreign_coordinator)
    assert client.post(rollover_url(municipality, plan), {"year": 2025}).status_code == 404
    plan.refresh_from_db()
    assert plan.current_year is None
