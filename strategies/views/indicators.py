"""Indicators of an action plan and their yearly values.

One view per URL; the page mechanics are in `editing`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intlstrategy import charts
from intlstrategy.permissions import coordinator_view

from .. import forms, services
from ..models import ActionPlan, Indicator, IndicatorSource
from ..sources import client as sources_client
from .common import _apply_errors, _document_url
from .editing import (
    create_page,
    delete_page,
    editable_document,
    form_kwargs,
    next_number,
    update_page,
    writable_item,
    writable_parent,
)


@coordinator_view
def indicator_create(request, access, pk: int, kind: str = "indicator"):
    document = editable_document(access, pk, draft_only=False)
    action_plan = writable_parent(request, ActionPlan, "document", access, document)
    initial = next_number(action_plan.indicators.values_list("number", flat=True))
    form = forms.IndicatorForm(
        request.POST or None, initial=initial, **form_kwargs(access, document)
    )
    return create_page(
        request,
        access,
        document,
        kind="indicator",
        form=form,
        create=lambda form: services.indicator_create(
            action_plan=action_plan, by=request.user, **form.service_fields()
        ),
        parent=action_plan,
    )


@coordinator_view
def indicator_update(request, access, pk: int, item_pk: int, kind: str = "indicator"):
    document = editable_document(access, pk, draft_only=False)
    indicator = writable_item(Indicator, "action_plan__document", access, document, item_pk)
    form = forms.IndicatorForm(
        request.POST or None, instance=indicator, **form_kwargs(access, document)
    )
    return update_page(
        request,
        access,
        document,
        kind="indicator",
        item=indicator,
        form=form,
        update=lambda form: services.indicator_update(
            indicator=indicator,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )


@coordinator_view
def indicator_delete(request, access, pk: int, item_pk: int, kind: str = "indicator"):
    document = editable_document(access, pk, draft_only=False)
    indicator = writable_item(Indicator, "action_plan__document", access, document, item_pk)
    return delete_page(
        request,
        access,
        document,
        item=indicator,
        delete=lambda: services.indicator_delete(indicator=indicator, by=request.user),
    )


@coordinator_view
def indicator_values(request, access, pk: int, item_pk: int):
    document = editable_document(access, pk, draft_only=False)
    indicator = writable_item(Indicator, "action_plan__document", access, document, item_pk)
    form = forms.IndicatorValueForm(request.POST or None)
    values = list(indicator.values.order_by("year"))
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_value_set(
                indicator=indicator,
                year=form.cleaned_data["year"],
                value=form.cleaned_data["value"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("Saved the value for %(year)s.") % {"year": form.cleaned_data["year"]}
            )
            return redirect(
                _document_url(access, document, "indicator_values", item_pk=indicator.pk)
            )
    return render(
        request,
        "strategies/indicator_values.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": document,
            "indicator": indicator,
            "values": values,
            "form": form,
            "chart": indicator_chart(indicator, values),
            "sources": services.sources_for(access.municipality),
        },
    )


def indicator_chart(indicator, values):
    """The trend line of the yearly values, with the target and its year."""
    if not values:
        return None
    return charts.line_chart(
        title=str(indicator),
        points=[(v.year, v.value) for v in values],
        value_label=indicator.unit,
        target=indicator.target,
        target_year=indicator.target_year,
    )


def _values_url(access, document, indicator):
    return _document_url(access, document, "indicator_values", item_pk=indicator.pk)


@coordinator_view
def indicator_source(request, access, pk: int, item_pk: int):
    """Link to national statistics: choose the source, search, see title and unit, link."""
    document = editable_document(access, pk, draft_only=False)
    indicator = writable_item(Indicator, "action_plan__document", access, document, item_pk)
    offered = services.sources_for(access.municipality)
    source = request.POST.get("source") or request.GET.get("source") or (offered or [""])[0]
    if source not in offered:
        raise Http404
    query = request.GET.get("q", "").strip()
    results, error, chosen = [], "", None
    try:
        if request.method == "POST":
            try:
                services.indicator_link_source(
                    indicator=indicator,
                    municipality=access.municipality,
                    source=source,
                    source_id=request.POST.get("source_id", ""),
                    variable=request.POST.get("variable", ""),
                    by=request.user,
                )
            except ValidationError as invalid:
                error = " ".join(invalid.messages)
                chosen = services.look_up(source=source, text=request.POST.get("source_id", ""))
                chosen = chosen[0] if chosen else None
            else:
                services.queue_indicator_refresh(indicator)
                messages.success(
                    request, _("Linked to %(title)s.") % {"title": indicator.source_title}
                )
                return redirect(_values_url(access, document, indicator))
        elif query:
            results = services.look_up(source=source, text=query)
            if source == IndicatorSource.SSB and len(results) == 1 and results[0].id == query:
                chosen = results[0]
    except sources_client.NotFound:
        error = _("No statistic has that id.")
    except sources_client.SourceError:
        error = _("The national statistics could not be reached. Try again later.")
    return render(
        request,
        "strategies/indicator_source.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": document,
            "indicator": indicator,
            "sources": [(code, IndicatorSource(code).label) for code in offered],
            "source": source,
            "query": query,
            "results": results,
            "chosen": chosen,
            "error": error,
        },
    )


@require_POST
@coordinator_view
def indicator_source_unlink(request, access, pk: int, item_pk: int):
    document = editable_document(access, pk, draft_only=False)
    indicator = writable_item(Indicator, "action_plan__document", access, document, item_pk)
    services.indicator_unlink_source(indicator=indicator, by=request.user)
    messages.success(request, _("The indicator is no longer linked to national statistics."))
    return redirect(_values_url(access, document, indicator))


@require_POST
@coordinator_view
def indicator_source_refresh(request, access, pk: int, item_pk: int):
    document = editable_document(access, pk, draft_only=False)
    indicator = writable_item(Indicator, "action_plan__document", access, document, item_pk)
    if indicator.source:
        services.queue_indicator_refresh(indicator)
        messages.success(request, _("The values are being fetched. Reload the page shortly."))
    return redirect(_values_url(access, document, indicator))


@require_POST
@coordinator_view
def indicator_value_take_source(request, access, pk: int, item_pk: int, value_pk: int):
    document = editable_document(access, pk, draft_only=False)
    indicator = writable_item(Indicator, "action_plan__document", access, document, item_pk)
    value = get_object_or_404(indicator.values, pk=value_pk)
    services.indicator_value_take_source(value=value, by=request.user)
    messages.success(request, _("Took the national figure for %(year)s.") % {"year": value.year})
    return redirect(_values_url(access, document, indicator))
