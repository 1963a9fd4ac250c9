"""Action plans, their activities and milestones.

One view per URL; the page mechanics are in `editing`.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from intlstrategy.lib import tabular
from intlstrategy.permissions import coordinator_view

from .. import forms, parts, services, transfer
from ..models import ActionPlan, ActionPlanActivity, Milestone
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
def action_plan_create(request, access, pk: int, kind: str = "action-plan"):
    document = editable_document(access, pk, draft_only=False)
    # Only goal areas and amendments can be in a municipality's own part without a
    # parent; anything else added to the document is in the common part.
    parts.require_writable(access, document, None)
    initial = {}
    form = forms.ActionPlanForm(
        request.POST or None, initial=initial, **form_kwargs(access, document)
    )
    return create_page(
        request,
        access,
        document,
        kind="action-plan",
        form=form,
        create=lambda form: services.action_plan_create(
            document=document, by=request.user, **form.service_fields()
        ),
        check_part=True,
    )


@coordinator_view
def action_plan_update(request, access, pk: int, item_pk: int, kind: str = "action-plan"):
    document = editable_document(access, pk, draft_only=False)
    action_plan = writable_item(ActionPlan, "document", access, document, item_pk)
    form = forms.ActionPlanForm(
        request.POST or None, instance=action_plan, **form_kwargs(access, document)
    )
    return update_page(
        request,
        access,
        document,
        kind="action-plan",
        item=action_plan,
        form=form,
        update=lambda form: services.action_plan_update(
            action_plan=action_plan,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )


@coordinator_view
def action_plan_delete(request, access, pk: int, item_pk: int, kind: str = "action-plan"):
    document = editable_document(access, pk, draft_only=False)
    action_plan = writable_item(ActionPlan, "document", access, document, item_pk)
    return delete_page(
        request,
        access,
        document,
        item=action_plan,
        delete=lambda: services.action_plan_delete(action_plan=action_plan, by=request.user),
    )


@coordinator_view
def activity_create(request, access, pk: int, kind: str = "activity"):
    document = editable_document(access, pk, draft_only=False)
    action_plan = writable_parent(request, ActionPlan, "document", access, document)
    initial = next_number(action_plan.activities.values_list("number", flat=True))
    form = forms.ActivityForm(
        request.POST or None, initial=initial, **form_kwargs(access, document)
    )
    return create_page(
        request,
        access,
        document,
        kind="activity",
        form=form,
        create=lambda form: services.activity_create(
            action_plan=action_plan, by=request.user, **form.service_fields()
        ),
        parent=action_plan,
    )


@coordinator_view
def activity_update(request, access, pk: int, item_pk: int, kind: str = "activity"):
    document = editable_document(access, pk, draft_only=False)
    activity = writable_item(ActionPlanActivity, "action_plan__document", access, document, item_pk)
    form = forms.ActivityForm(
        request.POST or None, instance=activity, **form_kwargs(access, document)
    )
    return update_page(
        request,
        access,
        document,
        kind="activity",
        item=activity,
        form=form,
        update=lambda form: services.activity_update(
            activity=activity,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )


@coordinator_view
def activity_delete(request, access, pk: int, item_pk: int, kind: str = "activity"):
    document = editable_document(access, pk, draft_only=False)
    activity = writable_item(ActionPlanActivity, "action_plan__document", access, document, item_pk)
    return delete_page(
        request,
        access,
        document,
        item=activity,
        delete=lambda: services.activity_delete(activity=activity, by=request.user),
    )


@coordinator_view
def milestone_create(request, access, pk: int, kind: str = "milestone"):
    document = editable_document(access, pk, draft_only=False)
    activity = writable_parent(
        request, ActionPlanActivity, "action_plan__document", access, document
    )
    initial = {}
    form = forms.MilestoneForm(
        request.POST or None, initial=initial, **form_kwargs(access, document)
    )
    return create_page(
        request,
        access,
        document,
        kind="milestone",
        form=form,
        create=lambda form: services.milestone_create(
            activity=activity, by=request.user, **form.service_fields()
        ),
        parent=activity,
    )


@coordinator_view
def milestone_update(request, access, pk: int, item_pk: int, kind: str = "milestone"):
    document = editable_document(access, pk, draft_only=False)
    milestone = writable_item(
        Milestone, "activity__action_plan__document", access, document, item_pk
    )
    form = forms.MilestoneForm(
        request.POST or None, instance=milestone, **form_kwargs(access, document)
    )
    return update_page(
        request,
        access,
        document,
        kind="milestone",
        item=milestone,
        form=form,
        update=lambda form: services.milestone_update(
            milestone=milestone,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )


@coordinator_view
def milestone_delete(request, access, pk: int, item_pk: int, kind: str = "milestone"):
    document = editable_document(access, pk, draft_only=False)
    milestone = writable_item(
        Milestone, "activity__action_plan__document", access, document, item_pk
    )
    return delete_page(
        request,
        access,
        document,
        item=milestone,
        delete=lambda: services.milestone_delete(milestone=milestone, by=request.user),
    )


def _import(request, access, pk: int, *, what: str, plan, apply, conflict_message, title):
    """The activities or indicator values of the document's action plans from a
    spreadsheet: upload, preview, apply (intlstrategy.lib.tabular.import_page)."""
    document = editable_document(access, pk, draft_only=False)
    parts.require_writable(access, document, None)  # action plans are in the common part
    context, outcome = tabular.import_page(
        request,
        scope=f"strategy-{what}:{access.municipality.pk}:{document.pk}",
        plan=lambda data: plan(access, document, data),
        apply=lambda data: apply(access, document, data, by=request.user),
        conflict_message=conflict_message,
    )
    edit_url = reverse(
        "strategies:document_edit",
        kwargs={"municipality": access.municipality.slug, "pk": document.pk},
    )
    if context is None:
        messages.success(request, outcome)
        return redirect(f"{edit_url}#h-plan")
    columns = transfer.ACTIVITY_COLUMNS if what == "activities" else transfer.VALUE_COLUMNS
    return render(
        request,
        "strategies/table_import.html",
        {
            **context,
            "municipality": access.municipality,
            "document": document,
            "what": what,
            "title": title,
            "columns": columns,
            # The new-rows table shows what is written, not the ids that match rows.
            "new_columns": columns[2:] if what == "activities" else columns[3:],
            "edit_url": edit_url,
        },
        status=outcome,
    )


@coordinator_view
def activity_import(request, access, pk: int):
    return _import(
        request,
        access,
        pk,
        what="activities",
        plan=transfer.plan_activities,
        apply=transfer.apply_activities,
        conflict_message=_(
            "An activity was changed in the portal while the file was being applied; "
            "nothing was imported. Check the changes again."
        ),
        title=_("Import activities from a spreadsheet"),
    )


@coordinator_view
def indicator_value_import(request, access, pk: int):
    return _import(
        request,
        access,
        pk,
        what="indicator-values",
        plan=transfer.plan_values,
        apply=transfer.apply_values,
        conflict_message=_(
            "An indicator was changed in the portal while the file was being applied; "
            "nothing was imported. Check the changes again."
        ),
        title=_("Import indicator values from a spreadsheet"),
    )
