"""Creating, changing, moving and deleting the items of a document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from intlstrategy.concurrency import EditConflict
from intlstrategy.permissions import coordinator_view

from .. import forms, parts, services
from ..models import (
    ActionPlan,
    ActionPlanActivity,
    CouncilAmendment,
    DocumentStatus,
    FollowUp,
    Goal,
    GoalArea,
    Indicator,
    Measure,
    Milestone,
    Strategy,
    StrategyDocument,
)
from .common import _apply_errors, _document, _document_url, _edit_url, _language_order


@dataclass(frozen=True)
class ItemKind:
    """How to find, edit, create, move and delete one kind of item of a document."""

    model: type
    form: type
    service: str  # prefix of the service functions, e.g. "goal_area"
    document_path: str  # lookup from the item to its document
    parent_model: type | None = None  # for create: the parent the item belongs to
    parent_kwarg: str = "document"
    parent_document_path: str = ""
    movable: bool = False
    draft_only: bool = True
    label: Callable = str


KINDS = {
    "document": ItemKind(StrategyDocument, forms.DocumentForm, "document", "pk"),
    "goal-area": ItemKind(GoalArea, forms.GoalAreaForm, "goal_area", "document", movable=True),
    "goal": ItemKind(
        Goal,
        forms.GoalForm,
        "goal",
        "goal_area__document",
        GoalArea,
        "goal_area",
        "document",
        movable=True,
    ),
    "strategy": ItemKind(Strategy, forms.StrategyForm, "strategy", "document", movable=True),
    "measure": ItemKind(
        Measure,
        forms.MeasureForm,
        "measure",
        "strategy__document",
        Strategy,
        "strategy",
        "document",
        movable=True,
    ),
    "amendment": ItemKind(CouncilAmendment, forms.AmendmentForm, "amendment", "document"),
    "action-plan": ItemKind(
        ActionPlan, forms.ActionPlanForm, "action_plan", "document", draft_only=False
    ),
    "activity": ItemKind(
        ActionPlanActivity,
        forms.ActivityForm,
        "activity",
        "action_plan__document",
        ActionPlan,
        "action_plan",
        "document",
        draft_only=False,
    ),
    "milestone": ItemKind(
        Milestone,
        forms.MilestoneForm,
        "milestone",
        "activity__action_plan__document",
        ActionPlanActivity,
        "activity",
        "action_plan__document",
        draft_only=False,
    ),
    "indicator": ItemKind(
        Indicator,
        forms.IndicatorForm,
        "indicator",
        "action_plan__document",
        ActionPlan,
        "action_plan",
        "document",
        draft_only=False,
    ),
    "follow-up": ItemKind(FollowUp, forms.FollowUpForm, "follow_up", "document", draft_only=False),
}


def _kind(name: str) -> ItemKind:
    try:
        return KINDS[name]
    except KeyError:
        raise Http404 from None


def _editable_document(access, pk: int, kind: ItemKind) -> StrategyDocument:
    document = _document(access, pk)
    if kind.draft_only and document.status != DocumentStatus.DRAFT:
        raise Http404
    if document.status == DocumentStatus.SUPERSEDED:
        raise Http404
    return document


def _item(kind: ItemKind, access, document, item_pk: int):
    """The item to write: another municipality's own part is a 404, a common part the
    document leaves to another owner a 403 (strategies.parts)."""
    if kind.model is StrategyDocument:
        if item_pk != document.pk:
            raise Http404
        item = document
    else:
        queryset = kind.model.objects.filter(**{kind.document_path: document}).filter(
            parts.in_parts_of(kind.model, access.municipality)
        )
        item = get_object_or_404(queryset, pk=item_pk)
    parts.require_writable(access, document, parts.part_of(item))
    return item


def _form_kwargs(kind: ItemKind, access, document) -> dict:
    kwargs = {"language_order": _language_order(access.municipality)}
    kwargs["municipality"] = access.municipality
    if kind.model is StrategyDocument:
        kwargs["municipalities"] = list(document.municipalities.all())
    else:
        kwargs["document"] = document
    return kwargs



def _render_item_form(
    request, access, document, kind_name, form, item=None, current=None, parent_pk=None
):
    return render(
        request,
        "strategies/item_form.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": document,
            "kind": kind_name,
            "kind_label": KINDS[kind_name].model._meta.verbose_name,
            "form": form,
            "item": item,
            "current": current,
            "parent_pk": parent_pk,
        },
    )


@coordinator_view
def item_create(request, access, pk: int, kind: str):
    spec = _kind(kind)
    if spec.model is StrategyDocument:
        raise Http404
    document = _editable_document(access, pk, spec)
    parent = document
    if spec.parent_model is not None:
        parent = get_object_or_404(
            spec.parent_model.objects.filter(**{spec.parent_document_path: document}).filter(
                parts.in_parts_of(spec.parent_model, access.municipality)
            ),
            pk=request.GET.get("parent") or request.POST.get("parent") or 0,
        )
        parts.require_writable(access, document, parts.part_of(parent))
    elif spec.model not in (GoalArea, CouncilAmendment):
        # Only goal areas and amendments can be in a municipality's own part without a
        # parent; anything else added to the document is in the common part.
        parts.require_writable(access, document, None)
    initial = _next_position(spec, parent)
    form = spec.form(request.POST or None, initial=initial, **_form_kwargs(spec, access, document))
    if request.method == "POST" and form.is_valid():
        if spec.parent_model is None:
            parts.require_writable(access, document, parts.part_of(form.instance))
        create = getattr(services, f"{spec.service}_create")
        try:
            item = create(**{spec.parent_kwarg: parent}, by=request.user, **form.service_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved: %(item)s") % {"item": _label(item)})
            return redirect(_edit_url(access, document, f"{kind}-{item.pk}"))
    parent_pk = parent.pk if spec.parent_model is not None else None
    return _render_item_form(request, access, document, kind, form, parent_pk=parent_pk)


def _label(item) -> str:
    text = str(item)
    return text if len(text) < 80 else text[:77] + "…"


def _next_position(spec: ItemKind, parent) -> dict:
    """Suggest the next free number or letter, so adding an item is one step."""
    if spec.model in (GoalArea, Strategy, ActionPlanActivity, Indicator):
        field = "number"
    elif spec.model in (Goal, Measure):
        field = "letter"
    else:
        return {}
    relation = {
        GoalArea: "goal_areas",
        Strategy: "strategies",
        ActionPlanActivity: "activities",
        Indicator: "indicators",
        Goal: "goals",
        Measure: "measures",
    }[spec.model]
    values = list(getattr(parent, relation).values_list(field, flat=True))
    if field == "number":
        return {"number": max(values, default=0) + 1}
    letters = "abcdefghijklmnopqrstuvwxyz"
    free = [c for c in letters if c not in values]
    return {"letter": free[0] if free else ""}


@coordinator_view
def item_update(request, access, pk: int, kind: str, item_pk: int):
    spec = _kind(kind)
    document = _editable_document(access, pk, spec)
    item = _item(spec, access, document, item_pk)
    form = spec.form(request.POST or None, instance=item, **_form_kwargs(spec, access, document))
    current = None
    if request.method == "POST" and form.is_valid():
        # The part the item is moved to (a goal area's, an amendment's target) counts too.
        parts.require_writable(access, document, parts.part_of(form.instance))
        update = getattr(services, f"{spec.service}_update")
        fields = form.service_fields()
        try:
            update(
                **{spec.service: item},
                by=request.user,
                expected_version=form.cleaned_data.get("expected_version"),
                **fields,
            )
        except EditConflict as conflict:
            form.add_conflict(conflict)
            # Show what is saved now beside the editor's own text (which stays in the form).
            saved = spec.model._base_manager.get(pk=item.pk)
            form.data = form.data.copy()
            form.data["expected_version"] = saved.version
            current = [
                {
                    "label": spec.model._meta.get_field(name).verbose_name,
                    "code": code,
                    "value": getattr(saved, f"{name}_{code}", ""),
                }
                for name in spec.form.translated_fields
                for code in forms.LANGUAGES
            ]
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved: %(item)s") % {"item": _label(item)})
            anchor = "" if spec.model is StrategyDocument else f"{kind}-{item.pk}"
            return redirect(_edit_url(access, document, anchor))
    return _render_item_form(request, access, document, kind, form, item, current)


@coordinator_view
def item_delete(request, access, pk: int, kind: str, item_pk: int):
    spec = _kind(kind)
    if spec.model is StrategyDocument:
        raise Http404
    document = _editable_document(access, pk, spec)
    item = _item(spec, access, document, item_pk)
    if request.method == "POST":
        try:
            getattr(services, f"{spec.service}_delete")(**{spec.service: item}, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Deleted: %(item)s") % {"item": _label(item)})
        return redirect(_edit_url(access, document))
    return render(
        request,
        "strategies/item_confirm_delete.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": document,
            "item": item,
            "kind_label": spec.model._meta.verbose_name,
        },
    )


@coordinator_view
@require_POST
def item_move(request, access, pk: int, kind: str, item_pk: int):
    spec = _kind(kind)
    if not spec.movable:
        raise Http404
    document = _editable_document(access, pk, spec)
    item = _item(spec, access, document, item_pk)
    direction = request.POST.get("direction")
    if direction in {"up", "down"}:
        getattr(services, f"{spec.service}_move")(
            **{spec.service: item}, direction=direction, by=request.user
        )
        messages.success(request, _("Moved: %(item)s") % {"item": _label(item)})
    return redirect(_edit_url(access, document, f"{kind}-{item.pk}"))


@coordinator_view
def indicator_values(request, access, pk: int, item_pk: int):
    spec = KINDS["indicator"]
    document = _editable_document(access, pk, spec)
    indicator = _item(spec, access, document, item_pk)
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
