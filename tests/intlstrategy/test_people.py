"""People in the portal: the coordinator invites, changes roles and removes people."""

import re
import time

import pytest
from django.core import mail, signing
from django.test import Client

from intlstrategy import people
from intlstrategy.models import Membership, Role, User
from tests.factories import PASSWORD, CoordinatorFactory, DepartmentFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/en/vaxjo/people/"
INVITE = "/en/vaxjo/people/invite/"
LINK = re.compile(r"https?://[^\s]+/accounts/invitation/[^\s/]+/")
NEW_PASSWORD = "Rektangel-Kompass-91"


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def _invite(client, **data):
    fields = {
        "email": "Anna.Berg@Vaxjo.se",
        "first_name": "Anna",
        "last_name": "Berg",
        "language": "sv",
        "role": Role.DEPARTMENT_CONTACT,
    }
    fields.update(data)
    return client.post(INVITE, fields)


def _link(message) -> str:
    return LINK.search(message.body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_it_invites_a_contact_who_sets_a_password_logs_in_and_lands_on_the_dashboard(
    as_coordinator, department, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(as_coordinator, departments=[department.pk])
    assert response.status_code == 302
    user = User.objects.get(email="anna.berg@vaxjo.se")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).departments.get() == department

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna.berg@vaxjo.se"]
    assert "Inbjudan" in message.subject  # in the invitee's language (Swedish)
    link = _path(_link(message))
    assert link.startswith("/sv/accounts/invitation/")

    invitee = Client()
    page = invitee.get(link)
    assert page.status_code == 200
    done = invitee.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    landed = invitee.get(done["Location"], follow=True)
    assert landed.redirect_chain[-1][0] == "/sv/vaxjo/dashboard/"
    assert landed.status_code == 200

    # The password works for a normal login, and the link now is used up.
    fresh = Client()
    login = fresh.post("/en/accounts/login/", {"username": user.username, "password": NEW_PASSWORD})
    assert login.status_code == 302
    again = Client().get(link)
    assert again.status_code == 410
    assert b"already been used" in again.content or "redan" in again.content.decode()


def test_an_expired_link_is_refused_with_a_clear_page(coordinator, department, monkeypatch):
    result = people.person_invite(
        municipality=department.municipality,
        email="late@example.org",
        first_name="",
        last_name="",
        language="en",
        role=Role.COUNCIL_MEMBER,
        by=coordinator,
    )
    # A link made eight days ago (the clock of the signer only; the check is real).
    eight_days_ago = int(time.time()) - 8 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(
            signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(eight_days_ago)
        )
        token = people.invitation_token(result.user)
    response = Client().get(f"/en/accounts/invitation/{token}/")
    posted = Client().post(
        f"/en/accounts/invitation/{token}/",
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 410
    assert b"The link has expired" in response.content
    assert posted.status_code == 410
    assert not User.objects.get(pk=result.user.pk).has_usable_password()
    # A fresh link for the same account still works.
    assert (
        Client().get(f"/en/accounts/invitation/{people.invitation_token(result.user)}/").status_code
        == 200
    )


def test_a_tampered_link_is_refused(as_coordinator, coordinator):
    user = User.objects.create(username="x", email="x@example.org")
    user.set_unusable_password()
    user.save()
    token = people.invitation_token(user)
    forged = signing.TimestampSigner(salt="other").sign_object({"u": coordinator.pk, "s": "x"})
    for bad in (token[:-2] + "xx", forged, "nonsense"):
        response = Client().get(f"/en/accounts/invitation/{bad}/")
        assert response.status_code == 400
        assert b"The link is not valid" in response.content


def test_the_same_email_invited_by_two_municipalities_is_one_account_with_two_memberships(
    municipality,
    other_municipality,
    coordinator,
    foreign_coordinator,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        people.person_invite(
            municipality=municipality,
            email="Per@Example.org",
            first_name="Per",
            last_name="Ek",
            language="sv",
            role=Role.COUNCIL_MEMBER,
            by=coordinator,
        )
    user = User.objects.get(email="per@example.org")
    user.set_password(PASSWORD)
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        people.person_invite(
            municipality=other_municipality,
            email="per@EXAMPLE.org",
            first_name="Per",
            last_name="Ek",
            language="nb",
            role=Role.COORDINATOR,
            by=foreign_coordinator,
        )
    assert User.objects.filter(email__iexact="per@example.org").count() == 1
    assert set(Membership.objects.filter(user=user).values_list("municipality__slug", "role")) == {
        ("vaxjo", Role.COUNCIL_MEMBER),
        ("trondheim", Role.COORDINATOR),
    }
    # The second is a notice, not a password link; the password is untouched.
    assert len(mail.outbox) == 2
    assert "/accounts/invitation/" in mail.outbox[0].body
    assert "/accounts/invitation/" not in mail.outbox[1].body
    assert "/trondheim/dashboard/" in mail.outbox[1].body
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_the_form_explains_errors_at_the_field_and_keeps_what_was_typed(as_coordinator):
    response = as_coordinator.post(
        "/sv/vaxjo/people/invite/",
        {
            "email": "kim@example.org",
            "first_name": "Kim",
            "last_name": "Lind",
            "language": "sv",
            "role": Role.DEPARTMENT_CONTACT,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["departments"]
    assert "förvaltning" in errors["departments"][0]
    assert 'value="kim@example.org"' in response.content.decode()
    assert not User.objects.filter(email="kim@example.org").exists()


def test_a_role_change_takes_effect_on_the_next_request(as_coordinator, contact, settings):
    settings.MEMBER_PAGE_CACHE_SECONDS = 300
    theirs = Client()
    theirs.force_login(contact)
    before = theirs.get("/en/vaxjo/dashboard/")
    assert before.status_code == 200
    assert theirs.get(PEOPLE).status_code == 403
    department = Membership.objects.get(user=contact).departments.get()

    response = as_coordinator.post(
        f"/en/vaxjo/people/{contact.pk}/",
        {"roles": [Role.COORDINATOR, Role.DEPARTMENT_CONTACT], "departments": [department.pk]},
    )
    assert response.status_code == 302
    assert theirs.get(PEOPLE).status_code == 200
    after = theirs.get("/en/vaxjo/dashboard/")
    assert after.content != before.content

    as_coordinator.post(f"/en/vaxjo/people/{contact.pk}/", {"roles": [Role.COUNCIL_MEMBER]})
    assert theirs.get(PEOPLE).status_code == 403
    assert set(Membership.objects.filter(user=contact).values_list("role", flat=True)) == {
        Role.COUNCIL_MEMBER
    }


def test_a_contacts_departments_change(as_coordinator, contact, department, other_department):
    response = as_coordinator.post(
        f"/en/vaxjo/people/{contact.pk}/",
        {"roles": [Role.DEPARTMENT_CONTACT], "departments": [other_department.pk]},
    )
    assert response.status_code == 302
    assert list(Membership.objects.get(user=contact).departments.all()) == [other_department]


def test_a_removed_person_with_no_role_left_cannot_log_in(as_coordinator, contact):
    response = as_coordinator.post(f"/en/vaxjo/people/{contact.pk}/remove/")
    assert response.status_code == 302
    assert not Membership.objects.filter(user=contact).exists()
    assert not User.objects.get(pk=contact.pk).is_active
    login = Client().post(
        "/en/accounts/login/", {"username": contact.username, "password": PASSWORD}
    )
    assert login.status_code == 200  # the form again
    assert "_auth_user_id" not in login.wsgi_request.session


def test_a_person_removed_here_keeps_roles_elsewhere(as_coordinator, contact, other_municipality):
    Membership.objects.create(user=contact, municipality=other_municipality, role=Role.COORDINATOR)
    as_coordinator.post(f"/en/vaxjo/people/{contact.pk}/remove/")
    assert User.objects.get(pk=contact.pk).is_active
    assert list(
        Membership.objects.filter(user=contact).values_list("municipality__slug", flat=True)
    ) == ["trondheim"]


def test_the_last_coordinator_can_be_neither_demoted_nor_removed(as_coordinator, coordinator):
    demote = as_coordinator.post(
        f"/sv/vaxjo/people/{coordinator.pk}/", {"roles": [Role.COUNCIL_MEMBER]}
    )
    assert demote.status_code == 200
    assert "enda" in demote.context["form"].errors["roles"][0]
    remove = as_coordinator.post(f"/en/vaxjo/people/{coordinator.pk}/remove/")
    assert remove.status_code == 400
    assert b"only international coordinator" in remove.content
    assert Membership.objects.get(user=coordinator).role == Role.COORDINATOR

    second = CoordinatorFactory(municipality=coordinator.memberships.get().municipality)
    assert as_coordinator.post(f"/en/vaxjo/people/{second.pk}/remove/").status_code == 302


def test_another_municipalitys_person_is_a_404(as_coordinator, foreign_coordinator):
    for url in (
        f"/en/vaxjo/people/{foreign_coordinator.pk}/",
        f"/en/vaxjo/people/{foreign_coordinator.pk}/remove/",
    ):
        assert as_coordinator.get(url).status_code == 404
        assert as_coordinator.post(url, {"roles": [Role.COUNCIL_MEMBER]}).status_code == 404
    assert Membership.objects.get(user=foreign_coordinator).role == Role.COORDINATOR


def test_another_municipalitys_coordinator_gets_404_on_the_people_pages(
    client, foreign_coordinator, contact
):
    client.force_login(foreign_coordinator)
    for url in (PEOPLE, INVITE, f"/en/vaxjo/people/{contact.pk}/"):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["contact", "council_member"])
def test_contact_and_council_member_get_403(request, client, who, coordinator):
    client.force_login(request.getfixturevalue(who))
    for url in (PEOPLE, INVITE, f"/en/vaxjo/people/{coordinator.pk}/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/en/vaxjo/people/{coordinator.pk}/remove/").status_code == 403
    assert Membership.objects.filter(user=coordinator).exists()


def test_every_change_is_in_history_with_who(
    as_coordinator, coordinator, department, other_department
):
    _invite(as_coordinator, departments=[department.pk])
    user = User.objects.get(email="anna.berg@vaxjo.se")
    as_coordinator.post(
        f"/en/vaxjo/people/{user.pk}/",
        {"roles": [Role.DEPARTMENT_CONTACT], "departments": [other_department.pk]},
    )
    as_coordinator.post(f"/en/vaxjo/people/{user.pk}/", {"roles": [Role.COUNCIL_MEMBER]})
    as_coordinator.post(f"/en/vaxjo/people/{user.pk}/remove/")
    history = Membership.history.filter(user_id=user.pk).order_by("history_date", "history_id")
    kinds = [(row.role, row.history_type) for row in history]
    assert ("department_contact", "+") in kinds
    assert ("department_contact", "~") in kinds  # the departments changed
    assert ("department_contact", "-") in kinds
    assert ("council_member", "+") in kinds
    assert ("council_member", "-") in kinds
    assert all(row.history_user_id == coordinator.pk for row in history)
    changed = [row for row in history if row.history_type == "~"]
    assert {d.department_id for d in changed[-1].departments.all()} == {other_department.pk}


def test_the_people_page_names_departments_without_a_contact(as_coordinator, contact, municipality):
    lonely = DepartmentFactory(municipality=municipality, slug="kultur")
    page = as_coordinator.get(PEOPLE).content.decode()
    assert "Invite or name a contact person for Department kultur" in page
    assert f"?role=department_contact&amp;department={lonely.pk}" in page
    form = as_coordinator.get(f"{INVITE}?role=department_contact&department={lonely.pk}")
    assert form.context["form"].initial["role"] == Role.DEPARTMENT_CONTACT

    Membership.objects.get(user=contact).departments.add(lonely)
    assert "Every department has a contact person." in as_coordinator.get(PEOPLE).content.decode()


def test_a_new_invitation_can_be_sent_to_someone_who_has_no_password_yet(
    as_coordinator, council_member, department, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(as_coordinator, departments=[department.pk], language="en")
    user = User.objects.get(email="anna.berg@vaxjo.se")
    edit = as_coordinator.get(f"/en/vaxjo/people/{user.pk}/").content.decode()
    assert "Send the invitation again" in edit
    with django_capture_on_commit_callbacks(execute=True):
        response = as_coordinator.post(f"/en/vaxjo/people/{user.pk}/reinvite/", follow=True)
    assert "A new invitation was sent to anna.berg@vaxjo.se." in response.content.decode()
    assert len(mail.outbox) == 2
    assert Client().get(_path(_link(mail.outbox[1]))).status_code == 200

    # Someone who has a password is told so, and gets no link.
    with django_capture_on_commit_callbacks(execute=True):
        refused = as_coordinator.post(
            f"/en/vaxjo/people/{council_member.pk}/reinvite/", follow=True
        )
    assert "has already chosen a password" in refused.content.decode()
    assert len(mail.outbox) == 2


def test_a_coordinator_who_gives_up_coordinating_is_sent_to_the_dashboard(
    as_coordinator, coordinator, municipality
):
    CoordinatorFactory(municipality=municipality)
    response = as_coordinator.post(
        f"/en/vaxjo/people/{coordinator.pk}/", {"roles": [Role.COUNCIL_MEMBER]}
    )
    assert response["Location"] == "/en/vaxjo/dashboard/"
    assert as_coordinator.get(PEOPLE).status_code == 403


def test_the_people_page_runs_a_fixed_number_of_queries(as_coordinator, municipality):
    from tests.factories import CouncilMemberFactory, DepartmentContactFactory
    from tests.querycount import assert_constant_queries

    def grow():
        department = DepartmentFactory(municipality=municipality)
        DepartmentContactFactory(department=department)
        DepartmentFactory(municipality=municipality)  # one without a contact
        CouncilMemberFactory(municipality=municipality)

    assert_constant_queries(as_coordinator, PEOPLE, grow)
