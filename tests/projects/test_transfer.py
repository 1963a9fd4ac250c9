"""CSV import (row, column, problem; all or nothing), CSV/Excel export, the public API."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from projects.models import Project, ProjectPartner, ProjectStatusChange
from tests.projects.factories import ProjectFactory

HEADER = (
    "title,acronym,programme,role,status,lead_department,start_date,end_date,currency,"
    "total_budget,grant\n"
)


def upload(client, municipality, text, encoding="utf-8", lang="en"):
    return client.post(
        f"/{lang}/{municipality.slug}/projects/import/",
        {"file": SimpleUploadedFile("p.csv", text.encode(encoding), content_type="text/csv")},
    )


@pytest.mark.django_db
def test_a_valid_file_is_imported_with_a_dated_first_status(
    client, coordinator, municipality, department, programme
):
    client.force_login(coordinator)
    text = HEADER + (
        f"Skolkök,SK,Interreg Europe,partner,submitted,{department.slug},"
        '2026-01-01,2027-12-31,EUR,"100000.00",80000\n'
        f"Hamnluft,,,lead_partner,idea,{department.slug},,,SEK,,\n"
    )
    response = upload(client, municipality, text)
    assert response.status_code == 302
    assert Project.objects.count() == 2
    imported = Project.objects.get(acronym="SK")
    assert (imported.programme, imported.grant, imported.currency) == (
        programme,
        Decimal("80000"),
        "EUR",
    )
    assert ProjectStatusChange.objects.count() == 2


@pytest.mark.django_db
def test_row_errors_name_row_column_and_problem_and_nothing_is_saved(
    client, coordinator, municipality, department
):
    client.force_login(coordinator)
    text = HEADER + (
        f"Good row,,,partner,idea,{department.slug},,,EUR,,\n"  # row 2: fine
        f"Bad dates,,,partner,ongoing,{department.slug},2026-05-01,2026-04-01,EUR,,\n"  # row 3
        f"Too much,,,partner,ongoing,{department.slug},,,EUR,100,200\n"  # row 4
        f"Negative,,,partner,ongoing,{department.slug},,,EUR,-1,\n"  # row 5
        f"Dollars,,,partner,ongoing,{department.slug},,,USD,,\n"  # row 6
        f"Nowhere,,,partner,ongoing,no-such-dept,,,EUR,,\n"  # row 7
        f",,Unknown programme,partner,finished,{department.slug},01/02/2026,,EUR,abc,\n"  # row 8
    )
    response = upload(client, municipality, text)
    assert response.status_code == 400
    errors = {(e.row, e.column) for e in response.context["errors"]}
    assert {
        (3, "end_date"),
        (4, "grant"),
        (5, "total_budget"),
        (6, "currency"),
        (7, "lead_department"),
        (8, "title"),
        (8, "programme"),
        (8, "status"),
        (8, "start_date"),
        (8, "total_budget"),
    } <= errors
    assert not any(row == 2 for row, _ in errors)
    page = response.content.decode()
    assert "Nothing was imported" in page and "USD" in page
    assert not Project.objects.exists() and not ProjectStatusChange.objects.exists()


@pytest.mark.django_db
def test_import_messages_are_in_the_users_language(client, coordinator, municipality, department):
    client.force_login(coordinator)
    response = upload(
        client, municipality, HEADER + f"X,,,partner,idea,{department.slug},,,USD,,\n", lang="sv"
    )
    assert "Okänd valuta" in response.content.decode()


@pytest.mark.django_db
def test_a_windows_1252_file_with_semicolons_is_imported(
    client, coordinator, municipality, department
):
    client.force_login(coordinator)
    text = (
        HEADER.replace(",", ";") + f"Skolkök för Växjö;;;partner;idea;{department.slug};;;EUR;;\n"
    )
    response = upload(client, municipality, text, encoding="cp1252")
    assert response.status_code == 302, response.context["form"].errors
    assert Project.objects.get().title == "Skolkök för Växjö"


@pytest.mark.django_db
def test_an_xlsx_file_is_imported_with_dates_and_amounts(
    client, coordinator, municipality, department
):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append(
        [
            "Skolkök",
            None,
            None,
            "partner",
            "idea",
            department.slug,
            datetime.date(2026, 3, 1),
            datetime.datetime(2027, 2, 28),
            "EUR",
            150000.5,
            100000,
        ]
    )
    out = io.BytesIO()
    book.save(out)
    client.force_login(coordinator)
    response = client.post(
        f"/en/{municipality.slug}/projects/import/",
        {"file": SimpleUploadedFile("p.xlsx", out.getvalue())},
    )
    assert response.status_code == 302, response.context["form"].errors
    project = Project.objects.get()
    assert project.start_date == datetime.date(2026, 3, 1)
    assert project.end_date == datetime.date(2027, 2, 28)
    assert project.total_budget == Decimal("150000.5") and project.grant == 100000


@pytest.mark.django_db
def test_a_zip_that_is_not_a_workbook_is_refused(client, coordinator, municipality):
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("x.txt", "x")
    client.force_login(coordinator)
    response = client.post(
        f"/en/{municipality.slug}/projects/import/",
        {"file": SimpleUploadedFile("p.xlsx", out.getvalue())},
    )
    assert response.status_code == 400
    assert "neither CSV nor XLSX" in " ".join(response.context["form"].errors["file"])


@pytest.mark.django_db
def test_wrong_columns_are_refused_naming_them(client, coordinator, municipality):
    client.force_login(coordinator)
    response = upload(client, municipality, "name,state,budget\nX,idea,1\n")
    message = " ".join(response.context["form"].errors["file"])
    assert "missing columns: title, status, lead_department" in message
    assert "unknown columns: name, state, budget" in message
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_a_contact_cannot_import_into_another_department(
    client, contact, municipality, other_department
):
    client.force_login(contact)
    response = upload(
        client, municipality, HEADER + f"X,,,partner,idea,{other_department.slug},,,EUR,,\n"
    )
    assert [(e.row, e.column) for e in response.context["errors"]] == [(2, "lead_department")]
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_semicolon_separated_files_from_spreadsheets_are_read(
    client, coordinator, municipality, department
):
    client.force_login(coordinator)
    text = (
        "\ufefftitle;status;lead_department;total_budget\n"
        + f"Skolkök;idea;{department.slug};1 000,50\n"
    )
    assert upload(client, municipality, text).status_code == 302
    assert Project.objects.get().total_budget == Decimal("1000.50")


@pytest.mark.django_db
def test_the_csv_export_can_be_imported_again(
    client, coordinator, municipality, department, other_municipality
):
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title="=cmd|evil",
        title_en="=cmd|evil",
    )
    client.force_login(coordinator)
    response = client.get(f"/en/{municipality.slug}/projects/export.csv")
    assert response["Content-Disposition"] == (
        f'attachment; filename="vaxjo-projects-{datetime.date.today()}.csv"'
    )
    exported = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert list(rows[0])[:8] == [
        "ID",
        "Version",
        "Title",
        "Acronym",
        "Funding programme",
        "The municipality's role",
        "Status",
        "Lead department",
    ]
    assert rows[0]["Title"] == "'=cmd|evil"  # no spreadsheet formulas
    assert rows[0]["Grant"] == "60000.00"
    assert rows[0]["Lead department"] == department.name_en  # by name, not slug
    Project.objects.all().delete()
    # Imported again on the Swedish page, as new projects (without their ids): the
    # English headings and labels are read too.
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows([{**row, "ID": "", "Version": ""} for row in rows])
    assert upload(client, municipality, out.getvalue(), lang="sv").status_code == 302
    assert Project.objects.get().grant == Decimal("60000.00")
    assert Project.objects.get().title == "=cmd|evil"


@pytest.mark.django_db
def test_the_excel_export_has_numbers_as_numbers(client, municipality, department):
    ProjectFactory(municipality=municipality, lead_department=department)
    response = client.get(f"/en/{municipality.slug}/projects/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    row = list(sheet[2])
    assert row[header.index("Grant")].value == 60000
    assert row[header.index("Grant")].number_format == "#,##0.00"
    start = row[header.index("Start")]
    assert start.value is None or start.is_date


@pytest.mark.django_db
def test_the_public_export_leaves_out_internal_projects(client, municipality, department):
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title="public-one",
        title_en="public-one",
    )
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title="secret-idea",
        title_en="secret-idea",
        status="idea",
    )
    exported = client.get(f"/en/{municipality.slug}/projects/export.csv").content.decode()
    assert "public-one" in exported and "secret-idea" not in exported


@pytest.mark.django_db
def test_the_api_gives_public_projects_with_public_fields_only(
    client, municipality, department, other_municipality
):
    project = ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title_en="Clean harbours",
        title_sv="Rena hamnar",
        submitted_on=datetime.date(2023, 5, 1),
    )
    ProjectPartner.objects.create(project=project, name="City of Tartu", country="EE")
    ProjectFactory(municipality=municipality, lead_department=department, status="in_preparation")
    ProjectFactory(municipality=other_municipality)
    ProjectStatusChange.objects.create(
        project=project,
        from_status="approved",
        to_status="ongoing",
        on=datetime.date(2024, 1, 1),
        note="internal",
    )
    data = client.get(f"/api/v1/municipalities/{municipality.slug}/projects/?lang=en").json()[
        "results"
    ]
    assert [p["title"] for p in data] == ["Clean harbours"]
    assert data[0]["partners"] == [{"name": "City of Tartu", "country": "EE"}]
    assert data[0]["grant"] == "60000.00"
    assert not {"status_changes", "attachments", "version", "note", "municipality"} & set(data[0])
    swedish = client.get(f"/api/v1/municipalities/{municipality.slug}/projects/").json()["results"]
    assert swedish[0]["title"] == "Rena hamnar"  # the municipality's own language by default


@pytest.mark.django_db
def test_the_api_speaks_csv(client, municipality, department):
    ProjectFactory(municipality=municipality, lead_department=department, title_en="Clean harbours")
    response = client.get(
        f"/api/v1/municipalities/{municipality.slug}/projects/?format=csv&lang=en"
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "Clean harbours" in response.getvalue().decode()


@pytest.mark.django_db
def test_the_api_of_an_unknown_municipality_is_a_404(client):
    assert client.get("/api/v1/municipalities/nowhere/projects/").status_code == 404


@pytest.mark.django_db
def test_the_api_runs_a_fixed_number_of_queries(client, municipality, department):
    from tests.querycount import assert_constant_queries

    def grow():
        project = ProjectFactory(municipality=municipality, lead_department=department)
        ProjectPartner.objects.create(project=project, name="X", country="DE")

    assert_constant_queries(client, f"/api/v1/municipalities/{municipality.slug}/projects/", grow)


@pytest.mark.django_db
def test_demo_data_loads_twice_without_changing_and_is_marked(municipality):
    from intlstrategy import demo as organisation
    from projects import demo

    organisation.load()
    demo.load()
    first = Project.objects.filter(is_demo=True).count()
    changes = ProjectStatusChange.objects.count()
    demo.load()
    assert Project.objects.filter(is_demo=True).count() == first >= 50
    assert ProjectStatusChange.objects.count() == changes
    assert not Project.objects.filter(is_demo=True, acronym__regex=r"^(?!DEMO-)").exists()
    statuses = set(Project.objects.filter(is_demo=True).values_list("status", flat=True))
    assert statuses == {
        "idea",
        "in_preparation",
        "submitted",
        "approved",
        "rejected",
        "withdrawn",
        "ongoing",
        "completed",
    }


@pytest.mark.django_db
def test_one_pass_lists_every_problem_of_a_row(client, coordinator, municipality, department):
    client.force_login(coordinator)
    row = f"X,,,partner,ongoing,{department.slug},2026-05-01,2026-04-01,USD,100,200\n"
    response = upload(client, municipality, HEADER + row)
    assert {(e.row, e.column) for e in response.context["errors"]} == {
        (2, "currency"),
        (2, "end_date"),
        (2, "grant"),
    }


# ---- files that used to crash the import (500) ----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["NaN", "sNaN", "-sNaN", "Infinity"])
def test_an_amount_that_is_not_a_number_is_named_by_row_and_column(
    client, coordinator, municipality, department, amount
):
    client.force_login(coordinator)
    row = f"X,,,partner,idea,{department.slug},,,EUR,{amount},\n"
    response = upload(client, municipality, HEADER + row, lang="sv")
    assert response.status_code == 400
    assert {(e.row, e.column) for e in response.context["errors"]} == {(2, "total_budget")}
    assert "är inte ett belopp" in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_a_nul_byte_is_named_by_row_and_column(client, coordinator, municipality, department):
    client.force_login(coordinator)
    rows = (
        f"Fine,,,partner,idea,{department.slug},,,EUR,,\n"
        f"Bro\x00ken,,,partner,idea,{department.slug},,,EUR,,\n"
    )
    response = upload(client, municipality, HEADER + rows)
    assert response.status_code == 400
    assert {(e.row, e.column) for e in response.context["errors"]} == {(3, "title")}
    assert "NUL character" in response.content.decode()
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_a_cell_longer_than_the_csv_limit_is_named_by_row_and_column(
    client, coordinator, municipality, department
):
    client.force_login(coordinator)
    huge = "x" * 131_073
    row = f"X,{huge},,partner,idea,{department.slug},,,EUR,,\n"
    response = upload(client, municipality, HEADER + row)
    assert response.status_code == 400
    assert {(e.row, e.column) for e in response.context["errors"]} == {(2, "acronym")}
    page = response.content.decode()
    assert "131073 characters long" in page and huge not in page
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_a_row_with_broken_quotes_is_refused_naming_the_row(
    client, coordinator, municipality, department
):
    client.force_login(coordinator)
    rows = f'Fine,,,partner,idea,{department.slug},,,EUR,,\n"Open"quote"\x0d,,\n'
    response = upload(client, municipality, HEADER + rows)
    assert response.status_code == 400
    assert not Project.objects.exists()


# ---- large imports: a background task, all rows or none --------------------------------


def big_file(department, rows=2000, bad_row=None):
    lines = [HEADER]
    for n in range(2, rows + 2):
        currency = "USD" if n == bad_row else "EUR"
        lines.append(f"Project {n},P{n},,partner,idea,{department.slug},,,{currency},1000,500\n")
    return "".join(lines)


@pytest.mark.django_db
def test_an_import_of_2000_rows_runs_in_the_background_and_lands_every_row(
    client, coordinator, municipality, department, django_capture_on_commit_callbacks
):
    from projects.models import ProjectImport

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = upload(client, municipality, big_file(department))
    job = ProjectImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/projects/import/{job.pk}/"
    )
    assert len(queued) == 1 and not Project.objects.exists()  # the request did not import
    page = client.get(response["Location"]).content.decode()
    assert "2000 rows are waiting to be imported" in page and 'role="status"' in page
    for callback in queued:
        callback()  # the worker: import_projects_task(job.pk), eagerly
    job.refresh_from_db()
    assert (job.status, job.created_count, job.data) == ("done", 2000, b"")
    assert Project.objects.filter(municipality=municipality).count() == 2000
    assert ProjectStatusChange.objects.count() == 2000
    polled = client.get(response["Location"], headers={"HX-Request": "true"})
    assert polled.status_code == 286  # htmx stops polling
    assert "2000 projects were imported." in polled.content.decode()
    assert 'hx-swap-oob="true"' in polled.content.decode()


@pytest.mark.django_db
def test_one_bad_row_in_a_big_import_lands_nothing_and_is_listed(
    client, coordinator, municipality, department, django_capture_on_commit_callbacks
):
    from projects.models import ProjectImport

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, municipality, big_file(department, rows=400, bad_row=399))
    assert response.status_code == 302
    job = ProjectImport.objects.get()
    assert job.status == "failed"
    assert [(e["row"], e["column"]) for e in job.errors] == [(399, "currency")]
    assert not Project.objects.exists() and not ProjectStatusChange.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Nothing was imported" in page and "USD" in page


@pytest.mark.django_db
def test_a_row_that_became_wrong_after_the_upload_lands_nothing(
    client, coordinator, municipality, department, django_capture_on_commit_callbacks
):
    """The task checks the rows again when it runs: a department renamed in between."""
    from projects.models import ProjectImport
    from projects.tasks import import_projects_task

    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        upload(client, municipality, big_file(department, rows=300))
    job = ProjectImport.objects.get()
    department.slug = "renamed"
    department.save()
    assert import_projects_task(job.pk) == "failed"
    assert import_projects_task(job.pk) == "failed"  # safe to run twice
    assert not Project.objects.exists()
    assert {e["column"] for e in ProjectImport.objects.get().errors} == {"lead_department"}


@pytest.mark.django_db
def test_only_the_importer_and_coordinators_see_an_import(
    client,
    contact,
    other_contact,
    coordinator,
    municipality,
    department,
    django_capture_on_commit_callbacks,
):
    client.force_login(contact)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, municipality, big_file(department, rows=250))
    status = response["Location"]
    assert client.get(status).status_code == 200
    assert Project.objects.count() == 250
    client.force_login(other_contact)
    assert client.get(status).status_code == 403
    client.force_login(coordinator)
    assert client.get(status).status_code == 200


def _exported_book(client, municipality):
    response = client.get(f"/en/{municipality.slug}/projects/export.xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _upload_book(client, municipality, book, lang="en"):
    out = io.BytesIO()
    book.save(out)
    return client.post(
        f"/{lang}/{municipality.slug}/projects/import/",
        {"file": SimpleUploadedFile("p.xlsx", out.getvalue())},
    )


@pytest.mark.django_db
def test_an_edited_export_updates_two_projects_and_adds_one_after_a_preview(
    client, coordinator, municipality, department, other_department
):
    first, second, third = (
        ProjectFactory(
            municipality=municipality,
            lead_department=department,
            title=f"P{n}",
            title_en=f"P{n}",
            programme=None,
        )
        for n in (1, 2, 3)
    )
    client.force_login(coordinator)
    book = _exported_book(client, municipality)
    sheet = book.active
    col = {c.value: c.column for c in sheet[1]}
    assert (sheet.cell(1, 1).value, sheet.cell(1, 2).value) == ("ID", "Version")
    row_of = {sheet.cell(r, col["ID"]).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(row_of[first.pk], col["Acronym"]).value = "NEWACR"
    sheet.cell(row_of[first.pk], col["Grant"]).value = 12345.5
    sheet.cell(row_of[second.pk], col["Lead department"]).value = other_department.name_en
    sheet.cell(row_of[second.pk], col["End"]).value = datetime.date(2027, 6, 30)
    new = [None] * sheet.max_column
    new[col["Title"] - 1] = "Hamnluft"
    new[col["Status"] - 1] = "idea"
    new[col["Lead department"] - 1] = department.name_en
    sheet.append(new)

    preview = _upload_book(client, municipality, book)
    assert preview.status_code == 200, preview.content.decode()[:3000]
    plan = preview.context["plan"]
    assert (len(plan.changed), len(plan.new), len(plan.untouched)) == (2, 1, 1)
    text = preview.content.decode()
    assert "NEWACR" in text and "12345.5" in text and "2027-06-30" in text
    assert "Hamnluft" in text
    assert not Project.objects.filter(title="Hamnluft").exists()  # nothing saved yet

    response = client.post(
        f"/en/{municipality.slug}/projects/import/", {"token": preview.context["token"]}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.acronym, first.grant) == ("NEWACR", Decimal("12345.5"))
    assert second.lead_department == other_department
    assert second.end_date == datetime.date(2027, 6, 30)
    assert first.history.first().history_user == coordinator
    assert Project.objects.get(title="Hamnluft").status == "idea"
    assert Project.objects.get(pk=third.pk).version == third.version


@pytest.mark.django_db
def test_a_project_changed_since_the_export_is_reported_not_overwritten(
    client, coordinator, municipality, department
):
    from projects.services import project_update

    project = ProjectFactory(municipality=municipality, lead_department=department, programme=None)
    client.force_login(coordinator)
    book = _exported_book(client, municipality)
    sheet = book.active
    col = {c.value: c.column for c in sheet[1]}
    sheet.cell(2, col["Acronym"]).value = "FROMFILE"
    project_update(
        project=project, by=coordinator, expected_version=project.version, acronym="MEANWHILE"
    )
    preview = _upload_book(client, municipality, book)
    assert [r.obj.pk for r in preview.context["plan"].conflicts] == [project.pk]
    assert "Changed in the portal since the export" in preview.content.decode()
    client.post(f"/en/{municipality.slug}/projects/import/", {"token": preview.context["token"]})
    project.refresh_from_db()
    assert project.acronym == "MEANWHILE"


@pytest.mark.django_db
def test_round_trip_problems_are_named_by_row_and_column(
    client, coordinator, municipality, department, other_municipality
):
    project = ProjectFactory(municipality=municipality, lead_department=department, programme=None)
    foreign = ProjectFactory(municipality=other_municipality, programme=None)
    client.force_login(coordinator)
    book = _exported_book(client, municipality)
    sheet = book.active
    col = {c.value: c.column for c in sheet[1]}
    sheet.cell(2, col["Start"]).value = "den första"
    row = [None] * sheet.max_column
    row[col["ID"] - 1] = foreign.pk
    row[col["Title"] - 1] = "Not ours"
    row[col["Status"] - 1] = "idea"
    row[col["Lead department"] - 1] = department.name_en
    sheet.append(row)
    response = _upload_book(client, municipality, book, lang="sv")
    assert response.status_code == 400
    errors = [(e.row, e.column) for e in response.context["plan"].errors]
    assert errors == [(2, "Start"), (3, "Id")]
    assert not response.context["token"]
    project.refresh_from_db()
    assert Project.objects.get(pk=foreign.pk).title == foreign.title
