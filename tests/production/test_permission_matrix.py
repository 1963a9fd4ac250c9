"""Every URL pattern × every role: the expected status of a GET, and a POST (with extra
fields trying to set status, department, municipality) that, when denied, changes nothing.

`MATRIX` is keyed by URL name. A new URL pattern that is not in it fails
`test_every_url_pattern_is_in_the_matrix`: add a row saying who may open it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

ROLES = ("anonymous", "coordinator", "own_contact", "other_contact", "council_member", "foreign")
MEMBERS = ("coordinator", "own_contact", "other_contact", "council_member")

# Statuses
OK, REDIRECT, BAD_REQUEST, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 400, 403, 404, 405
# A partner record's removal posted without the change mark of its confirmation page.
CONFLICT = 409


def everyone(status):
    return dict.fromkeys(ROLES, status)


PUBLIC = everyone(OK)
# Internal page of one municipality: anonymous → login, another tenant's user → 404.
MEMBERS_ONLY = {"anonymous": REDIRECT, "foreign": NOT_FOUND, **dict.fromkeys(MEMBERS, OK)}
COORDINATOR_ONLY = {**MEMBERS_ONLY, **dict.fromkeys(MEMBERS, FORBIDDEN), "coordinator": OK}
LOGGED_IN = {**everyone(OK), "anonymous": REDIRECT}


@dataclass
class Row:
    get: dict[str, int]
    post: dict[str, int] | None = None  # None: same as GET
    kwargs: object = None  # callable(ctx) -> URL kwargs (municipality is added)
    may_change: frozenset[str] = frozenset()  # roles whose POST may legitimately write
    # Tables a POST may write to whatever the role (sessions, login attempts …).
    notes: str = ""
    extra: dict = field(default_factory=dict)


def municipality_kwargs(ctx):
    return {"municipality": ctx.municipality.slug}


def _report(ctx):
    return {"year": ctx.world.round.year, "department": ctx.department.slug}


def _partners_item(ctx, kind):
    """URL kwargs of partner records the world holds no handle on (found, or made once)."""
    from partners.models import Consulate, ForumParticipant, Representation
    from tests.partners.factories import ActivityFactory, FinancingLineFactory

    relation = ctx.world.relation
    if kind == "financing":
        line = relation.financing_lines.first() or FinancingLineFactory(relation=relation)
        return {"pk": relation.pk, "line": line.pk}
    if kind == "activity":
        activity = relation.activities.first() or ActivityFactory(relation=relation)
        return {"pk": relation.pk, "activity": activity.pk}
    if kind == "representation":
        rep = Representation.objects.filter(membership=ctx.world.network).first()
        return {"pk": ctx.world.network.pk, "representation": rep.pk}
    model = Consulate if kind == "consulate" else ForumParticipant
    return {"pk": model.objects.filter(municipality=ctx.municipality).first().pk}


def _rollover(ctx):
    """The adopted document's action plan (made once)."""
    from tests.strategies.factories import ActionPlanFactory

    document = ctx.world.document
    plan = document.action_plans.first() or ActionPlanFactory(document=document)
    return {"pk": document.pk, "plan_pk": plan.pk}


def _notification_of(ctx, role):
    """A notification of one of the world's people (found, or made once)."""
    from intlstrategy.notifications.models import Kind, Notification

    user = ctx.users[role]
    return Notification.objects.filter(recipient=user).first() or Notification.objects.create(
        key=f"matrix:{user.pk}",
        recipient=user,
        municipality=ctx.municipality,
        kind=Kind.APPROVED,
        data={"year": 2025},
        url_name="municipality_dashboard",
        url_kwargs={"municipality": ctx.municipality.slug},
    )


def _own_catalogue_entry(ctx, kind):
    """A funder or call the municipality added itself (found, or made once)."""
    from projects.models import Call, Funder

    if kind == "funder":
        return Funder.objects.filter(owner=ctx.municipality).first() or Funder.objects.create(
            owner=ctx.municipality, name="Own fund", name_en="Own fund"
        )
    return Call.objects.filter(owner=ctx.municipality).first() or Call.objects.create(
        owner=ctx.municipality, programme=ctx.world.programme, identifier="OWN-1", title="Own"
    )


def _import_of_coordinator(ctx):
    """A finished background import the coordinator started (found, or made once)."""
    from projects.models import ProjectImport

    return ProjectImport.objects.filter(
        municipality=ctx.municipality
    ).first() or ProjectImport.objects.create(
        municipality=ctx.municipality,
        created_by=ctx.users["coordinator"],
        language="en",
        status="done",
        data=b"",
    )


# URL kwargs of the apps' pages (the municipality is added): objects from conftest.world.
APP_KWARGS = {
    "strategies:document_detail": lambda c: {"pk": c.world.document.pk},
    "strategies:document_pdf": lambda c: {"pk": c.world.document.pk},
    "strategies:document_docx": lambda c: {"pk": c.world.document.pk},
    "strategies:document_table": lambda c: {
        "pk": c.world.document.pk,
        "what": "activities",
        "fmt": "xlsx",
    },
    "strategies:document_pdf_retry": lambda c: {"pk": c.world.document.pk},
    "strategies:document_history": lambda c: {"pk": c.world.document.pk},
    "strategies:document_start_draft": lambda c: {"pk": c.world.document.pk},
    "strategies:document_edit": lambda c: {"pk": c.world.draft.pk},
    "strategies:document_adopt": lambda c: {"pk": c.world.draft.pk},
    "strategies:document_revert": lambda c: {"pk": c.world.draft.pk},
    "strategies:document_delete_draft": lambda c: {"pk": c.world.draft.pk},
    "strategies:item_create": lambda c: {"pk": c.world.draft.pk, "kind": "goal-area"},
    "strategies:item_update": lambda c: {
        "pk": c.world.draft.pk,
        "kind": "goal-area",
        "item_pk": c.world.goal_area.pk,
    },
    "strategies:item_delete": lambda c: {
        "pk": c.world.draft.pk,
        "kind": "goal-area",
        "item_pk": c.world.goal_area.pk,
    },
    "strategies:item_move": lambda c: {
        "pk": c.world.draft.pk,
        "kind": "goal-area",
        "item_pk": c.world.goal_area.pk,
    },
    "strategies:document_progress": lambda c: {"pk": c.world.document.pk},
    "strategies:action_plan_rollover": lambda c: _rollover(c),
    "strategies:activity_import": lambda c: {"pk": c.world.draft.pk},
    "strategies:indicator_value_import": lambda c: {"pk": c.world.draft.pk},
    "strategies:indicator_values": lambda c: {
        "pk": c.world.draft.pk,
        "item_pk": c.world.indicator.pk,
    },
    **{
        f"strategies:{name}": lambda c: {"pk": c.world.draft.pk, "item_pk": c.world.indicator.pk}
        for name in ("indicator_source", "indicator_source_unlink", "indicator_source_refresh")
    },
    "strategies:indicator_value_take_source": lambda c: {
        "pk": c.world.draft.pk,
        "item_pk": c.world.indicator.pk,
        "value_pk": c.world.indicator_value.pk,
    },
    "partners:relation_detail": lambda c: {"pk": c.world.relation.pk},
    "partners:relation_edit": lambda c: {"pk": c.world.relation.pk},
    "partners:relation_regrade": lambda c: {"pk": c.world.relation.pk},
    "partners:relation_end": lambda c: {"pk": c.world.relation.pk},
    "partners:evaluation_create": lambda c: {"pk": c.world.relation.pk},
    "partners:agreement_create": lambda c: {"pk": c.world.relation.pk},
    "partners:agreement_file": lambda c: {
        "pk": c.world.relation.pk,
        "agreement": c.world.agreement.pk,
    },
    "partners:financing_create": lambda c: {"pk": c.world.relation.pk},
    "partners:evaluation_edit": lambda c: {
        "pk": c.world.relation.pk,
        "evaluation": c.world.evaluation.pk,
    },
    "partners:activity_create": lambda c: {"pk": c.world.relation.pk},
    "partners:contact_create": lambda c: {"pk": c.world.relation.pk},
    "partners:contact_delete": lambda c: {
        "pk": c.world.relation.pk,
        "contact": c.world.contact_person.pk,
    },
    "partners:membership_edit": lambda c: {"pk": c.world.network.pk},
    "partners:representation_create": lambda c: {"pk": c.world.network.pk},
    "partners:evaluation_delete": lambda c: {
        "pk": c.world.relation.pk,
        "evaluation": c.world.evaluation.pk,
    },
    "partners:agreement_edit": lambda c: {
        "pk": c.world.relation.pk,
        "agreement": c.world.agreement.pk,
    },
    "partners:agreement_delete": lambda c: {
        "pk": c.world.relation.pk,
        "agreement": c.world.agreement.pk,
    },
    "partners:financing_edit": lambda c: _partners_item(c, "financing"),
    "partners:financing_delete": lambda c: _partners_item(c, "financing"),
    "partners:activity_edit": lambda c: _partners_item(c, "activity"),
    "partners:activity_delete": lambda c: _partners_item(c, "activity"),
    "partners:representation_edit": lambda c: _partners_item(c, "representation"),
    "partners:representation_delete": lambda c: _partners_item(c, "representation"),
    "partners:consulate_edit": lambda c: _partners_item(c, "consulate"),
    "partners:consulate_delete": lambda c: _partners_item(c, "consulate"),
    "partners:forum_participant_edit": lambda c: _partners_item(c, "forum"),
    "partners:forum_participant_delete": lambda c: _partners_item(c, "forum"),
    "projects:year": lambda c: {"year": 2025},
    "projects:project_detail": lambda c: {"pk": c.world.project.pk},
    "projects:project_edit": lambda c: {"pk": c.world.project.pk},
    "projects:project_status": lambda c: {"pk": c.world.project.pk},
    "projects:partner_add": lambda c: {"pk": c.world.project.pk},
    "projects:project_delete": lambda c: {"pk": c.world.project.pk},
    "projects:partner_remove": lambda c: {"pk": c.world.project.pk, "partner": c.world.partner.pk},
    "projects:attachment_add": lambda c: {"pk": c.world.project.pk},
    "projects:attachment_download": lambda c: {
        "pk": c.world.project.pk,
        "attachment": c.world.attachment.pk,
    },
    "projects:attachment_delete": lambda c: {
        "pk": c.world.project.pk,
        "attachment": c.world.attachment.pk,
    },
    # The world's funder, programme and call are portal-wide; the funder and call pages
    # are checked on the municipality's own additions (which its coordinator may edit).
    "projects:import_status": lambda c: {"pk": _import_of_coordinator(c).pk},
    "projects:funder_edit": lambda c: {"pk": _own_catalogue_entry(c, "funder").pk},
    "projects:programme_edit": lambda c: {"pk": c.world.programme.pk},
    "projects:call_edit": lambda c: {"pk": _own_catalogue_entry(c, "call").pk},
    "reporting:followup_detail": lambda c: {"pk": c.world.followup.pk},
    "reporting:followup_retry": lambda c: {"pk": c.world.followup.pk},
    "reporting:followup_pdf": lambda c: {"pk": c.world.followup.pk},
    "reporting:followup_docx": lambda c: {"pk": c.world.followup.pk},
    "reporting:followup_web": lambda c: {"pk": c.world.followup.pk},
    "reporting:round_detail": lambda c: {"year": c.world.round.year},
    "reporting:round_csv": lambda c: {"year": c.world.round.year},
    "reporting:round_xlsx": lambda c: {"year": c.world.round.year},
    "reporting:round_edit": lambda c: {"year": c.world.round.year},
    "reporting:round_remind": lambda c: {"year": c.world.round.year},
    "reporting:report_detail": _report,
    "reporting:report_start": _report,
    "reporting:report_save": _report,
    "reporting:report_autosave": _report,
    "reporting:report_refresh": _report,
    "reporting:activity_add": _report,
    "reporting:activity_edit": lambda c: {**_report(c), "pk": c.world.activity.pk},
    "reporting:activity_delete": lambda c: {**_report(c), "pk": c.world.activity.pk},
    "reporting:trip_add": _report,
    "reporting:trip_edit": lambda c: {**_report(c), "pk": c.world.trip.pk},
    "reporting:trip_delete": lambda c: {**_report(c), "pk": c.world.trip.pk},
    "reporting:report_submit": _report,
    "reporting:report_approve": _report,
    "reporting:report_return": _report,
}


MATRIX: dict[str, Row] = {
    # --- outside any municipality ---------------------------------------------------
    "healthz": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "set_language": Row(
        get=everyone(NOT_ALLOWED),
        post=everyone(REDIRECT),
        may_change=frozenset(ROLES),
        notes="stores the language on the account",
    ),
    "api_municipalities": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "api_schema": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "home": Row(get=PUBLIC),
    "accessibility_overview": Row(get=PUBLIC),
    "login": Row(
        get={**everyone(REDIRECT), "anonymous": OK}, post={**everyone(REDIRECT), "anonymous": OK}
    ),
    "logout": Row(get=everyone(NOT_ALLOWED), post=everyone(REDIRECT)),
    "password_change": Row(get=LOGGED_IN, post=LOGGED_IN),
    "password_change_done": Row(
        get=LOGGED_IN, post={**everyone(NOT_ALLOWED), "anonymous": REDIRECT}
    ),
    "password_reset": Row(get=PUBLIC),  # POST without an e-mail: the form again
    "password_reset_done": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "password_reset_confirm": Row(
        get=PUBLIC, kwargs=lambda ctx: {"uidb64": "MQ", "token": "set-password"}
    ),
    "password_reset_complete": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    # A link that is not a signed invitation: refused for everyone, nothing written.
    "invitation_accept": Row(get=everyone(BAD_REQUEST), kwargs=lambda ctx: {"token": "forged"}),
    "dashboard": Row(get=everyone(REDIRECT)),
    # My tasks and news: each person's own, whatever the municipality.
    "notification_list": Row(get=LOGGED_IN, post=LOGGED_IN),
    "notification_read_all": Row(
        get=everyone(NOT_ALLOWED),
        post=everyone(REDIRECT),
        may_change=frozenset(MEMBERS),
        notes="marks the poster's own notifications read",
    ),
    # The coordinator's notification: hers to open (and mark read), a 404 for anyone else.
    "notification_open": Row(
        get=everyone(NOT_ALLOWED),
        post={**everyone(NOT_FOUND), "anonymous": REDIRECT, "coordinator": REDIRECT},
        kwargs=lambda ctx: {"pk": _notification_of(ctx, "coordinator").pk},
        may_change=frozenset({"coordinator"}),
    ),
    # --- one municipality: /<lang>/<municipality>/... ---------------------------------
    "municipality_home": Row(get=PUBLIC, kwargs=municipality_kwargs),
    "municipality_dashboard": Row(get=MEMBERS_ONLY, kwargs=municipality_kwargs),
    "department_list": Row(get=MEMBERS_ONLY, kwargs=municipality_kwargs),
    "department_detail": Row(
        get=MEMBERS_ONLY,
        kwargs=lambda ctx: {
            "municipality": ctx.municipality.slug,
            "department": ctx.department.slug,
        },
    ),
    "member_list": Row(get=COORDINATOR_ONLY, kwargs=municipality_kwargs),
    # The forged POST has no e-mail (invite) and no `roles` (edit): the form again.
    "member_invite": Row(get=COORDINATOR_ONLY, kwargs=municipality_kwargs),
    "member_edit": Row(
        get=COORDINATOR_ONLY,
        kwargs=lambda ctx: {
            "municipality": ctx.municipality.slug,
            "user": ctx.users["council_member"].pk,
        },
    ),
    "member_reinvite": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT},  # has a password: a message
        kwargs=lambda ctx: {
            "municipality": ctx.municipality.slug,
            "user": ctx.users["council_member"].pk,
        },
    ),
    "member_remove": Row(
        get=COORDINATOR_ONLY,
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT},
        kwargs=lambda ctx: {
            "municipality": ctx.municipality.slug,
            "user": ctx.users["council_member"].pk,
        },
        may_change=frozenset({"coordinator"}),
    ),
    "accessibility_statement": Row(get=PUBLIC, kwargs=municipality_kwargs),
    # The matrix's POST is not a valid statement (compliance missing): the form again.
    "accessibility_statement_edit": Row(get=COORDINATOR_ONLY, kwargs=municipality_kwargs),
    # --- the apps (kwargs from APP_KWARGS; reviewed: who gets in is who should) --------
    "api_strategies": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "api_strategy_progress": Row(
        get=PUBLIC,
        post=everyone(NOT_ALLOWED),
        kwargs=lambda c: {"slug": c.municipality.slug, "pk": c.world.document.pk},
    ),
    "api_twin_towns": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "api_networks": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "api_projects": Row(get=PUBLIC, post=everyone(NOT_ALLOWED)),
    "strategies:document_list": Row(get=PUBLIC),
    "strategies:document_detail": Row(get=PUBLIC),
    "strategies:document_pdf": Row(get=PUBLIC),
    "strategies:document_docx": Row(get=PUBLIC),
    "strategies:document_table": Row(get=PUBLIC),
    "strategies:document_pdf_retry": Row(
        get=everyone(NOT_ALLOWED), post={**COORDINATOR_ONLY, "coordinator": REDIRECT}
    ),
    "strategies:document_edit": Row(get=COORDINATOR_ONLY),
    "strategies:document_start_draft": Row(
        get={**COORDINATOR_ONLY, "coordinator": NOT_ALLOWED},
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT},
        may_change=frozenset({"coordinator"}),
    ),
    "strategies:document_adopt": Row(get=COORDINATOR_ONLY),
    "strategies:document_history": Row(get=COORDINATOR_ONLY),
    "strategies:document_revert": Row(
        get={**COORDINATOR_ONLY, "coordinator": NOT_ALLOWED},
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT},
    ),
    "strategies:document_delete_draft": Row(
        get={**COORDINATOR_ONLY, "coordinator": NOT_ALLOWED},
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT},
        may_change=frozenset({"coordinator"}),
    ),
    "strategies:item_create": Row(get=COORDINATOR_ONLY),
    "strategies:item_update": Row(get=COORDINATOR_ONLY),
    "strategies:item_delete": Row(
        get=COORDINATOR_ONLY,
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT},
        may_change=frozenset({"coordinator"}),
    ),
    "strategies:item_move": Row(
        get={**COORDINATOR_ONLY, "coordinator": NOT_ALLOWED},
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT},
    ),
    "strategies:indicator_values": Row(get=COORDINATOR_ONLY),
    "strategies:activity_import": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "strategies:indicator_value_import": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "strategies:document_progress": Row(get=PUBLIC),
    # The POST carries no confirmed year here: refused with a message, nothing changes.
    "strategies:action_plan_rollover": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": REDIRECT}
    ),
    # Linking to national statistics: the world's municipality has no municipality code,
    # so the coordinator's empty POST shows the page again with the reason.
    "strategies:indicator_source": Row(get=COORDINATOR_ONLY),
    **{
        f"strategies:{name}": Row(
            get=everyone(NOT_ALLOWED),
            post={**COORDINATOR_ONLY, "coordinator": REDIRECT},
            may_change=frozenset({"coordinator"}),
        )
        for name in (
            "indicator_source_unlink",
            "indicator_source_refresh",
            "indicator_value_take_source",
        )
    },
    "partners:relation_list": Row(get=PUBLIC),
    "partners:relation_map": Row(get=PUBLIC),
    "partners:relation_csv": Row(get=PUBLIC),
    "partners:relation_xlsx": Row(get=PUBLIC),
    "partners:relation_import": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:network_csv": Row(get=PUBLIC),
    "partners:network_xlsx": Row(get=PUBLIC),
    "partners:relation_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:relation_detail": Row(get=PUBLIC),
    "partners:relation_edit": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:relation_regrade": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:relation_end": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:evaluation_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:agreement_create": Row(
        get=COORDINATOR_ONLY,
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT},
        may_change=frozenset({"coordinator"}),
    ),
    "partners:agreement_file": Row(get=MEMBERS_ONLY),
    "partners:evaluation_edit": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:financing_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:activity_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:contact_create": Row(
        get=COORDINATOR_ONLY,
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT},
        may_change=frozenset({"coordinator"}),
    ),
    "partners:contact_delete": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT},
        may_change=frozenset({"coordinator"}),
    ),
    "partners:network_list": Row(get=PUBLIC),
    "partners:membership_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:organisation_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:membership_edit": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:representation_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:evaluation_delete": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": CONFLICT}
    ),
    "partners:agreement_edit": Row(  # a valid title, but no expected_version: refused
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:agreement_delete": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": CONFLICT}
    ),
    "partners:financing_edit": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:financing_delete": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": CONFLICT}
    ),
    "partners:activity_edit": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:activity_delete": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": CONFLICT}
    ),
    "partners:representation_edit": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:representation_delete": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": CONFLICT}
    ),
    "partners:consulate_list": Row(get=PUBLIC),
    "partners:consulate_edit": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:consulate_delete": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": CONFLICT}
    ),
    "partners:forum_participant_edit": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:forum_participant_delete": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": CONFLICT}
    ),
    "partners:consulate_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "partners:forum_participant_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "projects:project_list": Row(get=PUBLIC),
    "projects:project_create": Row(get={**MEMBERS_ONLY, "council_member": FORBIDDEN}),
    "projects:project_import": Row(
        get={**MEMBERS_ONLY, "council_member": FORBIDDEN},
        post={
            **COORDINATOR_ONLY,
            "coordinator": BAD_REQUEST,
            "own_contact": BAD_REQUEST,
            "other_contact": BAD_REQUEST,
        },
    ),
    # A background import's status: its importer (here the coordinator) and coordinators.
    "projects:import_status": Row(get=COORDINATOR_ONLY),
    "projects:export_csv": Row(get=PUBLIC),
    "projects:export_xlsx": Row(get=PUBLIC),
    "projects:pipeline": Row(get=MEMBERS_ONLY),
    "projects:year_current": Row(get=PUBLIC),
    "projects:year": Row(get=PUBLIC),
    "projects:charts": Row(get=PUBLIC),
    "projects:project_detail": Row(get=PUBLIC),
    "projects:project_edit": Row(get={**COORDINATOR_ONLY, "own_contact": OK}),
    "projects:project_status": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST, "own_contact": BAD_REQUEST},
    ),
    "projects:partner_add": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT, "own_contact": REDIRECT},
        may_change=frozenset({"coordinator", "own_contact"}),
    ),
    "projects:project_delete": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT, "own_contact": REDIRECT},
        may_change=frozenset({"coordinator", "own_contact"}),
    ),
    "projects:partner_remove": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT, "own_contact": REDIRECT},
        may_change=frozenset({"coordinator", "own_contact"}),
    ),
    "projects:attachment_add": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST, "own_contact": BAD_REQUEST},
    ),
    "projects:attachment_download": Row(get=MEMBERS_ONLY),
    "projects:attachment_delete": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT, "own_contact": REDIRECT},
        may_change=frozenset({"coordinator", "own_contact"}),
    ),
    "projects:catalogue": Row(get=COORDINATOR_ONLY),
    # The forged POST lacks required fields (and, on edits, the version): refused, 400.
    "projects:funder_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "projects:funder_edit": Row(  # the municipality's own funder
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "projects:programme_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    # A portal-wide programme: only the portal's operators (staff) may change it.
    "projects:programme_edit": Row(get={**COORDINATOR_ONLY, "coordinator": FORBIDDEN}),
    "projects:call_create": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "projects:call_edit": Row(  # the municipality's own call
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "projects:exchange_rates": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": BAD_REQUEST}
    ),
    "reporting:index": Row(get=MEMBERS_ONLY),
    "reporting:round_create": Row(get=COORDINATOR_ONLY),
    "reporting:followup_list": Row(get=MEMBERS_ONLY, post=COORDINATOR_ONLY),
    "reporting:followup_detail": Row(get=MEMBERS_ONLY),
    "reporting:followup_retry": Row(
        get=everyone(NOT_ALLOWED), post={**COORDINATOR_ONLY, "coordinator": REDIRECT}
    ),
    "reporting:followup_pdf": Row(get=MEMBERS_ONLY),
    "reporting:followup_docx": Row(get=MEMBERS_ONLY),
    # The web version: the same readers as the PDF.
    "reporting:followup_web": Row(get=MEMBERS_ONLY),
    # The preview before generating: a GET goes back to the list's form.
    "reporting:followup_preview": Row(
        get={**COORDINATOR_ONLY, "coordinator": REDIRECT}, post=COORDINATOR_ONLY
    ),
    "reporting:round_detail": Row(get=MEMBERS_ONLY),
    "reporting:round_csv": Row(get=MEMBERS_ONLY),
    "reporting:round_xlsx": Row(get=MEMBERS_ONLY),
    # "Remind now": the coordinator's only. The forged `department` (999999) is not one of
    # the round's: a 404, nothing sent (the real reminders: tests/reporting).
    "reporting:round_remind": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": NOT_FOUND},
    ),
    # A save without the version it started from is refused (intlstrategy/concurrency.py).
    "reporting:round_edit": Row(
        get=COORDINATOR_ONLY, post={**COORDINATOR_ONLY, "coordinator": CONFLICT}
    ),
    "reporting:report_detail": Row(get={**COORDINATOR_ONLY, "own_contact": OK}),
    "reporting:report_start": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT, "own_contact": REDIRECT},
    ),
    "reporting:report_save": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": CONFLICT, "own_contact": CONFLICT},
    ),
    # The editor's autosave (JSON): without the version it started from, refused.
    "reporting:report_autosave": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": CONFLICT, "own_contact": CONFLICT},
    ),
    "reporting:report_refresh": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT, "own_contact": REDIRECT},
        may_change=frozenset({"coordinator", "own_contact"}),
    ),
    "reporting:activity_add": Row(
        get=everyone(NOT_ALLOWED), post={**COORDINATOR_ONLY, "own_contact": OK}
    ),
    # Fills the sub-form with the row (and saves the texts posted with it): writes nothing
    # of the row itself.
    "reporting:activity_edit": Row(
        get=everyone(NOT_ALLOWED), post={**COORDINATOR_ONLY, "own_contact": OK}
    ),
    "reporting:trip_edit": Row(
        get=everyone(NOT_ALLOWED), post={**COORDINATOR_ONLY, "own_contact": OK}
    ),
    "reporting:activity_delete": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT, "own_contact": REDIRECT},
        may_change=frozenset({"coordinator", "own_contact"}),
    ),
    "reporting:trip_add": Row(
        get=everyone(NOT_ALLOWED), post={**COORDINATOR_ONLY, "own_contact": OK}
    ),
    "reporting:trip_delete": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": REDIRECT, "own_contact": REDIRECT},
        may_change=frozenset({"coordinator", "own_contact"}),
    ),
    "reporting:report_submit": Row(
        get=everyone(NOT_ALLOWED),
        post={**COORDINATOR_ONLY, "coordinator": CONFLICT, "own_contact": CONFLICT},
    ),
    "reporting:report_approve": Row(
        get=everyone(NOT_ALLOWED), post={**COORDINATOR_ONLY, "coordinator": REDIRECT}
    ),
    "reporting:report_return": Row(get=everyone(NOT_ALLOWED), post=COORDINATOR_ONLY),
}

# Namespaces checked as a whole: Django's admin requires staff (nobody here is staff).
WHOLE_NAMESPACES = {"admin"}
# Single sign-on URLs exist only with OIDC_ENABLED (tests/production/test_oidc.py).
OPTIONAL = {"oidc_authentication_init", "oidc_authentication_callback", "oidc_logout"}

# Written on any POST by design: sessions and login-attempt records.
VOLATILE_TABLES = {
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    # the strategy PDF's render cache: a GET of the PDF records its request
    # (denied retries changing nothing: tests/strategies/test_pdf_task.py)
    "strategies_documentpdf",
}

EXTRA_FIELDS = {
    "status": "approved",
    "state": "published",
    "department": "999999",
    "department_id": "1",
    "municipality": "trondheim",
    "municipality_id": "1",
    "is_demo": "on",
    "version": "999",
    "is_staff": "on",
    "is_superuser": "on",
    "role": "coordinator",
    "title": "Forged",
    "name": "Forged",
    "text": "Forged",
    "language": "sv",
}


def url_names(resolver=None, namespace=""):
    """(full name, route) of every URL pattern, through includes and i18n patterns."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in WHOLE_NAMESPACES:
                yield f"{pattern.namespace}:*", str(pattern.pattern)
                continue
            yield from url_names(pattern, ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {pattern.pattern}>"
            yield name, str(pattern.pattern)


def table_counts() -> dict[str, object]:
    """A fingerprint of every table (history tables included) in one query: on PostgreSQL
    the md5 of all rows, so an UPDATE is caught as well as an INSERT or DELETE; elsewhere
    the row counts."""
    tables = sorted(
        {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed}
        - VOLATILE_TABLES
    )
    existing = set(connection.introspection.table_names())
    tables = [t for t in tables if t in existing]
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        parts = [
            f"(SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, ',' "
            f"ORDER BY x::text), '')) FROM {quote(t)} x)"
            for t in tables
        ]
    else:
        parts = [f"(SELECT count(*) FROM {quote(t)})" for t in tables]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return dict(zip(tables, cursor.fetchone(), strict=True))


class Context:
    def __init__(self, **objects):
        self.__dict__.update(objects)


@pytest.fixture(scope="module")
def ctx(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction that is rolled back at its end;
    each test (and each request) runs in a savepoint on top of it."""
    from django.db import transaction
    from django.test import override_settings

    from tests.factories import (
        CoordinatorFactory,
        CouncilMemberFactory,
        DepartmentContactFactory,
        DepartmentFactory,
        MunicipalityFactory,
    )
    from tests.production.conftest import build_world

    media = override_settings(
        MEDIA_ROOT=str(tmp_path_factory.mktemp("matrix-media")),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), media, transaction.atomic():
        municipality = MunicipalityFactory(slug="vaxjo", default_language="sv", country="SE")
        other_municipality = MunicipalityFactory(
            slug="trondheim", default_language="nb", country="NO"
        )
        department = DepartmentFactory(municipality=municipality, slug="utbildning")
        other_department = DepartmentFactory(municipality=municipality, slug="omsorg")
        users = {
            "anonymous": None,
            "coordinator": CoordinatorFactory(municipality=municipality),
            "own_contact": DepartmentContactFactory(department=department),
            "other_contact": DepartmentContactFactory(department=other_department),
            "council_member": CouncilMemberFactory(municipality=municipality),
            "foreign": CoordinatorFactory(municipality=other_municipality),
        }
        world = build_world(
            municipality, department, other_department, users["coordinator"], users["own_contact"]
        )
        clients = {}
        for role, user in users.items():
            clients[role] = Client()
            if user is not None:
                clients[role].force_login(user)
        yield Context(
            world=world,
            municipality=municipality,
            other_municipality=other_municipality,
            department=department,
            other_department=other_department,
            users=users,
            clients=clients,
        )
        transaction.set_rollback(True)


@pytest.fixture
def _media_root():
    """The module's files live in the module's MEDIA_ROOT (see ctx), not a per-test one."""


def url_of(name, row, ctx):
    if row.kwargs:
        kwargs = row.kwargs(ctx)
    elif name in APP_KWARGS:
        kwargs = {"municipality": ctx.municipality.slug, **APP_KWARGS[name](ctx)}
    elif name.startswith("api_") and name not in {"api_municipalities", "api_schema"}:
        kwargs = {"slug": ctx.municipality.slug}
    elif ":" in name:
        kwargs = {"municipality": ctx.municipality.slug}
    else:
        kwargs = {}
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def client_for(ctx, role):
    client = Client()
    user = ctx.users[role]
    if user is not None:
        client.force_login(user)
    return client


def request_as(ctx, role, method, url, data=None):
    """One request as `role`; everything it wrote is rolled back afterwards, so every role
    meets the same data. Returns (status, whether the database changed)."""
    from django.db import transaction

    from tests.production.conftest import restore_files

    restore_files(ctx.world)
    client = ctx.clients[role]
    cookies = copy.deepcopy(client.cookies)  # a logout or language switch must not stick
    with transaction.atomic():
        before = table_counts()
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, data if data is not None else EXTRA_FIELDS)
        changed = table_counts() != before
        transaction.set_rollback(True)
    client.cookies = cookies
    return response.status_code, changed


def test_every_url_pattern_is_in_the_matrix():
    missing = sorted(
        {
            name
            for name, _ in url_names()
            if name not in MATRIX
            and name not in OPTIONAL
            and name.split(":")[0] + ":*" not in {f"{n}:*" for n in WHOLE_NAMESPACES}
            or name.startswith("<unnamed")
        }
    )
    assert missing == [], f"URL patterns without a row in MATRIX: {missing}"


def test_the_matrix_has_no_stale_rows():
    names = {name for name, _ in url_names()}
    assert sorted(set(MATRIX) - names) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_get_status_per_role(name, ctx):
    row = MATRIX[name]
    url = url_of(name, row, ctx)
    seen = {}
    for role in ROLES:
        seen[role], changed = request_as(ctx, role, "get", url)
        assert not changed, f"GET {url} as {role} changed the database"
    assert seen == {role: row.get[role] for role in ROLES}, url


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_post_status_per_role_and_denied_posts_change_nothing(name, ctx):
    """Each role POSTs forged fields (status, department, municipality, …); every request
    is rolled back afterwards so each role meets the same data."""
    row = MATRIX[name]
    url = url_of(name, row, ctx)
    expected = row.post or row.get
    seen = {}
    for role in ROLES:
        seen[role], changed = request_as(ctx, role, "post", url)
        if role not in row.may_change:
            assert not changed, f"POST {url} as {role} changed the database"
    assert seen == {role: expected[role] for role in ROLES}, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_admin_is_closed_to_everyone_who_is_not_staff(role, ctx):
    client = client_for(ctx, role)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    before = table_counts()
    response = client.post(
        "/admin/intlstrategy/department/add/",
        {"municipality": ctx.municipality.pk, "slug": "x", "name": "X"},
    )
    assert response.status_code == 302
    assert table_counts() == before


# --- extra POST fields are ignored --------------------------------------------------


@pytest.mark.django_db
def test_language_switch_ignores_fields_that_would_raise_privileges(client, contact):
    client.force_login(contact)
    client.post("/i18n/setlang/", {**EXTRA_FIELDS, "language": "nb", "next": "/"})
    contact.refresh_from_db()
    assert contact.preferred_language == "nb"
    assert not contact.is_staff and not contact.is_superuser
    assert set(contact.memberships.values_list("role", "municipality__slug")) == {
        ("department_contact", "vaxjo")
    }


@pytest.mark.django_db
def test_password_change_ignores_extra_fields(client, contact):
    from tests.factories import PASSWORD

    client.force_login(contact)
    new = "Ett helt nytt lösenord 2026"
    response = client.post(
        "/en/accounts/password_change/",
        {**EXTRA_FIELDS, "old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.check_password(new)
    assert not contact.is_staff and not contact.is_superuser


@pytest.mark.django_db
def test_uncovered_urls_are_reported_with_what_each_role_gets_today(ctx):
    """When a URL is missing from MATRIX, this prints what each role gets now (GET and a
    POST with forged fields, rolled back): review it — is that who should get in? — and
    copy the reviewed row into MATRIX."""
    observed = []
    for name, _ in url_names():
        if name in MATRIX or name in OPTIONAL or name.endswith(":*"):
            continue
        try:
            url = url_of(name, Row(get={}), ctx)
        except Exception as exc:  # noqa: BLE001 - report, do not hide
            observed.append(f"{name}: cannot build the URL ({exc}); add it to APP_KWARGS")
            continue
        got = {r: request_as(ctx, r, "get", url)[0] for r in ROLES}
        posted = {r: request_as(ctx, r, "post", url) for r in ROLES}
        observed.append(
            f"{name!r}: get={got} post={ {r: s for r, (s, _) in posted.items()} } "
            f"changes={[r for r, (_, c) in posted.items() if c]}"
        )
    assert observed == [], "URLs missing from MATRIX:\n" + "\n".join(observed)


def form_data(html: str, action_suffix: str) -> dict:
    """The fields of the form whose action ends with `action_suffix` ("" = the form that
    posts to the page itself), with the values the page shows (what a browser sends)."""
    import html as html_lib
    import re

    forms = re.findall(r"<form\b([^>]*)>(.*?)</form>", html, re.S)
    for attributes, body in forms:
        action = re.search(r'action="([^"]*)"', attributes)
        if action_suffix == "":  # the form posting to the page itself (no action)
            if action or 'method="post"' not in attributes:
                continue
        elif not action or not html_lib.unescape(action.group(1)).endswith(action_suffix):
            continue
        data: dict = {}
        for tag in re.findall(r"<input\b[^>]*>", body):
            name = re.search(r'name="([^"]+)"', tag)
            if not name:
                continue
            kind = (re.search(r'type="([^"]+)"', tag) or [None, "text"])[1]
            value = html_lib.unescape((re.search(r'value="([^"]*)"', tag) or [None, ""])[1])
            if kind in {"checkbox", "radio"}:
                if "checked" in tag:
                    data.setdefault(name.group(1), []).append(value or "on")
            elif kind not in {"submit", "file"}:
                data[name.group(1)] = value
        for name, text in re.findall(
            r'<textarea\b[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', body, re.S
        ):
            data[name] = html_lib.unescape(text).strip()
        for name, options in re.findall(
            r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', body, re.S
        ):
            chosen = re.findall(r'<option\b[^>]*value="([^"]*)"[^>]*selected', options)
            if chosen:
                data[name] = chosen if len(chosen) > 1 else chosen[0]
        return data
    raise AssertionError(f"no form posting to …{action_suffix}")


FORGED = {
    "status": "approved",
    "department": None,
    "municipality": None,
    "is_demo": "on",
    "submitted_by": "1",
    "round": "999",
    "version": "999",
}


@pytest.mark.django_db
def test_saving_a_report_ignores_forged_status_department_and_municipality(ctx):
    from reporting.models import DepartmentReport

    client = ctx.clients["own_contact"]
    base = f"/en/vaxjo/reporting/{ctx.world.round.year}/{ctx.department.slug}/"
    data = form_data(client.get(base).content.decode(), "save/")
    data.update(
        FORGED, department=str(ctx.other_department.pk), municipality=str(ctx.other_municipality.pk)
    )
    response = client.post(base + "save/", data)
    assert response.status_code == 302
    report = DepartmentReport.objects.get(pk=ctx.world.report.pk)
    assert report.status == "draft" and report.department_id == ctx.department.pk
    assert report.round_id == ctx.world.round.pk and not report.is_demo
    assert report.version == ctx.world.report.version + 1  # the save itself went through


@pytest.mark.django_db
def test_editing_a_project_ignores_forged_municipality_and_status(ctx):
    from projects.models import MunicipalityRole, Project

    client = ctx.clients["own_contact"]
    url = f"/en/vaxjo/projects/{ctx.world.project.pk}/edit/"
    data = form_data(client.get(url).content.decode(), "")
    status_before = ctx.world.project.status
    data.update(
        {k: v for k, v in FORGED.items() if k not in {"department"}},
        municipality=str(ctx.other_municipality.pk),
        title="Edited by the contact",
        title_en="Edited by the contact",
        title_sv="Ändrat av kontakten",
        status="rejected",
        role=MunicipalityRole.values[0],
        lead_department=str(ctx.department.pk),
        currency=ctx.world.project.currency,
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors.as_text()
    project = Project.objects.get(pk=ctx.world.project.pk)
    assert project.municipality_id == ctx.municipality.pk
    assert project.status == status_before and not project.is_demo
