"""A department's report: reading it, the one editor (texts, activities, trips, autosave) and
the review.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intlstrategy.concurrency import EditConflict
from intlstrategy.lib.forms import apply_errors
from intlstrategy.models import Department
from intlstrategy.permissions import Access, coordinator_view, municipality_view

from .. import selectors, services
from ..forms import (
    ActivityForm,
    ReportForm,
    ReturnForm,
    TripForm,
)
from ..models import (
    DepartmentReport,
    ReportActivity,
    Trip,
)
from .common import _errors, _round


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
                "progress_rows": list(report.progress_rows.all()),
                "form": forms.get("form")
                or ReportForm(
                    report=report,
                    rows=rows,
                    goal_areas=goal_areas,
                    results=list(report.results.all()),
                    progress_rows=list(report.progress_rows.all()),
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
        progress_rows=list(report.progress_rows.all()),
    )


SECTIONS = frozenset(
    {"part-projects", "part-progress", "part-results", "part-activities", "part-travel"}
)


ROW_ACTIONS = {
    "activity_add": "part-activities",
    "activity_edit": "part-activities",
    "activity_delete": "part-activities",
    "trip_add": "part-travel",
    "trip_edit": "part-travel",
    "trip_delete": "part-travel",
}


def _being_edited(model, report, raw):
    """The activity or trip a sub-form changes in place (its pk posted as `<prefix>-editing`),
    or None for a new one. Another report's row is a 404."""
    raw = (raw or "").strip()
    return get_object_or_404(model, pk=int(raw), report=report) if raw.isdigit() else None


def _edit_form(report, goal_areas, action, pk):
    """For the "change" button of a row: the sub-form filled with that row."""
    if action == "activity_edit":
        activity = get_object_or_404(ReportActivity, pk=pk, report=report)
        return ActivityForm(report=report, goal_areas=goal_areas, editing=activity)
    trip = get_object_or_404(Trip, pk=pk, report=report)
    return TripForm(report=report, editing=trip)


class _SubformRefused(Exception):
    """An activity or trip the service refused (errors are on its form): roll back."""


def _typed_into(form) -> bool:
    """Whether anything was typed into this sub-form (beyond its defaults): if so, a save
    of the report must store it or show why not, never drop it."""
    return any(form.add_prefix(name) in form.data for name in form.fields) and form.has_changed()


def _refused_at_fields(form, exc: ValidationError) -> None:
    apply_errors(form, exc)
    raise _SubformRefused


def _activity_add(report, form) -> None:
    fields = {f: form.cleaned_data[f] for f in ActivityForm.Meta.fields}
    try:
        if form.instance.pk:  # the sub-form changes an existing activity in place
            services.activity_update(activity=form.instance, **fields)
        else:
            services.activity_add(report=report, **fields)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        _refused_at_fields(form, exc)


def _trip_add(report, form) -> None:
    fields = {f: form.cleaned_data[f] for f in TripForm.Meta.fields}
    try:
        if form.instance.pk:  # the sub-form changes an existing trip in place
            services.trip_update(trip=form.instance, **fields, co2_kg=form.cleaned_data["co2_kg"])
        else:
            services.trip_add(report=report, **fields, co2_kg=form.cleaned_data["co2_kg"])
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        _refused_at_fields(form, exc)


def _row_delete(report, action: str, pk: int | None) -> None:
    if action == "activity_delete":
        services.activity_delete(activity=get_object_or_404(ReportActivity, pk=pk, report=report))
    elif action == "trip_delete":
        services.trip_delete(trip=get_object_or_404(Trip, pk=pk, report=report))


ROW_DONE = {
    "activity_update": lambda: _("The activity was changed."),
    "trip_update": lambda: _("The trip was changed."),
    "activity_add": lambda: _("The activity was added."),
    "activity_delete": lambda: _("The activity was removed."),
    "trip_add": lambda: _("The trip was added."),
    "trip_delete": lambda: _("The trip was removed."),
}


def _editor_post(request, access: Access, year: int, department_slug: str, *, action, pk=None):
    round, department, report = _report_for(access, year, department_slug, edit=True)
    if report is None:
        raise Http404
    goal_areas = services.goal_areas_for(access.municipality)
    activity_form = ActivityForm(
        request.POST,
        report=report,
        goal_areas=goal_areas,
        editing=_being_edited(ReportActivity, report, request.POST.get("activity-editing")),
    )
    trip_form = TripForm(
        request.POST,
        report=report,
        editing=_being_edited(Trip, report, request.POST.get("trip-editing")),
    )
    if request.htmx and action in ROW_ACTIONS:
        return _row_partial(
            request, access, round, department, report, action, pk, activity_form, trip_form
        )

    # The texts are saved whenever the page posted them (a row button of an older page,
    # or a forged POST, may carry none: then there is nothing typed to keep).
    texts_posted = action in ("save", "submit") or any(
        key == "expected_version"
        or key.startswith(("comment_", "result_", "progress_status_", "progress_note_"))
        for key in request.POST
    )
    form = _bound_report_form(request, access, report) if texts_posted else None
    add_activity = action == "activity_add" or _typed_into(activity_form)
    add_trip = action == "trip_add" or _typed_into(trip_form)
    changed_activity = add_activity and activity_form.instance.pk is not None
    changed_trip = add_trip and trip_form.instance.pk is not None
    valid = [
        form.is_valid() if form is not None else True,
        activity_form.is_valid() if add_activity else True,
        trip_form.is_valid() if add_trip else True,
    ]
    missing = None
    conflict = form is not None and form.has_error(NON_FIELD_ERRORS, "missing_version")
    if all(valid):
        try:
            with transaction.atomic():
                if form is not None:
                    report = services.report_save(
                        report=report,
                        expected_version=form.cleaned_data["expected_version"],
                        comments=form.comments,
                        results=form.results,
                        no_activities=form.cleaned_data["no_activities"],
                        progress=form.progress,
                        by=request.user,
                    )
                if add_activity:
                    _activity_add(report, activity_form)
                if add_trip:
                    _trip_add(report, trip_form)
                _row_delete(report, action, pk)
                if action == "refresh":  # after the typed texts are saved, never instead
                    report = services.report_refresh_projects(report=report, by=request.user)
                if action == "submit":
                    services.report_submit(
                        report=report, expected_version=report.version, by=request.user
                    )
        except EditConflict as exc:
            form.add_conflict(exc)
            conflict = True
        except services.IncompleteReport as exc:
            missing = exc.missing  # nothing was saved; the form keeps what was typed
        except _SubformRefused:
            pass  # nothing was saved; the errors are at the activity's or trip's fields
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):  # closed or already submitted: the page says so
                for message in _errors(exc):
                    messages.error(request, message)
                return _back(access, round, department)
            for message in _errors(exc):  # a rule of the model the form did not know
                form.add_error(None, message)
        else:
            if action == "submit":
                messages.success(
                    request, _("The report was submitted to the international coordinator.")
                )
                return _back(access, round, department)
            if form is not None:
                messages.success(request, _("The draft was saved."))
            if action == "refresh":
                messages.success(
                    request, _("The project list was brought up to date with the project register.")
                )
            if action in ("activity_edit", "trip_edit"):
                # Without JavaScript: the texts are saved; the page comes back with the
                # row in the sub-form, to be changed and saved with its own button.
                edit = _edit_form(report, goal_areas, action, pk)
                return _render_report(
                    request,
                    access,
                    round,
                    department,
                    DepartmentReport.objects.with_contents().get(pk=report.pk),
                    **{"activity_form" if action == "activity_edit" else "trip_form": edit},
                )
            for done, made in (
                ("activity_update", changed_activity),
                ("trip_update", changed_trip),
                ("activity_add", add_activity and not changed_activity),
                ("trip_add", add_trip and not changed_trip),
                (action, action in ("activity_delete", "trip_delete")),
            ):
                if made:
                    messages.success(request, ROW_DONE[done]())
            # Back to where the person was working: the section its script noted, else
            # the section of the button.
            section = request.POST.get("return_to", "")
            if section not in SECTIONS:
                section = {**ROW_ACTIONS, "refresh": "part-projects"}.get(action, "part-results")
            response = _back(access, round, department)
            response["Location"] += f"#{section}"
            return response
    return _render_report(
        request,
        access,
        round,
        department,
        report,
        form=form,
        activity_form=activity_form if add_activity else None,
        trip_form=trip_form if add_trip else None,
        missing=missing,
        status=409 if conflict else 200,
    )


def _row_partial(request, access, round, department, report, action, pk, activity_form, trip_form):
    """htmx: add or remove one activity or trip and return only its section."""
    done, notice = False, ""
    form = activity_form if action.startswith("activity") else trip_form
    changed = form.instance.pk is not None
    if action in ("activity_edit", "trip_edit"):
        form = _edit_form(report, services.goal_areas_for(access.municipality), action, pk)
    try:
        with transaction.atomic():
            if action in ("activity_edit", "trip_edit"):
                pass  # only the sub-form is filled with the row; nothing is written
            elif action == "activity_add" and activity_form.is_valid():
                _activity_add(report, activity_form)
                done = True
            elif action == "trip_add" and trip_form.is_valid():
                _trip_add(report, trip_form)
                done = True
            elif action in ("activity_delete", "trip_delete"):
                _row_delete(report, action, pk)
                done = True
    except _SubformRefused:
        pass
    except ValidationError as exc:  # closed or already submitted
        notice = " ".join(_errors(exc))
    if done:
        key = action.replace("_add", "_update") if changed else action
        notice = ROW_DONE[key]()
        form = None  # an empty form for the next one
    report = DepartmentReport.objects.with_contents().get(pk=report.pk)
    goal_areas = services.goal_areas_for(access.municipality)
    template = (
        "reporting/_activities.html" if action.startswith("activity") else "reporting/_trips.html"
    )
    return render(
        request,
        template,
        {
            "municipality": access.municipality,
            "round": round,
            "department": department,
            "report": report,
            "can_edit": access.can_report_for(department),
            "activity_form": form or ActivityForm(report=report, goal_areas=goal_areas),
            "trip_form": form or TripForm(report=report),
            "trip_totals": selectors.trip_totals(report),
            "notice": notice,
        },
    )


@require_POST
@municipality_view()
def report_save(request, access: Access, year: int, department: str):
    return _editor_post(request, access, year, department, action="save")


@require_POST
@municipality_view()
def report_submit(request, access: Access, year: int, department: str):
    """The submit button belongs to the report's form: what is on the page is saved (with
    its version checked) and submitted in one step, so nothing typed is left behind."""
    return _editor_post(request, access, year, department, action="submit")


@require_POST
@municipality_view()
def activity_add(request, access: Access, year: int, department: str):
    return _editor_post(request, access, year, department, action="activity_add")


@require_POST
@municipality_view()
def activity_delete(request, access: Access, year: int, department: str, pk: int):
    return _editor_post(request, access, year, department, action="activity_delete", pk=pk)


@require_POST
@municipality_view()
def activity_edit(request, access: Access, year: int, department: str, pk: int):
    return _editor_post(request, access, year, department, action="activity_edit", pk=pk)


@require_POST
@municipality_view()
def trip_edit(request, access: Access, year: int, department: str, pk: int):
    return _editor_post(request, access, year, department, action="trip_edit", pk=pk)


@require_POST
@municipality_view()
def trip_add(request, access: Access, year: int, department: str):
    return _editor_post(request, access, year, department, action="trip_add")


@require_POST
@municipality_view()
def trip_delete(request, access: Access, year: int, department: str, pk: int):
    return _editor_post(request, access, year, department, action="trip_delete", pk=pk)


@require_POST
@municipality_view()
def report_autosave(request, access: Access, year: int, department: str):
    """The editor's script saves the texts while the person writes. JSON: the new version
    (the next autosave starts from it) and what the page says; nothing is ever merged
    here: on a colleague's save it says so and the explicit save shows the merge view."""
    round, department, report = _report_for(access, year, department, edit=True)
    if report is None:
        raise Http404
    form = _bound_report_form(request, access, report)
    if not form.is_valid():
        missing_version = form.has_error(NON_FIELD_ERRORS, "missing_version")
        messages_ = [str(e) for errors in form.errors.values() for e in errors]
        return JsonResponse(
            {
                "saved": False,
                "message": _("Not saved: %(reason)s") % {"reason": " ".join(messages_)},
            },
            status=409 if missing_version else 400,
        )
    try:
        report = services.report_save(
            report=report,
            expected_version=form.cleaned_data["expected_version"],
            comments=form.comments,
            results=form.results,
            no_activities=form.cleaned_data["no_activities"],
            progress=form.progress,
            by=request.user,
        )
    except EditConflict:
        return JsonResponse({"saved": False, "message": _autosave_conflict()}, status=409)
    except ValidationError as exc:
        return JsonResponse(
            {
                "saved": False,
                "message": _("Not saved: %(reason)s") % {"reason": " ".join(_errors(exc))},
            },
            status=400 if hasattr(exc, "error_dict") else 409,
        )
    saved_at = formats.time_format(timezone.localtime(), "H:i")
    return JsonResponse(
        {
            "saved": True,
            "version": report.version,
            "message": _("Saved at %(time)s") % {"time": saved_at},
        }
    )


def _autosave_conflict() -> str:
    return _(
        "Not saved: a colleague saved this report after you opened it. Your text is still "
        "here. Press “Save draft” to see their text beside yours and merge the two."
    )


@require_POST
@municipality_view()
def report_refresh(request, access: Access, year: int, department: str):
    # Part of the one editor: what the page holds is saved first, so updating the project
    # list never drops text typed and not yet saved (_editor_post).
    return _editor_post(request, access, year, department, action="refresh")


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
