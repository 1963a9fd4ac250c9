"""Twin towns and network memberships as spreadsheets, and twin towns imported back.

One row per relation (its current category, not the history: the open-data API has the
history) and one row per network membership. A coordinator's export carries the id and
version of each relation, so that the file can be edited and imported back: rows with an
id update that relation, rows without one are new relations, and a relation changed in
the portal since the export is reported, not overwritten.
"""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intlstrategy.concurrency import EditConflict
from intlstrategy.lib import tabular
from intlstrategy.lib.tabular import AMOUNT, DATE, INTEGER, Column
from intlstrategy.models import Department

from . import services
from .countries import country_name
from .models import Category, Relation, RelationKind


def _department(relation):
    return relation.responsible_department.name if relation.responsible_department else ""


RELATION_COLUMNS = [
    Column("id", gettext_lazy("ID"), kind=INTEGER),
    Column("version", gettext_lazy("Version"), kind=INTEGER),
    Column("city", gettext_lazy("City")),
    Column("country", gettext_lazy("Country code")),
    Column("country_name", gettext_lazy("Country"), lambda r: country_name(r.country)),
    Column("kind", gettext_lazy("Kind of relation"), lambda r: r.get_kind_display()),
    Column("category", gettext_lazy("Category"), lambda r: r.get_category_display()),
    Column("established_year", gettext_lazy("Established (year)"), kind=INTEGER),
    Column("established_on", gettext_lazy("Established (date)"), kind=DATE),
    Column("ended_on", gettext_lazy("Ended"), kind=DATE),
]
# What members see besides (the public list shows neither).
MEMBER_COLUMNS = [
    Column("responsible_department", gettext_lazy("Responsible department"), _department),
    Column("next_review_on", gettext_lazy("Next review"), kind=DATE),
    Column("description", gettext_lazy("Description")),
]
# Read from a file but never written by an import: the ending is a decision with its
# reason (the relation's page records it), the country's name follows the code.
READ_ONLY = {"id", "version", "country_name", "ended_on"}


def relation_columns(access) -> list[Column]:
    return RELATION_COLUMNS + (MEMBER_COLUMNS if access.is_member else [])


def export_relations(access, relations, fmt: str):
    return tabular.download(
        relation_columns(access),
        relations,
        fmt=fmt,
        municipality=access.municipality,
        what="twin-towns",
        title=_("Twin towns"),
    )


MEMBERSHIP_COLUMNS = [
    Column("organisation", gettext_lazy("Network"), lambda m: m.organisation.name),
    Column("kind", gettext_lazy("Kind"), lambda m: m.organisation.get_kind_display()),
    Column("country", gettext_lazy("Country"), lambda m: country_name(m.organisation.country)),
    Column("website", gettext_lazy("Website"), lambda m: m.organisation.website),
    Column("since", gettext_lazy("Member since (year)"), kind=INTEGER),
    Column("yearly_fee", gettext_lazy("Yearly fee"), kind=AMOUNT),
    Column("currency", gettext_lazy("Currency")),
    Column("renewal_on", gettext_lazy("Renewal date"), kind=DATE),
    Column("value_note", gettext_lazy("Value to the strategy")),
    Column("ended_on", gettext_lazy("Ended"), kind=DATE),
]


def export_memberships(access, memberships, fmt: str):
    return tabular.download(
        MEMBERSHIP_COLUMNS,
        memberships,
        fmt=fmt,
        municipality=access.municipality,
        what="networks",
        title=_("Networks"),
    )


# ---- import --------------------------------------------------------------------------


def _parse(values: dict, departments: dict) -> tuple[dict, list]:
    fields, errors = {}, []

    def take(key, convert):
        if key not in values:
            return
        try:
            fields[key] = convert(values[key])
        except ValueError as error:
            errors.append((key, str(error)))

    take("city", tabular.text_of)
    take("country", lambda v: tabular.text_of(v).upper())
    take("kind", lambda v: tabular.choice_of(v, RelationKind) or RelationKind.TWIN_TOWN)
    take("category", lambda v: tabular.choice_of(v, Category))
    take("established_year", tabular.integer_of)
    take("established_on", tabular.date_of)
    take("next_review_on", tabular.date_of)
    take("description", tabular.text_of)
    if "responsible_department" in values:
        name = tabular.text_of(values["responsible_department"])
        if not name:
            fields["responsible_department"] = None
        elif name.casefold() in departments:
            fields["responsible_department"] = departments[name.casefold()]
        else:
            errors.append(
                (
                    "responsible_department",
                    _("No department named “%(value)s”.") % {"value": name},
                )
            )
    if not fields.get("city") and "city" not in dict(errors):
        errors.append(("city", _("The city is required.")))
    if not fields.get("category") and "category" not in dict(errors):
        errors.append(("category", _("The category is required.")))
    return fields, errors


def _current(relation, key):
    return getattr(relation, key)


def _departments(municipality) -> dict:
    found = {}
    for department in Department.objects.for_municipality(municipality):
        found.setdefault(department.name.casefold(), department)
        found.setdefault(department.slug.casefold(), department)
    return found


def plan_relations(access, data: bytes) -> tabular.Plan:
    """What importing `data` would do (nothing is written). TableRefused: not readable."""
    columns = RELATION_COLUMNS + MEMBER_COLUMNS
    table = tabular.read_table(data, columns, required=("city", "category"))
    municipality = access.municipality
    existing = {
        r.pk: r
        for r in Relation.objects.for_municipality(municipality).select_related(
            "responsible_department"
        )
    }
    departments = _departments(municipality)
    plan = tabular.plan_table(
        table,
        columns,
        existing=existing,
        parse=lambda values: _parse(
            {k: v for k, v in values.items() if k not in READ_ONLY}, departments
        ),
        current=_current,
    )
    _check_models(plan, municipality, columns)
    return plan


def _check_models(plan, municipality, columns) -> None:
    """The model's own rules (country code, dates in order), for every row, before any
    is written: the all-or-nothing check names each problem by row and column."""
    headings = {c.key: str(c.heading) for c in columns}
    for row in plan.rows:
        probe = Relation(municipality=municipality) if row.obj is None else _copy(row.obj)
        for key, value in row.fields.items():
            setattr(probe, key, value)
        try:
            probe.full_clean(
                exclude=["municipality", "responsible_department"], validate_unique=False
            )
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                for message in messages:
                    plan.errors.append(tabular.RowError(row.row, headings.get(key, key), message))
    plan.errors.sort(key=lambda e: e.row)


def _copy(relation):
    return copy.copy(relation)  # the preview must not change the stored object


def apply_relations(access, data: bytes, *, by) -> tabular.Plan:
    """Write what `plan_relations` shows, in one transaction: new relations, changed
    cells of existing ones (the history names `by`); rows changed in the portal since
    the export are left alone and stay in the plan's conflicts. Nothing is written when
    the file has a problem."""
    plan = plan_relations(access, data)
    if plan.errors:
        return plan
    municipality = access.municipality
    reason = _("Imported from a spreadsheet")
    with transaction.atomic():
        for row in plan.rows:
            if row.conflict:
                continue
            fields = dict(row.fields)
            if row.obj is None:
                relation = Relation(municipality=municipality)
                for key, value in fields.items():
                    setattr(relation, key, value)
                relation._history_user = by
                services.relation_create(relation=relation, reason=reason, by=by)
                continue
            if not row.cells:
                continue
            relation = row.obj
            version = row.version if row.version is not None else relation.version
            category = fields.pop("category", relation.category)
            try:
                if any(getattr(relation, k) != v for k, v in fields.items()):
                    for key, value in fields.items():
                        setattr(relation, key, value)
                    relation._history_user = by
                    services.relation_update(relation=relation, expected_version=version, by=by)
                    version = relation.version
                if category != relation.category:
                    relation._history_user = by
                    services.relation_change_category(
                        relation=relation,
                        to_category=category,
                        reason=reason,
                        by=by,
                        expected_version=version,
                    )
            except EditConflict:
                row.conflict = _(
                    "Changed in the portal since the file was exported; this row is left as it is."
                )
                raise
    return plan
