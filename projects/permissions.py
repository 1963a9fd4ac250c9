"""Who may change which project or catalogue entry: the access layer of the projects app.

Views (and the spreadsheet import, which acts for a person) ask here before they call a
service; the services themselves take the municipality and `by`, never an `Access`, and
do not authorise (docs/architecture.md).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from intlstrategy.models import Department

from .models import CatalogueEntry, Project


def can_edit(access, project: Project) -> bool:
    """Coordinators edit all of their municipality's projects; department contacts those
    their own department leads. Everyone else reads."""
    if project.municipality_id != access.municipality.pk:
        return False
    if access.is_coordinator:
        return True
    return access.is_department_contact and project.lead_department_id in access.department_ids


def can_create(access) -> bool:
    return access.is_coordinator or (access.is_department_contact and bool(access.department_ids))


def require_edit(access, project: Project) -> None:
    if not can_edit(access, project):
        raise PermissionDenied


def require_lead_department(access, department: Department | None) -> None:
    """A project's lead department is one of the municipality's; a department contact may
    name only their own department(s)."""
    if department is None:
        return
    if department.municipality_id != access.municipality.pk:
        raise PermissionDenied
    if not (access.is_coordinator or department.pk in access.department_ids):
        raise PermissionDenied


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


def require_entry_create(access, *, portal_wide: bool) -> None:
    """Coordinators add their municipality's own entries; only operators portal-wide ones."""
    access.require_coordinator()
    if portal_wide and not is_operator(access.user):
        raise PermissionDenied
