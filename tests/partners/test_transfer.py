"""Twin towns and networks as spreadsheets, and twin towns imported back (round trip)."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from partners.models import Category, CategoryChange, Relation
from tests.partners.factories import MembershipFactory, RelationFactory

pytestmark = pytest.mark.django_db


def url(name, municipality, language="en"):
    with translation.override(language):
        return reverse(f"partners:{name}", kwargs={"municipality": municipality.slug})


def sheet_of(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def relations(relation, municipality):
    relation.established_on = datetime.date(1995, 6, 1)
    relation.established_year = 1995
    relation.save()
    formula = RelationFactory(
        municipality=municipality,
        city_en="=cmd|' /C calc'!A0",
        city_sv="=cmd|' /C calc'!A0",
        city="=cmd|' /C calc'!A0",
        category=Category.SOLIDARITY,
    )
    return [relation, formula]


def test_public_xlsx_has_human_headings_typed_cells_and_a_dated_file_name(
    client, relations, municipality
):
    response = client.get(url("relation_xlsx", municipality, "sv"))
    assert response.status_code == 200
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="vaxjo-twin-towns-{today}.xlsx"'
    )
    sheet = sheet_of(response)
    headings = [c.value for c in sheet[1]]
    assert headings[:6] == ["Id", "Version", "Ort", "Landskod", "Land", "Typ av relation"]
    assert "Ansvarig förvaltning" not in headings  # members only
    by_city = {row[2].value: row for row in sheet.iter_rows(min_row=2)}
    kaunas = by_city["Kaunas"]
    established = kaunas[headings.index("Etablerad (datum)")]
    assert established.is_date and established.value.date() == datetime.date(1995, 6, 1)
    assert kaunas[0].data_type == "n"
    assert "'=cmd|' /C calc'!A0" in by_city  # neutralised


@pytest.mark.parametrize("language, heading", [("nb", "By"), ("sv", "Ort"), ("en", "City")])
def test_csv_headings_per_language_in_a_declared_order(
    client, relations, municipality, language, heading
):
    response = client.get(url("relation_csv", municipality, language))
    text = response.content.decode("utf-8-sig")
    first = text.splitlines()[0].split(",")
    assert first[2] == heading and first[0] in ("ID", "Id")
    assert "'=cmd|' /C calc'!A0" in text


def test_members_get_the_department_by_name(client, relations, municipality, contact, department):
    client.force_login(contact)
    sheet = sheet_of(client.get(url("relation_xlsx", municipality)))
    headings = [c.value for c in sheet[1]]
    column = headings.index("Responsible department")
    cities = {row[2].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    assert cities["Kaunas"] == department.name_en


def test_networks_export(client, municipality):
    MembershipFactory(municipality=municipality)
    response = client.get(url("network_xlsx", municipality))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'networks-{datetime.date.today()}.xlsx"')
    assert [c.value for c in sheet_of(response)[1]][0] == "Network"


def _upload(client, municipality, content, name="edited.xlsx", language="en"):
    return client.post(
        url("relation_import", municipality, language),
        {"file": SimpleUploadedFile(name, content)},
    )


def _apply(client, municipality, response, language="en"):
    token = response.context["token"]
    assert token
    return client.post(url("relation_import", municipality, language), {"token": token})


def test_round_trip_changes_two_rows_and_adds_one(
    client, relations, municipality, coordinator, other_department
):
    client.force_login(coordinator)
    export = client.get(url("relation_xlsx", municipality))
    book = openpyxl.load_workbook(io.BytesIO(export.content))
    sheet = book.active
    headings = [c.value for c in sheet[1]]
    col = {h: i + 1 for i, h in enumerate(headings)}
    rows = {sheet.cell(r, col["City"]).value: r for r in range(2, sheet.max_row + 1)}
    kaunas_row = rows["Kaunas"]
    sheet.cell(kaunas_row, col["Category"]).value = "dormant"
    sheet.cell(kaunas_row, col["Next review"]).value = datetime.date(2027, 5, 1)
    sheet.cell(rows["'=cmd|' /C calc'!A0"], col["City"]).value = "Lviv"
    new = sheet.max_row + 1
    sheet.cell(new, col["City"]).value = "Tartu"
    sheet.cell(new, col["Country code"]).value = "EE"
    sheet.cell(new, col["Category"]).value = "Political focus"
    sheet.cell(new, col["Responsible department"]).value = other_department.name_en
    out = io.BytesIO()
    book.save(out)

    preview = _upload(client, municipality, out.getvalue())
    assert preview.status_code == 200, (preview.context["form"].errors, preview.context["plan"])
    plan = preview.context["plan"]
    assert len(plan.changed) == 2 and len(plan.new) == 1 and not plan.errors
    html = preview.content.decode()
    assert "Lviv" in html and "2027-05-01" in html
    assert Relation.objects.filter(city="Tartu").count() == 0  # nothing written yet

    done = _apply(client, municipality, preview)
    assert done.status_code == 302
    kaunas = Relation.objects.get(city_en="Kaunas")
    assert kaunas.category == Category.DORMANT
    assert kaunas.next_review_on == datetime.date(2027, 5, 1)
    change = CategoryChange.objects.filter(relation=kaunas).latest("pk")
    assert change.recorded_by == coordinator and change.to_category == Category.DORMANT
    assert Relation.objects.filter(city_en="Lviv").exists()
    tartu = Relation.objects.get(city="Tartu", municipality=municipality)
    assert tartu.responsible_department == other_department
    assert tartu.category == Category.POLITICAL_FOCUS
    assert tartu.history.latest().history_user == coordinator


def test_a_row_changed_since_the_export_is_reported_not_overwritten(
    client, relation, municipality, coordinator
):
    client.force_login(coordinator)
    export = client.get(url("relation_csv", municipality)).content.decode("utf-8-sig")
    relation.description = "Edited in the portal"
    relation.version += 1
    relation.save()
    edited = export.replace("Kaunas", "Kaunas (edited)")
    preview = _upload(client, municipality, edited.encode("utf-8"), "edited.csv")
    plan = preview.context["plan"]
    assert len(plan.conflicts) == 1 and not plan.changed
    assert "Changed in the portal since the file was exported" in preview.content.decode()
    _apply(client, municipality, preview)
    relation.refresh_from_db()
    assert relation.city_en == "Kaunas"


@pytest.mark.parametrize(
    "encoding, separator",
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";")],
)
def test_new_relations_from_csv_in_each_encoding(
    client, municipality, coordinator, encoding, separator
):
    client.force_login(coordinator)
    text = separator.join(["Ort", "Landskod", "Kategori"]) + "\r\n"
    text += separator.join(["Åbo", "FI", "Solidaritet"]) + "\r\n"
    preview = _upload(client, municipality, text.encode(encoding), "ny.csv", "sv")
    assert preview.status_code == 200, preview.context["form"].errors
    _apply(client, municipality, preview, "sv")
    assert Relation.objects.get(municipality=municipality, city="Åbo").category == "solidarity"


def test_problems_are_named_by_row_and_column_and_nothing_is_imported(
    client, municipality, coordinator
):
    client.force_login(coordinator)
    text = "By;Landkode;Kategori;Neste gjennomgang\nRiga;LV;Politisk fokus;snart\n;XX;ukjent;\n"
    response = _upload(client, municipality, text.encode(), "feil.csv", "nb")
    assert response.status_code == 400
    assert response.context["plan"], response.context["form"].errors
    errors = {(e.row, e.column) for e in response.context["plan"].errors}
    assert (2, "Neste gjennomgang") in errors
    assert (3, "By") in errors and (3, "Kategori") in errors
    assert "ikke en dato" in response.content.decode()
    assert not response.context["token"]
    assert not Relation.objects.filter(municipality=municipality).exists()


def test_import_permissions(client, municipality, contact, foreign_coordinator):
    client.force_login(contact)
    assert client.get(url("relation_import", municipality)).status_code == 403
    client.force_login(foreign_coordinator)
    assert client.get(url("relation_import", municipality)).status_code == 404


def test_ids_of_another_municipality_are_refused(
    client, municipality, coordinator, foreign_relation
):
    client.force_login(coordinator)
    text = f"ID,City,Category\n{foreign_relation.pk},Darkhan,dormant\n"
    response = _upload(client, municipality, text.encode(), "x.csv")
    assert response.status_code == 400
    assert [e.column for e in response.context["plan"].errors] == ["ID"]
    foreign_relation.refresh_from_db()
    assert foreign_relation.category != Category.DORMANT


def test_the_json_api_honours_the_pages_language(client, municipality):
    RelationFactory(
        municipality=municipality, city_en="Gothenburg", city_sv="Göteborg", city_nb="Göteborg"
    )
    api = f"/api/v1/municipalities/{municipality.slug}/twin-towns/"
    cities = lambda response: [r["city"] for r in response.json()["results"]]  # noqa: E731
    assert cities(client.get(api)) == ["Göteborg"]  # the municipality's language (sv)
    english = client.get(api, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert cities(english) == ["Gothenburg"]
    assert "Accept-Language" in english.get("Vary", "") or "ETag" not in english
    assert cities(client.get(api + "?lang=nb", HTTP_ACCEPT_LANGUAGE="en")) == ["Göteborg"]
    page = client.get(url("relation_list", municipality, "en")).content.decode()
    assert f"{api}?lang=en" in page
