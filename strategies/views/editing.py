"""Shared page helpers for the pages that create, change, move and delete one item of a
document (a goal area, a measure, an activity …).

Each URL has its own view function in the concept's module (`structure`, `amendments`,
`action_plan`, `indicators`, `follow_ups`), which names its model, form and service
call; the helpers here only do the page mechanics they all share: find the document and
item the user may write, render the form, show a refusal or a conflict, redirect.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from intlstrategy.concurrency import EditConflict

from .. import parts
from ..models import DocumentStatus, StrategyDocument
from .common import _apply_errors, _document, _edit_url, _language_order


def editable_document(access, pk: int, *, draft_only: bool) -> StrategyDocument:
    """The document to write: the text only in a draft, the action plan and follow-ups
    in the adopted one too; never a superseded version."""
    document = _document(access, pk)
    if draft_only and document.status != DocumentStatus.DRAFT:
        raise Http404
    if document.status == DocumentStatus.SUPERSEDED:
        raise Http404
    return document


def writable_item(model, document_path: str, access, document, item_pk: int):
    """The item to write: another municipality's own part is a 404, a common part the
    document leaves to another owner a 403 (strategies.parts)."""
    queryset = model.objects.filter(**{document_path: document}).filter(
        parts.in_parts_of(model, access.municipality)
    )
    item = get_object_or_404(queryset, pk=item_pk)
    parts.require_writable(access, document, parts.part_of(item))
    return item


def writable_parent(request, model, document_path: str, access, document):
    """The parent named by `?parent=` (or the POST's `parent`) that a new item goes in."""
    parent = get_object_or_404(
        model.objects.filter(**{document_path: document}).filter(
            parts.in_parts_of(model, access.municipality)
        ),
        pk=request.GET.get("parent") or request.POST.get("parent") or 0,
    )
    parts.require_writable(access, document, parts.part_of(parent))
    return parent


def form_kwargs(access, document) -> dict:
    return {
        "language_order": _language_order(access.municipality),
        "municipality": access.municipality,
        "document": document,
    }


def label(item) -> str:
    text = str(item)
    return text if len(text) < 80 else text[:77] + "…"


def next_number(values) -> dict:
    """Suggest the next free number, so adding an item is one step."""
    return {"number": max(values, default=0) + 1}


def next_letter(values) -> dict:
    """Suggest the first free letter."""
    free = [c for c in "abcdefghijklmnopqrstuvwxyz" if c not in values]
    return {"letter": free[0] if free else ""}


def render_item_form(request, access, document, kind, form, item=None, parent=None):
    return render(
        request,
        "strategies/item_form.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": document,
            "kind": kind,
            "kind_label": form._meta.model._meta.verbose_name,
            "form": form,
            "item": item,
            "parent_pk": parent.pk if parent is not None else None,
        },
    )


def create_page(
    request,
    access,
    document,
    *,
    kind: str,
    form,
    create: Callable,
    parent=None,
    check_part: bool = False,
):
    """GET: the empty form; POST: `create(form)` (the service call), then back to the
    editing page at the new item. `check_part`: the item's own part (an item without a
    parent may be put in a municipality's part) must be writable too."""
    if request.method == "POST" and form.is_valid():
        if check_part:
            parts.require_writable(access, document, parts.part_of(form.instance))
        try:
            item = create(form)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved: %(item)s") % {"item": label(item)})
            return redirect(_edit_url(access, document, f"{kind}-{item.pk}"))
    return render_item_form(request, access, document, kind, form, parent=parent)


def update_page(request, access, document, *, kind: str, item, form, update: Callable):
    """GET: the form with the item; POST: `update(form)` (the service call with the
    version the form started from). A colleague's save in between shows the core's merge
    view (`VersionedFormMixin.add_conflict`, `templates/_merge.html`)."""
    if request.method == "POST" and form.is_valid():
        # The part the item is moved to (a goal area's, an amendment's target) counts too.
        parts.require_writable(access, document, parts.part_of(form.instance))
        try:
            update(form)
        except EditConflict as conflict:
            form.add_conflict(conflict)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Saved: %(item)s") % {"item": label(item)})
            anchor = "" if isinstance(item, StrategyDocument) else f"{kind}-{item.pk}"
            return redirect(_edit_url(access, document, anchor))
    return render_item_form(request, access, document, kind, form, item)


def delete_page(request, access, document, *, item, delete: Callable):
    """GET: the confirmation; POST: `delete()` (the service call)."""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Deleted: %(item)s") % {"item": label(item)})
        return redirect(_edit_url(access, document))
    return render(
        request,
        "strategies/item_confirm_delete.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": document,
            "item": item,
            "kind_label": item._meta.verbose_name,
        },
    )


def move_page(request, access, document, *, kind: str, item, move: Callable):
    """POST only: `move(direction)` (the service call) for "up" or "down"."""
    direction = request.POST.get("direction")
    if direction in {"up", "down"}:
        move(direction)
        messages.success(request, _("Moved: %(item)s") % {"item": label(item)})
    return redirect(_edit_url(access, document, f"{kind}-{item.pk}"))
