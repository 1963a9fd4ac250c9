"""The yearly follow-up document and its PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intlstrategy.docx import DOCX_CONTENT_TYPE
from intlstrategy.lib.forms import apply_errors
from intlstrategy.member_cache import cache_member_page
from intlstrategy.permissions import Access, coordinator_view, municipality_view

from .. import services
from ..forms import (
    FollowUpForm,
    followup_initial,
)
from ..models import (
    DepartmentReport,
    FollowUpDocument,
    FollowUpStatus,
)
from .common import _errors, _unless_rendering


@municipality_view()
@cache_member_page
def followup_list(request, access: Access):
    followups = list(
        FollowUpDocument.objects.for_municipality(access.municipality).select_related("created_by")
    )
    form = None
    if access.is_coordinator:
        # Offer the latest year with approved reports: that is what can be followed up.
        latest_year = (
            DepartmentReport.objects.for_municipality(access.municipality)
            .approved()
            .order_by("-round__year")
            .values_list("round__year", flat=True)
            .first()
        )
        form = FollowUpForm(
            request.POST or None,
            municipality=access.municipality,
            initial=followup_initial(access.municipality, latest_year),
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            term = data["period"] == FollowUpForm.PERIOD_TERM
            try:
                document = services.followup_request(
                    municipality=access.municipality,
                    language=data["language"],
                    summary=data["summary"],
                    year=None if term else data["year"],
                    term_start=data["year"] if term else None,
                    by=request.user,
                )
            except services.FollowUpNotQueued as exc:
                # The row is kept (failed, with its summary): its page offers "Try again".
                messages.error(request, exc.message)
                document = exc.document
            except ValidationError as exc:
                apply_errors(form, exc)
                document = None
            else:
                messages.success(
                    request, _("The follow-up is queued; this page shows when it is ready.")
                )
            if document is not None:
                return redirect(
                    "reporting:followup_detail",
                    municipality=access.municipality.slug,
                    pk=document.pk,
                )
    elif request.method == "POST":
        raise PermissionDenied
    response = render(
        request,
        "reporting/followup_list.html",
        {"municipality": access.municipality, "followups": followups, "form": form},
    )
    return _unless_rendering(response, followups)


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
