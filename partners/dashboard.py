"""The coordinator's panel: overdue reviews and one-way solidarity relations (2 queries)."""

from intlstrategy.dashboard import Panel, register

from .models import Relation

# The panel shows the city (in every language, for the fallback) and the review date.
CITY = ("city", "city_nb", "city_sv", "city_en")


@register
def partners_panel(access) -> Panel | None:
    if not access.is_coordinator:
        return None
    relations = Relation.objects.for_municipality(access.municipality)
    overdue = list(
        relations.review_overdue().only(*CITY, "next_review_on").order_by("next_review_on")[:20]
    )
    one_way = list(relations.one_way_solidarity().only(*CITY).order_by("city")[:20])
    return Panel(
        template="partners/_dashboard_panel.html",
        context={"municipality": access.municipality, "overdue": overdue, "one_way": one_way},
        order=20,
        attention=len(overdue) + len(one_way),
    )
