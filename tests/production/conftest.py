"""One of everything in Växjö (and a little in Trondheim): fills the URL kwargs of the
permission matrix and the pages of the query-count tests."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build_world(municipality, department, other_department, coordinator, contact):
    from partners.models import Agreement
    from projects.models import Call, Funder, FundingProgramme, ProjectAttachment, ProjectPartner
    from reporting.models import (
        DepartmentReport,
        FollowUpDocument,
        ReportActivity,
        ReportingRound,
        Trip,
    )
    from strategies.models import DocumentStatus
    from tests.partners.factories import (
        ConsulateFactory,
        ContactFactory,
        ForumParticipantFactory,
        MembershipFactory,
        RelationFactory,
        RepresentationFactory,
    )
    from tests.reporting.factories import ProjectFactory
    from tests.strategies.factories import (
        ActionPlanFactory,
        DocumentFactory,
        GoalAreaFactory,
        IndicatorFactory,
        IndicatorValueFactory,
        full_document,
    )

    w = SimpleNamespace()
    # strategies: an adopted document, and a draft being edited
    w.document = full_document(municipality)
    w.draft = DocumentFactory(
        municipalities=[municipality], status=DocumentStatus.DRAFT, adopted_on=None
    )
    w.goal_area = GoalAreaFactory(document=w.draft, number=1)
    GoalAreaFactory(document=w.draft, number=2)
    w.indicator = IndicatorFactory(action_plan=ActionPlanFactory(document=w.draft))
    w.indicator_value = IndicatorValueFactory(indicator=w.indicator, year=2024, value=1)
    # partners
    w.relation = RelationFactory(municipality=municipality, responsible_department=department)
    w.contact_person = ContactFactory(relation=w.relation)
    from tests.partners.factories import EvaluationFactory

    w.evaluation = EvaluationFactory(relation=w.relation)
    w.agreement = Agreement.objects.create(
        relation=w.relation, title="Agreement", signed_on=datetime.date(2020, 1, 1)
    )
    w.agreement.file.save("agreement.pdf", ContentFile(PDF))
    w.network = MembershipFactory(municipality=municipality)
    RepresentationFactory(membership=w.network)
    ConsulateFactory(municipality=municipality)
    ForumParticipantFactory(municipality=municipality)
    # projects
    w.funder = Funder.objects.create(name="European Union")
    w.programme = FundingProgramme.objects.create(
        funder=w.funder, name="Interreg", name_en="Interreg"
    )
    w.call = Call.objects.create(programme=w.programme, identifier="C-1", title="Call 1")
    w.project = ProjectFactory(
        municipality=municipality, lead_department=department, programme=w.programme
    )
    w.partner = ProjectPartner.objects.create(project=w.project, name="Partner GmbH", country="DE")
    w.attachment = ProjectAttachment(
        project=w.project,
        title="Application",
        kind="pdf",
        original_name="application.pdf",
        size=len(PDF),
        uploaded_by=contact,
    )
    w.attachment.file.save("application.pdf", ContentFile(PDF), save=True)
    # reporting: a round for 2025 with a draft report of `department`
    w.round = ReportingRound.objects.create(
        municipality=municipality,
        year=2025,
        deadline=datetime.date(2026, 2, 28),
        status="open",
        instructions_en="Report.",
    )
    w.round.departments.set([department, other_department])
    w.report = DepartmentReport.objects.create(round=w.round, department=department)
    w.activity = ReportActivity.objects.create(
        report=w.report, kind="conference", date=datetime.date(2025, 5, 5), title="Conf"
    )
    w.trip = Trip.objects.create(
        report=w.report,
        destination="Brussels",
        mode="train",
        distance_km=1500,
        travellers=1,
        co2_kg=60,
    )
    w.followup = FollowUpDocument.objects.create(
        municipality=municipality, year=2025, language="sv", status="ready", created_by=coordinator
    )
    w.followup.file.save("followup.pdf", ContentFile(PDF))
    w.followup.word_file.save("followup.docx", ContentFile(b"PK\x03\x04 a Word file"))
    return w


@pytest.fixture
def world(municipality, department, other_department, coordinator, contact):
    return build_world(municipality, department, other_department, coordinator, contact)


def restore_files(world):
    """Put back files a rolled-back delete removed from the disk (the rows come back with
    the rollback, the files do not)."""
    from django.core.files.storage import default_storage

    for obj in (world.agreement, world.attachment, world.followup):
        if obj.file.name and not default_storage.exists(obj.file.name):
            with default_storage.open(obj.file.name, "wb") as handle:
                handle.write(PDF)
    word = world.followup.word_file
    if word.name and not default_storage.exists(word.name):
        with default_storage.open(word.name, "wb") as handle:
            handle.write(b"PK\x03\x04 a Word file")
