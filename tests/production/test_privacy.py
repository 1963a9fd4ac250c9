"""GDPR: export of one person, anonymisation everywhere (history included), retention."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.utils import timezone

from intlstrategy import privacy
from intlstrategy.models import AnonymisationRecord, Department, Membership, User
from tests.factories import PASSWORD


@pytest.fixture
def person(department):
    from tests.factories import DepartmentContactFactory

    user = DepartmentContactFactory(
        department=department,
        username="anna.lind",
        first_name="Anna",
        last_name="Lindqvist",
        email="anna.lindqvist@vaxjo.se",
    )
    User.objects.filter(pk=user.pk).update(phone="+46 470 123 45")
    user.refresh_from_db()
    return user


def all_text(model) -> str:
    """Every value of every row of a table (and so of its history table) as one string."""
    return json.dumps(list(model._base_manager.values()), default=str)


def dump_everything() -> str:
    return "\n".join(
        all_text(m)
        for m in apps.get_models()
        if m._meta.label not in {"intlstrategy.AnonymisationRecord"}
    )


def export(username) -> dict:
    out = StringIO()
    call_command("export_person", "--user", username, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def department_name_is_personal(monkeypatch, department):
    """A translated, historicised field declared personal: proves language columns and
    history rows are covered (the apps' real ones, e.g. a contact person, work the same)."""
    monkeypatch.setitem(
        privacy.PERSONAL_DATA,
        "intlstrategy.Department",
        privacy.PersonalFields(fields=("name",), match=lambda user: Q(slug="utbildning")),
    )
    department.name_sv = "Annas förvaltning"
    department.name_nb = "Annas forvaltning"
    department.name_en = "Anna's department"
    department.save()
    department.name_sv = "Anna Lindqvists förvaltning"
    department.save()
    return department


@pytest.mark.django_db
def test_export_contains_the_person_their_roles_and_history(person, department, coordinator):
    membership = Membership.objects.get(user=person)
    membership.departments.add(department)
    data = export("anna.lind")
    user_rows = data["personal_data"]["intlstrategy.User"]
    assert user_rows[0]["email"] == "anna.lindqvist@vaxjo.se"
    assert user_rows[0]["phone"] == "+46 470 123 45"
    assert "password" in user_rows[0]  # the hash is theirs too; it is not a secret to them
    assert data["linked_rows"]["intlstrategy.Membership.user"][0]["role"] == "department_contact"
    history = data["linked_rows"]["intlstrategy.HistoricalMembership.user"]
    assert history and all(row["user"] == person.pk for row in history)
    # Nothing about other people.
    assert coordinator.email not in json.dumps(data)


@pytest.mark.django_db
def test_export_includes_changes_the_person_made_and_login_records(client, person, department):
    client.post("/en/accounts/login/", {"username": "anna.lind", "password": "wrong-one-123"})
    client.force_login(person)
    department.name_sv = "Ändrad av Anna"
    department._history_user = person
    department.save()
    data = export("anna.lind")
    changes = data["linked_rows"]["intlstrategy.HistoricalDepartment.history_user"]
    assert any(row["name_sv"] == "Ändrad av Anna" for row in changes)
    assert data["login_records"]["axes.AccessAttempt"][0]["username"] == "anna.lind"


@pytest.mark.django_db
def test_export_to_a_file(person, tmp_path):
    target = tmp_path / "anna.json"
    call_command("export_person", "--user", "anna.lind", "--output", str(target), stderr=StringIO())
    assert json.loads(target.read_text())["user"]["username"] == "anna.lind"


@pytest.mark.django_db
def test_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="No user with the user name 'nobody'"):
        call_command("export_person", "--user", "nobody")


@pytest.mark.django_db
def test_export_covers_translated_columns_and_history_of_registered_models(
    person, department_name_is_personal
):
    data = export("anna.lind")
    current = data["personal_data"]["intlstrategy.Department"]
    assert current[0]["name_nb"] == "Annas forvaltning"
    history = data["personal_data"]["intlstrategy.HistoricalDepartment"]
    assert {row["name_sv"] for row in history} >= {
        "Annas förvaltning",
        "Anna Lindqvists förvaltning",
    }


@pytest.mark.django_db
def test_anonymise_removes_name_email_phone_everywhere_history_included(
    client, person, coordinator, department_name_is_personal
):
    client.post("/en/accounts/login/", {"username": "anna.lind", "password": "wrong-one-123"})
    client.post("/en/accounts/login/", {"username": "anna.lind", "password": PASSWORD})
    assert "_auth_user_id" in client.session
    before = dump_everything()
    for secret in (
        "Lindqvist",
        "anna.lindqvist@vaxjo.se",
        "+46 470 123 45",
        "Annas forvaltning",
        "Anna's department",
        "anna.lind",
    ):
        assert secret in before, secret

    call_command(
        "anonymise_person",
        "--user",
        "anna.lind",
        "--yes",
        "--reason",
        "case 2026/17",
        stdout=StringIO(),
    )

    after = dump_everything()
    for secret in (
        "Lindqvist",
        "anna.lindqvist@vaxjo.se",
        "+46 470 123 45",
        "Annas förvaltning",
        "Annas forvaltning",
        "Anna's department",
        "Anna Lindqvists förvaltning",
        '"anna.lind"',
    ):
        assert secret not in after, secret
    person.refresh_from_db()
    assert not person.is_active and not person.has_usable_password()
    assert person.username == f"anonymised-{person.pk}"
    # Other people are untouched; the person's roles (not personal data) stay.
    coordinator.refresh_from_db()
    assert coordinator.email and coordinator.last_name
    assert Membership.objects.filter(user=person).exists()
    # The person is logged out everywhere and their login records are gone.
    assert not AccessAttempt.objects.exists()
    assert client.get("/en/vaxjo/dashboard/").status_code == 302
    # What happened is recorded, without the personal data.
    record = AnonymisationRecord.objects.get()
    assert record.user_id_reference == person.pk and record.reason == "case 2026/17"
    assert record.rows_changed["intlstrategy.User"] == 1
    assert record.rows_changed["intlstrategy.HistoricalDepartment"] >= 2
    assert "Lindqvist" not in json.dumps(record.rows_changed)


@pytest.mark.django_db
def test_anonymise_then_export_shows_nothing_personal(person):
    call_command("anonymise_person", "--user", "anna.lind", "--yes", stdout=StringIO())
    data = export(f"anonymised-{person.pk}")
    text = json.dumps(data)
    assert "Lindqvist" not in text and "vaxjo.se" not in text


@pytest.mark.django_db
def test_anonymise_asks_for_confirmation(person, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("anonymise_person", "--user", "anna.lind")
    person.refresh_from_db()
    assert person.last_name == "Lindqvist"
    assert not AnonymisationRecord.objects.exists()


@pytest.mark.django_db
def test_purge_history_deletes_only_rows_older_than_the_retention(department, settings):
    department.name_sv = "Ny"
    department.save()
    old = department.history.earliest("history_date")
    Department.history.filter(pk=old.pk).update(history_date=timezone.now() - timedelta(days=400))
    recent = Department.history.exclude(pk=old.pk).count()
    out = StringIO()
    call_command("purge_history", "--older-than-days", "365", stdout=out)
    assert not Department.history.filter(pk=old.pk).exists()
    assert Department.history.count() == recent
    assert "Deleted 1 history rows" in out.getvalue()


@pytest.mark.django_db
def test_purge_history_defaults_to_the_configured_retention(department, settings):
    settings.HISTORY_RETENTION_DAYS = 30
    Department.history.update(history_date=timezone.now() - timedelta(days=31))
    call_command("purge_history", stdout=StringIO())
    assert not Department.history.exists()


@pytest.mark.django_db
def test_purge_history_covers_many_to_many_history(contact):
    membership = Membership.objects.get(user=contact)
    membership.save()  # a history row with its departments
    through = apps.get_model("intlstrategy", "HistoricalMembership_departments")
    assert through.objects.exists()
    Membership.history.update(history_date=timezone.now() - timedelta(days=5000))
    call_command("purge_history", stdout=StringIO())
    assert not Membership.history.exists() and not through.objects.exists()


def test_every_field_that_looks_personal_is_registered():
    """A new field such as ContactPerson.email must be declared in intlstrategy/privacy.py
    (or on the model with PERSONAL_DATA_FIELDS), or listed in privacy.NOT_PERSONAL."""
    registered = {
        model: set(privacy.columns(model, entry.fields))
        for model, entry in privacy.registry().items()
    }
    for model in list(registered):
        history = privacy.history_model_of(model)
        if history is not None:
            registered[history] = registered[model]
    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in {
            "intlstrategy",
            "strategies",
            "partners",
            "projects",
            "reporting",
        }:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation or not privacy.LOOKS_PERSONAL.search(field.name):
                continue
            base = model.instance_type if privacy.is_historical(model) else model
            label = f"{base._meta.label}.{field.name}"
            if field.name in registered.get(model, set()) or label in privacy.NOT_PERSONAL:
                continue
            missing.append(label)
    assert missing == [], "personal fields not in intlstrategy/privacy.py: " + ", ".join(missing)


def test_the_registry_names_only_fields_that_exist():
    for model, entry in privacy.registry().items():
        names = {f.name for f in model._meta.concrete_fields}
        for base in entry.fields:
            assert privacy.columns(model, [base]), f"{model._meta.label}.{base} does not exist"
        for extra in (entry.email_field, entry.user_field):
            assert extra is None or extra in names, f"{model._meta.label}.{extra}"


@pytest.mark.django_db
def test_anonymise_reaches_the_apps_personal_data(
    person, municipality, department, other_department
):
    from partners.models import ContactPerson, Representation
    from reporting.models import ReminderSent
    from tests.partners.factories import ContactFactory, RelationFactory, RepresentationFactory
    from tests.reporting.factories import make_round

    relation = RelationFactory(municipality=municipality)
    mine = ContactFactory(
        relation=relation, name="Anna L.", email="Anna.Lindqvist@vaxjo.se", phone="+46 1"
    )
    theirs = ContactFactory(relation=relation, name="Greta Geheim", email="greta@example.org")
    mine.phone = "+46 2"
    mine.save()
    representation = RepresentationFactory(
        membership__municipality=municipality, person_name="Anna Lindqvist"
    )
    round = make_round(municipality, [department, other_department])
    reminder = ReminderSent.objects.create(
        round=round,
        department=department,
        kind=ReminderSent._meta.get_field("kind").choices[0][0],
        recipients="greta@example.org, anna.lindqvist@vaxjo.se",
    )

    exported = json.dumps(export("anna.lind"))
    assert "+46 2" in exported and "Anna Lindqvist" in exported
    assert "greta@example.org, " in exported

    call_command("anonymise_person", "--user", "anna.lind", "--yes", stdout=StringIO())
    mine.refresh_from_db()
    assert (mine.name, mine.email, mine.phone) == ("anonymised", "", "")
    assert not ContactPerson.objects.filter(
        Q(phone__in=["+46 1", "+46 2"]) | Q(name="Anna L.")
    ).exists()
    theirs.refresh_from_db()
    assert theirs.email == "greta@example.org" and theirs.name == "Greta Geheim"
    representation.refresh_from_db()
    assert representation.person_name == "anonymised"
    if hasattr(Representation, "history"):
        assert not Representation.history.filter(person_name="Anna Lindqvist").exists()
    reminder.refresh_from_db()
    assert reminder.recipients == "greta@example.org, anonymised"
