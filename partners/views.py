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
from intlstrategy.member_cache import cache_member_page
from intlstrategy.permissions import Access, coordinator_view, municipality_view
from intlstrategy.public_cache import cache_public_page

from . import forms, services
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


def _sync_base(obj, field: str, language: str) -> None:
    """Fill the untranslated column from the municipality's language (else any language)."""
    values = [getattr(obj, f"{field}_{language}", None)] + [
        getattr(obj, f"{field}_{code}", None) for code, _name in settings.LANGUAGES
    ]
    obj.__dict__[field] = next((v for v in values if v), "")


def _apply_validation_error(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


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
        _sync_base(relation, "city", municipality.default_language)
        _sync_base(relation, "description", municipality.default_language)
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
        _sync_base(relation, "city", access.municipality.default_language)
        _sync_base(relation, "description", access.municipality.default_language)
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


def _child_view(
    form_class,
    service,
    service_arg: str,
    title,
    success,
    *,
    multipart=False,
    needs_municipality=False,
    anchor="",
):
    """A coordinator form adding one record to a relation (evaluation, agreement, …)."""

    @coordinator_view
    def view(request, access: Access, pk: int):
        relation = _get_relation(access, pk)
        kwargs = {"municipality": access.municipality} if needs_municipality else {}
        form = form_class(request.POST or None, request.FILES or None, **kwargs)
        if request.method == "POST" and form.is_valid():
            obj = form.save(commit=False)
            obj.relation = relation
            try:
                service(**{service_arg: obj, "by": request.user})
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

    return view


evaluation_create = _child_view(
    forms.EvaluationForm,
    services.evaluation_create,
    "evaluation",
    gettext_lazy("New evaluation"),
    gettext_lazy("The evaluation was saved."),
    anchor="#evaluations",
)
agreement_create = _child_view(
    forms.AgreementForm,
    services.agreement_create,
    "agreement",
    gettext_lazy("New agreement"),
    gettext_lazy("The agreement was saved."),
    multipart=True,
    anchor="#agreements",
)
financing_create = _child_view(
    forms.FinancingLineForm,
    services.financing_line_create,
    "line",
    gettext_lazy("New financing line"),
    gettext_lazy("The financing line was saved."),
    anchor="#financing",
)
activity_create = _child_view(
    forms.ActivityForm,
    services.activity_create,
    "activity",
    gettext_lazy("New activity"),
    gettext_lazy("The activity was saved."),
    needs_municipality=True,
    anchor="#activities",
)
contact_create = _child_view(
    forms.ContactForm,
    services.contact_create,
    "contact",
    gettext_lazy("New contact person"),
    gettext_lazy("The contact person was saved."),
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
        organisation = form.save(commit=False)
        _sync_base(organisation, "name", access.municipality.default_language)
        _sync_base(organisation, "description", access.municipality.default_language)
        if not organisation.name:
            form.add_error(
                "name_" + access.municipality.default_language,
                _("Give the organisation's name in at least one language."),
            )
        else:
            try:
                services.organisation_create(organisation=organisation, by=request.user)
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


def _simple_create(form_class, service, service_arg, title, success):
    @coordinator_view
    def view(request, access: Access):
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            obj = form.save(commit=False)
            obj.municipality = access.municipality
            try:
                service(**{service_arg: obj, "by": request.user})
            except ValidationError as exc:
                _apply_validation_error(form, exc)
            else:
                messages.success(request, str(success))
                return redirect(_consulates_url(access))
        return _form_page(request, access, form, title=str(title), back_url=_consulates_url(access))

    return view


consulate_create = _simple_create(
    forms.ConsulateForm,
    services.consulate_create,
    "consulate",
    gettext_lazy("New consulate"),
    gettext_lazy("The consulate was saved."),
)
forum_participant_create = _simple_create(
    forms.ForumParticipantForm,
    services.forum_participant_create,
    "participant",
    gettext_lazy("New forum participant"),
    gettext_lazy("The forum participant was saved."),
)


# --- Corrections after creation: edit and remove ------------------------------------
#
# Every item is looked up through the municipality (another tenant's item is a 404),
# edited on the form page of its kind and removed by a POST from a confirmation page.
# After either, the coordinator returns to the page the item is shown on.


def _relation_item(model, kwarg: str, anchor: str):
    """Where an item of a relation is found (through the municipality) and shown."""

    def lookup(access: Access, kwargs):
        obj = get_object_or_404(
            model.objects.select_related("relation").filter(
                relation__municipality=access.municipality, relation_id=kwargs["pk"]
            ),
            pk=kwargs[kwarg],
        )
        return obj.relation, obj

    def back(access: Access, obj):
        return _detail_url(access, obj.relation) + anchor

    return lookup, back, None


def _consulate_page_item(model):
    def lookup(access: Access, kwargs):
        return None, get_object_or_404(
            model.objects.filter(municipality=access.municipality), pk=kwargs["pk"]
        )

    def section(access: Access):
        return _("Consulates and international forum"), _consulates_url(access)

    return lookup, lambda access, obj: _consulates_url(access), section


def _representation_lookup(access: Access, kwargs):
    return None, get_object_or_404(
        Representation.objects.select_related("membership__organisation").filter(
            membership__municipality=access.municipality, membership_id=kwargs["pk"]
        ),
        pk=kwargs["representation"],
    )


def _networks_section(access: Access):
    return _("Networks and organisations"), _networks_url(access)


REPRESENTATION = (
    _representation_lookup,
    lambda access, obj: _networks_url(access),
    _networks_section,
)
CONSULATE = _consulate_page_item(Consulate)
FORUM_PARTICIPANT = _consulate_page_item(ForumParticipant)
EVALUATION = _relation_item(Evaluation, "evaluation", "#evaluations")
AGREEMENT = _relation_item(Agreement, "agreement", "#agreements")
FINANCING_LINE = _relation_item(FinancingLine, "line", "#financing")
ACTIVITY = _relation_item(RelationActivity, "activity", "#activities")


def _edit_view(
    place,
    form_class,
    service,
    service_arg: str,
    title,
    success,
    *,
    multipart=False,
    needs_municipality=False,
):
    lookup, back, section = place

    @coordinator_view
    def view(request, access: Access, **kwargs):
        relation, obj = lookup(access, kwargs)
        page_title = title(obj)  # before the form puts the posted values on `obj`
        back_url = back(access, obj)
        extra = {"municipality": access.municipality} if needs_municipality else {}
        form = form_class(request.POST or None, request.FILES or None, instance=obj, **extra)
        if request.method == "POST" and form.is_valid():
            call = {service_arg: form.save(commit=False), "by": request.user}
            if isinstance(form, VersionedFormMixin):
                call["expected_version"] = form.cleaned_data.get("expected_version")
            try:
                service(**call)
            except EditConflict as conflict:
                # The editor's text stays in the form, what was saved in between beside
                # it; saving again (after comparing) goes through (intlstrategy.concurrency).
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
            title=page_title,
            back_url=back_url,
            relation=relation,
            multipart=multipart,
            section=section(access) if section else None,
        )

    return view


def _delete_view(place, service, service_arg: str, title, consequence, success):
    lookup, back, section = place

    @coordinator_view
    def view(request, access: Access, **kwargs):
        relation, obj = lookup(access, kwargs)
        back_url = back(access, obj)
        conflict = None
        if request.method == "POST":
            # What the coordinator confirmed: if the record changed since, nothing goes.
            seen = request.POST.get("seen", "")
            try:
                service(**{service_arg: obj, "by": request.user, "seen": seen})
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
                "section": section(access) if section else None,
                "title": title(obj),
                "consequence": str(consequence),
                "back_url": back_url,
                "seen": change_mark(obj),
                "conflict": conflict,
            },
            status=409 if conflict else 200,
        )

    return view


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def _money(line: FinancingLine) -> str:
    amount = formats.number_format(line.amount, 2, use_l10n=True, force_grouping=True)
    return f"{amount} {line.currency}"


KEPT_IN_HISTORY = gettext_lazy(
    "It is removed from the register; its earlier versions are kept in the history."
)

evaluation_edit = _edit_view(
    EVALUATION,
    forms.EvaluationForm,
    services.evaluation_update,
    "evaluation",
    lambda e: _("Edit the evaluation of %(date)s") % {"date": _date(e.date)},
    gettext_lazy("The evaluation was saved."),
)
evaluation_delete = _delete_view(
    EVALUATION,
    services.record_delete,
    "record",
    lambda e: _("Remove the evaluation of %(date)s?") % {"date": _date(e.date)},
    KEPT_IN_HISTORY,
    gettext_lazy("The evaluation was removed."),
)

agreement_edit = _edit_view(
    AGREEMENT,
    forms.AgreementForm,
    services.agreement_update,
    "agreement",
    lambda a: _("Edit the agreement “%(title)s”") % {"title": a.title},
    gettext_lazy("The agreement was saved."),
    multipart=True,
)
agreement_delete = _delete_view(
    AGREEMENT,
    services.agreement_delete,
    "agreement",
    lambda a: _("Remove the agreement “%(title)s”?") % {"title": a.title},
    gettext_lazy(
        "The agreement and its PDF file are removed; the agreement's earlier versions are "
        "kept in the history."
    ),
    gettext_lazy("The agreement was removed."),
)

financing_edit = _edit_view(
    FINANCING_LINE,
    forms.FinancingLineForm,
    services.financing_line_update,
    "line",
    lambda line: (
        _("Edit the financing line for %(year)s (%(source)s)")
        % {"year": line.year, "source": line.source}
    ),
    gettext_lazy("The financing line was saved."),
)
financing_delete = _delete_view(
    FINANCING_LINE,
    services.record_delete,
    "record",
    lambda line: (
        _("Remove the financing line for %(year)s (%(amount)s, %(source)s)?")
        % {"year": line.year, "amount": _money(line), "source": line.source}
    ),
    KEPT_IN_HISTORY,
    gettext_lazy("The financing line was removed."),
)

activity_edit = _edit_view(
    ACTIVITY,
    forms.ActivityForm,
    services.activity_update,
    "activity",
    lambda a: _("Edit the activity of %(date)s") % {"date": _date(a.date)},
    gettext_lazy("The activity was saved."),
    needs_municipality=True,
)
activity_delete = _delete_view(
    ACTIVITY,
    services.record_delete,
    "record",
    lambda a: (
        _("Remove the activity of %(date)s: %(direction)s?")
        % {"date": _date(a.date), "direction": a.get_direction_display()}
    ),
    KEPT_IN_HISTORY,
    gettext_lazy("The activity was removed."),
)

representation_edit = _edit_view(
    REPRESENTATION,
    forms.RepresentationForm,
    services.representation_update,
    "representation",
    lambda r: (
        _("Edit the representation of %(person)s in %(organisation)s")
        % {"person": r.person_name, "organisation": r.membership.organisation}
    ),
    gettext_lazy("The representation was saved."),
)
representation_delete = _delete_view(
    REPRESENTATION,
    services.record_delete,
    "record",
    lambda r: (
        _("Remove the representation of %(person)s in %(organisation)s?")
        % {"person": r.person_name, "organisation": r.membership.organisation}
    ),
    KEPT_IN_HISTORY,
    gettext_lazy("The representation was removed."),
)

consulate_edit = _edit_view(
    CONSULATE,
    forms.ConsulateForm,
    services.consulate_update,
    "consulate",
    lambda c: _("Edit the consulate of %(country)s") % {"country": c.country_name},
    gettext_lazy("The consulate was saved."),
)
consulate_delete = _delete_view(
    CONSULATE,
    services.record_delete,
    "record",
    lambda c: _("Remove the consulate of %(country)s?") % {"country": c.country_name},
    KEPT_IN_HISTORY,
    gettext_lazy("The consulate was removed."),
)

forum_participant_edit = _edit_view(
    FORUM_PARTICIPANT,
    forms.ForumParticipantForm,
    services.forum_participant_update,
    "participant",
    lambda p: _("Edit the forum participant %(name)s") % {"name": p.organisation_name},
    gettext_lazy("The forum participant was saved."),
)
forum_participant_delete = _delete_view(
    FORUM_PARTICIPANT,
    services.record_delete,
    "record",
    lambda p: _("Remove %(name)s from the international forum?") % {"name": p.organisation_name},
    KEPT_IN_HISTORY,
    gettext_lazy("The forum participant was removed."),
)
