"""Action plans, their activities and milestones.

One view per URL; the page mechanics are in `editing`.
"""

from __future__ import annotations

from intlstrategy.permissions import coordinator_view

from .. import forms, parts, services
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
