"""Fixtures of the distributed tests: a Redis database of their own on the session's
redis-server, the configuration that points at it, `portalfeed worker` processes and a
slow fixture portal."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from portalfeed.config import Config, load_config
from portalfeed.fixture_server import FixtureServer

# Databases 8-15 of the session's redis-server, one per test, emptied first: other
# suites sharing the server keep the low numbers.
_DATABASES = itertools.cycle(range(8, 16))


@pytest.fixture
def redis_url(redis_server) -> Iterator[str]:
    url = redis_server.url.rsplit("/", 1)[0] + f"/{next(_DATABASES)}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def distributed_env(redis_url: str, **extra: object) -> dict[str, str]:
    env = {"PORTALFEED_BROKER_URL": redis_url, "PORTALFEED_JITTER_S": "0",
           "PORTALFEED_PUBLISH_DELAY_S": "1"}
    env.update({f"PORTALFEED_{k.upper()}": str(v) for k, v in extra.items()})
    return env


@pytest.fixture
def make_env(redis_url: str) -> Callable[..., dict[str, str]]:
    """`make_env(lock_ttl_s=2, ...)`: PORTALFEED_* variables of a distributed deployment
    on this test's Redis database."""
    return lambda **extra: distributed_env(redis_url, **extra)


@pytest.fixture
def distributed_config(tmp_path: Path, redis_url: str) -> Config:
    return load_config(tmp_path, env=distributed_env(redis_url, lock_ttl_s=3))


WAIT_S = 180  # a ceiling for slow CI machines, not a measurement


def _wait_for(what: str, check: Callable[[], Any], timeout: float = WAIT_S) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def wait_for() -> Callable[..., Any]:
    """`wait_for(what, check)`: poll `check` until it returns something true."""
    return _wait_for


class Worker:
    """A `portalfeed worker` process with its log in a file."""

    def __init__(self, workdir: Path, env: dict[str, str], name: str) -> None:
        self.log_path = workdir / f"{name}.log"
        self.workdir, self.env, self.name = workdir, env, name
        self.proc: subprocess.Popen | None = None

    def start(self) -> Worker:
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "portalfeed", "--workdir", str(self.workdir), "worker",
                 "--hostname", f"{self.name}@test"],
                stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **self.env})
        _wait_for(f"{self.name} ready", lambda: "ready." in self.log())
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # warm shutdown
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[Callable[..., Worker]]:
    """`worker(env, name)`: a Worker in this test's directory (not started), stopped
    at the end of the test."""
    made: list[Worker] = []

    def make(env: dict[str, str], name: str) -> Worker:
        made.append(Worker(tmp_path, env, name))
        return made[-1]

    yield make
    for w in made:
        w.stop()


@pytest.fixture
def slow_portal() -> Iterator[str]:
    """Base URL of the fixture portal answering each request 0.2 s late: a crawl of
    about ten seconds (AutoThrottle keeps it to about one request at a time)."""
    with FixtureServer(delay_s=0.2) as server:
        yield server.url
