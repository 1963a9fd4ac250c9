"""Build a large instance for speed measurements (docs/benchmarks.md).

    python manage.py generate_scale_data --municipalities 50 --departments 30 --years 10

Everything is made with bulk_create (no history rows, no e-mails, no tasks) and marked
is_demo where the model has the flag. Municipality slugs are `scale-<n>`; a second run
adds municipalities after the existing ones, so it never duplicates.
"""

from __future__ import annotations

import datetime
import random
import time

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from intlstrategy import public_cache

COUNTRIES = ["DE", "PL", "LT", "LV", "EE", "FI", "FR", "NL", "ES", "IT", "US", "CN", "TZ"]
CATEGORIES = ["project_agreement", "political_focus", "solidarity", "dormant"]


def populate(
    municipality,
    *,
    departments: int,
    years: int,
    unit: int = 0,
    projects_per_year=1,
    relations: int = 4,
    password: str | None = None,
    rng=None,
) -> dict[str, int]:
    """Adds `departments` departments (with a contact each), `relations` twin towns,
    a network membership, projects and `years` reporting rounds with a report per
    department to `municipality`. `unit` keeps slugs unique when called again."""
    from intlstrategy.models import Department, Membership, Role, User
    from partners.models import NetworkMembership, Organisation, Relation
    from projects.models import Project
    from reporting.models import DepartmentReport, ReportingRound

    rng = rng or random.Random(unit)
    counts: dict[str, int] = {}
    password = password or make_password(None)
    made = Department.objects.bulk_create(
        Department(
            municipality=municipality,
            slug=f"dep-{unit}-{n}",
            name=f"Department {unit}-{n}",
            name_en=f"Department {unit}-{n}",
            name_sv=f"Förvaltning {unit}-{n}",
            name_nb=f"Virksomhet {unit}-{n}",
        )
        for n in range(departments)
    )
    counts["departments"] = len(made)
    users = User.objects.bulk_create(
        User(
            username=f"{municipality.slug}-{unit}-{n}",
            first_name="Kim",
            last_name=f"K{n}",
            email=f"{municipality.slug}-{unit}-{n}@example.org",
            password=password,
        )
        for n in range(departments)
    )
    memberships = Membership.objects.bulk_create(
        Membership(user=user, municipality=municipality, role=Role.DEPARTMENT_CONTACT)
        for user in users
    )
    Membership.departments.through.objects.bulk_create(
        Membership.departments.through(membership_id=m.pk, department_id=d.pk)
        for m, d in zip(memberships, made, strict=True)
    )
    counts["users"] = len(users)
    Relation.objects.bulk_create(
        Relation(
            municipality=municipality,
            city=f"City {unit}-{n}",
            city_en=f"City {unit}-{n}",
            country=rng.choice(COUNTRIES),
            category=rng.choice(CATEGORIES),
            established_year=1950 + rng.randrange(70),
            is_demo=True,
        )
        for n in range(relations)
    )
    counts["relations"] = relations
    organisation = Organisation.objects.create(
        name=f"Network {municipality.slug} {unit}",
        name_en=f"Network {municipality.slug} {unit}",
        kind="city_network",
        country="BE",
    )
    NetworkMembership.objects.create(
        municipality=municipality, organisation=organisation, since=2000, is_demo=True
    )
    this_year = datetime.date.today().year
    first_year = this_year - years
    projects = []
    for department in made:
        for year in range(first_year, this_year):
            for n in range(projects_per_year):
                projects.append(
                    Project(
                        municipality=municipality,
                        lead_department=department,
                        title=f"Project {department.slug} {year}-{n}",
                        title_en=f"Project {department.slug} {year}-{n}",
                        status=rng.choice(["ongoing", "completed", "submitted", "rejected"]),
                        start_date=datetime.date(year, 1, 1),
                        end_date=datetime.date(year + rng.randrange(1, 4), 12, 31),
                        currency="EUR",
                        grant=rng.randrange(10_000, 2_000_000),
                        is_demo=True,
                    )
                )
    Project.objects.bulk_create(projects, batch_size=2000)
    counts["projects"] = len(projects)
    existing = set(
        ReportingRound.objects.filter(municipality=municipality).values_list("year", flat=True)
    )
    rounds = ReportingRound.objects.bulk_create(
        ReportingRound(
            municipality=municipality,
            year=year,
            deadline=datetime.date(year + 1, 2, 28),
            status="open" if year == this_year - 1 else "closed",
            is_demo=True,
        )
        for year in range(first_year, this_year)
        if year not in existing
    )
    all_rounds = list(
        ReportingRound.objects.filter(municipality=municipality, year__gte=first_year)
    )
    ReportingRound.departments.through.objects.bulk_create(
        [
            ReportingRound.departments.through(reportinground_id=r.pk, department_id=d.pk)
            for r in all_rounds
            for d in made
        ],
        batch_size=5000,
    )
    reports = DepartmentReport.objects.bulk_create(
        [
            DepartmentReport(
                round=r,
                department=d,
                is_demo=True,
                status="approved" if r.status == "closed" else "draft",
            )
            for r in all_rounds
            for d in made
        ],
        batch_size=5000,
    )
    counts["rounds"] = len(rounds)
    counts["reports"] = len(reports)
    public_cache.invalidate()  # bulk_create sends no signals
    return counts


class Command(BaseCommand):
    help = "Builds a large instance (municipalities × departments × years) with bulk_create."

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=50)
        parser.add_argument("--departments", type=int, default=30)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--relations", type=int, default=8, help="Twin towns per municipality.")
        parser.add_argument(
            "--projects-per-year", type=int, default=1, help="Projects per department and year."
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiplies municipalities, departments and relations.",
        )
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        from intlstrategy.models import Municipality

        scale = options["scale"]
        n_municipalities = max(1, round(options["municipalities"] * scale))
        n_departments = max(1, round(options["departments"] * scale))
        n_relations = max(1, round(options["relations"] * scale))
        rng = random.Random(options["seed"])
        start = time.monotonic()
        taken = Municipality.objects.filter(slug__startswith="scale-").count()
        password = make_password(None)  # unusable: these accounts cannot log in
        totals: dict[str, int] = {}
        for index in range(taken, taken + n_municipalities):
            with transaction.atomic():
                municipality = Municipality.objects.create(
                    slug=f"scale-{index}",
                    name=f"Scale {index}",
                    name_en=f"Scale {index}",
                    name_sv=f"Skala {index} kommun",
                    country="SE",
                    default_language="sv",
                    is_demo=True,
                )
                counts = populate(
                    municipality,
                    departments=n_departments,
                    years=options["years"],
                    relations=n_relations,
                    projects_per_year=options["projects_per_year"],
                    password=password,
                    rng=rng,
                )
            for key, value in counts.items():
                totals[key] = totals.get(key, 0) + value
        totals["municipalities"] = n_municipalities
        self.stdout.write(
            f"Made in {time.monotonic() - start:.1f} s: "
            + ", ".join(f"{v} {k}" for k, v in sorted(totals.items()))
        )
