"""Demo reporting: a completed 2025 round (approved reports) in Trondheim, Växjö and Gävle
with its council follow-up PDF requested in the municipality's language, and an open 2026
round with reports in every state (not started, draft, submitted, returned, approved).

Idempotent: keyed on municipality × year, round × department, and titles within a report.
Builds on whatever demo projects, twin towns and goal areas the other apps have loaded.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from intlstrategy.models import Department, Membership, Municipality
from partners.models import Relation
from strategies.models import GoalArea, ProgressRecord, ProgressStatus
from strategies.services import progress_record

from .models import (
    ActivityKind,
    DepartmentReport,
    FollowUpDocument,
    ReportActivity,
    ReportingRound,
    ReportResult,
    ReportStatus,
    RoundStatus,
    TravelMode,
    Trip,
    estimate_co2_kg,
    project_snapshot,
)
from .services import (
    FollowUpNotQueued,
    _sync_progress,
    _sync_projects,
    followup_request,
    report_source_label,
)

TEXTS = {
    "sv": {
        "instructions": "Rapportera förvaltningens internationella arbete under året: pågående "
        "och avslutade EU-projekt, andra internationella projekt och inlämnade ansökningar, annat "
        "internationellt arbete samt vilka resultat arbetet har gett. Flygresor ska "
        "klimatkompenseras enligt resepolicyn.",
        "activities": [
            (
                ActivityKind.STUDY_VISIT_RECEIVED,
                3,
                "Studiebesök från vänorten om hållbar stadsplanering",
                12,
                "Vänortens stadsbyggnadskontor",
            ),
            (
                ActivityKind.NETWORK_MEETING,
                5,
                "Nätverksmöte i Union of Baltic Cities",
                2,
                "Union of Baltic Cities",
            ),
            (
                ActivityKind.CONFERENCE,
                9,
                "Konferensen EU Green Week i Bryssel",
                3,
                "Europeiska kommissionen",
            ),
            (
                ActivityKind.EXCHANGE,
                10,
                "Personalutbyte med partnerkommun inom Erasmus+",
                4,
                "Stadt Kiel",
            ),
        ],
        "result": "Arbetet har gett nya kontakter och kunskap som används i verksamheten. "
        "Två projektidéer har tagits fram tillsammans med partner i nätverket.",
        "comment": "Projektet löper enligt plan; delrapport lämnad till programmet.",
        "progress": {
            ProgressStatus.ON_TRACK: "Arbetet följer planen; nästa steg är bokat med partnern.",
            ProgressStatus.DELAYED: "Försenat: partnerns medfinansiering kom senare än väntat.",
            ProgressStatus.DONE: "Genomfört och redovisat till nämnden.",
            ProgressStatus.NOT_STARTED: "Planeras att starta efter sommaren.",
        },
        "returned": "Tack! Komplettera gärna med vilka resultat studiebesöket gav för "
        "verksamheten, och ange om flygresan klimatkompenserades.",
        "summary": "Förvaltningarna och bolagen har rapporterat sitt internationella arbete "
        "under året. Antalet EU-projekt har ökat och alla flygresor utom en har "
        "klimatkompenserats. (Demosammanfattning.)",
        "trips": [
            ("Bryssel, EU Green Week", TravelMode.FLIGHT, 2600, True),
            ("Riga, UBC:s kommission", TravelMode.BOAT, 900, False),
            ("Köpenhamn, projektmöte", TravelMode.TRAIN, 600, False),
        ],
    },
    "nb": {
        "instructions": "Rapporter virksomhetens internasjonale arbeid i året: pågående og "
        "avsluttede EU-prosjekter, andre internasjonale prosjekter og innsendte søknader, annet "
        "internasjonalt arbeid og hvilke resultater arbeidet har gitt.",
        "activities": [
            (
                ActivityKind.STUDY_VISIT_RECEIVED,
                4,
                "Studiebesøk fra vennskapsbyen om velferdsteknologi",
                9,
                "Vennskapsbyens helseetat",
            ),
            (ActivityKind.NETWORK_MEETING, 6, "Nettverksmøte i Eurocities", 2, "Eurocities"),
            (
                ActivityKind.DELEGATION,
                9,
                "Delegasjon til vennskapsbyen",
                6,
                "Vennskapsbyens bystyre",
            ),
            (
                ActivityKind.CONFERENCE,
                11,
                "Konferanse om EUs byagenda i Brussel",
                2,
                "Midt-Norges Europakontor",
            ),
        ],
        "result": "Arbeidet har gitt faglig påfyll, nye samarbeidspartnere og grunnlag for en ny "
        "søknad til et EU-program.",
        "comment": "Prosjektet går etter planen; framdriftsrapport er levert.",
        "progress": {
            ProgressStatus.ON_TRACK: "Arbeidet følger planen; neste steg er avtalt med partneren.",
            ProgressStatus.DELAYED: "Forsinket: partnerens medfinansiering kom senere enn ventet.",
            ProgressStatus.DONE: "Gjennomført og rapportert til utvalget.",
            ProgressStatus.NOT_STARTED: "Planlagt oppstart etter sommeren.",
        },
        "returned": "Takk! Skriv gjerne litt mer om hvilke resultater studiebesøket ga for "
        "virksomheten, og om flyreisen ble klimakompensert.",
        "summary": "Virksomhetene har rapportert sitt internasjonale arbeid i året. Antallet "
        "søknader om EU-midler har økt, og samarbeidet med vennskapsbyene er videreført. "
        "(Demosammendrag.)",
        "trips": [
            ("Brussel, Eurocities", TravelMode.FLIGHT, 3400, True),
            ("Göteborg, prosjektmøte", TravelMode.TRAIN, 1600, False),
            ("Vennskapsbyen, delegasjon", TravelMode.FLIGHT, 2200, False),
        ],
    },
}


def _language(municipality: Municipality) -> str:
    return "nb" if municipality.default_language == "nb" else "sv"


# The open round shows every state a report can be in; the departments after these
# have not started (no report yet).
_OPEN_STATES = [
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.RETURNED,
    ReportStatus.APPROVED,
]


def load(stdout=None, pdfs: bool = True) -> None:
    closed = _load_rounds(stdout)
    if pdfs:
        # After the rounds are committed: the render (a worker, or eager in tests) reads them.
        for round in closed:
            _followup(round)


@transaction.atomic
def _load_rounds(stdout=None) -> list[ReportingRound]:
    closed = []
    for slug in ("trondheim", "vaxjo", "gavle"):
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            continue
        departments = list(Department.objects.for_municipality(municipality).order_by("slug"))
        if not departments:
            continue
        texts = TEXTS[_language(municipality)]
        goal_areas = list(GoalArea.objects.adopted_for(municipality))
        relation = Relation.objects.for_municipality(municipality).order_by("pk").first()
        done = _round(
            municipality, 2025, datetime.date(2026, 2, 28), RoundStatus.CLOSED, departments, texts
        )
        for index, department in enumerate(departments):
            _report(done, department, ReportStatus.APPROVED, texts, goal_areas, relation, index)
        closed.append(done)
        current = _round(
            municipality, 2026, datetime.date(2027, 2, 26), RoundStatus.OPEN, departments, texts
        )
        # The demo contact persons find a draft (contact) and a submitted report
        # (contact2); the next departments a returned and an approved one; the rest have
        # not started.
        first, second = (
            _demo_contact_department(municipality, "contact"),
            _demo_contact_department(municipality, "contact2"),
        )
        order = [first or departments[0]]
        if second is not None and second not in order:
            order.append(second)
        order += [d for d in departments if d not in order]
        for index, (department, status) in enumerate(zip(order, _OPEN_STATES, strict=False)):
            _report(current, department, status, texts, goal_areas, relation, index)
        if stdout:
            stdout.write(f"  reporting: {slug} rounds 2025 (approved) and 2026 (open)")
    return closed


def _followup(round: ReportingRound) -> FollowUpDocument | None:
    """The council follow-up of a closed round, in the municipality's language: requested
    once (through the service, so a worker renders it) when the year has none yet."""
    municipality = round.municipality
    if FollowUpDocument.objects.filter(municipality=municipality, year=round.year).exists():
        return None
    language = _language(municipality)
    try:
        return followup_request(
            municipality=municipality,
            language=language,
            year=round.year,
            summary=TEXTS[language]["summary"],
            is_demo=True,
        )
    except FollowUpNotQueued as exc:  # kept as failed: the coordinator can retry it
        return exc.document


def _demo_dates(round, index) -> tuple[datetime.datetime, datetime.datetime]:
    """Plausible, repeatable dates: a closed round's reports came in during the weeks
    before its deadline and were approved soon after; an open round's just now."""
    if round.status != RoundStatus.CLOSED:
        now = timezone.now().replace(microsecond=0)
        return now - datetime.timedelta(days=2), now
    at_two = datetime.time(14, 0, tzinfo=timezone.get_current_timezone())
    submitted = datetime.datetime.combine(
        round.deadline - datetime.timedelta(days=3 + index % 20), at_two
    )
    return submitted, submitted + datetime.timedelta(days=6 + index % 5)


def _demo_contact_department(municipality, suffix):
    membership = (
        Membership.objects.filter(
            municipality=municipality, user__username=f"{municipality.slug}-{suffix}"
        )
        .prefetch_related("departments")
        .first()
    )
    return next(iter(membership.departments.all()), None) if membership else None


def _round(municipality, year, deadline, status, departments, texts) -> ReportingRound:
    language = _language(municipality)
    round, created = ReportingRound.objects.get_or_create(
        municipality=municipality,
        year=year,
        defaults={
            "deadline": deadline,
            "status": status,
            "is_demo": True,
            f"instructions_{language}": texts["instructions"],
        },
    )
    if created:  # a round already there keeps its departments, status and instructions
        round.departments.set(departments)
    return round


def _report(round, department, status, texts, goal_areas, relation, index) -> DepartmentReport:
    report, created = DepartmentReport.objects.get_or_create(
        round=round, department=department, defaults={"is_demo": True}
    )
    if not created:
        # Loaded before: what the department wrote or submitted since stays; progress
        # rows only come to a report that never had any (a database from before them).
        _demo_progress(report, report.status, texts, index)
        return report  # loaded before: what the department wrote or submitted since stays
    _sync_projects(report)
    for row in report.project_rows.select_related("project__programme__funder"):
        if not row.comment:
            row.comment = texts["comment"]
        if status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED) and row.project:
            row.snapshot = project_snapshot(row.project)
        row.save()
    # A different, growing share of the activities and trips per department, so the
    # figures of the follow-up differ between departments.
    activities = texts["activities"][: 1 + (index % len(texts["activities"]))]
    for offset, (kind, month, title, participants, partner) in enumerate(activities):
        kind_here = kind
        chosen_relation = None
        if relation is not None and kind in (
            ActivityKind.STUDY_VISIT_RECEIVED,
            ActivityKind.DELEGATION,
        ):
            kind_here, chosen_relation = ActivityKind.TWIN_TOWN, relation
        ReportActivity.objects.get_or_create(
            report=report,
            title=title,
            defaults={
                "kind": kind_here,
                "relation": chosen_relation,
                "date": datetime.date(round.year, month, 10 + offset),
                "partner": partner,
                "participants": participants + index,
                "goal_area": goal_areas[(index + offset) % len(goal_areas)] if goal_areas else None,
            },
        )
    for area in goal_areas[: 1 + index % max(len(goal_areas), 1)] or [None]:
        ReportResult.objects.get_or_create(
            report=report, goal_area=area, defaults={"text": texts["result"]}
        )
    for destination, mode, km, compensated in texts["trips"][: 1 + index % len(texts["trips"])]:
        distance = Decimal(km)
        Trip.objects.get_or_create(
            report=report,
            destination=destination,
            defaults={
                "mode": mode,
                "distance_km": distance,
                "travellers": 1,
                "co2_kg": estimate_co2_kg(mode, distance),
                "compensated": compensated,
            },
        )
    fields = {"status": status, "is_demo": True}
    submitted, reviewed = _demo_dates(round, index)
    if status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.RETURNED):
        fields.update({"submitted_at": submitted})
    if status in (ReportStatus.APPROVED, ReportStatus.RETURNED):
        fields.update({"reviewed_at": reviewed})
    if status == ReportStatus.RETURNED:
        fields.update({"review_comment": texts["returned"]})
        report.project_rows.update(snapshot=None)  # back to editing, as report_return does
    DepartmentReport.objects.filter(pk=report.pk).update(**fields)
    _demo_progress(report, status, texts, index)
    return report


# Växjö's and Trondheim's reports give a status on a few of their activities and
# measures; the rest stay "not reported", as in a real first year.
_PROGRESS_MUNICIPALITIES = ("vaxjo", "trondheim")
_PROGRESS_CYCLE = [
    ProgressStatus.ON_TRACK,
    ProgressStatus.DELAYED,
    ProgressStatus.DONE,
    ProgressStatus.NOT_STARTED,
]
_PROGRESS_ROWS = 2


def _demo_progress(report, status, texts, index) -> None:
    """Statuses on a few rows of a report that has no progress rows yet; an approved
    report writes them into the action plan as approval does, unless the plan already
    has a status for that item and year (someone's own, or an earlier load's)."""
    if report.round.municipality.slug not in _PROGRESS_MUNICIPALITIES:
        return
    if report.progress_rows.exists():
        return
    _sync_progress(report)
    rows = list(report.progress_rows.select_related("activity", "measure").order_by("pk"))
    reported = []
    for offset, row in enumerate(rows[:_PROGRESS_ROWS]):
        row.status = _PROGRESS_CYCLE[(index + offset + report.round.year) % len(_PROGRESS_CYCLE)]
        row.note = texts["progress"][row.status]
        row.save(update_fields=["status", "note"])
        reported.append(row)
    if status != ReportStatus.APPROVED:
        return
    source = report_source_label(report)
    for row in reported:
        key = {"activity": row.activity} if row.activity_id else {"measure": row.measure}
        if ProgressRecord.objects.filter(year=report.round.year, **key).exists():
            continue
        progress_record(
            **key,
            year=report.round.year,
            status=row.status,
            note=row.note,
            department=report.department,
            source=source,
            by=None,
        )
