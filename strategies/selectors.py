"""Reads: a document with everything a page shows, its versions, and word-level diffs.

Every page loads a document through `document_tree`, which runs a fixed number of
queries however many goal areas, goals, strategies and measures the document has.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils.safestring import SafeString

from intlstrategy.concurrency import word_diff
from intlstrategy.models import Municipality

from .models import (
    ActionPlan,
    ActionPlanActivity,
    CouncilAmendment,
    DocumentAdoption,
    DocumentStatus,
    FollowUp,
    Goal,
    GoalArea,
    Indicator,
    IndicatorValue,
    Measure,
    Strategy,
    StrategyDocument,
)


def documents_for(access):
    """The documents this person may see in the municipality, newest first.

    Only what the document cards show: titles and the owning municipalities' names in
    every language (for the marked fallback), kind, status and adoption.
    """
    return (
        StrategyDocument.objects.visible_to(access)
        .only(
            *("title", "title_nb", "title_sv", "title_en", "kind", "status"),
            *("adopted_on", "adopted_by", "paragraph"),
            # The document's own names of its type and its council (kind_label and
            # adopting_body_label on the card).
            *(f"document_type_{code}" for code, _ in settings.LANGUAGES),
            *(f"adopting_body_name_{code}" for code, _ in settings.LANGUAGES),
        )
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.only(
                    *("name", "name_nb", "name_sv", "name_en"),
                    # The council's and executive board's names (adopting_body_label).
                    *(f"council_name_{code}" for code, _ in settings.LANGUAGES),
                    *(f"executive_board_name_{code}" for code, _ in settings.LANGUAGES),
                ),
            )
        )
        .order_by("status", "-adopted_on", "-pk")
    )


def document_tree(queryset, municipality=None):
    """`queryset` with the whole document prefetched for reading and editing.

    With `municipality`, the municipality-specific parts of other owners of a joint
    document are left out (the common part and this municipality's part are shown).
    """
    part = Q(municipality__isnull=True)
    if municipality is not None:
        part |= Q(municipality=municipality)
    else:
        part = Q()
    amendments = CouncilAmendment.objects.order_by("decided_on", "item")
    return queryset.select_related("owner", "replaces", "previous_version").prefetch_related(
        "municipalities",
        "responsibility_rows",
        Prefetch(
            "adoptions",
            queryset=DocumentAdoption.objects.select_related("municipality").order_by(
                "adopted_on", "pk"
            ),
        ),
        Prefetch(
            "goal_areas",
            queryset=GoalArea.objects.filter(part).select_related("municipality"),
        ),
        Prefetch("goal_areas__goals", queryset=Goal.objects.order_by("letter")),
        Prefetch("goal_areas__goals__amendments", queryset=amendments),
        Prefetch(
            "strategies",
            queryset=Strategy.objects.filter(part)
            .select_related("municipality")
            .prefetch_related(
                Prefetch("goal_areas", queryset=GoalArea.objects.only("id", "number", "document"))
            ),
        ),
        Prefetch("strategies__amendments", queryset=amendments),
        Prefetch("strategies__measures", queryset=Measure.objects.order_by("letter")),
        "strategies__measures__responsible_departments",
        Prefetch(
            "strategies__measures__goal_areas",
            queryset=GoalArea.objects.only("id", "number", "document"),
        ),
        Prefetch("strategies__measures__amendments", queryset=amendments),
        Prefetch(
            "amendments",
            queryset=amendments.select_related("goal__goal_area", "strategy", "measure__strategy"),
        ),
        Prefetch(
            "action_plans",
            queryset=ActionPlan.objects.order_by("start_year", "pk"),
        ),
        Prefetch(
            "action_plans__activities",
            queryset=ActionPlanActivity.objects.select_related("responsible_department"),
        ),
        "action_plans__activities__milestones",
        Prefetch(
            "action_plans__activities__measures",
            queryset=Measure.objects.select_related("strategy"),
        ),
        Prefetch("action_plans__indicators", queryset=Indicator.objects.order_by("number")),
        Prefetch(
            "action_plans__indicators__values", queryset=IndicatorValue.objects.order_by("year")
        ),
        Prefetch("follow_ups", queryset=FollowUp.objects.order_by("-followed_up_on")),
    )


def versions_of(document: StrategyDocument) -> list[StrategyDocument]:
    """All versions in the document's line, oldest first (a few queries per version)."""
    root = document
    seen = {root.pk}
    while root.previous_version_id and root.previous_version_id not in seen:
        root = StrategyDocument.objects.get(pk=root.previous_version_id)
        seen.add(root.pk)
    line = [root]
    frontier = [root.pk]
    while frontier:
        children = list(
            StrategyDocument.objects.filter(previous_version_id__in=frontier).order_by("pk")
        )
        children = [c for c in children if c.pk not in {d.pk for d in line}]
        line.extend(children)
        frontier = [c.pk for c in children]
    return sorted(line, key=lambda d: d.pk)


# --- Word-level diff -------------------------------------------------------------------


@dataclass
class Block:
    key: tuple
    label: str
    text: str


def _value(obj, field: str, language: str) -> str:
    return getattr(obj, f"{field}_{language}", None) or ""


def text_blocks(document: StrategyDocument, language: str) -> list[Block]:
    """The document as labelled text blocks in one language, in reading order."""
    from django.utils.translation import gettext as _

    blocks = [Block(("title",), _("Title"), _value(document, "title", language))]
    for field, label in (
        ("introduction", _("Introduction")),
        ("purpose", _("Purpose")),
        ("vision", _("Vision")),
        ("guidelines", _("Guidelines for the international work")),
        ("responsibilities", _("Responsibilities and follow-up")),
    ):
        blocks.append(Block((field,), label, _value(document, field, language)))
    for area in document.goal_areas.all():
        blocks.append(
            Block(
                ("area", area.number),
                _("Goal area %(number)s") % {"number": area.number},
                " ".join(
                    t
                    for t in (
                        _value(area, "title", language),
                        _value(area, "description", language),
                    )
                    if t
                ),
            )
        )
        for goal in area.goals.all():
            blocks.append(
                Block(
                    ("goal", area.number, goal.letter),
                    _("Goal %(number)s %(letter)s")
                    % {"number": area.number, "letter": goal.letter},
                    _value(goal, "text", language),
                )
            )
    for strategy in document.strategies.all():
        blocks.append(
            Block(
                ("strategy", strategy.number),
                _("Strategy %(number)s") % {"number": strategy.number},
                _value(strategy, "title", language),
            )
        )
        for measure in strategy.measures.all():
            blocks.append(
                Block(
                    ("measure", strategy.number, measure.letter),
                    _("Measure %(number)s %(letter)s")
                    % {"number": strategy.number, "letter": measure.letter},
                    _value(measure, "text", language),
                )
            )
    return blocks


@dataclass
class DiffRow:
    label: str
    html: SafeString
    status: str  # "same", "changed", "added", "removed"


def document_diff(old: StrategyDocument, new: StrategyDocument, language: str) -> list[DiffRow]:
    """The blocks that differ between two versions, aligned on their numbers and letters."""
    old_blocks = {b.key: b for b in text_blocks(old, language)}
    rows = []
    new_keys = set()
    for block in text_blocks(new, language):
        new_keys.add(block.key)
        before = old_blocks.get(block.key)
        if before is None:
            if not block.text:
                continue
            rows.append(DiffRow(block.label, word_diff("", block.text), "added"))
        elif before.text != block.text:
            rows.append(DiffRow(block.label, word_diff(before.text, block.text), "changed"))
    for key, block in old_blocks.items():
        if key not in new_keys:
            if block.text:
                rows.append(DiffRow(block.label, word_diff(block.text, ""), "removed"))
    return rows


# --- Proposed and adopted readings ---------------------------------------------------


def annotate_amendments(document: StrategyDocument) -> None:
    """Mark each item of a prefetched document with the amendment that added or changed it.

    Sets `added_by` and `changed_by` on goals, strategies and measures, and
    `changed_parts` ({"purpose": amendment, …}) on the document, so templates can show
    "added by the council on …" beside the text and render the proposal (added items
    left out, changed texts in their proposed wording). No queries beyond the prefetch.
    """
    items = []
    for area in document.goal_areas.all():
        items.extend(area.goals.all())
    for strategy in document.strategies.all():
        items.append(strategy)
        items.extend(strategy.measures.all())
    for item in items:
        amendments = list(item.amendments.all())
        item.added_by = next((a for a in amendments if a.kind == "added"), None)
        item.changed_by = next(
            (a for a in amendments if a.kind == "changed" and a.proposed_text), None
        )
        item.all_amendments = amendments
    document.changed_parts = {
        a.part: a
        for a in document.amendments.all()
        if a.part and a.kind == "changed" and a.proposed_text
    }
    document.general_amendments = [
        a for a in document.amendments.all() if not (a.goal_id or a.strategy_id or a.measure_id)
    ]


# --- progress: the activities and measures departments report on -------------------------


def current_action_plan(municipality: Municipality, year: int) -> ActionPlan | None:
    """The action plan of the municipality's adopted document for `year`: the one whose
    years cover it (the newest such), else the newest plan that has started."""
    plans = ActionPlan.objects.for_municipality(municipality).filter(
        document__status=DocumentStatus.ADOPTED
    )
    covering = plans.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year", "-pk")
    return covering.first() or plans.filter(start_year__lte=year).order_by("-end_year").first()


def progress_measures(municipality: Municipality):
    """The measures of the municipality's adopted document(s) (its own parts and the common
    one), in the document's order."""
    return (
        Measure.objects.filter(
            strategy__document__municipalities=municipality,
            strategy__document__status=DocumentStatus.ADOPTED,
        )
        .filter(Q(strategy__municipality__isnull=True) | Q(strategy__municipality=municipality))
        .order_by("strategy__document_id", "strategy__number", "letter")
    )


def progress_activities(municipality: Municipality, year: int):
    """The activities of the current action plan (none without one), by number."""
    plan = current_action_plan(municipality, year)
    if plan is None:
        return ActionPlanActivity.objects.none()
    return ActionPlanActivity.objects.filter(action_plan=plan).order_by("number")


def department_progress_items(department, year: int) -> tuple:
    """(measures, activities) the department answers for: measures whose responsible
    departments include it, activities whose responsible department it is."""
    municipality = department.municipality
    measures = progress_measures(municipality).filter(responsible_departments=department)
    activities = progress_activities(municipality, year).filter(responsible_department=department)
    return measures, activities
