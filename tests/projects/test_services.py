"""The status pipeline, validation of money and dates, optimistic locking, currency totals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from intlstrategy.concurrency import EditConflict
from intlstrategy.permissions import access_for
from projects.models import ExchangeRate, Project, ProjectStatus, ProjectStatusChange
from projects.permissions import require_lead_department
from projects.services import (
    TRANSITIONS,
    convert_total,
    project_change_status,
    project_create,
    project_update,
)
from tests.projects.factories import ProjectFactory

D = datetime.date
S = ProjectStatus


class FakeRequest:
    def __init__(self, user):
        self.user = user


def access(user, municipality):
    return access_for(FakeRequest(user), municipality.slug)


ALL_PAIRS = [(a, b) for a in S.values for b in S.values if a != b]


@pytest.mark.django_db
@pytest.mark.parametrize("start,to", ALL_PAIRS)
def test_the_pipeline_allows_exactly_the_transitions_in_its_table(
    municipality, department, start, to
):
    project = ProjectFactory(
        municipality=municipality,
        lead_department=department,
        status=start,
        start_date=D(2024, 1, 1),
        end_date=D(2026, 1, 1),
    )
    allowed = to in TRANSITIONS[start]
    if allowed:
        project_change_status(project=project, to=to, on=D(2025, 1, 1), by=None)
        project.refresh_from_db()
        assert project.status == to
    else:
        with pytest.raises(ValidationError) as caught:
            project_change_status(project=project, to=to, on=D(2025, 1, 1), by=None)
        assert "cannot go from" in caught.value.message_dict["to"][0]
        project.refresh_from_db()
        assert project.status == start
        assert not ProjectStatusChange.objects.filter(project=project).exists()


def test_the_pipeline_is_the_one_the_municipality_described():
    assert set(TRANSITIONS[S.IDEA]) == {S.IN_PREPARATION, S.WITHDRAWN}
    assert set(TRANSITIONS[S.IN_PREPARATION]) == {S.SUBMITTED, S.WITHDRAWN}
    assert set(TRANSITIONS[S.SUBMITTED]) == {S.APPROVED, S.REJECTED, S.WITHDRAWN}
    assert TRANSITIONS[S.APPROVED] == (S.ONGOING,)
    assert TRANSITIONS[S.ONGOING] == (S.COMPLETED,)
    assert TRANSITIONS[S.COMPLETED] == TRANSITIONS[S.REJECTED] == TRANSITIONS[S.WITHDRAWN] == ()


@pytest.mark.django_db
def test_idea_to_completed_is_refused_naming_the_allowed_steps(idea, contact):
    with pytest.raises(ValidationError) as caught:
        project_change_status(project=idea, to=S.COMPLETED, on=D(2025, 1, 1), by=contact)
    message = caught.value.message_dict["to"][0]
    assert "idea" in message and "completed" in message and "in preparation" in message


@pytest.mark.django_db
def test_each_transition_is_dated_and_kept_with_its_author_and_note(idea, contact):
    for to, on in [
        (S.IN_PREPARATION, D(2025, 1, 10)),
        (S.SUBMITTED, D(2025, 3, 1)),
        (S.APPROVED, D(2025, 6, 1)),
        (S.ONGOING, D(2025, 9, 1)),
        (S.COMPLETED, D(2027, 8, 31)),
    ]:
        project_change_status(project=idea, to=to, on=on, by=contact, note=f"to {to}")
    changes = list(
        idea.status_changes.order_by("on").values_list(
            "from_status", "to_status", "on", "by", "note"
        )
    )
    assert changes[0] == ("idea", "in_preparation", D(2025, 1, 10), contact.pk, "to in_preparation")
    assert [c[1] for c in changes] == [
        "in_preparation",
        "submitted",
        "approved",
        "ongoing",
        "completed",
    ]
    idea.refresh_from_db()
    # The pipeline fills in dates nobody had entered.
    assert (idea.submitted_on, idea.start_date, idea.end_date) == (
        D(2025, 3, 1),
        D(2025, 9, 1),
        D(2027, 8, 31),
    )


@pytest.mark.django_db
def test_a_status_change_cannot_be_dated_before_the_previous_one(idea):
    project_change_status(project=idea, to=S.IN_PREPARATION, on=D(2025, 5, 1), by=None)
    with pytest.raises(ValidationError) as caught:
        project_change_status(project=idea, to=S.SUBMITTED, on=D(2025, 4, 1), by=None)
    assert "on" in caught.value.message_dict


@pytest.mark.django_db
def test_creating_records_the_first_status(municipality, department, contact):
    project = project_create(
        municipality=municipality,
        by=contact,
        title="New",
        lead_department=department,
        status=S.IN_PREPARATION,
    )
    change = project.status_changes.get()
    assert (change.from_status, change.to_status, change.by) == ("", S.IN_PREPARATION, contact)


@pytest.mark.django_db
def test_a_contact_may_not_name_another_department_as_lead(
    municipality, department, other_department, contact
):
    # The access layer decides (the views ask it before the service is called).
    with pytest.raises(PermissionDenied):
        require_lead_department(access(contact, municipality), other_department)
    require_lead_department(access(contact, municipality), department)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields,field",
    [
        ({"start_date": D(2025, 1, 2), "end_date": D(2025, 1, 1)}, "end_date"),
        ({"total_budget": Decimal("100"), "grant": Decimal("100.01")}, "grant"),
        (
            {"total_budget": Decimal("100"), "municipality_budget": Decimal("101")},
            "municipality_budget",
        ),
        ({"grant": Decimal("-1")}, "grant"),
        ({"total_budget": Decimal("-0.01")}, "total_budget"),
        ({"co_financing": Decimal("-5")}, "co_financing"),
        ({"currency": "USD"}, "currency"),
    ],
)
def test_bad_values_are_refused_at_their_field_and_nothing_is_saved(
    municipality, department, coordinator, fields, field
):
    with pytest.raises(ValidationError) as caught:
        project_create(
            municipality=municipality,
            by=coordinator,
            title="X",
            lead_department=department,
            **fields,
        )
    assert field in caught.value.message_dict
    assert not Project.objects.exists()
    assert not ProjectStatusChange.objects.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_grant_above_the_total_budget_even_without_the_service(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(grant=Decimal("999999999"))


@pytest.mark.django_db
def test_a_stale_edit_is_refused_and_names_the_conflict(project, coordinator, municipality):
    version = project.version
    project_update(project=project, by=coordinator, expected_version=version, acronym="FIRST")
    stale = Project.objects.get(pk=project.pk)
    with pytest.raises(EditConflict):
        project_update(project=stale, by=coordinator, expected_version=version, acronym="SECOND")
    project.refresh_from_db()
    assert project.acronym == "FIRST"


@pytest.mark.django_db
def test_a_status_change_bumps_the_version_so_an_open_edit_form_is_warned(
    project, coordinator, municipality
):
    version = project.version
    project_change_status(project=project, to=S.COMPLETED, on=D(2026, 12, 31), by=coordinator)
    with pytest.raises(EditConflict):
        project_update(
            project=Project.objects.get(pk=project.pk),
            by=coordinator,
            expected_version=version,
            acronym="X",
        )


# ---- currency totals ----


@pytest.mark.django_db
def test_totals_convert_through_the_base_currency_and_name_the_rates(municipality):
    ExchangeRate.objects.create(
        municipality=municipality, year=2024, currency="EUR", rate=Decimal("11.5")
    )
    ExchangeRate.objects.create(
        municipality=municipality, year=2024, currency="NOK", rate=Decimal("1.0")
    )
    ExchangeRate.objects.create(
        municipality=municipality, year=2025, currency="EUR", rate=Decimal("11.0")
    )
    rows = [
        (Decimal("1000.00"), "EUR", 2024),
        (Decimal("500.00"), "SEK", 2024),
        (Decimal("200.00"), "NOK", 2024),
        (Decimal("10.00"), "EUR", 2025),
    ]
    total = convert_total(municipality=municipality, rows=rows, currency="SEK")
    assert total.amount == Decimal("11500.00") + Decimal("500.00") + Decimal("200.00") + Decimal(
        "110.00"
    )
    assert isinstance(total.amount, Decimal)
    assert total.rates_list == [
        (2024, "EUR", Decimal("11.5")),
        (2024, "NOK", Decimal("1.0")),
        (2025, "EUR", Decimal("11.0")),
    ]
    assert total.missing_list == []


@pytest.mark.django_db
def test_totals_in_a_foreign_currency_divide_by_its_rate(municipality):
    ExchangeRate.objects.create(
        municipality=municipality, year=2024, currency="EUR", rate=Decimal("11.5")
    )
    total = convert_total(
        municipality=municipality,
        currency="EUR",
        rows=[(Decimal("115.00"), "SEK", 2024), (Decimal("3.00"), "EUR", 2024)],
    )
    assert total.amount == Decimal("13.00")
    assert total.rates_list == [(2024, "EUR", Decimal("11.5"))]


@pytest.mark.django_db
def test_amounts_without_a_rate_are_left_out_and_named(municipality):
    total = convert_total(
        municipality=municipality,
        currency="SEK",
        rows=[(Decimal("100.00"), "EUR", 2023), (Decimal("7.00"), "SEK", 2023)],
    )
    assert total.amount == Decimal("7.00")
    assert total.missing_list == [(2023, "EUR")]
