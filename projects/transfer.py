"""The register as CSV / Excel, and importing a CSV (all rows or none)."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intlstrategy.lib import languages, tabular
from intlstrategy.lib.tabular import Column
from intlstrategy.models import Department

from .models import Currency, FundingProgramme, MunicipalityRole, Project, ProjectStatus
from .services import project_create

# The column set of export and import: a file exported from the register can be
# edited in a spreadsheet and imported into another municipality's register.
REQUIRED_COLUMNS = ["title", "status", "lead_department"]
# "id" and "version" make the round trip: a row with an id updates that project (after
# a preview of what changes), a project changed in the portal since the export is left
# alone; rows without an id are new projects.
COLUMNS = [
    "id",
    "version",
    "title",
    "acronym",
    "programme",
    "role",
    "status",
    "lead_department",
    "start_date",
    "end_date",
    "submitted_on",
    "currency",
    "total_budget",
    "municipality_budget",
    "grant",
    "co_financing",
    "programme_project_id",
    "keep_eu_url",
    "cordis_url",
]
AMOUNT_COLUMNS = ["total_budget", "municipality_budget", "grant", "co_financing"]
DATE_COLUMNS = ["start_date", "end_date", "submitted_on"]
MAX_ROWS = 2000
MAX_FILE_BYTES = 5 * 1024 * 1024
# The longest cell any column may hold (the longest field is 300 characters); a longer
# one is named by row and column instead of being read into the checks.
MAX_CELL_CHARACTERS = 1000
# The csv module refuses a cell over 131,072 characters with an error that names neither
# row nor column. Cells up to the file's own size limit are read, so that MAX_CELL_CHARACTERS
# can name them. (The limit is per process; raising it changes nothing for other readers.)
csv.field_size_limit(max(csv.field_size_limit(), MAX_FILE_BYTES))


def _heading(key):
    from django.utils.text import capfirst

    return capfirst(Project._meta.get_field(key).verbose_name)


def _programme(p):
    return (p.programme.short_name or p.programme.name) if p.programme else ""


# The register for people: headings in the page's language (the import reads them in
# any language, and the keys above as well), the status and role as the page names
# them, the department by name, dates and amounts typed in XLSX.
EXPORT_COLUMNS = [
    Column("id", gettext_lazy("ID"), kind=tabular.INTEGER),
    Column("version", gettext_lazy("Version"), kind=tabular.INTEGER),
    Column("title", _heading("title")),
    Column("acronym", _heading("acronym")),
    Column("programme", _heading("programme"), _programme),
    Column("role", _heading("role"), lambda p: p.get_role_display()),
    Column("status", _heading("status"), lambda p: p.get_status_display()),
    Column("lead_department", _heading("lead_department"), lambda p: p.lead_department.name),
    *(Column(c, _heading(c), kind=tabular.DATE) for c in DATE_COLUMNS),
    Column("currency", _heading("currency")),
    *(Column(c, _heading(c), kind=tabular.AMOUNT) for c in AMOUNT_COLUMNS),
    *(Column(c, _heading(c)) for c in ("programme_project_id", "keep_eu_url", "cordis_url")),
]
assert [c.key for c in EXPORT_COLUMNS] == COLUMNS


def export_csv(projects) -> bytes:
    return tabular.write_csv(EXPORT_COLUMNS, projects)


def export_xlsx(projects, title: str) -> bytes:
    return tabular.write_xlsx(EXPORT_COLUMNS, projects, title=title)


def _header_keys(header: list[str]) -> list[str]:
    """Each heading as its column key: keys stay, headings in any language are mapped."""
    names = {}
    for column in EXPORT_COLUMNS:
        for name in column.headings():
            names.setdefault(name, column.key)
    return [h if h in COLUMNS else names.get(h.casefold(), h) for h in header]


@dataclass
class RowError:
    row: int  # 1 = the header line, so data starts at 2 (as a spreadsheet numbers them)
    column: str
    message: str


class ImportRefused(Exception):
    """The file as a whole cannot be read: encoding, columns, size."""


@dataclass
class ImportResult:
    created: list
    errors: list


def read_csv(data: bytes) -> list[dict]:
    """The rows of a CSV (comma or semicolon; UTF-8 with or without BOM, or Windows-1252)
    or XLSX file as {column: text}: the name says CSV for the callers' sake."""
    if tabular.is_xlsx(data):
        try:
            text = _xlsx_as_csv(data)
        except tabular.TableRefused as error:
            raise ImportRefused(str(error)) from error
    else:
        try:
            text = tabular.decode(data)
        except tabular.TableRefused as error:
            raise ImportRefused(str(error)) from error
    if not text.strip():
        raise ImportRefused(_("The file is empty."))
    dialect = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        pass
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = _header_keys([h.strip().lstrip("\ufeff") for h in (reader.fieldnames or [])])
    unknown = [h for h in header if h not in COLUMNS]
    missing = [h for h in REQUIRED_COLUMNS if h not in header]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(_("missing columns: %s") % ", ".join(missing))
        if unknown:
            parts.append(_("unknown columns: %s") % ", ".join(unknown))
        raise ImportRefused(
            _(
                "The columns do not match (%(problems)s). The first line must name the columns; "
                "allowed are: %(allowed)s."
            )
            % {"problems": "; ".join(parts), "allowed": ", ".join(COLUMNS)}
        )
    reader.fieldnames = header
    rows = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # The line after the last one read (1 = the header).
            raise ImportRefused(
                _(
                    "Row %(row)s cannot be read as CSV (check its quotation marks). Nothing was "
                    "imported."
                )
                % {"row": len(rows) + 2}
            ) from error
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise ImportRefused(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    return rows


def _xlsx_as_csv(data: bytes) -> str:
    """The first sheet as CSV text, so that both kinds of file pass the same checks; dates
    as YYYY-MM-DD and whole numbers without ".0", as the CSV import expects them."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in tabular.xlsx_cells(data):
        writer.writerow([_cell_text(v) for v in row])
    return out.getvalue()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _lookups(access):
    municipality = access.municipality
    departments = {}
    for d in Department.objects.for_municipality(municipality):
        departments[d.slug] = d
        for name in (d.name, *(getattr(d, f"name_{code}", "") for code in languages.codes())):
            if name:  # the export names departments, in the exporter's language
                departments.setdefault(name.casefold(), d)
    programmes = {}
    for p in FundingProgramme.objects.usable_by(municipality):
        programmes.setdefault(p.name.casefold(), p)
        if p.short_name:
            programmes.setdefault(p.short_name.casefold(), p)
    return departments, programmes


def import_csv(*, access, by, data: bytes, progress=None) -> ImportResult:
    """Validate every row; save all of them in one transaction, or none if any row fails.
    `progress(done, total)`, if given, is called now and then (a background import shows
    it); `done` counts rows checked, then rows saved (total: twice the rows)."""
    rows = read_csv(data)
    total = 2 * len(rows)

    def report(done):
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)

    municipality = access.municipality
    departments, programmes = _lookups(access)
    errors: list[RowError] = []
    parsed = []
    for number, row in enumerate(rows, start=2):
        fields, row_errors = _parse_row(row, departments, programmes, access)
        if (row.get("id") or "").strip():
            # The view previews a file with ids (plan_projects); a row that still gets
            # here would otherwise become a copy of the project it names.
            row_errors.append(("id", _("Rows with an ID update a project: check the file first.")))
        errors += [RowError(number, c, m) for c, m in row_errors]
        parsed.append((number, fields, not row_errors))
        report(number - 1)
    created = []
    if errors:
        return ImportResult(created=[], errors=errors)
    try:
        with transaction.atomic():
            for number, fields, _ok in parsed:
                report(len(rows) + number - 1)
                try:
                    created.append(
                        project_create(
                            municipality=municipality, by=by, note=_("Imported"), **fields
                        )
                    )
                except ValidationError as exc:
                    for column, messages in exc.message_dict.items():
                        for message in messages:
                            errors.append(
                                RowError(number, column if column in COLUMNS else "–", message)
                            )
            if errors:
                raise _Rollback
    except _Rollback:
        return ImportResult(created=[], errors=errors)
    return ImportResult(created=created, errors=[])


class _Rollback(Exception):
    pass


def _choice(text: str, choices) -> str:
    """The stored value of a status or role given as its value or its label; what was
    typed if neither (the caller names it as unknown)."""
    try:
        return tabular.choice_of(text, choices)
    except ValueError:
        return text


def _parse_row(row, departments, programmes, access):
    errors = []
    value = {}
    for column, cell in row.items():
        if not column:
            continue
        cell = (cell or "").strip()
        if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@"):
            cell = cell[1:]  # the export's neutralised formula: the text as it was typed
        if "\x00" in cell:
            # PostgreSQL cannot store it, and nobody types it: a file damaged or not text.
            errors.append(
                (column, _("The cell contains a NUL character (byte 0); remove it and try again."))
            )
            cell = ""
        elif len(cell) > MAX_CELL_CHARACTERS:
            errors.append(
                (
                    column,
                    _("The cell is %(length)s characters long; at most %(max)s are accepted.")
                    % {"length": len(cell), "max": MAX_CELL_CHARACTERS},
                )
            )
            cell = ""
        value[column] = cell
    fields = {
        "title": value.get("title", ""),
        "acronym": value.get("acronym", ""),
        "programme_project_id": value.get("programme_project_id", ""),
        "keep_eu_url": value.get("keep_eu_url", ""),
        "cordis_url": value.get("cordis_url", ""),
    }
    if not fields["title"]:
        errors.append(("title", _("The title is required.")))
    status = _choice(value.get("status", ""), ProjectStatus)
    if status not in ProjectStatus.values:
        errors.append(
            (
                "status",
                _("Unknown status “%(value)s”; use one of: %(allowed)s.")
                % {"value": status, "allowed": ", ".join(ProjectStatus.values)},
            )
        )
    else:
        fields["status"] = status
    role = _choice(value.get("role", ""), MunicipalityRole) or MunicipalityRole.PARTNER
    if role not in MunicipalityRole.values:
        errors.append(
            (
                "role",
                _("Unknown role “%(value)s”; use one of: %(allowed)s.")
                % {"value": role, "allowed": ", ".join(MunicipalityRole.values)},
            )
        )
    else:
        fields["role"] = role
    slug = value.get("lead_department", "")
    department = departments.get(slug) or departments.get(slug.casefold())
    if department is None:
        errors.append(
            (
                "lead_department",
                _("No department with the short name “%(value)s”.") % {"value": slug},
            )
        )
    elif not (access.is_coordinator or department.pk in access.department_ids):
        errors.append(
            (
                "lead_department",
                _("You may not register projects for %(department)s.")
                % {"department": department.name},
            )
        )
    else:
        fields["lead_department"] = department
    programme = value.get("programme", "")
    if programme:
        found = programmes.get(programme.casefold())
        if found is None:
            errors.append(
                ("programme", _("Unknown funding programme “%(value)s”.") % {"value": programme})
            )
        fields["programme"] = found
    currency = value.get("currency", "") or Currency.EUR
    if currency.upper() not in Currency.values:
        errors.append(
            (
                "currency",
                _("Unknown currency “%(value)s”; use EUR, SEK or NOK.") % {"value": currency},
            )
        )
    else:
        fields["currency"] = currency.upper()
    for column in DATE_COLUMNS:
        if value.get(column):
            try:
                fields[column] = datetime.date.fromisoformat(value[column])
            except ValueError:
                errors.append(
                    (
                        column,
                        _("“%(value)s” is not a date; write it as YYYY-MM-DD.")
                        % {"value": value[column]},
                    )
                )
    for column in AMOUNT_COLUMNS:
        if value.get(column):
            text = value[column].replace(" ", "").replace("\u00a0", "").replace(",", ".")
            try:
                amount = Decimal(text)
            except InvalidOperation:
                amount = None
            # NaN, sNaN and Infinity are Decimals too, but not amounts (and comparing
            # a signalling NaN raises).
            if amount is None or not amount.is_finite():
                errors.append(
                    (column, _("“%(value)s” is not an amount.") % {"value": value[column]})
                )
                continue
            if amount < 0:
                errors.append((column, _("Amounts cannot be negative.")))
            fields[column] = amount
    # The model's own rules (end before start, grant above total budget …), checked even
    # when other cells of the row are wrong, so that one pass lists every problem.
    probe = Project(municipality=access.municipality, **fields)
    seen = {column for column, _message in errors}
    try:
        # Not checked again here (project_create does, once per row): the municipality,
        # department and programme were found in the database just now, and the
        # constraints repeat Project.clean() (each one costs a query per row).
        probe.full_clean(
            exclude=["municipality", "lead_department", "programme", *seen],
            validate_constraints=False,
        )
    except ValidationError as exc:
        for column, messages in exc.message_dict.items():
            if column in seen:
                continue
            for message in messages:
                errors.append((column if column in COLUMNS else "–", message))
    return fields, errors


IMPORT_HELP = gettext_lazy(
    "An XLSX or CSV file (UTF-8 or Windows-1252, commas or semicolons) whose first line "
    "names the columns. Required: title, status, "
    "lead_department (the department's short name). Dates as YYYY-MM-DD, amounts with a "
    "decimal point."
)


# ---- the round trip: an edited export updates the projects it names --------------------


def has_ids(rows: list[dict]) -> bool:
    return any((row.get("id") or "").strip() for row in rows)


def plan_projects(access, data: bytes) -> tabular.Plan:
    """What importing an edited export would do: the changed cells of each project a row
    names by its id, the rows without one as new projects. Nothing is written (the writes
    are tried and undone, so that the services' refusals are listed too)."""
    from .permissions import can_edit

    rows = read_csv(data)
    table = tabular.Table(
        keys=list(rows[0].keys()) if rows else [],
        rows=[(number, row) for number, row in enumerate(rows, start=2)],
    )
    existing = {
        p.pk: p
        for p in Project.objects.for_municipality(access.municipality).select_related(
            "lead_department", "programme"
        )
    }
    departments, programmes = _lookups(access)

    def parse(values):
        present = {k for k, v in values.items() if k and v is not None}
        fields, errors = _parse_row(
            {k: v for k, v in values.items() if k not in ("id", "version")},
            departments,
            programmes,
            access,
        )
        if (values.get("id") or "").strip():
            # Only what the file has a column for changes (role and currency have
            # defaults for a new project, not for one already registered).
            fields = {k: v for k, v in fields.items() if k in present}
            try:
                project = existing.get(tabular.integer_of(values.get("id")))
            except ValueError:
                project = None  # plan_table names the cell
            if project is not None and not can_edit(access, project):
                errors.append(
                    ("id", _("You may not change the project “%(title)s”.") % {"title": project})
                )
        return fields, errors

    plan = tabular.plan_table(
        table, EXPORT_COLUMNS, existing=existing, parse=parse, current=getattr
    )
    if not plan.errors:
        write_projects(plan, access=access, by=None, dry_run=True)
    return plan


def write_projects(plan, *, access, by, dry_run=False):
    from .services import project_change_status, project_update

    def write(row):
        fields = dict(row.fields)
        if row.is_new:
            project_create(municipality=access.municipality, by=by, note=_("Imported"), **fields)
            return
        project = row.obj
        changed = {heading for heading, _old, _new in row.cells}
        keys = [c.key for c in EXPORT_COLUMNS if str(c.heading) in changed and c.key in fields]
        status = fields.get("status") if "status" in keys else None
        data = {k: fields[k] for k in keys if k != "status"}
        version = row.version if row.version is not None else project.version
        if data:
            project_update(project=project, by=by, expected_version=version, **data)
        if status:
            try:
                project_change_status(
                    project=project,
                    to=status,
                    on=timezone.localdate(),
                    by=by,
                    note=_("Imported"),
                )
            except ValidationError as error:
                raise ValidationError({"status": error.messages}) from error

    return tabular.write_plan(plan, EXPORT_COLUMNS, write, dry_run=dry_run)


def apply_projects(access, data: bytes, *, by) -> tabular.Plan:
    """Write what `plan_projects` shows, all or nothing; the history names `by`."""
    plan = plan_projects(access, data)
    if plan.errors:
        return plan
    return write_projects(plan, access=access, by=by)
