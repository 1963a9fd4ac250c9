"""The open-data API at scale: pages in a stable order, filters, conditional GET,
a per-client rate limit, and whole-set exports that are streamed."""

import csv
import io
import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from intlstrategy import api
from partners import services as partner_services
from partners.models import Category, Relation
from tests.partners.factories import RelationFactory
from tests.projects.factories import ProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db

TWIN_TOWNS = "/api/v1/municipalities/vaxjo/twin-towns/"
PROJECTS = "/api/v1/municipalities/vaxjo/projects/"


def test_every_row_comes_once_in_pages_of_the_size_asked_for(client, municipality):
    # Three cities of the same name: only the id keeps their order stable.
    for city in ["Åbo", "Kaunas", "Kaunas", "Kaunas", "Tartu", "Gdańsk", "Lund"]:
        RelationFactory(municipality=municipality, city_en=city, city=city)
    first = client.get(TWIN_TOWNS + "?page_size=3&lang=en").json()
    assert first["count"] == 7 and first["previous"] is None
    assert first["next"].endswith("page=2&page_size=3") or "page=2" in first["next"]
    seen = [row["id"] for row in first["results"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        assert page["previous"]
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    expected = list(Relation.objects.order_by("city", "pk").values_list("pk", flat=True))
    assert seen == expected


def test_a_page_is_never_larger_than_the_cap(client, municipality, monkeypatch):
    monkeypatch.setattr(api.OpenDataPagination, "max_page_size", 4)
    for _ in range(6):
        RelationFactory(municipality=municipality)
    data = client.get(TWIN_TOWNS + "?page_size=100000").json()
    assert len(data["results"]) == 4 and data["count"] == 6


def test_lists_filter_by_status_year_programme_and_category(client, municipality, department):
    interreg = ProgrammeFactory(name="Interreg")
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title_en="Harbours",
        programme=interreg,
        status="ongoing",
        start_date="2024-03-01",
        end_date="2025-12-31",
    )
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title_en="Schools",
        status="completed",
        start_date="2019-01-01",
        end_date="2020-06-30",
    )

    def titles(query):
        response = client.get(PROJECTS + "?lang=en&" + query)
        assert response.status_code == 200, response.content
        return [row["title"] for row in response.json()["results"]]

    assert titles("status=completed") == ["Schools"]
    assert titles("year=2025") == ["Harbours"]
    assert titles(f"programme={interreg.pk}") == ["Harbours"]
    assert client.get(PROJECTS + "?status=idea").status_code == 400  # internal: not offered
    RelationFactory(municipality=municipality, city_en="Kaunas", category=Category.DORMANT)
    RelationFactory(municipality=municipality, city_en="Lund")
    dormant = client.get(TWIN_TOWNS + "?category=dormant&lang=en").json()["results"]
    assert [row["city"] for row in dormant] == ["Kaunas"]


def test_an_unchanged_list_is_answered_304_without_a_query(client, municipality):
    relation = RelationFactory(municipality=municipality, city_sv="Kaunas")
    first = client.get(TWIN_TOWNS)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(TWIN_TOWNS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and len(queries) == 0
    since = client.get(TWIN_TOWNS, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # Another query string is another representation.
    assert client.get(TWIN_TOWNS + "?lang=en", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    relation.city_sv = "Kowno"
    partner_services.relation_update(relation=relation, expected_version=relation.version)
    changed = client.get(TWIN_TOWNS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "Kowno" in changed.content.decode()


def test_a_change_in_another_municipality_keeps_the_etag(client, municipality, other_municipality):
    RelationFactory(municipality=municipality)
    etag = client.get(TWIN_TOWNS)["ETag"]
    RelationFactory(municipality=other_municipality)
    assert client.get(TWIN_TOWNS, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_client_over_the_rate_limit_is_told_when_to_come_back(client, municipality, settings):
    settings.API_RATE_LIMIT = "3/minute"
    for _ in range(3):
        assert client.get(TWIN_TOWNS).status_code == 200
    refused = client.get(TWIN_TOWNS)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    # Per client: another address still gets its answer.
    assert client.get(TWIN_TOWNS, REMOTE_ADDR="192.0.2.7").status_code == 200


ROWS = 1234  # more than two chunks of api.EXPORT_CHUNK


def _many_relations(municipality):
    Relation.objects.bulk_create(
        Relation(
            municipality=municipality,
            city=f"=City {n:04}" if n == 0 else f"City {n:04}",
            city_sv=f"City {n:04}",
            country="DE",
            category=Category.PROJECT_AGREEMENT,
        )
        for n in range(ROWS)
    )


def test_a_large_csv_export_is_streamed_in_chunks(client, municipality):
    _many_relations(municipality)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(TWIN_TOWNS + "?format=csv&lang=en")
        assert response.streaming and response.status_code == 200
        body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body, newline="")))
    assert len(rows) == ROWS  # the whole set, not one page
    assert rows[0]["city"] == "'=City 0000"  # defused
    assert "category_history.0.to_category" not in rows[0]  # no history: no such column
    # One query (and one prefetch) per chunk, however many rows: bounded by row count.
    chunks = math.ceil(ROWS / api.EXPORT_CHUNK)
    assert len(queries) <= 2 * chunks + 4


def test_a_large_xlsx_export_is_streamed(client, municipality):
    _many_relations(municipality)
    response = client.get(TWIN_TOWNS + "?format=xlsx")
    assert response.streaming and response["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == ROWS + 1 and "city" in rows[0]


def test_the_csv_keeps_the_history_as_dotted_columns(client, municipality, coordinator):
    relation = RelationFactory(municipality=municipality, city="Kaunas")
    relation.category_changes.create(
        date="2020-01-01",
        to_category=Category.PROJECT_AGREEMENT,
        reason="First grading",
        recorded_by=coordinator,
    )
    relation.category_changes.create(
        date="2022-01-01",
        from_category=Category.PROJECT_AGREEMENT,
        to_category=Category.DORMANT,
        reason="No activity",
        recorded_by=coordinator,
    )
    body = b"".join(client.get(TWIN_TOWNS + "?format=csv").streaming_content).decode()
    row = next(csv.DictReader(io.StringIO(body, newline="")))
    assert row["category_history.1.to_category"] == "dormant"


def test_the_schema_documents_pages_filters_and_formats(client, db):
    schema = client.get("/api/v1/schema/").content.decode()
    for word in ("PaginatedPublicProjectList", "page_size", "programme", "xlsx", "next"):
        assert word in schema
