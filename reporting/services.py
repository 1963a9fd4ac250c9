"""Writes of the reporting app: rounds, department reports, reminders, follow-ups.

Every function is keyword-only, validates with full_clean() and writes inside
transaction.atomic. Views, tasks and the management command call these; the demo
loader (`reporting/demo.py`) calls `followup_request` and `_sync_projects` and writes
its other rows directly.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intlstrategy import public_cache
from intlstrategy.concurrency import EditConflict, last_change, save_versioned
from intlstrategy.lib.services import bump_version, record_who
from intlstrategy.models import Department, Municipality
from intlstrategy.notifications.models import Kind
from intlstrategy.rendering import queue_render
from projects.models import Project
from strategies.models import GoalArea
from strategies.selectors import department_progress_items
from strategies.services import progress_record

from . import notifications
from .models import (
    EDITABLE_STATUSES,
    REMINDER_DAYS_BEFORE,
    DepartmentReport,
    FollowUpDocument,
    FollowUpStatus,
    ReminderKind,
    ReminderSent,
    ReportActivity,
    ReportingRound,
    ReportProgress,
    ReportProject,
    ReportResult,
    ReportStatus,
    RoundStatus,
    Trip,
    estimate_co2_kg,
    project_snapshot,
)

logger = logging.getLogger(__name__)


class IncompleteReport(ValidationError):
    """Submit refused; `.missing` lists each missing part in the user's language."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(missing)


def _require_open(round: ReportingRound) -> None:
    if not round.is_open:
        raise ValidationError(
            _("The reporting round for %(year)s is closed; reports in it can no longer be changed.")
            % {"year": round.year}
        )


def _require_editable(report: DepartmentReport) -> None:
    _require_open(report.round)
    if report.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _(
                "This report has been submitted and can no longer be changed. "
                "Ask the coordinator to return it."
            )
        )


def _lock_editable(report_id: int) -> DepartmentReport:
    """The report, locked until the transaction ends and checked to be editable. A view
    loads the report before calling a service, and a submission (which takes the same
    lock) may commit in between: the check must see the current state, not the view's."""
    report = DepartmentReport.objects.select_for_update().select_related("round").get(pk=report_id)
    _require_editable(report)
    return report


# History names `by` (the request's user otherwise: HistoryRequestMiddleware); the
# conflict message of the next editor names them (intlstrategy.lib.services).
_record_who = record_who


# --- rounds -------------------------------------------------------------------------


@transaction.atomic
def round_open(
    *,
    municipality: Municipality,
    year: int,
    deadline: datetime.date,
    departments,
    instructions: dict[str, str] | None = None,
    by=None,
    is_demo: bool = False,
) -> ReportingRound:
    """Open the round and e-mail the contact persons (after the transaction commits)."""
    round = ReportingRound(
        municipality=municipality,
        year=year,
        deadline=deadline,
        status=RoundStatus.OPEN,
        is_demo=is_demo,
        **{f"instructions_{code}": text for code, text in (instructions or {}).items()},
    )
    round.full_clean()
    round.save()
    departments = list(departments)
    for department in departments:
        if department.municipality_id != municipality.pk:
            raise ValidationError(
                _("A department of another municipality cannot report in this round.")
            )
    round.departments.set(departments)
    from .tasks import notify_round_opened_task

    notify_round_opened_task.delay_on_commit(round.pk)
    return round


@transaction.atomic
def round_update(
    *,
    round: ReportingRound,
    expected_version: int | None,
    deadline: datetime.date,
    departments,
    instructions: dict[str, str],
    status: str,
    by=None,
) -> ReportingRound:
    """Save the round's settings. Raises EditConflict when a colleague saved in between."""
    round.deadline = deadline
    round.status = status
    for code, text in instructions.items():
        setattr(round, f"instructions_{code}", text)
    round.full_clean()
    _record_who(round, by)
    save_versioned(round, expected_version=expected_version)
    round.departments.set([d for d in departments if d.municipality_id == round.municipality_id])
    return round


# --- department reports ---------------------------------------------------------------


def year_projects(report: DepartmentReport):
    """The project register's year view for the report's department."""
    return (
        Project.objects.for_municipality(report.round.municipality)
        .in_year(report.round.year)
        .for_department(report.department)
        .order_by("title", "pk")
    )


@transaction.atomic
def report_start(*, round: ReportingRound, department: Department, by=None) -> DepartmentReport:
    """Create the department's report, prefilled from the year view. Safe to call twice."""
    _require_open(round)
    if department.municipality_id != round.municipality_id:
        raise ValidationError(_("This department does not belong to the round's municipality."))
    report, created = DepartmentReport.objects.get_or_create(
        round=round, department=department, defaults={"is_demo": round.is_demo}
    )
    if created:
        _sync_projects(report)
        _sync_progress(report)
    return report


def _sync_projects(report: DepartmentReport) -> None:
    current = set(year_projects(report).values_list("pk", flat=True))
    rows = {row.project_id: row for row in report.project_rows.all()}
    # Rows for projects no longer in the year view go, unless the department commented
    # on them (keep the text; the coordinator sees the project is still listed).
    for project_id, row in rows.items():
        if project_id not in current and not row.comment.strip():
            row.delete()
    ReportProject.objects.bulk_create(
        [ReportProject(report=report, project_id=pk) for pk in sorted(current - set(rows))]
    )


def _sync_progress(report: DepartmentReport) -> None:
    """ "Our measures and activities": a row per measure and activity the department
    answers for in the adopted document and the current action plan. As with projects,
    rows that left the plan go unless the department wrote something on them."""
    measures, activities = department_progress_items(report.department, report.round.year)
    wanted = {("measure", pk) for pk in measures.values_list("pk", flat=True)}
    wanted |= {("activity", pk) for pk in activities.values_list("pk", flat=True)}
    have = {}
    for row in report.progress_rows.all():
        key = ("activity", row.activity_id) if row.activity_id else ("measure", row.measure_id)
        have[key] = row
    for key, row in have.items():
        if key not in wanted and not row.status and not row.note.strip():
            row.delete()
    ReportProgress.objects.bulk_create(
        [
            ReportProgress(report=report, **{f"{kind}_id": pk})
            for kind, pk in sorted(wanted - set(have))
        ]
    )


@transaction.atomic
def report_refresh_projects(*, report: DepartmentReport, by=None) -> DepartmentReport:
    """Bring the project list up to date with the register; comments on rows that remain
    are kept."""
    report = DepartmentReport.objects.select_for_update().select_related("round").get(pk=report.pk)
    _require_editable(report)
    _sync_projects(report)
    _sync_progress(report)
    return report


@transaction.atomic
def report_save(
    *,
    report: DepartmentReport,
    expected_version: int | None,
    comments: dict[int, str],
    results: dict[int | None, str],
    no_activities: bool,
    progress: dict[int, tuple[str, str]] | None = None,
    by=None,
) -> DepartmentReport:
    """Save the draft's texts. Raises EditConflict when someone saved in between, and
    ValidationError ({"comment"/"text"/"note": …}) for a text over its limit.

    `progress` maps a progress row's pk to (status, note); rows not named are left as
    they are (a page that did not show them cannot clear them)."""
    _lock_editable(report.pk)
    report.no_activities = no_activities
    _record_who(report, by)
    save_versioned(report, expected_version=expected_version)
    rows = {row.pk: row for row in report.project_rows.all()}
    for row_pk, text in comments.items():
        row = rows.get(row_pk)
        if row is not None and row.comment != text:
            row.comment = text
            _validate_field(row, "comment")
            row.save(update_fields=["comment"])
    existing = {result.goal_area_id: result for result in report.results.all()}
    for goal_area_id, text in results.items():
        result = existing.get(goal_area_id)
        if result is None:
            if text.strip():
                result = ReportResult(report=report, goal_area_id=goal_area_id, text=text)
                _validate_field(result, "text")
                result.save()
        elif result.text != text:
            result.text = text
            _validate_field(result, "text")
            result.save(update_fields=["text"])
    _save_progress(report, progress or {})
    return report


def _save_progress(report: DepartmentReport, progress: dict[int, tuple[str, str]]) -> None:
    rows = {row.pk: row for row in report.progress_rows.all()} if progress else {}
    for row_pk, (status, note) in progress.items():
        row = rows.get(row_pk)
        if row is None or (row.status, row.note) == (status, note):
            continue
        row.status, row.note = status, note
        row.clean_fields(exclude=["report", "activity", "measure"])
        row.save(update_fields=["status", "note"])


def _validate_field(instance, name: str) -> None:
    """The field's own validators (the length limits), without full_clean's queries."""
    instance.clean_fields(exclude=[f.name for f in instance._meta.fields if f.name != name])


@transaction.atomic
def activity_add(*, report: DepartmentReport, **fields) -> ReportActivity:
    report = _lock_editable(report.pk)
    activity = ReportActivity(report=report, **fields)
    if activity.relation_id and activity.relation.municipality_id != report.round.municipality_id:
        raise ValidationError({"relation": _("Choose one of the municipality's twin towns.")})
    activity.full_clean()
    activity.save()
    return activity


ACTIVITY_FIELDS = ("kind", "date", "title", "partner", "relation", "participants", "goal_area")


@transaction.atomic
def activity_update(*, activity: ReportActivity, **fields) -> ReportActivity:
    """Change an activity of a draft in place (only the fields a department may set)."""
    report = _lock_editable(activity.report_id)
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"activity_update cannot set {sorted(unknown)}")
    for name, value in fields.items():
        setattr(activity, name, value)
    if activity.relation_id and activity.relation.municipality_id != report.round.municipality_id:
        raise ValidationError({"relation": _("Choose one of the municipality's twin towns.")})
    activity.full_clean()
    activity.save(update_fields=list(fields))
    return activity


@transaction.atomic
def activity_delete(*, activity: ReportActivity) -> None:
    _lock_editable(activity.report_id)
    activity.delete()


@transaction.atomic
def trip_add(
    *,
    report: DepartmentReport,
    destination: str,
    mode: str,
    distance_km: Decimal,
    travellers: int = 1,
    co2_kg: Decimal | None = None,
    compensated: bool = False,
) -> Trip:
    """A trip; CO2 is estimated from mode, distance and travellers unless given."""
    report = _lock_editable(report.pk)
    trip = Trip(
        report=report,
        destination=destination,
        mode=mode,
        distance_km=distance_km,
        travellers=travellers,
        compensated=compensated,
        co2_overridden=co2_kg is not None,
    )
    if co2_kg is not None:
        trip.co2_kg = co2_kg
    elif distance_km is not None and distance_km >= 0 and mode:
        trip.co2_kg = estimate_co2_kg(mode, Decimal(distance_km) * max(travellers or 1, 1))
    trip.full_clean()
    trip.save()
    return trip


@transaction.atomic
def trip_update(
    *,
    trip: Trip,
    destination: str,
    mode: str,
    distance_km: Decimal,
    travellers: int = 1,
    co2_kg: Decimal | None = None,
    compensated: bool = False,
) -> Trip:
    """Change a trip of a draft in place; CO2 is estimated again unless given."""
    _lock_editable(trip.report_id)
    trip.destination, trip.mode, trip.distance_km = destination, mode, distance_km
    trip.travellers, trip.compensated = travellers, compensated
    trip.co2_overridden = co2_kg is not None
    if co2_kg is not None:
        trip.co2_kg = co2_kg
    elif distance_km is not None and distance_km >= 0 and mode:
        trip.co2_kg = estimate_co2_kg(mode, Decimal(distance_km) * max(travellers or 1, 1))
    trip.full_clean()
    trip.save()
    return trip


@transaction.atomic
def trip_delete(*, trip: Trip) -> None:
    _lock_editable(trip.report_id)
    trip.delete()


def report_missing_parts(report: DepartmentReport) -> list[str]:
    """What must still be filled in before the report can be submitted."""
    missing = []
    for row in report.project_rows.select_related("project").order_by("pk"):
        if not row.comment.strip():
            missing.append(
                _("Projects: write a comment on “%(project)s”.")
                % {"project": row.project or _("(deleted project)")}
            )
    if not report.no_activities and not report.activities.exists():
        missing.append(
            _(
                "Other international work: add at least one activity, "
                "or tick “no other international work this year”."
            )
        )
    if not report.results.exclude(text="").exists():
        missing.append(
            _("Results: describe the results of the international work for at least one goal area.")
        )
    return missing


@transaction.atomic
def report_submit(
    *, report: DepartmentReport, expected_version: int | None, by=None
) -> DepartmentReport:
    """Submit for review: check the required parts, then freeze the project data.

    `expected_version` is the version the submitter saw (None only for callers that read
    the report themselves, as the demo). Raises EditConflict when a colleague saved in
    between: what is sent to the coordinator must be what the submitter saw.
    """
    report = _lock_editable(report.pk)
    if expected_version is not None and report.version != expected_version:
        who, when = last_change(report)
        raise EditConflict(report, changed_by=who, changed_at=when)
    missing = report_missing_parts(report)
    if missing:
        raise IncompleteReport(missing)
    rows = report.project_rows.select_related("project__programme__funder")
    for row in rows:
        if row.project is not None:
            row.snapshot = project_snapshot(row.project)
            row.save(update_fields=["snapshot"])
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = by
    _record_who(report, by)
    bump_version(report)  # an editor with the draft open gets the conflict message
    report.save()
    notifications.report_submitted(report)
    return report


@transaction.atomic
def report_save_and_submit(
    *,
    report: DepartmentReport,
    expected_version: int | None,
    comments: dict[int, str],
    results: dict[int | None, str],
    no_activities: bool,
    progress: dict[int, tuple[str, str]] | None = None,
    by=None,
) -> DepartmentReport:
    """The submit button: save the texts on the page, then submit them, as one step. A
    submit never leaves behind what was typed, nor sends what the submitter did not see;
    when refused (a colleague's save, a missing part) nothing at all is saved."""
    report = report_save(
        report=report,
        expected_version=expected_version,
        comments=comments,
        results=results,
        no_activities=no_activities,
        progress=progress,
        by=by,
    )
    return report_submit(report=report, expected_version=report.version, by=by)


def _review(report: DepartmentReport, status: str, comment: str, by) -> DepartmentReport:
    report = DepartmentReport.objects.select_for_update().select_related("round").get(pk=report.pk)
    _require_open(report.round)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned or approved."))
    report.status = status
    report.review_comment = comment
    report.reviewed_at = timezone.now()
    report.reviewed_by = by
    record_who(report, by)
    bump_version(report)
    report.save()
    return report


@transaction.atomic
def report_return(*, report: DepartmentReport, comment: str, by=None) -> DepartmentReport:
    if not comment.strip():
        raise ValidationError({"comment": _("Say what the department should change.")})
    report = _review(report, ReportStatus.RETURNED, comment, by)
    # Back to editing: the next submit takes a new snapshot.
    report.project_rows.update(snapshot=None)
    notifications.report_reviewed(report, Kind.RETURNED)
    return report


@transaction.atomic
def report_approve(*, report: DepartmentReport, comment: str = "", by=None) -> DepartmentReport:
    report = _review(report, ReportStatus.APPROVED, comment, by)
    _write_progress(report, by)
    notifications.report_reviewed(report, Kind.APPROVED)
    return report


def report_source_label(report: DepartmentReport) -> str:
    """The report as the source of a status in the action plan's history, in the
    municipality's language (it is stored as text: strategies cannot point at reports)."""
    with translation.override(report.round.municipality.default_language):
        return _("Department report %(year)s — %(department)s") % {
            "year": report.round.year,
            "department": report.department.name,
        }


def _write_progress(report: DepartmentReport, by) -> None:
    """Approval writes each reported status and note into the action plan (rows without a
    status are "not reported" and write nothing). Inside the approval's transaction: a
    refused write undoes the approval."""
    source = report_source_label(report)
    rows = report.progress_rows.exclude(status="").select_related("activity", "measure")
    for row in rows:
        progress_record(
            activity=row.activity,
            measure=row.measure,
            year=report.round.year,
            status=row.status,
            note=row.note,
            department=report.department,
            source=source,
            by=by,
        )


# --- e-mails and reminders --------------------------------------------------------------


_NOTIFICATION_KIND = {
    ReminderKind.OPENED: Kind.ROUND_OPENED,
    ReminderKind.DUE_SOON: Kind.DUE_SOON,
    ReminderKind.LATE: Kind.LATE,
}


def _send_reminder(round: ReportingRound, department: Department, kind: str) -> bool:
    """Tell a department's contacts of the round, at most once per kind (ReminderSent;
    each contact's notification is sent once too: reporting.notifications)."""
    try:
        with transaction.atomic():
            sent = ReminderSent.objects.create(round=round, department=department, kind=kind)
            made = notifications.department_reminded(round, department, _NOTIFICATION_KIND[kind])
            sent.recipients = ", ".join(n.recipient.email for n in made if n.recipient.email)
            sent.save(update_fields=["recipients"])
    except IntegrityError:
        return False  # already sent (a second run, or two workers at once)
    logger.info("reporting reminder %s sent for %s (%s)", kind, department, sent.recipients)
    return True


def round_notify_opened(*, round: ReportingRound) -> int:
    return sum(_send_reminder(round, d, ReminderKind.OPENED) for d in round.departments.all())


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Daily: "deadline in N days" and "late" reminders, each sent once per department."""
    today = today or timezone.localdate()
    count = 0
    rounds = (
        ReportingRound.objects.open().select_related("municipality").prefetch_related("departments")
    )
    for round in rounds:
        days_left = round.days_left(today)
        if days_left < 0:
            kind = ReminderKind.LATE
        elif days_left <= REMINDER_DAYS_BEFORE:
            kind = ReminderKind.DUE_SOON
        else:
            continue
        done = set(
            round.reports.exclude(status__in=EDITABLE_STATUSES).values_list(
                "department_id", flat=True
            )
        )
        for department in round.departments.all():
            if department.pk not in done:
                count += _send_reminder(round, department, kind)
                # A week of reminders without an answer: the coordinators hear of it.
                notifications.reminders_unanswered(round, department, now=timezone.now())
    return count


def _not_submitted(round: ReportingRound) -> list[Department]:
    done = set(
        round.reports.exclude(status__in=EDITABLE_STATUSES).values_list("department_id", flat=True)
    )
    return [d for d in round.departments.order_by("name") if d.pk not in done]


def departments_without_recipient(round: ReportingRound, departments=None) -> list[Department]:
    """Of the round's departments (or those given), the ones whose e-mail would reach
    nobody: no active contact person with an e-mail address."""
    from intlstrategy.people import departments_without_contact

    departments = list(round.departments.all() if departments is None else departments)
    missing = set(departments_without_contact(round.municipality).values_list("pk", flat=True))
    return [d for d in departments if d.pk in missing]


@dataclass
class Reminded:
    reminded: list = field(default_factory=list)  # departments whose contacts were told
    already: list = field(default_factory=list)  # reminded today already
    nobody: list = field(default_factory=list)  # no contact person to tell


def round_remind(
    *, round: ReportingRound, department: Department | None = None, by=None
) -> Reminded:
    """The coordinator's "remind now": the contacts of one late department, or of every
    department that has not submitted. At most once a day per department (a double
    click or a reload sends nothing more)."""
    if not round.is_open:
        raise ValidationError(_("The reporting round is closed; nobody can be reminded."))
    late = _not_submitted(round)
    if department is not None:
        if department.pk not in {d.pk for d in late}:
            raise ValidationError(
                _("%(department)s has already submitted its report.") % {"department": department}
            )
        late = [department]
    result = Reminded()
    nobody = {d.pk for d in departments_without_recipient(round, late)}
    today = timezone.localdate().isoformat()
    for target in late:
        if target.pk in nobody:
            result.nobody.append(target)
            continue
        with transaction.atomic():
            made = notifications.department_reminded(
                round, target, Kind.REMINDED, event=f":{today}"
            )
        (result.reminded if made else result.already).append(target)
    return result


# --- council follow-up -------------------------------------------------------------------


class FollowUpNotQueued(Exception):
    """The broker did not take the render. The document is marked failed, saying why, so
    that it can be retried; `message` tells the requester in their language."""

    def __init__(self, document: FollowUpDocument):
        self.document = document
        super().__init__(f"follow-up {document.pk} could not be queued")

    @property
    def message(self) -> str:
        return _(
            "The follow-up could not be queued: the service that makes the PDFs cannot be "
            "reached. Nothing you entered is lost. Try again in a few minutes with “Try again”."
        )


def _queue_render(document: FollowUpDocument) -> None:
    """Hand the render to a worker (intlstrategy.rendering.queue_render); when the broker
    cannot be reached the row is marked failed, saying why, and FollowUpNotQueued raised."""
    from .tasks import render_followup_task

    queued = queue_render(
        render_followup_task,
        document.pk,
        language=document.language,
        unreachable_reason=lambda: _(
            "The follow-up could not be queued (the service that makes the PDFs could "
            "not be reached). Try again in a few minutes."
        ),
        mark_failed=lambda pk, reason: followup_mark_failed(document_id=pk, reason=reason),
        logger=logger,
    )
    if not queued:
        document.refresh_from_db()
        raise FollowUpNotQueued(document)


def followup_request(
    *,
    municipality: Municipality,
    language: str,
    summary: str = "",
    year: int | None = None,
    term_start: int | None = None,
    by=None,
    is_demo: bool = False,
) -> FollowUpDocument:
    """Record the request and queue the render; the request never waits on WeasyPrint.
    Raises FollowUpNotQueued (the row kept, failed and retryable) when the broker is down."""
    with transaction.atomic():
        document = FollowUpDocument(
            municipality=municipality,
            year=year,
            term_start=term_start,
            language=language,
            summary=summary,
            created_by=by,
            is_demo=is_demo,
            queued_at=timezone.now(),
        )
        document.full_clean(exclude=["file"])
        document.save()
    _queue_render(document)
    return document


def followup_retry(*, document: FollowUpDocument) -> FollowUpDocument:
    """Queue a failed (or lost) generation again. Raises FollowUpNotQueued as the request."""
    if document.effective_status != FollowUpStatus.FAILED:
        raise ValidationError(_("Only a failed follow-up can be tried again."))
    with transaction.atomic():
        FollowUpDocument.objects.filter(pk=document.pk).update(
            status=FollowUpStatus.QUEUED,
            failure_reason="",
            queued_at=timezone.now(),
            started_at=None,
            finished_at=None,
        )
        # update() sends no signal; a new request is content (the page shows it queued).
        public_cache.invalidate_now_and_at_commit(municipalities={document.municipality.slug})
    _queue_render(document)
    document.refresh_from_db()
    return document


def followup_pdf(
    *, municipality: Municipality, years: list[int], language: str, summary: str = ""
) -> bytes:
    """Render the follow-up synchronously (the task, the command and the benchmark)."""
    from intlstrategy.pdf import render_to_pdf

    from .followup import followup_context

    with translation.override(language):
        context = followup_context(municipality=municipality, years=years, summary=summary)
    return render_to_pdf("reporting/pdf/followup.html", context, language=language)


def followup_files(
    *, municipality: Municipality, years: list[int], language: str, summary: str = ""
) -> tuple[bytes, bytes]:
    """The follow-up as PDF and as Word, set out from one gathering of the data."""
    from intlstrategy.pdf import render_to_pdf

    from .followup import followup_context
    from .followup_docx import followup_docx

    with translation.override(language):
        context = followup_context(municipality=municipality, years=years, summary=summary)
    pdf = render_to_pdf("reporting/pdf/followup.html", context, language=language)
    return pdf, followup_docx(context, language=language)


def followup_render(*, document_id: int) -> FollowUpDocument:
    """Render one generation into its file. Idempotent: a ready document is left alone."""
    with transaction.atomic():
        document = (
            FollowUpDocument.objects.select_for_update()
            .select_related("municipality")
            .get(pk=document_id)
        )
        if document.status == FollowUpStatus.READY:
            return document
        document.status = FollowUpStatus.RENDERING
        document.started_at = timezone.now()
        document.failure_reason = ""
        document.save(update_fields=["status", "started_at", "failure_reason"])
    try:
        pdf, word = followup_files(
            municipality=document.municipality,
            years=document.years,
            language=document.language,
            summary=document.summary,
        )
    except SoftTimeLimitExceeded:
        # Before the broad except below: the reason must be plain words, not the
        # exception's repr ("SoftTimeLimitExceeded: SoftTimeLimitExceeded()").
        logger.warning("follow-up %s stopped at the time limit", document.pk)
        followup_mark_too_slow(document_id=document.pk)
        document.refresh_from_db()
        return document
    except Exception as exc:  # the reason is shown to the coordinator, who may retry
        logger.exception("follow-up %s failed", document.pk)
        with translation.override(document.language):
            reason = _("The PDF could not be made: %(error)s") % {
                "error": f"{exc.__class__.__name__}: {exc}"[:500]
            }
        FollowUpDocument.objects.filter(pk=document.pk).update(
            status=FollowUpStatus.FAILED, failure_reason=reason, finished_at=timezone.now()
        )
        # No bump: a render's progress is bookkeeping (intlstrategy.public_cache).
        document.refresh_from_db()
        return document
    period = document.period_label.replace("–", "-")
    name = f"{document.municipality.slug}-{period}-{document.language}-{document.pk}.pdf"
    document.file.save(name, ContentFile(pdf), save=False)
    document.word_file.save(name.removesuffix(".pdf") + ".docx", ContentFile(word), save=False)
    document.status = FollowUpStatus.READY
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "word_file", "status", "finished_at"])
    notifications.followup_ready(document)
    return document


def followup_mark_too_slow(*, document_id: int) -> None:
    """The render reached the soft time limit (PDF_RENDER_TIME_LIMIT) and was stopped."""
    language = (
        FollowUpDocument.objects.filter(pk=document_id).values_list("language", flat=True).first()
    )
    with translation.override(language or settings.LANGUAGE_CODE):
        reason = _(
            "The follow-up took too long to create (more than %(seconds)s seconds) and was "
            "stopped. Shorten very long texts, or make it for one year instead of a term of "
            "office, and try again."
        ) % {"seconds": settings.PDF_RENDER_TIME_LIMIT}
    followup_mark_failed(document_id=document_id, reason=reason)


def followup_mark_failed(*, document_id: int, reason: str) -> None:
    FollowUpDocument.objects.filter(pk=document_id).exclude(status=FollowUpStatus.READY).update(
        status=FollowUpStatus.FAILED, failure_reason=reason, finished_at=timezone.now()
    )
    # No bump: a render's progress is bookkeeping (intlstrategy.public_cache).


def goal_areas_for(municipality: Municipality) -> list[GoalArea]:
    return list(GoalArea.objects.adopted_for(municipality))
