"""Dashboard panels contributed by the apps.

Each app may have a `dashboard.py` that calls `register(panel_function)`. A panel
function receives the Access of the current user and returns `None` (nothing to
show) or a `Panel`. The dashboard renders the panels in app order. Panel functions
must run a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

_panels: list[Callable] = []


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    # Items that need attention are counted in the page heading.
    attention: int = 0


def register(function: Callable) -> Callable:
    if function not in _panels:
        _panels.append(function)
    return function


def panels_for(access) -> list[Panel]:
    found = [panel for function in _panels if (panel := function(access)) is not None]
    return sorted(found, key=lambda panel: panel.order)


@register
def accessibility_statement_panel(access) -> Panel | None:
    """Coordinators only, and only while the statement lacks what the law asks for."""
    if not access.is_coordinator:
        return None
    from .accessibility import missing_facts, statement_for

    missing = missing_facts(statement_for(access.municipality))
    if not missing:
        return None
    return Panel(
        template="intlstrategy/_accessibility_panel.html",
        context={"municipality": access.municipality, "missing": missing},
        order=900,
        attention=1,
    )


@register
def continuity_panel(access) -> Panel | None:
    """Coordinators: departments nobody answers for, and what depends on them."""
    if not access.is_coordinator:
        return None
    from .continuity import left_people, orphans_of

    orphans = orphans_of(access.municipality)
    left = left_people(access.municipality)
    if not (orphans or left):
        return None
    return Panel(
        template="intlstrategy/_continuity_panel.html",
        context={"municipality": access.municipality, "orphans": orphans, "left": left},
        order=20,
        attention=len(orphans) + len(left),
    )
