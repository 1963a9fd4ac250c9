#!/usr/bin/env python
"""Growth benchmark: does a page's cost depend on what it shows, or on how much data the
instance holds? In one run, in-process (Django's test client, no HTTP server), with the
page caches off, on a throw-away PostgreSQL database:

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/growth.py
    .venv/bin/python benchmarks/growth.py --scales 1 3 10 --repeat 15 --tenants 6

One municipality, `growth-home`, is measured; it is the same at every scale (departments,
relations, projects, rounds and reports of generate_scale_data's `populate`, with a
coordinator, a department contact and a council member). The instance grows around it:
at N× there are N × --tenants other municipalities of the same size (generate_scale_data
`populate`), and N × as many history-free rows in every table. Each main page and API
endpoint is requested --repeat times per scale (after one warm-up request) and the
least CPU time of a request (time.process_time of this process: Django, templates,
psycopg; PostgreSQL's own CPU is not in it), the median, and the query count are
printed, with the growth of the least CPU time from the first scale to the last. Exits
1 when a page's CPU grows by more than --limit (default 15 %) or its query count
changes, except for a list whose output grows with the instance (the municipalities).

CPU time rather than wall-clock time, and the least of the repeats rather than the
median: the machine is shared, and other processes make a request slower (and, through
the CPU's caches, somewhat costlier) but never cheaper. On a loaded machine the median
still varies by 10-30 % from scale to scale: read the least.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intlstrategy.settings")
os.environ["PUBLIC_PAGE_CACHE_SECONDS"] = "0"
os.environ["MEMBER_PAGE_CACHE_SECONDS"] = "0"
os.environ["API_RATE_LIMIT"] = ""
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "benchmark-" + "k" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ["TEST_DATABASE_NAME"] = "bench_growth"
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="bench-static-"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 3, 10])
    parser.add_argument("--tenants", type=int, default=20, help="other municipalities at 1×")
    parser.add_argument("--departments", type=int, default=30)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--relations", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--limit", type=float, default=15.0, help="allowed CPU growth, %%")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("collectstatic", "--noinput", verbosity=0)

    old_name = connection.settings_dict["NAME"]
    print("Creating and migrating the database bench_growth …", flush=True)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        results = run(args)
    finally:
        if not args.keep_db:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    return report(results, args)


def run(args):
    import datetime

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from intlstrategy.management.commands.generate_scale_data import populate
    from intlstrategy.models import Department, Membership, Municipality, Role, User

    sizes = dict(departments=args.departments, years=args.years, relations=args.relations)
    home = Municipality.objects.create(
        slug="growth-home",
        name="Home",
        name_sv="Hemby kommun",
        country="SE",
        default_language="sv",
    )
    populate(home, unit=0, **sizes)
    department = Department.objects.filter(municipality=home).order_by("slug").first()
    people = {}
    for role in (Role.COORDINATOR, Role.COUNCIL_MEMBER, Role.DEPARTMENT_CONTACT):
        user = User.objects.create(username=f"growth-{role}", email=f"{role}@example.org")
        membership = Membership.objects.create(user=user, municipality=home, role=role)
        if role == Role.DEPARTMENT_CONTACT:
            membership.departments.add(department)
        people[role] = user
    year = datetime.date.today().year - 1
    m = home.slug
    pages = [
        (f"/sv/{m}/", None),
        (f"/sv/{m}/strategy/", None),
        (f"/sv/{m}/twin-towns/", None),
        (f"/sv/{m}/networks/", None),
        (f"/sv/{m}/projects/", None),
        (f"/sv/{m}/projects/year/{year}/", None),
        (f"/sv/{m}/dashboard/", Role.COORDINATOR),
        (f"/sv/{m}/dashboard/", Role.DEPARTMENT_CONTACT),
        (f"/sv/{m}/departments/", Role.COORDINATOR),
        (f"/sv/{m}/people/", Role.COORDINATOR),
        (f"/sv/{m}/twin-towns/", Role.COORDINATOR),
        (f"/sv/{m}/projects/", Role.COORDINATOR),
        (f"/sv/{m}/projects/pipeline/", Role.COORDINATOR),
        (f"/sv/{m}/reporting/", Role.COORDINATOR),
        (f"/sv/{m}/reporting/{year}/", Role.COORDINATOR),
        (f"/sv/{m}/reporting/{year}/{department.slug}/", Role.DEPARTMENT_CONTACT),
        (f"/sv/{m}/reporting/followups/", Role.COUNCIL_MEMBER),
        ("/api/v1/municipalities/", None),  # lists every municipality: output grows
        (f"/api/v1/municipalities/{m}/projects/", None),
        (f"/api/v1/municipalities/{m}/twin-towns/", None),
        (f"/api/v1/municipalities/{m}/networks/", None),
        (f"/api/v1/municipalities/{m}/strategies/", None),
    ]
    clients = {None: Client()}
    for role, user in people.items():
        clients[role] = Client()
        clients[role].force_login(user)

    results = {}  # (url, role) -> {scale: (cpu median, wall median, queries)}
    made = 0
    for scale in args.scales:
        wanted = scale * args.tenants
        start = time.monotonic()
        for unit in range(made, wanted):
            tenant = Municipality.objects.create(
                slug=f"growth-{unit}",
                name=f"Growth {unit}",
                country="NO",
                default_language="nb",
            )
            populate(tenant, unit=unit + 1, **sizes)
        made = wanted
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
        print(
            f"{scale}×: {made} other municipalities, database {size / 2**20:.0f} MB "
            f"(built in {time.monotonic() - start:.0f} s)",
            flush=True,
        )
        for url, role in pages:
            client = clients[role]
            cache.clear()
            response = client.get(url)
            assert response.status_code == 200, (url, role, response.status_code)
            cpu, wall = [], []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    c0, w0 = time.process_time(), time.perf_counter()
                    response = client.get(url)
                    if response.streaming:
                        b"".join(response.streaming_content)
                    c1, w1 = time.process_time(), time.perf_counter()
                cpu.append(c1 - c0)
                wall.append(w1 - w0)
            results.setdefault((url, role), {})[scale] = (
                min(cpu),
                statistics.median(cpu),
                len(queries),
            )
    return results


def report(results, args) -> int:
    first, last = args.scales[0], args.scales[-1]
    heads = "".join(f"{f'{s}× least':>10}{'median':>9}{'q':>4}" for s in args.scales)
    print(f"\nCPU per request (ms), queries\n{'page':58}{'as':>16}{heads}{'growth':>9}")
    ok = True
    for (url, role), by_scale in results.items():
        cells = "".join(
            f"{by_scale[s][0] * 1000:10.1f}{by_scale[s][1] * 1000:9.1f}{by_scale[s][2]:4d}"
            for s in args.scales
        )
        growth = (by_scale[last][0] / by_scale[first][0] - 1) * 100
        same_queries = len({by_scale[s][2] for s in args.scales}) == 1
        output_grows = url == "/api/v1/municipalities/"
        good = output_grows or (growth <= args.limit and same_queries)
        ok &= good
        print(
            f"{url:58}{role or 'anonymous':>16}{cells}{growth:+8.0f}%"
            + ("" if good else "  <-- grows")
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
