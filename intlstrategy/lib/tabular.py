"""Tables people open in Excel, and tables they bring back: written and read one way.

Exports: a declared list of `Column`s (the order is the list's, not alphabetical), each
with a heading in the page's language and a kind (text, date, amount, integer), written
as CSV (UTF-8 with a byte-order mark, so that Excel reads å, ø and ä right) or as XLSX
with typed cells (dates are dates, amounts numbers with a number format, so that the
sheet can sort and sum them). Every text cell goes through `spreadsheets.defuse`.

Imports: `read_table` takes what people save from Excel, LibreOffice or Numbers — XLSX
(read by openpyxl, not by us), or CSV with a comma or semicolon, in UTF-8 with or without
a byte-order mark or in Windows-1252 (Excel's "CSV" on a Nordic Windows). A heading is
recognised by its key or by its heading in any of the portal's languages, so a file
exported in Swedish imports on the Norwegian page.

No new dependency: openpyxl (already used for the exports and the attachments' checks)
and the csv module do the parsing; tablib would wrap the same two.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intlstrategy.spreadsheets import defuse

TEXT, DATE, AMOUNT, INTEGER = "text", "date", "amount", "integer"
DATE_FORMAT = "yyyy-mm-dd"
AMOUNT_FORMAT = "#,##0.00"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
MAX_ROWS = 2000
MAX_CELL_CHARACTERS = 1000


@dataclass(frozen=True)
class Column:
    key: str  # stable, language-independent; also accepted as a heading on import
    heading: Any  # a lazy translation: the heading in the active language
    value: Callable[[Any], Any] = None  # obj -> cell; default: getattr(obj, key)
    kind: str = TEXT

    def cell(self, obj):
        value = self.value(obj) if self.value else getattr(obj, self.key)
        if value is None or value == "":
            return None
        if self.kind == DATE:
            if isinstance(value, datetime.datetime):
                return timezone.localtime(value).date() if timezone.is_aware(value) else value
            return value
        if self.kind == AMOUNT:
            return Decimal(value)
        if self.kind == INTEGER:
            return int(value)
        return str(value)

    def headings(self) -> set[str]:
        """Every name this column goes by: its key and its heading in each language."""
        names = {self.key.casefold()}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.add(str(self.heading).strip().casefold())
        return names


def rows(columns: list[Column], objects: Iterable) -> Iterable[list]:
    yield [str(c.heading) for c in columns]
    for obj in objects:
        yield [c.cell(obj) for c in columns]


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(defuse(value) if isinstance(value, str) else value)


def write_csv(columns: list[Column], objects: Iterable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows(columns, objects):
        writer.writerow([_csv_text(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(columns: list[Column], objects: Iterable, *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    # Excel refuses these in a sheet's name.
    sheet.title = "".join(ch for ch in str(title) if ch not in "[]:*?/\\")[:31] or "data"
    widths = [len(str(c.heading)) for c in columns]
    for row in rows(columns, objects):
        sheet.append([defuse(v) if isinstance(v, str) else v for v in row])
        for index, value in enumerate(row):
            widths[index] = max(widths[index], min(len(_csv_text(value)), 60))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths[index - 1] + 2
        if column.kind in (DATE, AMOUNT):
            fmt = DATE_FORMAT if column.kind == DATE else AMOUNT_FORMAT
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_name(municipality, what: str, extension: str) -> str:
    """`vaxjo-twin-towns-2026-12-02.xlsx`: whose, what and when, for the Downloads folder."""
    return f"{municipality.slug}-{what}-{timezone.localdate().isoformat()}.{extension}"


def download(columns, objects, *, fmt: str, municipality, what: str, title: str):
    from django.http import HttpResponse

    if fmt == "csv":
        response = HttpResponse(write_csv(columns, objects), content_type=CSV_TYPE)
    else:
        response = HttpResponse(write_xlsx(columns, objects, title=title), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name(municipality, what, fmt)}"'
    return response


# ---- reading ---------------------------------------------------------------------------


class TableRefused(Exception):
    """The file as a whole cannot be read (format, encoding, columns, size)."""


@dataclass
class Table:
    keys: list[str]  # the column keys, in the file's order
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (row number, {key: cell})


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: Excel's plain "CSV" on Windows writes Windows-1252, which decodes
        # any byte (five unused ones aside), so this is the last resort, not a guess.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise TableRefused(
                _("The file is neither UTF-8 nor Windows-1252 text; save it as CSV or XLSX.")
            ) from error


def _csv_cells(data: bytes) -> list[list]:
    text = decode(data)
    first = text.split("\n", 1)[0]
    # The separator of the header line: Excel in Norway and Sweden writes ";" (the comma
    # is the decimal sign there), elsewhere ",".
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cells = []
    try:
        for row in reader:
            cells.append(row)
            if len(cells) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        raise TableRefused(
            _(
                "Row %(row)s cannot be read as CSV (check its quotation marks). Nothing was "
                "imported."
            )
            % {"row": len(cells) + 1}
        ) from error
    return cells


def xlsx_cells(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableRefused(_("The file is damaged: it cannot be read as a document.")) from error
    try:
        sheet = book.worksheets[0]
        cells = []
        for row in sheet.iter_rows(values_only=True):
            cells.append(list(row))
            if len(cells) > MAX_ROWS + 1:
                break
        return cells
    finally:
        book.close()


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def read_table(data: bytes, columns: list[Column], *, required: Iterable[str] = ()) -> Table:
    """The rows of an XLSX or CSV file as {column key: cell}; cells of a CSV are text,
    those of an XLSX what Excel stored (text, number, date). Empty rows are left out;
    row numbers are those the spreadsheet shows (1 = the headings)."""
    cells = xlsx_cells(data) if is_xlsx(data) else _csv_cells(data)
    while cells and not any(_blank(v) is not None for v in cells[0]):
        cells.pop(0)
    if not cells:
        raise TableRefused(_("The file is empty."))
    if len(cells) > MAX_ROWS + 1:
        raise TableRefused(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
    # Headings first, keys after: "Country" is the heading of the country's name even
    # where another column's key is "country".
    names = {}
    for column in columns:
        for name in column.headings() - {column.key.casefold()}:
            names.setdefault(name, column.key)
    for column in columns:
        names.setdefault(column.key.casefold(), column.key)
    keys, unknown = [], []
    for heading in cells[0]:
        text = "" if heading is None else str(heading).strip().lstrip("'")
        if not text:
            keys.append("")
            continue
        key = names.get(text.casefold())
        if key is None:
            unknown.append(text)
        keys.append(key or "")
    missing = [c for c in columns if c.key in required and c.key not in keys]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(_("missing columns: %s") % ", ".join(str(c.heading) for c in missing))
        if unknown:
            parts.append(_("unknown columns: %s") % ", ".join(unknown))
        raise TableRefused(
            _(
                "The columns do not match (%(problems)s). The first line must name the columns; "
                "allowed are: %(allowed)s."
            )
            % {"problems": "; ".join(parts), "allowed": ", ".join(str(c.heading) for c in columns)}
        )
    table = Table(keys=[k for k in keys if k])
    for number, row in enumerate(cells[1:], start=2):
        values = {}
        for key, value in zip(keys, row, strict=False):
            if key:
                values[key] = _blank(value)
        if any(v is not None for v in values.values()):
            table.rows.append((number, values))
    return table


def _blank(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


# ---- cells back into values (each raises ValueError with the message to show) ----------


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if "\x00" in text:
        raise ValueError(_("The cell contains a NUL character (byte 0); remove it and try again."))
    if len(text) > MAX_CELL_CHARACTERS:
        raise ValueError(
            _("The cell is %(length)s characters long; at most %(max)s are accepted.")
            % {"length": len(text), "max": MAX_CELL_CHARACTERS}
        )
    # An exported cell that looked like a formula came out with an apostrophe in front.
    if text.startswith("'") and text[1:].startswith(("=", "+", "-", "@")):
        text = text[1:]
    return text


def date_of(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for parse in (
        datetime.date.fromisoformat,
        lambda t: datetime.datetime.strptime(t, "%d.%m.%Y").date(),  # noqa: DTZ007
    ):
        try:
            return parse(text)
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": text})


def amount_of(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = str(value).replace(" ", "").replace("\u00a0", "").replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite():
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": value})
    return amount


def integer_of(value) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value})
    return int(number)


def choice_of(value, choices) -> str:
    """The stored value of a choice given as its value or its label in any language."""
    text = text_of(value)
    if not text:
        return ""
    wanted = text.casefold()
    for stored, label in choices.choices:
        if wanted == str(stored).casefold():
            return stored
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                if wanted == str(label).casefold():
                    return stored
    allowed = ", ".join(str(label) for _stored, label in choices.choices)
    raise ValueError(
        _("Unknown value “%(value)s”; use one of: %(allowed)s.")
        % {"value": text, "allowed": allowed}
    )


def label_of(choices, value) -> str:
    if not value:
        return ""
    return str(dict(choices.choices).get(value, value))


def departments_by_name(municipality) -> dict:
    """{name or short name, casefolded: department} of the municipality's departments,
    their names in every language (an export names them in the exporter's)."""
    from intlstrategy.lib import languages
    from intlstrategy.models import Department

    found = {}
    for department in Department.objects.for_municipality(municipality):
        for name in (
            department.name,
            *(getattr(department, f"name_{code}", "") for code in languages.codes()),
            department.slug,
        ):
            if name:
                found.setdefault(name.casefold(), department)
    return found


def department_of(value, departments: dict):
    """The department a cell names (see `departments_by_name`), None for an empty cell."""
    name = text_of(value)
    if not name:
        return None
    if name.casefold() not in departments:
        raise ValueError(_("No department named “%(value)s”.") % {"value": name})
    return departments[name.casefold()]


# ---- a round trip: what an edited export would change, then applying it ----------------


@dataclass
class RowError:
    row: int  # as the spreadsheet numbers it (1 = the headings)
    column: str  # the column's heading in the reader's language
    message: str


@dataclass
class RowPlan:
    row: int
    obj: Any  # the existing object (None: a new row)
    fields: dict  # key -> the value to write
    version: int | None  # the version the export was made from
    cells: list = field(default_factory=list)  # [(heading, old text, new text)]
    conflict: str = ""  # set when the object changed since the export

    @property
    def is_new(self) -> bool:
        return self.obj is None

    @property
    def is_changed(self) -> bool:
        return self.obj is not None and bool(self.cells) and not self.conflict


@dataclass
class Plan:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def new(self):
        return [r for r in self.rows if r.is_new]

    @property
    def changed(self):
        return [r for r in self.rows if r.is_changed]

    @property
    def conflicts(self):
        return [r for r in self.rows if r.conflict]

    @property
    def untouched(self):
        return [r for r in self.rows if r.obj is not None and not r.cells and not r.conflict]


def shown(value) -> str:
    """A value as the preview shows it (old → new)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def plan_table(
    table: Table,
    columns: list[Column],
    *,
    existing: dict,
    parse: Callable[[dict], tuple[dict, list[tuple[str, str]]]],
    current: Callable[[Any, str], Any],
    match: Callable[[dict], tuple[Any, list[tuple[str, str]]]] | None = None,
) -> Plan:
    """Compare each row with what is stored. `existing`: {id: object} of the objects the
    importer may change (a row whose id is not there is an error: another municipality's
    record or a removed one); `parse(values)`: (fields, [(key, message)]); `current(obj,
    key)`: the stored value, comparable with the parsed one. The key "id" matches rows,
    "version" is the version the export was made from. `match(values)`, if given, finds
    the stored object another way ((object or None, [(key, message)])): the rows then
    carry no version."""
    by_key = {c.key: c for c in columns}
    plan = Plan()
    seen_ids = set()
    for number, values in table.rows:
        errors = []
        obj, version, pk = None, None, None
        if match is not None:
            obj, errors = match(values)
        else:
            try:
                pk = integer_of(values.get("id"))
                version = integer_of(values.get("version"))
            except ValueError as error:
                errors.append(("id", str(error)))
        if pk is not None:
            obj = existing.get(pk)
            if obj is None:
                errors.append(("id", _("No record with the id %(id)s here.") % {"id": pk}))
            elif pk in seen_ids:
                errors.append(("id", _("The id %(id)s is in the file twice.") % {"id": pk}))
            seen_ids.add(pk)
        fields, field_errors = parse(values)
        errors += field_errors
        for key, message in errors:
            column = by_key.get(key)
            plan.errors.append(RowError(number, str(column.heading) if column else key, message))
        if errors:
            continue
        row = RowPlan(row=number, obj=obj, fields=fields, version=version)
        if obj is not None:
            for key, new in fields.items():
                old = current(obj, key)
                if shown(old) != shown(new):
                    row.cells.append((str(by_key[key].heading), shown(old), shown(new)))
            if version is not None and version != obj.version and row.cells:
                row.conflict = _(
                    "Changed in the portal since the file was exported; this row is left as it is."
                )
        plan.rows.append(row)
    return plan


def keep_upload(data: bytes, *, scope: str, user) -> str:
    """Keep an uploaded file for an hour, between its preview and its applying; the token
    is only good for the same person and scope (municipality and register)."""
    import secrets

    from django.core.cache import cache

    token = secrets.token_urlsafe(16)
    cache.set(f"tabular:{scope}:{user.pk}:{token}", data, 3600)
    return token


def kept_upload(token: str, *, scope: str, user) -> bytes | None:
    from django.core.cache import cache

    return cache.get(f"tabular:{scope}:{user.pk}:{token}")


def forget_upload(token: str, *, scope: str, user) -> None:
    from django.core.cache import cache

    cache.delete(f"tabular:{scope}:{user.pk}:{token}")


def check_upload(upload, *, max_bytes: int = 5 * 1024 * 1024) -> bytes:
    """The bytes of an uploaded CSV or XLSX, or ValidationError: size, and for an XLSX its
    content (not its name) and the archive's unpacked size (intlstrategy.uploads)."""
    from django.core.exceptions import ValidationError

    from intlstrategy import uploads

    uploads.check_size(upload, max_bytes=max_bytes)
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head == b"PK\x03\x04":
        if uploads.detect_kind(upload) != "xlsx":
            raise ValidationError(_("The file is neither CSV nor XLSX."), code="file_kind")
        uploads.check_archive(upload)
    elif head.startswith(b"%PDF"):
        raise ValidationError(_("The file is neither CSV nor XLSX."), code="file_kind")
    # Other bytes are read as text: a stray NUL is then named by its row and column.
    return upload.read()


CONFLICT = gettext_lazy(
    "Changed in the portal since the file was exported; this row is left as it is."
)


class _Rollback(Exception):
    pass


def write_plan(
    plan: Plan, columns: list[Column], write: Callable[[RowPlan], None], *, dry_run: bool = False
) -> Plan:
    """Write the plan's new and changed rows with `write(row)` (which calls the app's
    services) in one transaction: a service's ValidationError becomes a problem named by
    row and column, and then nothing is written. With `dry_run` the writes are undone in
    any case, so that the preview finds what the services would refuse. A version
    conflict (EditConflict) is left to the caller: somebody saved while this ran."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    headings = {c.key: str(c.heading) for c in columns}
    try:
        with transaction.atomic():
            for row in plan.rows:
                if row.conflict or not (row.is_new or row.cells):
                    continue
                original = row.obj
                if dry_run and original is not None:
                    # The services change the object they are given: the preview shows
                    # the stored one ("now"), so the trial write gets a copy.
                    row.obj = copy.copy(original)
                try:
                    with transaction.atomic():
                        write(row)
                except ValidationError as error:
                    problems = (
                        error.message_dict.items()
                        if hasattr(error, "error_dict")
                        else [("", error.messages)]
                    )
                    for key, messages in problems:
                        for message in messages:
                            plan.errors.append(RowError(row.row, headings.get(key, "–"), message))
                finally:
                    row.obj = original
            if plan.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    plan.errors.sort(key=lambda e: e.row)
    return plan


def import_page(
    request,
    *,
    scope: str,
    plan: Callable[[bytes], Plan],
    apply: Callable[[bytes], Plan],
    conflict_message: str,
    form_class=None,
):
    """The view side of every spreadsheet import: the upload is checked and previewed
    (and kept, under a token, for an hour), the preview's button applies it. Returns
    (context for the template, status), or (None, summary) when the import was applied
    (the view adds the message and redirects)."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError

    from intlstrategy.concurrency import EditConflict
    from intlstrategy.lib.forms import TableImportForm

    form_class = form_class or TableImportForm
    form = form_class(request.POST or None, request.FILES or None)
    result, token, status = None, "", 200
    if request.method == "POST" and request.POST.get("token"):
        token = request.POST["token"]
        data = kept_upload(token, scope=scope, user=request.user)
        if data is None:
            form = form_class()
            form.add_error(None, _("The uploaded file is no longer kept; upload it again."))
            return {"form": form, "plan": None, "token": ""}, 400
        try:
            result = apply(data)
        except EditConflict:
            messages.error(request, conflict_message)
            result, status = plan(data), 409
        else:
            if not result.errors:
                forget_upload(token, scope=scope, user=request.user)
                return None, summary(result)
            status = 400
        form = form_class()
    elif request.method == "POST" and form.is_valid():
        try:
            data = check_upload(form.cleaned_data["file"])
            result = plan(data)
        except ValidationError as exc:
            form.add_error("file", exc)
            status = 400
        except TableRefused as exc:
            form.add_error("file", str(exc))
            status = 400
        else:
            if result.errors:
                status = 400
            else:
                token = keep_upload(data, scope=scope, user=request.user)
    elif request.method == "POST":
        status = 400
    context = {
        "form": form,
        "plan": result,
        "token": token if result is not None and not result.errors else "",
    }
    return context, status


def summary(plan: Plan) -> str:
    text = _("Imported: %(new)s new, %(changed)s changed, %(untouched)s unchanged.") % {
        "new": len(plan.new),
        "changed": len(plan.changed),
        "untouched": len(plan.untouched),
    }
    if plan.conflicts:
        text += " " + _(
            "%(count)s rows were changed in the portal since the export and were left as they are."
        ) % {"count": len(plan.conflicts)}
    return text
