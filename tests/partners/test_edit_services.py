"""Services correcting and removing partner records: validated, versioned where edited at
length, history kept (with who did it), agreement files removed after the commit."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from intlstrategy.concurrency import EditConflict
from partners import services
from partners.models import Agreement, Consulate, FinancingLine, RelationActivity
from tests.partners.factories import (
    ActivityFactory,
    AgreementFactory,
    ConsulateFactory,
    FinancingLineFactory,
    ForumParticipantFactory,
    RepresentationFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def test_consulate_update_validates_and_records_who_edited(municipality, coordinator):
    consulate = ConsulateFactory(municipality=municipality)
    consulate.address = "Kungsgatan 2"
    services.consulate_update(consulate=consulate, expected_version=1, by=coordinator)
    latest = consulate.history.latest("history_date")
    assert latest.address == "Kungsgatan 2" and latest.history_user == coordinator
    consulate.country = "XX"
    with pytest.raises(ValidationError) as raised:
        services.consulate_update(consulate=consulate, expected_version=2, by=coordinator)
    assert "country" in raised.value.error_dict
    assert Consulate.objects.get(pk=consulate.pk).country == "FR"


def test_financing_line_update_refuses_a_negative_amount(relation, coordinator):
    line = FinancingLineFactory(relation=relation)
    line.amount = -1
    with pytest.raises(ValidationError):
        services.financing_line_update(line=line, expected_version=1, by=coordinator)
    assert FinancingLine.objects.get(pk=line.pk).amount == 10000


def test_removal_leaves_a_history_row_naming_the_coordinator(relation, coordinator):
    line = FinancingLineFactory(relation=relation)
    pk = line.pk
    services.record_delete(record=line, by=coordinator)
    assert not FinancingLine.objects.filter(pk=pk).exists()
    removal = FinancingLine.history.filter(id=pk).latest("history_date")
    assert removal.history_type == "-" and removal.history_user == coordinator
    assert removal.source == "Municipal budget"  # what was removed can still be read


def test_activity_update_is_versioned(relation, coordinator):
    activity = ActivityFactory(relation=relation)
    assert activity.version == 1
    first = RelationActivity.objects.get(pk=activity.pk)
    first.description = "First"
    services.activity_update(activity=first, expected_version=1, by=coordinator)
    assert RelationActivity.objects.get(pk=activity.pk).version == 2
    second = RelationActivity.objects.get(pk=activity.pk)
    second.description = "Second"
    with pytest.raises(EditConflict) as raised:
        services.activity_update(activity=second, expected_version=1, by=coordinator)
    assert raised.value.changed_by == coordinator  # named in the message
    assert RelationActivity.objects.get(pk=activity.pk).description == "First"


def test_representation_update_keeps_dates_in_order(municipality, coordinator):
    representation = RepresentationFactory(membership__municipality=municipality)
    representation.to_date = representation.from_date.replace(year=2020)
    with pytest.raises(ValidationError):
        services.representation_update(
            representation=representation, expected_version=1, by=coordinator
        )


def test_agreement_delete_removes_the_file_only_when_committed(
    relation, coordinator, django_capture_on_commit_callbacks
):
    agreement = AgreementFactory(relation=relation)
    agreement.file.save("a.pdf", ContentFile(PDF))
    stored, pk = agreement.file.name, agreement.pk
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_delete(agreement=agreement, by=coordinator)
    assert not default_storage.exists(stored)
    removal = Agreement.history.filter(id=pk, history_type="-").get()
    assert removal.history_user == coordinator and removal.file == stored


# service, its keyword, a factory of a record, a text field to edit
CORRECTIONS = {
    "consulate": (
        services.consulate_update,
        "consulate",
        lambda r: ConsulateFactory(municipality=r.municipality),
        "address",
    ),
    "forum_participant": (
        services.forum_participant_update,
        "participant",
        lambda r: ForumParticipantFactory(municipality=r.municipality),
        "role",
    ),
    "financing_line": (
        services.financing_line_update,
        "line",
        lambda r: FinancingLineFactory(relation=r),
        "source",
    ),
    "representation": (
        services.representation_update,
        "representation",
        lambda r: RepresentationFactory(membership__municipality=r.municipality),
        "body",
    ),
    "agreement": (
        services.agreement_update,
        "agreement",
        lambda r: AgreementFactory(relation=r),
        "title",
    ),
}


@pytest.mark.parametrize("name", sorted(CORRECTIONS))
def test_a_correction_from_a_stale_version_is_a_conflict_and_writes_nothing(
    relation, coordinator, name
):
    service, keyword, make, field = CORRECTIONS[name]
    record = make(relation)
    model = type(record)
    assert record.version == 1
    first = model.objects.get(pk=record.pk)
    setattr(first, field, "First")
    service(**{keyword: first, "expected_version": 1, "by": coordinator})
    assert model.objects.get(pk=record.pk).version == 2
    second = model.objects.get(pk=record.pk)
    setattr(second, field, "Second")
    with pytest.raises(EditConflict) as raised:
        service(**{keyword: second, "expected_version": 1, "by": coordinator})
    assert raised.value.changed_by == coordinator
    stored = model.objects.get(pk=record.pk)
    assert getattr(stored, field) == "First" and stored.version == 2
