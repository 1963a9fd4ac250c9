"""Pages of the project register. Thin: look up through the municipality, call a service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from intlstrategy.charts import bar_chart, pie_chart
from intlstrategy.concurrency import EditConflict
from intlstrategy.lib import tabular
from intlstrategy.lib.forms import apply_errors
from intlstrategy.member_cache import cache_member_page
from intlstrategy.permissions import Access, coordinator_view, municipality_view
from intlstrategy.public_cache import cache_public_page

from . import catalogue as catalogue_services
from . import imports, permissions, selectors, services, transfer
from .forms import (
    AttachmentForm,
    CallForm,
    ExchangeRateForm,
    FunderForm,
    ImportForm,
    PartnerForm,
    ProgrammeForm,
    ProjectForm,
    RegisterFilterForm,
    StatusChangeForm,
)
from .models import (
    Call,
    Currency,
    ExchangeRate,
    Funder,
    FundingProgramme,
    KindInYear,
    Project,
    ProjectAttachment,
    ProjectImport,
    ProjectPartner,
    ProjectStatus,
    base_currency,
)


def _visible(access: Access):
    return Project.objects.for_municipality(access.municipality).visible_to(access)


def _project(access: Access, pk: int) -> Project:
    return get_object_or_404(_visible(access).with_related(), pk=pk)


def _editable(access: Access, pk: int) -> Project:
    project = _project(access, pk)
    if not permissions.can_edit(access, project):
        raise PermissionDenied
    return project


def _currency(request, municipality) -> str:
    chosen = request.GET.get("currency", "")
    return chosen if chosen in Currency.values else base_currency(municipality)


# What projects/project_list.html shows of a project (titles and names in every language,
# for the marked fallback).
REGISTER_COLUMNS = (
    *("title", "title_nb", "title_sv", "title_en"),
    *("is_demo", "acronym", "status", "start_date", "end_date", "grant", "currency"),
    *("programme__short_name", "programme__name"),
    *("programme__name_nb", "programme__name_sv", "programme__name_en"),
    *("lead_department__name", "lead_department__name_nb"),
    *("lead_department__name_sv", "lead_department__name_en"),
)


@cache_public_page(params=("status", "programme", "department", "year", "q", "sort", "page"))
@municipality_view(public=True)
@cache_member_page
def project_list(request, access: Access):
    form = RegisterFilterForm(request.GET or None, access=access)
    filters = form.cleaned_data if form.is_valid() else {}
    projects = selectors.register(
        _visible(access),
        status=filters.get("status", ""),
        programme=filters.get("programme"),
        department=filters.get("department"),
        year=filters.get("year"),
        q=filters.get("q", ""),
        sort=filters.get("sort", ""),
    )
    # Only the columns of the table: not the long texts, the call or the parent programme.
    projects = (
        projects.select_related(None)
        .select_related("programme", "lead_department")
        # The joined departments get the tenant condition too (else PostgreSQL hashes
        # every municipality's departments); the index serves the default order.
        .filter(lead_department__municipality=access.municipality)
        .only(*REGISTER_COLUMNS)
    )
    page = Paginator(projects, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/project_list.html",
        {
            "municipality": access.municipality,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_create": permissions.can_create(access),
        },
    )


@cache_public_page
@municipality_view(public=True)
@cache_member_page
def project_detail(request, access: Access, pk: int):
    project = _project(access, pk)
    can_edit = permissions.can_edit(access, project)
    context = {
        "municipality": access.municipality,
        "project": project,
        "can_edit": can_edit,
        "partners": project.partners.select_related("relation", "organisation"),
        "departments": project.participating_departments.all(),
        "goal_areas": project.goal_areas.all(),
    }
    if access.is_member:
        context["changes"] = project.status_changes.select_related("by").order_by("pk")
        context["attachments"] = project.attachments.select_related("uploaded_by")
    if can_edit:
        context["status_form"] = StatusChangeForm(project=project)
        context["partner_form"] = PartnerForm(municipality=access.municipality)
        context["attachment_form"] = AttachmentForm()
    return render(request, "projects/project_detail.html", context)


@municipality_view()
def project_create(request, access: Access):
    if not permissions.can_create(access):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            permissions.require_lead_department(access, form.cleaned_data.get("lead_department"))
            project = services.project_create(
                municipality=access.municipality, by=request.user, **form.service_fields()
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The project was registered."))
            return redirect(
                "projects:project_detail", municipality=access.municipality.slug, pk=project.pk
            )
    return render(
        request, "projects/project_form.html", {"municipality": access.municipality, "form": form}
    )


@municipality_view()
def project_edit(request, access: Access, pk: int):
    project = _editable(access, pk)
    form = ProjectForm(request.POST or None, instance=project, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            permissions.require_lead_department(access, form.cleaned_data.get("lead_department"))
            services.project_update(
                project=project,
                by=request.user,
                expected_version=form.cleaned_data.get("expected_version"),
                **form.service_fields(),
            )
        except EditConflict as exc:
            form.add_conflict(exc)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(
                "projects:project_detail", municipality=access.municipality.slug, pk=project.pk
            )
    return render(
        request,
        "projects/project_form.html",
        {"municipality": access.municipality, "form": form, "project": project},
    )


# A refusal without a field dict goes above the form (no AttributeError).
_add_errors = apply_errors


@require_POST
@municipality_view()
def project_status(request, access: Access, pk: int):
    project = _editable(access, pk)
    form = StatusChangeForm(request.POST, project=project)
    if form.is_valid():
        try:
            services.project_change_status(
                project=project,
                to=form.cleaned_data["to"],
                on=form.cleaned_data["on"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The status is now “%(status)s”.") % {"status": project.get_status_display()},
            )
            return redirect(
                "projects:project_detail", municipality=access.municipality.slug, pk=project.pk
            )
    return render(
        request,
        "projects/status_form.html",
        {"municipality": access.municipality, "project": project, "form": form},
        status=400,
    )


@require_POST
@municipality_view()
def partner_add(request, access: Access, pk: int):
    project = _editable(access, pk)
    form = PartnerForm(request.POST, municipality=access.municipality)
    if form.is_valid():
        try:
            services.project_partner_add(project=project, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The partner was added."))
            return redirect(
                "projects:project_detail", municipality=access.municipality.slug, pk=project.pk
            )
    return render(
        request,
        "projects/partner_form.html",
        {"municipality": access.municipality, "project": project, "form": form},
        status=400,
    )


@require_POST
@municipality_view()
def partner_remove(request, access: Access, pk: int, partner: int):
    project = _editable(access, pk)
    item = get_object_or_404(ProjectPartner, project=project, pk=partner)
    services.project_partner_remove(partner=item)
    messages.success(request, _("The partner was removed."))
    return redirect("projects:project_detail", municipality=access.municipality.slug, pk=project.pk)


@require_POST
@municipality_view()
def project_delete(request, access: Access, pk: int):
    project = _editable(access, pk)
    seen = request.POST.get("expected_version", "")
    try:
        services.project_delete(
            project=project,
            expected_version=int(seen) if seen.isdigit() else -1,
            by=request.user,
        )
    except EditConflict as conflict:  # changed since the page with the button was shown
        messages.error(request, conflict.removal_message)
        return redirect("projects:project_detail", municipality=access.municipality.slug, pk=pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("projects:project_detail", municipality=access.municipality.slug, pk=pk)
    messages.success(request, _("The project %(title)s was deleted.") % {"title": project})
    return redirect("projects:project_list", municipality=access.municipality.slug)


@require_POST
@municipality_view()
def attachment_add(request, access: Access, pk: int):
    project = _editable(access, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.project_attachment_add(
                project=project,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The file was attached."))
            return redirect(
                "projects:project_detail", municipality=access.municipality.slug, pk=project.pk
            )
    return render(
        request,
        "projects/attachment_form.html",
        {"municipality": access.municipality, "project": project, "form": form},
        status=400,
    )


@municipality_view()
def attachment_download(request, access: Access, pk: int, attachment: int):
    """Members only: attachments are internal documents, never public."""
    project = _project(access, pk)
    item = get_object_or_404(ProjectAttachment, project=project, pk=attachment)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = f"{slugify(item.title) or 'attachment'}.{item.kind}"
    return FileResponse(handle, as_attachment=True, filename=name)


@require_POST
@municipality_view()
def attachment_delete(request, access: Access, pk: int, attachment: int):
    project = _editable(access, pk)
    item = get_object_or_404(ProjectAttachment, project=project, pk=attachment)
    services.project_attachment_delete(attachment=item)
    messages.success(request, _("The file was removed."))
    return redirect("projects:project_detail", municipality=access.municipality.slug, pk=project.pk)


@municipality_view()
def pipeline(request, access: Access):
    currency = _currency(request, access.municipality)
    data = selectors.pipeline(
        Project.objects.for_municipality(access.municipality),
        municipality=access.municipality,
        currency=currency,
    )
    return render(
        request,
        "projects/pipeline.html",
        {
            "municipality": access.municipality,
            "pipeline": data,
            "currencies": Currency.values,
        },
    )


@cache_public_page
@municipality_view(public=True)
@cache_member_page
def year_view(request, access: Access, year: int | None = None):
    if year is None:
        year = timezone.localdate().year
    if not 1990 <= year <= 2100:
        raise Http404
    projects = list(
        _visible(access).in_year(year).with_related().order_by("lead_department__name", "title")
    )
    groups = [
        (kind, [p for p in projects if p.kind_in_year == kind])
        for kind in (KindInYear.ONGOING, KindInYear.COMPLETED, KindInYear.SUBMITTED)
    ]
    return render(
        request,
        "projects/year.html",
        {
            "municipality": access.municipality,
            "year": year,
            "groups": groups,
            "previous": year - 1,
            "next": year + 1,
        },
    )


@cache_public_page(params=("currency",))
@municipality_view(public=True)
@cache_member_page
def charts(request, access: Access):
    municipality = access.municipality
    currency = _currency(request, municipality)
    projects = _visible(access)
    by_programme = selectors.funding_by_programme(
        projects, municipality=municipality, currency=currency
    )
    by_year = selectors.funding_by_year(projects, municipality=municipality, currency=currency)
    outcomes = selectors.application_outcomes(projects)
    value_label = _("Grant (%(currency)s)") % {"currency": currency}
    programme_chart = bar_chart(
        title=_("Grants by funding programme"),
        labels=list(by_programme),
        series={value_label: [t.amount for t in by_programme.values()]},
        value_label=_("Programme"),
        horizontal=True,
    )
    year_chart = bar_chart(
        title=_("Grants by start year"),
        labels=[str(y) for y in by_year],
        series={value_label: [t.amount for t in by_year.values()]},
        value_label=_("Year"),
    )
    outcome_chart = pie_chart(
        title=_("Submitted applications by outcome"),
        values={
            str(ProjectStatus.APPROVED.label): outcomes["approved"],
            str(ProjectStatus.REJECTED.label): outcomes["rejected"],
            str(ProjectStatus.WITHDRAWN.label): outcomes["withdrawn"],
            _("awaiting decision"): outcomes["pending"],
        },
        value_label=_("Applications"),
    )
    used, missing = {}, set()
    for total in list(by_programme.values()) + list(by_year.values()):
        used.update(total.rates_used)
        missing |= total.missing
    return render(
        request,
        "projects/charts.html",
        {
            "municipality": municipality,
            "charts": [programme_chart, year_chart, outcome_chart],
            "outcomes": outcomes,
            "currency": currency,
            "currencies": Currency.values,
            "rates_used": sorted((y, c, r) for (y, c), r in used.items()),
            "missing": sorted(missing),
            "base": base_currency(municipality),
        },
    )


@municipality_view(public=True)
def export(request, access: Access, fmt: str):
    projects = _visible(access).with_related().order_by("title")
    return tabular.download(
        transfer.EXPORT_COLUMNS,
        projects,
        fmt=fmt,
        municipality=access.municipality,
        what="projects",
        title=_("Projects"),
    )


@municipality_view()
def project_import(request, access: Access):
    if not permissions.can_create(access):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("token"):
        return _project_round_trip(request, access)  # the preview's "Apply the changes"
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = tabular.check_upload(upload, max_bytes=transfer.MAX_FILE_BYTES)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            try:
                rows = transfer.read_csv(data)
                if transfer.has_ids(rows):
                    # An edited export: what changes is shown before it is applied.
                    return _project_round_trip(request, access)
                if len(rows) > imports.IN_REQUEST_MAX_ROWS:
                    job = imports.project_import_queue(
                        access=access, by=request.user, data=data, file_name=upload.name
                    )
                    return redirect(
                        "projects:import_status", municipality=access.municipality.slug, pk=job.pk
                    )
                result = transfer.import_csv(access=access, by=request.user, data=data)
            except transfer.ImportRefused as exc:
                form.add_error("file", str(exc))
            else:
                if result.errors:
                    errors = result.errors
                    form.add_error(
                        "file",
                        ngettext(
                            "Nothing was imported: %(count)s problem was found. Correct the file "
                            "and import it again.",
                            "Nothing was imported: %(count)s problems were found. Correct the file "
                            "and import it again.",
                            len(errors),
                        )
                        % {"count": len(errors)},
                    )
                else:
                    count = len(result.created)
                    messages.success(
                        request,
                        ngettext(
                            "%(count)s project was imported.",
                            "%(count)s projects were imported.",
                            count,
                        )
                        % {"count": count},
                    )
                    return redirect("projects:project_list", municipality=access.municipality.slug)
    return render(
        request,
        "projects/import.html",
        {
            "municipality": access.municipality,
            "form": form,
            "errors": errors,
            "columns": transfer.COLUMNS,
            "required": transfer.REQUIRED_COLUMNS,
        },
        status=400 if request.method == "POST" else 200,
    )


def _project_round_trip(request, access: Access):
    context, outcome = tabular.import_page(
        request,
        scope=f"projects:{access.municipality.pk}",
        plan=lambda data: transfer.plan_projects(access, data),
        apply=lambda data: transfer.apply_projects(access, data, by=request.user),
        conflict_message=_(
            "A project was changed in the portal while the file was being applied; "
            "nothing was imported. Check the changes again."
        ),
        form_class=ImportForm,
    )
    if context is None:
        messages.success(request, outcome)
        return redirect("projects:project_list", municipality=access.municipality.slug)
    return render(
        request,
        "projects/import.html",
        {
            **context,
            "municipality": access.municipality,
            "errors": [],
            "columns": transfer.COLUMNS,
            "required": transfer.REQUIRED_COLUMNS,
            "new_columns": transfer.EXPORT_COLUMNS[2:],
        },
        status=outcome,
    )


@municipality_view()
def import_status(request, access: Access, pk: int):
    """The progress and outcome of a background import: for the person who started it
    and the coordinators. Polled by htmx, which gets the live region's content only."""
    job = get_object_or_404(ProjectImport.objects.for_municipality(access.municipality), pk=pk)
    if not (access.is_coordinator or job.created_by_id == request.user.pk):
        raise PermissionDenied
    context = {
        "municipality": access.municipality,
        "job": job,
        "progress": imports.progress_of(job) if job.is_pending else None,
    }
    if request.htmx:
        # 286 tells htmx to stop polling: the import has finished.
        return render(
            request,
            "projects/_import_status.html",
            {**context, "oob": True},
            status=200 if job.is_pending else 286,
        )
    return render(request, "projects/import_status.html", context)


# ---- catalogue and exchange rates (coordinators) -------------------------------------


@coordinator_view
def catalogue(request, access: Access):
    municipality = access.municipality
    usable = FundingProgramme.objects.usable_by(municipality)
    funders = Funder.objects.usable_by(municipality).prefetch_related(
        Prefetch(
            "programmes",
            queryset=usable.filter(parent__isnull=True).prefetch_related(
                Prefetch("strands", queryset=usable),
                Prefetch("calls", queryset=Call.objects.usable_by(municipality)),
                Prefetch("strands__calls", queryset=Call.objects.usable_by(municipality)),
            ),
        )
    )
    return render(
        request,
        "projects/catalogue.html",
        {
            "municipality": municipality,
            "funders": funders,
            "is_operator": permissions.is_operator(request.user),
        },
    )


def _catalogue_entry(access: Access, model, pk: int):
    """Another municipality's addition does not exist here (404); a portal-wide entry is
    seen by all, but only the portal's operators may change it (403)."""
    entry = get_object_or_404(model.objects.usable_by(access.municipality), pk=pk)
    if not permissions.can_edit_entry(access, entry):
        raise PermissionDenied
    return entry


def _catalogue_refused(form, exc: EditConflict | ValidationError) -> None:
    if isinstance(exc, EditConflict):
        form.add_conflict(exc)
    else:
        _add_errors(form, exc)


def _catalogue_saved(request, access: Access):
    messages.success(request, _("Saved."))
    return redirect("projects:catalogue", municipality=access.municipality.slug)


def _catalogue_page(request, access: Access, form, title: str):
    return render(
        request,
        "projects/catalogue_form.html",
        {"municipality": access.municipality, "form": form, "title": title},
        status=400 if request.method == "POST" else 200,
    )


def _catalogue_form(request, access: Access, pk, *, model, form_class, title, create, update):
    """The one page for adding or changing a funder, programme or call: `create` and
    `update` are the catalogue services to call (authorised here, not in them)."""
    entry = _catalogue_entry(access, model, pk) if pk else None
    form = form_class(request.POST or None, instance=entry, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            if entry is None:
                permissions.require_entry_create(access, portal_wide=form.portal_wide)
                create(
                    municipality=access.municipality,
                    by=request.user,
                    portal_wide=form.portal_wide,
                    **form.service_fields(),
                )
            else:
                update(
                    entry,
                    by=request.user,
                    expected_version=form.cleaned_data["expected_version"],
                    **form.service_fields(),
                )
        except (EditConflict, ValidationError) as exc:
            _catalogue_refused(form, exc)
        else:
            return _catalogue_saved(request, access)
    return _catalogue_page(request, access, form, title)


@coordinator_view
def funder_form(request, access: Access, pk: int | None = None):
    return _catalogue_form(
        request,
        access,
        pk,
        model=Funder,
        form_class=FunderForm,
        title=_("Funder"),
        create=catalogue_services.funder_create,
        update=lambda funder, **kw: catalogue_services.funder_update(funder=funder, **kw),
    )


@coordinator_view
def programme_form(request, access: Access, pk: int | None = None):
    return _catalogue_form(
        request,
        access,
        pk,
        model=FundingProgramme,
        form_class=ProgrammeForm,
        title=_("Funding programme"),
        create=catalogue_services.programme_create,
        update=lambda programme, **kw: catalogue_services.programme_update(
            programme=programme, **kw
        ),
    )


@coordinator_view
def call_form(request, access: Access, pk: int | None = None):
    return _catalogue_form(
        request,
        access,
        pk,
        model=Call,
        form_class=CallForm,
        title=_("Call"),
        create=catalogue_services.call_create,
        update=lambda call, **kw: catalogue_services.call_update(call=call, **kw),
    )


@coordinator_view
def exchange_rates(request, access: Access):
    base = base_currency(access.municipality)
    form = ExchangeRateForm(request.POST or None, base=base)
    if request.method == "POST" and form.is_valid():
        try:
            services.exchange_rate_set(municipality=access.municipality, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The rate was saved."))
            return redirect("projects:exchange_rates", municipality=access.municipality.slug)
    rates = ExchangeRate.objects.for_municipality(access.municipality)
    return render(
        request,
        "projects/exchange_rates.html",
        {
            "municipality": access.municipality,
            "form": form,
            "rates": rates,
            "base": base,
        },
        status=400 if request.method == "POST" else 200,
    )
