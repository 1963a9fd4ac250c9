"""Demo organisation: the six municipalities of the seed documents, departments, users.

Idempotent: everything is keyed on slugs and user names, so a second run changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from .models import (
    AccessibilityStatement,
    AssessmentMethod,
    Compliance,
    Department,
    DepartmentKind,
    Membership,
    Municipality,
    Role,
    User,
)

DEMO_PASSWORD = "demo-portal-2026"

# slug: (country, language, time zone, {lang: name})
MUNICIPALITIES = {
    "trondheim": (
        "NO",
        "nb",
        "Europe/Oslo",
        {"nb": "Trondheim kommune", "sv": "Trondheims kommun", "en": "City of Trondheim"},
    ),
    "vaxjo": (
        "SE",
        "sv",
        "Europe/Stockholm",
        {"sv": "Växjö kommun", "nb": "Växjö kommune", "en": "Växjö Municipality"},
    ),
    "linkoping": (
        "SE",
        "sv",
        "Europe/Stockholm",
        {"sv": "Linköpings kommun", "nb": "Linköping kommune", "en": "Linköping Municipality"},
    ),
    "norrkoping": (
        "SE",
        "sv",
        "Europe/Stockholm",
        {"sv": "Norrköpings kommun", "nb": "Norrköping kommune", "en": "Norrköping Municipality"},
    ),
    "orebro": (
        "SE",
        "sv",
        "Europe/Stockholm",
        {"sv": "Örebro kommun", "nb": "Örebro kommune", "en": "Örebro Municipality"},
    ),
    "gavle": (
        "SE",
        "sv",
        "Europe/Stockholm",
        {"sv": "Gävle kommun", "nb": "Gävle kommune", "en": "Gävle Municipality"},
    ),
}

_SE_DEPARTMENTS = [
    (
        "utbildning",
        DepartmentKind.ADMINISTRATION,
        "Utbildningsförvaltningen",
        "Utdanningsforvaltningen",
        "Education Department",
    ),
    (
        "omsorg",
        DepartmentKind.ADMINISTRATION,
        "Vård- och omsorgsförvaltningen",
        "Helse- og omsorgsforvaltningen",
        "Health and Social Care Department",
    ),
    (
        "kultur",
        DepartmentKind.ADMINISTRATION,
        "Kultur- och fritidsförvaltningen",
        "Kultur- og fritidsforvaltningen",
        "Culture and Leisure Department",
    ),
    (
        "samhallsbyggnad",
        DepartmentKind.ADMINISTRATION,
        "Samhällsbyggnadsförvaltningen",
        "Byutviklingsforvaltningen",
        "Urban Development Department",
    ),
    (
        "kommunledning",
        DepartmentKind.OFFICE,
        "Kommunledningskontoret",
        "Kommunedirektørens kontor",
        "Municipal Executive Office",
    ),
]

# Departments the seed documents name, added to the common set.
_SPECIFIC = {
    "vaxjo": [
        (
            "planeringskontoret",
            DepartmentKind.OFFICE,
            "Planeringskontoret",
            "Plankontoret",
            "Planning Office",
        ),
        (
            "vaxjo-energi",
            DepartmentKind.COMPANY,
            "Växjö Energi AB",
            "Växjö Energi AB",
            "Växjö Energi AB (municipal energy company)",
        ),
    ],
    "gavle": [
        (
            "internationella-kontoret",
            DepartmentKind.OFFICE,
            "Internationella kontoret (Näringslivsavdelningen)",
            "Internasjonalt kontor (Næringslivsavdelingen)",
            "International Office (Business Development)",
        ),
        (
            "gavle-hamn",
            DepartmentKind.COMPANY,
            "Gävle Hamn AB",
            "Gävle Hamn AB",
            "Port of Gävle (municipal company)",
        ),
    ],
    "orebro": [
        (
            "internationella-sekretariatet",
            DepartmentKind.OFFICE,
            "Internationella sekretariatet",
            "Internasjonalt sekretariat",
            "International Secretariat",
        ),
    ],
}

_NO_DEPARTMENTS = [
    (
        "oppvekst-utdanning",
        DepartmentKind.ADMINISTRATION,
        "Oppvekst og utdanning",
        "Uppväxt och utbildning",
        "Education and Childhood",
    ),
    (
        "helse-velferd",
        DepartmentKind.ADMINISTRATION,
        "Helse og velferd",
        "Hälsa och välfärd",
        "Health and Welfare",
    ),
    (
        "kultur-naering",
        DepartmentKind.ADMINISTRATION,
        "Kultur og næring",
        "Kultur och näringsliv",
        "Culture and Business",
    ),
    (
        "byutvikling",
        DepartmentKind.ADMINISTRATION,
        "Byutvikling",
        "Stadsutveckling",
        "Urban Development",
    ),
    (
        "kommunedirektorens-stab",
        DepartmentKind.OFFICE,
        # The title "rådmann" was abolished in 2020 (kommunedirektør); in Swedish a
        # "rådman" is a judge.
        "Kommunedirektørens stab – internasjonalt kontor",
        "Kommundirektörens stab – internationella kontoret",
        "Chief Executive's Office – International Office",
    ),
    (
        "trondheim-havn",
        DepartmentKind.COMPANY,
        "Trondheim Havn IKS",
        "Trondheims hamn IKS",
        "Port of Trondheim (inter-municipal company)",
    ),
]


# Invented demo people per municipality: coordinator, council member, then one contact
# person per department in the order of departments_for (Norwegian names in Trondheim).
_PEOPLE = {
    "trondheim": [
        ("Ingrid", "Solberg"),
        ("Per", "Bakke"),
        ("Ola", "Haugen"),
        ("Kari", "Lie"),
        ("Sigrid", "Nygård"),
        ("Magnus", "Dahl"),
        ("Astrid", "Moen"),
        ("Håkon", "Strand"),
    ],
    "vaxjo": [
        ("Karin", "Berg"),
        ("Lars", "Ek"),
        ("Erik", "Holm"),
        ("Sara", "Nilsson"),
        ("Annika", "Lindqvist"),
        ("Johan", "Åberg"),
        ("Elin", "Sandberg"),
        ("Mats", "Gustafsson"),
        ("Linnea", "Persson"),
    ],
    "linkoping": [
        ("Anna", "Lindgren"),
        ("Björn", "Axelsson"),
        ("Sofia", "Wikström"),
        ("Henrik", "Olsson"),
        ("Maja", "Forsberg"),
        ("Oskar", "Lund"),
        ("Emma", "Hedlund"),
    ],
    "norrkoping": [
        ("Helena", "Strömberg"),
        ("Per-Olof", "Karlsson"),
        ("Jonas", "Ekström"),
        ("Ida", "Berglund"),
        ("Fredrik", "Nyström"),
        ("Malin", "Sundberg"),
        ("Gustav", "Lindahl"),
    ],
    "orebro": [
        ("Eva", "Håkansson"),
        ("Anders", "Wallin"),
        ("Cecilia", "Björk"),
        ("Niklas", "Engström"),
        ("Therese", "Lindberg"),
        ("Patrik", "Söderberg"),
        ("Hanna", "Eklund"),
        ("Viktor", "Blom"),
    ],
    "gavle": [
        ("Ulrika", "Norberg"),
        ("Göran", "Hedström"),
        ("Jenny", "Sjödin"),
        ("Mikael", "Östlund"),
        ("Louise", "Hellström"),
        ("Daniel", "Falk"),
        ("Camilla", "Berggren"),
        ("Tobias", "Nordin"),
        ("Frida", "Holmgren"),
    ],
}


LEFT_USERNAME = "trondheim-contact-left"


def contact_username(slug: str, index: int, department_slug: str) -> str:
    """The demo contact of a municipality's index-th department: `<slug>-contact` and
    `<slug>-contact2` for the first two (as before), `<slug>-contact-<department>` after."""
    if index == 0:
        return f"{slug}-contact"
    if index == 1:
        return f"{slug}-contact2"
    return f"{slug}-contact-{department_slug}"


# What each council and executive board is called (the seeds' own words), per language.
_SE_BODIES = {
    "council_name": {
        "sv": "kommunfullmäktige",
        "nb": "kommunfullmäktige (kommunestyret)",
        "en": "Municipal Council",
    },
    "executive_board_name": {
        "sv": "kommunstyrelsen",
        "nb": "kommunstyrelsen (formannskapet)",
        "en": "Municipal Executive Board",
    },
}
BODIES = {
    "trondheim": {
        "council_name": {
            "nb": "bystyret",
            "sv": "bystyret (kommunfullmäktige)",
            "en": "City Council (bystyret)",
        },
        "executive_board_name": {
            "nb": "formannskapet",
            "sv": "formannskapet (kommunstyrelsen)",
            "en": "Executive Board (formannskapet)",
        },
    },
}


def bodies_for(slug: str) -> dict:
    fields = {}
    for field, names in BODIES.get(slug, _SE_BODIES).items():
        fields.update(_names(field, names))
    return fields


def departments_for(slug: str):
    if slug == "trondheim":
        return [(s, k, {"nb": nb, "sv": sv, "en": en}) for s, k, nb, sv, en in _NO_DEPARTMENTS]
    common = _SE_DEPARTMENTS + _SPECIFIC.get(slug, [])
    return [(s, k, {"sv": sv, "nb": nb, "en": en}) for s, k, sv, nb, en in common]


def _names(prefix: str, names: dict) -> dict:
    return {f"{prefix}_{code}": value for code, value in names.items()}


# The official municipality numbers (SCB kommunkod, SSB kommunenummer) by which the
# national statistics (Kolada, SSB) know each demo municipality.
STATISTICS_CODES = {
    "trondheim": "5001",
    "vaxjo": "0780",
    "linkoping": "0580",
    "norrkoping": "0581",
    "orebro": "1880",
    "gavle": "2180",
}


@transaction.atomic
def load(stdout=None) -> None:
    for slug, (country, language, tz, names) in MUNICIPALITIES.items():
        municipality, _ = Municipality.objects.get_or_create(
            slug=slug,
            defaults={
                "country": country,
                "default_language": language,
                "time_zone": tz,
                "is_demo": True,
                "name": names[language],
                **_names("name", names),
                **bodies_for(slug),
            },
        )
        # A demo loaded before the bodies' names existed gets them; names set since are kept.
        wanted = {**bodies_for(slug), "statistics_code": STATISTICS_CODES.get(slug, "")}
        missing = {f: v for f, v in wanted.items() if v and not getattr(municipality, f)}
        if missing:
            Municipality.objects.filter(pk=municipality.pk).update(**missing)
            for field, value in missing.items():
                setattr(municipality, field, value)
        departments = []
        for dslug, kind, dnames in departments_for(slug):
            department, _ = Department.objects.get_or_create(
                municipality=municipality,
                slug=dslug,
                defaults={"kind": kind, "name": dnames[language], **_names("name", dnames)},
            )
            departments.append(department)
        people = _PEOPLE[slug]
        _user(f"{slug}-coordinator", *people[0], municipality, Role.COORDINATOR, [])
        # Every department has its own named contact person.
        for index, department in enumerate(departments):
            _user(
                contact_username(slug, index, department.slug),
                *people[2 + index],
                municipality,
                Role.DEPARTMENT_CONTACT,
                [department],
            )
        _user(f"{slug}-council", *people[1], municipality, Role.COUNCIL_MEMBER, [])
        _accessibility_statement(municipality)
    # A contact person who has left (her account deactivated, as the municipality's
    # identity service does when someone leaves): she is still named for Kultur og
    # næring, next to its active contact, so the coordinator's continuity list shows her.
    _user(
        LEFT_USERNAME,
        "Marte",
        "Kvam",
        Municipality.objects.get(slug="trondheim"),
        Role.DEPARTMENT_CONTACT,
        [Department.objects.get(municipality__slug="trondheim", slug="kultur-naering")],
        active=False,
    )
    # The joint international office of Linköping and Norrköping works in both.
    for slug in ("linkoping", "norrkoping"):
        _user(
            "joint-office",
            "Maria",
            "Sjöberg",
            Municipality.objects.get(slug=slug),
            Role.COORDINATOR,
            [],
        )


def _user(username, first, last, municipality, role, departments, active=True):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            "is_active": active,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    membership, created = Membership.objects.get_or_create(
        user=user, municipality=municipality, role=role
    )
    if created and departments:  # later changes to whom a contact answers for are kept
        membership.departments.set(departments)
    return user


def print_logins(stdout) -> None:
    stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})\n")
    memberships = (
        Membership.objects.filter(user__username__in=_demo_usernames())
        .select_related("user", "municipality")
        .prefetch_related("departments")
        .order_by("municipality__slug", "role", "user__username")
    )
    for membership in memberships:
        # Department names as the municipality writes them, whatever the admin's language.
        language = membership.municipality.default_language
        departments = ", ".join(
            getattr(d, f"name_{language}", None) or d.name for d in membership.departments.all()
        )
        left = "" if membership.user.is_active else "  (has left: cannot log in)"
        stdout.write(
            f"  {membership.user.username:<40} {membership.municipality.slug:<11} "
            f"{membership.role:<19} {departments}{left}\n"
        )


def _demo_usernames():
    names = ["joint-office", LEFT_USERNAME]
    for slug in MUNICIPALITIES:
        names += [f"{slug}-coordinator", f"{slug}-council"]
        names += [
            contact_username(slug, index, dslug)
            for index, (dslug, _, _) in enumerate(departments_for(slug))
        ]
    return names


_SCANNED = {
    "sv": "Några äldre vänortsavtal finns bara som inskannade PDF-filer utan text. "
    "Kontakta oss så får du innehållet i ett tillgängligt format.",
    "nb": "Noen eldre vennskapsavtaler finnes bare som skannede PDF-filer uten tekst. "
    "Kontakt oss, så får du innholdet i et tilgjengelig format.",
    "en": "Some older twin-town agreements exist only as scanned PDF files without text. "
    "Contact us and we will send the content in an accessible format.",
}


def _accessibility_statement(municipality: Municipality) -> None:
    """A filled-in statement (created once; a coordinator's later edits are kept).
    Functional demo addresses under example.org, never a person's."""
    if municipality.country == "NO":
        defaults = {
            "feedback_email": f"universell.utforming.{municipality.slug}@example.org",
            "feedback_phone": "+47 00 00 00 00",
            "uustatus_url": "https://uustatus.no/nb/erklaringer/publisert/"
            "00000000-0000-4000-8000-000000000000",
        }
    else:
        defaults = {
            "feedback_email": f"tillganglighet.{municipality.slug}@example.org",
            "feedback_phone": "+46 00 000 00 00",
        }
    if municipality.slug in ("vaxjo", "trondheim"):
        defaults.update({f"shortcomings_{code}": text for code, text in _SCANNED.items()})
    AccessibilityStatement.objects.get_or_create(
        municipality=municipality,
        defaults={
            "compliance": Compliance.PARTIAL,
            "assessment_method": AssessmentMethod.SELF,
            "assessed_on": datetime.date(2026, 10, 15),
            "prepared_on": datetime.date(2026, 10, 15),
            **defaults,
        },
    )
