"""The public progress page of a strategy document, and the coordinator's year rollover of
an action plan."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from intlstrategy import charts
from intlstrategy.permissions import coordinator_view, municipality_view
from intlstrategy.public_cache import cache_public_page
from intlstrategy.templatetags.portal import trtext

from .. import services
from ..models import ActionPlan, ActionPlanActivity, StrategyDocument
from ..public_progress import departments_of, progress_document, progress_of
from .common import _document_url

FILTER_PARAMS = ("area", "department")


def _filters(request, document, departments):
    """The goal area (by number) and department (by short name) asked for, as pks; an
    unknown value is ignored (all), so an old bookmark still opens the page."""
    area = request.GET.get("area", "")
    department = request.GET.get("department", "")
    area_pk = next((a.pk for a in document.goal_areas.all() if str(a.number) == area), None)
    department_pk = next((d.pk for d in departments if d.slug == department), None)
    return area_pk, department_pk


def indicator_chart(indicator):
    """The indicator's trend line against its target and goal year."""
    name = trtext(indicator, "name")
    return charts.line_chart(
        title=name,
        points=[(v.year, v.value) for v in indicator.values.all()],
        value_label=indicator.unit,
        target=indicator.target,
        target_year=indicator.target_year,
    )


@cache_public_page(params=FILTER_PARAMS)
@municipality_view(public=True)
def document_progress(request, access, pk: int):
    document = get_object_or_404(
        progress_document(StrategyDocument.objects.visible_to(access), access.municipality),
        pk=pk,
    )
    departments = departments_of(document, access.municipality)
    area_pk, department_pk = _filters(request, document, departments)
    progress = progress_of(document, area=area_pk, department=department_pk)
    indicators = [
        (indicator, indicator_chart(indicator) if indicator.values.all() else None)
        for indicator in progress.indicators
    ]
    return render(
        request,
        "strategies/document_progress.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": document,
            "progress": progress,
            "indicators": indicators,
            "departments": departments,
            "selected_area": request.GET.get("area", "") if area_pk else "",
            "selected_department": request.GET.get("department", "") if department_pk else "",
            "filtered": bool(area_pk or department_pk),
        },
    )


@coordinator_view
def action_plan_rollover(request, access, pk: int, plan_pk: int):
    plan = get_object_or_404(
        ActionPlan.objects.for_municipality(access.municipality)
        .select_related("document")
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=ActionPlanActivity.objects.select_related("responsible_department"),
            )
        ),
        pk=plan_pk,
        document_id=pk,
    )
    back = _document_url(access, plan.document, "document_edit") + "#action-plan"
    if request.method == "POST":
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            year = None
        try:
            moved = services.action_plan_roll_over(action_plan=plan, year=year, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        if moved is None:
            messages.info(
                request, _("The year %(year)s was already carried over.") % {"year": year}
            )
        else:
            messages.success(
                request,
                _(
                    "The plan year %(next)s has begun: %(count)s unfinished activities were "
                    "carried into it."
                )
                % {"next": plan.current_year, "count": len(moved)},
            )
        return redirect(request.path)
    moves, closes = services.rollover_split(plan)
    return render(
        request,
        "strategies/action_plan_rollover.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": plan.document,
            "plan": plan,
            "moves": moves,
            "closes": closes,
            "is_last_year": plan.plan_year >= plan.end_year,
            "back": back,
        },
    )
