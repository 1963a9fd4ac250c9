"""The yearly follow-up document and its PDF."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from intlstrategy.docx import DOCX_CONTENT_TYPE
from intlstrategy.lib.forms import apply_errors
from intlstrategy.member_cache import cache_member_page
from intlstrategy.permissions import Access, coordinator_view, municipality_view

from .. import services
from ..forms import (
    FollowUpForm,
    FollowUpGenerateForm,
    followup_initial,
)
from ..models import (
    DepartmentReport,
    FollowUpDocument,
    FollowUpStatus,
)
from .common import _errors, _unless_rendering


def _latest_year(municipality) -> int | None:
    # Offer the latest year with approved reports: that is what can be followed up.
    return (
        DepartmentReport.objects.for_municipality(municipality)
        .approved()
        .order_by("-round__year")
        .values_list("round__year", flat=True)
        .first()
    )


def _list_page(request, access: Access, form):
    followups = list(
        FollowUpDocument.objects.for_municipality(access.municipality).select_related("created_by")
    )
    response = render(
        request,
        "reporting/followup_list.html",
        {"municipality": access.municipality, "followups": followups, "form": form},
    )
    return _unless_rendering(response, followups)


def _preview_page(request, access: Access, form, generate_form):
    from ..followup import followup_preview

    years = form.years()
    return render(
        request,
        "reporting/followup_preview.html",
        {
            "municipality": access.municipality,
            "form": generate_form,
            "years": years,
            "period": str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}",
            "is_term": len(years) > 1,
            "summary": form.cleaned_data["summary"],
            "preview": followup_preview(municipality=access.municipality, years=years),
        },
    )


@municipality_view()
@cache_member_page
def followup_list(request, access: Access):
    """The generated follow-ups; a coordinator's confirmation from the preview (POST)
    queues one render per chosen language."""
    if not access.is_coordinator:
        if request.method == "POST":
            raise PermissionDenied
        return _list_page(request, access, None)
    if request.method != "POST":
        form = FollowUpForm(
            municipality=access.municipality,
            initial=followup_initial(access.municipality, _latest_year(access.municipality)),
        )
        return _list_page(request, access, form)
    generate = FollowUpGenerateForm(request.POST, municipality=access.municipality)
    if not generate.is_valid():
        if set(generate.errors) - {"languages"}:
            # The period or summary (hidden on the preview) is wrong: back to where they
            # are typed, with the message at the field.
            form = FollowUpForm(request.POST, municipality=access.municipality)
            form.is_valid()
            return _list_page(request, access, form)
        return _preview_page(request, access, generate, generate)
    data = generate.cleaned_data
    term = data["period"] == FollowUpForm.PERIOD_TERM
    documents, not_queued = [], []
    for language in [code for code, _name in settings.LANGUAGES if code in data["languages"]]:
        try:
            documents.append(
                services.followup_request(
                    municipality=access.municipality,
                    language=language,
                    summary=data["summary"],
                    year=None if term else data["year"],
                    term_start=data["year"] if term else None,
                    by=request.user,
                )
            )
        except services.FollowUpNotQueued as exc:
            # The row is kept (failed, with its summary): its page offers "Try again".
            not_queued.append(exc)
            documents.append(exc.document)
        except ValidationError as exc:
            form = FollowUpForm(request.POST, municipality=access.municipality)
            form.is_valid()
            apply_errors(form, exc)
            return _list_page(request, access, form)
    if not_queued:
        messages.error(request, not_queued[0].message)
    else:
        messages.success(
            request,
            ngettext(
                "The follow-up is queued; this page shows when it is ready.",
                "The follow-ups are queued, one per language; this page shows when they are ready.",
                len(documents),
            ),
        )
    if len(documents) == 1:
        return redirect(
            "reporting:followup_detail", municipality=access.municipality.slug, pk=documents[0].pk
        )
    return redirect("reporting:followup_list", municipality=access.municipality.slug)


@coordinator_view
def followup_preview(request, access: Access):
    """Before generating: what will be included, which departments are not approved yet
    (wait, or go on), and the languages to make. Sent from the list's form."""
    if request.method != "POST":
        return redirect(
            reverse("reporting:followup_list", kwargs={"municipality": access.municipality.slug})
            + "#generate"
        )
    form = FollowUpForm(request.POST, municipality=access.municipality)
    if not form.is_valid():
        return _list_page(request, access, form)
    generate = FollowUpGenerateForm(initial={**form.cleaned_data}, municipality=access.municipality)
    return _preview_page(request, access, form, generate)


def _followup(access, pk) -> FollowUpDocument:
    return get_object_or_404(
        FollowUpDocument.objects.for_municipality(access.municipality).select_related("created_by"),
        pk=pk,
    )


@municipality_view()
def followup_detail(request, access: Access, pk: int):
    document = _followup(access, pk)
    template = (
        "reporting/_followup_status.html" if request.htmx else "reporting/followup_detail.html"
    )
    return render(request, template, {"municipality": access.municipality, "document": document})


@require_POST
@coordinator_view
def followup_retry(request, access: Access, pk: int):
    document = _followup(access, pk)
    try:
        services.followup_retry(document=document)
    except services.FollowUpNotQueued as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("reporting:followup_detail", municipality=access.municipality.slug, pk=pk)


@municipality_view()
def followup_docx(request, access: Access, pk: int):
    """The Word version, for the case system: the same members as the PDF."""
    document = _followup(access, pk)
    if document.status != FollowUpStatus.READY or not document.word_file:
        raise Http404
    return FileResponse(
        document.word_file.open("rb"),
        content_type=DOCX_CONTENT_TYPE,
        as_attachment=True,
        filename=document.word_file.name.rsplit("/", 1)[-1],
    )


@municipality_view()
def followup_pdf(request, access: Access, pk: int):
    """Downloads go through here (MEDIA_ROOT is not served): members of the municipality."""
    document = _followup(access, pk)
    if document.status != FollowUpStatus.READY or not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=document.file.name.rsplit("/", 1)[-1],
    )


@municipality_view()
def followup_web(request, access: Access, pk: int):
    """The follow-up as a web page for the council members: the same builder and section
    templates as the PDF, in the document's language, set in its own `lang`. The same
    members may read it as may download the PDF."""
    from ..followup import followup_context

    document = _followup(access, pk)
    if document.status != FollowUpStatus.READY:
        raise Http404
    with translation.override(document.language):
        context = followup_context(
            municipality=access.municipality, years=document.years, summary=document.summary
        )
        body = render_to_string("reporting/_followup_web_body.html", context, request=request)
    return render(
        request,
        "reporting/followup_web.html",
        {
            "municipality": access.municipality,
            "document": document,
            "body": body,
            "generated": timezone.now(),
        },
    )
