"""Writes to the project register. Views and the spreadsheet import (a Celery task) call
these (the demo loader, `projects/demo.py`, writes its rows directly with `get_or_create`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intlstrategy.concurrency import EditConflict, last_change, save_versioned
from intlstrategy.lib.services import bump_version, record_who
from intlstrategy.uploads import check_archive, check_size, detect_kind

from .models import (
    Currency,
    ExchangeRate,
    Project,
    ProjectAttachment,
    ProjectPartner,
    ProjectStatus,
    ProjectStatusChange,
    base_currency,
)

S = ProjectStatus

# The pipeline, in one place: from each status, the statuses it may move to.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.IDEA: (S.IN_PREPARATION, S.WITHDRAWN),
    S.IN_PREPARATION: (S.SUBMITTED, S.WITHDRAWN),
    S.SUBMITTED: (S.APPROVED, S.REJECTED, S.WITHDRAWN),
    S.APPROVED: (S.ONGOING,),
    S.ONGOING: (S.COMPLETED,),
    S.REJECTED: (),
    S.WITHDRAWN: (),
    S.COMPLETED: (),
}


def allowed_transitions(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def _require_usable_catalogue(project: Project) -> None:
    """A project uses the portal-wide catalogue and its own municipality's additions only
    (the forms offer nothing else; this holds for every other caller too)."""
    for name in ("programme", "call"):
        entry = getattr(project, name) if getattr(project, f"{name}_id") else None
        if entry is not None and entry.owner_id not in (None, project.municipality_id):
            raise ValidationError({name: _("Choose an entry of the funding catalogue.")})


M2M_FIELDS = (
    "participating_departments",
    "partner_relations",
    "partner_organisations",
    "goal_areas",
    "strategies",
)


@transaction.atomic
def project_create(
    *, municipality, by, on: datetime.date | None = None, note: str = "", **fields
) -> Project:
    """Register a project or application; its first status is dated and kept. The
    caller has checked who may (projects.permissions.require_lead_department)."""
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    project = Project(municipality=municipality, **fields)
    if project.lead_department_id and project.lead_department.municipality_id != municipality.pk:
        raise ValidationError({"lead_department": _("Choose a department of the municipality.")})
    _require_usable_catalogue(project)
    project.full_clean()
    record_who(project, by)
    project.save()
    for name, values in m2m.items():
        getattr(project, name).set(values)
    ProjectStatusChange.objects.create(
        project=project,
        from_status="",
        to_status=project.status,
        on=on or timezone.localdate(),
        by=by,
        note=note,
    )
    return project


@transaction.atomic
def project_update(*, project: Project, by, expected_version: int | None, **fields) -> Project:
    """Change a project's data (not its status: that is `project_change_status`)."""
    fields.pop("status", None)
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    for name, value in fields.items():
        setattr(project, name, value)
    if (
        project.lead_department_id
        and project.lead_department.municipality_id != project.municipality_id
    ):
        raise ValidationError({"lead_department": _("Choose a department of the municipality.")})
    _require_usable_catalogue(project)
    project.full_clean()
    record_who(project, by)
    save_versioned(project, expected_version=expected_version)
    for name, values in m2m.items():
        getattr(project, name).set(values)
    return project


@transaction.atomic
def project_change_status(
    *, project: Project, to: str, on: datetime.date, by, note: str = ""
) -> ProjectStatusChange:
    """Move a project along the pipeline; a jump the pipeline does not allow is refused."""
    given = project
    project = Project.objects.select_for_update().get(pk=given.pk)
    current = project.status
    if to not in ProjectStatus.values:
        raise ValidationError({"to": _("Unknown status.")})
    if to not in allowed_transitions(current):
        allowed = ", ".join(str(ProjectStatus(s).label) for s in allowed_transitions(current))
        raise ValidationError(
            {
                "to": _(
                    "A project cannot go from “%(current)s” to “%(to)s”. From “%(current)s” it can "
                    "go to: %(allowed)s."
                )
                % {
                    "current": ProjectStatus(current).label,
                    "to": ProjectStatus(to).label,
                    "allowed": allowed or _("nowhere (this is a final status)"),
                }
            }
        )
    # The registration entry is dated the day it was typed in, which may be after the
    # real steps it records; only real transitions must follow each other in time.
    last = (
        project.status_changes.exclude(from_status="")
        .order_by("-on")
        .values_list("on", flat=True)
        .first()
    )
    if last and on < last:
        raise ValidationError(
            {
                "on": _("The date cannot be before the previous status change (%(date)s).")
                % {"date": last.isoformat()}
            }
        )
    project.status = to
    # The pipeline fills the dates it knows, without overwriting what was entered.
    if to == S.SUBMITTED and not project.submitted_on:
        project.submitted_on = on
    if to == S.ONGOING and not project.start_date:
        project.start_date = on
    if to == S.COMPLETED and not project.end_date:
        project.end_date = on
    project.full_clean()
    record_who(project, by)
    bump_version(project)
    project.save()
    change = ProjectStatusChange.objects.create(
        project=project, from_status=current, to_status=to, on=on, by=by, note=note
    )
    given.refresh_from_db()
    return change


@transaction.atomic
def project_delete(*, project: Project, expected_version: int | None = None, by=None) -> None:
    """Delete an idea or an application in preparation (a mistake), with its files.
    The deletion is kept in the project's history. `expected_version`: the version the
    user saw when pressing "Delete" (None: not checked); a newer one is a conflict."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if expected_version is not None and project.version != expected_version:
        who, when = last_change(project)
        raise EditConflict(project, changed_by=who, changed_at=when)
    if not project.is_deletable:
        raise ValidationError(
            _(
                "Only ideas and applications in preparation can be deleted. "
                "Change the status to withdrawn instead."
            )
        )
    if project.report_rows.exists():
        raise ValidationError(
            _(
                "A department report lists this project, so it cannot be deleted. "
                "Change the status to withdrawn instead."
            )
        )
    files = [a.file for a in project.attachments.all() if a.file]
    record_who(project, by)
    project.delete()
    # Files go only once the deletion is committed: a rollback must not lose them.
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


@transaction.atomic
def project_partner_add(*, project: Project, **fields) -> ProjectPartner:
    partner = ProjectPartner(project=project, **fields)
    if partner.relation_id and partner.relation.municipality_id != project.municipality_id:
        raise ValidationError({"relation": _("This twin town belongs to another municipality.")})
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def project_partner_remove(*, partner: ProjectPartner) -> None:
    partner.delete()


@transaction.atomic
def project_attachment_add(*, project: Project, title: str, upload, by) -> ProjectAttachment:
    """Store a PDF, DOCX or XLSX (checked by content, not by name) of at most
    settings.MAX_ATTACHMENT_BYTES."""
    try:
        check_size(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    kind = detect_kind(upload)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "Only PDF, Word (DOCX) and Excel (XLSX) files can be attached; "
                    "this file is none of them."
                )
            }
        )
    if kind in ("docx", "xlsx"):  # ZIP archives: refuse one that unpacks to gigabytes
        try:
            check_archive(upload)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
    attachment = ProjectAttachment(
        project=project,
        title=title,
        original_name=upload.name[:255],
        kind=kind,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def project_attachment_delete(*, attachment: ProjectAttachment) -> None:
    attachment.file.delete(save=False)
    attachment.delete()


@transaction.atomic
def exchange_rate_set(*, municipality, year: int, currency: str, rate: Decimal) -> ExchangeRate:
    if currency not in Currency.values:
        raise ValidationError({"currency": _("Unknown currency: use EUR, SEK or NOK.")})
    existing = ExchangeRate.objects.filter(
        municipality=municipality, year=year, currency=currency
    ).first()
    item = existing or ExchangeRate(municipality=municipality, year=year, currency=currency)
    item.rate = rate
    item.full_clean()
    item.save()
    return item


# ---- currency totals -------------------------------------------------------------------


@dataclass
class Total:
    """A sum converted into one currency, saying which rates it used and what it could not."""

    currency: str
    amount: Decimal = Decimal("0.00")
    rates_used: dict = field(default_factory=dict)  # (year, currency) -> rate to base
    missing: set = field(default_factory=set)  # (year, currency) without a rate
    count: int = 0

    @property
    def rates_list(self) -> list[tuple[int, str, Decimal]]:
        return sorted((y, c, r) for (y, c), r in self.rates_used.items())

    @property
    def missing_list(self) -> list[tuple[int, str]]:
        return sorted(self.missing)


def rate_year(project: Project) -> int:
    """Amounts are converted at the rate of the year the project starts (or was submitted)."""
    date = project.start_date or project.submitted_on
    return date.year if date else timezone.localdate().year


def convert_total(*, municipality, rows, currency: str, rates: dict | None = None) -> Total:
    """Sum (amount, from_currency, year) rows into `currency` through the municipality's
    base currency. A row whose rate is missing is left out and named in `missing`."""
    base = base_currency(municipality)
    if rates is None:
        rates = {
            (r.year, r.currency): r.rate
            for r in ExchangeRate.objects.for_municipality(municipality)
        }
    total = Total(currency=currency)

    def to_base(year, cur):
        if cur == base:
            return Decimal(1)
        return rates.get((year, cur))

    for amount, from_currency, year in rows:
        if amount is None:
            continue
        total.count += 1
        if from_currency == currency:
            total.amount += amount
            continue
        rate_from, rate_to = to_base(year, from_currency), to_base(year, currency)
        if rate_from is None or rate_to is None:
            for cur, rate in ((from_currency, rate_from), (currency, rate_to)):
                if rate is None:
                    total.missing.add((year, cur))
            continue
        for cur, rate in ((from_currency, rate_from), (currency, rate_to)):
            if cur != base:
                total.rates_used[(year, cur)] = rate
        total.amount += amount * rate_from / rate_to
    total.amount = total.amount.quantize(Decimal("0.01"))
    return total
