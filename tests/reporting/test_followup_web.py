"""The follow-up's web version (the PDF's builder and section templates as a page) and
the preview before generating (what is included, who is not approved yet, the languages)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from reporting import services
from reporting.models import FollowUpDocument, FollowUpStatus, ReportStatus
from tests.factories import DepartmentFactory
from tests.querycount import assert_constant_queries
from tests.reporting.test_followup import (  # noqa: F401 (fixture)
    approved_report,
    download,
    generate,
    pdf_text,
    year_of_work,
)

pytestmark = pytest.mark.django_db


def url(name, municipality, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"reporting:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def test_the_web_version_has_the_pdfs_sections_with_a_contents_that_links_to_them(
    client,
    coordinator,
    council_member,
    municipality,
    department,
    other_department,
    year_of_work,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    client.force_login(coordinator)
    document = generate(client, municipality, "sv", django_capture_on_commit_callbacks)
    assert document.status == FollowUpStatus.READY
    client.force_login(council_member)
    # The list links it beside the PDF and the Word file.
    listing = client.get(url("followup_list", municipality)).content.decode()
    web = url("followup_web", municipality, pk=document.pk)
    assert f'href="{web}"' in listing and "Web version 2025" in listing
    response = client.get(web)
    assert response.status_code == 200
    html = response.content.decode()
    # The content is in the document's language (sv) inside the English page, so marked.
    assert '<article class="followup-web" lang="sv">' in html
    assert "<h1>Uppföljning av den internationella strategin</h1>" in html
    # Every contents entry points at a section of the page.
    nav = re.search(r'<nav class="toc".*?</nav>', html, re.S)[0]
    targets = re.findall(r'href="#([^"]+)"', nav)
    assert targets[:2] == ["summary", "key-figures"] and len(targets) == 4
    for target in targets:
        assert f'id="{target}"' in html
    # The same chapters and department headings as the PDF of the same data.
    pdf = " ".join(pdf_text(download(client, document)).split())
    chapters = re.findall(r"<h2[^>]*>(.*?)</h2>", html.split("followup-web", 1)[1])
    assert chapters[:3] == ["Innehåll", "Sammanfattning", "Nyckeltal"]
    for heading in chapters:
        assert heading in pdf, heading
    assert department.name_sv in chapters and other_department.name_sv in chapters
    assert "Baltic Schools" in html and "Bryssel" in html
    # Tables have their headers and sit in their scrolling box (320 px reflow).
    assert html.count('<div class="table-scroll"><table') == html.count("<table")
    # The print stylesheet is the page's.
    assert "reporting/followup_web" in html


def test_the_web_version_is_for_the_municipalitys_members_and_only_when_ready(
    client,
    council_member,
    foreign_coordinator,
    municipality,
    year_of_work,  # noqa: F811
):
    document = FollowUpDocument.objects.create(municipality=municipality, year=2025, language="en")
    web = url("followup_web", municipality, pk=document.pk)
    client.force_login(council_member)
    assert client.get(web).status_code == 404  # queued: not made yet, as the PDF
    FollowUpDocument.objects.filter(pk=document.pk).update(status=FollowUpStatus.READY)
    assert client.get(web).status_code == 200
    client.force_login(foreign_coordinator)
    assert client.get(web).status_code == 404
    client.logout()
    assert client.get(web).status_code == 302


def test_the_preview_lists_what_is_included_and_the_departments_not_approved_yet(
    client,
    coordinator,
    municipality,
    department,
    other_department,
    year_of_work,  # noqa: F811
):
    # A department of the round that started its report but has not submitted it.
    round = year_of_work
    drafting = DepartmentFactory(municipality=municipality, slug="kultur", name_en="Culture")
    round.departments.add(drafting)
    services.report_start(round=round, department=drafting)
    client.force_login(coordinator)
    response = client.post(
        url("followup_preview", municipality),
        {"period": "year", "year": "2025", "summary": "A good year."},
    )
    assert response.status_code == 200
    assert not FollowUpDocument.objects.exists()  # nothing generated yet
    preview = response.context["preview"]
    included = {str(row["department"].name): row for row in preview["included"]}
    assert set(included) == {str(department.name), str(other_department.name)}
    report = department.reports.get()
    assert included[str(department.name)]["trips"] == report.trips.count() > 0
    assert included[str(department.name)]["activities"] == report.activities.count()
    assert preview["totals"]["departments"] == 2
    waiting = {row["department"].slug: row["status"] for row in preview["waiting"]}
    assert waiting == {"kultur": ReportStatus.DRAFT, "tyst": ""}
    html = response.content.decode()
    assert "not started" in html and "draft" in html
    assert f'href="{url("round_detail", municipality, year=2025)}"' in html  # wait
    # The municipality's language is preselected; the summary comes back hidden.
    form = response.context["form"]
    assert form.initial["languages"] == [municipality.default_language]
    assert 'type="hidden" name="summary" value="A good year."' in html
    assert f'value="{municipality.default_language}"' in html


def test_the_preview_refuses_a_bad_year_at_the_field_and_keeps_the_summary(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    response = client.post(
        url("followup_preview", municipality),
        {"period": "year", "year": "1800", "summary": "Kept text"},
    )
    assert response.status_code == 200
    assert response.context["form"]["year"].errors
    assert "Kept text" in response.content.decode()


def test_confirming_queues_one_render_per_chosen_language(
    client,
    coordinator,
    municipality,
    year_of_work,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    client.force_login(coordinator)
    data = {"period": "year", "year": "2025", "summary": "Bra år."}
    # No language chosen: the preview again, with the message at the field.
    response = client.post(url("followup_list", municipality), data)
    assert response.status_code == 200
    assert response.context["form"]["languages"].errors == ["Choose at least one language."]
    assert not FollowUpDocument.objects.exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            url("followup_list", municipality), {**data, "languages": ["sv", "en"]}
        )
    assert response.status_code == 302
    assert response["Location"] == url("followup_list", municipality)
    assert len(callbacks) >= 2
    documents = FollowUpDocument.objects.order_by("language")
    assert [d.language for d in documents] == ["en", "sv"]
    assert all(d.status == FollowUpStatus.READY and d.summary == "Bra år." for d in documents)
    english = pdf_text(documents[0].file.read())
    assert "Key figures" in english


def test_a_council_member_can_neither_preview_nor_generate(client, council_member, municipality):
    client.force_login(council_member)
    data = {"period": "year", "year": "2025", "languages": ["sv"]}
    assert client.post(url("followup_preview", municipality), data).status_code == 403
    assert client.post(url("followup_list", municipality), data).status_code == 403


def test_the_web_version_runs_as_many_queries_for_more_departments(
    client,
    council_member,
    municipality,
    goal_areas,
    year_of_work,  # noqa: F811
):
    document = FollowUpDocument.objects.create(
        municipality=municipality, year=2025, language="en", status=FollowUpStatus.READY
    )
    client.force_login(council_member)
    round = year_of_work
    made = []

    def grow():
        department = DepartmentFactory(municipality=municipality, slug=f"extra-{len(made)}")
        round.departments.add(department)
        approved_report(round, department, goal_areas)
        made.append(department)

    assert_constant_queries(client, url("followup_web", municipality, pk=document.pk), grow)
