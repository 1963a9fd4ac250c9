"""A strategy document as spreadsheets: one row per measure, one per action-plan activity.

Only adopted and superseded documents (drafts are not public, and are not exported to
anyone: a file outlives the draft it was made from). Texts in the page's language, with
modeltranslation's fallback; departments by name.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intlstrategy.lib import tabular
from intlstrategy.lib.tabular import AMOUNT, DATE, INTEGER, Column

from .models import ActionPlanActivity, Measure


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

ACTIVITY_COLUMNS = [
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
        lambda a: ", ".join(f"{m.strategy.number}{m.letter}" for m in a.measures.all()),
    ),
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


def export(access, document, what: str, fmt: str):
    if what == "measures":
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
