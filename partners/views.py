"""Pages of the partner registers.

Public pages (list, detail, map, networks, consulates and forum) show public fields to
everyone and the internal record (evaluations, agreements, financing, activities,
contacts, representations) to members of the municipality. Coordinators edit.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from intlstrategy.concurrency import EditConflict, VersionedFormMixin, change_mark
from intlstrategy.lib import tabular
from intlstrategy.lib.forms import apply_errors
from intlstrategy.member_cache import cache_member_page
from intlstrategy.permissions import Access, coordinator_view, municipality_view
from intlstrategy.public_cache import cache_public_page

from . import forms, services, transfer
from .filters import MemberRelationFilter, PublicRelationFilter
from .models import (
    Agreement,
    CategoryChange,
    Consulate,
    ContactPerson,
    Evaluation,
    FinancingLine,
    ForumParticipant,
    NetworkMembership,
    Relation,
    RelationActivity,
    Representation,
)


def _relations(access: Access):
    return Relation.objects.for_municipality(access.municipality)


def _get_relation(access: Access, pk: int, *, lock_related=False) -> Relation:
    return get_object_or_404(_relations(access).with_reciprocity(), pk=pk)


_apply_validation_error = apply_errors


def _form_page(
    request,
    access,
    form,
    *,
    title,
    back_url,
    relation=None,
    intro="",
    multipart=False,
    submit=None,
    section=None,
):
    return render(
        request,
        "partners/form.html",
        {
            "municipality": access.municipality,
            "form": form,
            "title": title,
            "back_url": back_url,
            "relation": relation,
            "intro": intro,
            "multipart": multipart,
            "submit": submit or _("Save"),
            # (title, url) of the register page above the form in the breadcrumbs
            "section": section,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- Relations: list, map, detail -------------------------------------------------


@cache_public_page(params=("category", "country", "ended"))
@municipality_view(public=True)
@cache_member_page
def relation_list(request, access: Access):
    filter_class = MemberRelationFilter if access.is_member else PublicRelationFilter
    relation_filter = filter_class(
        request.GET or None,
        queryset=_relations(access).for_list(),
        municipality=access.municipality,
    )
    relations = list(relation_filter.qs)
    return render(
        request,
        "partners/relation_list.html",
        {
            "municipality": access.municipality,
            "filter": relation_filter,
            "relations": relations,
            "warnings": sum(1 for r in relations if r.reciprocity_warning),
        },
    )


@municipality_view(public=True)
def relation_export(request, access: Access, fmt: str):
    """The list as a spreadsheet, one row per relation; members get the internal columns
    (department, next review, description) and, for the round trip, id and version."""
    relations = _relations(access).select_related("responsible_department").order_by("city", "pk")
    return transfer.export_relations(access, relations, fmt)


@coordinator_view
def relation_import(request, access: Access):
    """Upload an edited export (or a new file), see what would change, then apply it."""
    context, outcome = tabular.import_page(
        request,
        scope=f"relations:{access.municipality.pk}",
        plan=lambda data: transfer.plan_relations(access, data),
        apply=lambda data: transfer.apply_relations(access, data, by=request.user),
        conflict_message=_(
            "A relation was changed in the portal while the file was being applied; "
            "nothing was imported. Check the changes again."
        ),
    )
    if context is None:
        messages.success(request, outcome)
        return redirect(
            reverse("partners:relation_list", kwargs={"municipality": access.municipality.slug})
        )
    return render(
        request,
        "partners/relation_import.html",
        {
            **context,
            "municipality": access.municipality,
            "columns": transfer.RELATION_COLUMNS + transfer.MEMBER_COLUMNS,
        },
        status=outcome,
    )


def _map_data(relations, municipality) -> list[dict]:
    return [
        {
            "city": str(r.city),
            "country": r.country_name,
            "lat": float(r.latitude),
            "lng": float(r.longitude),
            "category": r.category,
            "category_label": str(r.get_category_display()),
            "url": reverse(
                "partners:relation_detail", kwargs={"municipality": municipality.slug, "pk": r.pk}
            ),
        }
        for r in relations
        if r.latitude is not None and r.longitude is not None
    ]


@cache_public_page
@municipality_view(public=True)
@cache_member_page
def relation_map(request, access: Access):
    relations = list(_relations(access).for_list().filter(ended_on__isnull=True))
    return render(
        request,
        "partners/relation_map.html",
        {
            "municipality": access.municipality,
            "relations": relations,
            "data": _map_data(relations, access.municipality),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


@cache_public_page
@municipality_view(public=True)
@cache_member_page
def relation_detail(request, access: Access, pk: int):
    queryset = _relations(access).with_reciprocity().select_related("responsible_department")
    prefetch = [
        "focus_areas",
        Prefetch(
            "category_changes",
            queryset=CategoryChange.objects.select_related("recorded_by").order_by("date", "id"),
        ),
    ]
    if access.is_member:
        prefetch += [
            "evaluations",
            "agreements",
            "financing_lines",
            "contacts",
            Prefetch("activities", queryset=RelationActivity.objects.select_related("goal_area")),
        ]
    relation = get_object_or_404(queryset.prefetch_related(*prefetch), pk=pk)
    context = {"municipality": access.municipality, "relation": relation}
    if access.is_member:
        totals = defaultdict(lambda: defaultdict(int))
        for line in relation.financing_lines.all():
            totals[line.year][line.currency] += line.amount
        context["financing_totals"] = {year: dict(t) for year, t in sorted(totals.items())}
    return render(request, "partners/relation_detail.html", context)


# --- Relations: coordinator forms --------------------------------------------------


@coordinator_view
def relation_create(request, access: Access):
    municipality = access.municipality
    form = forms.RelationForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        relation = form.save(commit=False)
        relation.municipality = municipality
        try:
            services.relation_create(
                relation=relation,
                reason=form.cleaned_data["reason"],
                by=request.user,
                focus_areas=form.cleaned_data["focus_areas"],
            )
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, _("The relation was registered."))
            return redirect(
                "partners:relation_detail", municipality=municipality.slug, pk=relation.pk
            )
    return _form_page(
        request,
        access,
        form,
        title=_("New twin town or partner city"),
        back_url=reverse("partners:relation_list", kwargs={"municipality": municipality.slug}),
    )


def _detail_url(access, relation):
    return reverse(
        "partners:relation_detail",
        kwargs={"municipality": access.municipality.slug, "pk": relation.pk},
    )


@coordinator_view
def relation_edit(request, access: Access, pk: int):
    relation = _get_relation(access, pk)
    form = forms.RelationForm(
        request.POST or None, instance=relation, municipality=access.municipality
    )
    if request.method == "POST" and form.is_valid():
        relation = form.save(commit=False)
        try:
            services.relation_update(
                relation=relation,
                expected_version=form.cleaned_data.get("expected_version"),
                by=request.user,
                focus_areas=form.cleaned_data["focus_areas"],
            )
        except EditConflict as conflict:
            form.add_conflict(conflict)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, _("The relation was saved."))
            return redirect(_detail_url(access, relation))
    return _form_page(
        request,
        access,
        form,
        relation=relation,
        title=_("Edit %(city)s") % {"city": relation.city},
        back_url=_detail_url(access, relation),
    )


@coordinator_view
def relation_regrade(request, access: Access, pk: int):
    relation = _get_relation(access, pk)
    form = forms.CategoryChangeForm(request.POST or None, relation=relation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.relation_change_category(
                relation=relation,
                to_category=data["to_category"],
                reason=data["reason"],
                date=data["date"],
                decided_by=data["decided_by"],
                decision_date=data["decision_date"],
                case_number=data["case_number"],
                by=request.user,
                expected_version=data.get("expected_version"),
            )
        except EditConflict as conflict:
            form.add_conflict(conflict)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, _("The category was changed and added to the timeline."))
            return redirect(_detail_url(access, relation) + "#timeline")
    return _form_page(
        request,
        access,
        form,
        relation=relation,
        title=_("Change the category of %(city)s") % {"city": relation.city},
        intro=_("Current category: %(category)s.") % {"category": relation.get_category_display()},
        back_url=_detail_url(access, relation),
        submit=_("Change category"),
    )


@coordinator_view
def relation_end(request, access: Access, pk: int):
    relation = _get_relation(access, pk)
    if relation.ended_on:
        raise Http404
    form = forms.EndRelationForm(
        request.POST or None, initial={"expected_version": relation.version}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.relation_end(
                relation=relation,
                ended_on=data["ended_on"],
                reason=data["reason"],
                decided_by=data["decided_by"],
                case_number=data["case_number"],
                expected_version=data.get("expected_version"),
                by=request.user,
            )
        except EditConflict as conflict:
            form.add_conflict(conflict)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, _("The relation was ended. Its record is kept."))
            return redirect(_detail_url(access, relation))
    return _form_page(
        request,
        access,
        form,
        relation=relation,
        title=_("End the relation with %(city)s") % {"city": relation.city},
        intro=_("Ending is recorded as a decision; nothing is deleted."),
        back_url=_detail_url(access, relation),
        submit=_("End the relation"),
    )


def _child_create_page(
    request,
    access: Access,
    relation: Relation,
    form,
    *,
    save,
    title,
    success,
    anchor: str,
    multipart: bool = False,
):
    """The page adding one record to a relation: on a valid POST the form's (unsaved)
    instance is put under the relation and `save(obj)` (the service call) writes it."""
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.relation = relation
        try:
            save(obj)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, str(success))
            return redirect(_detail_url(access, relation) + anchor)
    return _form_page(
        request,
        access,
        form,
        relation=relation,
        multipart=multipart,
        title=f"{title} – {relation.city}",
        back_url=_detail_url(access, relation),
    )


@coordinator_view
def evaluation_create(request, access: Access, pk: int):
    relation = _get_relation(access, pk)
    return _child_create_page(
        request,
        access,
        relation,
        forms.EvaluationForm(request.POST or None),
        save=lambda obj: services.evaluation_create(evaluation=obj, by=request.user),
        title=_("New evaluation"),
        success=_("The evaluation was saved."),
        anchor="#evaluations",
    )


@coordinator_view
def agreement_create(request, access: Access, pk: int):
    relation = _get_relation(access, pk)
    return _child_create_page(
        request,
        access,
        relation,
        forms.AgreementForm(request.POST or None, request.FILES or None),
        save=lambda obj: services.agreement_create(agreement=obj, by=request.user),
        title=_("New agreement"),
        success=_("The agreement was saved."),
        anchor="#agreements",
        multipart=True,
    )


@coordinator_view
def financing_create(request, access: Access, pk: int):
    relation = _get_relation(access, pk)
    return _child_create_page(
        request,
        access,
        relation,
        forms.FinancingLineForm(request.POST or None),
        save=lambda obj: services.financing_line_create(line=obj, by=request.user),
        title=_("New financing line"),
        success=_("The financing line was saved."),
        anchor="#financing",
    )


@coordinator_view
def activity_create(request, access: Access, pk: int):
    relation = _get_relation(access, pk)
    return _child_create_page(
        request,
        access,
        relation,
        forms.ActivityForm(request.POST or None, municipality=access.municipality),
        save=lambda obj: services.activity_create(activity=obj, by=request.user),
        title=_("New activity"),
        success=_("The activity was saved."),
        anchor="#activities",
    )


@coordinator_view
def contact_create(request, access: Access, pk: int):
    relation = _get_relation(access, pk)
    return _child_create_page(
        request,
        access,
        relation,
        forms.ContactForm(request.POST or None),
        save=lambda obj: services.contact_create(contact=obj, by=request.user),
        title=_("New contact person"),
        success=_("The contact person was saved."),
        anchor="#contacts",
    )


@require_POST
@coordinator_view
def contact_delete(request, access: Access, pk: int, contact: int):
    relation = _get_relation(access, pk)
    contact_obj = get_object_or_404(ContactPerson, relation=relation, pk=contact)
    services.contact_delete(contact=contact_obj, by=request.user)
    messages.success(request, _("The contact person was removed."))
    return redirect(_detail_url(access, relation) + "#contacts")


@municipality_view()
def agreement_file(request, access: Access, pk: int, agreement: int):
    """Agreements are served only to members, from storage outside the web root."""
    agreement_obj = get_object_or_404(
        Agreement.objects.filter(relation__municipality=access.municipality, relation_id=pk),
        pk=agreement,
    )
    if not agreement_obj.file:
        raise Http404
    response = FileResponse(
        agreement_obj.file.open("rb"),
        content_type="application/pdf",
        filename=f"{slugify(agreement_obj.title) or 'agreement'}.pdf",
    )
    response["Content-Security-Policy"] = "sandbox"
    return response


# --- Networks, consulates, forum ----------------------------------------------------


@cache_public_page
@municipality_view(public=True)
@cache_member_page
def network_list(request, access: Access):
    memberships = NetworkMembership.objects.for_municipality(access.municipality).for_list()
    if access.is_member:
        memberships = memberships.prefetch_related(
            Prefetch("representations", queryset=Representation.objects.order_by("-from_date"))
        )
    else:
        memberships = memberships.filter(ended_on__isnull=True)
    return render(
        request,
        "partners/network_list.html",
        {"municipality": access.municipality, "memberships": list(memberships)},
    )


@municipality_view(public=True)
def network_export(request, access: Access, fmt: str):
    memberships = NetworkMembership.objects.for_municipality(access.municipality).for_list()
    if not access.is_member:
        memberships = memberships.filter(ended_on__isnull=True)
    return transfer.export_memberships(access, memberships, fmt)


def _networks_url(access):
    return reverse("partners:network_list", kwargs={"municipality": access.municipality.slug})


@coordinator_view
def membership_create(request, access: Access):
    form = forms.MembershipForm(request.POST or None, municipality=access.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(membership=form.save(commit=False), by=request.user)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, _("The membership was saved."))
            return redirect(_networks_url(access))
    return _form_page(
        request,
        access,
        form,
        title=_("New network membership"),
        back_url=_networks_url(access),
        intro=_("Is the organisation missing from the list? Add it first."),
    )


@coordinator_view
def membership_edit(request, access: Access, pk: int):
    membership = get_object_or_404(
        NetworkMembership.objects.for_municipality(access.municipality), pk=pk
    )
    form = forms.MembershipForm(
        request.POST or None, instance=membership, municipality=access.municipality
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                membership=form.save(commit=False),
                by=request.user,
                expected_version=form.cleaned_data.get("expected_version"),
            )
        except EditConflict as conflict:
            form.add_conflict(conflict)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, _("The membership was saved."))
            return redirect(_networks_url(access))
    return _form_page(
        request, access, form, title=str(membership.organisation), back_url=_networks_url(access)
    )


@coordinator_view
def representation_create(request, access: Access, pk: int):
    membership = get_object_or_404(
        NetworkMembership.objects.for_municipality(access.municipality), pk=pk
    )
    form = forms.RepresentationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        representation = form.save(commit=False)
        representation.membership = membership
        try:
            services.representation_create(representation=representation, by=request.user)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, _("The representation was saved."))
            return redirect(_networks_url(access))
    return _form_page(
        request,
        access,
        form,
        title=_("New representation in %(organisation)s")
        % {"organisation": membership.organisation},
        back_url=_networks_url(access),
    )


@coordinator_view
def organisation_create(request, access: Access):
    form = forms.OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_create(
                organisation=form.save(commit=False),
                language=access.municipality.default_language,
                by=request.user,
            )
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, _("The organisation was added."))
            return redirect("partners:membership_create", municipality=access.municipality.slug)
    return _form_page(
        request,
        access,
        form,
        title=_("New organisation or network"),
        back_url=_networks_url(access),
    )


@cache_public_page
@municipality_view(public=True)
@cache_member_page
def consulate_list(request, access: Access):
    return render(
        request,
        "partners/consulate_list.html",
        {
            "municipality": access.municipality,
            "consulates": sorted(
                Consulate.objects.filter(municipality=access.municipality),
                key=lambda c: c.country_name,
            ),
            "participants": ForumParticipant.objects.filter(municipality=access.municipality),
        },
    )


def _consulates_url(access):
    return reverse("partners:consulate_list", kwargs={"municipality": access.municipality.slug})


def _consulate_page_create(request, access: Access, form, *, save, title, success):
    """The page adding a consulate or forum participant of the municipality."""
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.municipality = access.municipality
        try:
            save(obj)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, str(success))
            return redirect(_consulates_url(access))
    return _form_page(request, access, form, title=str(title), back_url=_consulates_url(access))


@coordinator_view
def consulate_create(request, access: Access):
    return _consulate_page_create(
        request,
        access,
        forms.ConsulateForm(request.POST or None),
        save=lambda obj: services.consulate_create(consulate=obj, by=request.user),
        title=_("New consulate"),
        success=_("The consulate was saved."),
    )


@coordinator_view
def forum_participant_create(request, access: Access):
    return _consulate_page_create(
        request,
        access,
        forms.ForumParticipantForm(request.POST or None),
        save=lambda obj: services.forum_participant_create(participant=obj, by=request.user),
        title=_("New forum participant"),
        success=_("The forum participant was saved."),
    )


# --- Corrections after creation: edit and remove ------------------------------------
#
# Every item is looked up through the municipality (another tenant's item is a 404),
# edited on the form page of its kind and removed by a POST from a confirmation page.
# After either, the coordinator returns to the page the item is shown on.


def _relation_item(access: Access, model, pk: int, item_pk: int):
    """An item of one of the municipality's relations (another tenant's is a 404)."""
    return get_object_or_404(
        model.objects.select_related("relation").filter(
            relation__municipality=access.municipality, relation_id=pk
        ),
        pk=item_pk,
    )


def _consulate_page_item(access: Access, model, pk: int):
    return get_object_or_404(model.objects.filter(municipality=access.municipality), pk=pk)


def _consulates_section(access: Access):
    return _("Consulates and international forum"), _consulates_url(access)


def _representation(access: Access, pk: int, representation: int) -> Representation:
    return get_object_or_404(
        Representation.objects.select_related("membership__organisation").filter(
            membership__municipality=access.municipality, membership_id=pk
        ),
        pk=representation,
    )


def _networks_section(access: Access):
    return _("Networks and organisations"), _networks_url(access)


def _edit_page(
    request,
    access: Access,
    obj,
    form,
    *,
    save,
    title: str,
    success,
    back_url: str,
    relation=None,
    section=None,
    multipart: bool = False,
):
    """The page correcting one record: on a valid POST `save(obj, expected_version)` (the
    service call). A colleague's save in between shows the core's merge view: the
    editor's text stays in the form, what was saved beside it, and saving again (after
    comparing) goes through (intlstrategy.concurrency)."""
    if request.method == "POST" and form.is_valid():
        expected_version = (
            form.cleaned_data.get("expected_version")
            if isinstance(form, VersionedFormMixin)
            else None
        )
        try:
            save(form.save(commit=False), expected_version)
        except EditConflict as conflict:
            form.add_conflict(conflict)
        except ValidationError as exc:
            _apply_validation_error(form, exc)
        else:
            messages.success(request, str(success))
            return redirect(back_url)
    return _form_page(
        request,
        access,
        form,
        title=title,
        back_url=back_url,
        relation=relation,
        multipart=multipart,
        section=section,
    )


def _delete_page(
    request,
    access: Access,
    obj,
    *,
    remove,
    title,
    consequence,
    success,
    back_url: str,
    relation=None,
    section=None,
):
    """The confirmation page of a removal; its POST calls `remove(obj, seen)` (the
    service), which removes nothing if the record changed since the page was shown
    (`seen` is its change mark)."""
    conflict = None
    if request.method == "POST":
        seen = request.POST.get("seen", "")
        try:
            remove(obj, seen)
        except EditConflict as found:
            conflict = found.removal_message
            obj = type(obj)._base_manager.get(pk=obj.pk)
        else:
            messages.success(request, str(success))
            return redirect(back_url)
    return render(
        request,
        "partners/confirm_delete.html",
        {
            "municipality": access.municipality,
            "relation": relation,
            "section": section,
            "title": title(obj),
            "consequence": str(consequence),
            "back_url": back_url,
            "seen": change_mark(obj),
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _money(line: FinancingLine) -> str:
    amount = formats.number_format(line.amount, 2, use_l10n=True, force_grouping=True)
    return f"{amount} {line.currency}"


KEPT_IN_HISTORY = gettext_lazy(
    "It is removed from the register; its earlier versions are kept in the history."
)


def _remove_record(request):
    """The removal service of records without files of their own."""
    return lambda obj, seen: services.record_delete(record=obj, by=request.user, seen=seen)


# Evaluations


@coordinator_view
def evaluation_edit(request, access: Access, pk: int, evaluation: int):
    obj = _relation_item(access, Evaluation, pk, evaluation)
    return _edit_page(
        request,
        access,
        obj,
        forms.EvaluationForm(request.POST or None, instance=obj),
        save=lambda obj, version: services.evaluation_update(
            evaluation=obj, expected_version=version, by=request.user
        ),
        title=_("Edit the evaluation of %(date)s") % {"date": _date(obj.date)},
        success=_("The evaluation was saved."),
        back_url=_detail_url(access, obj.relation) + "#evaluations",
        relation=obj.relation,
    )


@coordinator_view
def evaluation_delete(request, access: Access, pk: int, evaluation: int):
    obj = _relation_item(access, Evaluation, pk, evaluation)
    return _delete_page(
        request,
        access,
        obj,
        remove=_remove_record(request),
        title=lambda e: _("Remove the evaluation of %(date)s?") % {"date": _date(e.date)},
        consequence=KEPT_IN_HISTORY,
        success=_("The evaluation was removed."),
        back_url=_detail_url(access, obj.relation) + "#evaluations",
        relation=obj.relation,
    )


# Agreements


@coordinator_view
def agreement_edit(request, access: Access, pk: int, agreement: int):
    obj = _relation_item(access, Agreement, pk, agreement)
    return _edit_page(
        request,
        access,
        obj,
        forms.AgreementForm(request.POST or None, request.FILES or None, instance=obj),
        save=lambda obj, version: services.agreement_update(
            agreement=obj, expected_version=version, by=request.user
        ),
        title=_("Edit the agreement “%(title)s”") % {"title": obj.title},
        success=_("The agreement was saved."),
        back_url=_detail_url(access, obj.relation) + "#agreements",
        relation=obj.relation,
        multipart=True,
    )


@coordinator_view
def agreement_delete(request, access: Access, pk: int, agreement: int):
    obj = _relation_item(access, Agreement, pk, agreement)
    return _delete_page(
        request,
        access,
        obj,
        remove=lambda obj, seen: services.agreement_delete(
            agreement=obj, by=request.user, seen=seen
        ),
        title=lambda a: _("Remove the agreement “%(title)s”?") % {"title": a.title},
        consequence=_(
            "The agreement and its PDF file are removed; the agreement's earlier versions are "
            "kept in the history."
        ),
        success=_("The agreement was removed."),
        back_url=_detail_url(access, obj.relation) + "#agreements",
        relation=obj.relation,
    )


# Financing lines


@coordinator_view
def financing_edit(request, access: Access, pk: int, line: int):
    obj = _relation_item(access, FinancingLine, pk, line)
    return _edit_page(
        request,
        access,
        obj,
        forms.FinancingLineForm(request.POST or None, instance=obj),
        save=lambda obj, version: services.financing_line_update(
            line=obj, expected_version=version, by=request.user
        ),
        title=_("Edit the financing line for %(year)s (%(source)s)")
        % {"year": obj.year, "source": obj.source},
        success=_("The financing line was saved."),
        back_url=_detail_url(access, obj.relation) + "#financing",
        relation=obj.relation,
    )


@coordinator_view
def financing_delete(request, access: Access, pk: int, line: int):
    obj = _relation_item(access, FinancingLine, pk, line)
    return _delete_page(
        request,
        access,
        obj,
        remove=_remove_record(request),
        title=lambda line: (
            _("Remove the financing line for %(year)s (%(amount)s, %(source)s)?")
            % {"year": line.year, "amount": _money(line), "source": line.source}
        ),
        consequence=KEPT_IN_HISTORY,
        success=_("The financing line was removed."),
        back_url=_detail_url(access, obj.relation) + "#financing",
        relation=obj.relation,
    )


# Activities


@coordinator_view
def activity_edit(request, access: Access, pk: int, activity: int):
    obj = _relation_item(access, RelationActivity, pk, activity)
    return _edit_page(
        request,
        access,
        obj,
        forms.ActivityForm(request.POST or None, instance=obj, municipality=access.municipality),
        save=lambda obj, version: services.activity_update(
            activity=obj, expected_version=version, by=request.user
        ),
        title=_("Edit the activity of %(date)s") % {"date": _date(obj.date)},
        success=_("The activity was saved."),
        back_url=_detail_url(access, obj.relation) + "#activities",
        relation=obj.relation,
    )


@coordinator_view
def activity_delete(request, access: Access, pk: int, activity: int):
    obj = _relation_item(access, RelationActivity, pk, activity)
    return _delete_page(
        request,
        access,
        obj,
        remove=_remove_record(request),
        title=lambda a: (
            _("Remove the activity of %(date)s: %(direction)s?")
            % {"date": _date(a.date), "direction": a.get_direction_display()}
        ),
        consequence=KEPT_IN_HISTORY,
        success=_("The activity was removed."),
        back_url=_detail_url(access, obj.relation) + "#activities",
        relation=obj.relation,
    )


# Representations in networks


@coordinator_view
def representation_edit(request, access: Access, pk: int, representation: int):
    obj = _representation(access, pk, representation)
    return _edit_page(
        request,
        access,
        obj,
        forms.RepresentationForm(request.POST or None, instance=obj),
        save=lambda obj, version: services.representation_update(
            representation=obj, expected_version=version, by=request.user
        ),
        title=_("Edit the representation of %(person)s in %(organisation)s")
        % {"person": obj.person_name, "organisation": obj.membership.organisation},
        success=_("The representation was saved."),
        back_url=_networks_url(access),
        section=_networks_section(access),
    )


@coordinator_view
def representation_delete(request, access: Access, pk: int, representation: int):
    obj = _representation(access, pk, representation)
    return _delete_page(
        request,
        access,
        obj,
        remove=_remove_record(request),
        title=lambda r: (
            _("Remove the representation of %(person)s in %(organisation)s?")
            % {"person": r.person_name, "organisation": r.membership.organisation}
        ),
        consequence=KEPT_IN_HISTORY,
        success=_("The representation was removed."),
        back_url=_networks_url(access),
        section=_networks_section(access),
    )


# Consulates and the international forum


@coordinator_view
def consulate_edit(request, access: Access, pk: int):
    obj = _consulate_page_item(access, Consulate, pk)
    return _edit_page(
        request,
        access,
        obj,
        forms.ConsulateForm(request.POST or None, instance=obj),
        save=lambda obj, version: services.consulate_update(
            consulate=obj, expected_version=version, by=request.user
        ),
        title=_("Edit the consulate of %(country)s") % {"country": obj.country_name},
        success=_("The consulate was saved."),
        back_url=_consulates_url(access),
        section=_consulates_section(access),
    )


@coordinator_view
def consulate_delete(request, access: Access, pk: int):
    obj = _consulate_page_item(access, Consulate, pk)
    return _delete_page(
        request,
        access,
        obj,
        remove=_remove_record(request),
        title=lambda c: _("Remove the consulate of %(country)s?") % {"country": c.country_name},
        consequence=KEPT_IN_HISTORY,
        success=_("The consulate was removed."),
        back_url=_consulates_url(access),
        section=_consulates_section(access),
    )


@coordinator_view
def forum_participant_edit(request, access: Access, pk: int):
    obj = _consulate_page_item(access, ForumParticipant, pk)
    return _edit_page(
        request,
        access,
        obj,
        forms.ForumParticipantForm(request.POST or None, instance=obj),
        save=lambda obj, version: services.forum_participant_update(
            participant=obj, expected_version=version, by=request.user
        ),
        title=_("Edit the forum participant %(name)s") % {"name": obj.organisation_name},
        success=_("The forum participant was saved."),
        back_url=_consulates_url(access),
        section=_consulates_section(access),
    )


@coordinator_view
def forum_participant_delete(request, access: Access, pk: int):
    obj = _consulate_page_item(access, ForumParticipant, pk)
    return _delete_page(
        request,
        access,
        obj,
        remove=_remove_record(request),
        title=lambda p: (
            _("Remove %(name)s from the international forum?") % {"name": p.organisation_name}
        ),
        consequence=KEPT_IN_HISTORY,
        success=_("The forum participant was removed."),
        back_url=_consulates_url(access),
        section=_consulates_section(access),
    )
