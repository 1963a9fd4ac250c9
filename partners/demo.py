"""Demo partners: twin towns, networks, consulates and the international forum.

The seed strategies name networks (Regionförbundet Östsam, East Sweden EU-kontoret, SKL),
Trondheim's international forum (NTNU, Innovasjon Norge, Trøndelags Europakontor,
Midt-Norsk handelskammer, Trøndelag fylkeskommune) and count 22 consulates in
Trondheim, but name no twin towns. Everything else here is plausible invented example
data, marked `is_demo=True` and shown with a "demo" badge: the relations, their
categories, histories, evaluations, financing, activities, fees and people.

Idempotent: keyed on natural keys (municipality + city, organisation name, …).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from intlstrategy.models import Department, Municipality
from strategies.models import GoalArea

from .models import (
    Category,
    CategoryChange,
    Consulate,
    DecidingBody,
    Direction,
    Evaluation,
    FinancingLine,
    ForumParticipant,
    NetworkMembership,
    Organisation,
    OrganisationKind,
    PersonKind,
    Recommendation,
    Relation,
    RelationActivity,
    RelationKind,
    Representation,
)

PA, PF, SO, DO = (
    Category.PROJECT_AGREEMENT,
    Category.POLITICAL_FOCUS,
    Category.SOLIDARITY,
    Category.DORMANT,
)

# municipality: [(city {lang: name}, country, lat, lng, kind, established, history, two_way)]
# history: [(year, category, reason)] from the first grading to the current category.
RELATIONS = {
    "trondheim": [
        (
            {"nb": "Erfurt", "sv": "Erfurt", "en": "Erfurt"},
            "DE",
            50.97870,
            11.03280,
            RelationKind.TWIN_TOWN,
            1991,
            [
                (2011, PF, "Kategorisert etter strategi 2c."),
                (2018, PA, "Samarbeidet bygger nå på en prosjektavtale om bymobilitet."),
            ],
            True,
        ),
        (
            {"nb": "Darkhan", "sv": "Darchan", "en": "Darkhan"},
            "MN",
            49.48670,
            105.92280,
            RelationKind.FRIENDSHIP_CITY,
            1997,
            [(2011, SO, "Aktiviteten drives av en lokal forening; gjensidigheten skal ivaretas.")],
            True,
        ),
        (
            {"nb": "Vologda", "sv": "Vologda", "en": "Vologda"},
            "RU",
            59.22390,
            39.88430,
            RelationKind.TWIN_TOWN,
            1989,
            [
                (2011, PF, "Kategorisert etter strategi 2c."),
                (2022, DO, "Det offisielle samarbeidet er stilt i bero; kontakten opprettholdes."),
            ],
            True,
        ),
        (
            {"nb": "Kiel", "sv": "Kiel", "en": "Kiel"},
            "DE",
            54.32330,
            10.12280,
            RelationKind.COOPERATION_AGREEMENT,
            2012,
            [(2012, PF, "Maritimt samarbeid og havnesamarbeid er en politisk satsing.")],
            True,
        ),
    ],
    "vaxjo": [
        (
            {"sv": "Kaunas", "nb": "Kaunas", "en": "Kaunas"},
            "LT",
            54.89850,
            23.90360,
            RelationKind.TWIN_TOWN,
            1991,
            [
                (2013, PF, "Politiskt fokus enligt den nya strategin."),
                (2019, PA, "Gemensamt Interregprojekt om energieffektivisering i skolor."),
            ],
            True,
        ),
        (
            {"sv": "Duluth", "nb": "Duluth", "en": "Duluth"},
            "US",
            46.78670,
            -92.10050,
            RelationKind.TWIN_TOWN,
            1987,
            [(2013, PF, "Emigrantarvet och klimatarbetet är ett politiskt fokus.")],
            True,
        ),
        (
            {"sv": "Iringa", "nb": "Iringa", "en": "Iringa"},
            "TZ",
            -7.77000,
            35.69300,
            RelationKind.FRIENDSHIP_CITY,
            2005,
            [(2013, SO, "Skolsamarbete som drivs av föreningar.")],
            False,
        ),
        (
            {"sv": "Hamar", "nb": "Hamar", "en": "Hamar"},
            "NO",
            60.79450,
            11.06800,
            RelationKind.TWIN_TOWN,
            1948,
            [(2013, PF, "Nordisk vänort."), (2020, DO, "Ingen gemensam aktivitet prioriteras.")],
            True,
        ),
    ],
    "linkoping": [
        (
            {"sv": "Tartu", "nb": "Tartu", "en": "Tartu"},
            "EE",
            58.37800,
            26.72900,
            RelationKind.COOPERATION_AGREEMENT,
            1996,
            [(2011, PA, "Samarbetsavtal mellan universitetsstäderna.")],
            True,
        ),
        (
            {"sv": "Kaiserslautern", "nb": "Kaiserslautern", "en": "Kaiserslautern"},
            "DE",
            49.44470,
            7.76900,
            RelationKind.TWIN_TOWN,
            1988,
            [
                (2011, PA, "Projekt om digitala tjänster."),
                (2016, PF, "Politiskt utbyte om den fjärde storstadsregionen."),
            ],
            True,
        ),
        (
            {"sv": "Oshakati", "nb": "Oshakati", "en": "Oshakati"},
            "NA",
            -17.78830,
            15.70440,
            RelationKind.FRIENDSHIP_CITY,
            2002,
            [(2011, SO, "Utbyte om lokal demokrati med stöd av föreningar.")],
            True,
        ),
        (
            {"sv": "Kuopio", "nb": "Kuopio", "en": "Kuopio"},
            "FI",
            62.89240,
            27.67700,
            RelationKind.TWIN_TOWN,
            1947,
            [(2011, DO, "Behålls som nordisk kontakt utan aktiva projekt.")],
            True,
        ),
    ],
    "norrkoping": [
        (
            {"sv": "Tammerfors", "nb": "Tampere", "en": "Tampere"},
            "FI",
            61.49780,
            23.76100,
            RelationKind.TWIN_TOWN,
            1946,
            [(2011, PA, "Projekt om textilarv och förnyelse av industristaden.")],
            True,
        ),
        (
            {"sv": "Klaipėda", "nb": "Klaipėda", "en": "Klaipėda"},
            "LT",
            55.70330,
            21.14430,
            RelationKind.COOPERATION_AGREEMENT,
            1993,
            [(2011, PF, "Hamn- och logistiksamarbete i Östersjöregionen.")],
            True,
        ),
        (
            {"sv": "Mwanza", "nb": "Mwanza", "en": "Mwanza"},
            "TZ",
            -2.51640,
            32.91750,
            RelationKind.FRIENDSHIP_CITY,
            2006,
            [(2011, SO, "Kommunalt partnerskap för lokal demokrati.")],
            False,
        ),
        (
            {"sv": "Kristiansand", "nb": "Kristiansand", "en": "Kristiansand"},
            "NO",
            58.14670,
            7.99560,
            RelationKind.TWIN_TOWN,
            1946,
            [(2011, PF, "Nordisk vänort."), (2017, DO, "Ingen pågående gemensam aktivitet.")],
            True,
        ),
    ],
    "orebro": [
        (
            {"sv": "Łódź", "nb": "Łódź", "en": "Łódź"},
            "PL",
            51.75920,
            19.45600,
            RelationKind.TWIN_TOWN,
            1994,
            [(2003, PA, "Projektavtal om yrkesutbildning.")],
            True,
        ),
        (
            {"sv": "Yangzhou", "nb": "Yangzhou", "en": "Yangzhou"},
            "CN",
            32.39420,
            119.41290,
            RelationKind.LETTER_OF_INTENT,
            2008,
            [(2008, PF, "Avsiktsförklaring om handel och utbildning.")],
            True,
        ),
        (
            {"sv": "Mbale", "nb": "Mbale", "en": "Mbale"},
            "UG",
            1.08270,
            34.17500,
            RelationKind.FRIENDSHIP_CITY,
            2004,
            [(2004, SO, "Hälso- och skolsamarbete som drivs av föreningar.")],
            True,
        ),
        (
            {"sv": "Drammen", "nb": "Drammen", "en": "Drammen"},
            "NO",
            59.74390,
            10.20450,
            RelationKind.TWIN_TOWN,
            1946,
            [
                (2003, PF, "Nordisk vänort."),
                (2015, DO, "Utvärdering: ingen prioriterad aktivitet."),
            ],
            True,
        ),
    ],
    "gavle": [
        (
            {"sv": "Gdynia", "nb": "Gdynia", "en": "Gdynia"},
            "PL",
            54.51890,
            18.53050,
            RelationKind.COOPERATION_AGREEMENT,
            1998,
            [(2015, PA, "Hamnsamarbetsprojekt med Gävle Hamn.")],
            True,
        ),
        (
            {"sv": "Pärnu", "nb": "Pärnu", "en": "Pärnu"},
            "EE",
            58.38590,
            24.49710,
            RelationKind.TWIN_TOWN,
            1991,
            [(2015, PF, "Beslutad av kommunfullmäktiges presidium som formell vänort.")],
            True,
        ),
        (
            {"sv": "Kpalimé", "nb": "Kpalimé", "en": "Kpalimé"},
            "TG",
            6.90000,
            0.63330,
            RelationKind.FRIENDSHIP_CITY,
            2009,
            [(2015, SO, "Kulturutbyte som drivs av en förening.")],
            True,
        ),
        (
            {"sv": "Raumo", "nb": "Rauma", "en": "Rauma"},
            "FI",
            61.12720,
            21.51130,
            RelationKind.TWIN_TOWN,
            1950,
            [(2015, DO, "Kontakten behålls; ingen prioriterad aktivitet.")],
            True,
        ),
    ],
}

# Organisations the seeds name, and well-known real networks.
ORGANISATIONS = {
    "Eurocities": (OrganisationKind.CITY_NETWORK, "BE", "https://eurocities.eu/"),
    "Union of the Baltic Cities": (OrganisationKind.CITY_NETWORK, "PL", "https://ubc.net/"),
    "Regionförbundet Östsam": (OrganisationKind.OTHER, "SE", ""),
    "East Sweden EU-kontoret": (OrganisationKind.EU_OFFICE, "BE", ""),
    "Sveriges Kommuner och Landsting (SKL)": (OrganisationKind.NATIONAL_BODY, "SE", ""),
    "Trøndelags Europakontor": (OrganisationKind.EU_OFFICE, "BE", ""),
    "KS – Kommunesektorens organisasjon": (
        OrganisationKind.NATIONAL_BODY,
        "NO",
        "https://www.ks.no/",
    ),
}

# municipality: [(organisation, since, fee, currency, value note)]  (fees: invented)
MEMBERSHIPS = {
    "linkoping": [
        (
            "Regionförbundet Östsam",
            2003,
            0,
            "SEK",
            "Samarbetet med Östsam har särskild prioritet (strategin, avsnitt 6).",
        ),
        ("East Sweden EU-kontoret", 2005, 180000, "SEK", "Bevakning och påverkan i Bryssel."),
        (
            "Sveriges Kommuner och Landsting (SKL)",
            1968,
            950000,
            "SEK",
            "Stödfunktion i bevakningsarbetet.",
        ),
        ("Eurocities", 2009, 15000, "EUR", "Profilering av fjärde storstadsregionen."),
    ],
    "norrkoping": [
        (
            "Regionförbundet Östsam",
            2003,
            0,
            "SEK",
            "Samarbetet med Östsam har särskild prioritet (strategin, avsnitt 6).",
        ),
        ("East Sweden EU-kontoret", 2005, 160000, "SEK", "Bevakning och påverkan i Bryssel."),
        (
            "Sveriges Kommuner och Landsting (SKL)",
            1968,
            820000,
            "SEK",
            "Stödfunktion i bevakningsarbetet.",
        ),
        (
            "Union of the Baltic Cities",
            1991,
            3500,
            "EUR",
            "Östersjösamarbete om hamn och logistik.",
        ),
    ],
    "vaxjo": [("Union of the Baltic Cities", 1991, 3000, "EUR", "Miljö- och klimatkommissionen.")],
    "gavle": [("Union of the Baltic Cities", 1992, 3000, "EUR", "Nätverk för omvärldsbevakning.")],
    "orebro": [
        ("Eurocities", 2005, 12000, "EUR", "Deltagande i internationella nätverk (inriktning 3).")
    ],
    "trondheim": [
        ("Eurocities", 2000, 16000, "EUR", "Byutvikling og kunnskapsdeling."),
        ("Trøndelags Europakontor", 2001, 450000, "NOK", "Regionens kontor i Brussel."),
        (
            "KS – Kommunesektorens organisasjon",
            1972,
            1200000,
            "NOK",
            "Nasjonal interesseorganisasjon.",
        ),
    ],
}

# Trondheim: the seed counts 22 consulates; a handful, invented, stands for them.
CONSULATES = [
    ("DE", "Consul A. Demo", "Munkegata 1, 7011 Trondheim"),
    ("FR", "Consul B. Demo", "Kongens gate 2, 7011 Trondheim"),
    ("GB", "Consul C. Demo", "Olav Tryggvasons gate 3, 7011 Trondheim"),
    ("NL", "Consul D. Demo", "Nordre gate 4, 7011 Trondheim"),
    ("IS", "Consul E. Demo", "Dronningens gate 5, 7011 Trondheim"),
    ("FI", "Consul F. Demo", "Fjordgata 6, 7010 Trondheim"),
]

# Trondheim strategy 1f: the international forum.
FORUM = [
    ("NTNU", "Universitet"),
    ("Innovasjon Norge", "Næringsutvikling"),
    ("Trøndelags Europakontor", "EU-kontor i Brussel"),
    ("Access Mid-Norway / Midt-Norsk handelskammer", "Næringsliv"),
    # The strategy of 2010 names Sør-Trøndelag fylkeskommune; since 2018 it is Trøndelag.
    ("Trøndelag fylkeskommune", "Regional myndighet"),
    # "Konsulene inviteres til å delta med en representant i det internasjonale forum."
    ("Konsulene i Trondheim", "Konsulenes representant"),
]


# Demo texts in the municipality's own language.
TEXTS = {
    "nb": {
        "office": "Internasjonalt kontor (demo)",
        "assessment": "Demoevaluering: aktivitet og resultater er vurdert mot strategiens "
        "målområder.",
        "budget": "Kommunens budsjett",
        "outgoing": "Studiebesøk med delegasjon (demo).",
        "incoming": "Besøk fra partnerbyen (demo).",
    },
    "sv": {
        "office": "Internationella kontoret (demo)",
        "assessment": "Demoutvärdering: aktivitet och resultat har bedömts mot strategins "
        "målområden.",
        "budget": "Kommunens budget",
        "outgoing": "Studiebesök med delegation (demo).",
        "incoming": "Besök från partnerstaden (demo).",
    },
}


def _say(stdout, text):
    if stdout:
        stdout.write(text + "\n")


@transaction.atomic
def load(stdout=None) -> None:
    today = timezone.localdate()
    organisations = {}
    for name, (kind, country, website) in ORGANISATIONS.items():
        organisations[name], _ = Organisation.objects.rewrite(False).get_or_create(
            name=name,
            defaults={
                "name_nb": name,
                "name_sv": name,
                "name_en": name,
                "kind": kind,
                "country": country,
                "website": website,
            },
        )
    for slug, relations in RELATIONS.items():
        municipality = Municipality.objects.filter(slug=slug).first()
        if municipality is None:
            continue
        lang = municipality.default_language
        office = (
            Department.objects.for_municipality(municipality)
            .filter(
                slug__in=[
                    "kommunedirektorens-stab",
                    "kommunledning",
                    "internationella-kontoret",
                    "internationella-sekretariatet",
                ]
            )
            .order_by("-slug")
            .first()
        )
        areas = list(GoalArea.objects.adopted_for(municipality)[:3])
        for index, (names, country, lat, lng, kind, year, history, two_way) in enumerate(relations):
            _relation(
                municipality,
                lang,
                office,
                areas,
                index,
                names,
                country,
                lat,
                lng,
                kind,
                year,
                history,
                two_way,
                today,
            )
        for name, since, fee, currency, note in MEMBERSHIPS.get(slug, []):
            membership, created = NetworkMembership.objects.get_or_create(
                municipality=municipality,
                organisation=organisations[name],
                defaults={
                    "since": since,
                    "yearly_fee": Decimal(fee),
                    "currency": currency,
                    "renewal_on": datetime.date(today.year + 1, 1, 1),
                    "value_note": note,
                    "is_demo": True,
                },
            )
            if not created:
                continue
            Representation.objects.get_or_create(
                membership=membership,
                body="General assembly" if fee else "Board",
                defaults={
                    "person_name": f"{municipality.slug.capitalize()} Demo Representative",
                    "person_kind": PersonKind.POLITICIAN,
                    "from_date": datetime.date(2023, 1, 1),
                    "is_demo": True,
                },
            )
    trondheim = Municipality.objects.filter(slug="trondheim").first()
    if trondheim:
        for country, consul, address in CONSULATES:
            Consulate.objects.get_or_create(
                municipality=trondheim,
                country=country,
                defaults={"consul_name": consul, "address": address, "is_demo": True},
            )
        for name, role in FORUM:
            ForumParticipant.objects.get_or_create(
                municipality=trondheim,
                organisation_name=name,
                defaults={"role": role, "representative": "Demo Representant", "is_demo": True},
            )
    _say(stdout, f"  {Relation.objects.filter(is_demo=True).count()} demo relations")


def _relation(
    municipality,
    lang,
    office,
    areas,
    index,
    names,
    country,
    lat,
    lng,
    kind,
    year,
    history,
    two_way,
    today,
):
    current = history[-1][1]
    # Some reviews are overdue, so the dashboard has something to show.
    review = datetime.date(today.year, 1, 15) if index % 2 else datetime.date(today.year + 1, 6, 1)
    relation, created = Relation.objects.get_or_create(
        municipality=municipality,
        **{f"city_{lang}": names[lang]},
        defaults={
            **{f"city_{code}": value for code, value in names.items()},
            "country": country,
            "latitude": Decimal(str(lat)),
            "longitude": Decimal(str(lng)),
            "kind": kind,
            "category": current,
            "established_year": year,
            "established_by": DecidingBody.COUNCIL,
            "responsible_department": office,
            "next_review_on": review,
            "is_demo": True,
            "description_en": "Demo relation: invented example content for the demonstration.",
            "description_sv": "Demorelation: påhittat exempelinnehåll för demonstrationen.",
            "description_nb": "Demorelasjon: oppdiktet eksempelinnhold for demonstrasjonen.",
        },
    )
    if not created:
        return  # loaded before: the coordinator's regradings, reviews and records stay
    # The untranslated columns mirror the municipality's language (no query rewriting).
    Relation.objects.rewrite(False).filter(pk=relation.pk).update(
        city=names[lang], description=getattr(relation, f"description_{lang}")
    )
    if areas:
        relation.focus_areas.set(areas[: 1 + index % len(areas)])
    previous = ""
    for step, (step_year, category, reason) in enumerate(history):
        CategoryChange.objects.get_or_create(
            relation=relation,
            date=datetime.date(step_year, 3, 1),
            defaults={
                "from_category": previous,
                "to_category": category,
                "reason": reason,
                "decided_by": DecidingBody.COUNCIL if step == 0 else DecidingBody.EXECUTIVE_BOARD,
                "decision_date": datetime.date(step_year, 2, 15),
                "case_number": f"DEMO-{step_year}/{100 + index}",
            },
        )
        previous = category
    Evaluation.objects.get_or_create(
        relation=relation,
        date=datetime.date(today.year - 1, 11, 1),
        defaults={
            "evaluated_by": TEXTS[lang]["office"],
            "assessment": TEXTS[lang]["assessment"],
            "recommendation": Recommendation.KEEP
            if current != Category.DORMANT
            else Recommendation.CHANGE_CATEGORY,
        },
    )
    currency = "NOK" if municipality.country == "NO" else "SEK"
    lines = [(50000, TEXTS[lang]["budget"]), (120000, "Interreg")]
    for offset, (amount, source) in enumerate(lines):
        FinancingLine.objects.get_or_create(
            relation=relation,
            year=today.year + offset,
            source=source,
            defaults={"amount": Decimal(amount), "currency": currency},
        )
    if current == Category.DORMANT:
        return
    goal_area = areas[0] if areas else None
    activities = [
        (
            today - datetime.timedelta(days=200),
            Direction.OUTGOING,
            6,
            TEXTS[lang]["outgoing"],
        )
    ]
    if two_way:
        activities.append(
            (
                today - datetime.timedelta(days=90),
                Direction.INCOMING,
                9,
                TEXTS[lang]["incoming"],
            )
        )
    for date, direction, participants, description in activities:
        RelationActivity.objects.get_or_create(
            relation=relation,
            date=date,
            direction=direction,
            defaults={
                "participants": participants,
                "description": description,
                "goal_area": goal_area,
                "is_demo": True,
            },
        )
