"""A department contact registers an application and moves it to approved, in Swedish
and in English, with axe checks on every page visited."""

import pytest

from projects.models import Project
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import DepartmentContactFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "sv": {
        "register": "Registrera ett projekt eller en ansökan",
        "save": "Spara",
        "change": "Ändra status",
        "approved": "beviljad",
        "required": "Detta fält måste fyllas i",
        "projects": "Projekt och ansökningar",
    },
    "en": {
        "register": "Register a project or application",
        "save": "Save",
        "change": "Change status",
        "approved": "approved",
        "required": "This field is required",
        "projects": "Projects and applications",
    },
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_contact_registers_an_application_and_moves_it_to_approved(
    page, live_server, municipality, department, language
):
    t = TEXT[language]
    contact = DepartmentContactFactory(department=department, preferred_language=language)
    base = f"{live_server.url}/{language}/{municipality.slug}"
    log_in(page, live_server, contact.username, language=language)

    page.goto(f"{base}/projects/")
    assert page.get_by_role("heading", level=1).inner_text() == t["projects"]
    assert_accessible(page, context=f"register {language}")

    page.get_by_role("link", name=t["register"]).click()
    assert_accessible(page, context=f"new project form {language}")

    # Submitting with the title missing and the end before the start: explained, input kept.
    page.fill("#id_acronym", "KLIMAT")
    page.fill("#id_start_date", "2026-03-01")
    page.fill("#id_end_date", "2026-02-01")
    page.get_by_role("button", name=t["save"], exact=True).click()
    assert page.locator(".form-errors").is_visible()
    assert page.locator("#id_acronym").input_value() == "KLIMAT"
    assert page.locator("#id_title_sv").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_end_date").get_attribute("aria-invalid") == "true"
    assert_accessible(page, context=f"form with errors {language}")
    assert not Project.objects.exists()

    page.fill("#id_title_sv", "Klimatsmarta skolkök")
    page.fill("#id_title_en", "Climate-smart school kitchens")
    page.fill("#id_end_date", "2027-12-31")
    page.select_option("#id_lead_department", str(department.pk))
    page.select_option("#id_status", "in_preparation")
    page.select_option("#id_programme", index=0)
    page.fill("#id_total_budget", "250000")
    page.fill("#id_grant", "200000")
    page.get_by_role("button", name=t["save"], exact=True).click()
    page.wait_for_load_state()
    project = Project.objects.get()
    assert page.url.endswith(f"/projects/{project.pk}/")
    assert_accessible(page, context=f"project page {language}")

    for status, date in (("submitted", "2026-01-15"), ("approved", "2026-02-20")):
        page.select_option("#id_to", status)
        page.fill("#id_on", date)
        page.get_by_role("button", name=t["change"]).click()
        page.wait_for_load_state()
        assert_accessible(page, context=f"after {status} {language}")

    project.refresh_from_db()
    assert project.status == "approved" and str(project.submitted_on) == "2026-01-15"
    assert page.locator(".badge", has_text=t["approved"]).first.is_visible()
    assert page.locator(".timeline li").count() == 3

    for path in ("year/2026/", "pipeline/", "charts/"):
        page.goto(f"{base}/projects/{path}")
        assert_accessible(page, context=f"{path} {language}")
    page.goto(f"{base}/projects/year/2026/")
    assert page.get_by_role(
        "link", name="Klimatsmarta skolkök" if language == "sv" else "Climate-smart school kitchens"
    ).is_visible()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_coordinator_pages_are_accessible(
    page, live_server, municipality, department, coordinator, language, tmp_path
):
    from projects.demo import load as load_catalogue

    load_catalogue()  # the real programme catalogue (municipality is not demo: no projects)
    coordinator.preferred_language = language
    coordinator.save()
    base = f"{live_server.url}/{language}/{municipality.slug}"
    log_in(page, live_server, coordinator.username, language=language)
    for path in (
        "funding/",
        "funding/programmes/new/",
        "funding/calls/new/",
        "funding/exchange-rates/",
        "projects/import/",
    ):
        page.goto(f"{base}/{path}")
        assert_accessible(page, context=f"{path} {language}")
    # An import with a bad row: the problems are listed in a table, nothing is saved.
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"title,status,lead_department,currency\nX,idea,{department.slug},USD\n", encoding="utf-8"
    )
    page.set_input_files("#id_file", str(bad))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("table.import-errors tbody tr").count() == 1
    assert_accessible(page, context=f"import errors {language}")
    assert not Project.objects.exists()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_call_list_follows_the_chosen_programme(
    page, live_server, municipality, department, language
):
    from tests.projects.factories import CallFactory, ProgrammeFactory

    erasmus = ProgrammeFactory(name="Erasmus+", short_name="Erasmus+")
    interreg = ProgrammeFactory(name="Interreg Aurora", short_name="Aurora")
    CallFactory(programme=erasmus, identifier="KA1-2026", title="Mobility")
    CallFactory(programme=erasmus, identifier="KA2-2026", title="Partnerships")
    aurora = CallFactory(programme=interreg, identifier="AUR-4", title="Fourth call")
    contact = DepartmentContactFactory(department=department, preferred_language=language)
    log_in(page, live_server, contact.username, language=language)
    page.goto(f"{live_server.url}/{language}/{municipality.slug}/projects/new/")

    def offered():
        return page.locator("#id_call option:not(:disabled)").evaluate_all(
            "options => options.filter(o => o.value).map(o => o.text)"
        )

    # Without a programme, every call, grouped under its programme.
    assert len(offered()) == 3
    assert page.locator("#id_call optgroup").evaluate_all("gs => gs.map(g => g.label)") == [
        "Erasmus+",
        "Aurora",
    ]
    page.select_option("#id_call", str(aurora.pk))
    page.select_option("#id_programme", str(erasmus.pk))
    assert offered() == ["KA1-2026 – Mobility", "KA2-2026 – Partnerships"]
    assert page.locator("#id_call").input_value() == ""  # the other programme's call let go
    assert_accessible(page, context=f"calls of one programme {language}")
