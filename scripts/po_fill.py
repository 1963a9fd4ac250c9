#!/usr/bin/env python
"""Developer tool for the translation catalogues.

  scripts/po_fill.py todo [PO_DIR]          list untranslated/fuzzy msgids of nb and sv as JSON
  scripts/po_fill.py fill FILE.json [PO_DIR] fill them from {"msgid": {"nb": "..", "sv": ".."}}
                                              (plurals: {"nb": ["one", "many"], ...})

English catalogues are filled with the msgid itself (the source strings are English).
PO_DIR defaults to ./locale; for an app use e.g. strategies/locale.
"""

import json
import sys
from pathlib import Path

import polib


def catalogue(po_dir: Path, language: str) -> polib.POFile:
    return polib.pofile(str(po_dir / language / "LC_MESSAGES" / "django.po"), wrapwidth=0)


def pending(entry) -> bool:
    return not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)


def todo(po_dir: Path) -> None:
    found = {}
    for language in ("nb", "sv"):
        for entry in catalogue(po_dir, language):
            if pending(entry):
                found.setdefault(entry.msgid, {"plural": entry.msgid_plural or None})
    print(json.dumps(found, ensure_ascii=False, indent=1))


def fill(source: Path, po_dir: Path) -> None:
    translations = json.loads(source.read_text())
    for language in ("nb", "sv", "en"):
        po = catalogue(po_dir, language)
        po.metadata["Language"] = language
        po.metadata_is_fuzzy = False
        for entry in po:
            if not pending(entry):
                continue
            if language == "en":
                value = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else entry.msgid
            elif entry.msgid in translations:
                value = translations[entry.msgid][language]
            else:
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
        po.save()
    for language in ("nb", "sv", "en"):
        left = [e.msgid for e in catalogue(po_dir, language) if pending(e)]
        print(f"{po_dir}/{language}: {len(left)} left", *left[:20], sep="\n  ")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "todo":
        todo(Path(sys.argv[2] if len(sys.argv) > 2 else "locale"))
    else:
        fill(Path(sys.argv[2]), Path(sys.argv[3] if len(sys.argv) > 3 else "locale"))
