"""The strategy's measures and action-plan activities as spreadsheets: one row per thing,
headings and texts in the page's language, typed cells, never a draft."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from strategies.models import DocumentStatus
from tests.strategies.conftest import url
from tests.strategies.factories import ActionPlanFactory, ActivityFactory, full_document

pytestmark = pytest.mark.django_db


def sheet(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def test_measures_one_row_each_in_the_pages_language(client, document, municipality):
    response = client.get(
        url("document_table", municipality, "sv", pk=document.pk, what="measures", fmt="xlsx")
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="vaxjo-strategy-{document.pk}-measures-'
    )
    rows = list(sheet(response).values)
    assert rows[0][:4] == ("Strategi nr", "Strategi", "Åtgärd", "Text")
    assert len(rows) == 1 + 6  # two strategies with three measures each
    assert rows[1][0] == 1 and rows[1][2] == "a" and rows[1][3].startswith("Åtgärd a")
    english = client.get(
        url("document_table", municipality, "en", pk=document.pk, what="measures", fmt="csv")
    ).content.decode("utf-8-sig")
    assert "Measure a with external funding" in english


def test_activities_have_typed_dates_and_amounts_and_defused_text(
    client, document, municipality, department
):
    plan = ActionPlanFactory(document=document)
    ActivityFactory(
        action_plan=plan,
        number=1,
        title_en="-Exchange of teachers",
        title="-Exchange of teachers",
        starts_on=datetime.date(2026, 1, 15),
        resources_amount=Decimal("25000.00"),
        resources_currency="SEK",
        responsible_department=department,
    )
    response = client.get(
        url("document_table", municipality, pk=document.pk, what="activities", fmt="xlsx")
    )
    rows = list(sheet(response).iter_rows())
    headings = [c.value for c in rows[0]]
    cells = dict(zip(headings, rows[1], strict=True))
    assert cells["Activity"].value == "'-Exchange of teachers"
    assert cells["Start"].is_date and cells["Start"].value.date() == datetime.date(2026, 1, 15)
    assert cells["Resources needed"].data_type == "n"
    assert cells["Resources needed"].value == 25000
    assert cells["Responsible department"].value == department.name_en


def test_a_draft_is_never_exported(client, municipality, coordinator):
    draft = full_document(municipality, status=DocumentStatus.DRAFT)
    client.force_login(coordinator)
    for what in ("measures", "activities"):
        response = client.get(
            url("document_table", municipality, pk=draft.pk, what=what, fmt="csv")
        )
        assert response.status_code == 404


def test_another_municipalitys_document_is_not_found(client, document, other_municipality):
    response = client.get(
        url("document_table", other_municipality, pk=document.pk, what="measures", fmt="csv")
    )
    assert response.status_code == 404
