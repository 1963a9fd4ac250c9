"""The catalogues follow docs/glossary.md: no word of its avoid columns in nb or sv, and
one translation per English string across all catalogues (Django merges them into one)."""

import re
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"


def catalogues(language: str) -> list[Path]:
    return sorted(ROOT.glob(f"*/locale/{language}/LC_MESSAGES/django.po")) + [
        ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    ]


def entries(language: str):
    for path in catalogues(language):
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            texts = [entry.msgstr, *entry.msgstr_plural.values()]
            yield path.relative_to(ROOT).parts[0], entry, [t for t in texts if t]


def avoided_words() -> dict[str, list[str]]:
    rows = [
        line.split("|")[1:-1]
        for line in GLOSSARY.read_text().splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]
    header, *body = rows
    columns = [cell.strip() for cell in header]
    avoid = {"nb": [], "sv": []}
    for row in body:
        cells = dict(zip(columns, (cell.strip() for cell in row), strict=True))
        for language in avoid:
            words = cells[f"Avoid ({language})"]
            avoid[language] += [w.strip() for w in words.split(";") if w.strip()]
    return avoid


def test_the_glossary_lists_words_to_avoid():
    avoid = avoided_words()
    assert "ändringsyrkande" in avoid["sv"] and "laging" in avoid["nb"]


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_no_catalogue_uses_a_word_the_glossary_avoids(language):
    found = []
    for word in avoided_words()[language]:
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
        for app, _entry, texts in entries(language):
            if any(pattern.search(text) for text in texts):
                found.append(f"{app}: {word!r} in {texts[0][:80]!r}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", ["nb", "sv"])
def test_one_translation_per_string_across_the_catalogues(language):
    seen = defaultdict(dict)
    for app, entry, texts in entries(language):
        if texts and not entry.msgid_plural:
            seen[(entry.msgctxt, entry.msgid)][app] = texts[0]
    conflicts = {key[1]: apps for key, apps in seen.items() if len(set(apps.values())) > 1}
    assert not conflicts, conflicts


def test_the_actions_column_is_hantera_not_the_word_for_measures():
    with translation.override("sv"):
        assert gettext("Actions") == "Hantera"
        assert gettext("Measures") == "Åtgärder"


def test_the_library_wordings_are_corrected_where_the_glossary_says():
    with translation.override("nb"):
        assert gettext("Enter a valid email address.") == "Oppgi en gyldig e-postadresse."


@pytest.mark.parametrize(
    ("reader", "shown", "expected"),
    [
        ("nb", {"sv"}, "vises på svensk."),
        ("sv", {"nb"}, "visas på norska (bokmål)."),
        ("sv", {"nb", "en"}, "visas på engelska och norska (bokmål)."),
    ],
)
def test_the_fallback_notice_names_languages_in_lower_case_without_nested_brackets(
    reader, shown, expected
):
    from intlstrategy.templatetags.portal import fallback_notice_text

    with translation.override(reader):
        text = fallback_notice_text(shown)
    assert text.endswith(expected), text
    assert text.count("(") == text.count(")") <= 1 * len(shown)


def test_the_breadcrumb_landmark_has_one_name_per_language():
    labels = set()
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        labels |= set(re.findall(r'class="breadcrumbs" aria-label="([^"]*)"', template.read_text()))
    assert labels == {"{% translate 'Breadcrumbs' %}"}
    names = {}
    for language in ("nb", "sv"):
        names[language] = {
            texts[0]
            for _app, entry, texts in entries(language)
            if entry.msgid == "Breadcrumbs" and texts
        }
    assert names == {"nb": {"Brødsmulesti"}, "sv": {"Brödsmulor"}}
