"""The funding catalogue: portal-wide entries kept by operators, municipalities' own
additions kept by their coordinators, and saves that check the version they started from."""

import pytest
from django.core.exceptions import ValidationError

from intlstrategy.permissions import Access, roles_of
from projects import catalogue, permissions
from projects.models import Call, Funder, FundingProgramme
from tests.factories import CoordinatorFactory
from tests.projects.factories import CallFactory, FunderFactory, ProgrammeFactory
from tests.projects.test_views import form_data, url


def funder_data(funder, **overrides):
    data = {
        "name_en": funder.name_en,
        "name_sv": funder.name_sv or "",
        "name_nb": funder.name_nb or "",
        "website": funder.website,
        "expected_version": funder.version,
    }
    data.update(overrides)
    return data


@pytest.fixture
def own_funder(municipality):
    return FunderFactory(name="Växjö fund", name_en="Växjö fund", owner=municipality)


@pytest.fixture
def foreign_funder(other_municipality):
    return FunderFactory(name="Trondheim fund", name_en="Trondheim fund", owner=other_municipality)


@pytest.fixture
def operator(municipality):
    return CoordinatorFactory(municipality=municipality, is_staff=True)


@pytest.mark.django_db
def test_it_refuses_a_coordinator_editing_another_municipalitys_funder_with_404(
    client, coordinator, municipality, foreign_funder
):
    client.force_login(coordinator)
    edit = url(municipality, "funder_edit", pk=foreign_funder.pk)
    assert client.get(edit).status_code == 404
    response = client.post(edit, funder_data(foreign_funder, name_en="Renamed by Växjö"))
    assert response.status_code == 404
    foreign_funder.refresh_from_db()
    assert foreign_funder.name_en == "Trondheim fund" and foreign_funder.version == 1


@pytest.mark.django_db
def test_it_refuses_a_coordinator_editing_a_portal_wide_programme_with_403(
    client, coordinator, municipality, programme
):
    client.force_login(coordinator)
    edit = url(municipality, "programme_edit", pk=programme.pk)
    assert client.get(edit).status_code == 403
    response = client.post(
        edit,
        {
            "funder": programme.funder_id,
            "name_en": "Renamed by Växjö",
            "short_name": "X",
            "expected_version": programme.version,
        },
    )
    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.name_en == "Interreg Europe" and programme.version == 1


@pytest.mark.django_db
def test_it_refuses_editing_another_municipalitys_call_and_hides_it(
    client, coordinator, municipality, other_municipality, programme
):
    call = CallFactory(programme=programme, owner=other_municipality, title="Theirs")
    client.force_login(coordinator)
    response = client.post(
        url(municipality, "call_edit", pk=call.pk),
        {"programme": programme.pk, "identifier": "X", "title": "Ours now", "expected_version": 1},
    )
    assert response.status_code == 404
    call.refresh_from_db()
    assert call.title == "Theirs"
    assert "Theirs" not in client.get(url(municipality, "catalogue")).content.decode()


@pytest.mark.django_db
def test_the_access_layer_refuses_another_municipalitys_entry(
    coordinator, municipality, foreign_funder
):
    access = Access(coordinator, municipality, roles_of(coordinator, municipality))
    assert not permissions.can_edit_entry(access, foreign_funder)


@pytest.mark.django_db
def test_a_coordinator_edits_their_own_addition_and_the_version_goes_up(
    client, coordinator, municipality, own_funder
):
    client.force_login(coordinator)
    response = client.post(
        url(municipality, "funder_edit", pk=own_funder.pk),
        funder_data(own_funder, name_en="Växjö city fund", name_sv="Växjö stads fond"),
    )
    assert response.status_code == 302
    own_funder.refresh_from_db()
    assert (own_funder.name_en, own_funder.name_sv) == ("Växjö city fund", "Växjö stads fond")
    assert own_funder.name == "Växjö city fund" and own_funder.version == 2
    assert own_funder.history.first().history_user == coordinator


@pytest.mark.django_db
def test_an_edit_in_swedish_keeps_the_swedish_name(client, coordinator, municipality, own_funder):
    client.force_login(coordinator)
    client.post(
        url(municipality, "funder_edit", lang="sv", pk=own_funder.pk),
        funder_data(own_funder, name_en="City fund", name_sv="Stadens fond"),
    )
    own_funder.refresh_from_db()
    assert own_funder.name_sv == "Stadens fond" and own_funder.name_en == "City fund"


@pytest.mark.django_db
def test_what_a_coordinator_adds_belongs_to_their_municipality(
    client, coordinator, municipality, programme
):
    client.force_login(coordinator)
    response = client.post(
        url(municipality, "funder_create"),
        {"name_en": "Region Kronoberg", "portal_wide": "on"},  # not an operator: ignored
    )
    assert response.status_code == 302
    assert Funder.objects.get(name_en="Region Kronoberg").owner == municipality


@pytest.mark.django_db
def test_an_operator_edits_and_adds_portal_wide_entries(client, operator, municipality, programme):
    client.force_login(operator)
    response = client.post(
        url(municipality, "programme_edit", pk=programme.pk),
        {
            "funder": programme.funder_id,
            "name_en": "Interreg Europe 2021–2027",
            "short_name": "Interreg Europe",
            "expected_version": programme.version,
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name_en == "Interreg Europe 2021–2027" and programme.owner is None
    client.post(url(municipality, "funder_create"), {"name_en": "Nordplus", "portal_wide": "on"})
    assert Funder.objects.get(name_en="Nordplus").owner is None


@pytest.mark.django_db
def test_a_portal_wide_programme_cannot_hang_under_a_municipalitys_funder(
    operator, municipality, own_funder
):
    with pytest.raises(ValidationError) as refused:
        catalogue.programme_create(
            municipality=municipality,
            by=operator,
            portal_wide=True,
            funder=own_funder,
            name_en="Shared",
        )
    assert "funder" in refused.value.message_dict
    assert not FundingProgramme.objects.filter(name_en="Shared").exists()


@pytest.mark.django_db
def test_a_project_cannot_use_another_municipalitys_programme(
    client, coordinator, municipality, department, other_municipality
):
    theirs = ProgrammeFactory(owner=other_municipality, name="Trondheim's programme")
    client.force_login(coordinator)
    response = client.post(
        url(municipality, "project_create"), form_data(department, programme=theirs.pk)
    )
    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert not municipality.projects.exists()


# ---- versions: a stale save or a save without a version is refused, the text kept ----


@pytest.mark.django_db
def test_a_stale_funder_save_is_refused_and_the_typed_text_is_kept(
    client, coordinator, municipality, own_funder
):
    client.force_login(coordinator)
    edit = url(municipality, "funder_edit", pk=own_funder.pk)
    started = funder_data(own_funder)
    colleague = funder_data(own_funder, name_en="The colleague's name")
    assert client.post(edit, colleague).status_code == 302
    response = client.post(edit, {**started, "name_en": "My name"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "after you started editing" in page and 'value="My name"' in page
    own_funder.refresh_from_db()
    assert own_funder.name_en == "The colleague's name" and own_funder.version == 2


@pytest.mark.django_db
def test_a_funder_save_without_a_version_is_refused_and_the_typed_text_is_kept(
    client, coordinator, municipality, own_funder
):
    client.force_login(coordinator)
    data = funder_data(own_funder, name_en="Typed name")
    del data["expected_version"]
    response = client.post(url(municipality, "funder_edit", pk=own_funder.pk), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "did not say which version" in page and 'value="Typed name"' in page
    own_funder.refresh_from_db()
    assert own_funder.name_en == "Växjö fund" and own_funder.version == 1


@pytest.mark.django_db
def test_a_stale_call_save_is_refused(client, coordinator, municipality, programme):
    call = CallFactory(programme=programme, owner=municipality, title="First title")
    client.force_login(coordinator)
    edit = url(municipality, "call_edit", pk=call.pk)
    data = {"programme": programme.pk, "identifier": call.identifier, "expected_version": 1}
    assert client.post(edit, {**data, "title": "Colleague"}).status_code == 302
    response = client.post(edit, {**data, "title": "Mine"})
    assert response.status_code == 400 and 'value="Mine"' in response.content.decode()
    assert Call.objects.get(pk=call.pk).title == "Colleague"
