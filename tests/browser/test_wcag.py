"""What axe cannot see (issue 17), checked in Chromium on the demo data.

- 1.4.11: the focus indicator of every Tab stop on the pages the journeys visit, its
  contrast computed against the colour actually behind it (just outside the element).
- 1.4.10: every main page at 320 CSS px: the document does not scroll sideways and no
  element sticks out of the viewport or is cut off, except inside a data table's own
  scrolling container (`.table-scroll`).
- 2.4.2: page titles are plain text, also where a title falls back to another language.
"""

import pytest
from django.core.management import call_command

from intlstrategy.models import Department, Municipality, User
from partners.models import Relation
from projects.models import Project
from reporting.models import ReportingRound
from strategies.models import DocumentStatus, StrategyDocument
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-portal-2026"
# One coordinator per interface language: a Norwegian and a Swedish municipality.
PLACE = {"nb": "trondheim", "sv": "vaxjo", "en": "vaxjo"}
MAX_TAB_STOPS = 250  # bound per page: the loop ends by count, never by time


@pytest.fixture
def demo(db):
    call_command("load_demo", "--quiet-logins", "--no-pdfs")


def main_pages(slug: str) -> dict[str, str]:
    """Path of each main page (the pages the journeys and the public visit)."""
    municipality = Municipality.objects.get(slug=slug)
    document = (
        StrategyDocument.objects.for_municipality(municipality)
        .filter(status=DocumentStatus.ADOPTED)
        .order_by("-pk")
        .first()
    )
    relation = Relation.objects.filter(municipality__slug=slug).order_by("pk").first()
    project = Project.objects.filter(municipality__slug=slug).order_by("pk").first()
    round = ReportingRound.objects.filter(municipality__slug=slug).order_by("-year").first()
    department = round.departments.order_by("pk").first()
    pages = {
        "start page": "",
        "login": "accounts/login/",
        "password reset": "accounts/password_reset/",
        "municipality": f"{slug}/",
        "dashboard": f"{slug}/dashboard/",
        "strategy list": f"{slug}/strategy/",
        "strategy": f"{slug}/strategy/{document.pk}/",
        "action plan": f"{slug}/strategy/{document.pk}/edit/",
        "twin towns": f"{slug}/twin-towns/",
        "twin town": f"{slug}/twin-towns/{relation.pk}/",
        "regrade": f"{slug}/twin-towns/{relation.pk}/category/",
        "map": f"{slug}/twin-towns/map/",
        "networks": f"{slug}/networks/",
        "projects": f"{slug}/projects/",
        "project": f"{slug}/projects/{project.pk}/",
        "project form": f"{slug}/projects/new/",
        "charts": f"{slug}/projects/charts/",
        "reporting": f"{slug}/reporting/",
        "round": f"{slug}/reporting/{round.year}/",
        "new round": f"{slug}/reporting/rounds/new/",
        "report": f"{slug}/reporting/{round.year}/{department.slug}/",
        "follow-ups": f"{slug}/reporting/followups/",
        "departments": f"{slug}/departments/",
        "department": f"{slug}/departments/{department.slug}/",
        "accessibility statement": f"{slug}/accessibility/",
    }
    return pages


def coordinator(slug: str, language: str) -> User:
    user = User.objects.get(username=f"{slug}-coordinator")
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def without_translation(slug: str, language: str):
    """Empty the reader's language of the texts the pages' titles show, so that every title
    falls back to another language (where markup once leaked into `<title>`)."""
    municipality = Municipality.objects.get(slug=slug)
    if language == "en":
        StrategyDocument.objects.for_municipality(municipality).update(title_en="")
        Project.objects.filter(municipality__slug=slug).update(title_en="")
        Department.objects.filter(municipality__slug=slug).update(name_en="")
        Relation.objects.filter(municipality__slug=slug).update(city_en="")
    else:
        other = "sv" if language == "nb" else "nb"
        # Only where the other language has a text (the column may be the only one).
        for model, field in (
            (StrategyDocument, "title"),
            (Project, "title"),
            (Department, "name"),
            (Relation, "city"),
        ):
            objects = (
                StrategyDocument.objects.for_municipality(municipality)
                if model is StrategyDocument
                else model.objects.filter(municipality=municipality)
            )
            for obj in objects:
                if not getattr(obj, f"{field}_{other}", None):
                    setattr(obj, f"{field}_{other}", getattr(obj, f"{field}_{language}"))
                setattr(obj, f"{field}_{language}", "")
                model.objects.filter(pk=obj.pk).update(
                    **{
                        f"{field}_{other}": getattr(obj, f"{field}_{other}"),
                        f"{field}_{language}": "",
                    }
                )


# --- 1.4.10 reflow -----------------------------------------------------------------

REFLOW_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const describe = (el) => {
    const id = el.id ? '#' + el.id : '';
    const cls = el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    return el.tagName.toLowerCase() + id + cls + ' "' + (el.innerText || el.value || '')
      .trim().slice(0, 40) + '"';
  };
  const skipped = (el) => el.closest('.table-scroll, .leaflet-container .leaflet-pane, '
    + '.leaflet-control-container, .visually-hidden, .skip-link');
  for (const el of document.body.querySelectorAll('*')) {
    if (skipped(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > vw + 1 || r.left < -1) {
      problems.push('sticks out (' + Math.round(r.left) + '..' + Math.round(r.right) + '): '
        + describe(el));
      continue;
    }
    const s = getComputedStyle(el);
    // Cut off: content wider than its box where the box hides the rest.
    if (['hidden', 'clip'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1
        && !el.closest('.leaflet-container')) {
      problems.push('cut off: ' + describe(el));
    }
  }
  for (const box of document.querySelectorAll('.table-scroll')) {
    const s = getComputedStyle(box);
    if (!['auto', 'scroll'].includes(s.overflowX)) problems.push('table box does not scroll');
  }
  return {scrollWidth: document.documentElement.scrollWidth, viewport: vw,
          problems: problems.slice(0, 12)};
}"""


def test_main_pages_reflow_at_320px_and_have_plain_titles(browser, live_server, demo):
    # One demo load for the three languages (loading it is the slow part).
    failures = []
    for language in ("nb", "sv", "en"):
        failures += reflow_and_title_failures(browser, live_server, language)
    assert not failures, "\n".join(failures)


def reflow_and_title_failures(browser, live_server, language: str) -> list[str]:
    slug = PLACE[language]
    user = coordinator(slug, language)
    without_translation(slug, language)
    context = browser.new_context(locale=language, viewport={"width": 320, "height": 640})
    page = context.new_page()
    public = {"start page", "login", "password reset"}
    failures = []
    pages = main_pages(slug)
    for name in public:  # as the public sees them (logged in, they redirect or differ)
        page.goto(f"{live_server.url}/{language}/{pages[name]}")
        failures += check_page(page, name)
    log_in(page, live_server, user.username, DEMO_PASSWORD, language=language)
    for name, path in pages.items():
        if name in public:
            continue
        response = page.goto(f"{live_server.url}/{language}/{path}")
        assert response.status == 200, (name, response.status)
        failures += check_page(page, name)
    context.close()
    return [f"[{language}] {failure}" for failure in failures]


def check_page(page, name: str) -> list[str]:
    failures = []
    page.wait_for_load_state("load")
    result = page.evaluate(REFLOW_JS)
    if result["scrollWidth"] > result["viewport"]:
        failures.append(
            f"{name}: the document scrolls sideways ({result['scrollWidth']} > "
            f"{result['viewport']} px)"
        )
    failures += [f"{name}: {problem}" for problem in result["problems"]]
    title = page.title()
    if "<" in title or ">" in title or "&lt;" in title or not title.strip():
        failures.append(f"{name}: the title holds markup: {title!r}")
    return failures


# --- 1.4.11 focus indicator contrast -------------------------------------------------

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const rgba = (c) => {
    const m = c && c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const s = getComputedStyle(el);
  const rings = [];
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) {
    const c = rgba(s.outlineColor);
    if (c && c[3] > 0) rings.push(c);
  }
  // Box-shadow rings: "rgb(...) 0px 0px 0px 5px" (colour first in computed style).
  for (const part of (s.boxShadow === 'none' ? [] : s.boxShadow.split(/,(?![^(]*\\))/))) {
    const c = rgba(part);
    const lengths = part.replace(/rgba?\\([^)]*\\)/, '').trim().split(/\\s+/).map(parseFloat);
    if (c && c[3] > 0 && (lengths[3] || 0) > 0) rings.push(c);
  }
  // The colour behind the ring: what is painted just outside the element on each side,
  // beyond the ring (element and its descendants skipped).
  const r = el.getBoundingClientRect();
  const reach = parseFloat(s.outlineWidth || 0) + parseFloat(s.outlineOffset || 0) + 4;
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const clamp = (v, max) => Math.min(Math.max(v, 0), max - 1);
  const points = [
    [r.left - reach, r.top + r.height / 2], [r.right + reach, r.top + r.height / 2],
    [r.left + r.width / 2, r.top - reach], [r.left + r.width / 2, r.bottom + reach],
  ];
  const behind = [];
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x >= vw || y >= vh) continue;
    let colour = [255, 255, 255, 1];
    for (const under of document.elementsFromPoint(clamp(x, vw), clamp(y, vh))) {
      if (under === el || el.contains(under)) continue;
      const c = rgba(getComputedStyle(under).backgroundColor);
      if (c && c[3] >= 0.5) { colour = c; break; }
    }
    behind.push(colour);
  }
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.name
    || el.getAttribute('alt') || '').trim().slice(0, 40);
  return {element: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + label + '"',
          key: el.outerHTML.slice(0, 200) + r.top + ',' + r.left, rings, behind};
}"""


def luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula():
    assert round(contrast((255, 191, 71), (255, 255, 255)), 2) == 1.64  # the old ring
    assert round(contrast((0, 0, 0), (255, 255, 255)), 0) == 21


def focus_failures(page, name: str) -> tuple[int, list[str]]:
    """Tab through the page (bounded), checking each focus stop's indicator."""
    failures, seen, stops = [], set(), 0
    page.locator("body").focus()
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_JS)
        if info is None:
            break
        if info["key"] in seen:  # back at the start: every stop seen
            break
        seen.add(info["key"])
        stops += 1
        if not info["rings"]:
            failures.append(f"{name}: no focus indicator on {info['element']}")
            continue
        for colour in info["behind"]:
            best = max(contrast(ring, colour) for ring in info["rings"])
            if best < 3:
                failures.append(
                    f"{name}: focus indicator on {info['element']} is {best:.2f}:1 against "
                    f"rgb{tuple(colour[:3])}"
                )
                break
    return stops, failures


def test_focus_indicator_contrast_on_the_pages_the_journeys_visit(browser, live_server, demo):
    language, slug = "sv", "vaxjo"
    user = coordinator(slug, language)
    context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    pages = main_pages(slug)
    failures, total = [], 0
    for name in ("start page", "login"):
        page.goto(f"{live_server.url}/{language}/{pages[name]}")
        stops, found = focus_failures(page, name)
        total, failures = total + stops, failures + found
    log_in(page, live_server, user.username, DEMO_PASSWORD, language=language)
    for name, path in pages.items():
        if name in ("start page", "login", "password reset"):
            continue
        page.goto(f"{live_server.url}/{language}/{path}")
        page.wait_for_load_state("load")
        stops, found = focus_failures(page, name)
        total, failures = total + stops, failures + found
    context.close()
    assert total > 200, f"only {total} focus stops were reached"
    assert not failures, f"{len(failures)} of {total} focus stops fail:\n" + "\n".join(failures)


# --- 3.3.1 / 2.4.3: after a failed POST -----------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_failed_post_moves_the_focus_to_the_error_summary_which_links_each_field(
    page, live_server, municipality, language
):
    from django.utils import translation
    from django.utils.translation import gettext

    from tests.factories import CoordinatorFactory

    user = CoordinatorFactory(municipality=municipality, preferred_language=language)
    log_in(page, live_server, user.username, language=language)
    page.goto(f"{live_server.url}/{language}/{municipality.slug}/projects/new/")
    title_before = page.title()
    # Submit the empty form (the browser's own checks off: the server's must answer).
    page.evaluate("() => document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    with translation.override(language):
        error, problem = gettext("Error:"), gettext("There is a problem")
    assert page.title() == f"{error} {title_before}"
    focused = page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert focused, "the focus stayed on the body"
    summary = page.locator("[data-error-summary]")
    assert summary.get_by_role("heading").inner_text() == problem
    links = summary.get_by_role("link")
    assert links.count() >= 1
    for index in range(links.count()):
        target = links.nth(index).get_attribute("href")
        assert page.locator(target).count() == 1, f"{target} is not a field on the page"
    links.first.click()
    first = links.first.get_attribute("href")[1:]
    assert page.evaluate("() => document.activeElement.id") == first
