"""A worker's run names its node: a real `portalfeed worker` on the session's
redis-server crawls the fixture portal; its run row carries the worker's node name and
the pid of the crawl child it started."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from crawler.store.store import Store
from portalfeed.config import load_config

PORTAL = "phutho-fixture"


def enqueue(workdir: Path, env: dict[str, str], base: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "enqueue", PORTAL,
         "--fetch-base", f"{PORTAL}={base}"],
        capture_output=True, text=True, env={**os.environ, **env}, timeout=120)
    assert done.returncode == 0, done.stderr
    (job,) = done.stdout.split()
    return job


def test_a_workers_run_names_its_node_and_its_crawl_child(
        tmp_path: Path, make_env: Callable, worker: Callable, wait_for: Callable,
        fixture_portal: str) -> None:
    env = make_env(lock_ttl_s=4)
    w1 = worker(env, "w1").start()
    store = Store(load_config(tmp_path, env=env).database_url)
    try:
        job = enqueue(tmp_path, env, fixture_portal)
        (run,) = wait_for("the crawl", lambda: [r for r in store.runs(PORTAL)
                                                if r.job_id == job and r.outcome == "ok"])
    finally:
        store.close()
    assert run.host == "w1@test"
    # The crawl child's pid: neither the worker's main process nor this test's.
    assert isinstance(run.pid, int) and run.pid not in (0, w1.proc.pid, os.getpid())
    # The log names the process that ran the task; the run names the child it started.
    task_pid = re.search(rf"job {re.escape(job)} started on w1@test/(\d+)", w1.log())
    assert task_pid and int(task_pid.group(1)) != run.pid
