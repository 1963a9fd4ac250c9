"""Action-plan activities and indicator values imported from spreadsheets: an edited
export comes back (matched by id), the preview shows what changes, all or nothing, with
problems named by row and column in the page's language."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from strategies import services
from strategies.models import ActionPlanActivity, IndicatorSource, IndicatorValue
from tests.strategies.conftest import url
from tests.strategies.factories import ActionPlanFactory, ActivityFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(document):
    return ActionPlanFactory(document=document)


@pytest.fixture
def activities(plan, department):
    return [
        ActivityFactory(
            action_plan=plan,
            number=n,
            title_en=f"Activity {n}",
            title_sv=f"Aktivitet {n}",
            title=f"Activity {n}",
            responsible_department=department if n == 1 else None,
        )
        for n in (1, 2, 3)
    ]


def upload(client, municipality, document, data, *, name, lang="en", what="activity_import"):
    return client.post(
        url(what, municipality, lang, pk=document.pk),
        {"file": SimpleUploadedFile(name, data)},
    )


def apply(client, municipality, document, preview, *, lang="en", what="activity_import"):
    return client.post(
        url(what, municipality, lang, pk=document.pk), {"token": preview.context["token"]}
    )


def exported(client, municipality, document, lang="en"):
    response = client.get(
        url("document_table", municipality, lang, pk=document.pk, what="activities", fmt="xlsx")
    )
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def column(sheet, heading):
    return [c.value for c in sheet[1]].index(heading) + 1


def test_an_edited_export_round_trips_two_changed_rows_and_one_new(
    client, coordinator, municipality, document, activities, other_department
):
    client.force_login(coordinator)
    book = exported(client, municipality, document)
    sheet = book.active
    assert [c.value for c in sheet[1]][:3] == ["ID", "Version", "Action plan"]
    sheet.cell(2, column(sheet, "Activity")).value = "Teacher exchange with Kaunas"
    sheet.cell(3, column(sheet, "Responsible department")).value = other_department.name_en
    sheet.cell(3, column(sheet, "Start")).value = datetime.date(2026, 3, 1)
    new = [None] * sheet.max_column
    new[column(sheet, "Action plan") - 1] = "Action plan 2021–2025"
    new[column(sheet, "No.") - 1] = 4
    new[column(sheet, "Activity") - 1] = "Study visit to Tartu"
    new[column(sheet, "Resources needed") - 1] = 12000
    new[column(sheet, "Currency") - 1] = "sek"
    new[column(sheet, "Measures") - 1] = "1a, 2b"
    sheet.append(new)

    preview = upload(client, municipality, document, saved(book), name="activities.xlsx")
    assert preview.status_code == 200, preview.content.decode()[:3000]
    plan = preview.context["plan"]
    assert (len(plan.changed), len(plan.new), len(plan.untouched)) == (2, 1, 1)
    text = preview.content.decode()
    assert "Activity 1" in text and "Teacher exchange with Kaunas" in text
    assert "2026-03-01" in text and "Study visit to Tartu" in text
    first = ActionPlanActivity.objects.get(pk=activities[0].pk)
    assert first.title_en == "Activity 1"  # the preview writes nothing
    assert {r.obj.title_en for r in plan.changed} == {"Activity 1", "Activity 2"}

    response = apply(client, municipality, document, preview)
    assert response.status_code == 302
    first.refresh_from_db()
    second = ActionPlanActivity.objects.get(pk=activities[1].pk)
    assert first.title_en == "Teacher exchange with Kaunas"
    assert first.title_sv == "Aktivitet 1"  # the other language is left alone
    assert first.responsible_department is not None  # unchanged cells are not written
    assert second.responsible_department == other_department
    assert second.starts_on == datetime.date(2026, 3, 1)
    added = ActionPlanActivity.objects.get(action_plan=activities[0].action_plan, number=4)
    assert added.title_en == "Study visit to Tartu" and added.resources_currency == "SEK"
    assert added.resources_amount == Decimal("12000")
    assert sorted(f"{m.strategy.number}{m.letter}" for m in added.measures.all()) == ["1a", "2b"]
    assert first.history.first().history_user == coordinator
    assert added.history.first().history_user == coordinator
    assert ActionPlanActivity.objects.get(pk=activities[2].pk).version == activities[2].version


def test_a_row_changed_since_the_export_is_reported_not_overwritten(
    client, coordinator, municipality, document, activities
):
    client.force_login(coordinator)
    book = exported(client, municipality, document)
    sheet = book.active
    sheet.cell(2, column(sheet, "Activity")).value = "From the file"
    sheet.cell(3, column(sheet, "Activity")).value = "Also from the file"
    services.activity_update(
        activity=activities[0],
        by=coordinator,
        expected_version=activities[0].version,
        title_en="Saved in the portal meanwhile",
    )
    preview = upload(client, municipality, document, saved(book), name="a.xlsx")
    plan = preview.context["plan"]
    assert [r.obj.pk for r in plan.conflicts] == [activities[0].pk]
    assert "Changed in the portal since the export" in preview.content.decode()
    apply(client, municipality, document, preview)
    assert ActionPlanActivity.objects.get(pk=activities[0].pk).title_en == (
        "Saved in the portal meanwhile"
    )
    assert ActionPlanActivity.objects.get(pk=activities[1].pk).title_en == "Also from the file"


def test_problems_are_named_by_row_and_column_in_swedish_and_nothing_is_written(
    client, coordinator, municipality, document, activities
):
    client.force_login(coordinator)
    with translation.override("sv"):
        from strategies.transfer import ACTIVITY_COLUMNS

        headings = {c.key: str(c.heading) for c in ACTIVITY_COLUMNS}
    lines = [
        ";".join(
            [
                headings["id"],
                headings["number"],
                headings["title"],
                headings["starts_on"],
                headings["responsible_department"],
            ]
        ),
        f"{activities[0].pk};1;Ändrad titel;2026-01-01;",
        f"{activities[1].pk};2;Aktivitet 2;31 februari;",
        ";5;Ny aktivitet;;Förvaltningen som inte finns",
        "999999;6;Någon annans;;",
    ]
    data = "\r\n".join(lines).encode("cp1252")
    response = upload(client, municipality, document, data, name="a.csv", lang="sv")
    assert response.status_code == 400
    errors = [(e.row, e.column) for e in response.context["plan"].errors]
    assert errors == [
        (3, headings["starts_on"]),
        (4, headings["responsible_department"]),
        (5, headings["id"]),
    ]
    text = response.content.decode()
    assert "är inte ett datum" in text or "inte ett datum" in text
    assert not response.context["token"]
    assert ActionPlanActivity.objects.get(pk=activities[0].pk).title_sv == "Aktivitet 1"
    assert ActionPlanActivity.objects.filter(action_plan=activities[0].action_plan).count() == 3


@pytest.mark.parametrize(
    "encoding, separator",
    [("utf-8-sig", ","), ("utf-8", ";"), ("cp1252", ";"), ("utf-8", "\t")],
)
def test_csv_in_each_encoding_and_separator(
    client, coordinator, municipality, document, activities, encoding, separator
):
    client.force_login(coordinator)
    lines = [
        separator.join(["ID", "Version", "No.", "Activity", "Description"]),
        separator.join(
            [
                str(activities[2].pk),
                str(activities[2].version),
                "3",
                "Utbyte i Växjö",
                "Lärare åker till Ålesund",
            ]
        ),
        separator.join(["", "", "7", "Ny: möte i Tromsø", ""]),
    ]
    data = "\r\n".join(lines).encode(encoding)
    preview = upload(client, municipality, document, data, name="a.csv")
    assert preview.status_code == 200, preview.content.decode()[:2000]
    assert (len(preview.context["plan"].changed), len(preview.context["plan"].new)) == (1, 1)
    assert apply(client, municipality, document, preview).status_code == 302
    changed = ActionPlanActivity.objects.get(pk=activities[2].pk)
    assert changed.title_en == "Utbyte i Växjö"
    assert changed.description_en == "Lärare åker till Ålesund"
    assert ActionPlanActivity.objects.get(number=7).title_en == "Ny: möte i Tromsø"


def test_a_service_refusal_is_named_in_the_preview(
    client, coordinator, municipality, document, activities
):
    """The numbers are unique per action plan: the services' check, found before apply."""
    client.force_login(coordinator)
    data = b"No.,Activity\r\n2,A second number two\r\n"
    response = upload(client, municipality, document, data, name="a.csv")
    assert response.status_code == 400
    assert [e.row for e in response.context["plan"].errors] == [2]
    assert ActionPlanActivity.objects.filter(title_en="A second number two").count() == 0


def test_indicator_values_by_number_and_id_a_typed_value_replaces_a_fetched_one(
    client, coordinator, municipality, document, plan
):
    client.force_login(coordinator)
    first = IndicatorFactory(action_plan=plan, number=1)
    second = IndicatorFactory(action_plan=plan, number=2)
    fetched = IndicatorValue.objects.create(
        indicator=first,
        year=2023,
        value=Decimal("4"),
        source=IndicatorSource.KOLADA,
        fetched_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        source_title="Kolada",
    )
    IndicatorValue.objects.create(indicator=second, year=2023, value=Decimal("7"), note="ok")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indicator ID", "Indicator no.", "Year", "Value", "Note"])
    sheet.append([None, 1, 2023, 5.5, "Counted by us"])
    sheet.append([second.pk, None, 2024, 9, None])
    sheet.append([None, 2, 2023, 7, "ok"])
    preview = upload(
        client, municipality, document, saved(book), name="v.xlsx", what="indicator_value_import"
    )
    assert preview.status_code == 200, preview.content.decode()[:2000]
    result = preview.context["plan"]
    assert (len(result.changed), len(result.new), len(result.untouched)) == (1, 1, 1)
    assert "Counted by us" in preview.content.decode()
    response = apply(client, municipality, document, preview, what="indicator_value_import")
    assert response.status_code == 302
    fetched.refresh_from_db()
    assert fetched.value == Decimal("5.5") and fetched.note == "Counted by us"
    assert fetched.source == "" and fetched.fetched_at is None  # a hand value now
    assert second.values.get(year=2024).value == 9


def test_indicator_value_problems_by_row_and_column(
    client, coordinator, municipality, document, plan
):
    client.force_login(coordinator)
    IndicatorFactory(action_plan=plan, number=1)
    other_plan = ActionPlanFactory(document=document, start_year=2026, end_year=2029)
    IndicatorFactory(action_plan=plan, number=2)
    IndicatorFactory(action_plan=other_plan, number=2)
    with translation.override("sv"):
        from strategies.transfer import VALUE_COLUMNS

        headings = {c.key: str(c.heading) for c in VALUE_COLUMNS}
    assert headings["indicator"] == "Indikator nr"
    data = (
        ",".join([headings[k] for k in ("indicator", "year", "value", "note")])
        + "\r\n1,2024,många,\r\n2,2024,3,\r\n9,2024,1,\r\n1,,2,\r\n"
    ).encode("utf-8-sig")
    response = upload(
        client,
        municipality,
        document,
        data,
        name="v.csv",
        lang="sv",
        what="indicator_value_import",
    )
    assert response.status_code == 400
    errors = [(e.row, e.column) for e in response.context["plan"].errors]
    assert errors == [
        (2, headings["value"]),
        (3, headings["indicator"]),
        (4, headings["indicator"]),
        (5, headings["year"]),
    ]
    text = response.content.decode()
    assert "Flera handlingsplaner har indikator 2" in text
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("what", ["activity_import", "indicator_value_import"])
def test_a_contact_is_refused_and_another_municipality_finds_nothing(
    client, contact, coordinator, municipality, other_municipality, document, what
):
    client.force_login(contact)
    assert client.get(url(what, municipality, pk=document.pk)).status_code == 403
    from tests.factories import CoordinatorFactory

    client.force_login(CoordinatorFactory(municipality=other_municipality))
    assert client.get(url(what, other_municipality, pk=document.pk)).status_code == 404
    client.force_login(coordinator)
    assert client.get(url(what, municipality, pk=document.pk)).status_code == 200
