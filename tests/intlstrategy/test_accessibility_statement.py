"""The accessibility statement each municipality publishes, as Swedish and Norwegian law
require, and the coordinator's page for keeping it up to date."""

import datetime

import pytest
from django.core.management import call_command

from intlstrategy.models import AccessibilityStatement, AssessmentMethod, Compliance
from tests.factories import CoordinatorFactory, CouncilMemberFactory

pytestmark = pytest.mark.django_db

SE_LAW = "lag (2018:1937) om tillgänglighet till digital offentlig service"
NO_REGULATION = (
    "forskrift om universell utforming av informasjons- og "
    "kommunikasjonsteknologiske (IKT)-løsninger"
)
UUSTATUS = "https://uustatus.no/nb/erklaringer/publisert/69cf735a-1935-4f52-850f-add4550ca0a0"


def page(client, municipality, language, suffix=""):
    response = client.get(f"/{language}/{municipality.slug}/accessibility/{suffix}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def swedish_statement(municipality):
    return AccessibilityStatement.objects.create(
        municipality=municipality,
        compliance=Compliance.PARTIAL,
        feedback_email="tillganglighet@vaxjo.example",
        feedback_phone="0470-41 00 00",
        assessment_method=AssessmentMethod.THIRD_PARTY,
        assessed_by="Funka AB",
        assessed_on=datetime.date(2026, 10, 15),
        prepared_on=datetime.date(2026, 9, 1),
        published_on=datetime.date(2026, 8, 17),
        response_days=5,
        shortcomings_sv="Inskannade vänortsavtal saknar text.",
        shortcomings_en="Scanned twin-town agreements have no text.",
    )


@pytest.fixture
def norwegian_statement(other_municipality):
    return AccessibilityStatement.objects.create(
        municipality=other_municipality,
        compliance=Compliance.NOT,
        feedback_email="uu@trondheim.example",
        uustatus_url=UUSTATUS,
        assessed_on=datetime.date(2026, 3, 2),
        prepared_on=datetime.date(2026, 3, 2),
    )


# --- What the public reads ------------------------------------------------------------

SE_EXPECTED = {
    "sv": [
        "Tillgänglighetsredogörelse",
        "delvis förenlig",
        "15 oktober 2026",
        "1 september 2026",
        "granskning av extern part (Funka AB)",
        "Inskannade vänortsavtal saknar text.",
        "Myndigheten för digital förvaltning",
    ],
    "nb": [
        "Tilgjengelighetserklæring",
        "delvis i samsvar",
        "15. oktober 2026",
        "den svenske loven om tilgjengelighet til digitale offentlige tjenester",
        "vurdering av en ekstern part (Funka AB)",
    ],
    "en": [
        "Accessibility statement",
        "partially compliant",
        "Oct. 15, 2026",
        "the Swedish Act on accessibility to digital public services",
        "an assessment by a third party (Funka AB)",
        "Scanned twin-town agreements have no text.",
    ],
}


@pytest.mark.parametrize("language", ["sv", "nb", "en"])
def test_swedish_municipality_gets_the_statement_the_swedish_law_asks_for(
    client, municipality, swedish_statement, language
):
    html = page(client, municipality, language)
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert 'href="mailto:tillganglighet@vaxjo.example"' in html
    assert 'href="tel:0470-410000"' in html
    # The law keeps its Swedish name; in another language it is marked as Swedish.
    if language == "sv":
        assert SE_LAW in html and '<span lang="sv">' not in html
    else:
        assert f'<span lang="sv">{SE_LAW}</span>' in html
    assert "EN 301 549" in html and "WCAG 2.1" in html
    for text in SE_EXPECTED[language]:
        assert text in html, text
    # Nothing of the Norwegian statement.
    assert "uustatus.no" not in html and "uutilsynet" not in html


NO_EXPECTED = {
    "nb": [
        "Tilgjengelighetserklæring",
        "ikke i samsvar",
        "2. mars 2026",
        "egenvurdering",
        "Tilsynet for universell utforming av ikt, som er en del av",
        "Diskrimineringsnemnda",
    ],
    "sv": [
        "Tillgänglighetsredogörelse",
        "inte förenlig",
        "2 mars 2026",
        "självskattning",
        "den norska förordningen om universell utformning av IKT-lösningar",
    ],
    "en": [
        "Accessibility statement",
        "not in accordance",
        "March 2, 2026",
        "self-assessment",
        "The Norwegian Authority for Universal Design of ICT",
        "the Norwegian Anti-Discrimination Tribunal",
    ],
}


@pytest.mark.parametrize("language", ["nb", "sv", "en"])
def test_norwegian_municipality_links_its_uustatus_declaration_and_the_authorities(
    client, other_municipality, norwegian_statement, language
):
    html = page(client, other_municipality, language)
    assert f'href="{UUSTATUS}"' in html
    assert 'href="https://www.uutilsynet.no/"' in html
    assert 'href="https://www.diskrimineringsnemnda.no/"' in html
    assert 'href="mailto:uu@trondheim.example"' in html
    if language == "nb":
        assert NO_REGULATION in html and '<span lang="nb">' not in html
    else:
        assert f'<span lang="nb">{NO_REGULATION}</span>' in html
    assert "47" in html and "WCAG 2.1" in html
    for text in NO_EXPECTED[language]:
        assert text in html, text
    assert "digg.se" not in html


def test_the_portal_states_honestly_how_it_was_tested(client, municipality, swedish_statement):
    html = page(client, municipality, "en")
    assert "axe" in html and "Chromium" in html
    assert "keyboard alone and with screen readers has not yet been audited" in html
    assert "PDF/UA-1" in html


def test_without_a_statement_the_public_sees_no_placeholders_and_nothing_is_written(
    client, municipality
):
    html = page(client, municipality, "sv")
    assert "har ännu inte publicerat någon kontaktuppgift" in html
    assert "Inte ifyllt än" not in html and "accessibility/edit/" not in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert not AccessibilityStatement.objects.exists()


def test_coordinator_sees_what_is_still_missing(client, coordinator, municipality):
    client.force_login(coordinator)
    html = page(client, municipality, "sv")
    assert "Inte ifyllt än" in html
    assert "En e-postadress, ett telefonnummer eller ett webbformulär" in html
    assert "Datum för den senaste bedömningen" in html
    assert "/sv/vaxjo/accessibility/edit/" in html


def test_norwegian_coordinator_is_told_the_uustatus_link_is_missing(
    client, foreign_coordinator, other_municipality
):
    AccessibilityStatement.objects.create(
        municipality=other_municipality,
        feedback_email="uu@trondheim.example",
        assessed_on=datetime.date(2026, 3, 2),
    )
    client.force_login(foreign_coordinator)
    html = page(client, other_municipality, "nb")
    assert "Adressen til erklæringen deres på uustatus.no" in html
    assert "Ikke fylt ut ennå" in html


def test_a_complete_statement_shows_no_missing_note(
    client, coordinator, municipality, swedish_statement
):
    client.force_login(coordinator)
    html = page(client, municipality, "en")
    assert "Not yet provided" not in html and "Complete" in html


def test_the_known_gaps_are_listed_by_criterion_and_norway_counts_the_criteria_met(
    client, municipality, other_municipality, swedish_statement, norwegian_statement
):
    from intlstrategy.accessibility import KNOWN_GAPS, NO_CRITERIA

    criteria = {number for number, _name, _text in KNOWN_GAPS}
    assert criteria and NO_CRITERIA == 47
    for place, language in ((municipality, "en"), (other_municipality, "en")):
        html = page(client, place, language)
        for number, name, _text in KNOWN_GAPS:
            assert f"<strong>{number} {name}:</strong>" in html
        # Nothing is claimed that is not true: no PDF/UA conformance, fallbacks not marked
        # one by one.
        assert "are tagged PDF (PDF/UA-1)" not in html
        assert "marked as such" not in html
    html = page(client, other_municipality, "nb")
    assert f"{47 - len(criteria)} av de 47 suksesskriteriene" in html


def test_swedish_statement_gives_the_response_time_and_the_publication_date(
    client, coordinator, municipality, swedish_statement
):
    html = page(client, municipality, "sv")
    assert "Vi svarar inom 5 arbetsdagar." in html
    assert "17 augusti 2026" in html
    swedish_statement.response_days = None
    swedish_statement.published_on = None
    swedish_statement.save()
    client.force_login(coordinator)
    html = page(client, municipality, "sv")
    assert "Hur många arbetsdagar det tar att svara på synpunkter" in html
    assert "Datum då portalen publicerades" in html


@pytest.mark.parametrize("path", ["", "accounts/login/", "accounts/password_reset/"])
def test_pages_outside_a_municipality_link_to_the_accessibility_page(client, municipality, path):
    html = client.get(f"/en/{path}").content.decode()
    assert 'href="/en/accessibility/"' in html
    overview = client.get("/en/accessibility/").content.decode()
    assert f'href="/en/{municipality.slug}/accessibility/"' in overview
    assert "3.1.2 Language of Parts:" in overview


def test_every_page_of_the_municipality_links_to_the_statement(client, municipality):
    html = client.get(f"/sv/{municipality.slug}/").content.decode()
    assert f'href="/sv/{municipality.slug}/accessibility/"' in html


# --- The coordinator keeps it up to date ----------------------------------------------


def form_data(**overrides):
    data = {
        "compliance": "partial",
        "assessment_method": "self",
        "assessed_by": "",
        "assessed_on": "2026-11-20",
        "prepared_on": "",
        "published_on": "2026-08-17",
        "response_days": "5",
        "feedback_email": "tillganglighet@vaxjo.example",
        "feedback_phone": "0470-41 00 00",
        "feedback_url": "",
        "uustatus_url": "",
        "shortcomings_sv": "Äldre avtal är inskannade.",
        "shortcomings_nb": "",
        "shortcomings_en": "",
        "disproportionate_burden_sv": "",
        "disproportionate_burden_nb": "",
        "disproportionate_burden_en": "",
        "outside_scope_sv": "",
        "outside_scope_nb": "",
        "outside_scope_en": "",
        "expected_version": "0",
    }
    data.update(overrides)
    return data


def test_coordinator_writes_the_first_statement_and_history_records_who(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    assert "Redigera tillgänglighetsredogörelsen" in page(client, municipality, "sv", "edit/")
    response = client.post("/sv/vaxjo/accessibility/edit/", form_data())
    assert response.status_code == 302 and response["Location"] == "/sv/vaxjo/accessibility/"
    statement = AccessibilityStatement.objects.get(municipality=municipality)
    assert statement.feedback_email == "tillganglighet@vaxjo.example"
    assert statement.assessed_on == datetime.date(2026, 11, 20)
    assert statement.prepared_on is not None  # set on the first save
    assert statement.history.get().history_user == coordinator
    html = page(client, municipality, "sv")
    assert "Äldre avtal är inskannade." in html and "20 november 2026" in html


def test_coordinator_changes_the_statement_and_the_version_moves_on(
    client, coordinator, municipality, swedish_statement
):
    client.force_login(coordinator)
    data = form_data(
        compliance="full",
        assessment_method="self",
        assessed_by="Funka AB",
        expected_version=str(swedish_statement.version),
    )
    assert client.post("/en/vaxjo/accessibility/edit/", data).status_code == 302
    swedish_statement.refresh_from_db()
    assert swedish_statement.compliance == "full"
    assert swedish_statement.assessed_by == ""  # a self-assessment names no third party
    assert swedish_statement.version == 2
    assert swedish_statement.prepared_on == datetime.date(2026, 9, 1)  # kept
    assert "The portal is fully compliant with" in page(client, municipality, "en")


def test_a_third_party_assessment_must_name_the_organisation(client, coordinator, municipality):
    client.force_login(coordinator)
    response = client.post(
        "/sv/vaxjo/accessibility/edit/",
        form_data(assessment_method="third_party", shortcomings_sv="Min text finns kvar"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ange vilken organisation som granskade portalen." in html
    assert 'id="id_assessed_by_error"' in html
    assert "Min text finns kvar" in html
    assert not AccessibilityStatement.objects.exists()


def test_a_persons_own_email_is_refused_with_a_message_at_the_field(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    response = client.post(
        "/sv/vaxjo/accessibility/edit/", form_data(feedback_email=coordinator.email.upper())
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Använd en funktionsadress" in html and 'id="id_feedback_email_error"' in html
    assert f'value="{coordinator.email.upper()}"' in html
    assert not AccessibilityStatement.objects.exists()


def test_norwegian_uustatus_address_must_be_on_uustatus_no(
    client, foreign_coordinator, other_municipality
):
    client.force_login(foreign_coordinator)
    response = client.post(
        "/nb/trondheim/accessibility/edit/",
        form_data(uustatus_url="https://example.com/erklaering"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Oppgi adressen til den publiserte erklæringen deres på uustatus.no" in html
    assert 'id="id_uustatus_url_error"' in html and "https://example.com/erklaering" in html
    response = client.post("/nb/trondheim/accessibility/edit/", form_data(uustatus_url=UUSTATUS))
    assert response.status_code == 302
    assert AccessibilityStatement.objects.get().uustatus_url == UUSTATUS


def test_swedish_statement_has_no_uustatus_field_and_ignores_one_posted(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    assert "uustatus_url" not in page(client, municipality, "en", "edit/")
    client.post("/en/vaxjo/accessibility/edit/", form_data(uustatus_url=UUSTATUS))
    assert AccessibilityStatement.objects.get().uustatus_url == ""


def test_extra_fields_cannot_move_the_statement_to_another_municipality(
    client, coordinator, municipality, other_municipality
):
    client.force_login(coordinator)
    client.post(
        "/en/vaxjo/accessibility/edit/",
        form_data(municipality=str(other_municipality.pk), version="99"),
    )
    statement = AccessibilityStatement.objects.get()
    assert statement.municipality == municipality and statement.version == 1


def test_two_coordinators_editing_at_once_do_not_overwrite_each_other(
    client, coordinator, municipality, swedish_statement
):
    other = CoordinatorFactory(municipality=municipality, first_name="Karin", last_name="Berg")
    client.force_login(other)
    version = str(swedish_statement.version)
    assert (
        client.post(
            "/sv/vaxjo/accessibility/edit/", form_data(expected_version=version)
        ).status_code
        == 302
    )
    client.force_login(coordinator)
    response = client.post(
        "/sv/vaxjo/accessibility/edit/",
        form_data(expected_version=version, shortcomings_sv="Mitt utkast"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Karin Berg sparade detta" in html and "Mitt utkast" in html
    swedish_statement.refresh_from_db()
    assert swedish_statement.shortcomings_sv == "Äldre avtal är inskannade."


def test_two_first_saves_do_not_overwrite_each_other(client, coordinator, municipality):
    client.force_login(coordinator)
    assert client.post("/sv/vaxjo/accessibility/edit/", form_data()).status_code == 302
    response = client.post(
        "/sv/vaxjo/accessibility/edit/", form_data(shortcomings_sv="Ett annat utkast")
    )
    assert response.status_code == 200
    assert "Ett annat utkast" in response.content.decode()
    assert AccessibilityStatement.objects.get().shortcomings_sv == "Äldre avtal är inskannade."


@pytest.mark.parametrize("who", ["contact", "council_member"])
def test_other_roles_may_not_edit_and_their_post_changes_nothing(
    client, request, who, municipality, swedish_statement
):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/en/vaxjo/accessibility/edit/").status_code == 403
    response = client.post(
        "/en/vaxjo/accessibility/edit/", form_data(compliance="full", expected_version="1")
    )
    assert response.status_code == 403
    swedish_statement.refresh_from_db()
    assert swedish_statement.compliance == "partial" and swedish_statement.version == 1
    assert swedish_statement.history.count() == 1
    # …and they see the statement without the coordinator's notes.
    assert "For coordinators" not in page(client, municipality, "en")


def test_coordinator_of_another_municipality_gets_404(
    client, foreign_coordinator, municipality, swedish_statement
):
    client.force_login(foreign_coordinator)
    assert client.get("/en/vaxjo/accessibility/edit/").status_code == 404
    assert (
        client.post(
            "/en/vaxjo/accessibility/edit/", form_data(compliance="full", expected_version="1")
        ).status_code
        == 404
    )
    swedish_statement.refresh_from_db()
    assert swedish_statement.compliance == "partial"


def test_anonymous_is_sent_to_login(client, municipality):
    response = client.post("/en/vaxjo/accessibility/edit/", form_data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AccessibilityStatement.objects.exists()


def test_statement_page_runs_a_fixed_number_of_queries(
    client, municipality, swedish_statement, django_assert_max_num_queries
):
    council = CouncilMemberFactory(municipality=municipality)
    client.force_login(council)
    # 9, and on a members' page cache miss the municipality and the user read again.
    with django_assert_max_num_queries(11) as captured:
        page(client, municipality, "sv")
    statement_queries = [
        q for q in captured.captured_queries if "intlstrategy_accessibilitystatement" in q["sql"]
    ]
    assert len(statement_queries) == 1


# --- Demo data ------------------------------------------------------------------------


def test_demo_statements_are_filled_in_and_loading_twice_changes_nothing():
    call_command("load_demo", "--quiet-logins")
    statements = AccessibilityStatement.objects.select_related("municipality")
    assert statements.count() == 6
    for statement in statements:
        assert statement.has_feedback_channel and statement.assessed_on
        assert statement.feedback_email.endswith("@example.org")
    trondheim = statements.get(municipality__slug="trondheim")
    assert trondheim.uustatus_url.startswith("https://uustatus.no/")
    history = AccessibilityStatement.history.count()
    call_command("load_demo", "--quiet-logins")
    assert AccessibilityStatement.history.count() == history


def test_dashboard_tells_the_coordinator_until_the_statement_is_complete(
    client, coordinator, contact, municipality
):
    client.force_login(coordinator)
    html = client.get("/en/vaxjo/dashboard/").content.decode()
    assert "/en/vaxjo/accessibility/edit/" in html and "Not yet provided" in html
    client.force_login(contact)
    edit = "/en/vaxjo/accessibility/edit/"
    assert edit not in client.get("/en/vaxjo/dashboard/").content.decode()
    client.force_login(coordinator)
    client.post(edit, form_data())
    assert edit not in client.get("/en/vaxjo/dashboard/").content.decode()


def test_service_refuses_fields_that_are_not_editable(municipality, coordinator):
    from intlstrategy.accessibility import accessibility_statement_update

    with pytest.raises(TypeError):
        accessibility_statement_update(
            municipality=municipality, by=coordinator, expected_version=0, version=99
        )
    assert not AccessibilityStatement.objects.exists()


def test_statement_without_a_first_date_shows_only_the_last_update(client, municipality):
    AccessibilityStatement.objects.create(municipality=municipality)
    html = page(client, municipality, "sv")
    assert "Redogörelsen uppdaterades senast den" in html and "upprättades" not in html


def test_anonymous_visitors_see_a_saved_change_despite_the_page_cache(
    client, coordinator, municipality, swedish_statement
):
    from django.test import Client

    anonymous = Client()
    first = anonymous.get("/sv/vaxjo/accessibility/")
    assert "tillganglighet@vaxjo.example" in first.content.decode()
    client.force_login(coordinator)
    client.post(
        "/sv/vaxjo/accessibility/edit/",
        form_data(feedback_email="ny.adress@vaxjo.example", expected_version="1"),
    )
    html = anonymous.get("/sv/vaxjo/accessibility/").content.decode()
    assert "ny.adress@vaxjo.example" in html and "tillganglighet@vaxjo.example" not in html


def test_municipality_of_another_country_gets_the_directives_wording(client):
    from tests.factories import MunicipalityFactory

    aarhus = MunicipalityFactory(slug="aarhus", country="DK", default_language="en")
    coordinator = CoordinatorFactory(municipality=aarhus)
    html = page(client, aarhus, "en")
    assert "Directive (EU) 2016/2102" in html
    assert "digg.se" not in html and "uutilsynet" not in html
    client.force_login(coordinator)
    assert "national wording only for Sweden and Norway" in page(client, aarhus, "en")


@pytest.mark.parametrize("version", ["", None])
def test_a_save_that_does_not_say_its_version_is_refused_and_keeps_the_text(
    client, coordinator, municipality, swedish_statement, version
):
    # A POST without `expected_version` (forged, truncated, or from an old page) used to
    # skip the check and overwrite a colleague's save; it is refused like a conflict.
    client.force_login(coordinator)
    data = form_data(shortcomings_sv="Mitt utkast")
    if version is None:
        del data["expected_version"]
    else:
        data["expected_version"] = version
    response = client.post("/sv/vaxjo/accessibility/edit/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dina ändringar sparades inte: formuläret angav inte vilken version" in html
    assert "Mitt utkast" in html
    swedish_statement.refresh_from_db()
    assert swedish_statement.shortcomings_sv == "Inskannade vänortsavtal saknar text."
    assert swedish_statement.version == 1


def test_after_a_conflict_the_colleagues_text_is_shown_beside_mine_and_the_merge_saves(
    client, coordinator, municipality, swedish_statement
):
    colleague = CoordinatorFactory(municipality=municipality, first_name="Karin", last_name="Berg")
    version = str(swedish_statement.version)
    client.force_login(colleague)
    theirs = form_data(expected_version=version, shortcomings_sv="Kartan saknar textalternativ.")
    assert client.post("/sv/vaxjo/accessibility/edit/", theirs).status_code == 302

    client.force_login(coordinator)
    mine = form_data(expected_version=version, shortcomings_sv="Äldre avtal saknar text.")
    response = client.post("/sv/vaxjo/accessibility/edit/", mine)
    assert response.status_code == 200
    form = response.context["form"]
    [row] = form.merge  # only the field the colleague changed
    assert row.field.name == "shortcomings_sv"
    assert row.theirs == "Kartan saknar textalternativ."
    assert "<del>Kartan</del>" in row.diff and "<ins>Äldre avtal</ins>" in row.diff
    html = response.content.decode()
    assert "Vad Karin Berg sparade" in html
    assert "Kartan saknar textalternativ." in html and "Äldre avtal saknar text." in html
    # The form now carries the version just shown: merging and saving goes through.
    assert form["expected_version"].value() == swedish_statement.version + 1
    merged = dict(mine, shortcomings_sv="Kartan saknar textalternativ. Äldre avtal saknar text.")
    merged["expected_version"] = str(form["expected_version"].value())
    assert client.post("/sv/vaxjo/accessibility/edit/", merged).status_code == 302
    swedish_statement.refresh_from_db()
    assert swedish_statement.shortcomings_sv == (
        "Kartan saknar textalternativ. Äldre avtal saknar text."
    )
    assert swedish_statement.history.first().history_user == coordinator


def test_a_field_only_i_changed_is_kept_and_not_offered_for_merging(
    client, coordinator, municipality, swedish_statement
):
    colleague = CoordinatorFactory(municipality=municipality)
    version = str(swedish_statement.version)
    client.force_login(colleague)
    client.post(
        "/sv/vaxjo/accessibility/edit/",
        form_data(
            expected_version=version,
            feedback_phone="0470-99 99 99",
            shortcomings_sv=swedish_statement.shortcomings_sv,
        ),
    )
    client.force_login(coordinator)
    response = client.post(
        "/sv/vaxjo/accessibility/edit/",
        form_data(expected_version=version, shortcomings_sv="Mitt nya utkast"),
    )
    names = [row.field.name for row in response.context["form"].merge]
    assert names == ["feedback_phone"]
