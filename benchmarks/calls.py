#!/usr/bin/env python
"""Cost of rendering the main pages, in-process, in a figure a busy machine cannot blur:
the number of Python function calls per request (cProfile), with the least CPU time and
the query count beside it. Page caches off, on the database in DATABASE_URL (read only).

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/calls.py
    .venv/bin/python benchmarks/calls.py --pyinstrument /tmp/profiles   # needs pyinstrument

On a 2-core machine shared with other test runs, timings move by 30 % from run to run
while the call count of a page moves by a few calls: compare two commits by it (issue 14).
A call is not a fixed cost (a template variable lookup is cheap, a query dear), so read
it beside the CPU time and the queries, not instead of them.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
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
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="bench-static-"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipality", default="vaxjo")
    parser.add_argument("--member", default="vaxjo-coordinator")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pyinstrument", metavar="DIR", help="also write a profile per page")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("collectstatic", "--noinput", verbosity=0)
    m = args.municipality
    pages = [
        (None, "/healthz"),
        (None, f"/sv/{m}/twin-towns/"),
        (None, f"/sv/{m}/projects/"),
        (None, f"/api/v1/municipalities/{m}/projects/"),
        (args.member, "/healthz"),
        (args.member, f"/sv/{m}/dashboard/"),
        (args.member, f"/sv/{m}/twin-towns/"),
        (args.member, f"/sv/{m}/projects/"),
    ]
    clients = {}
    print(f"{'page':45} {'as':>20} {'calls':>8} {'least CPU':>10} {'queries':>8}")
    for user, url in pages:
        if user not in clients:
            client = clients[user] = Client(HTTP_X_FORWARDED_PROTO="https", secure=True)
            if user:
                client.force_login(get_user_model().objects.get(username=user))
        client = clients[user]
        for _ in range(3):  # warm: templates compiled, connection open
            assert client.get(url).status_code == 200, url
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            client.get(url)
        profile.disable()
        calls = pstats.Stats(profile).total_calls // args.repeat
        cpu = []
        for _ in range(args.repeat):
            start = time.process_time()
            client.get(url)
            cpu.append(time.process_time() - start)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(
            f"{url:45} {user or 'anonymous':>20} {calls:8d} {min(cpu) * 1000:8.1f}ms "
            f"{len(queries):8d}"
        )
        if args.pyinstrument:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
            for _ in range(args.repeat):
                client.get(url)
            profiler.stop()
            name = f"{user or 'anonymous'}{url.replace('/', '_')}.txt"
            Path(args.pyinstrument).mkdir(parents=True, exist_ok=True)
            (Path(args.pyinstrument) / name).write_text(profiler.output_text(show_all=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
