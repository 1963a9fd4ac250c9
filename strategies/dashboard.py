"""The coordinator's panel: the term-of-office follow-up and indicators off track.

Fixed number of queries: the adopted documents, their follow-ups in the current term,
and the indicators with their values (prefetched). Each reads only the columns the panel
shows: the documents' keys, the follow-ups' dates, the indicators' names in every
language and what their status is computed from.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intlstrategy import continuity
from intlstrategy.dashboard import Panel, register

from .models import (
    ActionPlanActivity,
    FollowUp,
    Indicator,
    IndicatorStatus,
    IndicatorValue,
    StrategyDocument,
)
from .terms import term_of_office

# What indicator_status() and the panel's links and names read.
INDICATOR_FIELDS = (
    *("number", "name", "name_nb", "name_sv", "name_en"),
    *("target", "direction", "baseline", "baseline_year", "target_year"),
    *("source", "source_title", "source_title_now"),
    *("action_plan__document_id", "action_plan__start_year", "action_plan__end_year"),
)
VALUE_FIELDS = ("indicator_id", "year", "value")


@register
def strategies_panel(access) -> Panel | None:
    if not access.is_coordinator:
        return None
    municipality = access.municipality
    term = term_of_office(municipality.country, timezone.localdate())
    documents = list(
        StrategyDocument.objects.for_municipality(municipality)
        .adopted()
        .values_list("pk", flat=True)
    )
    follow_ups = list(
        FollowUp.objects.for_municipality(municipality)
        .in_term(term)
        .select_related(None)
        .only("body", "followed_up_on", "paragraph")
        .order_by("-followed_up_on")
    )
    indicators = list(
        Indicator.objects.for_municipality(municipality)
        .select_related(None)
        .select_related("action_plan")
        .only(*INDICATOR_FIELDS)
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.only(*VALUE_FIELDS).order_by("year"))
        )
    )
    off_track = [i for i in indicators if i.status == IndicatorStatus.OFF_TRACK]
    at_risk = [i for i in indicators if i.status == IndicatorStatus.AT_RISK]
    # A national statistic renamed since linking may have been redefined: check it.
    renamed = [i for i in indicators if i.source_renamed]
    follow_up_missing = bool(documents) and not follow_ups
    return Panel(
        template="strategies/_dashboard_panel.html",
        context={
            "municipality": municipality,
            "term": term,
            "documents": documents,
            "follow_ups": follow_ups,
            "follow_up_missing": follow_up_missing,
            "off_track": off_track,
            "at_risk": at_risk,
            "renamed": renamed,
        },
        order=10,
        attention=int(follow_up_missing) + len(off_track) + len(renamed),
    )


@continuity.register
def indicators_without_owner(municipality, departments: dict) -> list[continuity.Item]:
    """Indicators whose responsible department nobody answers for: their values stop."""
    indicators = (
        Indicator.objects.filter(
            responsible_department__in=list(departments),
            action_plan__document__municipalities=municipality,
        )
        .select_related("action_plan")
        .distinct()
        .order_by("action_plan__start_year", "number")
    )
    return [
        continuity.Item(
            kind=_("indicator"),
            title=indicator.name,
            url=reverse(
                "strategies:document_detail",
                kwargs={
                    "municipality": municipality.slug,
                    "pk": indicator.action_plan.document_id,
                },
            ),
            department=departments[indicator.responsible_department_id],
        )
        for indicator in indicators
    ]


@continuity.register
def activities_without_owner(municipality, departments: dict) -> list[continuity.Item]:
    """Action-plan activities whose responsible department nobody answers for."""
    activities = (
        ActionPlanActivity.objects.filter(
            responsible_department__in=list(departments),
            action_plan__document__municipalities=municipality,
        )
        .select_related("action_plan")
        .distinct()
        .order_by("action_plan__start_year", "number")
    )
    return [
        continuity.Item(
            kind=_("action-plan activity"),
            title=f"{activity.number}. {activity.title}",
            url=reverse(
                "strategies:document_detail",
                kwargs={"municipality": municipality.slug, "pk": activity.action_plan.document_id},
            ),
            department=departments[activity.responsible_department_id],
        )
        for activity in activities
    ]
