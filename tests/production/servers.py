"""Real server processes for tests: gunicorn and a Celery worker with production settings
on the test database, started on loopback and always stopped again.

Each process logs to a file in the test's tmp directory; a failure to start raises with
the tail of that log. `stop()` terminates, then kills, the whole process group.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(settings_dict) -> str:
    """A DATABASE_URL for the database the test runs on (the test database's real name)."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or "5432"
    return f"postgres://{user}:{password}@{host}:{port}/{settings_dict['NAME']}"


def binary(name: str) -> str:
    path = BIN / name
    if not path.exists():
        raise AssertionError(
            f"{path} is missing: the load test needs the real {name} "
            f"(install the project's dependencies with scripts/test)."
        )
    return str(path)


def production_env(**overrides) -> dict[str, str]:
    """The environment of a production deployment, on loopback and without TLS."""
    env = dict(os.environ)
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "TEST_DATABASE_NAME", "PYTEST_CURRENT_TEST"):
        env.pop(name, None)
    env.update(
        DEBUG="false",
        SECRET_KEY="load-test-" + "k" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Process:
    def __init__(self, name: str, args: list[str], env: dict[str, str], log: Path):
        self.name, self.log = name, log
        self._handle = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.popen = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=self._handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

    def check_alive(self) -> None:
        if self.popen.poll() is not None:
            raise AssertionError(
                f"{self.name} exited with {self.popen.returncode}:\n{tail(self.log)}"
            )

    def wait_for(self, ready, *, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            if ready():
                return
            time.sleep(0.1)
        raise AssertionError(
            f"{self.name} was not {what} within {timeout:.0f} s:\n{tail(self.log)}"
        )

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM to the process group (warm shutdown), SIGKILL if it lingers."""
        if self.popen.poll() is None:
            try:
                os.killpg(self.popen.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.popen.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.popen.wait(5)
        else:
            # The master is gone; make sure no orphaned child of its group survives.
            try:
                os.killpg(self.popen.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._handle.close()


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def collectstatic(env: dict[str, str]) -> subprocess.Popen:
    """Started in the background: DEBUG=false serves the hashed static files (whitenoise)."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def start_gunicorn(env: dict[str, str], log: Path, *, workers: int = 3) -> tuple[Process, int]:
    port = free_port()
    process = Process(
        "gunicorn",
        [
            binary("gunicorn"),
            "intlstrategy.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
        ],
        env,
        log,
    )
    return process, port


def start_celery_worker(
    env: dict[str, str], log: Path, *, queue: str, concurrency: int = 2
) -> Process:
    return Process(
        "celery worker",
        [
            binary("celery"),
            "-A",
            "intlstrategy",
            "worker",
            "--loglevel",
            "INFO",
            "--pool",
            "prefork",
            "--concurrency",
            str(concurrency),
            "--queues",
            queue,
            "--hostname",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env,
        log,
    )


def worker_ready(process: Process) -> bool:
    try:
        return b" ready." in process.log.read_bytes()
    except OSError:
        return False
