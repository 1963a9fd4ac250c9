"""Pages of the reporting app. Thin: look up through the municipality, check, call a service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intlstrategy.concurrency import EditConflict
from intlstrategy.member_cache import cache_member_page
from intlstrategy.models import Department
from intlstrategy.permissions import Access, coordinator_view, municipality_view

from . import selectors, services
from .forms import (
    ActivityForm,
    FollowUpForm,
    ReportForm,
    ReturnForm,
    RoundForm,
    TripForm,
    followup_initial,
)
from .models import (
    DepartmentReport,
    FollowUpDocument,
    FollowUpStatus,
    ReportActivity,
    ReportingRound,
    Trip,
)


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _round(access: Access, year: int) -> ReportingRound:
    return get_object_or_404(
        ReportingRound.objects.for_municipality(access.municipality), year=year
    )


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
    return render(
        request,
        "reporting/index.html",
        {
            "municipality": access.municipality,
            "rounds": rounds,
            "followups": followups,
            "my_reports": my_reports,
        },
    )


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


def _report_for(access: Access, year: int, department_slug: str, *, edit: bool = False):
    """(round, department, report or None), with the permission rules of the report:
    contacts of the department and coordinators; council members approved reports only."""
    round = _round(access, year)
    department = get_object_or_404(
        Department.objects.for_municipality(access.municipality), slug=department_slug
    )
    report = (
        DepartmentReport.objects.with_contents().filter(round=round, department=department).first()
    )
    if access.can_report_for(department):
        return round, department, report
    if not edit and access.is_council_member and report and report.status == "approved":
        return round, department, report
    raise PermissionDenied


def _render_report(request, access, round, department, report, *, status=200, **forms):
    context = {
        "municipality": access.municipality,
        "round": round,
        "department": department,
        "report": report,
        "can_edit": access.can_report_for(department),
    }
    if report is not None:
        goal_areas = services.goal_areas_for(access.municipality)
        rows = list(report.project_rows.all())
        context.update(
            {
                "rows": rows,
                "form": forms.get("form")
                or ReportForm(
                    report=report,
                    rows=rows,
                    goal_areas=goal_areas,
                    results=list(report.results.all()),
                ),
                "activity_form": forms.get("activity_form")
                or ActivityForm(report=report, goal_areas=goal_areas),
                "trip_form": forms.get("trip_form") or TripForm(report=report),
                "return_form": forms.get("return_form") or ReturnForm(),
                "missing": forms.get("missing"),
                "trip_totals": selectors.trip_totals(report),
            }
        )
    return render(request, "reporting/report_detail.html", context, status=status)


@municipality_view()
def report_detail(request, access: Access, year: int, department: str):
    round, department, report = _report_for(access, year, department)
    return _render_report(request, access, round, department, report)


def _back(access, round, department):
    return redirect(
        "reporting:report_detail",
        municipality=access.municipality.slug,
        year=round.year,
        department=department.slug,
    )


@require_POST
@municipality_view()
def report_start(request, access: Access, year: int, department: str):
    round, department, report = _report_for(access, year, department, edit=True)
    try:
        services.report_start(round=round, department=department, by=request.user)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return _back(access, round, department)


def _bound_report_form(request, access: Access, report: DepartmentReport) -> ReportForm:
    return ReportForm(
        request.POST,
        report=report,
        rows=list(report.project_rows.all()),
        goal_areas=services.goal_areas_for(access.municipality),
        results=list(report.results.all()),
    )


@require_POST
@municipality_view()
def report_save(request, access: Access, year: int, department: str):
    return _save_report(request, access, year, department, submit=False)


@require_POST
@municipality_view()
def report_submit(request, access: Access, year: int, department: str):
    """The submit button belongs to the report's form: what is on the page is saved (with
    its version checked) and submitted in one step, so nothing typed is left behind."""
    return _save_report(request, access, year, department, submit=True)


def _save_report(request, access: Access, year: int, department_slug: str, *, submit: bool):
    round, department, report = _report_for(access, year, department_slug, edit=True)
    if report is None:
        raise Http404
    form = _bound_report_form(request, access, report)
    missing, conflict = None, form.has_error(NON_FIELD_ERRORS, "missing_version")
    if form.is_valid():
        save = services.report_save_and_submit if submit else services.report_save
        try:
            save(
                report=report,
                expected_version=form.cleaned_data["expected_version"],
                comments=form.comments,
                results=form.results,
                no_activities=form.cleaned_data["no_activities"],
                by=request.user,
            )
        except EditConflict as exc:
            form.add_conflict(exc)
            conflict = True
        except services.IncompleteReport as exc:
            missing = exc.missing  # nothing was saved; the form keeps what was typed
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # closed or already submitted: the page says so
                for message in _errors(exc):
                    messages.error(request, message)
                return _back(access, round, department)
            for message in _errors(exc):  # a rule of the model the form did not know
                form.add_error(None, message)
        else:
            if submit:
                messages.success(
                    request, _("The report was submitted to the international coordinator.")
                )
            else:
                messages.success(request, _("The draft was saved."))
            return _back(access, round, department)
    return _render_report(
        request,
        access,
        round,
        department,
        report,
        form=form,
        missing=missing,
        status=409 if conflict else 200,
    )


@require_POST
@municipality_view()
def report_refresh(request, access: Access, year: int, department: str):
    round, department, report = _report_for(access, year, department, edit=True)
    if report is None:
        raise Http404
    try:
        services.report_refresh_projects(report=report, by=request.user)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(
            request, _("The project list was brought up to date with the project register.")
        )
    return _back(access, round, department)


@require_POST
@municipality_view()
def activity_add(request, access: Access, year: int, department: str):
    round, department, report = _report_for(access, year, department, edit=True)
    if report is None:
        raise Http404
    goal_areas = services.goal_areas_for(access.municipality)
    form = ActivityForm(request.POST, report=report, goal_areas=goal_areas)
    if form.is_valid():
        try:
            services.activity_add(
                report=report, **{f: form.cleaned_data[f] for f in ActivityForm.Meta.fields}
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("The activity was added."))
            return _back(access, round, department)
    return _render_report(request, access, round, department, report, activity_form=form)


@require_POST
@municipality_view()
def activity_delete(request, access: Access, year: int, department: str, pk: int):
    round, department, report = _report_for(access, year, department, edit=True)
    activity = get_object_or_404(ReportActivity, pk=pk, report=report)
    try:
        services.activity_delete(activity=activity)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("The activity was removed."))
    return _back(access, round, department)


@require_POST
@municipality_view()
def trip_add(request, access: Access, year: int, department: str):
    round, department, report = _report_for(access, year, department, edit=True)
    if report is None:
        raise Http404
    form = TripForm(request.POST, report=report)
    if form.is_valid():
        try:
            services.trip_add(
                report=report,
                **{f: form.cleaned_data[f] for f in TripForm.Meta.fields},
                co2_kg=form.cleaned_data["co2_kg"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("The trip was added."))
            return _back(access, round, department)
    return _render_report(request, access, round, department, report, trip_form=form)


@require_POST
@municipality_view()
def trip_delete(request, access: Access, year: int, department: str, pk: int):
    round, department, report = _report_for(access, year, department, edit=True)
    trip = get_object_or_404(Trip, pk=pk, report=report)
    try:
        services.trip_delete(trip=trip)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("The trip was removed."))
    return _back(access, round, department)


@require_POST
@coordinator_view
def report_review(request, access: Access, year: int, department: str, decision: str):
    round, department, report = _report_for(access, year, department, edit=True)
    if report is None:
        raise Http404
    form = ReturnForm(request.POST)
    try:
        if decision == "approve":
            services.report_approve(report=report, by=request.user)
            messages.success(request, _("The report was approved."))
        else:
            if not form.is_valid():
                return _render_report(request, access, round, department, report, return_form=form)
            services.report_return(
                report=report, comment=form.cleaned_data["comment"], by=request.user
            )
            messages.success(request, _("The report was returned to the department."))
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect(
        "reporting:round_detail", municipality=access.municipality.slug, year=round.year
    )


# --- follow-ups ----------------------------------------------------------------------------


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
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
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
    return render(
        request,
        "reporting/followup_list.html",
        {"municipality": access.municipality, "followups": followups, "form": form},
    )


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
