"""The reporting rounds: the index, creating and changing a round, a round's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intlstrategy import people
from intlstrategy.concurrency import EditConflict
from intlstrategy.member_cache import cache_member_page
from intlstrategy.permissions import Access, coordinator_view, municipality_view

from .. import selectors, services, transfer
from ..forms import (
    RoundForm,
)
from ..models import (
    FollowUpDocument,
    ReportingRound,
)
from .common import _errors, _round, _unless_rendering


@municipality_view()
@cache_member_page
def index(request, access: Access):
    rounds = list(
        ReportingRound.objects.for_municipality(access.municipality)
        .only("year", "deadline", "status")  # what the table shows; not the instructions
        .order_by("-year")
    )
    followups = list(
        FollowUpDocument.objects.for_municipality(access.municipality).select_related("created_by")[
            :10
        ]
    )
    my_reports = selectors.my_open_reports(access)
    response = render(
        request,
        "reporting/index.html",
        {
            "municipality": access.municipality,
            "rounds": rounds,
            "followups": followups,
            "my_reports": my_reports,
        },
    )
    return _unless_rendering(response, followups)


@coordinator_view
def round_create(request, access: Access):
    form = RoundForm(request.POST or None, municipality=access.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_open(
                municipality=access.municipality,
                year=form.cleaned_data["year"],
                deadline=form.cleaned_data["deadline"],
                departments=form.cleaned_data["departments"],
                instructions=form.instructions,
                by=request.user,
            )
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The reporting round %(year)s is open; the contact persons are being e-mailed.")
                % {"year": round.year},
            )
            nobody = services.departments_without_recipient(round)
            if nobody:
                messages.warning(
                    request,
                    _(
                        "These departments have no contact person and get no e-mail: "
                        "%(departments)s. Name a contact person for each below."
                    )
                    % {"departments": ", ".join(d.name for d in nobody)},
                )
            return redirect(
                "reporting:round_detail", municipality=access.municipality.slug, year=round.year
            )
    return render(
        request,
        "reporting/round_form.html",
        {
            "municipality": access.municipality,
            "form": form,
            "without_contact": list(people.departments_without_contact(access.municipality)),
        },
    )


@coordinator_view
def round_edit(request, access: Access, year: int):
    round = _round(access, year)
    form = RoundForm(request.POST or None, municipality=access.municipality, round=round)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(
                round=round,
                expected_version=form.cleaned_data["expected_version"],
                deadline=form.cleaned_data["deadline"],
                departments=form.cleaned_data["departments"],
                instructions=form.instructions,
                status=form.cleaned_data["status"],
                by=request.user,
            )
        except EditConflict as exc:
            form.add_conflict(exc)
            conflict = True
        except ValidationError as exc:
            for message in _errors(exc):
                form.add_error(None, message)
        else:
            messages.success(request, _("The reporting round was saved."))
            return redirect(
                "reporting:round_detail", municipality=access.municipality.slug, year=year
            )
    return render(
        request,
        "reporting/round_form.html",
        {"municipality": access.municipality, "form": form, "round": round},
        status=409 if conflict or form.has_error(NON_FIELD_ERRORS, "missing_version") else 200,
    )


@municipality_view()
@cache_member_page
def round_detail(request, access: Access, year: int):
    round = _round(access, year)
    rows = selectors.round_rows(round, access)
    return render(
        request,
        "reporting/round_detail.html",
        {
            "municipality": access.municipality,
            "round": round,
            "rows": rows,
            "counts": selectors.count_states(rows),
            # Whom an e-mail of this round would not reach, with a link to name someone.
            "without_contact": (
                services.departments_without_recipient(round) if access.is_coordinator else []
            ),
        },
    )


@municipality_view()
def round_export(request, access: Access, year: int, fmt: str):
    """The round's reports the reader may see, one row each (see reporting.transfer)."""
    return transfer.export(access, _round(access, year), fmt)


@require_POST
@coordinator_view
def round_remind(request, access: Access, year: int):
    """ "Remind now": one department (`department` posted) or every one not submitted."""
    round = _round(access, year)
    department = None
    if request.POST.get("department"):
        department = get_object_or_404(
            round.departments.all(), pk=_int_or_404(request.POST["department"])
        )
    try:
        result = services.round_remind(round=round, department=department, by=request.user)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        names = ", ".join
        if result.reminded:
            messages.success(
                request,
                _("A reminder was sent to the contact persons of: %(departments)s.")
                % {"departments": names(d.name for d in result.reminded)},
            )
        if result.already:
            messages.info(
                request,
                _("Already reminded today, so not again: %(departments)s.")
                % {"departments": names(d.name for d in result.already)},
            )
        if result.nobody:
            messages.warning(
                request,
                _(
                    "No reminder could be sent to %(departments)s: they have no contact "
                    "person. Name one under “Departments without a contact person”."
                )
                % {"departments": names(d.name for d in result.nobody)},
            )
        if not (result.reminded or result.already or result.nobody):
            messages.info(request, _("Every department has submitted; nobody to remind."))
    return redirect("reporting:round_detail", municipality=access.municipality.slug, year=year)


def _int_or_404(value: str) -> int:
    if not value.isdigit():
        raise Http404
    return int(value)
