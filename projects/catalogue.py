"""Writes to the funding catalogue (funders, programmes, calls), and who may make them.

Ownership: an entry with no owner is part of the portal-wide catalogue (the real EU,
Nordic and national programmes), kept by the portal's operators (staff users). A
municipality's coordinators add their own entries (owner = their municipality) and only
they may change them. Each municipality uses the portal-wide catalogue and its own
additions; another municipality's additions do not exist for it (404), so nothing one
municipality edits can change what another one publishes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation

from intlstrategy.concurrency import save_versioned

from .models import Call, CatalogueEntry, Funder, FundingProgramme

# What each form and service may change; anything else given is refused, never set.
FUNDER_FIELDS = frozenset({"name_sv", "name_nb", "name_en", "website"})
PROGRAMME_FIELDS = frozenset(
    {
        "funder",
        "parent",
        "name_sv",
        "name_nb",
        "name_en",
        "short_name",
        "website",
        "description_sv",
        "description_nb",
        "description_en",
    }
)
CALL_FIELDS = frozenset({"programme", "identifier", "title", "deadline", "website"})


def is_operator(user) -> bool:
    """The portal's operators curate the portal-wide catalogue."""
    return bool(getattr(user, "is_staff", False))


def can_edit_entry(access, entry: CatalogueEntry) -> bool:
    """A portal-wide entry: operators only. A municipality's own: its coordinators."""
    if not access.is_coordinator:
        return False
    if entry.owner_id is None:
        return is_operator(access.user)
    return entry.owner_id == access.municipality.pk


def _write(
    entry: CatalogueEntry, *, allowed: frozenset, fields: dict, by, expected_version: int | None
):
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"not changeable here: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(entry, name, value)
    if "name_en" in fields:
        # The untranslated column mirrors the English name (the default language);
        # assigning `name` writes the active language's field, hence the override.
        with translation.override("en"):
            entry.name = fields["name_en"]
    entry.full_clean()
    entry._history_user = by
    save_versioned(entry, expected_version=expected_version)
    return entry


def _create(model, *, access, by, portal_wide: bool, allowed: frozenset, fields: dict):
    access.require_coordinator()
    if portal_wide and not is_operator(access.user):
        raise PermissionDenied
    entry = model(owner=None if portal_wide else access.municipality)
    return _write(entry, allowed=allowed, fields=fields, by=by, expected_version=None)


def _update(entry, *, access, by, expected_version: int | None, allowed: frozenset, fields: dict):
    if not can_edit_entry(access, entry):
        raise PermissionDenied
    return _write(entry, allowed=allowed, fields=fields, by=by, expected_version=expected_version)


@transaction.atomic
def funder_create(*, access, by, portal_wide: bool = False, **fields) -> Funder:
    return _create(
        Funder, access=access, by=by, portal_wide=portal_wide, allowed=FUNDER_FIELDS, fields=fields
    )


@transaction.atomic
def funder_update(*, access, funder: Funder, by, expected_version: int | None, **fields) -> Funder:
    return _update(
        funder,
        access=access,
        by=by,
        expected_version=expected_version,
        allowed=FUNDER_FIELDS,
        fields=fields,
    )


@transaction.atomic
def programme_create(*, access, by, portal_wide: bool = False, **fields) -> FundingProgramme:
    return _create(
        FundingProgramme,
        access=access,
        by=by,
        portal_wide=portal_wide,
        allowed=PROGRAMME_FIELDS,
        fields=fields,
    )


@transaction.atomic
def programme_update(
    *, access, programme: FundingProgramme, by, expected_version: int | None, **fields
) -> FundingProgramme:
    return _update(
        programme,
        access=access,
        by=by,
        expected_version=expected_version,
        allowed=PROGRAMME_FIELDS,
        fields=fields,
    )


@transaction.atomic
def call_create(*, access, by, portal_wide: bool = False, **fields) -> Call:
    return _create(
        Call, access=access, by=by, portal_wide=portal_wide, allowed=CALL_FIELDS, fields=fields
    )


@transaction.atomic
def call_update(*, access, call: Call, by, expected_version: int | None, **fields) -> Call:
    return _update(
        call,
        access=access,
        by=by,
        expected_version=expected_version,
        allowed=CALL_FIELDS,
        fields=fields,
    )
