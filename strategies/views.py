"""Pages: reading the adopted strategy (public), and the coordinator's editor.

Views are thin: look the document up through the municipality (another tenant's
document is a 404; drafts are a 404 for everyone but coordinators), bind a form, call a
service, add a message, redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intlstrategy.concurrency import EditConflict
from intlstrategy.i18n import language_name
from intlstrategy.member_cache import cache_member_page
from intlstrategy.permissions import coordinator_view, municipality_view
from intlstrategy.public_cache import cache_public_page

from . import forms, parts, services
from .models import (
    ActionPlan,
    ActionPlanActivity,
    CouncilAmendment,
    DocumentPdf,
    DocumentStatus,
    FollowUp,
    Goal,
    GoalArea,
    Indicator,
    Measure,
    Milestone,
    PdfStatus,
    Strategy,
    StrategyDocument,
)
from .selectors import (
    annotate_amendments,
    document_diff,
    document_tree,
    documents_for,
    versions_of,
)


def _language_order(municipality) -> list[str]:
    """Side-by-side editors show the municipality's own language first."""
    first = municipality.default_language
    return [first] + [code for code in forms.LANGUAGES if code != first]


def _document(access, pk: int, *, tree: bool = False) -> StrategyDocument:
    queryset = StrategyDocument.objects.visible_to(access)
    if tree:
        queryset = document_tree(queryset, access.municipality)
    return get_object_or_404(queryset, pk=pk)


def _document_url(access, document, name="document_detail", **kwargs) -> str:
    return reverse(
        f"strategies:{name}",
        kwargs={"municipality": access.municipality.slug, "pk": document.pk, **kwargs},
    )


def _apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, at the field where there is one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- Reading ---------------------------------------------------------------------------


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


def _pdf_language(access) -> str:
    return (get_language() or access.municipality.default_language)[:2]


def _pdf_status_page(request, access, document, pdf):
    template = (
        "strategies/_pdf_status.html" if request.htmx else "strategies/document_pdf_status.html"
    )
    context = {
        "municipality": access.municipality,
        "access": access,
        "document": document,
        "pdf": pdf,
    }
    return render(request, template, context)


@municipality_view(public=True)
def document_pdf(request, access, pk: int):
    """The stored PDF when current; else it is queued and a page polls until it is ready.

    The request never renders the PDF itself (that is a Celery task): a public URL that
    starts seconds of WeasyPrint on every hit would be a denial-of-service risk.
    """
    document = _document(access, pk)
    language = _pdf_language(access)
    pdf = None
    if request.htmx:  # the polling page: only the state, no digest of the content
        pdf = DocumentPdf.objects.filter(
            document=document, municipality=access.municipality, language=language
        ).first()
    if pdf is None:
        pdf = services.document_pdf_request(
            document=document, language=language, municipality=access.municipality
        )
    if request.htmx or pdf.status != PdfStatus.READY or not pdf.file:
        return _pdf_status_page(request, access, document, pdf)
    # Read whole (a strategy is a few hundred kB) rather than streamed: callers and tests
    # use `response.content`, as before.
    with pdf.file.open("rb") as stored:
        response = HttpResponse(stored.read(), content_type="application/pdf")
    name = slugify(document.title)[:60] or "strategy"
    response["Content-Disposition"] = f'inline; filename="{name}-{language}.pdf"'
    return response


@require_POST
@coordinator_view
def document_pdf_retry(request, access, pk: int):
    document = _document(access, pk)
    pdf = DocumentPdf.objects.filter(
        document=document, municipality=access.municipality, language=_pdf_language(access)
    ).first()
    if pdf is None:  # nothing to retry: the PDF page asks for it
        return redirect(_document_url(access, document, "document_pdf"))
    try:
        services.document_pdf_retry(pdf=pdf)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_document_url(access, document, "document_pdf"))


# --- Versions: draft, adopt, history, revert ------------------------------------------


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


# --- Editing items: one generic view per operation ------------------------------------


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


def _edit_url(access, document, anchor: str = "") -> str:
    return _document_url(access, document, "document_edit") + (f"#{anchor}" if anchor else "")


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
