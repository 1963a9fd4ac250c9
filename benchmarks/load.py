#!/usr/bin/env python
"""Bounded load benchmark on loopback: the main pages against /healthz (a bare Django view
through the same middleware stack: one `SELECT 1`, a JSON body), in one run, served by
gunicorn with production settings on the database in DATABASE_URL (PostgreSQL).

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/load.py --municipality vaxjo

Stops by itself: at most --requests requests or --seconds seconds per page. Starts and
stops its own gunicorn on a free loopback port. Prints, per page: requests per second,
median and p95 latency, the ratio to the bare view and the share of answers served from
a page cache (X-Page-Cache: hit); exits 1 when a page misses the target (≥ --min-share
of the bare view's throughput, default 35 %, and p95 ≤ --max-p95 × the bare view's,
default 4) or answers anything but 200.

--mixed R: while measuring, a separate process saves R rows a second (twin towns of
another municipality, and with --mixed-own also of the one measured) through the ORM,
so every save sends the signals a service's save sends: the page caches see the writes
of a reporting week. As in production, the workers share a Redis cache (--cache-url), so
anonymous requests after the warm-up are served from the public page cache
(intlstrategy/public_cache.py) and a logged-in user's reloads from their own copy
(intlstrategy/member_cache.py); --no-page-cache measures rendering every request.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_in(port: int, username: str, password: str, language: str) -> str:
    """Logs in through the real login form; returns the Cookie header of the session."""
    import re
    from http.cookies import SimpleCookie

    login = f"/{language}/accounts/login/"
    headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", login, headers=headers)
    response = conn.getresponse()
    page = response.read().decode()
    cookies = SimpleCookie()
    for header in response.msg.get_all("Set-Cookie") or []:
        cookies.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    )
    conn.request(
        "POST",
        login,
        body=body,
        headers={
            **headers,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken'].value}",
            "Referer": f"https://127.0.0.1{login}",
        },
    )
    response = conn.getresponse()
    response.read()
    session = SimpleCookie()
    for header in response.msg.get_all("Set-Cookie") or []:
        session.load(header)
    if response.status != 302 or "sessionid" not in session:
        raise SystemExit(f"Log-in as {username} failed (HTTP {response.status}).")
    conn.close()
    return f"sessionid={session['sessionid'].value}"


def hammer(
    port: int, path: str, *, requests: int, seconds: float, concurrency: int, cookie: str = ""
):
    """`concurrency` threads with keep-alive connections; returns (latencies, statuses, wall)."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    hits = [0]
    lock = threading.Lock()
    left = [requests]
    deadline = time.monotonic() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if left[0] <= 0 or time.monotonic() > deadline:
                    break
                left[0] -= 1
            start = time.perf_counter()
            try:
                headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
                if cookie:
                    headers["Cookie"] = cookie
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
                hit = response.getheader("X-Page-Cache") == "hit"
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
                hit = False
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
                hits[0] += hit
        conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, statuses, time.perf_counter() - began, hits[0]


def p95(values):
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipality", default="vaxjo")
    parser.add_argument("--language", default="sv")
    parser.add_argument("--requests", type=int, default=400, help="per page (upper bound)")
    parser.add_argument("--seconds", type=float, default=20, help="per page (upper bound)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/2"),
        help="shared cache of the gunicorn workers, as in production",
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="PUBLIC_PAGE_CACHE_SECONDS=0 and MEMBER_PAGE_CACHE_SECONDS=0: "
        "every page rendered for every request",
    )
    parser.add_argument(
        "--member",
        action="append",
        default=[],
        help="also measure pages of this logged-in user (against /healthz with "
        "the same session cookie); may be given several times",
    )
    parser.add_argument("--password", default="demo-portal-2026")
    parser.add_argument("--min-share", type=float, default=35.0, help="%% of bare throughput")
    parser.add_argument("--max-p95", type=float, default=4.0, help="× the bare view's p95")
    parser.add_argument(
        "--mixed", type=float, default=0.0, help="saves per second during the measurement"
    )
    parser.add_argument(
        "--mixed-own", action="store_true", help="the saves go to the measured municipality too"
    )
    args = parser.parse_args()

    m, lang = args.municipality, args.language
    pages = [
        "/healthz",
        f"/{lang}/{m}/",
        f"/{lang}/{m}/strategy/",
        f"/{lang}/{m}/twin-towns/",
        f"/{lang}/{m}/networks/",
        f"/{lang}/{m}/consulates-and-forum/",
        f"/{lang}/{m}/projects/",
        f"/{lang}/{m}/accessibility/",
        f"/api/v1/municipalities/{m}/projects/",
    ]
    member_pages = (
        [
            "/healthz",
            f"/{lang}/{m}/dashboard/",
            f"/{lang}/{m}/reporting/",
            f"/{lang}/{m}/strategy/",
            f"/{lang}/{m}/twin-towns/",
            f"/{lang}/{m}/projects/",
        ]
        if args.member
        else []
    )
    port = free_port()
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env = dict(
        os.environ,
        DEBUG="false",
        SECRET_KEY="benchmark-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
        CACHE_URL=args.cache_url,
        PUBLIC_PAGE_CACHE_SECONDS="0" if args.no_page_cache else "600",
        MEMBER_PAGE_CACHE_SECONDS="0" if args.no_page_cache else "300",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [
            str(Path(PY).with_name("gunicorn")),
            "intlstrategy.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    writer = None
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        # Warm up every page (imports, caches, connections).
        for path in pages:
            hammer(port, path, requests=20, seconds=5, concurrency=2)
        writer = start_writer(env, args) if args.mixed else None
        results = measure(port, pages, args)
        member_results = {}
        for member in args.member:
            cookie = log_in(port, member, args.password, lang)
            for path in member_pages:
                hammer(port, path, requests=20, seconds=5, concurrency=2, cookie=cookie)
            member_results[member] = measure(port, member_pages, args, cookie=cookie)
    finally:
        for process in (writer, server):
            if process is not None:
                process.terminate()
                try:
                    process.wait(60)  # a loaded machine may take a while
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    ok = report("anonymous", results, args)
    for member, measured in member_results.items():
        ok &= report(f"logged in as {member}", measured, args)
    return 0 if ok else 1


WRITER = """
import os, random, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intlstrategy.settings")
django.setup()
from partners.models import Relation
from intlstrategy.models import Municipality
measured, rate, own = {measured!r}, {rate!r}, {own!r}
others = Municipality.objects.exclude(slug=measured)
pool = list(Relation.objects.filter(municipality__in=others).values_list("pk", flat=True)[:500])
if own:
    pool += list(Relation.objects.filter(municipality__slug=measured).values_list("pk", flat=True))
rng = random.Random(1)
while pool:
    relation = Relation.objects.get(pk=rng.choice(pool))
    relation.save()  # post_save: the page caches see a content write
    time.sleep(1 / rate)
"""


def start_writer(env, args):
    """A process saving --mixed rows a second until terminated."""
    code = WRITER.format(measured=args.municipality, rate=args.mixed, own=args.mixed_own)
    return subprocess.Popen([PY, "-c", code], cwd=ROOT, env=env)


def measure(port, pages, args, cookie=""):
    results = {}
    for path in pages:
        latencies, statuses, wall, hits = hammer(
            port,
            path,
            requests=args.requests,
            seconds=args.seconds,
            concurrency=args.concurrency,
            cookie=cookie,
        )
        results[path] = (
            len(latencies) / wall,
            statistics.median(latencies),
            p95(latencies),
            statuses,
            hits / max(1, len(latencies)),
        )
    return results


def report(title, results, args) -> bool:
    base_rps, _, base_p95, _, _ = results["/healthz"]
    ok = True
    print(f"\n{title}")
    print(
        f"{'page':45} {'req/s':>7} {'median':>8} {'p95':>8} {'thr %':>6} {'p95 ×':>6} "
        f"{'hits':>5}  status"
    )
    for path, (rps, median, tail, statuses, hit_rate) in results.items():
        share, factor = rps / base_rps * 100, tail / base_p95
        meets = share >= args.min_share and factor <= args.max_p95
        good = set(statuses) == {200} and (path == "/healthz" or meets)
        ok &= good
        print(
            f"{path:45} {rps:7.1f} {median * 1000:6.1f}ms {tail * 1000:6.1f}ms "
            f"{share:5.0f}% {factor:6.2f} {hit_rate * 100:4.0f}%  {statuses}"
            f"{'' if good else '  <-- misses target'}"
        )
    return ok


if __name__ == "__main__":
    sys.exit(main())
