"""Writes to the funding catalogue (funders, programmes, calls), and who may make them.

Ownership: an entry with no owner is part of the portal-wide catalogue (the real EU,
Nordic and national programmes), kept by the portal's operators (staff users). A
municipality's coordinators add their own entries (owner = their municipality) and only
they may change them. Each municipality uses the portal-wide catalogue and its own
additions; another municipality's additions do not exist for it (404), so nothing one
municipality edits can change what another one publishes.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation

from intlstrategy.concurrency import save_versioned
from intlstrategy.lib.languages import codes, column, translated
from intlstrategy.lib.services import record_who, set_fields

from .models import Call, CatalogueEntry, Funder, FundingProgramme

# What each form and service may change; anything else given is refused, never set.
FUNDER_FIELDS = frozenset({*translated("name"), "website"})
PROGRAMME_FIELDS = frozenset(
    {
        "funder",
        "parent",
        *translated("name"),
        "short_name",
        "website",
        *translated("description"),
    }
)
CALL_FIELDS = frozenset({"programme", "identifier", "title", "deadline", "website"})


def _write(
    entry: CatalogueEntry, *, allowed: frozenset, fields: dict, by, expected_version: int | None
):
    set_fields(entry, fields=allowed, data=fields)
    given = [code for code in ("en", *codes()) if fields.get(column("name", code))]
    if given:
        # The untranslated column (ordering, admin, fallbacks) mirrors the English name,
        # else the first one given: a Swedish coordinator need not invent an English
        # name. Assigning `name` also writes the active language's column, so it is
        # assigned in the language the name was given in.
        with translation.override(given[0]):
            entry.name = fields[column("name", given[0])]
    entry.full_clean()
    record_who(entry, by)
    save_versioned(entry, expected_version=expected_version)
    return entry


def _create(model, *, municipality, by, portal_wide: bool, allowed: frozenset, fields: dict):
    entry = model(owner=None if portal_wide else municipality)
    return _write(entry, allowed=allowed, fields=fields, by=by, expected_version=None)


def _update(entry, *, by, expected_version: int | None, allowed: frozenset, fields: dict):
    return _write(entry, allowed=allowed, fields=fields, by=by, expected_version=expected_version)


@transaction.atomic
def funder_create(*, municipality, by, portal_wide: bool = False, **fields) -> Funder:
    return _create(
        Funder,
        municipality=municipality,
        by=by,
        portal_wide=portal_wide,
        allowed=FUNDER_FIELDS,
        fields=fields,
    )


@transaction.atomic
def funder_update(*, funder: Funder, by, expected_version: int | None, **fields) -> Funder:
    return _update(
        funder,
        by=by,
        expected_version=expected_version,
        allowed=FUNDER_FIELDS,
        fields=fields,
    )


@transaction.atomic
def programme_create(*, municipality, by, portal_wide: bool = False, **fields) -> FundingProgramme:
    return _create(
        FundingProgramme,
        municipality=municipality,
        by=by,
        portal_wide=portal_wide,
        allowed=PROGRAMME_FIELDS,
        fields=fields,
    )


@transaction.atomic
def programme_update(
    *, programme: FundingProgramme, by, expected_version: int | None, **fields
) -> FundingProgramme:
    return _update(
        programme,
        by=by,
        expected_version=expected_version,
        allowed=PROGRAMME_FIELDS,
        fields=fields,
    )


@transaction.atomic
def call_create(*, municipality, by, portal_wide: bool = False, **fields) -> Call:
    return _create(
        Call,
        municipality=municipality,
        by=by,
        portal_wide=portal_wide,
        allowed=CALL_FIELDS,
        fields=fields,
    )


@transaction.atomic
def call_update(*, call: Call, by, expected_version: int | None, **fields) -> Call:
    return _update(
        call,
        by=by,
        expected_version=expected_version,
        allowed=CALL_FIELDS,
        fields=fields,
    )
