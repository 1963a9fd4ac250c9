"""Running the one-command portal again (load_demo) adds what is missing and never undoes
what people changed in the portal since."""

import datetime
import io

import pytest
from django.core.management import call_command

from intlstrategy.models import Membership, Municipality, User
from partners import services as partner_services
from partners.models import Category, Relation
from projects import services as project_services
from projects.models import Project
from reporting import services as reporting_services
from reporting.models import DepartmentReport, ReportStatus

pytestmark = pytest.mark.django_db


def load_demo():
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())


def test_a_second_load_keeps_every_change_made_in_the_portal():
    load_demo()
    coordinator = User.objects.get(username="vaxjo-coordinator")
    vaxjo = Municipality.objects.get(slug="vaxjo")

    # A twin town regraded to dormant, with the step in its timeline.
    relation = Relation.objects.filter(municipality=vaxjo).exclude(category=Category.DORMANT)[0]
    partner_services.relation_change_category(
        relation=relation, to_category=Category.DORMANT, reason="No activity", by=coordinator
    )
    # A draft report's results rewritten by the department.
    report = DepartmentReport.objects.filter(
        round__municipality=vaxjo, status=ReportStatus.DRAFT
    ).first()
    assert report is not None, "the demo has a draft report in an open round"
    report_results = {r.goal_area_id: "Vårt eget resultat." for r in report.results.all()}
    reporting_services.report_save(
        report=report,
        expected_version=report.version,
        comments={},
        results=report_results,
        no_activities=report.no_activities,
        by=coordinator,
    )
    # A project moved along the pipeline.
    project = next(
        p
        for p in Project.objects.filter(municipality=vaxjo)
        if project_services.allowed_transitions(p.status)
    )
    to = project_services.allowed_transitions(project.status)[0]
    project_services.project_change_status(
        project=project, to=to, on=datetime.date(2026, 11, 30), by=coordinator, note="Mine"
    )
    steps = list(project.status_changes.values_list("to_status", "note"))
    # The municipality renamed by an operator, a contact given another department.
    Municipality.objects.filter(pk=vaxjo.pk).update(name_en="Växjö kommun (EN)")
    contact = Membership.objects.get(user__username="vaxjo-contact")
    other_department = vaxjo.departments.exclude(pk__in=contact.departments.all()).last()
    contact.departments.set([other_department])
    counts = (Relation.objects.count(), User.objects.count())
    reports = DepartmentReport.objects.count()

    load_demo()

    relation.refresh_from_db()
    assert relation.category == Category.DORMANT
    assert relation.category_changes.order_by("-date", "-pk").first().to_category == (
        Category.DORMANT
    )
    project.refresh_from_db()
    assert project.status == to
    assert list(project.status_changes.values_list("to_status", "note")) == steps
    report.refresh_from_db()
    assert {r.text for r in report.results.all()} == {"Vårt eget resultat."}
    assert Municipality.objects.get(pk=vaxjo.pk).name_en == "Växjö kommun (EN)"
    assert list(contact.departments.all()) == [other_department]
    assert counts == (Relation.objects.count(), User.objects.count())
    # The contact's new department gets its demo report: added, nothing taken away.
    assert DepartmentReport.objects.count() >= reports
