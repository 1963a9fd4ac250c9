"""The reporting rounds: the index, creating and changing a round, a round's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from intlstrategy.concurrency import EditConflict
from intlstrategy.member_cache import cache_member_page
from intlstrategy.permissions import Access, coordinator_view, municipality_view

from .. import selectors, services
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
            return redirect(
                "reporting:round_detail", municipality=access.municipality.slug, year=round.year
            )
    return render(
        request, "reporting/round_form.html", {"municipality": access.municipality, "form": form}
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
        },
    )
