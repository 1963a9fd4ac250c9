"""Deleting a project registered by mistake: only ideas and applications in preparation,
only by those who may edit it, with its files, and kept in history."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intlstrategy.concurrency import save_versioned
from projects.models import Project, ProjectAttachment
from reporting.models import ReportProject
from tests.reporting.factories import make_report, make_round

pytestmark = pytest.mark.django_db


def url(municipality, name, lang="en", **kw):
    return (
        f"/{lang}"
        + reverse(f"projects:{name}", kwargs={"municipality": municipality.slug, **kw})[3:]
    )


def attach(project, user):
    attachment = ProjectAttachment(
        project=project, title="Draft", original_name="d.pdf", kind="pdf", size=9, uploaded_by=user
    )
    attachment.file.save("d.pdf", SimpleUploadedFile("d.pdf", b"%PDF-1.7\n"), save=True)
    return attachment


def seen(project) -> dict:
    """What the delete button sends: the version shown on the project page."""
    return {"expected_version": project.version}


def test_coordinator_deletes_an_idea_with_its_files_and_history_keeps_it(
    client, coordinator, municipality, idea, django_capture_on_commit_callbacks
):
    storage, name = (a := attach(idea, coordinator)).file.storage, a.file.name
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(municipality, "project_delete", pk=idea.pk), seen(idea))
    assert response.status_code == 302
    assert response["Location"] == url(municipality, "project_list")
    assert not Project.objects.filter(pk=idea.pk).exists()
    assert not storage.exists(name)
    deletion = Project.history.filter(id=idea.pk).latest("history_date")
    assert deletion.history_type == "-" and deletion.history_user == coordinator
    page = client.get(response["Location"]).content.decode()
    assert "was deleted" in page


def test_the_leading_department_contact_may_delete_its_own_idea(
    client, contact, municipality, idea
):
    client.force_login(contact)
    client.post(url(municipality, "project_delete", pk=idea.pk), seen(idea))
    assert not Project.objects.filter(pk=idea.pk).exists()


@pytest.mark.parametrize("who", ["other_contact", "council_member"])
def test_others_may_not_delete(request, client, municipality, idea, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(url(municipality, "project_delete", pk=idea.pk))
    assert response.status_code == 403
    assert Project.objects.filter(pk=idea.pk).exists()


def test_another_municipality_gets_404(client, foreign_coordinator, municipality, idea):
    client.force_login(foreign_coordinator)
    response = client.post(url(municipality, "project_delete", pk=idea.pk))
    assert response.status_code == 404
    assert Project.objects.filter(pk=idea.pk).exists()


def test_a_submitted_application_is_kept_with_a_message(client, coordinator, municipality, project):
    client.force_login(coordinator)
    page = client.get(url(municipality, "project_detail", pk=project.pk)).content.decode()
    assert "Delete project" not in page  # ongoing: no button offered
    response = client.post(
        url(municipality, "project_delete", pk=project.pk), seen(project), follow=True
    )
    assert Project.objects.filter(pk=project.pk).exists()
    assert "Change the status to withdrawn instead" in response.content.decode()


def test_a_project_in_a_department_report_is_kept(
    client, coordinator, municipality, department, idea
):
    report = make_report(make_round(municipality, departments=[department]), department)
    ReportProject.objects.create(report=report, project=idea)
    client.force_login(coordinator)
    response = client.post(
        url(municipality, "project_delete", pk=idea.pk, lang="sv"), seen(idea), follow=True
    )
    assert Project.objects.filter(pk=idea.pk).exists()
    assert "finns med i en förvaltnings årsrapport" in response.content.decode()


def test_the_delete_button_is_offered_for_an_idea(client, coordinator, municipality, idea):
    client.force_login(coordinator)
    page = client.get(url(municipality, "project_detail", pk=idea.pk)).content.decode()
    assert url(municipality, "project_delete", pk=idea.pk) in page


def test_an_idea_changed_since_the_page_was_shown_is_kept(
    client, coordinator, contact, municipality, idea
):
    client.force_login(coordinator)
    page = client.get(url(municipality, "project_detail", pk=idea.pk)).content.decode()
    shown = re.search(r'name="expected_version" value="(\d+)"', page).group(1)
    idea.title = "Renamed meanwhile"
    save_versioned(idea, expected_version=idea.version)  # someone else's edit
    response = client.post(
        url(municipality, "project_delete", pk=idea.pk), {"expected_version": shown}, follow=True
    )
    assert Project.objects.filter(pk=idea.pk).exists()
    assert "so nothing was removed" in response.content.decode()


def test_a_delete_without_the_shown_version_is_refused(client, coordinator, municipality, idea):
    client.force_login(coordinator)
    client.post(url(municipality, "project_delete", pk=idea.pk))
    assert Project.objects.filter(pk=idea.pk).exists()
