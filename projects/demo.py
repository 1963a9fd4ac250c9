"""Demo content: the funding programme catalogue, exchange rates 2021–2026 and a spread of
invented projects and applications in the six demo municipalities.

The catalogue (funders, programmes, strands) names real programmes. The projects are
invented: generic titles, acronyms starting with DEMO-, `is_demo=True` (a badge in the
interface) and partners named only by kind and country, so that nothing reads as a claim
about a real project. Idempotent: keyed on names, identifiers and (municipality, acronym).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from intlstrategy.models import Department, Municipality

from .models import (
    Call,
    Currency,
    ExchangeRate,
    Funder,
    FundingProgramme,
    MunicipalityRole,
    Project,
    ProjectPartner,
    ProjectStatus,
    ProjectStatusChange,
    base_currency,
)

EU = "European Union (European Commission)"
# English name: (website, {lang: name})
FUNDERS = {
    EU: (
        "https://commission.europa.eu/funding-tenders_en",
        {
            "sv": "Europeiska unionen (Europeiska kommissionen)",
            "nb": "Den europeiske union (Europakommisjonen)",
        },
    ),
    "Nordic Council of Ministers": (
        "https://www.norden.org/en/funding-opportunities",
        {"sv": "Nordiska ministerrådet", "nb": "Nordisk ministerråd"},
    ),
    "Norad – Norwegian Agency for Development Cooperation": (
        "https://www.norad.no/en/",
        {
            "sv": "Norad – norska direktoratet för utvecklingssamarbete",
            "nb": "Norad – Direktoratet for utviklingssamarbeid",
        },
    ),
    "EEA and Norway Grants (Financial Mechanism Office)": (
        "https://eeagrants.org/",
        {
            "sv": "EES- och Norgesbidragen (Financial Mechanism Office)",
            "nb": "EØS-midlene (Financial Mechanism Office)",
        },
    ),
    "Swedish national bodies": (
        "",
        {"sv": "Svenska nationella myndigheter", "nb": "Svenske nasjonale myndigheter"},
    ),
    "Norwegian national bodies": (
        "",
        {"sv": "Norska nationella myndigheter", "nb": "Norske nasjonale myndigheter"},
    ),
}

# key: (funder, parent key, short name, {lang: name}, website)
PROGRAMMES = {
    "interreg": (
        EU,
        None,
        "Interreg",
        {
            "en": "Interreg (European Territorial Cooperation)",
            "sv": "Interreg (europeiskt territoriellt samarbete)",
            "nb": "Interreg (europeisk territorielt samarbeid)",
        },
        "https://interreg.eu/",
    ),
    "interreg-europe": (
        EU,
        "interreg",
        "Interreg Europe",
        {"en": "Interreg Europe", "sv": "Interreg Europe", "nb": "Interreg Europe"},
        "https://www.interregeurope.eu/",
    ),
    "interreg-bsr": (
        EU,
        "interreg",
        "Interreg BSR",
        {
            "en": "Interreg Baltic Sea Region",
            "sv": "Interreg Östersjöregionen",
            "nb": "Interreg Østersjøregionen",
        },
        "https://interreg-baltic.eu/",
    ),
    "interreg-aurora": (
        EU,
        "interreg",
        "Interreg Aurora",
        {"en": "Interreg Aurora", "sv": "Interreg Aurora", "nb": "Interreg Aurora"},
        "https://www.interregaurora.eu/",
    ),
    "interreg-se-no": (
        EU,
        "interreg",
        "Interreg Sverige–Norge",
        {
            "en": "Interreg VI-A Sweden–Norway",
            "sv": "Interreg VI-A Sverige–Norge",
            "nb": "Interreg VI-A Sverige–Norge",
        },
        "https://www.interreg-sverige-norge.com/",
    ),
    "interreg-north-sea": (
        EU,
        "interreg",
        "Interreg North Sea",
        {"en": "Interreg North Sea", "sv": "Interreg Nordsjön", "nb": "Interreg Nordsjøen"},
        "https://www.interregnorthsea.eu/",
    ),
    "erasmus": (
        EU,
        None,
        "Erasmus+",
        {"en": "Erasmus+", "sv": "Erasmus+", "nb": "Erasmus+"},
        "https://erasmus-plus.ec.europa.eu/",
    ),
    "horizon": (
        EU,
        None,
        "Horizon Europe",
        {"en": "Horizon Europe", "sv": "Horisont Europa", "nb": "Horisont Europa"},
        "https://research-and-innovation.ec.europa.eu/funding/funding-opportunities/funding-programmes-and-open-calls/horizon-europe_en",
    ),
    "life": (
        EU,
        None,
        "LIFE",
        {
            "en": "LIFE Programme for the Environment and Climate Action",
            "sv": "LIFE – programmet för miljö och klimat",
            "nb": "LIFE – programmet for miljø og klima",
        },
        "https://cinea.ec.europa.eu/programmes/life_en",
    ),
    "esf": (
        EU,
        None,
        "ESF+",
        {
            "en": "European Social Fund Plus",
            "sv": "Europeiska socialfonden+",
            "nb": "Det europeiske sosialfondet+",
        },
        "https://european-social-fund-plus.ec.europa.eu/",
    ),
    "cerv": (
        EU,
        None,
        "CERV",
        {
            "en": "Citizens, Equality, Rights and Values",
            "sv": "Medborgare, jämlikhet, rättigheter och värden (CERV)",
            "nb": "Borgere, likestilling, rettigheter og verdier (CERV)",
        },
        "https://commission.europa.eu/funding-tenders/find-funding/eu-funding-programmes/citizens-equality-rights-and-values-programme_en",
    ),
    "creative-europe": (
        EU,
        None,
        "Creative Europe",
        {"en": "Creative Europe", "sv": "Kreativa Europa", "nb": "Kreativt Europa"},
        "https://culture.ec.europa.eu/creative-europe",
    ),
    "digital-europe": (
        EU,
        None,
        "Digital Europe",
        {
            "en": "Digital Europe Programme",
            "sv": "Programmet för ett digitalt Europa",
            "nb": "Programmet for et digitalt Europa",
        },
        "https://digital-strategy.ec.europa.eu/en/activities/digital-programme",
    ),
    "nordplus": (
        "Nordic Council of Ministers",
        None,
        "Nordplus",
        {"en": "Nordplus", "sv": "Nordplus", "nb": "Nordplus"},
        "https://www.nordplusonline.org/",
    ),
    "ncm": (
        "Nordic Council of Ministers",
        None,
        "NCM project funding",
        {
            "en": "Nordic Council of Ministers – project funding",
            "sv": "Nordiska ministerrådet – projektmedel",
            "nb": "Nordisk ministerråd – prosjektmidler",
        },
        "https://www.norden.org/en/funding-opportunities",
    ),
    "norad": (
        "Norad – Norwegian Agency for Development Cooperation",
        None,
        "Norad",
        {"en": "Norad grants", "sv": "Norads bidrag", "nb": "Norad-tilskudd"},
        "https://www.norad.no/en/",
    ),
    "eea": (
        "EEA and Norway Grants (Financial Mechanism Office)",
        None,
        "EEA and Norway Grants",
        {"en": "EEA and Norway Grants", "sv": "EES- och Norgesbidragen", "nb": "EØS-midlene"},
        "https://eeagrants.org/",
    ),
    "national-se": (
        "Swedish national bodies",
        None,
        "National funds (SE)",
        {
            "en": "National funds – Sweden (e.g. Swedish Institute, "
            "Swedish Agency for Economic and Regional Growth)",
            "sv": "Nationella medel – Sverige (t.ex. Svenska institutet, Tillväxtverket)",
            "nb": "Nasjonale midler – Sverige (f.eks. Svenska institutet, Tillväxtverket)",
        },
        "",
    ),
    "national-no": (
        "Norwegian national bodies",
        None,
        "National funds (NO)",
        {
            "en": "National funds – Norway (e.g. county regional development funds)",
            "sv": "Nationella medel – Norge (t.ex. regionala utvecklingsmedel)",
            "nb": "Nasjonale midler – Norge (f.eks. regionale utviklingsmidler)",
        },
        "",
    ),
}

# Generic demo calls (not real call identifiers).
CALLS = [
    (
        "interreg-bsr",
        "DEMO-BSR-2023",
        "Call for core projects (demo entry)",
        datetime.date(2023, 5, 31),
    ),
    (
        "erasmus",
        "DEMO-KA2-2025",
        "Cooperation partnerships (demo entry)",
        datetime.date(2025, 3, 5),
    ),
    (
        "life",
        "DEMO-LIFE-2024",
        "Climate change adaptation (demo entry)",
        datetime.date(2024, 9, 19),
    ),
    (
        "interreg-se-no",
        "DEMO-SENO-2025",
        "Open call, autumn (demo entry)",
        datetime.date(2025, 10, 15),
    ),
]

# Approximate yearly averages; "to base": units of the base currency for one unit.
RATES = {
    "SEK": {  # base SEK: EUR, NOK
        2021: {"EUR": "10.1449", "NOK": "0.9984"},
        2022: {"EUR": "10.6274", "NOK": "1.0522"},
        2023: {"EUR": "11.4788", "NOK": "1.0048"},
        2024: {"EUR": "11.4325", "NOK": "0.9829"},
        2025: {"EUR": "11.0500", "NOK": "0.9450"},
        2026: {"EUR": "11.0000", "NOK": "0.9400"},
    },
    "NOK": {  # base NOK: EUR, SEK
        2021: {"EUR": "10.1633", "SEK": "1.0016"},
        2022: {"EUR": "10.1026", "SEK": "0.9504"},
        2023: {"EUR": "11.4248", "SEK": "0.9952"},
        2024: {"EUR": "11.6290", "SEK": "1.0174"},
        2025: {"EUR": "11.7000", "SEK": "1.0582"},
        2026: {"EUR": "11.7000", "SEK": "1.0640"},
    },
}

# Invented projects: (key, programme, role, dept index, {en, sv, nb}, expected result en/sv/nb,
#                     budget (total, municipality's, grant) in EUR)
TEMPLATES = [
    (
        "SCHOOLCLIMATE",
        "erasmus",
        MunicipalityRole.PARTNER,
        0,
        {
            "en": "Climate learning in lower secondary schools",
            "sv": "Klimatlärande i grundskolans högstadium",
            "nb": "Klimalæring i ungdomsskolen",
        },
        {
            "en": "Teaching material tested in five schools; "
            "staff exchange with two partner schools.",
            "sv": "Undervisningsmaterial prövat i fem skolor; "
            "personalutbyte med två partnerskolor.",
            "nb": "Undervisningsmateriell prøvd ut i fem skoler; "
            "personalutveksling med to partnerskoler.",
        },
        (Decimal("250000"), Decimal("60000"), Decimal("250000")),
    ),
    (
        "ELDERDIGITAL",
        "interreg-bsr",
        MunicipalityRole.PARTNER,
        1,
        {
            "en": "Digital support for older people living at home",
            "sv": "Digitalt stöd för äldre i ordinärt boende",
            "nb": "Digital støtte til eldre som bor hjemme",
        },
        {
            "en": "A tested service model for remote check-ins, shared with the partner cities.",
            "sv": "En prövad modell för digital tillsyn, delad med partnerstäderna.",
            "nb": "En utprøvd modell for digitalt tilsyn, delt med partnerbyene.",
        },
        (Decimal("2400000"), Decimal("310000"), Decimal("1920000")),
    ),
    (
        "HARBOURAIR",
        "interreg-north-sea",
        MunicipalityRole.PARTNER,
        3,
        {
            "en": "Cleaner air in port areas",
            "sv": "Renare luft i hamnområden",
            "nb": "Renere luft i havneområder",
        },
        {
            "en": "Measurement network and an action plan for shore power.",
            "sv": "Mätnätverk och en handlingsplan för landström.",
            "nb": "Målenettverk og en handlingsplan for landstrøm.",
        },
        (Decimal("3100000"), Decimal("280000"), Decimal("1860000")),
    ),
    (
        "YOUTHVOICE",
        "cerv",
        MunicipalityRole.LEAD_PARTNER,
        4,
        {
            "en": "Young people's voice in local democracy",
            "sv": "Ungas röst i den lokala demokratin",
            "nb": "Unges stemme i lokaldemokratiet",
        },
        {
            "en": "Youth councils in three cities compare methods of consultation.",
            "sv": "Ungdomsråd i tre städer jämför metoder för medborgardialog.",
            "nb": "Ungdomsråd i tre byer sammenligner metoder for medvirkning.",
        },
        (Decimal("148000"), Decimal("95000"), Decimal("133200")),
    ),
    (
        "CULTUREROUTE",
        "creative-europe",
        MunicipalityRole.PARTNER,
        2,
        {
            "en": "Cultural heritage walks for new residents",
            "sv": "Kulturarvsvandringar för nyinflyttade",
            "nb": "Kulturarvsvandringer for nye innbyggere",
        },
        {
            "en": "Guided walks in four languages; a shared digital map.",
            "sv": "Guidade vandringar på fyra språk; en gemensam digital karta.",
            "nb": "Guidede vandringer på fire språk; et felles digitalt kart.",
        },
        (Decimal("400000"), Decimal("55000"), Decimal("240000")),
    ),
    (
        "WETLANDS",
        "life",
        MunicipalityRole.PARTNER,
        3,
        {
            "en": "Restoring urban wetlands for climate adaptation",
            "sv": "Återställda våtmarker i staden för klimatanpassning",
            "nb": "Restaurerte våtmarker i byen for klimatilpasning",
        },
        {
            "en": "Two wetlands restored; stormwater capacity measured before and after.",
            "sv": "Två våtmarker återställda; dagvattenkapacitet mätt före och efter.",
            "nb": "To våtmarker restaurert; overvannskapasitet målt før og etter.",
        },
        (Decimal("1800000"), Decimal("420000"), Decimal("1080000")),
    ),
    (
        "SKILLSBRIDGE",
        "esf",
        MunicipalityRole.LEAD_PARTNER,
        4,
        {
            "en": "Pathways to work for newly arrived adults",
            "sv": "Vägar till arbete för nyanlända vuxna",
            "nb": "Veier til arbeid for nyankomne voksne",
        },
        {
            "en": "Combined language and workplace training for 120 participants.",
            "sv": "Kombinerad språk- och arbetsplatsträning för 120 deltagare.",
            "nb": "Kombinert språk- og arbeidstrening for 120 deltakere.",
        },
        (Decimal("900000"), Decimal("900000"), Decimal("540000")),
    ),
    (
        "NORDICTEACH",
        "nordplus",
        MunicipalityRole.PARTNER,
        0,
        {
            "en": "Nordic network of teachers of mathematics",
            "sv": "Nordiskt nätverk för matematiklärare",
            "nb": "Nordisk nettverk for matematikklærere",
        },
        {
            "en": "Three network meetings and a shared lesson bank.",
            "sv": "Tre nätverksträffar och en gemensam lektionsbank.",
            "nb": "Tre nettverkssamlinger og en felles undervisningsbank.",
        },
        (Decimal("45000"), Decimal("12000"), Decimal("30000")),
    ),
    (
        "DATAPLATFORM",
        "digital-europe",
        MunicipalityRole.ASSOCIATED_PARTNER,
        4,
        {
            "en": "Open data platform for smaller cities",
            "sv": "Öppen dataplattform för mindre städer",
            "nb": "Åpen dataplattform for mindre byer",
        },
        {
            "en": "Reusable components for publishing municipal open data.",
            "sv": "Återanvändbara komponenter för att publicera kommunala öppna data.",
            "nb": "Gjenbrukbare komponenter for publisering av kommunale åpne data.",
        },
        (Decimal("5200000"), Decimal("0"), Decimal("2600000")),
    ),
    (
        "ARCTICTOURISM",
        "interreg-aurora",
        MunicipalityRole.PARTNER,
        2,
        {
            "en": "Sustainable small-scale tourism",
            "sv": "Hållbar småskalig turism",
            "nb": "Bærekraftig småskala turisme",
        },
        {
            "en": "Joint training for small tourism businesses.",
            "sv": "Gemensam utbildning för små turistföretag.",
            "nb": "Felles opplæring for små reiselivsbedrifter.",
        },
        (Decimal("1300000"), Decimal("150000"), Decimal("845000")),
    ),
    (
        "BORDERHEALTH",
        "interreg-se-no",
        MunicipalityRole.PARTNER,
        1,
        {
            "en": "Health care cooperation across the border",
            "sv": "Vårdsamverkan över gränsen",
            "nb": "Helsesamarbeid over grensen",
        },
        {
            "en": "Agreements on shared ambulance and home-care routines.",
            "sv": "Överenskommelser om gemensamma rutiner för ambulans och hemtjänst.",
            "nb": "Avtaler om felles rutiner for ambulanse og hjemmetjenester.",
        },
        (Decimal("1100000"), Decimal("210000"), Decimal("550000")),
    ),
    (
        "GREENHEAT",
        "horizon",
        MunicipalityRole.ASSOCIATED_PARTNER,
        3,
        {
            "en": "Demonstrating low-temperature district heating",
            "sv": "Demonstration av lågtempererad fjärrvärme",
            "nb": "Demonstrasjon av lavtemperatur fjernvarme",
        },
        {
            "en": "A pilot district and an evaluation of energy savings.",
            "sv": "Ett pilotområde och en utvärdering av energibesparingen.",
            "nb": "Et pilotområde og en evaluering av energisparingen.",
        },
        (Decimal("7800000"), Decimal("0"), Decimal("7800000")),
    ),
    (
        "LOCALGOV",
        "norad",
        MunicipalityRole.LEAD_PARTNER,
        4,
        {
            "en": "Municipal partnership on waste management",
            "sv": "Kommunalt partnerskap om avfallshantering",
            "nb": "Kommunalt partnerskap om avfallshåndtering",
        },
        {
            "en": "Peer learning between waste management services.",
            "sv": "Erfarenhetsutbyte mellan avfallsverksamheter.",
            "nb": "Erfaringsutveksling mellom renovasjonstjenester.",
        },
        (Decimal("320000"), Decimal("320000"), Decimal("256000")),
    ),
    (
        "BALTICYOUTH",
        "national-se",
        MunicipalityRole.LEAD_PARTNER,
        2,
        {
            "en": "Youth exchange around the Baltic Sea",
            "sv": "Ungdomsutbyte runt Östersjön",
            "nb": "Ungdomsutveksling rundt Østersjøen",
        },
        {
            "en": "Two youth camps and a shared film project.",
            "sv": "Två ungdomsläger och ett gemensamt filmprojekt.",
            "nb": "To ungdomsleirer og et felles filmprosjekt.",
        },
        (Decimal("60000"), Decimal("60000"), Decimal("48000")),
    ),
    (
        "INCLUSIVECITY",
        "eea",
        MunicipalityRole.PARTNER,
        1,
        {
            "en": "Inclusive public services for Roma families",
            "sv": "Inkluderande offentlig service för romska familjer",
            "nb": "Inkluderende offentlige tjenester for romfamilier",
        },
        {
            "en": "Training for front-line staff; bilateral study visits.",
            "sv": "Utbildning för personal i mötet med medborgare; bilaterala studiebesök.",
            "nb": "Opplæring for førstelinjeansatte; bilaterale studiebesøk.",
        },
        (Decimal("210000"), Decimal("80000"), Decimal("178500")),
    ),
    (
        "NORDICFOOD",
        "ncm",
        MunicipalityRole.PARTNER,
        0,
        {
            "en": "Nordic school meals and food waste",
            "sv": "Nordiska skolmåltider och matsvinn",
            "nb": "Nordiske skolemåltider og matsvinn",
        },
        {
            "en": "Comparison of food waste in school kitchens in four Nordic cities.",
            "sv": "Jämförelse av matsvinn i skolkök i fyra nordiska städer.",
            "nb": "Sammenligning av matsvinn på skolekjøkken i fire nordiske byer.",
        },
        (Decimal("90000"), Decimal("25000"), Decimal("60000")),
    ),
]

# The status a template ends in and its year, rotated per municipality so the six
# registers differ: (status, start year).
SCENARIOS = [
    (ProjectStatus.COMPLETED, 2021),
    (ProjectStatus.ONGOING, 2023),
    (ProjectStatus.COMPLETED, 2022),
    (ProjectStatus.SUBMITTED, 2025),
    (ProjectStatus.ONGOING, 2024),
    (ProjectStatus.REJECTED, 2024),
    (ProjectStatus.IN_PREPARATION, 2026),
    (ProjectStatus.APPROVED, 2026),
    (ProjectStatus.IDEA, 2026),
    (ProjectStatus.ONGOING, 2025),
    (ProjectStatus.WITHDRAWN, 2023),
    (ProjectStatus.SUBMITTED, 2026),
]
PATHS = {
    ProjectStatus.IDEA: [],
    ProjectStatus.IN_PREPARATION: [ProjectStatus.IN_PREPARATION],
    ProjectStatus.SUBMITTED: [ProjectStatus.IN_PREPARATION, ProjectStatus.SUBMITTED],
    ProjectStatus.APPROVED: [
        ProjectStatus.IN_PREPARATION,
        ProjectStatus.SUBMITTED,
        ProjectStatus.APPROVED,
    ],
    ProjectStatus.REJECTED: [
        ProjectStatus.IN_PREPARATION,
        ProjectStatus.SUBMITTED,
        ProjectStatus.REJECTED,
    ],
    ProjectStatus.WITHDRAWN: [
        ProjectStatus.IN_PREPARATION,
        ProjectStatus.SUBMITTED,
        ProjectStatus.WITHDRAWN,
    ],
    ProjectStatus.ONGOING: [
        ProjectStatus.IN_PREPARATION,
        ProjectStatus.SUBMITTED,
        ProjectStatus.APPROVED,
        ProjectStatus.ONGOING,
    ],
    ProjectStatus.COMPLETED: [
        ProjectStatus.IN_PREPARATION,
        ProjectStatus.SUBMITTED,
        ProjectStatus.APPROVED,
        ProjectStatus.ONGOING,
        ProjectStatus.COMPLETED,
    ],
}
PARTNER_COUNTRIES = ["FI", "DE", "LV", "EE", "PL", "DK", "LT", "NL", "IS", "ES"]
PARTNER_KIND = {
    "en": "Partner municipality (demo)",
    "sv": "Partnerkommun (demo)",
    "nb": "Partnerkommune (demo)",
}


@transaction.atomic
def load(stdout=None) -> None:
    funders = {
        # The real funders and programmes are the portal-wide catalogue (no owner).
        name: Funder.objects.get_or_create(
            name_en=name,
            owner=None,
            defaults={"name": name, "website": url, **{f"name_{c}": v for c, v in names.items()}},
        )[0]
        for name, (url, names) in FUNDERS.items()
    }
    programmes = {}
    for key, (funder, parent, short, names, url) in PROGRAMMES.items():
        programmes[key], _ = FundingProgramme.objects.get_or_create(
            short_name=short,
            owner=None,
            defaults={
                "funder": funders[funder],
                "parent": programmes.get(parent),
                "website": url,
                "name": names["en"],
                **{f"name_{c}": v for c, v in names.items()},
            },
        )
    calls = {}
    for key, identifier, title, deadline in CALLS:
        calls[key], _ = Call.objects.get_or_create(
            programme=programmes[key],
            owner=None,
            identifier=identifier,
            defaults={"title": title, "deadline": deadline},
        )
    for index, municipality in enumerate(
        Municipality.objects.filter(is_demo=True).order_by("slug")
    ):
        _rates(municipality)
        _projects(municipality, index, programmes, calls)
    if stdout:
        stdout.write(f"  {Project.objects.filter(is_demo=True).count()} demo projects\n")


def _rates(municipality):
    base = base_currency(municipality)
    for year, values in RATES.get(base, {}).items():
        for currency, rate in values.items():
            ExchangeRate.objects.get_or_create(
                municipality=municipality,
                year=year,
                currency=currency,
                defaults={"rate": Decimal(rate), "is_demo": True},
            )


def _projects(municipality, index, programmes, calls):
    departments = list(Department.objects.for_municipality(municipality).order_by("pk"))
    if not departments:
        return
    norwegian = municipality.country == "NO"
    currency = Currency.NOK if norwegian else Currency.SEK
    to_local = Decimal(RATES[base_currency(municipality)][2024]["EUR"])
    # Each municipality gets 10 of the 16 templates, starting at a different one.
    for n in range(10):
        key, programme, role, dept, titles, results, (total, own, grant) = TEMPLATES[
            (index * 3 + n) % len(TEMPLATES)
        ]
        if programme == "norad" and not norwegian:
            programme = "eea"
        if programme == "national-se" and norwegian:
            programme = "national-no"
        if programme == "interreg-se-no" and municipality.slug not in (
            "trondheim",
            "vaxjo",
            "orebro",
            "gavle",
        ):
            programme = "interreg-europe"
        status, year = SCENARIOS[(n + index) % len(SCENARIOS)]
        # Small programmes and national money are paid in local currency; the rest in EUR.
        local = programme in ("national-se", "national-no", "nordplus", "norad")
        factor = to_local if local else Decimal(1)
        amounts = {
            k: (v * factor).quantize(Decimal("1"))
            for k, v in {"total_budget": total, "municipality_budget": own, "grant": grant}.items()
        }
        amounts["co_financing"] = (amounts["municipality_budget"] * Decimal("0.2")).quantize(
            Decimal("1")
        )
        start = datetime.date(year, 1 + (n * 5) % 12, 1)
        length_years = 2 + n % 2
        end = datetime.date(year + length_years, start.month, 1) - datetime.timedelta(days=1)
        submitted = start - datetime.timedelta(days=150)
        running = status in (ProjectStatus.APPROVED, ProjectStatus.ONGOING, ProjectStatus.COMPLETED)
        if status == ProjectStatus.COMPLETED and end > datetime.date(2026, 6, 30):
            end = datetime.date(year + 1, 12, 31)
        acronym = f"DEMO-{key}"
        title_language = municipality.default_language
        defaults = {
            "title": titles[title_language],
            **{f"title_{c}": v for c, v in titles.items()},
            **{f"expected_results_{c}": v for c, v in results.items()},
            "programme": programmes[programme],
            "call": calls.get(programme),
            "role": role,
            "lead_department": departments[dept % len(departments)],
            "status": status,
            "start_date": start
            if status not in (ProjectStatus.IDEA, ProjectStatus.WITHDRAWN)
            else None,
            "end_date": end
            if status not in (ProjectStatus.IDEA, ProjectStatus.WITHDRAWN)
            else None,
            "submitted_on": submitted
            if status not in (ProjectStatus.IDEA, ProjectStatus.IN_PREPARATION)
            else None,
            "decision_expected_on": submitted + datetime.timedelta(days=120)
            if status == ProjectStatus.SUBMITTED
            else None,
            "currency": Currency.EUR if not local else currency,
            **amounts,
            "is_demo": True,
        }
        if status == ProjectStatus.COMPLETED:
            defaults.update({f"achieved_results_{c}": v for c, v in results.items()})
        if not running:
            defaults["grant"] = amounts["grant"] if status == ProjectStatus.SUBMITTED else None
        project, created = Project.objects.get_or_create(
            municipality=municipality, acronym=acronym, defaults=defaults
        )
        if not created:
            continue  # loaded before: its status changes and edits since are kept
        project.participating_departments.set(
            [departments[(dept + 1) % len(departments)]] if n % 3 == 0 else []
        )
        # Status history: from the path, dated back from the start.
        ProjectStatusChange.objects.create(
            project=project,
            from_status="",
            to_status=ProjectStatus.IDEA,
            on=submitted - datetime.timedelta(days=120),
            note="Demo",
        )
        previous, dates = (
            ProjectStatus.IDEA,
            {
                ProjectStatus.IN_PREPARATION: submitted - datetime.timedelta(days=60),
                ProjectStatus.SUBMITTED: submitted,
                ProjectStatus.APPROVED: submitted + datetime.timedelta(days=110),
                ProjectStatus.REJECTED: submitted + datetime.timedelta(days=110),
                ProjectStatus.WITHDRAWN: submitted + datetime.timedelta(days=30),
                ProjectStatus.ONGOING: start,
                ProjectStatus.COMPLETED: end,
            },
        )
        for step in PATHS[status]:
            ProjectStatusChange.objects.create(
                project=project,
                from_status=previous,
                to_status=step,
                on=dates[step],
                note="Demo",
            )
            previous = step
        for p in range(1 + n % 3):
            country = PARTNER_COUNTRIES[(n + p + index) % len(PARTNER_COUNTRIES)]
            ProjectPartner.objects.create(
                project=project, name=f"{PARTNER_KIND[title_language]} {p + 1}", country=country
            )
