"""National indicator sources: the real client code (URLs, paging, JSON-stat2, 429)
against the recorded answers in strategies/sources/recordings (composed from the APIs'
documentation, not captured), replayed through requests by the replay adapter."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from celery.exceptions import Retry
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError

from strategies import services
from strategies.models import Indicator, IndicatorValue
from strategies.sources import client
from strategies.tasks import refresh_indicator_sources_task
from tests.intlstrategy.test_charts import texts

from .conftest import url
from .factories import ActionPlanFactory, IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

RECORDINGS = Path(django_settings.BASE_DIR) / "strategies" / "sources" / "recordings"
KOLADA = "https://api.kolada.se/v3"
SSB = "https://data.ssb.no/api/pxwebapi/v2"


@pytest.fixture(autouse=True)
def _replay(settings):
    settings.INDICATOR_SOURCES_REPLAY_DIR = str(RECORDINGS)


def _replay_with(settings, tmp_path, overrides):
    """The shipped recordings with some URLs answered differently (renamed, 429)."""
    index = json.loads((RECORDINGS / "index.json").read_text())
    for entry in index:
        if entry["url"] in overrides:
            entry["responses"] = overrides[entry["url"]]
        for answer in entry["responses"]:
            if "file" in answer:
                answer["file"] = str(RECORDINGS / answer["file"])
    (tmp_path / "index.json").write_text(json.dumps(index))
    settings.INDICATOR_SOURCES_REPLAY_DIR = str(tmp_path)


@pytest.fixture
def indicator(municipality, document):
    municipality.statistics_code = "0780"
    municipality.save()
    plan = ActionPlanFactory(document=document)
    return IndicatorFactory(action_plan=plan, unit="antal")


def test_kolada_values_follow_every_page():
    http = client.session()
    values = client.kolada_values("N01951", ["0780"], http=http)
    assert values["0780"][2019] == Decimal("94859") and values["0780"][2024] == Decimal("97941")
    adapter = http.get_adapter("https://api.kolada.se")
    assert len(adapter.requests) == 2 and "page=2" in adapter.requests[1]


def test_ssb_jsonstat2_is_read_cell_by_cell_and_nulls_skipped():
    title, values = client.ssb_values("11342", ["5001"], ["Areal1", "Folkemengde"])
    assert title.startswith("11342")
    assert values[("5001", "Folkemengde")][2024] == Decimal("214565")
    assert 2020 not in values[("5001", "Areal1")]  # ".." in SSB: null, not a zero
    assert values[("5001", "Areal1")][2021] == Decimal("342.20")


def test_linking_and_refreshing_a_kolada_kpi(indicator, municipality, coordinator):
    services.indicator_link_source(
        indicator=indicator,
        municipality=municipality,
        source="kolada",
        source_id="n01951",
        by=coordinator,
    )
    indicator.refresh_from_db()
    assert (indicator.source_id, indicator.source_unit) == ("N01951", "antal")
    assert services.refresh_indicators()["changed"] == 6
    assert services.refresh_indicators()["changed"] == 0  # idempotent
    value = indicator.values.get(year=2023)
    assert value.value == 97502 and value.source == "kolada" and value.fetched_at
    assert value.source_title == "Invånare totalt, antal"


def test_a_renamed_kpi_warns(indicator, municipality, coordinator, settings, tmp_path, client):
    services.indicator_link_source(
        indicator=indicator,
        municipality=municipality,
        source="kolada",
        source_id="N01951",
        by=coordinator,
    )
    _replay_with(
        settings, tmp_path, {f"{KOLADA}/kpi/N01951": [{"file": "kolada/kpi_N01951_renamed.json"}]}
    )
    services.refresh_indicators()
    assert list(Indicator.objects.with_renamed_source()) == [indicator]
    client.force_login(coordinator)
    page = client.get(
        url(
            "indicator_values",
            municipality,
            pk=indicator.action_plan.document_id,
            item_pk=indicator.pk,
        )
    )
    assert "Invånare totalt 31 december, antal" in page.content.decode()
    assert "changed its title" in page.content.decode()


def test_rate_limit_is_waited_out_then_deferred(
    indicator, municipality, coordinator, settings, tmp_path
):
    services.indicator_link_source(
        indicator=indicator,
        municipality=municipality,
        source="kolada",
        source_id="N01951",
        by=coordinator,
    )
    data = f"{KOLADA}/data/kpi/N01951/municipality/0780"
    _replay_with(
        settings,
        tmp_path,
        {
            data: [
                {
                    "status": 429,
                    "headers": {"Retry-After": "0"},
                    "body": {"error": "Too many requests"},
                },
                {"file": "kolada/data_N01951_0780_p1.json"},
            ]
        },
    )
    assert services.refresh_indicators()["changed"] == 6  # 429, waited 0 s, then success
    _replay_with(
        settings,
        tmp_path,
        {
            data: [
                {"status": 429, "headers": {"Retry-After": "3600"}, "body": {}},
            ]
        },
    )
    with pytest.raises(client.RateLimited) as limited:
        services.refresh_indicators()
    assert limited.value.retry_after == 3600
    # The task defers itself by Retry-After instead of failing (tests propagate Retry).
    with pytest.raises(Retry) as retried:
        refresh_indicator_sources_task.apply(args=[[indicator.pk]], throw=True)
    assert retried.value.when == 3600


def test_a_hand_typed_value_is_kept_and_the_difference_shown(
    indicator, municipality, coordinator, client
):
    IndicatorValueFactory(indicator=indicator, year=2023, value=Decimal("97000"))
    services.indicator_link_source(
        indicator=indicator,
        municipality=municipality,
        source="kolada",
        source_id="N01951",
        by=coordinator,
    )
    services.refresh_indicators()
    typed = indicator.values.get(year=2023)
    assert typed.value == 97000 and typed.source == "" and typed.source_value == 97502
    client.force_login(coordinator)
    values_url = url(
        "indicator_values", municipality, pk=indicator.action_plan.document_id, item_pk=indicator.pk
    )
    body = client.get(values_url).content.decode()
    assert "Kolada says 97,502 for 2023; you typed 97,000." in body
    client.post(
        url(
            "indicator_value_take_source",
            municipality,
            pk=indicator.action_plan.document_id,
            item_pk=indicator.pk,
            value_pk=typed.pk,
        )
    )
    typed.refresh_from_db()
    assert typed.value == 97502 and typed.source_value is None and typed.source == "kolada"


def test_ssb_batches_one_request_per_table(db, other_municipality, foreign_coordinator):
    from .factories import full_document

    other_municipality.statistics_code = "5001"
    other_municipality.save()
    plan = ActionPlanFactory(document=full_document(other_municipality, size=1))
    people = IndicatorFactory(action_plan=plan, unit="personer")
    area = IndicatorFactory(action_plan=plan, unit="km²")
    for indicator, variable in ((people, "Folkemengde"), (area, "Areal1")):
        services.indicator_link_source(
            indicator=indicator,
            municipality=other_municipality,
            source="ssb",
            source_id="11342",
            variable=variable,
            by=foreign_coordinator,
        )
    with pytest.raises(ValidationError):
        services.indicator_link_source(
            indicator=people,
            municipality=other_municipality,
            source="ssb",
            source_id="11342",
            variable="",
            by=foreign_coordinator,
        )
    assert services.refresh_indicators()["groups"] == 1
    assert people.values.get(year=2024).value == 214565
    assert area.values.get(year=2022).value == Decimal("342.20")
    assert IndicatorValue.objects.filter(indicator=area, year=2020).count() == 0


def test_link_page_search_shows_title_and_unit_then_links(
    indicator, municipality, coordinator, client, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    kwargs = {"pk": indicator.action_plan.document_id, "item_pk": indicator.pk}
    page = client.get(
        url("indicator_source", municipality, lang="sv", **kwargs),
        {"source": "kolada", "q": "invånare"},
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "Invånare totalt, antal" in body and "N00938" in body and "andel (%)" in body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("indicator_source", municipality, lang="sv", **kwargs),
            {"source": "kolada", "source_id": "N01951"},
        )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.source == "kolada" and indicator.values.count() == 6  # queued, eager
    # SSB is not offered to a Swedish municipality.
    page = client.get(url("indicator_source", municipality, **kwargs), {"source": "ssb"})
    assert page.status_code == 404


def test_only_the_municipality_s_coordinator(
    indicator, municipality, contact, foreign_coordinator, client
):
    kwargs = {"pk": indicator.action_plan.document_id, "item_pk": indicator.pk}
    client.force_login(contact)
    assert client.get(url("indicator_source", municipality, **kwargs)).status_code == 403
    client.force_login(foreign_coordinator)
    assert client.get(url("indicator_source", municipality, **kwargs)).status_code == 404
    assert client.post(url("indicator_source_refresh", municipality, **kwargs)).status_code == 404


def test_indicator_chart_in_swedish_has_locale_numbers_and_whole_ticks(
    indicator, coordinator, municipality, client
):
    for year, value in ((2021, 1234.5), (2022, 1500), (2023, 2100)):
        IndicatorValueFactory(indicator=indicator, year=year, value=Decimal(str(value)))
    from django.utils import translation

    from strategies.views.indicators import indicator_chart

    with translation.override("sv"):
        chart = indicator_chart(indicator, list(indicator.values.order_by("year")))
    axis = texts(chart.svg, "axis-label")
    assert any(re.fullmatch(r"\d\u00a0\d{3}", label) for label in axis), axis  # "2 000"
    assert ["1\u00a0234,5"] == [row[1] for row in chart.rows][:0] or chart.rows[0][1] == 1234.5
    counted = IndicatorFactory(action_plan=indicator.action_plan, unit="projekt")
    for year, value in ((2021, 1), (2022, 2), (2023, 3)):
        IndicatorValueFactory(indicator=counted, year=year, value=value)
    with translation.override("nb"):
        chart = indicator_chart(counted, list(counted.values.order_by("year")))
    ticks = [t for t in texts(chart.svg, "axis-label") if not re.fullmatch(r"20\d\d", t)]
    assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), ticks


def test_values_page_with_chart_runs_a_fixed_number_of_queries(
    indicator, municipality, coordinator, client
):
    from tests.querycount import assert_constant_queries

    client.force_login(coordinator)
    years = iter(range(2000, 2030))

    def grow():
        IndicatorValueFactory(indicator=indicator, year=next(years), value=Decimal("3"))

    values_url = url(
        "indicator_values", municipality, pk=indicator.action_plan.document_id, item_pk=indicator.pk
    )
    assert_constant_queries(client, values_url, grow)


def test_the_demo_links_vaxjo_and_trondheim_and_reloads_without_undoing_edits(settings):
    from intlstrategy import demo as organisation_demo
    from intlstrategy.models import Municipality
    from strategies import demo

    settings.INDICATOR_SOURCES_REPLAY_DIR = ""  # the demo replays its recordings itself
    organisation_demo.load()
    demo.load()
    codes = dict(Municipality.objects.values_list("slug", "statistics_code"))
    assert codes["vaxjo"] == "0780" and codes["trondheim"] == "5001"
    linked = {i.source_id: i for i in Indicator.objects.linked()}
    assert set(linked) == {"N01951", "11342"}
    vaxjo = linked["N01951"]
    assert vaxjo.values.get(year=2024).value == 97941
    assert linked["11342"].values.get(year=2024).value == 214565
    # A coordinator's changes survive a reload: a value typed by hand, an unlinked one.
    vaxjo.values.filter(year=2024).update(value=98000, source="")
    services.indicator_unlink_source(indicator=linked["11342"], by=None)
    organisation_demo.load()
    demo.load()
    assert vaxjo.values.get(year=2024).value == 98000
    assert vaxjo.values.get(year=2024).source_value == 97941
    assert not Indicator.objects.get(pk=linked["11342"].pk).source
    assert Indicator.objects.filter(number=4, name_sv="Invånare i kommunen").count() == 1
