"""A strategy document as spreadsheets: one row per measure, one per action-plan activity,
one per indicator value; activities and indicator values imported back.

Only adopted and superseded documents (drafts are not public, and are not exported to
anyone: a file outlives the draft it was made from). Texts in the page's language, with
modeltranslation's fallback; departments by name.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intlstrategy.lib import languages, tabular
from intlstrategy.lib.tabular import AMOUNT, DATE, INTEGER, Column

from . import services
from .models import ActionPlan, ActionPlanActivity, Indicator, IndicatorValue, Measure


def _names(items) -> str:
    return "; ".join(str(item.name) for item in items)


def _goal_areas(items) -> str:
    return "; ".join(f"{area.number}. {area.title}" for area in items)


MEASURE_COLUMNS = [
    Column("strategy_number", gettext_lazy("Strategy no."), lambda m: m.strategy.number, INTEGER),
    Column("strategy", gettext_lazy("Strategy"), lambda m: m.strategy.title),
    Column("letter", gettext_lazy("Measure")),
    Column("text", gettext_lazy("Text")),
    Column(
        "departments",
        gettext_lazy("Responsible departments"),
        lambda m: _names(m.responsible_departments.all()),
    ),
    Column("goal_areas", gettext_lazy("Goal areas"), lambda m: _goal_areas(m.goal_areas.all())),
]


def _measure_code(measure) -> str:
    return f"{measure.strategy.number}{measure.letter}"


def _measure_codes(measures) -> str:
    """ "1a, 2b": the measures in the document's order, so that the export and a file
    typed by hand compare equal whatever order the cell lists them in."""
    ordered = sorted(measures, key=lambda m: (m.strategy.number, m.letter))
    return ", ".join(_measure_code(m) for m in ordered)


ACTIVITY_COLUMNS = [
    # For the round trip: an edited export updates these activities (rows without an id
    # are new ones), and one changed in the portal since the export is left alone.
    Column("id", gettext_lazy("ID"), kind=INTEGER),
    Column("version", gettext_lazy("Version"), kind=INTEGER),
    Column("action_plan", gettext_lazy("Action plan"), lambda a: str(a.action_plan)),
    Column("number", gettext_lazy("No."), kind=INTEGER),
    Column("title", gettext_lazy("Activity")),
    Column("description", gettext_lazy("Description")),
    Column(
        "responsible_department",
        gettext_lazy("Responsible department"),
        lambda a: a.responsible_department.name if a.responsible_department else "",
    ),
    Column("starts_on", gettext_lazy("Start"), kind=DATE),
    Column("ends_on", gettext_lazy("End"), kind=DATE),
    Column("result_target", gettext_lazy("Result target")),
    Column("resources_amount", gettext_lazy("Resources needed"), kind=AMOUNT),
    Column("resources_currency", gettext_lazy("Currency")),
    Column(
        "measures",
        gettext_lazy("Measures"),
        lambda a: _measure_codes(a.measures.all()),
    ),
]

VALUE_COLUMNS = [
    Column("indicator_id", gettext_lazy("Indicator ID"), lambda v: v.indicator_id, INTEGER),
    Column("indicator", gettext_lazy("Indicator no."), lambda v: v.indicator.number, INTEGER),
    Column("name", gettext_lazy("Indicator"), lambda v: v.indicator.name),
    Column("year", gettext_lazy("Year"), kind=INTEGER),
    Column("value", gettext_lazy("Value"), kind=AMOUNT),
    Column("note", gettext_lazy("Note")),
]


def measures_of(document, municipality):
    """The measures of the common part and of `municipality`'s own part, in order."""
    return (
        Measure.objects.filter(strategy__document=document)
        .filter(Q(strategy__municipality__isnull=True) | Q(strategy__municipality=municipality))
        .select_related("strategy")
        .prefetch_related("responsible_departments", "goal_areas")
        .order_by("strategy__number", "letter", "pk")
    )


def activities_of(document):
    return (
        ActionPlanActivity.objects.filter(action_plan__document=document)
        .select_related("action_plan", "responsible_department")
        .prefetch_related(Prefetch("measures", queryset=Measure.objects.select_related("strategy")))
        .order_by("action_plan__start_year", "action_plan__pk", "number")
    )


def values_of(document):
    return (
        IndicatorValue.objects.filter(indicator__action_plan__document=document)
        .select_related("indicator")
        .order_by("indicator__action_plan__start_year", "indicator__number", "year")
    )


def export(access, document, what: str, fmt: str):
    if what == "indicator-values":
        columns, rows, title = VALUE_COLUMNS, values_of(document), _("Indicator values")
    elif what == "measures":
        columns, rows, title = (
            MEASURE_COLUMNS,
            measures_of(document, access.municipality),
            _("Measures"),
        )
    else:
        columns, rows, title = ACTIVITY_COLUMNS, activities_of(document), _("Activities")
    return tabular.download(
        columns,
        rows,
        fmt=fmt,
        municipality=access.municipality,
        what=f"strategy-{document.pk}-{what}",
        title=title,
    )


# ---- import: activities ----------------------------------------------------------------

# Read from a file but never written by an import: the id and version match the row,
# and an activity stays in its action plan (the column places new rows only).
ACTIVITY_READ_ONLY = {"id", "version", "action_plan"}
TRANSLATED = ("title", "description", "result_target")


def _language_field(key: str) -> str:
    """A text is imported in the language of the page it was exported from (the
    export's headings are in it): `title` on the Swedish page is `title_sv`."""
    if key not in TRANSLATED:
        return key
    code = translation.get_language() or languages.codes()[0]
    code = code if code in languages.codes() else languages.codes()[0]
    return languages.column(key, code)


def _action_plans(document) -> dict:
    found = {}
    for plan in ActionPlan.objects.filter(document=document).order_by("start_year", "pk"):
        names = {str(plan)}
        for code in languages.codes():
            title = getattr(plan, languages.column("title", code), "")
            if title:
                names |= {title, f"{title} {plan.start_year}–{plan.end_year}"}
        names.add(f"{plan.start_year}–{plan.end_year}")
        for name in names:
            found.setdefault(name.casefold(), plan)
    return found


def _measures(document, municipality) -> dict:
    return {_measure_code(m).casefold(): m for m in measures_of(document, municipality)}


def _parse_activity(values, *, departments, measures, plans) -> tuple[dict, list]:
    fields, errors = {}, []

    def take(key, convert):
        if key not in values:
            return
        try:
            fields[key] = convert(values[key])
        except ValueError as error:
            errors.append((key, str(error)))

    take("number", tabular.integer_of)
    for key in TRANSLATED:
        take(key, tabular.text_of)
    take("starts_on", tabular.date_of)
    take("ends_on", tabular.date_of)
    take("resources_amount", tabular.amount_of)
    take("resources_currency", lambda v: tabular.text_of(v).upper())
    if "responsible_department" in values:
        take(
            "responsible_department",
            lambda v: tabular.department_of(v, departments),
        )
    if "measures" in values:
        codes = [c.strip() for c in tabular.text_of(values["measures"]).split(",") if c.strip()]
        unknown = [c for c in codes if c.replace(" ", "").casefold() not in measures]
        if unknown:
            errors.append(
                (
                    "measures",
                    _("No measure %(codes)s in this strategy; write them as 1a, 2b.")
                    % {"codes": ", ".join(unknown)},
                )
            )
        else:
            fields["measures"] = _measure_codes(
                measures[c.replace(" ", "").casefold()] for c in codes
            )
    if "action_plan" in values:
        name = tabular.text_of(values["action_plan"])
        if name:
            plan = plans.get(name.casefold())
            if plan is None:
                errors.append(
                    (
                        "action_plan",
                        _("No action plan “%(value)s” in this strategy.") % {"value": name},
                    )
                )
            fields["action_plan"] = plan
    if "number" in values and fields.get("number") is None and "number" not in dict(errors):
        errors.append(("number", _("The number is required.")))
    if "title" in values and not fields.get("title") and "title" not in dict(errors):
        errors.append(("title", _("The title is required.")))
    return fields, errors


def _current_activity(activity, key):
    if key == "measures":
        return _measure_codes(activity.measures.all())
    return getattr(activity, key)


def plan_activities(access, document, data: bytes) -> tabular.Plan:
    """What importing `data` into the document's action plans would do. TableRefused:
    the file cannot be read."""
    table = tabular.read_table(data, ACTIVITY_COLUMNS, required=("number", "title"))
    municipality = access.municipality
    existing = {a.pk: a for a in activities_of(document)}
    plans = _action_plans(document)
    distinct_plans = set(plans.values())
    single = next(iter(distinct_plans)) if len(distinct_plans) == 1 else None
    departments = tabular.departments_by_name(municipality)
    measures = _measures(document, municipality)

    def parse(values):
        new = not values.get("id")
        kept = {
            k: v
            for k, v in values.items()
            if k not in ACTIVITY_READ_ONLY or (new and k == "action_plan")
        }
        fields, errors = _parse_activity(
            kept, departments=departments, measures=measures, plans=plans
        )
        if new and fields.get("action_plan") is None and "action_plan" not in dict(errors):
            if single is None:
                errors.append(
                    ("action_plan", _("Name the action plan the new activity belongs to."))
                )
            else:
                fields["action_plan"] = single
        return fields, errors

    plan = tabular.plan_table(
        table, ACTIVITY_COLUMNS, existing=existing, parse=parse, current=_current_activity
    )
    if not plan.errors:
        write_activities(plan, measures=measures, by=None, dry_run=True)
    return plan


def write_activities(plan, *, measures, by, dry_run=False):
    def write(row):
        fields = dict(row.fields)
        codes = fields.pop("measures", None)
        chosen = None if codes is None else [measures[c.casefold()] for c in codes.split(", ") if c]
        if row.is_new:
            action_plan = fields.pop("action_plan")
            data = {_language_field(k): v for k, v in fields.items()}
            services.activity_create(action_plan=action_plan, by=by, measures=chosen or (), **data)
            return
        activity = row.obj
        changed = {heading for heading, _old, _new in row.cells}
        keys = [c.key for c in ACTIVITY_COLUMNS if str(c.heading) in changed and c.key in fields]
        data = {_language_field(k): fields[k] for k in keys if k != "measures"}
        services.activity_update(
            activity=activity,
            by=by,
            expected_version=row.version if row.version is not None else activity.version,
            measures=chosen if "measures" in keys else None,
            **data,
        )

    return tabular.write_plan(plan, ACTIVITY_COLUMNS, write, dry_run=dry_run)


def apply_activities(access, document, data: bytes, *, by) -> tabular.Plan:
    """Write what `plan_activities` shows, all or nothing, through the action-plan
    services (the history names `by`). EditConflict: an activity was saved meanwhile."""
    plan = plan_activities(access, document, data)
    if plan.errors:
        return plan
    return write_activities(plan, measures=_measures(document, access.municipality), by=by)


# ---- import: indicator values ------------------------------------------------------------


def plan_values(access, document, data: bytes) -> tabular.Plan:
    """Each row is one indicator's value for one year, the indicator named by its ID or
    its number (the number is enough when only one action plan has it)."""
    table = tabular.read_table(data, VALUE_COLUMNS, required=("year", "value"))
    indicators = list(
        Indicator.objects.filter(action_plan__document=document).select_related("action_plan")
    )
    by_id = {i.pk: i for i in indicators}
    by_number = {}
    for indicator in indicators:
        by_number.setdefault(indicator.number, []).append(indicator)
    stored = {
        (v.indicator_id, v.year): v
        for v in IndicatorValue.objects.filter(indicator__in=indicators).select_related("indicator")
    }
    seen = set()
    chosen = {}  # row values' id -> (indicator, year), for parse after match

    def match(values):
        errors = []
        indicator = None
        try:
            pk = tabular.integer_of(values.get("indicator_id"))
            number = tabular.integer_of(values.get("indicator"))
        except ValueError as error:
            return None, [("indicator_id", str(error))]
        if pk is not None:
            indicator = by_id.get(pk)
            if indicator is None:
                errors.append(
                    ("indicator_id", _("No indicator with the id %(id)s here.") % {"id": pk})
                )
        elif number is not None:
            found = by_number.get(number, [])
            if len(found) == 1:
                indicator = found[0]
            elif not found:
                errors.append(
                    ("indicator", _("No indicator number %(number)s here.") % {"number": number})
                )
            else:
                errors.append(
                    (
                        "indicator",
                        _("Several action plans have indicator %(number)s: give its ID.")
                        % {"number": number},
                    )
                )
        else:
            errors.append(("indicator", _("Give the indicator's number or ID.")))
        try:
            year = tabular.integer_of(values.get("year"))
        except ValueError as error:
            errors.append(("year", str(error)))
            year = None
        if year is None and "year" not in dict(errors):
            errors.append(("year", _("The year is required.")))
        if indicator is None or year is None:
            return None, errors
        if (indicator.pk, year) in seen:
            errors.append(
                (
                    "year",
                    _("This indicator's value for %(year)s is in the file twice.") % {"year": year},
                )
            )
        seen.add((indicator.pk, year))
        chosen[id(values)] = (indicator, year)
        return stored.get((indicator.pk, year)), errors

    def parse(values):
        fields, errors = {}, []
        try:
            fields["value"] = tabular.amount_of(values.get("value"))
        except ValueError as error:
            errors.append(("value", str(error)))
        else:
            if fields["value"] is None:
                errors.append(("value", _("The value is required.")))
        try:
            fields["note"] = tabular.text_of(values.get("note"))
        except ValueError as error:
            errors.append(("note", str(error)))
        if id(values) in chosen:
            fields["indicator"], fields["year"] = chosen[id(values)]
        return fields, errors

    def current(value, key):
        return getattr(value, key)

    plan = tabular.plan_table(
        table, VALUE_COLUMNS, existing={}, parse=parse, current=current, match=match
    )
    written = {str(c.heading) for c in VALUE_COLUMNS if c.key in ("value", "note")}
    for row in plan.rows:  # the indicator and year match the row; they do not change
        row.cells = [cell for cell in row.cells if cell[0] in written]
    if not plan.errors:
        write_values(plan, by=None, dry_run=True)
    return plan


def write_values(plan, *, by, dry_run=False):
    def write(row):
        # Typed into a file is typed by hand: the service keeps it over a later fetch.
        services.indicator_value_set(
            indicator=row.fields["indicator"],
            year=row.fields["year"],
            value=row.fields["value"],
            note=row.fields["note"],
            by=by,
        )

    return tabular.write_plan(plan, VALUE_COLUMNS, write, dry_run=dry_run)


def apply_values(access, document, data: bytes, *, by) -> tabular.Plan:
    plan = plan_values(access, document, data)
    if plan.errors:
        return plan
    return write_values(plan, by=by)
