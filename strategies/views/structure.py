"""The text's structure: the document's own fields, goal areas, goals, strategies and measures.

One view per URL; the page mechanics are in `editing`.
"""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_POST

from intlstrategy.permissions import coordinator_view

from .. import forms, parts, services
from ..models import Goal, GoalArea, Measure, Strategy
from .common import _language_order
from .editing import (
    create_page,
    delete_page,
    editable_document,
    form_kwargs,
    move_page,
    next_letter,
    next_number,
    update_page,
    writable_item,
    writable_parent,
)


@coordinator_view
def goal_area_create(request, access, pk: int, kind: str = "goal-area"):
    document = editable_document(access, pk, draft_only=True)
    initial = next_number(document.goal_areas.values_list("number", flat=True))
    form = forms.GoalAreaForm(
        request.POST or None, initial=initial, **form_kwargs(access, document)
    )
    return create_page(
        request,
        access,
        document,
        kind="goal-area",
        form=form,
        create=lambda form: services.goal_area_create(
            document=document, by=request.user, **form.service_fields()
        ),
        check_part=True,
    )


@coordinator_view
def goal_area_update(request, access, pk: int, item_pk: int, kind: str = "goal-area"):
    document = editable_document(access, pk, draft_only=True)
    goal_area = writable_item(GoalArea, "document", access, document, item_pk)
    form = forms.GoalAreaForm(
        request.POST or None, instance=goal_area, **form_kwargs(access, document)
    )
    return update_page(
        request,
        access,
        document,
        kind="goal-area",
        item=goal_area,
        form=form,
        update=lambda form: services.goal_area_update(
            goal_area=goal_area,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )


@coordinator_view
def goal_area_delete(request, access, pk: int, item_pk: int, kind: str = "goal-area"):
    document = editable_document(access, pk, draft_only=True)
    goal_area = writable_item(GoalArea, "document", access, document, item_pk)
    return delete_page(
        request,
        access,
        document,
        item=goal_area,
        delete=lambda: services.goal_area_delete(goal_area=goal_area, by=request.user),
    )


@coordinator_view
@require_POST
def goal_area_move(request, access, pk: int, item_pk: int, kind: str = "goal-area"):
    document = editable_document(access, pk, draft_only=True)
    goal_area = writable_item(GoalArea, "document", access, document, item_pk)
    return move_page(
        request,
        access,
        document,
        kind="goal-area",
        item=goal_area,
        move=lambda direction: services.goal_area_move(
            goal_area=goal_area, direction=direction, by=request.user
        ),
    )


@coordinator_view
def goal_create(request, access, pk: int, kind: str = "goal"):
    document = editable_document(access, pk, draft_only=True)
    goal_area = writable_parent(request, GoalArea, "document", access, document)
    initial = next_letter(goal_area.goals.values_list("letter", flat=True))
    form = forms.GoalForm(request.POST or None, initial=initial, **form_kwargs(access, document))
    return create_page(
        request,
        access,
        document,
        kind="goal",
        form=form,
        create=lambda form: services.goal_create(
            goal_area=goal_area, by=request.user, **form.service_fields()
        ),
        parent=goal_area,
    )


@coordinator_view
def goal_update(request, access, pk: int, item_pk: int, kind: str = "goal"):
    document = editable_document(access, pk, draft_only=True)
    goal = writable_item(Goal, "goal_area__document", access, document, item_pk)
    form = forms.GoalForm(request.POST or None, instance=goal, **form_kwargs(access, document))
    return update_page(
        request,
        access,
        document,
        kind="goal",
        item=goal,
        form=form,
        update=lambda form: services.goal_update(
            goal=goal,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )


@coordinator_view
def goal_delete(request, access, pk: int, item_pk: int, kind: str = "goal"):
    document = editable_document(access, pk, draft_only=True)
    goal = writable_item(Goal, "goal_area__document", access, document, item_pk)
    return delete_page(
        request,
        access,
        document,
        item=goal,
        delete=lambda: services.goal_delete(goal=goal, by=request.user),
    )


@coordinator_view
@require_POST
def goal_move(request, access, pk: int, item_pk: int, kind: str = "goal"):
    document = editable_document(access, pk, draft_only=True)
    goal = writable_item(Goal, "goal_area__document", access, document, item_pk)
    return move_page(
        request,
        access,
        document,
        kind="goal",
        item=goal,
        move=lambda direction: services.goal_move(goal=goal, direction=direction, by=request.user),
    )


@coordinator_view
def strategy_create(request, access, pk: int, kind: str = "strategy"):
    document = editable_document(access, pk, draft_only=True)
    # Only goal areas and amendments can be in a municipality's own part without a
    # parent; anything else added to the document is in the common part.
    parts.require_writable(access, document, None)
    initial = next_number(document.strategies.values_list("number", flat=True))
    form = forms.StrategyForm(
        request.POST or None, initial=initial, **form_kwargs(access, document)
    )
    return create_page(
        request,
        access,
        document,
        kind="strategy",
        form=form,
        create=lambda form: services.strategy_create(
            document=document, by=request.user, **form.service_fields()
        ),
        check_part=True,
    )


@coordinator_view
def strategy_update(request, access, pk: int, item_pk: int, kind: str = "strategy"):
    document = editable_document(access, pk, draft_only=True)
    strategy = writable_item(Strategy, "document", access, document, item_pk)
    form = forms.StrategyForm(
        request.POST or None, instance=strategy, **form_kwargs(access, document)
    )
    return update_page(
        request,
        access,
        document,
        kind="strategy",
        item=strategy,
        form=form,
        update=lambda form: services.strategy_update(
            strategy=strategy,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )


@coordinator_view
def strategy_delete(request, access, pk: int, item_pk: int, kind: str = "strategy"):
    document = editable_document(access, pk, draft_only=True)
    strategy = writable_item(Strategy, "document", access, document, item_pk)
    return delete_page(
        request,
        access,
        document,
        item=strategy,
        delete=lambda: services.strategy_delete(strategy=strategy, by=request.user),
    )


@coordinator_view
@require_POST
def strategy_move(request, access, pk: int, item_pk: int, kind: str = "strategy"):
    document = editable_document(access, pk, draft_only=True)
    strategy = writable_item(Strategy, "document", access, document, item_pk)
    return move_page(
        request,
        access,
        document,
        kind="strategy",
        item=strategy,
        move=lambda direction: services.strategy_move(
            strategy=strategy, direction=direction, by=request.user
        ),
    )


@coordinator_view
def measure_create(request, access, pk: int, kind: str = "measure"):
    document = editable_document(access, pk, draft_only=True)
    strategy = writable_parent(request, Strategy, "document", access, document)
    initial = next_letter(strategy.measures.values_list("letter", flat=True))
    form = forms.MeasureForm(request.POST or None, initial=initial, **form_kwargs(access, document))
    return create_page(
        request,
        access,
        document,
        kind="measure",
        form=form,
        create=lambda form: services.measure_create(
            strategy=strategy, by=request.user, **form.service_fields()
        ),
        parent=strategy,
    )


@coordinator_view
def measure_update(request, access, pk: int, item_pk: int, kind: str = "measure"):
    document = editable_document(access, pk, draft_only=True)
    measure = writable_item(Measure, "strategy__document", access, document, item_pk)
    form = forms.MeasureForm(
        request.POST or None, instance=measure, **form_kwargs(access, document)
    )
    return update_page(
        request,
        access,
        document,
        kind="measure",
        item=measure,
        form=form,
        update=lambda form: services.measure_update(
            measure=measure,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )


@coordinator_view
def measure_delete(request, access, pk: int, item_pk: int, kind: str = "measure"):
    document = editable_document(access, pk, draft_only=True)
    measure = writable_item(Measure, "strategy__document", access, document, item_pk)
    return delete_page(
        request,
        access,
        document,
        item=measure,
        delete=lambda: services.measure_delete(measure=measure, by=request.user),
    )


@coordinator_view
@require_POST
def measure_move(request, access, pk: int, item_pk: int, kind: str = "measure"):
    document = editable_document(access, pk, draft_only=True)
    measure = writable_item(Measure, "strategy__document", access, document, item_pk)
    return move_page(
        request,
        access,
        document,
        kind="measure",
        item=measure,
        move=lambda direction: services.measure_move(
            measure=measure, direction=direction, by=request.user
        ),
    )


@coordinator_view
def document_update(request, access, pk: int, item_pk: int, kind: str = "document"):
    """The document's own fields (title, introduction …), on the draft."""
    document = editable_document(access, pk, draft_only=True)
    if item_pk != document.pk:
        raise Http404
    parts.require_writable(access, document, parts.part_of(document))
    form = forms.DocumentForm(
        request.POST or None,
        instance=document,
        language_order=_language_order(access.municipality),
        municipality=access.municipality,
        municipalities=list(document.municipalities.all()),
    )
    return update_page(
        request,
        access,
        document,
        kind="document",
        item=document,
        form=form,
        update=lambda form: services.document_update(
            document=document,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.service_fields(),
        ),
    )
