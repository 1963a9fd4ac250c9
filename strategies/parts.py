"""Who may write which part of a joint strategy document.

A joint document (Linköping–Norrköping) has a common part and one part per owning
municipality: goal areas and strategies with `municipality` set, and what hangs under
them (goals, measures, amendments of those). Each owner writes its own part and, if the
document lets it (`common_part_editor` empty or that municipality), the common part.
A user never writes another municipality's data, not even a joint owner's own part:
such an item is a 404 (it is not shown to them either, see `document_tree`); a common
item they may read but not write is a 403.

Items without a part of their own (action plans, activities, milestones, indicators,
follow-ups, the document's own texts) belong to the common part.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import CouncilAmendment, Goal, GoalArea, Measure, Strategy, StrategyDocument

# From an item to the municipality of the part it is in (null: the common part).
PART_PATHS: dict[type, tuple[str, ...]] = {
    GoalArea: ("municipality",),
    Goal: ("goal_area__municipality",),
    Strategy: ("municipality",),
    Measure: ("strategy__municipality",),
    CouncilAmendment: (
        "goal__goal_area__municipality",
        "strategy__municipality",
        "measure__strategy__municipality",
    ),
}


def in_parts_of(model: type, municipality) -> Q:
    """Items of `model` in the common part or in `municipality`'s own part."""
    condition = Q()
    for path in PART_PATHS.get(model, ()):
        condition &= Q(**{f"{path}__isnull": True}) | Q(**{path: municipality})
    return condition


def part_of(item) -> int | None:
    """The pk of the municipality whose own part `item` is in; None for the common part."""
    if isinstance(item, GoalArea | Strategy):
        return item.municipality_id
    if isinstance(item, Goal):
        return item.goal_area.municipality_id
    if isinstance(item, Measure):
        return item.strategy.municipality_id
    if isinstance(item, CouncilAmendment):
        return part_of(item.target) if item.target is not None else None
    return None


def may_write_common_part(municipality, document: StrategyDocument) -> bool:
    return document.common_part_editor_id in (None, municipality.pk)


def require_writable(access, document: StrategyDocument, part: int | None) -> None:
    """404 for another municipality's own part; 403 for a common part kept by another."""
    if part is not None and part != access.municipality.pk:
        raise Http404
    if part is None and not may_write_common_part(access.municipality, document):
        raise PermissionDenied
