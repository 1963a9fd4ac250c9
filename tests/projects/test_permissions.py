"""Who may do what: coordinator, own-department contact, other-department contact,
council member, anonymous, another municipality's coordinator."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import ExchangeRate, Project, ProjectAttachment, ProjectStatusChange
from tests.projects.factories import ProjectFactory

ROLES = [
    "coordinator",
    "contact",
    "other_contact",
    "council_member",
    "anonymous",
    "foreign_coordinator",
]


@pytest.fixture
def as_role(request, client):
    def log_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return log_in


def url(municipality, name, **kw):
    from django.urls import reverse

    return reverse(f"projects:{name}", kwargs={"municipality": municipality.slug, **kw})


def expect(response, code):
    if code == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], response
    else:
        assert response.status_code == code, (response.status_code, code)


EDIT = {
    "coordinator": 200,
    "contact": 200,
    "other_contact": 403,
    "council_member": 403,
    "anonymous": "login",
    "foreign_coordinator": 404,
}
MEMBERS = {
    "coordinator": 200,
    "contact": 200,
    "other_contact": 200,
    "council_member": 200,
    "anonymous": "login",
    "foreign_coordinator": 404,
}
COORDINATOR = {
    "coordinator": 200,
    "contact": 403,
    "other_contact": 403,
    "council_member": 403,
    "anonymous": "login",
    "foreign_coordinator": 404,
}
CREATE = {
    "coordinator": 200,
    "contact": 200,
    "other_contact": 200,
    "council_member": 403,
    "anonymous": "login",
    "foreign_coordinator": 404,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_edit_page_is_for_coordinators_and_the_lead_departments_contacts(
    as_role, role, project, municipality
):
    expect(as_role(role).get(url(municipality, "project_edit", pk=project.pk)), EDIT[role])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_create_page_is_for_coordinators_and_contacts(as_role, role, municipality, department):
    expect(as_role(role).get(url(municipality, "project_create")), CREATE[role])
    expect(as_role(role).get(url(municipality, "project_import")), CREATE[role])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_pipeline_is_for_members(as_role, role, project, municipality):
    expect(as_role(role).get(url(municipality, "pipeline")), MEMBERS[role])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_catalogue_and_exchange_rates_are_for_coordinators(as_role, role, municipality):
    expect(as_role(role).get(url(municipality, "catalogue")), COORDINATOR[role])
    expect(as_role(role).get(url(municipality, "exchange_rates")), COORDINATOR[role])
    expect(as_role(role).get(url(municipality, "programme_create")), COORDINATOR[role])


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_denied_status_change_changes_nothing(as_role, role, project, municipality):
    response = as_role(role).post(
        url(municipality, "project_status", pk=project.pk),
        {"to": "completed", "on": "2026-12-31", "note": ""},
    )
    if EDIT[role] == 200:
        assert response.status_code == 302
        project.refresh_from_db()
        assert project.status == "completed"
    else:
        expect(response, EDIT[role])
        project.refresh_from_db()
        assert project.status == "ongoing"
        assert not ProjectStatusChange.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", ["other_contact", "council_member", "anonymous", "foreign_coordinator"]
)
def test_a_denied_edit_changes_nothing(as_role, role, project, municipality):
    as_role(role).post(
        url(municipality, "project_edit", pk=project.pk),
        {
            "title_sv": "Changed",
            "lead_department": project.lead_department_id,
            "role": "partner",
            "currency": "EUR",
        },
    )
    project.refresh_from_db()
    assert project.title_sv != "Changed"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["contact", "council_member", "anonymous", "foreign_coordinator"])
def test_only_coordinators_set_exchange_rates(as_role, role, municipality):
    as_role(role).post(
        url(municipality, "exchange_rates"), {"year": 2025, "currency": "EUR", "rate": "11"}
    )
    assert not ExchangeRate.objects.exists()


@pytest.mark.django_db
def test_coordinator_sets_and_corrects_an_exchange_rate(as_role, municipality):
    client = as_role("coordinator")
    client.post(
        url(municipality, "exchange_rates"), {"year": 2025, "currency": "EUR", "rate": "11"}
    )
    client.post(
        url(municipality, "exchange_rates"), {"year": 2025, "currency": "EUR", "rate": "11.25"}
    )
    rate = ExchangeRate.objects.get()
    assert (rate.year, rate.currency, str(rate.rate)) == (2025, "EUR", "11.250000")


@pytest.mark.django_db
def test_the_public_sees_no_ideas_or_applications_in_preparation(client, municipality, department):
    for status in ["idea", "in_preparation", "submitted", "ongoing"]:
        ProjectFactory(
            municipality=municipality,
            lead_department=department,
            status=status,
            title=f"status-{status}",
            title_en=f"status-{status}",
            submitted_on=datetime.date(2025, 1, 1) if status in ("submitted", "ongoing") else None,
        )
    withdrawn_early = ProjectFactory(
        municipality=municipality,
        lead_department=department,
        status="withdrawn",
        title="early-withdrawal",
        title_en="early-withdrawal",
    )
    page = client.get(url(municipality, "project_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "status-submitted" in page and "status-ongoing" in page
    assert "status-idea" not in page and "status-in_preparation" not in page
    assert "early-withdrawal" not in page
    idea = Project.objects.get(title="status-idea")
    assert client.get(url(municipality, "project_detail", pk=idea.pk)).status_code == 404
    assert client.get(url(municipality, "project_detail", pk=withdrawn_early.pk)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["council_member", "other_contact"])
def test_members_read_internal_projects_but_are_offered_no_edit_button(
    as_role, role, idea, municipality
):
    response = as_role(role).get(url(municipality, "project_detail", pk=idea.pk))
    assert response.status_code == 200
    assert url(municipality, "project_edit", pk=idea.pk) not in response.content.decode()
    assert "Change status" not in response.content.decode()


@pytest.mark.django_db
def test_another_municipalitys_project_is_a_404_even_for_its_coordinator_path(
    as_role, project, other_municipality
):
    client = as_role("foreign_coordinator")
    assert client.get(url(other_municipality, "project_detail", pk=project.pk)).status_code == 404
    assert client.get(url(other_municipality, "project_edit", pk=project.pk)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_attachments_are_served_to_members_only(as_role, role, project, municipality, coordinator):
    attachment = ProjectAttachment(
        project=project,
        title="Decision",
        original_name="d.pdf",
        kind="pdf",
        size=9,
        uploaded_by=coordinator,
    )
    attachment.file.save("d.pdf", SimpleUploadedFile("d.pdf", b"%PDF-1.7\n"), save=True)
    response = as_role(role).get(
        url(municipality, "attachment_download", pk=project.pk, attachment=attachment.pk)
    )
    expect(response, MEMBERS[role])
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.7\n"
