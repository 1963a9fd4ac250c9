"""Pages of a strategy document: list, reading, editing page, adoption, history, drafts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intlstrategy.concurrency import EditConflict
from intlstrategy.i18n import language_name
from intlstrategy.member_cache import cache_member_page
from intlstrategy.permissions import coordinator_view, municipality_view
from intlstrategy.public_cache import cache_public_page

from .. import forms, services, transfer
from ..models import (
    CouncilAmendment,
    DocumentStatus,
    Goal,
    GoalArea,
    Measure,
    Strategy,
    StrategyDocument,
)
from ..selectors import (
    annotate_amendments,
    document_diff,
    document_tree,
    documents_for,
    versions_of,
)
from .common import _apply_errors, _document, _document_url, _edit_url, _language_order


@cache_public_page
@municipality_view(public=True)
@cache_member_page
def document_list(request, access):
    documents = list(documents_for(access))
    return render(
        request,
        "strategies/document_list.html",
        {
            "municipality": access.municipality,
            "access": access,
            "adopted": [d for d in documents if d.status == DocumentStatus.ADOPTED],
            "drafts": [d for d in documents if d.status == DocumentStatus.DRAFT],
            "superseded": [d for d in documents if d.status == DocumentStatus.SUPERSEDED],
        },
    )


def _reading_context(access, document, *, proposed: bool) -> dict:
    annotate_amendments(document)
    return {
        "municipality": access.municipality,
        "access": access,
        "document": document,
        "proposed": proposed,
        "has_amendments": bool(document.amendments.all()),
        "draft": (
            next(
                (d for d in document.next_versions.all() if d.status == DocumentStatus.DRAFT), None
            )
            if access.is_coordinator and document.status == DocumentStatus.ADOPTED
            else None
        ),
    }


@cache_public_page(params=("view",))
@municipality_view(public=True)
@cache_member_page
def document_detail(request, access, pk: int):
    document = _document(access, pk, tree=True)
    proposed = request.GET.get("view") == "proposed"
    context = _reading_context(access, document, proposed=proposed)
    return render(request, "strategies/document_detail.html", context)


@municipality_view(public=True)
def document_table(request, access, pk: int, what: str, fmt: str):
    """The measures, the action-plan activities or the indicator values as XLSX or CSV;
    never of a draft."""
    if what not in ("measures", "activities", "indicator-values") or fmt not in ("csv", "xlsx"):
        raise Http404
    document = _document(access, pk)
    if document.status == DocumentStatus.DRAFT:
        raise Http404
    return transfer.export(access, document, what, fmt)


@coordinator_view
@require_POST
def document_start_draft(request, access, pk: int):
    document = _document(access, pk)
    try:
        draft = services.document_start_draft(document=document, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_document_url(access, document))
    messages.success(request, _("A new draft was started. It is not public until adopted."))
    return redirect(_document_url(access, draft, "document_edit"))


@coordinator_view
def document_edit(request, access, pk: int):
    document = _document(access, pk, tree=True)
    if document.status == DocumentStatus.SUPERSEDED:
        raise Http404
    annotate_amendments(document)
    return render(
        request,
        "strategies/document_edit.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": document,
            "is_draft": document.status == DocumentStatus.DRAFT,
        },
    )


@coordinator_view
def document_adopt(request, access, pk: int):
    document = _document(access, pk, tree=True)
    if document.status != DocumentStatus.DRAFT:
        raise Http404
    form = forms.AdoptForm(
        request.POST or None,
        initial={"expected_version": document.version, "adopted_by": "council"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_adopt(
                document=document,
                by=request.user,
                adopted_by=data["adopted_by"],
                adopted_on=data["adopted_on"],
                paragraph=data["paragraph"],
                case_number=data["case_number"],
                expected_version=data.get("expected_version"),
                # Each council adopts by its own decision: only this municipality's.
                municipality=access.municipality,
            )
        except EditConflict as conflict:
            form.add_conflict(conflict)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if document.status != DocumentStatus.ADOPTED:
                messages.success(
                    request,
                    _(
                        "Your council's decision was recorded. The document is adopted when "
                        "the decisions of all municipalities that own it are recorded."
                    ),
                )
                return redirect(_edit_url(access, document))
            messages.success(request, _("The document was adopted and is now public."))
            return redirect(_document_url(access, document))
    previous = document.previous_version
    if previous is not None:
        previous = document_tree(StrategyDocument.objects.filter(pk=previous.pk)).get()
    diff = []
    if previous is not None:
        # Every language: a coordinator often adds the English text beside her own.
        for code in _language_order(access.municipality):
            for row in document_diff(previous, document, code):
                row.label = f"{row.label} ({language_name(code)})"
                diff.append(row)
    return render(
        request,
        "strategies/document_adopt.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": document,
            "form": form,
            "diff": diff if previous is not None else None,
            "previous": previous,
            "decisions": document.adoptions.select_related("municipality"),
            "decided": document.adoptions.filter(municipality=access.municipality).exists(),
        },
    )


@coordinator_view
def document_history(request, access, pk: int):
    document = _document(access, pk)
    versions = [
        v
        for v in versions_of(document)
        if access.municipality.pk in {m.pk for m in v.municipalities.all()}
    ]
    by_pk = {v.pk: v for v in versions}

    def pick(name, default):
        try:
            return by_pk[int(request.GET.get(name, ""))]
        except (KeyError, ValueError):
            return default

    newest = versions[-1]
    old = pick("old", versions[-2] if len(versions) > 1 else newest)
    new = pick("new", newest)
    # The diff compares one language; by default the one the document is written in.
    language = request.GET.get("text_language") or access.municipality.default_language
    if language not in forms.LANGUAGES:
        language = access.municipality.default_language
    trees = {
        d.pk: d for d in document_tree(StrategyDocument.objects.filter(pk__in={old.pk, new.pk}))
    }
    return render(
        request,
        "strategies/document_history.html",
        {
            "municipality": access.municipality,
            "access": access,
            "document": document,
            "versions": versions,
            "old": old,
            "new": new,
            "diff": document_diff(trees[old.pk], trees[new.pk], language),
            "text_language": language,
            "text_languages": [(code, language_name(code)) for code in forms.LANGUAGES],
            "changes": _change_log(versions),
            "can_revert": newest.status != DocumentStatus.DRAFT,
            "head": newest,
        },
    )


def _change_log(versions, limit: int = 100) -> list:
    """Who changed what and when, across all versions of the document (newest first)."""
    ids = [v.pk for v in versions]
    version_of = {v.pk: v for v in versions}
    entries = []
    sources = [
        (StrategyDocument.history.filter(id__in=ids), "id", _("document")),
        (GoalArea.history.filter(document_id__in=ids), "document_id", _("goal area")),
        (Goal.history.filter(goal_area__document_id__in=ids), None, _("goal")),
        (Strategy.history.filter(document_id__in=ids), "document_id", _("strategy")),
        (Measure.history.filter(strategy__document_id__in=ids), None, _("measure")),
        (CouncilAmendment.history.filter(document_id__in=ids), "document_id", _("amendment")),
    ]
    for queryset, document_field, kind in sources:
        for record in queryset.select_related("history_user").order_by("-history_date")[:limit]:
            entries.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "type": record.history_type,
                    "kind": kind,
                    "label": str(record.instance) if record.history_type != "-" else "",
                    "version": version_of.get(getattr(record, document_field))
                    if document_field
                    else None,
                }
            )
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries[:limit]


@coordinator_view
@require_POST
def document_revert(request, access, pk: int):
    document = _document(access, pk)
    try:
        draft = services.document_revert(document=document, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_document_url(access, document, "document_history"))
    messages.success(
        request,
        _(
            "A new draft with the text of the earlier version was started. Adopt it to make "
            "it current; nothing in the history was changed."
        ),
    )
    return redirect(_document_url(access, draft, "document_edit"))


@coordinator_view
@require_POST
def document_delete_draft(request, access, pk: int):
    document = _document(access, pk)
    previous = document.previous_version
    try:
        services.document_delete_draft(document=document, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_document_url(access, document))
    messages.success(request, _("The draft was deleted."))
    if previous is not None:
        return redirect(_document_url(access, previous))
    return redirect("strategies:document_list", municipality=access.municipality.slug)
