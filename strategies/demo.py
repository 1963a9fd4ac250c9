"""Demo content: the five seed strategies, plus a demo action plan and follow-ups.

Idempotent: a document is found by its owner and its title in the original language
(among demo documents that are the first of their line); every item by its number or
letter. A second run changes nothing.
"""

# ruff: noqa: E501 - demo texts are long paragraphs
from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from intlstrategy.models import Department, Municipality

from .demo_data import DOCUMENTS
from .models import (
    ActionPlan,
    ActionPlanActivity,
    CouncilAmendment,
    DocumentStatus,
    FollowUp,
    Goal,
    GoalArea,
    Indicator,
    IndicatorValue,
    Measure,
    Milestone,
    Responsibility,
    Strategy,
    StrategyDocument,
)


def _t(field: str, language: str, value: str) -> dict:
    return {f"{field}_{language}": value}


def _document(spec: dict) -> StrategyDocument:
    language = spec["language"]
    municipalities = list(Municipality.objects.filter(slug__in=spec["municipalities"]))
    first = next(m for m in municipalities if m.slug == spec["municipalities"][0])
    owner = (
        Department.objects.filter(municipality__in=municipalities, slug=spec["owner"]).first()
        if spec["owner"]
        else None
    )
    fields = {
        "kind": spec["kind"],
        "status": DocumentStatus.ADOPTED,
        "adopted_by": spec["adopted_by"],
        "adopted_on": spec["adopted_on"],
        "paragraph": spec["paragraph"],
        "case_number": spec["case_number"],
        "owner": owner,
        "replaces_note": spec["replaces_note"],
        "is_demo": True,
        **_t("title", language, spec["title"]),
    }
    for name in ("introduction", "purpose", "vision", "guidelines", "responsibilities"):
        fields.update(_t(name, language, spec.get(name, "")))
    for name in ("document_type", "adopting_body_name"):
        for code, text in spec.get(name, {}).items():
            fields.update(_t(name, code, text))
    for code, texts in spec.get("translations", {}).items():
        for name in ("title", "translation_note"):
            if name in texts:
                fields.update(_t(name, code, texts[name]))
    document = StrategyDocument.objects.filter(
        municipalities=first,
        is_demo=True,
        previous_version__isnull=True,
        **_t("title", language, spec["title"]),
    ).first()
    if document is None:
        document = StrategyDocument.objects.create(**fields)
        document.municipalities.set(municipalities)
    # An existing document is left as it is: the coordinator may have edited or adopted
    # it since. Only what is missing below it is added (_tree).
    return document


def _responsibility_rows(document: StrategyDocument, spec: dict) -> None:
    """Who does what, per body, as the document lists it. Added only to a document with
    no rows yet (a new one, or one loaded before the rows existed): rows a coordinator
    has edited, removed or added are left as they are."""
    rows = spec.get("responsibility_rows", [])
    if not rows or document.responsibility_rows.exists():
        return
    language = spec["language"]
    for order, (body, duties) in enumerate(rows, start=1):
        Responsibility.objects.get_or_create(
            document=document,
            order=order,
            defaults={**_t("body", language, body), **_t("duties", language, duties)},
        )


def _translated(spec: dict, part: str, key, field: str) -> dict:
    """The unofficial translations of one item, for its defaults (set only when created)."""
    fields = {}
    for code, texts in spec.get("translations", {}).items():
        if key in texts.get(part, {}):
            fields.update(_t(field, code, texts[part][key]))
    return fields


def _tree(document: StrategyDocument, spec: dict) -> None:
    language = spec["language"]
    areas = {}
    for number, title, description, goals in spec.get("goal_areas", []):
        area, _ = GoalArea.objects.get_or_create(
            document=document,
            number=number,
            defaults={
                **_t("title", language, title),
                **_t("description", language, description),
                **_translated(spec, "goal_areas", number, "title"),
            },
        )
        areas[number] = area
        for letter, text in goals:
            Goal.objects.get_or_create(
                goal_area=area,
                letter=letter,
                defaults={
                    **_t("text", language, text),
                    **_translated(spec, "goals", (number, letter), "text"),
                },
            )
    for number, text in enumerate(spec.get("orientations", []), start=1):
        title, _, rest = text.partition(". ")
        title = title if title.endswith(".") else title + "."
        areas[number], _ = GoalArea.objects.get_or_create(
            document=document,
            number=number,
            defaults={**_t("title", language, title), **_t("description", language, rest)},
        )
    for slug, (number, title, description) in spec.get("specific_parts", {}).items():
        areas[number], _ = GoalArea.objects.get_or_create(
            document=document,
            number=number,
            defaults={
                "municipality": Municipality.objects.get(slug=slug),
                **_t("title", language, title),
                **_t("description", language, description),
            },
        )
    for number, text, area_numbers, measures in spec.get("strategies", []):
        strategy, created = Strategy.objects.get_or_create(
            document=document,
            number=number,
            defaults={
                **_t("title", language, text),
                **_translated(spec, "strategies", number, "title"),
            },
        )
        if created:
            strategy.goal_areas.set([areas[n] for n in area_numbers])
        for letter, measure_text in measures:
            measure, created = Measure.objects.get_or_create(
                strategy=strategy, letter=letter, defaults=_t("text", language, measure_text)
            )
            if created:
                measure.goal_areas.set([areas[n] for n in area_numbers])
    for item, kind, target, text, proposed in spec.get("amendments", []):
        links = {"goal": None, "strategy": None, "measure": None, "part": ""}
        if target and target[0] == "strategy":
            links["strategy"] = Strategy.objects.get(document=document, number=target[1])
        elif target and target[0] == "measure":
            links["measure"] = Measure.objects.get(
                strategy__document=document, strategy__number=target[1], letter=target[2]
            )
        elif target and target[0] == "goal":
            links["goal"] = Goal.objects.get(
                goal_area__document=document, goal_area__number=target[1], letter=target[2]
            )
        elif target and target[0] == "part":
            links["part"] = target[1]
        CouncilAmendment.objects.get_or_create(
            document=document,
            item=item,
            defaults={
                "body": "council",
                "decided_on": spec["adopted_on"],
                "kind": kind,
                **links,
                **_t("text", language, text),
                **_t("proposed_text", language, proposed),
            },
        )


# --- A plausible action plan, marked as demo ------------------------------------------

_PLANS = {
    "trondheim": {
        "title": {
            "nb": "Handlingsplan for internasjonalt arbeid",
            "en": "Action plan for international work",
        },
        "currency": "NOK",
        "activities": [
            (
                1,
                "Etablere internasjonalt forum",
                "kultur-naering",
                (2021, 2, 1),
                (2022, 6, 30),
                "Forumet er etablert med NTNU, Innovasjon Norge, Trøndelags Europakontor og konsulene, og møtes to ganger i året.",
                Decimal("250000"),
                [(1, "f"), (4, "e")],
                [
                    ("Første forummøte", (2021, 9, 15), True),
                    ("Mandat vedtatt i formannskapet", (2022, 3, 1), True),
                ],
            ),
            (
                2,
                "Gradere vennskapsbyene i fire kategorier",
                "kommunedirektorens-stab",
                (2021, 1, 1),
                (2021, 12, 31),
                "Hver vennskapsby har en kategori, en begrunnelse og en finansieringsplan.",
                Decimal("80000"),
                [(2, "c")],
                [("Sak om vennskapsbyer til bystyret", (2021, 11, 25), True)],
            ),
            (
                3,
                "Kartlegge ekstern finansiering",
                "kommunedirektorens-stab",
                (2022, 1, 1),
                (2025, 12, 31),
                "Minst fem nye søknader til EU-programmer og Nordisk ministerråd i planperioden.",
                Decimal("400000"),
                [(3, "e")],
                [
                    ("Kartlegging publisert", (2022, 6, 1), True),
                    ("Søknadsverksted med Trøndelags Europakontor", (2024, 3, 1), True),
                    ("Evaluering av søknadsstøtten", (2025, 11, 1), False),
                ],
            ),
            (
                4,
                "Digital internasjonal informasjonsstrategi",
                "kommunedirektorens-stab",
                (2023, 1, 1),
                (2025, 6, 30),
                "Vesentlig kommunal informasjon finnes på minst to språk i tillegg til norsk.",
                Decimal("150000"),
                [(4, "b"), (3, "c")],
                [
                    ("Engelske nettsider for tilflyttere", (2024, 9, 1), True),
                    ("Ukrainsk og arabisk versjon", (2025, 6, 30), False),
                ],
            ),
        ],
        "indicators": [
            (
                1,
                "Søknader om EU-midler og andre internasjonale midler",
                "søknader",
                "higher",
                2,
                2021,
                8,
                2025,
                [(2021, 2), (2022, 3), (2023, 5), (2024, 6), (2025, 7)],
            ),
            (
                2,
                "Elever i internasjonale utvekslingsprogrammer",
                "elever",
                "higher",
                120,
                2021,
                400,
                2025,
                [(2021, 120), (2022, 150), (2023, 170), (2024, 190), (2025, 210)],
            ),
            (
                3,
                "Andel vesentlig kommunal informasjon på minst to språk",
                "%",
                "higher",
                20,
                2021,
                80,
                2025,
                [(2021, 20), (2022, 30), (2023, 45), (2024, 55), (2025, 60)],
            ),
        ],
        "follow_up": (
            (2021, 6, 15),
            "PS 0112/21",
            "Formannskapet fikk en orientering om oppfølgingen av internasjonal strategi: internasjonalt forum er under etablering, og sak om vennskapsbyer legges fram for bystyret i høst.",
            "Formannskapet tar orienteringen til etterretning.",
        ),
    },
    "vaxjo": {
        "title": {
            "sv": "Handlingsplan för internationellt arbete",
            "en": "Action plan for international work",
        },
        "currency": "SEK",
        "activities": [
            (
                1,
                "Projektstöd för EU-ansökningar",
                "planeringskontoret",
                (2021, 1, 1),
                (2025, 12, 31),
                "Varje förvaltning har prövat minst en ansökan om internationell delfinansiering.",
                Decimal("600000"),
                [],
                [
                    ("Ansökningsverkstad för förvaltningarna", (2022, 3, 15), True),
                    ("Uppföljning i årsrapporterna", (2025, 2, 28), False),
                ],
            ),
            (
                2,
                "Kompetensutveckling för kontaktpersoner",
                "kommunledning",
                (2022, 1, 1),
                (2024, 12, 31),
                "Alla förvaltningars kontaktpersoner har gått kursen om EU:s fonder och program.",
                Decimal("120000"),
                [],
                [("Kurs 1", (2022, 10, 4), True), ("Kurs 2", (2023, 10, 3), True)],
            ),
            (
                3,
                "Klimatkompenserade flygresor",
                "kommunledning",
                (2021, 1, 1),
                (2025, 12, 31),
                "Alla flygresor i tjänsten klimatkompenseras enligt resepolicyn.",
                None,
                [],
                [],
            ),
        ],
        "indicators": [
            (
                1,
                "Beviljade internationellt finansierade projekt",
                "projekt",
                "higher",
                4,
                2021,
                12,
                2025,
                [(2021, 4), (2022, 5), (2023, 5), (2024, 6), (2025, 6)],
            ),
            (
                2,
                "Andel klimatkompenserade flygresor",
                "%",
                "higher",
                70,
                2021,
                100,
                2025,
                [(2021, 70), (2022, 82), (2023, 90), (2024, 95), (2025, 98)],
            ),
            (
                3,
                "Flygresor i tjänsten",
                "resor",
                "lower",
                180,
                2021,
                90,
                2025,
                [(2021, 180), (2022, 160), (2023, 150), (2024, 145), (2025, 140)],
            ),
        ],
        "follow_up": (
            (2024, 11, 12),
            "§ 412",
            "Kommunstyrelsen följde upp den internationella strategin för mandatperioden 2022–2026. Förvaltningarna och bolagen rapporterar sitt internationella arbete i årsrapporterna; antalet EU-projekt har ökat.",
            "Kommunstyrelsen godkänner uppföljningen. Strategin behöver inte revideras under mandatperioden.",
        ),
    },
}


# Gävle: "Årliga handlingsplaner är instrument för att genom internationellt arbete uppnå
# de kommunövergripande målen" and "Internationella kontoret rapporterar till
# Kommunstyrelsen" (the seed's section 7): one annual plan, and the office's yearly
# summary reported to the executive board.
_PLANS["gavle"] = {
    "years": (2026, 2026),
    "title": {
        "sv": "Årlig handlingsplan för internationellt arbete 2026",
        "en": "Annual action plan for international work 2026",
    },
    "currency": "SEK",
    "activities": [
        (
            1,
            "Internt internationellt nätverk av kontaktpersoner",
            "internationella-kontoret",
            (2026, 1, 1),
            (2026, 12, 31),
            "Nätverket av förvaltningarnas och bolagens kontaktpersoner träffas fyra gånger under året.",
            Decimal("60000"),
            [],
            [
                ("Första nätverksträffen", (2026, 2, 10), True),
                ("Utbildning om EU:s program för nätverket", (2026, 9, 15), False),
            ],
        ),
        (
            2,
            "Projektstöd till förvaltningar och bolag",
            "internationella-kontoret",
            (2026, 1, 1),
            (2026, 12, 31),
            "Minst tre ansökningar om extern finansiering inom de tre prioriterade områdena.",
            Decimal("300000"),
            [],
            [("Ansökningsverkstad med Gävle Hamn AB", (2026, 4, 20), True)],
        ),
        (
            3,
            "Omvärldsbevakning för tillväxtbranscherna",
            "internationella-kontoret",
            (2026, 1, 1),
            (2026, 12, 31),
            "Kvartalsvis omvärldsbevakning om EU-politik och finansiering sprids till förvaltningarna.",
            None,
            [],
            [],
        ),
    ],
    "indicators": [
        (
            1,
            "Ansökningar om extern finansiering",
            "ansökningar",
            "higher",
            1,
            2025,
            3,
            2026,
            [(2025, 1)],
        ),
    ],
    "follow_up": (
        (2026, 3, 24),
        "§ 58",
        "Internationella kontoret redovisade den årliga sammanställningen av förvaltningarnas och bolagens internationella arbete 2025 för kommunstyrelsen.",
        "Kommunstyrelsen godkänner sammanställningen och handlingsplanen för 2026.",
    ),
}


def _date(parts):
    return datetime.date(*parts) if parts else None


def _plan(document: StrategyDocument, municipality: Municipality, spec: dict) -> None:
    language = municipality.default_language
    start_year, end_year = spec.get("years", (2021, 2025))
    plan, _ = ActionPlan.objects.get_or_create(
        document=document,
        start_year=start_year,
        defaults={
            "end_year": end_year,
            "is_demo": True,
            **{f"title_{code}": text for code, text in spec["title"].items()},
        },
    )
    departments = {d.slug: d for d in Department.objects.filter(municipality=municipality)}
    for number, title, department, start, end, target, amount, measures, milestones in spec[
        "activities"
    ]:
        activity, created = ActionPlanActivity.objects.get_or_create(
            action_plan=plan,
            number=number,
            defaults={
                **_t("title", language, title),
                **_t("result_target", language, target),
                "responsible_department": departments.get(department),
                "starts_on": _date(start),
                "ends_on": _date(end),
                "resources_amount": amount,
                "resources_currency": spec["currency"] if amount is not None else "",
            },
        )
        if created:
            activity.measures.set(
                [
                    m
                    for m in Measure.objects.filter(strategy__document=document).select_related(
                        "strategy"
                    )
                    if (m.strategy.number, m.letter) in measures
                ]
            )
        for milestone_title, due, done in milestones:
            Milestone.objects.get_or_create(
                activity=activity,
                due_on=_date(due),
                defaults={**_t("title", language, milestone_title), "done": done},
            )
    for number, name, unit, direction, baseline, base_year, target, target_year, values in spec[
        "indicators"
    ]:
        indicator, _ = Indicator.objects.get_or_create(
            action_plan=plan,
            number=number,
            defaults={
                **_t("name", language, name),
                "unit": unit,
                "direction": direction,
                "baseline": baseline,
                "baseline_year": base_year,
                "target": target,
                "target_year": target_year,
            },
        )
        for year, value in values:
            IndicatorValue.objects.get_or_create(
                indicator=indicator, year=year, defaults={"value": value}
            )
    _linked_indicator(plan, municipality)
    day, paragraph, summary, decision = spec["follow_up"]
    FollowUp.objects.get_or_create(
        document=document,
        followed_up_on=_date(day),
        defaults={
            "paragraph": paragraph,
            "is_demo": True,
            "body": spec.get("follow_up_body", "executive_board"),
            **_t("summary", language, summary),
            **_t("decision", language, decision),
        },
    )


# One indicator per plan that takes its values from the national statistics: Växjö's
# population goal (Kolada N01951) and Trondheim's population (SSB table 11342). The
# values come from the recorded answers (strategies/sources/recordings, composed from
# the APIs' documentation), replayed whatever the settings say: the demo never calls out.
_LINKED = {
    "vaxjo": {
        "name": "Invånare i kommunen",
        "unit": "invånare",
        "baseline": 94859,
        "baseline_year": 2019,
        "target": 100000,
        "target_year": 2025,
        "source": "kolada",
        "source_id": "N01951",
        "variable": "",
    },
    "trondheim": {
        "name": "Folkemengde i kommunen",
        "unit": "personer",
        "baseline": 205163,
        "baseline_year": 2020,
        "target": 215000,
        "target_year": 2025,
        "source": "ssb",
        "source_id": "11342",
        "variable": "Folkemengde",
    },
}


def _linked_indicator(plan: ActionPlan, municipality: Municipality) -> None:
    from django.conf import settings
    from django.test.utils import override_settings

    from . import services

    spec = _LINKED.get(municipality.slug)
    if spec is None or not municipality.statistics_code:
        return
    indicator = plan.indicators.filter(number=4).first()
    replay = str(settings.BASE_DIR / "strategies" / "sources" / "recordings")
    with override_settings(INDICATOR_SOURCES_REPLAY_DIR=replay):
        if indicator is None:
            indicator = Indicator.objects.create(
                action_plan=plan,
                number=4,
                **_t("name", municipality.default_language, spec["name"]),
                unit=spec["unit"],
                direction="higher",
                baseline=spec["baseline"],
                baseline_year=spec["baseline_year"],
                target=spec["target"],
                target_year=spec["target_year"],
            )
            services.indicator_link_source(
                indicator=indicator,
                municipality=municipality,
                source=spec["source"],
                source_id=spec["source_id"],
                variable=spec["variable"],
                by=None,
            )
        # Only while still linked: a coordinator who unlinked it keeps it unlinked, and
        # values typed by hand are never overwritten (the refresh keeps them).
        if indicator.source:
            services.refresh_indicators([indicator.pk])


@transaction.atomic
def load(stdout=None) -> None:
    for spec in DOCUMENTS:
        document = _document(spec)
        _tree(document, spec)
        _responsibility_rows(document, spec)
        slug = spec["municipalities"][0]
        if slug in _PLANS:
            current = (
                StrategyDocument.objects.for_municipality(document.municipalities.first())
                .adopted()
                .filter(pk=document.pk)
                .first()
            )
            if current is not None:
                _plan(current, Municipality.objects.get(slug=slug), _PLANS[slug])
        if stdout:
            stdout.write(f"  strategy: {spec['title'][:60]}")
