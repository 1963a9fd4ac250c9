"""Reports under load: real gunicorn and a real Celery worker (Redis broker) on the test
database in PostgreSQL, driven over loopback by one thread per department contact.

A coordinator opens the round through the web; the worker e-mails the invitations (into a
file mailbox). Then every contact, released together, logs in through the login form,
starts the department's report, saves the draft three times and submits. On top of that:
some contacts work in two sessions at once (both press "start", both save from the same
version, then both submit, or one submits while the other removes the only activity), the
coordinator approves and returns reports while the others are
still submitting, and the invitation task is delivered a second time.

Asserted: no response is a server error (or anything unexpected), every report is
submitted exactly once with its contact's last saved text, a frozen project snapshot and
every required part,
each collision has exactly one winner and a clear answer for the loser, every contact got
exactly one invitation, and no task is left in Redis. A summary (requests, statuses, wall
time, p95) is printed; the figures are in docs/benchmarks.md.
"""

from __future__ import annotations

import datetime
import email
import json
import os
import re
import statistics
import threading
import time
import traceback
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
import redis
import requests
from django.contrib.auth.hashers import make_password
from django.db import connection

from tests.factories import PASSWORD, DepartmentFactory
from tests.production import servers

YEAR = 2026
DEPARTMENTS = 24
COLLIDING = 4  # contacts working in two sessions at once (first departments)
APPROVED = 4  # reports the coordinator approves while others are still submitting (next)
RETURNED = 1  # reports the coordinator returns; the contact fixes and resubmits (next)
SAVES = 3
# No time budget: the work is bounded by count (the contacts and their steps above) and
# every wait by progress (an event another thread sets, or its failure), not by the clock:
# on a machine busy with other test runs it takes longer and still passes. The time
# limits left are guards against a hang, far above any answer of a loaded machine. How
# fast it ran is printed, never asserted; benchmarks/ measures speed.
REQUEST_TIMEOUT = 120  # seconds for one request, or one wait at a barrier
STARTUP_TIMEOUT = 180  # seconds for collectstatic, gunicorn to listen, the worker to be ready
HANG_GUARD = 30 * 60  # seconds for the whole load, only ever reached by a hang
TASK = "reporting.tasks.notify_round_opened_task"

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="expected_version" value="(\d+)"')
DELETE_ACTIVITY = re.compile(r'action="(/[^"]+/activities/\d+/delete/)"')
TEXT_FIELDS = re.compile(r'<textarea name="((?:comment|result)_\d+)"')

SAVED = "The draft was saved."
SUBMITTED = "The report was submitted to the international coordinator."
NOT_EDITABLE = "This report has been submitted and can no longer be changed."
INCOMPLETE = "The report could not be submitted. This is missing:"
CONFLICT = "after you started editing. Your changes were not saved"
APPROVED_MSG = "The report was approved."
RETURNED_MSG = "The report was returned to the department."
NOT_SUBMITTED = "Only a submitted report can be returned or approved."


# --- the HTTP side ----------------------------------------------------------------------


class Log:
    """Every HTTP response (each redirect hop counts), by kind: status and latency."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rows: list[tuple[str, int, float]] = []

    def add(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.rows.append((kind, status, seconds))


class Browser:
    """One person's browser session: cookies, the latest CSRF token, the proxy headers."""

    def __init__(self, port: int, log: Log):
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        self.session = requests.Session()
        self.session.headers.update(
            {
                "X-Forwarded-Proto": "https",
                "Origin": f"https://127.0.0.1:{port}",
                "Accept-Language": "en",
            }
        )
        self.token = None

    def request(self, method: str, path: str, kind: str, data=None) -> requests.Response:
        if method == "POST":
            data = {**(data or {}), "csrfmiddlewaretoken": self.token}
        hops = []
        url = self.base + path
        while True:  # redirects by hand: the cookies must be fixed up after every hop
            start = time.perf_counter()
            try:
                response = self.session.request(
                    method, url, data=data, allow_redirects=False, timeout=REQUEST_TIMEOUT
                )
            except requests.RequestException:
                self.log.add(kind, 0, time.perf_counter() - start)  # 0 = no answer at all
                raise
            self.log.add(kind, response.status_code, time.perf_counter() - start)
            self._plain_cookies()
            hops.append(response)
            if not response.is_redirect or len(hops) > 5:
                break
            method, data = "GET", None
            url = urljoin(url, response.headers["Location"])
        response.history = hops[:-1]
        found = TOKEN.search(response.text)
        if found:
            self.token = found.group(1)
        return response

    def _plain_cookies(self) -> None:
        """The cookies are `Secure` (TLS ends at the proxy in production); here the proxy
        is simulated with X-Forwarded-Proto, so send them over plain loopback HTTP too."""
        for cookie in self.session.cookies:
            cookie.secure = False

    def get(self, path: str, kind: str = "page") -> requests.Response:
        return self.request("GET", path, kind)

    def post(self, path: str, kind: str, data=None) -> requests.Response:
        return self.request("POST", path, kind, data)

    def log_in(self, username: str) -> None:
        self.get("/en/accounts/login/", "login")
        response = self.post(
            "/en/accounts/login/", "login", {"username": username, "password": PASSWORD, "next": ""}
        )
        assert response.history and response.history[0].status_code == 302, (
            f"login of {username} failed: {response.status_code}"
        )


def at_once(*actions, timeout: float = REQUEST_TIMEOUT + 5):
    """Run the actions in their own threads, released together; results in order."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout)
            results[index] = action()
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            results[index] = exc

    threads = [
        threading.Thread(target=run, args=(i, a), daemon=True) for i, a in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a request hung"
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def redirected(response) -> bool:
    return bool(response.history) and response.history[0].status_code == 302


@dataclass
class Draft:
    """The report form as the page shows it: the version and the text fields."""

    version: str
    fields: list[str]

    @classmethod
    def parse(cls, html: str) -> Draft:
        version = VERSION.search(html)
        fields = TEXT_FIELDS.findall(html)
        assert version and fields, "the report page shows no editable report form"
        return cls(version.group(1), fields)

    def data(self, text: str, *, no_activities: bool) -> dict[str, str]:
        data = {name: f"{text} ({name})" for name in self.fields}
        data["expected_version"] = self.version
        if no_activities:
            data["no_activities"] = "on"
        return data


@dataclass
class Plan:
    index: int
    slug: str
    username: str
    role: str  # "normal", "colliding", "approved", "returned"
    urls: dict[str, str] = field(default_factory=dict)
    final_text: str | None = None
    notes: list[str] = field(default_factory=list)
    submitted: threading.Event = field(default_factory=threading.Event)
    returned: threading.Event = field(default_factory=threading.Event)


class Stopped(Exception):
    """Another thread failed: this one stops waiting for it."""


def wait_for(event: threading.Event, stop: threading.Event, what: str) -> None:
    while not event.wait(0.2):
        if stop.is_set():
            raise Stopped(what)


# --- one contact's work ------------------------------------------------------------------


def text_for(plan: Plan, step: str) -> str:
    return f"{plan.slug} {step} {uuid.uuid4().hex[:8]}"


def save(browser: Browser, plan: Plan, draft: Draft, text: str) -> Draft:
    response = browser.post(
        plan.urls["save"], "save", draft.data(text, no_activities=plan.index % 2 == 0)
    )
    assert redirected(response) and SAVED in response.text, (
        f"{plan.slug}: save refused ({response.status_code})"
    )
    return Draft.parse(response.text)


def add_activity(browser: Browser, plan: Plan) -> None:
    response = browser.post(
        plan.urls["activity"],
        "activity",
        {
            "activity-kind": "conference",
            "activity-date": f"{YEAR}-05-04",
            "activity-title": f"Network conference of {plan.slug}",
            "activity-partner": "Eurocities",
            "activity-participants": "2",
        },
    )
    assert redirected(response) and "The activity was added." in response.text, (
        f"{plan.slug}: activity refused ({response.status_code})"
    )


def submit_data(browser: Browser, plan: Plan) -> dict[str, str]:
    """The submit button belongs to the report's form: it sends the page's texts (the
    last saved ones) and the version the page shows."""
    draft = Draft.parse(browser.get(plan.urls["report"]).text)
    return draft.data(plan.final_text, no_activities=plan.index % 2 == 0)


def submit(browser: Browser, plan: Plan) -> None:
    response = browser.post(plan.urls["submit"], "submit", submit_data(browser, plan))
    assert redirected(response) and SUBMITTED in response.text, (
        f"{plan.slug}: submit refused ({response.status_code})"
    )
    plan.submitted.set()


def file_report(
    plan: Plan, port: int, log: Log, start: threading.Barrier, stop: threading.Event
) -> None:
    a = Browser(port, log)
    b = Browser(port, log) if plan.role == "colliding" else None
    start.wait(REQUEST_TIMEOUT)
    a.log_in(plan.username)
    page = a.get(plan.urls["report"])
    assert "Start the report" in page.text, f"{plan.slug}: no start button"

    if b is None:
        response = a.post(plan.urls["start"], "start")
        assert redirected(response), f"{plan.slug}: start refused ({response.status_code})"
    else:
        # The same contact in two browser tabs: both press "Start the report" at once.
        b.log_in(plan.username)
        b.get(plan.urls["report"])
        both = at_once(
            lambda: a.post(plan.urls["start"], "start"), lambda: b.post(plan.urls["start"], "start")
        )
        assert all(redirected(r) for r in both), [r.status_code for r in both]
        response = both[0]
    draft = Draft.parse(response.text)

    if plan.index % 2:
        add_activity(a, plan)
        draft = Draft.parse(a.get(plan.urls["report"]).text)
    for step in range(1, SAVES + 1):
        text = text_for(plan, f"save {step}")
        draft = save(a, plan, draft, text)
    plan.final_text = text

    if b is None:
        submit(a, plan)
    else:
        # Both tabs save from the same version at once: one is saved, the other is told
        # and gets its own text back; it then saves again from the current version.
        draft_b = Draft.parse(b.get(plan.urls["report"]).text)
        assert draft_b.version == draft.version
        texts = (text_for(plan, "tab A"), text_for(plan, "tab B"))
        both = at_once(
            lambda: a.post(
                plan.urls["save"], "save", draft.data(texts[0], no_activities=plan.index % 2 == 0)
            ),
            lambda: b.post(
                plan.urls["save"], "save", draft_b.data(texts[1], no_activities=plan.index % 2 == 0)
            ),
        )
        won = [i for i, r in enumerate(both) if redirected(r) and SAVED in r.text]
        lost = [i for i, r in enumerate(both) if r.status_code == 409 and CONFLICT in r.text]
        assert len(won) == 1 and len(lost) == 1, [r.status_code for r in both]
        loser = (a, b)[lost[0]]
        assert texts[lost[0]] in both[lost[0]].text  # the loser's own text is kept
        plan.notes.append(f"save collision: tab {'AB'[won[0]]} won")
        draft = Draft.parse(loser.get(plan.urls["report"]).text)
        plan.final_text = texts[lost[0]]
        save(loser, plan, draft, plan.final_text)
        if plan.index % 2 == 0:
            # Both tabs submit at once: exactly one submission, the other a clear refusal.
            data_a, data_b = submit_data(a, plan), submit_data(b, plan)
            both = at_once(
                lambda: a.post(plan.urls["submit"], "submit", data_a),
                lambda: b.post(plan.urls["submit"], "submit", data_b),
            )
            assert all(redirected(r) for r in both), [r.status_code for r in both]
            outcomes = sorted(
                "won" if SUBMITTED in r.text else "refused" if NOT_EDITABLE in r.text else "unclear"
                for r in both
            )
            assert outcomes == ["refused", "won"], outcomes
            plan.submitted.set()
        else:
            # Tab A submits while tab B removes the report's only activity: either the
            # submission wins (the removal is refused) or the removal does (the submission
            # is refused as incomplete) -- never both.
            remove = DELETE_ACTIVITY.search(b.get(plan.urls["report"]).text)
            assert remove, f"{plan.slug}: no activity to remove"
            data_a = submit_data(a, plan)
            submitted, removed = at_once(
                lambda: a.post(plan.urls["submit"], "submit", data_a),
                lambda: b.post(remove.group(1), "remove activity"),
            )
            assert redirected(removed), removed.status_code
            if SUBMITTED in submitted.text:
                assert NOT_EDITABLE in removed.text, f"{plan.slug}: removed after submission"
                plan.notes.append("submit beat the removal")
                plan.submitted.set()
            else:
                assert "The activity was removed." in removed.text
                assert submitted.status_code == 200 and INCOMPLETE in submitted.text
                plan.notes.append("removal beat the submit")
                add_activity(a, plan)
                submit(a, plan)

    if plan.role == "returned":
        # Wait for the coordinator to return the report, fix it, submit it again.
        wait_for(plan.returned, stop, f"{plan.slug}: the coordinator's return")
        page = a.get(plan.urls["report"])
        assert "Returned by the coordinator" in page.text, f"{plan.slug}: not returned"
        draft = Draft.parse(page.text)
        plan.final_text = text_for(plan, "after return")
        save(a, plan, draft, plan.final_text)
        submit(a, plan)


def review(
    plans: list[Plan],
    coordinator: str,
    port: int,
    log: Log,
    start: threading.Barrier,
    stop: threading.Event,
    decisions: dict[str, str],
) -> None:
    """The coordinator decides on reports as soon as they exist, racing the submissions:
    until a report is submitted, the answer is a clear refusal."""
    browser = Browser(port, log)
    start.wait(REQUEST_TIMEOUT)
    browser.log_in(coordinator)
    pending = {p.slug: p for p in plans if p.role in ("approved", "returned")}
    while pending:
        if stop.is_set():
            raise Stopped(f"never reviewed: {sorted(pending)}")
        for slug, plan in list(pending.items()):
            page = browser.get(plan.urls["report"], "review page")
            if "Start the report" in page.text:  # not started yet: nothing to decide on
                continue
            if plan.role == "approved":
                response = browser.post(plan.urls["approve"], "approve")
                done = APPROVED_MSG
            else:
                response = browser.post(
                    plan.urls["return"],
                    "return",
                    {"comment": "Please add the budget of each project."},
                )
                done = RETURNED_MSG
            assert redirected(response), response.status_code
            if done in response.text:
                decisions[slug] = plan.role
                del pending[slug]
                plan.returned.set()
            else:
                assert NOT_SUBMITTED in response.text, f"{slug}: unclear answer to the review"
        # Racing the submissions, as a coordinator reloading the page would: the next
        # round as soon as a report is submitted, else after a moment.
        for plan in pending.values():
            if plan.submitted.is_set():
                break
        else:
            stop.wait(0.2)


# --- the servers --------------------------------------------------------------------------


def mailbox(path) -> list[email.message.Message]:
    messages = []
    separator = b"\n" + b"-" * 79 + b"\n"
    for file in sorted(path.glob("*.log")):
        for chunk in file.read_bytes().split(separator):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip()))
    return messages


@pytest.fixture
def redis_db():
    url = os.environ.get("TEST_REDIS_URL")
    assert url, "TEST_REDIS_URL is not set: run the tests with scripts/test (it starts Redis)."
    url = url.rsplit("/", 1)[0] + "/14"  # another database than the other tests use
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis at {url} does not answer ({exc}); scripts/test starts it.")
    queue = f"loadtest-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    yield url, client, queue
    # Remove this run's keys only (other runs may share the database, never the queue).
    for key in client.scan_iter(f"*{queue}*"):
        client.delete(key)
    for tag, raw in client.hgetall("unacked").items():
        if queue.encode() in raw:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


@pytest.fixture
def production_stack(transactional_db, redis_db, tmp_path):
    """gunicorn (3 sync workers) and a Celery worker on the test database; stopped in the
    end whatever happens. Yields the port, processes, mail directory and Redis."""
    url, client, queue = redis_db
    mail_dir = tmp_path / "mail"
    env = servers.production_env(
        DATABASE_URL=servers.database_url(connection.settings_dict),
        DJANGO_SETTINGS_MODULE="tests.production.load_settings",
        LOAD_TEST_CELERY_QUEUE=queue,
        CELERY_BROKER_URL=url,
        # django-environ drops the first "/" of the path: four slashes for an absolute one.
        EMAIL_URL=f"filemail:///{mail_dir}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        SITE_URL="https://portal.example.org",
    )
    collecting = servers.collectstatic(env)
    processes = []
    try:
        worker = servers.start_celery_worker(env, tmp_path / "worker.log", queue=queue)
        processes.append(worker)
        output, _ = collecting.communicate(timeout=STARTUP_TIMEOUT)
        assert collecting.returncode == 0, f"collectstatic failed:\n{output.decode()[-2000:]}"
        gunicorn, port = servers.start_gunicorn(env, tmp_path / "gunicorn.log", workers=3)
        processes.append(gunicorn)
        gunicorn.wait_for(
            lambda: servers.port_open(port), timeout=STARTUP_TIMEOUT, what="listening"
        )
        worker.wait_for(lambda: servers.worker_ready(worker), timeout=STARTUP_TIMEOUT, what="ready")
        health = requests.get(
            f"http://127.0.0.1:{port}/healthz",
            timeout=REQUEST_TIMEOUT,
            headers={"X-Forwarded-Proto": "https"},
        )
        assert health.status_code == 200, health.text
        yield SimpleNamespace(
            port=port,
            gunicorn=gunicorn,
            worker=worker,
            mail_dir=mail_dir,
            redis=client,
            queue=queue,
            redis_url=url,
        )
    finally:
        if collecting.poll() is None:
            collecting.kill()
            collecting.wait(5)
        for process in reversed(processes):
            process.stop()


# --- the test -----------------------------------------------------------------------------


def p95(values):
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


@pytest.mark.django_db(transaction=True)
def test_many_contacts_saving_and_submitting_at_once_lose_nothing_and_get_no_server_error(
    municipality, production_stack, capsys
):
    from celery import Celery

    from intlstrategy.models import Department, Membership, Role, User
    from reporting import services
    from reporting.models import DepartmentReport, ReminderSent, ReportingRound, ReportStatus
    from tests.reporting.factories import ProjectFactory, adopted_goal_areas

    stack = production_stack
    port, worker, mail_dir, queue = stack.port, stack.worker, stack.mail_dir, stack.queue

    # --- data: departments, one contact each, a project each, an adopted strategy ---------
    password = make_password(PASSWORD)  # hashed once: the factories would hash 25 times
    goal_areas = adopted_goal_areas(municipality)

    def person(username, role, departments=()):
        user = User.objects.create(
            username=username,
            email=f"{username}@example.org",
            first_name=username.capitalize(),
            last_name="Load",
            password=password,
            preferred_language="en",
        )
        membership = Membership.objects.create(user=user, municipality=municipality, role=role)
        membership.departments.set(departments)
        return user

    plans = []
    for i in range(DEPARTMENTS):
        department = DepartmentFactory(municipality=municipality, slug=f"dept-{i:02d}")
        contact = person(f"contact{i:02d}", Role.DEPARTMENT_CONTACT, [department])
        ProjectFactory(
            municipality=municipality,
            lead_department=department,
            title=f"Baltic project {i:02d}",
            start_date=datetime.date(YEAR, 1, 1),
        )
        role = (
            "colliding"
            if i < COLLIDING
            else "approved"
            if i < COLLIDING + APPROVED
            else "returned"
            if i < COLLIDING + APPROVED + RETURNED
            else "normal"
        )
        base = f"/en/{municipality.slug}/reporting/{YEAR}/{department.slug}/"
        plans.append(
            Plan(
                i,
                department.slug,
                contact.username,
                role,
                urls={
                    "report": base,
                    "start": base + "start/",
                    "save": base + "save/",
                    "submit": base + "submit/",
                    "activity": base + "activities/",
                    "approve": base + "approve/",
                    "return": base + "return/",
                },
            )
        )
    coordinator = person("coordinator", Role.COORDINATOR)

    log = Log()
    began = time.perf_counter()

    # --- the coordinator opens the round through the web: the worker sends invitations ---
    opener = Browser(port, log)
    opener.log_in(coordinator.username)
    opener.get(f"/en/{municipality.slug}/reporting/rounds/new/")
    response = opener.post(
        f"/en/{municipality.slug}/reporting/rounds/new/",
        "open round",
        {
            "year": str(YEAR),
            "deadline": f"{YEAR + 1}-02-28",
            "departments": [
                str(pk)
                for pk in Department.objects.filter(municipality=municipality).values_list(
                    "pk", flat=True
                )
            ],
            "instructions_en": "Report your international work.",
        },
    )
    assert redirected(response), response.status_code
    round = ReportingRound.objects.get(municipality=municipality, year=YEAR)
    assert round.departments.count() == DEPARTMENTS

    # The same invitation task delivered a second time (a retry, a redelivery after a
    # worker restart): it must send nothing more.
    with Celery("loadtest", broker=stack.redis_url) as producer:
        producer.send_task(TASK, args=[round.pk], queue=queue)

    # --- the load: every contact and the coordinator released together -------------------
    start = threading.Barrier(DEPARTMENTS + 1)
    stop = threading.Event()  # set when a thread fails: the others stop waiting for it
    failures: dict[str, str] = {}
    decisions: dict[str, str] = {}

    def guarded(name, work, *args):
        try:
            work(*args)
        except Stopped:
            pass  # the failure that stopped it is the one reported
        except BaseException:  # noqa: BLE001 - reported by the test below
            failures[name] = traceback.format_exc(limit=3)
            stop.set()
            start.abort()  # nobody waits forever for a thread that died early

    threads = [
        threading.Thread(
            name=p.slug,
            target=guarded,
            daemon=True,
            args=(p.slug, file_report, p, port, log, start, stop),
        )
        for p in plans
    ]
    threads.append(
        threading.Thread(
            name="coordinator",
            target=guarded,
            daemon=True,
            args=(
                "coordinator",
                review,
                plans,
                coordinator.username,
                port,
                log,
                start,
                stop,
                decisions,
            ),
        )
    )
    load_began = time.perf_counter()
    for thread in threads:
        thread.start()
    guard = time.monotonic() + HANG_GUARD
    for thread in threads:
        thread.join(max(0.1, guard - time.monotonic()))
    if any(t.is_alive() for t in threads):
        stop.set()  # let the pollers go before the servers are stopped
    load_wall = time.perf_counter() - load_began
    hung = [t.name for t in threads if t.is_alive()]

    # --- the worker: both deliveries of the invitation task processed, nothing left ------
    succeeded: list[str] = []
    # Both were queued before the load began, so they are long done; this only waits
    # for the log to show it.
    seen_by = time.monotonic() + REQUEST_TIMEOUT
    while time.monotonic() < seen_by:
        succeeded = re.findall(
            rf"Task {re.escape(TASK)}\[[^\]]+\] succeeded in [^:]+: (\d+)",
            worker.log.read_text(errors="replace"),
        )
        if len(succeeded) >= 2:
            break
        worker.check_alive()
        time.sleep(0.2)
    waiting = stack.redis.llen(queue)
    unacked = [raw for raw in stack.redis.hvals("unacked") if queue.encode() in raw]
    wall = time.perf_counter() - began

    # --- the summary --------------------------------------------------------------------
    statuses = Counter(status for _kind, status, _s in log.rows)
    by_kind = defaultdict(list)
    for kind, _status, seconds in log.rows:
        by_kind[kind].append(seconds)
    latencies = [seconds for _kind, _status, seconds in log.rows]
    lines = [
        f"reports under load: {DEPARTMENTS} contacts + 1 coordinator, "
        f"{len(log.rows)} responses in {load_wall:.1f} s of load ({wall:.1f} s in all), "
        f"{len(log.rows) / load_wall:.1f} responses/s",
        f"  statuses: {dict(sorted(statuses.items()))}; all responses: median "
        f"{statistics.median(latencies) * 1000:.0f} ms, p95 {p95(latencies) * 1000:.0f} ms",
    ]
    for kind, values in sorted(by_kind.items()):
        median = statistics.median(values)
        lines.append(
            f"  {kind:15} n={len(values):4}  median {median * 1000:5.0f}"
            f" ms  p95 {p95(values) * 1000:5.0f} ms  max {max(values) * 1000:5.0f} ms"
        )
    lines.append(
        f"  worker: invitation task runs sent {succeeded}; queue {waiting}, "
        f"unacked {len(unacked)}; "
        + "; ".join(f"{p.slug}: {', '.join(p.notes)}" for p in plans if p.notes)
    )
    with capsys.disabled():
        print("\n" + "\n".join(lines))

    # --- the assertions ------------------------------------------------------------------
    assert not hung, f"threads hung ({HANG_GUARD} s without finishing the load): {hung}"
    assert not failures, json.dumps(failures, indent=1)
    server_errors = [(k, s) for k, s, _ in log.rows if s >= 500 or s == 0]
    assert not server_errors, (server_errors, servers.tail(stack.gunicorn.log))
    unexpected = [
        (k, s) for k, s, _ in log.rows if s not in (200, 302) and not (k == "save" and s == 409)
    ]
    assert not unexpected, unexpected
    assert statuses[409] == COLLIDING  # exactly the deliberate save collisions

    reports = {
        r.department.slug: r
        for r in DepartmentReport.objects.filter(round=round)
        .select_related("department", "submitted_by")
        .prefetch_related("project_rows__project", "results")
    }
    assert sorted(reports) == sorted(p.slug for p in plans), "a report is missing"
    for plan in plans:
        report = reports[plan.slug]
        expected = {"approved": ReportStatus.APPROVED}.get(plan.role, ReportStatus.SUBMITTED)
        assert report.status == expected, (plan.slug, report.status)
        assert report.submitted_by.username == plan.username
        history = sorted(report.history.all(), key=lambda h: (h.history_date, h.history_id))
        submissions = sum(
            1
            for before, after in zip([None, *history], history, strict=False)
            if after.status == ReportStatus.SUBMITTED
            and (before is None or before.status != ReportStatus.SUBMITTED)
        )
        assert submissions == (2 if plan.role == "returned" else 1), (plan.slug, submissions)
        rows = list(report.project_rows.all())
        assert len(rows) == 1, (plan.slug, "project rows", len(rows))  # no double start
        for row in rows:
            assert row.comment == f"{plan.final_text} (comment_{row.pk})", plan.slug
            assert row.snapshot and row.snapshot["title"] == row.project.title, plan.slug
        assert services.report_missing_parts(report) == [], plan.slug  # complete as submitted
        assert report.activities.count() == plan.index % 2, plan.slug
        texts = sorted(result.text for result in report.results.all())
        assert texts == sorted(f"{plan.final_text} (result_{area.pk})" for area in goal_areas), (
            plan.slug,
            texts,
        )
    assert decisions == {p.slug: p.role for p in plans if p.role in ("approved", "returned")}

    # The invitations: sent by the worker, exactly one per contact, however the two
    # deliveries of the task (run side by side by the worker's two processes) shared them.
    assert len(succeeded) == 2 and sum(map(int, succeeded)) == DEPARTMENTS, succeeded
    assert ReminderSent.objects.filter(round=round).count() == DEPARTMENTS
    # Every e-mail of the week, each once: the round opened to every contact, each
    # submission to the coordinator (a returned report is submitted twice), and the
    # decision to the contact whose report was approved or returned.
    recipients = Counter(message["To"] for message in mailbox(mail_dir))
    expected = Counter(f"{p.username}@example.org" for p in plans)
    expected.update(
        f"{p.username}@example.org" for p in plans if p.role in ("approved", "returned")
    )
    expected["coordinator@example.org"] = sum(2 if p.role == "returned" else 1 for p in plans)
    assert recipients == expected, recipients
    assert waiting == 0 and not unacked, (waiting, unacked)


# --- regressions found by the load test ------------------------------------------------------
# The views load the report, then call the service; a submission by another tab or person
# can commit in between. The service must check the report's state under the row lock that
# report_submit also takes, not on the object the view loaded.


@pytest.fixture
def submitted_with_a_stale_copy(municipality, department, contact):
    """A complete draft with one activity and one trip, the report, activity and trip as a
    view loaded them, and then the report submitted by someone else."""
    from reporting import services
    from reporting.models import DepartmentReport, ReportActivity, Trip
    from tests.reporting.factories import ProjectFactory, adopted_goal_areas, make_round

    goal_areas = adopted_goal_areas(municipality)
    ProjectFactory(municipality=municipality, lead_department=department)
    report = services.report_start(
        round=make_round(municipality, [department]), department=department
    )
    report.refresh_from_db()
    services.report_save(
        report=report,
        expected_version=report.version,
        comments={row.pk: "Going well." for row in report.project_rows.all()},
        results={goal_areas[0].pk: "New partners."},
        no_activities=False,
    )
    services.activity_add(
        report=report,
        kind="conference",
        date=datetime.date(2025, 5, 4),
        title="Network conference",
        participants=2,
    )
    services.trip_add(report=report, destination="Brussels", mode="train", distance_km=1500)
    stale = DepartmentReport.objects.select_related("round").get(pk=report.pk)
    activity = ReportActivity.objects.select_related("report__round").get(report=report)
    trip = Trip.objects.select_related("report__round").get(report=report)
    services.report_submit(report=report, expected_version=report.version, by=contact)
    return stale, activity, trip


@pytest.mark.django_db
def test_the_only_activity_of_a_report_submitted_meanwhile_cannot_be_removed(
    submitted_with_a_stale_copy,
):
    from django.core.exceptions import ValidationError

    from reporting import services

    stale, activity, _trip = submitted_with_a_stale_copy
    with pytest.raises(ValidationError, match="has been submitted"):
        services.activity_delete(activity=activity)
    assert stale.activities.count() == 1  # the submitted report stays complete
    stale.refresh_from_db()
    assert services.report_missing_parts(stale) == []


@pytest.mark.django_db
def test_nothing_can_be_added_to_or_removed_from_a_report_submitted_meanwhile(
    submitted_with_a_stale_copy,
):
    from django.core.exceptions import ValidationError

    from reporting import services

    stale, _activity, trip = submitted_with_a_stale_copy
    with pytest.raises(ValidationError, match="has been submitted"):
        services.activity_add(
            report=stale,
            kind="conference",
            date=datetime.date(2025, 6, 1),
            title="Added after submission",
            participants=1,
        )
    with pytest.raises(ValidationError, match="has been submitted"):
        services.trip_add(report=stale, destination="Oslo", mode="train", distance_km=500)
    with pytest.raises(ValidationError, match="has been submitted"):
        services.trip_delete(trip=trip)
    assert stale.activities.count() == 1 and stale.trips.count() == 1


@pytest.mark.django_db
def test_a_draft_save_without_version_cannot_reopen_a_report_submitted_meanwhile(
    submitted_with_a_stale_copy,
):
    from django.core.exceptions import ValidationError

    from reporting import services

    stale, _activity, _trip = submitted_with_a_stale_copy
    with pytest.raises(ValidationError, match="has been submitted"):
        services.report_save(
            report=stale, expected_version=None, comments={}, results={}, no_activities=True
        )
    stale.refresh_from_db()
    assert stale.status == "submitted" and not stale.no_activities
