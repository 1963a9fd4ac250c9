"""The demo strategies as a municipality would publish them: unofficial translations marked
as such, fallbacks shown calmly (one notice, the text keeping its language), and the seed
documents' own words (bystyret, styrande dokument, riktlinje, orientations)."""

import re

import pytest

from intlstrategy import demo as organisation_demo
from partners import demo as partners_demo
from partners.models import ForumParticipant
from strategies import demo
from strategies.models import ActionPlan, FollowUp, StrategyDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    organisation_demo.load()
    demo.load()


def page(client, slug, language="en"):
    document = StrategyDocument.objects.get(municipalities__slug=slug, is_demo=True)
    response = client.get(f"/{language}/{slug}/strategy/{document.pk}/")
    assert response.status_code == 200, response
    return response.content.decode()


def test_the_english_trondheim_page_shows_the_unofficial_english_translation(client, loaded):
    html = page(client, "trondheim")
    assert "<h1>Big – little Trondheim in the world." in html
    assert "Unofficial English translation" in html
    assert "International contact and cooperation" in html
    assert "The City of Trondheim shall structure and develop its twin-city cooperation" in html
    assert "Give children and young people knowledge about global challenges" in html
    swedish = page(client, "trondheim", "sv")
    assert "Stora – lilla Trondheim i världen" in swedish and "Inofficiell svensk" in swedish
    assert "Unofficial" not in swedish
    norwegian = page(client, "trondheim", "nb")
    assert "Store – lille Trondheim i verden" in norwegian and "Inofficiell" not in norwegian
    vaxjo = page(client, "vaxjo")
    assert "International strategy for Växjö Municipality" in vaxjo
    assert "External funding" in vaxjo and "Unofficial English translation" in vaxjo


def test_a_page_with_fallbacks_shows_one_notice_and_no_mark_per_item(client, loaded):
    html = page(client, "trondheim")  # the measures are in Norwegian only
    assert html.count('class="notice fallback-notice"') == 1
    assert "Some texts here are not available in English and are shown in Norwegian Bokmål" in html
    assert "not translated" not in html and "untranslated-mark" not in html
    # Each fallback text keeps its language for screen readers (WCAG 3.1.2).
    assert re.search(r'<div lang="nb" class="fallback"><p>Trondheim kommune skal sammen', html)
    # The notice comes after the page heading, before the document.
    assert html.index("<h1>") < html.index("fallback-notice") < html.index('class="meta"')
    # A page read in the language it is written in has no notice.
    assert "fallback-notice" not in page(client, "trondheim", "nb")


def test_the_seed_documents_own_words(client, loaded):
    trondheim = page(client, "trondheim", "nb")
    assert "Bystyret, 28. januar 2010" in trondheim
    assert "Lagt til av bystyret 28. januar 2010" in trondheim
    assert "kommunestyret" not in trondheim
    assert "<dd>City Council (bystyret), " in page(client, "trondheim")
    vaxjo = page(client, "vaxjo", "sv")
    assert "<dd>Styrande dokument</dd>" in vaxjo
    joint = page(client, "norrkoping", "sv")
    assert "riktlinje för internationellt arbete i Norrköping" in joint
    orebro = page(client, "orebro", "sv")
    assert "Inriktningar" in orebro and "Målområden" not in orebro
    assert "Orientations" in page(client, "orebro")


def test_gavle_has_an_annual_action_plan_and_reports_to_the_executive_board(loaded):
    gavle = StrategyDocument.objects.get(municipalities__slug="gavle")
    plan = ActionPlan.objects.get(document=gavle)
    assert (plan.start_year, plan.end_year) == (2026, 2026)
    assert plan.activities.filter(responsible_department__slug="internationella-kontoret")
    assert FollowUp.objects.filter(document=gavle, body="executive_board").exists()
    before = ActionPlan.objects.count(), FollowUp.objects.count()
    demo.load()
    assert (ActionPlan.objects.count(), FollowUp.objects.count()) == before


def test_trondheims_forum_includes_the_consuls_representative(loaded):
    partners_demo.load()
    assert ForumParticipant.objects.filter(
        municipality__slug="trondheim", role__icontains="konsul"
    ).exists()


VAXJO_BODIES = [
    ("Kommunfullmäktige", "fastställer ramarna för det internationella arbetet"),
    ("Nämnder och bolagsstyrelser", "ansvarar för att styra och följa upp"),
    ("Förvaltningar/kommunala bolag", "En kontaktperson som kan representera"),
    ("Nätverk/arbetsgrupp internationella frågor", "Lokala arbetsgrupper och interna nätverk"),
    ("Kommunstyrelsen", "minst en gång per mandatperiod"),
]


def test_the_vaxjo_page_shows_each_body_with_its_duties(client, loaded):
    html = page(client, "vaxjo", "sv")
    section = html[html.index('id="responsibilities"') :]
    section = section[: section.index("</section>")]
    assert '<dl class="responsibility-rows">' in section
    for body, duties in VAXJO_BODIES:
        match = re.search(rf"<dt>{re.escape(body)}</dt>\s*<dd>(.*?)</dd>", section, re.S)
        assert match, body
        assert duties in match.group(1), body
    # The flat text is not shown a second time beside the rows.
    assert section.count("Kommunfullmäktige fastställer ramarna") == 1


def test_a_document_without_rows_keeps_its_flat_responsibilities_text(client, loaded):
    html = page(client, "orebro", "sv")
    section = html[html.index('id="responsibilities"') :]
    assert "responsibility-rows" not in section[: section.index("</section>")]


def test_the_joint_documents_guidelines_are_their_own_chapter(client, loaded):
    """§6 of Linköping–Norrköping's document is a chapter of its own, after the priority
    areas and before the responsibilities, not a paragraph of the introduction."""
    document = StrategyDocument.objects.get(municipalities__slug="linkoping", is_demo=True)
    assert "Tydlig koppling till prioriterade sakfrågor" in document.guidelines_sv
    assert "Tydlig koppling" not in document.introduction_sv
    assert "Riktlinjer" not in document.introduction_sv
    html = page(client, "linkoping", "sv")
    heading = (
        '<section id="guidelines" class="doc-section">'
        "<h2>Riktlinjer för internationellt arbete</h2>"
    )
    assert heading in html
    assert html.index('id="goal-areas"') < html.index(heading) < html.index('id="responsibilities"')
    assert '<a href="#guidelines">Riktlinjer för internationellt arbete</a>' in html
    assert "Guidelines for the international work" in page(client, "norrkoping", "en")
