"""Each crawl run names the machine and the process that ran it: the crawl child's pid
while it runs (`run_crawls_in_child`, as the scheduler runs crawls), the process's own
pid for `portalfeed crawl` in the foreground, and this machine's hostname."""

from __future__ import annotations

import multiprocessing
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.profiles import BUILTIN_DIR
from crawler.store.store import Store
from portalfeed.config import Config
from portalfeed.crawl_child import run_crawls_in_child
from portalfeed.fixture_server import FixtureServer

PORTAL = "phutho-fixture"


@pytest.fixture
def slow_portal() -> Iterator[str]:
    """The fixture portal answering each request 0.3 s late: a crawl that lasts."""
    with FixtureServer(delay_s=0.3) as server:
        yield server.url


@pytest.fixture
def config(tmp_path: Path) -> Config:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    text = (BUILTIN_DIR / f"{PORTAL}.toml").read_text(encoding="utf-8")
    (profiles / f"{PORTAL}.toml").write_text(
        text.replace("[politeness]\n", "[politeness]\nautothrottle = false\n"), encoding="utf-8")
    return Config(workdir=tmp_path, profiles_dir=str(profiles), stop_grace_s=1,
                  log_level="WARNING")


def poll(check, what: str):
    for _ in range(1200):  # a ceiling for slow machines, not a measurement
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def test_a_running_crawl_names_this_host_and_its_child_pid(config: Config,
                                                           slow_portal: str) -> None:
    stop, out = threading.Event(), []
    thread = threading.Thread(target=lambda: out.append(run_crawls_in_child(
        config, [PORTAL], {PORTAL: slow_portal}, timeout_s=120, stop=stop)), daemon=True)
    thread.start()
    store = Store(config.database_url)
    try:
        child_pid = poll(lambda: [c.pid for c in multiprocessing.active_children()
                                  if c.name == "portalfeed-crawl"], "the crawl child")[0]
        run = poll(lambda: [r for r in store.runs(PORTAL) if r.pid], "the run's pid")[0]
        assert (run.outcome, run.host, run.pid) == ("running", socket.gethostname(), child_pid)
        assert run.pid != os.getpid()
        stop.set()
        thread.join(60)
        [result] = out[0]
        [ended] = store.runs(PORTAL)
        assert (ended.id, ended.outcome) == (result.run_id, "interrupted")
        assert (ended.host, ended.pid) == (socket.gethostname(), child_pid)
    finally:
        stop.set()
        store.close()


def test_a_worker_node_name_is_recorded_as_the_host(config: Config, fixture_portal: str
                                                    ) -> None:
    [result] = run_crawls_in_child(config, [PORTAL], {PORTAL: fixture_portal}, timeout_s=120,
                                   job_id="crawl:x:1", host="celery@node-7")
    store = Store(config.database_url)
    try:
        [run] = store.runs(PORTAL)
    finally:
        store.close()
    assert (run.id, run.outcome, run.job_id) == (result.run_id, "ok", "crawl:x:1")
    assert run.host == "celery@node-7"
    assert isinstance(run.pid, int) and run.pid not in (0, os.getpid())


def test_portalfeed_crawl_names_this_host_and_its_own_pid(config: Config,
                                                          fixture_portal: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTALFEED_")}
    env["PORTALFEED_PROFILES_DIR"] = config.profiles_dir
    proc = subprocess.Popen(
        [sys.executable, "-m", "portalfeed", "--workdir", str(config.workdir), "crawl", PORTAL,
         "--fetch-base", fixture_portal, "--no-publish"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    store = Store(config.database_url)
    try:
        [run] = store.runs(PORTAL)
    finally:
        store.close()
    assert (run.outcome, run.host, run.pid) == ("ok", socket.gethostname(), proc.pid)
