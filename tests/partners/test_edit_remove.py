"""Correcting and removing partner records after creation: consulates, forum participants,
representations, financing lines, activities, agreements and evaluations.

Coordinators only (other roles 403, another municipality 404), a denied POST changes
nothing, every edit and removal leaves a history row naming the coordinator, and the
coordinator returns to the page the item is shown on.
"""

import datetime
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from partners.models import (
    Agreement,
    Consulate,
    Evaluation,
    FinancingLine,
    ForumParticipant,
    RelationActivity,
    Representation,
)
from tests.factories import CoordinatorFactory
from tests.partners.factories import (
    ActivityFactory,
    AgreementFactory,
    ConsulateFactory,
    EvaluationFactory,
    FinancingLineFactory,
    ForumParticipantFactory,
    MembershipFactory,
    RelationFactory,
    RepresentationFactory,
)
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, municipality, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"partners:{name}", kwargs={"municipality": municipality.slug, **kwargs})


def removal_mark(client, target) -> str:
    """The change mark the confirmation page sends back with "Remove"."""
    html = client.get(target).content.decode()
    return re.search(r'name="seen" value="([^"]+)"', html).group(1)


@pytest.fixture
def items(municipality, relation):
    w = SimpleNamespace(relation=relation)
    w.consulate = ConsulateFactory(municipality=municipality)
    w.participant = ForumParticipantFactory(municipality=municipality)
    w.membership = MembershipFactory(municipality=municipality)
    w.representation = RepresentationFactory(membership=w.membership)
    w.line = FinancingLineFactory(relation=relation)
    w.activity = ActivityFactory(relation=relation, description="Study visit to the harbour")
    w.evaluation = EvaluationFactory(relation=relation)
    w.agreement = AgreementFactory(relation=relation)
    w.agreement.file.save("agreement.pdf", ContentFile(PDF))
    w.agreement.file_size = len(PDF)
    w.agreement.save()
    return w


# name -> how to find the item, its URL kwargs, where the coordinator lands, a valid edit
# (the POST data and the field and value it changes).
ENTITIES = {
    "consulate": SimpleNamespace(
        model=Consulate,
        obj=lambda w: w.consulate,
        kwargs=lambda w: {"pk": w.consulate.pk},
        back=lambda w, m: url("consulate_list", m),
        edit="consulate_edit",
        delete="consulate_delete",
        data=lambda w: {
            "country": "FR",
            "consul_name": "Claude Konsul",
            "address": "Kungsgatan 2",
            "expected_version": w.consulate.version,
        },
        changed=("address", "Kungsgatan 2"),
        text="address",
    ),
    "forum_participant": SimpleNamespace(
        model=ForumParticipant,
        obj=lambda w: w.participant,
        kwargs=lambda w: {"pk": w.participant.pk},
        back=lambda w, m: url("consulate_list", m),
        edit="forum_participant_edit",
        delete="forum_participant_delete",
        data=lambda w: {
            "organisation_name": "NTNU",
            "representative": "Rita Representant",
            "role": "Research partner",
            "expected_version": w.participant.version,
        },
        changed=("role", "Research partner"),
        text="role",
    ),
    "representation": SimpleNamespace(
        model=Representation,
        obj=lambda w: w.representation,
        kwargs=lambda w: {"pk": w.membership.pk, "representation": w.representation.pk},
        back=lambda w, m: url("network_list", m),
        edit="representation_edit",
        delete="representation_delete",
        data=lambda w: {
            "person_name": "Ragnar Representant",
            "person_kind": "politician",
            "body": "Board of directors",
            "from_date": "2023-01-01",
            "to_date": "",
            "expected_version": w.representation.version,
        },
        changed=("body", "Board of directors"),
        text="body",
    ),
    "financing_line": SimpleNamespace(
        model=FinancingLine,
        obj=lambda w: w.line,
        kwargs=lambda w: {"pk": w.relation.pk, "line": w.line.pk},
        back=lambda w, m: url("relation_detail", m, pk=w.relation.pk) + "#financing",
        edit="financing_edit",
        delete="financing_delete",
        data=lambda w: {
            "year": "2026",
            "amount": "12500.50",
            "currency": "SEK",
            "source": "Municipal budget",
            "expected_version": w.line.version,
        },
        changed=("amount", Decimal("12500.50")),
        text="source",
    ),
    "activity": SimpleNamespace(
        model=RelationActivity,
        obj=lambda w: w.activity,
        kwargs=lambda w: {"pk": w.relation.pk, "activity": w.activity.pk},
        back=lambda w, m: url("relation_detail", m, pk=w.relation.pk) + "#activities",
        edit="activity_edit",
        delete="activity_delete",
        data=lambda w: {
            "date": "2026-09-01",
            "direction": "incoming",
            "participants": "12",
            "goal_area": "",
            "description": "Delegation from Kaunas visited the harbour",
            "expected_version": w.activity.version,
        },
        changed=("description", "Delegation from Kaunas visited the harbour"),
        text="description",
    ),
    "agreement": SimpleNamespace(
        model=Agreement,
        obj=lambda w: w.agreement,
        kwargs=lambda w: {"pk": w.relation.pk, "agreement": w.agreement.pk},
        back=lambda w, m: url("relation_detail", m, pk=w.relation.pk) + "#agreements",
        edit="agreement_edit",
        delete="agreement_delete",
        data=lambda w: {
            "title": "Cooperation agreement 2020–2030",
            "signed_on": "2020-01-01",
            "expected_version": w.agreement.version,
        },
        changed=("title", "Cooperation agreement 2020–2030"),
        text="title",
    ),
    "evaluation": SimpleNamespace(
        model=Evaluation,
        obj=lambda w: w.evaluation,
        kwargs=lambda w: {"pk": w.relation.pk, "evaluation": w.evaluation.pk},
        back=lambda w, m: url("relation_detail", m, pk=w.relation.pk) + "#evaluations",
        edit="evaluation_edit",
        delete="evaluation_delete",
        data=lambda w: {
            "date": "2025-05-01",
            "evaluated_by": "International office",
            "assessment": "Works well; more school exchanges",
            "recommendation": "keep",
            "expected_version": w.evaluation.version,
        },
        changed=("assessment", "Works well; more school exchanges"),
        text="assessment",
    ),
}
NAMES = sorted(ENTITIES)


def _snapshot(obj):
    fresh = type(obj).objects.filter(pk=obj.pk).values().first()
    return fresh, type(obj).history.filter(id=obj.pk).count()


# --- Coordinators edit and remove -------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_coordinator_corrects_an_item_and_the_edit_is_in_its_history(
    client, items, municipality, coordinator, name
):
    spec = ENTITIES[name]
    obj = spec.obj(items)
    client.force_login(coordinator)
    target = url(spec.edit, municipality, **spec.kwargs(items))
    assert client.get(target).status_code == 200
    response = client.post(target, spec.data(items))
    assert response.status_code == 302, response.context and response.context["form"].errors
    assert response["Location"] == spec.back(items, municipality)
    field, value = spec.changed
    obj.refresh_from_db()
    assert getattr(obj, field) == value
    latest = spec.model.history.filter(id=obj.pk).latest("history_date")
    assert latest.history_type == "~" and latest.history_user == coordinator
    page = client.get(response["Location"])
    assert any("saved" in str(m) for m in page.context["messages"])


@pytest.mark.parametrize("name", NAMES)
def test_coordinator_removes_an_item_after_confirming_and_history_keeps_it(
    client, items, municipality, coordinator, name
):
    spec = ENTITIES[name]
    obj = spec.obj(items)
    client.force_login(coordinator)
    target = url(spec.delete, municipality, **spec.kwargs(items))
    confirmation = client.get(target)
    assert confirmation.status_code == 200
    html = confirmation.content.decode()
    assert '<form method="post">' in html and "Remove" in html and "Cancel" in html
    assert spec.model.objects.filter(pk=obj.pk).exists()  # the GET only asks
    seen = re.search(r'name="seen" value="([^"]+)"', html).group(1)
    response = client.post(target, {"seen": seen})
    assert response.status_code == 302
    assert response["Location"] == spec.back(items, municipality)
    assert not spec.model.objects.filter(pk=obj.pk).exists()
    removal = spec.model.history.filter(id=obj.pk).latest("history_date")
    assert removal.history_type == "-" and removal.history_user == coordinator
    page = client.get(response["Location"])
    assert any("removed" in str(m) for m in page.context["messages"])


@pytest.mark.parametrize("name", NAMES)
def test_a_removal_confirmed_after_someone_changed_the_item_removes_nothing(
    client, items, municipality, coordinator, name
):
    """Two coordinators: one opens the removal page, the other corrects the item, then the
    first confirms. Nothing is removed; the page says who changed it and asks again."""
    spec = ENTITIES[name]
    obj = spec.obj(items)
    client.force_login(coordinator)
    target = url(spec.delete, municipality, **spec.kwargs(items))
    seen = removal_mark(client, target)
    other = CoordinatorFactory(municipality=municipality, first_name="Berit", last_name="Nord")
    editor = Client()
    editor.force_login(other)
    edit = url(spec.edit, municipality, **spec.kwargs(items))
    assert editor.post(edit, spec.data(items)).status_code == 302
    response = client.post(target, {"seen": seen})
    assert response.status_code == 409
    assert spec.model.objects.filter(pk=obj.pk).exists()
    html = response.content.decode()
    assert "Berit Nord changed this" in html and "nothing was removed" in html
    fresh = re.search(r'name="seen" value="([^"]+)"', html).group(1)
    assert fresh != seen
    assert client.post(target, {"seen": fresh}).status_code == 302  # confirmed again
    assert not spec.model.objects.filter(pk=obj.pk).exists()


def test_the_removal_conflict_is_explained_in_the_users_language(
    client, items, municipality, coordinator
):
    client.force_login(coordinator)
    target = url("consulate_delete", municipality, language="sv", pk=items.consulate.pk)
    seen = removal_mark(client, target)
    items.consulate.address = "Ändrad under tiden"
    items.consulate.save()
    html = client.post(target, {"seen": seen}).content.decode()
    assert "så ingenting togs bort" in html


@pytest.mark.parametrize("name", NAMES)
def test_a_removal_without_the_confirmation_mark_removes_nothing(
    client, items, municipality, coordinator, name
):
    spec = ENTITIES[name]
    obj = spec.obj(items)
    client.force_login(coordinator)
    response = client.post(url(spec.delete, municipality, **spec.kwargs(items)))
    assert response.status_code == 409
    assert spec.model.objects.filter(pk=obj.pk).exists()


# --- Everyone else: 403 or 404, and nothing changes --------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_contacts_and_council_members_get_403_and_their_posts_change_nothing(
    client, items, municipality, contact, other_contact, council_member, name
):
    spec = ENTITIES[name]
    obj = spec.obj(items)
    before = _snapshot(obj)
    for user in (contact, other_contact, council_member):
        client.force_login(user)
        for view in (spec.edit, spec.delete):
            target = url(view, municipality, **spec.kwargs(items))
            assert client.get(target).status_code == 403
            assert client.post(target, spec.data(items)).status_code == 403
    assert _snapshot(obj) == before


@pytest.mark.parametrize("name", NAMES)
def test_a_coordinator_of_another_municipality_gets_404_and_changes_nothing(
    client, items, municipality, foreign_coordinator, name
):
    spec = ENTITIES[name]
    obj = spec.obj(items)
    before = _snapshot(obj)
    client.force_login(foreign_coordinator)
    for view in (spec.edit, spec.delete):
        target = url(view, municipality, **spec.kwargs(items))
        assert client.get(target).status_code == 404
        assert client.post(target, spec.data(items)).status_code == 404
    assert _snapshot(obj) == before


def test_anonymous_visitors_are_sent_to_log_in(client, items, municipality):
    for name in NAMES:
        spec = ENTITIES[name]
        for view in (spec.edit, spec.delete):
            response = client.post(url(view, municipality, **spec.kwargs(items)))
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Consulate.objects.filter(pk=items.consulate.pk).exists()


def test_items_of_another_municipality_are_404_through_ones_own_pages(
    client, municipality, other_municipality, coordinator, relation
):
    """The own municipality in the URL does not open another tenant's item."""
    foreign_relation = RelationFactory(municipality=other_municipality, country="MN")
    consulate = ConsulateFactory(municipality=other_municipality)
    line = FinancingLineFactory(relation=foreign_relation)
    representation = RepresentationFactory(
        membership=MembershipFactory(municipality=other_municipality)
    )
    client.force_login(coordinator)
    targets = [
        url("consulate_edit", municipality, pk=consulate.pk),
        url("consulate_delete", municipality, pk=consulate.pk),
        url("financing_edit", municipality, pk=foreign_relation.pk, line=line.pk),
        # the own relation's pk with another relation's line
        url("financing_delete", municipality, pk=relation.pk, line=line.pk),
        url(
            "representation_delete",
            municipality,
            pk=representation.membership.pk,
            representation=representation.pk,
        ),
    ]
    for target in targets:
        assert client.get(target).status_code == 404
        assert client.post(target).status_code == 404
    assert Consulate.objects.filter(pk=consulate.pk).exists()
    assert FinancingLine.objects.filter(pk=line.pk).exists()
    assert Representation.objects.filter(pk=representation.pk).exists()


# --- Bad input: message at the field, in the user's language, input kept ---------------


BAD_INPUT = [
    (
        "consulate",
        {"country": "XX", "address": "Kungsgatan 2"},
        "country",
        "”XX” är inte en landskod enligt ISO 3166-1. Använd två versaler, t.ex. SE, NO, DE.",
        "Kungsgatan 2",
    ),
    (
        "financing_line",
        {"amount": "-5", "source": "Interreg Aurora"},
        "amount",
        "Beloppet kan inte vara negativt.",
        "Interreg Aurora",
    ),
    (
        "financing_line",
        {"year": "1800", "source": "Interreg Aurora"},
        "year",
        "Ange ett år mellan 1945 och 2100.",
        "Interreg Aurora",
    ),
    (
        "activity",
        {"participants": "-3", "description": "Harbour visit, corrected"},
        "participants",
        "Antalet deltagare kan inte vara negativt.",
        "Harbour visit, corrected",
    ),
    (
        "representation",
        {"from_date": "2023-02-31", "body": "Climate forum"},
        "from_date",
        "Fyll i ett giltigt datum.",
        "Climate forum",
    ),
    (
        "forum_participant",
        {"organisation_name": "", "role": "Business network"},
        "organisation_name",
        "Det här fältet är obligatoriskt.",
        "Business network",
    ),
    (
        "agreement",
        {"title": "", "signed_on": "2021-03-04"},
        "title",
        "Det här fältet är obligatoriskt.",
        "2021-03-04",
    ),
]


@pytest.mark.parametrize("name, overrides, field, message, kept", BAD_INPUT)
def test_bad_corrections_are_explained_at_the_field_in_swedish_and_input_kept(
    client, items, municipality, coordinator, name, overrides, field, message, kept
):
    spec = ENTITIES[name]
    obj = spec.obj(items)
    before = _snapshot(obj)
    client.force_login(coordinator)
    response = client.post(
        url(spec.edit, municipality, language="sv", **spec.kwargs(items)),
        {**spec.data(items), **overrides},
    )
    assert response.status_code == 400
    assert [str(e) for e in response.context["form"].errors[field]] == [message]
    html = response.content.decode()
    assert kept in html
    assert 'aria-invalid="true"' in html
    assert _snapshot(obj) == before


def test_a_non_pdf_replacement_is_refused_at_the_field_and_the_old_file_kept(
    client, items, municipality, coordinator
):
    client.force_login(coordinator)
    stored = items.agreement.file.name
    response = client.post(
        url("agreement_edit", municipality, pk=items.relation.pk, agreement=items.agreement.pk),
        {
            "title": "Renamed",
            "signed_on": "2020-01-01",
            "file": SimpleUploadedFile("agreement.docx", b"PK\x03\x04 not a pdf"),
            "expected_version": items.agreement.version,
        },
    )
    assert response.status_code == 400
    assert [str(e) for e in response.context["form"].errors["file"]] == [
        "This file is not a PDF document. Save or export it as PDF and upload it again."
    ]
    assert 'value="Renamed"' in response.content.decode()
    items.agreement.refresh_from_db()
    assert items.agreement.title == "Cooperation agreement"
    assert items.agreement.file.name == stored and default_storage.exists(stored)


# --- Optimistic locking: a stale version is refused, the editor's text kept ------------


@pytest.mark.parametrize("name", NAMES)
def test_a_stale_version_is_refused_and_the_second_editors_text_kept(
    client, items, municipality, coordinator, name
):
    """Two coordinators open the same form; the second save must not overwrite the first
    silently: it is refused naming who saved, and the second editor's text is kept."""
    spec = ENTITIES[name]
    obj = spec.obj(items)
    field = spec.text
    other = CoordinatorFactory(municipality=municipality, first_name="Berit", last_name="Nord")
    first = Client()
    first.force_login(other)
    client.force_login(coordinator)
    target = url(spec.edit, municipality, **spec.kwargs(items))
    data = spec.data(items)  # both editors opened the form at the same version
    assert first.post(target, {**data, field: "First editor's text"}).status_code == 302
    stored = _snapshot(obj)
    second = client.post(target, {**data, field: "Second editor's own words"})
    assert second.status_code == 400
    html = second.content.decode()
    assert "Berit Nord saved this at" in html and "after you started editing" in html
    assert "Second editor&#x27;s own words" in html.split("<form", 1)[1]
    assert second.context["form"][field].value() == "Second editor's own words"
    assert _snapshot(obj) == stored  # the stored row (and its history) unchanged
    obj.refresh_from_db()
    assert getattr(obj, field) == "First editor's text"
    # What is saved now is shown beside the editor's text; saving again after comparing
    # (the form now carries the current version) goes through.
    assert "What Berit Nord saved" in html and "First editor&#x27;s text" in html
    again = second.context["form"].data.dict()
    assert client.post(target, again).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == "Second editor's own words"


@pytest.mark.parametrize("name", NAMES)
def test_an_edit_without_its_version_is_refused_and_the_text_kept(
    client, items, municipality, coordinator, name
):
    """A POST that does not say which version it started from (a forged or truncated
    form, a page from before the form carried it) could overwrite a colleague's save."""
    spec = ENTITIES[name]
    obj = spec.obj(items)
    before = _snapshot(obj)
    client.force_login(coordinator)
    data = {**spec.data(items), spec.text: "Typed before the version went missing"}
    del data["expected_version"]
    response = client.post(url(spec.edit, municipality, **spec.kwargs(items)), data)
    assert response.status_code == 400
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == [
        "missing_version"
    ]
    html = response.content.decode()
    assert "did not say which version you started from" in html
    assert "Typed before the version went missing" in html
    assert _snapshot(obj) == before


def test_an_agreement_conflict_asks_for_the_chosen_pdf_again_and_stores_nothing(
    client, items, municipality, coordinator
):
    """A browser cannot put a chosen file back into the form: the page says so, and the
    file chosen with the refused save is not stored."""
    spec = ENTITIES["agreement"]
    client.force_login(coordinator)
    target = url(spec.edit, municipality, **spec.kwargs(items))
    data = spec.data(items)  # opened at this version
    other = Client()
    other.force_login(CoordinatorFactory(municipality=municipality))
    assert other.post(target, {**data, "title": "Saved in between"}).status_code == 302
    stored = items.agreement.file.name
    folder = stored.rsplit("/", 1)[0]
    files_before = default_storage.listdir(folder)
    response = client.post(
        target, {**data, "file": SimpleUploadedFile("new.pdf", PDF, "application/pdf")}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert [str(e) for e in errors["file"]] == [
        "The PDF you chose was not saved either. Choose it again before you save."
    ]
    html = response.content.decode()
    assert stored not in html  # the saved version is shown without its storage path
    items.agreement.refresh_from_db()
    assert items.agreement.title == "Saved in between"
    assert items.agreement.file.name == stored
    assert default_storage.listdir(folder) == files_before  # the refused upload not stored


# --- Agreement files ---------------------------------------------------------------------


def test_replacing_an_agreement_pdf_deletes_the_old_file_after_commit(
    client, items, municipality, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    old = items.agreement.file.name
    new_pdf = PDF + b"% the signed version\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("agreement_edit", municipality, pk=items.relation.pk, agreement=items.agreement.pk),
            {
                "title": "Cooperation agreement",
                "signed_on": "2020-01-01",
                "file": SimpleUploadedFile("signed.pdf", new_pdf, "application/pdf"),
                "expected_version": items.agreement.version,
            },
        )
    assert response.status_code == 302
    items.agreement.refresh_from_db()
    assert items.agreement.file.name != old
    assert not default_storage.exists(old)
    assert items.agreement.file_size == len(new_pdf)
    with items.agreement.file.open("rb") as handle:
        assert handle.read() == new_pdf


def test_editing_an_agreement_without_a_new_file_keeps_the_file(
    client, items, municipality, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    stored = items.agreement.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("agreement_edit", municipality, pk=items.relation.pk, agreement=items.agreement.pk),
            {"title": "Renamed", "signed_on": "2020-01-01", "expected_version": 1},
        )
    items.agreement.refresh_from_db()
    assert items.agreement.title == "Renamed"
    assert items.agreement.file.name == stored and default_storage.exists(stored)
    assert items.agreement.file_size == len(PDF)


def test_removing_an_agreement_deletes_its_file_after_commit(
    client, items, municipality, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    stored = items.agreement.file.name
    target = url(
        "agreement_delete", municipality, pk=items.relation.pk, agreement=items.agreement.pk
    )
    seen = removal_mark(client, target)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(target, {"seen": seen})
    assert default_storage.exists(stored)  # not before the commit
    for callback in callbacks:
        callback()
    assert not default_storage.exists(stored)
    assert not Agreement.objects.filter(pk=items.agreement.pk).exists()


# --- The links next to each item ------------------------------------------------------


def _pages(items, municipality):
    return [
        url("consulate_list", municipality),
        url("network_list", municipality),
        url("relation_detail", municipality, pk=items.relation.pk),
    ]


def test_coordinators_see_edit_and_remove_links_next_to_each_item(
    client, items, municipality, coordinator
):
    client.force_login(coordinator)
    html = "".join(client.get(page).content.decode() for page in _pages(items, municipality))
    for name in NAMES:
        spec = ENTITIES[name]
        for view in (spec.edit, spec.delete):
            assert url(view, municipality, **spec.kwargs(items)) in html, (name, view)


def test_other_members_and_the_public_see_no_edit_or_remove_links(
    client, items, municipality, contact, council_member
):
    for user in (contact, council_member, None):
        client.logout()
        if user:
            client.force_login(user)
        html = "".join(client.get(page).content.decode() for page in _pages(items, municipality))
        for name in NAMES:
            spec = ENTITIES[name]
            for view in (spec.edit, spec.delete):
                assert url(view, municipality, **spec.kwargs(items)) not in html, (user, view)


def test_query_counts_stay_fixed_on_pages_with_edit_links(client, municipality, coordinator):
    relation = RelationFactory(municipality=municipality)

    def grow():
        ConsulateFactory(municipality=municipality, country="FR")
        ForumParticipantFactory(municipality=municipality)
        RepresentationFactory(membership=MembershipFactory(municipality=municipality))
        FinancingLineFactory(relation=relation)
        ActivityFactory(relation=relation)
        EvaluationFactory(relation=relation)
        AgreementFactory(relation=relation, signed_on=datetime.date(2021, 1, 1))

    client.force_login(coordinator)
    assert_constant_queries(client, url("consulate_list", municipality), grow)
    assert_constant_queries(client, url("network_list", municipality), grow)
    assert_constant_queries(client, url("relation_detail", municipality, pk=relation.pk), grow)


def test_the_public_page_shows_a_correction_and_a_removal_at_once(
    client, items, municipality, coordinator, django_capture_on_commit_callbacks
):
    """Public pages are cached for visitors; an edit or removal must not be hidden by it."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    visitor = Client()
    public = url("consulate_list", municipality)
    assert "Storgatan 1" in visitor.get(public).content.decode()
    with CaptureQueriesContext(connection) as served:
        assert "Storgatan 1" in visitor.get(public).content.decode()
    assert len(served) == 0  # served from the cache
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("consulate_edit", municipality, pk=items.consulate.pk),
            {"country": "FR", "address": "Kungsgatan 2", "expected_version": 1},
        )
    html = visitor.get(public).content.decode()
    assert "Kungsgatan 2" in html and "Storgatan 1" not in html
    removal = url("forum_participant_delete", municipality, pk=items.participant.pk)
    seen = removal_mark(client, removal)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(removal, {"seen": seen})
    assert "NTNU" not in visitor.get(public).content.decode()
