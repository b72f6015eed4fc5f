"""Real PostgreSQL and Redis servers for the tests, started on 127.0.0.1 and stopped after.

Both come from Debian's packages (`postgresql`, `redis-server`; `.ci/run` installs
them).  Each server gets a throwaway data folder and a free port, so tests never
touch a server someone else runs.  PostgreSQL refuses to run as root: when the
tests run as root (CI), the cluster is created and run as the `postgres` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT_S = 30.0


class ServerUnavailable(RuntimeError):
    """A server binary is missing or did not start; the message says how to fix it."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, name: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerUnavailable(f"{name} exited with {proc.returncode}: {_tail(log)}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ServerUnavailable(f"{name} did not listen on 127.0.0.1:{port} within "
                            f"{START_TIMEOUT_S:.0f} s: {_tail(log)}")


def _tail(log: Path) -> str:
    try:
        return log.read_text(errors="replace")[-2000:]
    except OSError:
        return "(no log)"


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class RedisServer:
    """`redis-server` with no persistence, on a free loopback port."""

    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None
    tmp: tempfile.TemporaryDirectory | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server")
        if binary is None:
            raise ServerUnavailable("redis-server not found: apt-get install redis-server")
        self.tmp = tempfile.TemporaryDirectory(prefix="portalfeed-redis-")
        log = Path(self.tmp.name) / "redis.log"
        self.proc = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", self.tmp.name, "--logfile", str(log),
             "--protected-mode", "yes"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port, self.proc, "redis-server", log)
        return self

    def stop(self) -> None:
        if self.proc is not None:
            _stop(self.proc)
        if self.tmp is not None:
            self.tmp.cleanup()

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _pg_bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise ServerUnavailable("PostgreSQL not found: apt-get install postgresql")
    return Path(initdb).parent


@dataclass
class PostgresServer:
    """A throwaway PostgreSQL cluster (trust auth, loopback only) on a free port."""

    port: int = field(default_factory=free_port)
    proc: subprocess.Popen | None = None
    tmp: tempfile.TemporaryDirectory | None = None
    user: str = "portalfeed"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{name}"

    def start(self) -> PostgresServer:
        bindir = _pg_bindir()
        self.tmp = tempfile.TemporaryDirectory(prefix="portalfeed-pg-")
        root = Path(self.tmp.name)
        data, log = root / "data", root / "postgres.log"
        as_root = os.geteuid() == 0
        if as_root:  # postgres will not run as root
            shutil.chown(root, "postgres", "postgres")
        self._run([str(bindir / "initdb"), "-D", str(data), "-U", self.user, "-A", "trust",
                   "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], as_root)
        cmd = [str(bindir / "postgres"), "-D", str(data), "-p", str(self.port),
               "-h", "127.0.0.1", "-k", str(root), "-c", "fsync=off",
               "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
               "-c", "max_connections=200"]
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(_as_postgres(cmd) if as_root else cmd,
                                         stdout=out, stderr=subprocess.STDOUT)
        _wait_for_port(self.port, self.proc, "postgres", log)
        return self

    def _run(self, cmd: list[str], as_root: bool) -> None:
        done = subprocess.run(_as_postgres(cmd) if as_root else cmd,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise ServerUnavailable(f"{cmd[0]} failed: {done.stderr[-2000:]}")

    def create_database(self, name: str) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=self.user,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def stop(self) -> None:
        if self.proc is not None:
            _stop(self.proc)
        if self.tmp is not None:
            self.tmp.cleanup()

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd]
