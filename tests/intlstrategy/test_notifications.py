"""My tasks and news, the unread count, plain-text subjects, and the invitation recorded
as a notification; owner continuity on the coordinator's dashboard."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from intlstrategy import people
from intlstrategy.mail import render_email
from intlstrategy.models import Membership, Role, User
from intlstrategy.notifications.models import Kind, Notification
from intlstrategy.notifications.services import email_for, notify
from tests.factories import (
    PASSWORD,
    DepartmentContactFactory,
    DepartmentFactory,
    MunicipalityFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _news(user, municipality, n, kind=Kind.APPROVED, department=None):
    return notify(
        kind=kind,
        event=f"test{n}",
        recipients=[user],
        municipality=municipality,
        department=department,
        data={"year": 2025},
        url_name="municipality_dashboard",
        url_kwargs={"municipality": municipality.slug},
    )


def test_the_header_shows_the_unread_count_and_reading_lowers_it(
    client, contact, municipality, department
):
    first = _news(contact, municipality, 1, department=department)[0]
    _news(contact, municipality, 2, kind=Kind.RETURNED, department=department)
    client.force_login(contact)
    page = client.get("/en/vaxjo/dashboard/").content.decode()
    assert "(2 unread)" in page
    tasks = client.get("/en/my-tasks/").content.decode()
    assert "has been returned to you" in tasks and "has been approved" in tasks
    opened = client.post(f"/en/my-tasks/{first.pk}/")
    assert opened.status_code == 302 and opened["Location"] == "/en/vaxjo/dashboard/"
    assert "(1 unread)" in client.get("/en/vaxjo/dashboard/").content.decode()
    client.post("/en/my-tasks/read/")
    assert "unread)" not in client.get("/en/vaxjo/dashboard/").content.decode()
    assert not Notification.objects.unread().exists()


def test_the_unread_count_costs_one_query_whatever_the_number(
    client, contact, municipality, department, django_assert_max_num_queries
):
    client.force_login(contact)
    client.get("/en/my-tasks/")
    for n in range(3):
        _news(contact, municipality, n, department=department)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/en/my-tasks/")
    for n in range(3, 20):
        _news(contact, municipality, n, department=department)
    with CaptureQueriesContext(connection) as many:
        client.get("/en/my-tasks/")
    assert len(many) == len(few)
    counts = [q["sql"] for q in many.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1


def test_someone_elses_notification_is_a_404(client, contact, other_contact, municipality):
    theirs = _news(other_contact, municipality, 1)[0]
    client.force_login(contact)
    assert client.post(f"/en/my-tasks/{theirs.pk}/").status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_no_markup_reaches_an_email_subject(municipality, department):
    """A department named only in Swedish, read in English: `{% tr %}` marks the fallback
    with <span lang="sv">, and the name has an ampersand that HTML would escape."""
    department.name_en = ""
    department.name_sv = "Kultur & fritid"
    department.save()
    reader = DepartmentContactFactory(department=department, preferred_language="en")
    notification = notify(
        kind=Kind.ROUND_OPENED,
        event="markup",
        recipients=[reader],
        municipality=municipality,
        department=department,
        data={"year": 2026, "deadline": "2027-02-26"},
    )[0]
    subject, body = email_for(notification)
    assert subject.endswith("– Kultur & fritid")
    assert "<" not in subject and "&amp;" not in subject and "\n" not in subject
    assert "&amp;" not in body
    # … and text people typed keeps its angle brackets.
    with translation.override("en"):
        from django.template import engines

        template = engines["django"].from_string("{{ text }}")
    assert template.render({"text": "<b>"}) == "&lt;b&gt;"
    subject, _ = render_email(
        "notifications/email/returned",
        {"data": {"year": "<2025>"}, "department": department, "recipient": reader},
        "en",
    )
    assert "<2025>" in subject


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_no_kind_of_notification_puts_markup_in_its_subject(
    municipality, department, coordinator, language
):
    """Every kind, in every language, about a department named in another language only
    (a `{% tr %}` fallback) with characters HTML escapes."""
    for code in ("nb", "sv", "en"):
        setattr(department, f"name_{code}", "")
    other = {"nb": "sv", "sv": "en", "en": "nb"}[language]
    setattr(department, f"name_{other}", "Kultur & fritid <Sør>")
    department.save()
    coordinator.preferred_language = language
    coordinator.save()
    for kind in Kind.values:
        notification = notify(
            kind=kind,
            event=f"markup-{language}",
            recipients=[coordinator],
            municipality=municipality,
            department=department,
            data={"year": 2026, "deadline": "2027-02-26", "days_left": 3, "period": "2026"},
            url_name="municipality_dashboard",
            url_kwargs={"municipality": municipality.slug},
        )[0]
        subject, body = email_for(notification)
        assert "<span" not in subject and "&amp;" not in subject and "&lt;" not in subject, kind
        assert "\n" not in subject and subject == subject.strip(), kind
        assert "<span" not in body and "&amp;" not in body, kind
        if kind not in (Kind.FOLLOWUP_READY, Kind.INVITATION, Kind.DUE_SOON):
            assert "Kultur & fritid <Sør>" in subject, (kind, subject)


def test_the_invitation_is_a_notification_sent_once(
    client, coordinator, department, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/vaxjo/people/invite/",
            {
                "email": "nils@vaxjo.se",
                "first_name": "Nils",
                "last_name": "Ek",
                "language": "en",
                "role": Role.COUNCIL_MEMBER,
            },
        )
    notification = Notification.objects.get(kind=Kind.INVITATION)
    assert notification.recipient.email == "nils@vaxjo.se" and notification.emailed_at
    from intlstrategy.notifications.tasks import send_notification_email_task

    assert send_notification_email_task(notification.pk) is False  # a rerun sends nothing
    assert len(mail.outbox) == 1 and "Invitation" in mail.outbox[0].subject


def test_login_ignores_the_letter_case_of_the_email(municipality):
    user = UserFactory(username="anna.berg@vaxjo.se", email="anna.berg@vaxjo.se")
    Membership.objects.create(user=user, municipality=municipality, role=Role.COORDINATOR)
    response = Client().post(
        "/en/accounts/login/", {"username": "Anna.Berg@Vaxjo.SE", "password": PASSWORD}
    )
    assert response.status_code == 302
    other = UserFactory(username="per", email="Per.Holm@vaxjo.se")
    assert (
        Client()
        .post("/en/accounts/login/", {"username": "per.holm@VAXJO.se", "password": PASSWORD})
        .status_code
        == 302
    )
    wrong = Client().post("/en/accounts/login/", {"username": "per", "password": "nope"})
    assert wrong.status_code == 200
    assert other.pk


def test_a_deactivated_person_cannot_log_in_and_history_says_who(coordinator, contact):
    municipality = Membership.objects.get(user=contact).municipality
    assert people.person_remove(municipality=municipality, user=contact, by=coordinator)
    contact.refresh_from_db()
    assert not contact.is_active
    refused = Client().post(
        "/en/accounts/login/", {"username": contact.username, "password": PASSWORD}
    )
    assert refused.status_code == 200
    row = Membership.history.filter(user_id=contact.pk, history_type="-").get()
    assert row.history_user == coordinator
    assert row.history_change_reason == people.DEACTIVATED


def test_pending_invitations_are_listed_with_resend_and_withdraw(
    client, coordinator, department, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/vaxjo/people/invite/",
            {
                "email": "ny@vaxjo.se",
                "first_name": "Ny",
                "last_name": "Person",
                "language": "sv",
                "role": Role.DEPARTMENT_CONTACT,
                "departments": [department.pk],
            },
        )
    invited = User.objects.get(email="ny@vaxjo.se")
    page = client.get("/en/vaxjo/people/").content.decode()
    assert (
        "Invitations not yet accepted" in page and "Send the invitation to Ny Person again" in page
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/en/vaxjo/people/{invited.pk}/reinvite/", {"back": "list"})
    assert again["Location"] == "/en/vaxjo/people/"
    assert len(mail.outbox) == 2
    client.post(f"/en/vaxjo/people/{invited.pk}/remove/")  # withdraw
    invited.refresh_from_db()
    assert not invited.is_active
    assert "Everyone invited has accepted." in client.get("/en/vaxjo/people/").content.decode()


def test_the_dashboard_lists_departments_without_a_contact_and_people_who_left(
    client, coordinator, municipality, department, contact
):
    from tests.reporting.factories import make_round

    silent = DepartmentFactory(municipality=municipality, slug="kultur")
    left = DepartmentContactFactory(department=silent, first_name="Marte", last_name="Kvam")
    User.objects.filter(pk=left.pk).update(is_active=False)
    make_round(municipality, [department, silent], year=2026)
    client.force_login(coordinator)
    page = client.get("/en/vaxjo/dashboard/").content.decode()
    assert "Owners who are missing" in page
    assert "Department kultur" in page and "the contact person Marte Kvam has left" in page
    assert f"?role=department_contact&amp;department={silent.pk}" in page
    assert "/en/vaxjo/reporting/2026/kultur/" in page  # its open report has nobody
    assert "/en/vaxjo/reporting/2026/utbildning/" not in page.split("Owners who are missing")[1]
    assert f"/en/vaxjo/people/{left.pk}/remove/" in page


def test_the_continuity_panel_is_not_shown_to_contacts(client, contact, municipality):
    DepartmentFactory(municipality=municipality, slug="kultur")
    client.force_login(contact)
    assert "Owners who are missing" not in client.get("/en/vaxjo/dashboard/").content.decode()


def test_a_page_from_the_members_cache_shows_the_new_unread_count(
    client, contact, municipality, department
):
    client.force_login(contact)
    assert "unread)" not in client.get("/en/vaxjo/dashboard/").content.decode()
    client.get("/en/vaxjo/dashboard/")  # now served from the member's cached copy
    _news(contact, municipality, 1, department=department)
    assert "(1 unread)" in client.get("/en/vaxjo/dashboard/").content.decode()
    client.post("/en/my-tasks/read/")  # an update(): no signal, and yet
    assert "unread)" not in client.get("/en/vaxjo/dashboard/").content.decode()


def test_an_indicator_whose_department_has_nobody_is_on_the_continuity_list(
    client, coordinator, municipality, department, contact
):
    """Indicators name the department that reports their values; when that department
    has no contact person left, the indicator is listed with it."""
    from strategies import services as strategy_services
    from tests.strategies.factories import ActionPlanFactory, DocumentFactory

    silent = DepartmentFactory(municipality=municipality, slug="kultur")
    document = DocumentFactory(municipalities=[municipality])
    plan = ActionPlanFactory(document=document, start_year=2025, end_year=2027)
    orphan = strategy_services.indicator_create(
        action_plan=plan,
        by=coordinator,
        number=1,
        name_en="Exchange students",
        name_sv="Utbytesstudenter",
        responsible_department=silent,
    )
    strategy_services.indicator_create(
        action_plan=plan,
        by=coordinator,
        number=2,
        name_en="Partner visits",
        name_sv="Partnerbesök",
        responsible_department=department,
    )
    assert orphan.history.first().history_user == coordinator
    client.force_login(coordinator)
    panel = client.get("/en/vaxjo/dashboard/").content.decode().split("Owners who are missing")[1]
    assert "Exchange students" in panel and "Partner visits" not in panel
    other = DepartmentFactory(municipality=MunicipalityFactory(slug="oslo"), slug="x")
    with pytest.raises(ValidationError) as refused:
        strategy_services.indicator_create(
            action_plan=plan,
            by=coordinator,
            number=3,
            name_en="Elsewhere",
            responsible_department=other,
        )
    assert "responsible_department" in refused.value.message_dict
