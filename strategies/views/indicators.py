"""Indicators of an action plan and their yearly values.

One view per URL; the page mechanics are in `editing`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from intlstrategy.permissions import coordinator_view

from .. import forms, services
from ..models import ActionPlan, Indicator
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
            "values": indicator.values.order_by("year"),
            "form": form,
        },
    )
