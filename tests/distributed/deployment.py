"""A distributed portalfeed deployment on one machine, for the tests in this folder and
benchmarks/scale.py: a working directory whose `portalfeed.toml` points at a PostgreSQL
database and a Redis database, the fleet's profiles, and `portalfeed worker` /
`portalfeed schedule` processes started as a real operator starts them.

Every process runs in its own session (its own process group), with stdout and stderr
in a log file of the working directory, so a test can SIGKILL one worker and its
children as a dying machine would, and show the logs when it fails.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

POLL_S = 0.2


class Service:
    """One `portalfeed ...` process in the foreground of its own process group."""

    def __init__(self, name: str, args: list[str], workdir: Path, env: dict[str, str]) -> None:
        self.name = name
        self.log = workdir / "logs" / f"{name}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), *args],
                stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, grace_s: float = 30.0) -> int | None:
        """SIGTERM to its group (a warm shutdown), SIGKILL to everything left after grace_s."""
        if self.alive():
            _signal_group(self.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(grace_s)
        self.kill()
        return self.proc.returncode

    def kill(self) -> list[int]:
        """SIGKILL the process, its group and every descendant (a crawl child runs in a
        group of its own), as when the machine dies; returns the pids killed."""
        victims = [self.pid, *descendants(self.pid)] if self.alive() else []
        _signal_group(self.pid, signal.SIGKILL)
        for pid in victims:
            _signal(pid, signal.SIGKILL)
        self.proc.wait(10)
        return victims

    def tail(self, chars: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


def _signal(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signum)


def descendants(pid: int) -> list[int]:
    """Every live descendant of pid, from /proc (children first found, then theirs)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            ppid = _ppid(entry)
            if ppid is not None:
                parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def _ppid(entry: Path) -> int | None:
    try:
        stat = (entry / "stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])  # the name in (...) may hold spaces


def alive(pid: int) -> bool:
    """Running (a zombie no parent reaped yet does not count)."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def crawl_children(service: Service) -> list[int]:
    """Crawl child processes running under a worker (spawned: `spawn_main` in argv)."""
    return [pid for pid in descendants(service.pid) if "spawn_main" in cmdline(pid)]


def wait_for(check: Callable[[], Any], timeout_s: float, what: str,
             explain: Callable[[], str] = lambda: "", poll_s: float = POLL_S) -> Any:
    """Poll `check` until it returns something true; fail naming `what` after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what}: not within {timeout_s:g} s\n{explain()}")
        time.sleep(poll_s)


@dataclass
class Deployment:
    """A working directory configured for distributed mode, and its processes."""

    workdir: Path
    profiles_dir: Path
    db_url: str
    broker_url: str
    settings: dict[str, Any] = field(default_factory=dict)  # more portalfeed.toml keys
    services: list[Service] = field(default_factory=list)

    def write_config(self) -> None:
        values = {"db_url": self.db_url, "broker_url": self.broker_url,
                  "profiles_dir": str(self.profiles_dir), "jitter_s": 0,
                  "log_level": "INFO", "publish_delay_s": 2, **self.settings}
        lines = [f"{key} = {_toml(value)}" for key, value in values.items()]
        (self.workdir / "portalfeed.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def prepare(self) -> None:
        """The configuration file, and the schema created as an operator does it before
        starting anything (until a worker's first job, the database is empty)."""
        self.write_config()
        done = self.portalfeed("db", "upgrade")
        if done.returncode != 0:
            raise RuntimeError(f"portalfeed db upgrade failed: {done.stderr.strip()}")

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PORTALFEED_")}
        return {**env, "PORTALFEED_CONFIG": str(self.workdir / "portalfeed.toml")}

    def portalfeed(self, *args: str, timeout_s: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "portalfeed", "--workdir", str(self.workdir), *args],
            capture_output=True, text=True, env=self.env, timeout=timeout_s)

    def start(self, name: str, *args: str) -> Service:
        service = Service(name, list(args), self.workdir, self.env)
        self.services.append(service)
        return service

    def start_worker(self, name: str, concurrency: int = 1,
                     queues: str = "crawl,publish") -> Service:
        return self.start(name, "worker", "--concurrency", str(concurrency),
                          "--queues", queues, "--hostname", f"{name}@%h")

    def stop_all(self) -> None:
        for service in self.services:
            service.stop()

    def logs(self, chars: int = 3000) -> str:
        return "\n".join(f"--- {s.name} (pid {s.pid}, exit {s.proc.returncode}) ---\n"
                         f"{s.tail(chars)}" for s in self.services)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def rows(db_url: str, sql: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of one read-only query on the deployment's database, as dicts."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(text(sql), params)]
    finally:
        engine.dispose()

