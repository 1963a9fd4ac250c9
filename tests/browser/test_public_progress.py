"""The public progress page in sv and nb: a measure's status as its department reported it
(written back on approval through `progress_record`, the report as its source) and the
indicator's trend chart; axe clean; reflows at 320 px. Screenshots at 1280 and 320 px."""

import os

import pytest

from strategies import services
from strategies.models import ProgressStatus
from tests.browser.conftest import assert_accessible
from tests.browser.test_wcag import check_page
from tests.factories import DepartmentFactory
from tests.strategies.factories import (
    ActionPlanFactory,
    ActivityFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    full_document,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "sv": {"status": "försenad", "filter": "Visa", "department": "Förvaltning"},
    "nb": {"status": "forsinket", "filter": "Vis", "department": "Virksomhet"},
}
SHOTS = os.environ.get("PROGRESS_SCREENSHOTS", "")


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_the_public_sees_a_reported_measure_and_the_indicator_chart(
    browser, live_server, municipality, other_municipality, coordinator, language
):
    # Växjö in Swedish, Trondheim in Norwegian.
    municipality = municipality if language == "sv" else other_municipality
    department = DepartmentFactory(municipality=municipality, slug="utbildning")
    document = full_document(municipality, size=2)
    plan = ActionPlanFactory(document=document, start_year=2024, end_year=2027)
    measure = document.strategies.get(number=1).measures.get(letter="b")
    measure.responsible_departments.set([department])
    # What approving the department's report does: the reported status and note are
    # recorded for the year, with the report as the source, and written onto the measure.
    services.progress_record(
        measure=measure,
        year=2025,
        status=ProgressStatus.DELAYED,
        note="Partnern fick sin finansiering sent.",
        department=department,
        source="Årsrapport 2025 — Utbildning",
        by=coordinator,
    )
    activity = ActivityFactory(action_plan=plan, number=1, responsible_department=department)
    activity.measures.set([measure])
    indicator = IndicatorFactory(action_plan=plan, responsible_department=department)
    for year, value in [(2022, 2), (2023, 5), (2024, 6), (2025, 1250)]:
        IndicatorValueFactory(indicator=indicator, year=year, value=value)
    address = f"{live_server.url}/{language}/{municipality.slug}/strategy/{document.pk}/progress/"
    text = TEXT[language]

    context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/{municipality.slug}/strategy/{document.pk}/")
    page.locator("main a.button[href$='/progress/']").click()
    page.wait_for_url("**/progress/")
    row = page.locator("#progress-area-1 tr", has_text="Partnern fick sin finansiering sent.")
    assert text["status"] in row.inner_text() and "2025" in row.inner_text()
    chart = page.locator(f"#indicator-{indicator.pk} figure.chart img")
    assert chart.count() == 1 and chart.evaluate("img => img.naturalWidth") > 0
    assert "1\xa0250" in page.locator(f"#indicator-{indicator.pk} table").inner_text()
    assert_accessible(page, context=f"progress page ({language})")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/progress-{language}-1280.png", full_page=True)
    # The filter works without JavaScript too: a plain GET form.
    page.get_by_label(text["department"]).select_option(department.slug)
    page.get_by_role("button", name=text["filter"], exact=True).click()
    page.wait_for_url("**department=*")
    assert page.locator("#progress-area-2 tbody tr").count() == 0
    assert page.locator(".results-count").inner_text().count(": 1") >= 2
    assert_accessible(page, context=f"filtered progress page ({language})")
    context.close()

    narrow = browser.new_context(locale=language, viewport={"width": 320, "height": 640})
    page = narrow.new_page()
    page.goto(address)
    assert check_page(page, "progress page") == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/progress-{language}-320.png", full_page=True)
    narrow.close()
