"""Pages: forms that explain and keep input, the register, pipeline, year view, charts,
attachments, catalogue, dashboard; and fixed query counts."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import (
    Call,
    ExchangeRate,
    FundingProgramme,
    Project,
    ProjectAttachment,
    ProjectPartner,
    ProjectStatusChange,
)
from tests.projects.factories import ProgrammeFactory, ProjectFactory
from tests.querycount import assert_constant_queries

D = datetime.date


def url(municipality, name, lang="en", **kw):
    return (
        f"/{lang}"
        + reverse(f"projects:{name}", kwargs={"municipality": municipality.slug, **kw})[3:]
    )


def form_data(department, **overrides):
    data = {
        "title_sv": "Klimatsmarta skolkök",
        "title_en": "Climate-smart school kitchens",
        "acronym": "KLIMAT",
        "role": "partner",
        "lead_department": department.pk,
        "status": "in_preparation",
        "currency": "EUR",
        "total_budget": "100000",
        "grant": "80000",
        "start_date": "2026-01-01",
        "end_date": "2027-12-31",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_contact_registers_an_application_for_their_department(
    client, contact, municipality, department
):
    client.force_login(contact)
    response = client.post(url(municipality, "project_create"), form_data(department))
    project = Project.objects.get()
    assert response.status_code == 302
    assert (project.title_sv, project.title_en) == (
        "Klimatsmarta skolkök",
        "Climate-smart school kitchens",
    )
    assert project.status == "in_preparation" and project.grant == Decimal("80000")
    assert project.status_changes.get().by == contact


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"end_date": "2025-12-31"}, "end_date", "kan inte sluta innan det börjar"),
        ({"grant": "100000.01"}, "grant", "bidraget kan inte vara större"),
        ({"total_budget": "-5"}, "total_budget", "0"),
        ({"currency": "USD"}, "currency", "USD"),
    ],
)
def test_bad_input_is_explained_at_the_field_in_the_users_language_and_kept(
    client, contact, municipality, department, overrides, field, message
):
    client.force_login(contact)
    response = client.post(
        url(municipality, "project_create", lang="sv"), form_data(department, **overrides)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    page = response.content.decode()
    assert 'value="Klimatsmarta skolkök"' in page  # what the user typed is still there
    assert 'aria-invalid="true"' in page
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_a_contact_cannot_pick_another_department_as_lead(
    client, contact, municipality, other_department
):
    client.force_login(contact)
    response = client.post(url(municipality, "project_create"), form_data(other_department))
    assert "lead_department" in response.context["form"].errors
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_editing_with_a_stale_version_keeps_the_users_text(
    client, contact, coordinator, project, municipality
):
    client.force_login(contact)
    stale_version = project.version
    Project.objects.filter(pk=project.pk).update(version=stale_version + 1)
    data = form_data(
        project.lead_department, title_sv="Min nya titel", expected_version=stale_version
    )
    data.pop("status")
    response = client.post(url(municipality, "project_edit", pk=project.pk), data)
    assert response.status_code == 200
    assert "after you started editing" in response.content.decode()
    assert "Min nya titel" in response.content.decode()
    project.refresh_from_db()
    assert project.title_sv != "Min nya titel"


@pytest.mark.django_db
def test_a_forbidden_jump_is_explained_and_changes_nothing(client, contact, idea, municipality):
    client.force_login(contact)
    response = client.post(
        url(municipality, "project_status", pk=idea.pk), {"to": "completed", "on": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "to" in response.context["form"].errors
    idea.refresh_from_db()
    assert idea.status == "idea" and not ProjectStatusChange.objects.exists()


@pytest.mark.django_db
def test_the_project_page_shows_the_status_timeline_to_members(
    client, council_member, idea, municipality
):
    ProjectStatusChange.objects.create(
        project=idea,
        from_status="idea",
        to_status="in_preparation",
        on=D(2025, 2, 3),
        note="Kick-off with partners",
    )
    client.force_login(council_member)
    page = client.get(url(municipality, "project_detail", pk=idea.pk)).content.decode()
    assert "2025-02-03" in page and "Kick-off with partners" in page


@pytest.mark.django_db
def test_the_public_project_page_hides_the_timeline_and_attachments(client, project, municipality):
    ProjectStatusChange.objects.create(
        project=project,
        from_status="approved",
        to_status="ongoing",
        on=D(2024, 1, 1),
        note="Internal note",
    )
    page = client.get(url(municipality, "project_detail", pk=project.pk)).content.decode()
    assert project.title_en in page
    assert "Internal note" not in page and "Attachments" not in page


def docx_bytes(part="word/document.xml"):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,content,kind",
    [
        ("beslut-original.pdf", b"%PDF-1.7\n...", "pdf"),
        ("beslut-original.docx", docx_bytes(), "docx"),
        ("beslut-original.xlsx", docx_bytes("xl/workbook.xml"), "xlsx"),
    ],
)
def test_pdf_docx_and_xlsx_are_attached_by_their_content(
    client, contact, project, municipality, name, content, kind
):
    client.force_login(contact)
    response = client.post(
        url(municipality, "attachment_add", pk=project.pk),
        {"title": "Decision", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    attachment = ProjectAttachment.objects.get()
    assert attachment.kind == kind and attachment.size == len(content)
    assert "beslut-original" not in attachment.file.name  # stored under our own name
    assert attachment.original_name == name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,content",
    [
        ("evil.pdf", b"MZ\x90\x00 not a pdf"),
        ("archive.docx", docx_bytes("other/file.xml")),
        ("page.html", b"<html></html>"),
    ],
)
def test_other_files_are_refused_whatever_their_name(
    client, contact, project, municipality, name, content
):
    client.force_login(contact)
    response = client.post(
        url(municipality, "attachment_add", pk=project.pk),
        {"title": "X", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert "PDF" in " ".join(response.context["form"].errors["file"])
    assert not ProjectAttachment.objects.exists()


@pytest.mark.django_db
def test_files_above_the_limit_are_refused(client, contact, project, municipality, settings):
    settings.MAX_ATTACHMENT_BYTES = 1024
    client.force_login(contact)
    response = client.post(
        url(municipality, "attachment_add", pk=project.pk),
        {"title": "X", "file": SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 2000)},
    )
    assert response.status_code == 400
    message = " ".join(response.context["form"].errors["file"])
    assert "2.0\xa0KB" in message and "the largest file accepted is 1.0\xa0KB" in message
    assert not ProjectAttachment.objects.exists()


@pytest.mark.django_db
def test_partners_are_added_as_free_text_with_a_country(client, contact, project, municipality):
    client.force_login(contact)
    client.post(
        url(municipality, "partner_add", pk=project.pk), {"name": "City of Tartu", "country": "ee"}
    )
    assert str(ProjectPartner.objects.get()) == "City of Tartu (EE)"
    response = client.post(
        url(municipality, "partner_add", pk=project.pk), {"name": "", "country": ""}
    )
    assert response.status_code == 400
    assert ProjectPartner.objects.count() == 1


@pytest.mark.django_db
def test_register_filters_by_status_programme_department_and_year(
    client, coordinator, municipality, department, other_department
):
    interreg = ProgrammeFactory(name="Interreg")
    strand = ProgrammeFactory(name="Interreg Aurora", parent=interreg)
    ProjectFactory(
        municipality=municipality,
        title="A",
        lead_department=department,
        programme=strand,
        status="ongoing",
        start_date=D(2024, 1, 1),
        end_date=D(2025, 12, 31),
    )
    ProjectFactory(
        municipality=municipality,
        title="B",
        lead_department=other_department,
        status="submitted",
        submitted_on=D(2026, 2, 1),
        start_date=None,
        end_date=None,
    )
    client.force_login(coordinator)

    def titles(**params):
        response = client.get(url(municipality, "project_list"), params)
        return sorted(p.title for p in response.context["page"])

    assert titles() == ["A", "B"]
    assert titles(status="submitted") == ["B"]
    assert titles(programme=interreg.pk) == ["A"]  # a programme includes its strands
    assert titles(department=other_department.pk) == ["B"]
    assert titles(year=2026) == ["B"]
    assert titles(year=2024) == ["A"]
    assert titles(sort="title") == ["A", "B"]


@pytest.mark.django_db
def test_the_register_runs_a_fixed_number_of_queries(client, coordinator, municipality, department):
    client.force_login(coordinator)
    programme = ProgrammeFactory(parent=ProgrammeFactory())
    assert_constant_queries(
        client,
        url(municipality, "project_list"),
        lambda: ProjectFactory(
            municipality=municipality, lead_department=department, programme=programme
        ),
    )


@pytest.mark.django_db
def test_the_year_view_runs_a_fixed_number_of_queries(
    client, coordinator, municipality, department
):
    client.force_login(coordinator)
    assert_constant_queries(
        client,
        url(municipality, "year", year=2025),
        lambda: ProjectFactory(municipality=municipality, lead_department=department),
    )


@pytest.mark.django_db
def test_pipeline_and_charts_run_a_fixed_number_of_queries(
    client, coordinator, municipality, department
):
    client.force_login(coordinator)
    ExchangeRate.objects.create(
        municipality=municipality, year=2024, currency="EUR", rate=Decimal("11")
    )

    def grow():
        ProjectFactory(
            municipality=municipality, lead_department=department, programme=ProgrammeFactory()
        )
        ProjectFactory(
            municipality=municipality,
            lead_department=department,
            status="rejected",
            submitted_on=D(2024, 1, 1),
        )

    assert_constant_queries(client, url(municipality, "pipeline"), grow)
    assert_constant_queries(client, url(municipality, "charts"), grow)
    assert_constant_queries(client, f"/en/{municipality.slug}/dashboard/", grow)


@pytest.mark.django_db
def test_the_year_view_groups_ongoing_completed_and_submitted(client, municipality, department):
    ProjectFactory(
        municipality=municipality,
        title="run",
        title_en="run",
        status="ongoing",
        start_date=D(2024, 1, 1),
        end_date=D(2026, 1, 1),
    )
    ProjectFactory(
        municipality=municipality,
        title="done",
        title_en="done",
        status="completed",
        start_date=D(2023, 1, 1),
        end_date=D(2025, 1, 1),
    )
    ProjectFactory(
        municipality=municipality,
        title="sent",
        title_en="sent",
        status="submitted",
        submitted_on=D(2025, 3, 1),
        start_date=None,
        end_date=None,
    )
    response = client.get(url(municipality, "year", year=2025))
    groups = {kind: [p.title for p in projects] for kind, projects in response.context["groups"]}
    assert groups == {"ongoing": ["run"], "completed": ["done"], "submitted": ["sent"]}


@pytest.mark.django_db
def test_the_pipeline_sums_per_status_in_the_chosen_currency_and_names_the_rates(
    client, coordinator, municipality, department
):
    ExchangeRate.objects.create(
        municipality=municipality, year=2024, currency="EUR", rate=Decimal("11.5")
    )
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        status="ongoing",
        start_date=D(2024, 3, 1),
        currency="EUR",
        total_budget=Decimal("1000"),
        grant=Decimal("600"),
        municipality_budget=None,
    )
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        status="ongoing",
        start_date=D(2024, 3, 1),
        currency="SEK",
        total_budget=Decimal("500"),
        grant=Decimal("100"),
        municipality_budget=None,
    )
    client.force_login(coordinator)
    response = client.get(url(municipality, "pipeline"), {"currency": "SEK"})
    rows = {row["status"].value: row for row in response.context["pipeline"]["rows"]}
    assert rows["ongoing"]["count"] == 2
    assert rows["ongoing"]["total_budget"].amount == Decimal("12000.00")
    assert rows["ongoing"]["grant"].amount == Decimal("7000.00")
    assert "2024: 1 EUR = 11.5 SEK" in response.content.decode()


@pytest.mark.django_db
def test_charts_are_svg_images_with_data_tables(client, municipality, department):
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        status="ongoing",
        submitted_on=D(2023, 9, 1),
    )
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        status="rejected",
        submitted_on=D(2023, 9, 1),
    )
    response = client.get(url(municipality, "charts"), {"currency": "EUR"})
    page = response.content.decode()
    assert page.count("data:image/svg+xml;base64,") == 3
    assert page.count('<table class="chart-data">') == 3  # each chart's data beside it
    assert response.context["outcomes"]["success_rate"] == Decimal("50.0")


@pytest.mark.django_db
def test_coordinator_adds_a_programme_strand_and_a_call(
    client, coordinator, municipality, programme
):
    client.force_login(coordinator)
    response = client.post(
        url(municipality, "programme_create"),
        {
            "funder": programme.funder_id,
            "parent": programme.pk,
            "name_en": "Interreg Aurora",
            "name_sv": "Interreg Aurora",
            "short_name": "Aurora",
        },
    )
    assert response.status_code == 302
    strand = FundingProgramme.objects.get(short_name="Aurora")
    assert strand.parent == programme and strand.name == "Interreg Aurora"
    client.post(
        url(municipality, "call_create"),
        {
            "programme": strand.pk,
            "identifier": "2025-1",
            "title": "First call",
            "deadline": "2025-05-31",
        },
    )
    assert Call.objects.get().deadline == D(2025, 5, 31)
    page = client.get(url(municipality, "catalogue")).content.decode()
    assert "Interreg Aurora" in page and "2025-1" in page


@pytest.mark.django_db
def test_the_dashboard_asks_contacts_about_overdue_projects_of_their_department(
    client, contact, municipality, department, other_department
):
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title="late-decision",
        title_en="late-decision",
        status="submitted",
        submitted_on=D(2024, 1, 1),
        decision_expected_on=D(2024, 6, 1),
    )
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title="past-end",
        title_en="past-end",
        status="ongoing",
        end_date=D(2025, 1, 31),
    )
    ProjectFactory(
        municipality=municipality,
        lead_department=other_department,
        title="not-mine",
        title_en="not-mine",
        status="ongoing",
        end_date=D(2025, 1, 31),
    )
    client.force_login(contact)
    page = client.get(f"/en/{municipality.slug}/dashboard/").content.decode()
    assert "late-decision" in page and "past-end" in page and "not-mine" not in page


@pytest.mark.django_db
def test_the_dashboard_shows_coordinators_the_pipeline(client, coordinator, project, municipality):
    client.force_login(coordinator)
    response = client.get(f"/en/{municipality.slug}/dashboard/")
    assert "Pipeline" in response.content.decode()


@pytest.mark.django_db
def test_the_project_page_runs_a_fixed_number_of_queries(
    client, coordinator, project, municipality, other_department
):
    client.force_login(coordinator)
    project.participating_departments.add(other_department)

    def grow():
        ProjectPartner.objects.create(project=project, name="Partner", country="FI")
        ProjectStatusChange.objects.create(
            project=project,
            from_status="approved",
            to_status="ongoing",
            on=D(2024, 1, 1),
            by=coordinator,
        )
        ProjectAttachment.objects.create(
            project=project,
            title="Report",
            original_name="r.pdf",
            kind="pdf",
            size=5,
            file="projects/x.pdf",
            uploaded_by=coordinator,
        )

    assert_constant_queries(client, url(municipality, "project_detail", pk=project.pk), grow)


@pytest.mark.django_db
def test_catalogue_and_exchange_rates_run_a_fixed_number_of_queries(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    years = iter(range(2000, 2100))

    def grow():
        parent = ProgrammeFactory()
        strand = ProgrammeFactory(parent=parent, funder=parent.funder)
        Call.objects.create(programme=strand, identifier=f"C{strand.pk}", title="Call")
        ExchangeRate.objects.create(
            municipality=municipality, year=next(years), currency="EUR", rate=Decimal("11")
        )

    assert_constant_queries(client, url(municipality, "catalogue"), grow)
    assert_constant_queries(client, url(municipality, "exchange_rates"), grow)


def zip_bomb(unpacked_bytes: int) -> bytes:
    """An XLSX whose sheet is `unpacked_bytes` of zeros: packed, a thousandth of that."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(unpacked_bytes))
    return out.getvalue()


@pytest.mark.django_db
def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused(
    client, contact, project, municipality, settings
):
    settings.MAX_ARCHIVE_UNCOMPRESSED_BYTES = 8 * 1024 * 1024  # the default is 256 MiB
    settings.MAX_ARCHIVE_RATIO = 100_000  # this test is about the total, not the ratio
    bomb = zip_bomb(9 * 1024 * 1024)
    assert len(bomb) < 64 * 1024
    client.force_login(contact)
    response = client.post(
        url(municipality, "attachment_add", pk=project.pk),
        {"title": "Budget", "file": SimpleUploadedFile("budget.xlsx", bomb)},
    )
    assert response.status_code == 400
    assert "Unpacked, the file would be 9.0" in response.content.decode()
    assert not ProjectAttachment.objects.exists()


@pytest.mark.django_db
def test_an_xlsx_part_packed_a_thousandfold_is_refused(client, contact, project, municipality):
    client.force_login(contact)
    response = client.post(
        url(municipality, "attachment_add", pk=project.pk),
        {"title": "Budget", "file": SimpleUploadedFile("budget.xlsx", zip_bomb(4 * 1024 * 1024))},
    )
    assert response.status_code == 400
    assert "more than 250 times its size" in response.content.decode()
    assert not ProjectAttachment.objects.exists()


@pytest.mark.django_db
def test_a_real_spreadsheet_is_still_attached(client, contact, project, municipality):
    from openpyxl import Workbook

    book = Workbook()
    for n in range(2000):
        book.active.append([n, f"Row {n}", n * 1.5])
    out = io.BytesIO()
    book.save(out)
    client.force_login(contact)
    response = client.post(
        url(municipality, "attachment_add", pk=project.pk),
        {"title": "Budget", "file": SimpleUploadedFile("budget.xlsx", out.getvalue())},
    )
    assert response.status_code == 302 and ProjectAttachment.objects.get().kind == "xlsx"


@pytest.mark.django_db
def test_a_swedish_coordinator_adds_a_programme_by_its_swedish_name_only(
    client, coordinator, municipality, programme
):
    """The Swedish form does not ask for an English name; a name in one language is
    enough, and none at all is refused at the name field, in Swedish, keeping the rest."""
    client.force_login(coordinator)
    refused = client.post(
        url(municipality, "programme_create", lang="sv"),
        {"funder": programme.funder_id, "short_name": "Utan namn"},
    )
    assert refused.status_code == 400  # the form again, with the message at the field
    form = refused.context["form"]
    assert form.errors["name_sv"] == ["Ange namnet på minst ett språk."]
    assert 'value="Utan namn"' in refused.content.decode()
    response = client.post(
        url(municipality, "programme_create", lang="sv"),
        {"funder": programme.funder_id, "name_sv": "Leader Småland", "short_name": "Leader"},
    )
    assert response.status_code == 302
    created = FundingProgramme.objects.get(short_name="Leader")
    assert (created.name_sv, created.name_en) == ("Leader Småland", None) or (
        created.name_sv,
        created.name_en,
    ) == ("Leader Småland", "")
    assert FundingProgramme.objects.filter(pk=created.pk, name="Leader Småland").exists()
    assert "Leader Småland" in client.get(url(municipality, "catalogue")).content.decode()
