"""The council follow-up: real WeasyPrint output read back with pdftotext."""

import datetime
import http.server
import re
import signal
import subprocess
import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from intlstrategy.pdf import html_to_pdf
from partners.models import Category, Relation
from projects.models import ProjectStatus
from reporting import services, tasks
from reporting.models import (
    ActivityKind,
    FollowUpDocument,
    FollowUpStatus,
    TravelMode,
)
from strategies.models import IndicatorStatus
from tests.factories import DepartmentFactory
from tests.reporting.conftest import complete
from tests.reporting.factories import ProjectFactory, make_round, programme
from tests.strategies.factories import ActionPlanFactory, IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def en_url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"reporting:{name}", kwargs=kwargs)


def pdf_text(data: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


def approved_report(round, department, goal_areas, **extra):
    report = services.report_start(round=round, department=department)
    complete(report, goal_areas)
    for name, value in extra.items():
        if name == "trips":
            for trip in value:
                services.trip_add(report=report, **trip)
    services.report_submit(report=report, expected_version=report.version)
    return services.report_approve(report=report)


@pytest.fixture
def year_of_work(municipality, department, other_department, goal_areas):
    """Two departments with approved reports, a third that never reported."""
    interreg = programme("Interreg Aurora")
    ProjectFactory(
        municipality=municipality,
        lead_department=department,
        title="Baltic Schools",
        programme=interreg,
        grant=Decimal("250000"),
    )
    ProjectFactory(
        municipality=municipality,
        lead_department=other_department,
        title="Care Bridge",
        status=ProjectStatus.SUBMITTED,
        start_date=None,
        end_date=None,
        submitted_on=datetime.date(2025, 9, 1),
    )
    Relation.objects.create(
        municipality=municipality, city="Kaunas", country="LT", category=Category.POLITICAL_FOCUS
    )
    Relation.objects.create(
        municipality=municipality, city="Duluth", country="US", category=Category.DORMANT
    )
    plan = ActionPlanFactory(document=goal_areas[0].document, start_year=2023, end_year=2027)
    IndicatorValueFactory(
        indicator=IndicatorFactory(action_plan=plan, baseline=2, target=10), value=12, year=2025
    )
    IndicatorValueFactory(
        indicator=IndicatorFactory(action_plan=plan, baseline=2, target=10), value=1, year=2025
    )
    silent = DepartmentFactory(
        municipality=municipality, slug="tyst", name_sv="Tysta förvaltningen"
    )
    round = make_round(municipality, [department, other_department, silent])
    approved_report(
        round,
        department,
        goal_areas,
        trips=[
            {
                "destination": "Bryssel",
                "mode": TravelMode.FLIGHT,
                "distance_km": Decimal(2600),
                "compensated": True,
            },
            {"destination": "Oslo", "mode": TravelMode.TRAIN, "distance_km": Decimal(900)},
        ],
    )
    approved_report(
        round,
        other_department,
        goal_areas,
        trips=[
            {"destination": "Riga", "mode": TravelMode.FLIGHT, "distance_km": Decimal(1000)},
        ],
    )
    return round


def generate(client, municipality, language, capture, **data):
    with translation.override(language):
        url = reverse("reporting:followup_list", kwargs={"municipality": municipality.slug})
    with capture(execute=True):
        response = client.post(
            url,
            {
                "period": "year",
                "year": "2025",
                "languages": [language],
                "summary": "Ett bra år.",
                **data,
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return FollowUpDocument.objects.latest("pk")


def download(client, document):
    url = reverse(
        "reporting:followup_pdf",
        kwargs={"municipality": document.municipality.slug, "pk": document.pk},
    )
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_followup_in_swedish_names_each_department_and_the_key_figures(
    client,
    coordinator,
    municipality,
    department,
    other_department,
    year_of_work,
    django_capture_on_commit_callbacks,
):
    client.force_login(coordinator)
    document = generate(client, municipality, "sv", django_capture_on_commit_callbacks)
    assert document.status == FollowUpStatus.READY
    data = download(client, document)
    text = pdf_text(data)
    for name in (department.name_sv, other_department.name_sv):
        assert name in text
    assert "Uppföljning av den internationella\nstrategin" in text
    assert "Nyckeltal" in text and "Innehåll" in text
    with translation.override("sv"):
        submitted = str(ProjectStatus.SUBMITTED.label)
    assert "Projekt och ansökningar per status" in text and submitted in text
    assert "Interreg Aurora (EUR)" in text and "250" in text
    assert "Vänorter per kategori" in text
    assert "Förvaltningar med godkänd rapport" in text and "Klimatkompenserade flygresor" in text
    assert "Flygresor och klimatkompensation" in text
    assert "Ej med (ingen godkänd rapport): Tysta förvaltningen" in text
    assert "Ett bra år." in text
    indicators = text.split("Handlingsplanens indikatorer per status")[-1]
    with translation.override("sv"):
        on_track, off_track = (
            str(IndicatorStatus.ON_TRACK.label),
            str(IndicatorStatus.OFF_TRACK.label),
        )
    assert re.search(rf"{on_track}\s+1\n", indicators) and re.search(
        rf"{off_track}\s+1\n", indicators
    )
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True).stdout.decode()
    assert "Tagged:          yes" in info
    assert "Uppföljning av den internationella strategin 2025" in info


def test_followup_in_norwegian_is_written_in_norwegian(
    client, coordinator, municipality, department, year_of_work, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    text = pdf_text(
        download(client, generate(client, municipality, "nb", django_capture_on_commit_callbacks))
    )
    assert "Nøkkeltall" in text and "Flyreiser og klimakompensasjon" in text
    assert department.name_nb in text
    assert "Nyckeltal" not in text


def test_every_generation_is_kept_and_downloadable(
    client, coordinator, municipality, year_of_work, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    first = generate(client, municipality, "sv", django_capture_on_commit_callbacks)
    second = generate(client, municipality, "en", django_capture_on_commit_callbacks)
    assert first.pk != second.pk
    assert "Key figures" in pdf_text(download(client, second))
    assert "Nyckeltal" in pdf_text(download(client, first))


def test_term_of_office_rolls_up_four_years(
    municipality, department, other_department, goal_areas, year_of_work
):
    later = make_round(municipality, [department], year=2026)
    approved_report(later, department, goal_areas)
    text = pdf_text(
        services.followup_pdf(
            municipality=municipality, years=[2025, 2026, 2027, 2028], language="en"
        )
    )
    assert "Term of office 2025–2028" in text
    section = text.split(department.name_en)[-1]
    assert "2025" in section and "2026" in section


def test_council_member_may_download_but_not_generate(
    client,
    council_member,
    coordinator,
    municipality,
    year_of_work,
    django_capture_on_commit_callbacks,
):
    client.force_login(coordinator)
    document = generate(client, municipality, "sv", django_capture_on_commit_callbacks)
    client.force_login(council_member)
    assert download(client, document).startswith(b"%PDF")
    url = reverse("reporting:followup_list", kwargs={"municipality": municipality.slug})
    data = {"period": "year", "year": "2025", "languages": ["sv"]}
    assert client.post(url, data).status_code == 403
    assert FollowUpDocument.objects.count() == 1


def test_another_municipalitys_follow_up_is_not_found(client, foreign_coordinator, municipality):
    document = FollowUpDocument.objects.create(municipality=municipality, year=2025, language="sv")
    client.force_login(foreign_coordinator)
    url = reverse(
        "reporting:followup_pdf", kwargs={"municipality": municipality.slug, "pk": document.pk}
    )
    assert client.get(url).status_code == 404
    url = reverse("reporting:followup_pdf", kwargs={"municipality": "trondheim", "pk": document.pk})
    assert client.get(url).status_code == 404


def test_a_render_that_died_is_shown_as_failed_and_can_be_retried(
    client, coordinator, municipality, settings, django_capture_on_commit_callbacks
):
    document = FollowUpDocument.objects.create(
        municipality=municipality,
        year=2025,
        language="en",
        status=FollowUpStatus.RENDERING,
        started_at=timezone.now()
        - datetime.timedelta(seconds=settings.PDF_RENDER_TIME_LIMIT + 600),
    )
    client.force_login(coordinator)
    url = en_url("followup_detail", municipality=municipality.slug, pk=document.pk)
    body = client.get(url).content.decode()
    assert "failed" in body and "interrupted" in body and "Try again" in body
    retry = en_url("followup_retry", municipality=municipality.slug, pk=document.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry)
    document.refresh_from_db()
    assert document.status == FollowUpStatus.READY and document.file


def test_a_queued_follow_up_that_never_started_is_shown_as_failed_and_can_be_retried(
    client, coordinator, municipality, settings, django_capture_on_commit_callbacks
):
    """The message to the worker was lost (a broker restart): not "queued" forever."""
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.PDF_RENDER_TIME_LIMIT + 600)
    document = FollowUpDocument.objects.create(
        municipality=municipality, year=2025, language="en", queued_at=long_ago
    )
    assert document.status == FollowUpStatus.QUEUED
    client.force_login(coordinator)
    url = en_url("followup_detail", municipality=municipality.slug, pk=document.pk)
    body = client.get(url).content.decode()
    assert "failed" in body and "never started" in body and "Try again" in body
    assert "hx-trigger" not in body  # no polling of a render nobody will make
    retry = en_url("followup_retry", municipality=municipality.slug, pk=document.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry)
    document.refresh_from_db()
    assert document.status == FollowUpStatus.READY and document.file
    assert document.queued_at > long_ago


def test_a_freshly_queued_follow_up_waits_and_the_page_polls(client, coordinator, municipality):
    document = FollowUpDocument.objects.create(
        municipality=municipality, year=2025, language="en", queued_at=timezone.now()
    )
    client.force_login(coordinator)
    url = en_url("followup_detail", municipality=municipality.slug, pk=document.pk)
    body = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in body and "Waiting for its turn" in body


def test_a_fresh_render_is_still_rendering_and_the_page_polls(client, coordinator, municipality):
    document = FollowUpDocument.objects.create(
        municipality=municipality,
        year=2025,
        language="en",
        status=FollowUpStatus.RENDERING,
        started_at=timezone.now(),
    )
    client.force_login(coordinator)
    url = en_url("followup_detail", municipality=municipality.slug, pk=document.pk)
    body = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in body and "rendering" in body and "<html" not in body


def test_a_failing_render_records_the_reason(municipality, monkeypatch):
    document = FollowUpDocument.objects.create(municipality=municipality, year=2025, language="sv")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("intlstrategy.pdf.html_to_pdf", broken)
    assert tasks.render_followup_task(document.pk) == FollowUpStatus.FAILED
    document.refresh_from_db()
    assert (
        "disk full" in document.failure_reason
        and "PDF-filen kunde inte skapas" in document.failure_reason
    )


@pytest.fixture
def soft_time_limit():
    """A real soft time limit, as the worker's pool applies it: a timer signal raises
    SoftTimeLimitExceeded in whatever the render is doing when the time is up."""
    from celery.exceptions import SoftTimeLimitExceeded

    def rendering(frame) -> bool:
        while frame is not None:
            if frame.f_code.co_name in ("followup_pdf", "followup_files"):
                return True
            frame = frame.f_back
        return False

    def time_is_up(signum, frame):
        # Ticks go on until the test ends; only one inside the render step raises, and
        # another follows in case it is swallowed (raised in a finalizer or a library's
        # broad except): the render is to be stopped, not delayed.
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        if rendering(frame):
            raise SoftTimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, time_is_up)

    def start(seconds):
        signal.setitimer(signal.ITIMER_REAL, seconds)

    yield start
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def test_a_render_stopped_at_the_time_limit_says_so_in_plain_words(
    client, coordinator, municipality, soft_time_limit
):
    from reporting.models import SUMMARY_MAX_LENGTH

    # The longest summary allowed: a render of seconds, well past the 0.3 s limit here.
    summary = ("Ett långt stycke om året som gick. " * 600)[:SUMMARY_MAX_LENGTH]
    document = FollowUpDocument.objects.create(
        municipality=municipality, year=2025, language="sv", summary=summary
    )
    soft_time_limit(0.3)
    assert tasks.render_followup_task(document.pk) == FollowUpStatus.FAILED
    document.refresh_from_db()
    assert document.status == FollowUpStatus.FAILED and not document.file
    assert "SoftTimeLimitExceeded" not in document.failure_reason
    assert document.failure_reason.startswith("Det tog för lång tid att skapa uppföljningen")
    client.force_login(coordinator)
    url = en_url("followup_detail", municipality=municipality.slug, pk=document.pk)
    body = client.get(url).content.decode()
    assert "för lång tid" in body and "Try again" in body


def test_rendering_task_is_idempotent(municipality):
    document = FollowUpDocument.objects.create(municipality=municipality, year=2025, language="en")
    tasks.render_followup_task(document.pk)
    document.refresh_from_db()
    name = document.file.name
    assert tasks.render_followup_task(document.pk) == FollowUpStatus.READY
    document.refresh_from_db()
    assert document.file.name == name


def test_render_followup_command_writes_the_same_pdf(
    tmp_path, municipality, department, year_of_work
):
    output = tmp_path / "followup.pdf"
    call_command(
        "render_followup", municipality=municipality.slug, year=2025, lang="sv", output=str(output)
    )
    assert department.name_sv in pdf_text(output.read_bytes())


# --- safety: user text is escaped, and the fetcher reaches nothing ---------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list = []

    def do_GET(self):  # noqa: N802
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_hostile_report_text_yields_a_pdf_without_the_file_or_the_request(
    municipality, round, department, project, goal_areas, local_server
):
    hostile = (
        f'<img src="file:///etc/passwd"> <a href="{local_server}/link">x</a> '
        f'<img src="{local_server}/img.png"> <link rel="attachment" href="file:///etc/passwd">'
    )
    report = services.report_start(round=round, department=department)
    row = report.project_rows.get()
    services.report_save(
        report=report,
        expected_version=report.version,
        comments={row.pk: hostile},
        results={goal_areas[0].pk: hostile},
        no_activities=False,
    )
    services.activity_add(
        report=report,
        kind=ActivityKind.CONFERENCE,
        date=datetime.date(2025, 2, 2),
        title=hostile[:290],
        participants=1,
    )
    services.report_submit(report=report, expected_version=report.version)
    services.report_approve(report=report)
    data = services.followup_pdf(
        municipality=municipality, years=[2025], language="en", summary=hostile
    )
    text = pdf_text(data)
    assert "root:x:0:0" not in text and b"root:x:0:0" not in data
    assert _Recorder.requests == []
    assert b"/URI" not in data  # no link annotation at all: the markup stayed text
    assert '<img src="file:///etc/passwd">' in text  # shown as the text the user typed


def test_fetcher_refuses_files_and_local_network_even_in_raw_html(local_server):
    data = html_to_pdf(
        f'<html lang="en"><head><title>t</title><link rel="stylesheet" href="{local_server}/s.css">'
        f'<link rel="attachment" href="file:///etc/passwd"></head><body><p>Hello</p>'
        f'<img src="file:///etc/passwd"><img src="{local_server}/img.png">'
        f'<img src="/static/../../../../etc/passwd"></body></html>'
    )
    assert "Hello" in pdf_text(data)
    assert b"root:x:0:0" not in data and b"passwd" not in data
    assert _Recorder.requests == []


@pytest.mark.parametrize("years", [[2025], [2025, 2026, 2027, 2028]])
def test_followup_pdf_structure_passes_the_pdf_ua_checks(
    municipality, year_of_work, years, tmp_path
):
    """An English follow-up of a Swedish municipality: headings in order (also in the term
    of office, with its year headings), no link inside a link, no leader dots, no table
    inside a chart's caption, the Swedish report texts tagged /Lang sv."""
    from tests import pdfstructure

    data = services.followup_pdf(municipality=municipality, years=years, language="en")
    elements = pdfstructure.structure(data)
    assert pdfstructure.heading_skips(elements) == []
    assert pdfstructure.count(elements, "H1") == 1
    assert pdfstructure.nested_links(elements) == 0
    assert pdfstructure.tables_in_captions(elements) == 0
    assert pdfstructure.count(elements, "Figure") >= 1
    assert "sv" in pdfstructure.own_langs(data), "the Swedish texts are read as English"
    assert not re.search(r"\.{4,}|(\. ){4,}", pdfstructure.text(data))
    tree = pdfstructure.struct_text(data, tmp_path)
    assert tree.count("Link") >= 3  # the contents: one link per entry
    nonstruct = pdfstructure.count(elements, "NonStruct")
    assert nonstruct <= len(elements) // 10, f"{nonstruct} NonStruct of {len(elements)}"
