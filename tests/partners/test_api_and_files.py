"""Open data without personal data; agreement files checked by content, served to members."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from partners import services
from partners.models import Agreement, Category
from tests.partners.factories import (
    ConsulateFactory,
    ForumParticipantFactory,
    MembershipFactory,
    RepresentationFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PERSONAL = [
    "Greta Geheim",
    "greta.geheim",
    "+46 70 123 45 67",
    "Ragnar Representant",
    "Claude Konsul",
    "Rita Representant",
    "CONFIDENTIAL-ASSESSMENT",
    "Study visit",
]


@pytest.fixture
def everything(full_relation, municipality, coordinator):
    services.relation_change_category(
        relation=full_relation, to_category=Category.DORMANT, reason="No activity", by=coordinator
    )
    membership = MembershipFactory(municipality=municipality)
    RepresentationFactory(membership=membership)
    ConsulateFactory(municipality=municipality)
    ForumParticipantFactory(municipality=municipality)
    return full_relation


def api(municipality, endpoint):
    return f"/api/v1/municipalities/{municipality.slug}/{endpoint}/"


def test_twin_towns_json_has_category_and_history(client, everything, municipality):
    data = client.get(api(municipality, "twin-towns") + "?lang=en").json()["results"]
    assert len(data) == 1
    item = data[0]
    assert item["city"] == "Kaunas" and item["country"] == "LT"
    assert item["category"] == "dormant"
    assert [(h["from_category"], h["to_category"]) for h in item["category_history"]] == [
        ("", "project_agreement"),
        ("project_agreement", "dormant"),
    ]


def test_twin_towns_csv(client, everything, municipality):
    response = client.get(api(municipality, "twin-towns") + "?format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert rows[0]["city"] == "Kaunas" and rows[0]["category"] == "dormant"


@pytest.mark.parametrize("endpoint", ["twin-towns", "networks"])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_exports_contain_no_personal_data(
    client, everything, municipality, coordinator, endpoint, fmt
):
    body = client.get(api(municipality, endpoint) + f"?format={fmt}").getvalue().decode()
    assert body.strip()
    for secret in PERSONAL + [coordinator.username, coordinator.email]:
        assert secret not in body
    for field in ("email", "phone", "contact", "representative", "consul", "recorded_by"):
        assert field not in body


def test_networks_json(client, everything, municipality):
    data = client.get(api(municipality, "networks")).json()["results"]
    assert data[0]["value_note"] == "Climate cooperation" and data[0]["currency"] == "EUR"


def test_unknown_municipality_is_404(client, db):
    assert client.get("/api/v1/municipalities/nowhere/twin-towns/").status_code == 404


def test_schema_has_the_endpoints(client, db):
    schema = client.get("/api/v1/schema/?format=json").content.decode()
    assert "/twin-towns/" in schema and "/networks/" in schema


# --- Agreement files ---------------------------------------------------------------------


def agreement_url(municipality, relation, name="agreement_create", **kwargs):
    with translation.override("en"):
        return reverse(
            f"partners:{name}",
            kwargs={"municipality": municipality.slug, "pk": relation.pk, **kwargs},
        )


def test_coordinator_uploads_a_pdf_and_members_download_it(
    client, relation, municipality, coordinator, council_member
):
    client.force_login(coordinator)
    response = client.post(
        agreement_url(municipality, relation),
        {
            "title": "Agreement 2024",
            "signed_on": "2024-01-01",
            "file": SimpleUploadedFile("agreement.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.file_size == len(PDF)
    assert not agreement.file.name.endswith("agreement.pdf")  # our own random name
    client.force_login(council_member)
    download = client.get(
        agreement_url(municipality, relation, "agreement_file", agreement=agreement.pk)
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF


def test_agreement_files_are_not_public_nor_for_other_municipalities(
    client, relation, municipality, coordinator, foreign_coordinator
):
    client.force_login(coordinator)
    client.post(
        agreement_url(municipality, relation),
        {"title": "A", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    agreement = Agreement.objects.get()
    file_url = agreement_url(municipality, relation, "agreement_file", agreement=agreement.pk)
    client.logout()
    assert client.get(file_url).status_code == 302  # to the login page
    client.force_login(foreign_coordinator)
    assert client.get(file_url).status_code == 404


def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(
    client, relation, municipality, coordinator
):
    client.force_login(coordinator)
    response = client.post(
        agreement_url(municipality, relation),
        {
            "title": "Fake",
            "file": SimpleUploadedFile(
                "fake.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
            ),
        },
    )
    assert response.status_code == 400
    errors = [str(e) for e in response.context["form"].errors["file"]]
    assert errors == [
        "This file is not a PDF document. Save or export it as PDF and upload it again."
    ]
    assert 'value="Fake"' in response.content.decode()
    assert not Agreement.objects.exists()


def test_an_oversized_file_is_refused(client, relation, municipality, coordinator, settings):
    settings.MAX_ATTACHMENT_BYTES = 100
    client.force_login(coordinator)
    response = client.post(
        agreement_url(municipality, relation),
        {"title": "Big", "file": SimpleUploadedFile("big.pdf", PDF + b"x" * 200)},
    )
    assert response.status_code == 400
    message = str(response.context["form"].errors["file"][0])
    assert "the largest file accepted is 100" in message
    assert not Agreement.objects.exists()


def test_the_validator_is_reusable(settings):
    from django.core.exceptions import ValidationError

    from partners.files import validate_pdf_upload

    validate_pdf_upload(SimpleUploadedFile("x.bin", PDF))  # name does not matter
    with pytest.raises(ValidationError):
        validate_pdf_upload(SimpleUploadedFile("x.pdf", b"hello"))
    with pytest.raises(ValidationError):
        validate_pdf_upload(SimpleUploadedFile("x.pdf", PDF), max_bytes=5)


def test_dashboard_json_script_is_valid_for_the_map(client, relation, municipality):
    with translation.override("en"):
        map_url = reverse("partners:relation_map", kwargs={"municipality": municipality.slug})
    html = client.get(map_url).content.decode()
    start = html.index('id="relations-data"')
    payload = html[html.index(">", start) + 1 : html.index("</script>", start)]
    data = json.loads(payload)
    assert data[0]["city"] == "Kaunas" and data[0]["category"] == "project_agreement"
    assert 'data-tile-url="' in html
