"""One active scheduler per deployment: a leader enqueues, a standby takes over when the
leader dies, and even two active schedulers enqueue each slot of a portal once.  The
messages are read back from the real Redis queue."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import redis

from crawler.profiles import get_profile
from portalfeed.config import Config
from portalfeed.distributed.app import make_app
from portalfeed.distributed.jobs import parse_job_id
from portalfeed.distributed.leader import SlotEnqueuer, run_leader
from portalfeed.distributed.locks import SCHEDULER_LOCK_KEY
from scheduler import Plan

PORTALS = ("phutho-fixture", "phutho")
WAIT_S = 120  # a ceiling for slow machines, not a measurement


def job_ids(client: redis.Redis) -> list[str]:
    return [json.loads(raw)["headers"]["id"] for raw in client.lrange("crawl", 0, -1)]


def wait_for(what: str, check: Callable[[], object]) -> object:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def test_two_active_schedulers_enqueue_a_slot_once(distributed_config: Config,
                                                   redis_client: redis.Redis) -> None:
    plan = Plan(tuple(get_profile(p, distributed_config.profiles_path) for p in PORTALS))
    app = make_app(distributed_config)
    first = SlotEnqueuer(app, redis_client, distributed_config, plan)
    second = SlotEnqueuer(app, redis_client, distributed_config, plan)
    for portal in PORTALS:  # both fire for the same hourly slot
        first(portal)
        second(portal)
    ids = job_ids(redis_client)
    assert sorted(ids) == sorted(first.enqueued + second.enqueued)
    assert sorted(parse_job_id(i)[0] for i in ids) == sorted(PORTALS)
    assert first.rounds == second.rounds == Counter(dict.fromkeys(PORTALS, 1))


def schedule(workdir: Path, env: dict[str, str], name: str) -> tuple[subprocess.Popen, Path]:
    log = workdir / f"{name}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "schedule",
             *(f"--portal={p}" for p in PORTALS), "--interval", "2"],
            stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **env})
    return proc, log


def test_a_standby_scheduler_takes_over_and_no_slot_is_enqueued_twice(
        tmp_path: Path, make_env: Callable, redis_client: redis.Redis) -> None:
    env = make_env(lock_ttl_s=3)
    leader, leader_log = schedule(tmp_path, env, "s1")
    try:
        wait_for("s1 leading", lambda: "leading" in leader_log.read_text())
        standby, standby_log = schedule(tmp_path, env, "s2")
        try:
            wait_for("s2 standing by", lambda: "standby" in standby_log.read_text())
            wait_for("a few slots", lambda: len(job_ids(redis_client)) >= 3 * len(PORTALS))
            leader.send_signal(signal.SIGKILL)  # no release: the lock has to expire
            leader.wait()
            killed_at = len(job_ids(redis_client))
            wait_for("s2 leading", lambda: "leading" in standby_log.read_text())
            wait_for("s2's slots", lambda: len(job_ids(redis_client)) >= killed_at + 4)
        finally:
            standby.send_signal(signal.SIGTERM)
            assert standby.wait(60) == 0
    finally:
        if leader.poll() is None:
            leader.kill()
            leader.wait()
    ids = job_ids(redis_client)
    assert len(ids) == len(set(ids)), Counter(ids).most_common(3)
    assert {parse_job_id(i)[0] for i in ids} == set(PORTALS)
    # The standby enqueued nothing while the leader lived, then took over.
    text = standby_log.read_text()
    assert " enqueued" in text and text.index("leading") < text.index(" enqueued")
    assert " enqueued" in leader_log.read_text()


def test_local_mode_imports_neither_redis_nor_celery() -> None:
    code = ("import sys, scheduler, portalfeed.cli as cli; cli._parser(); "
            "import portalfeed.commands.schedule; "
            "print(sorted(m for m in ('redis', 'celery', 'kombu') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_rounds_stop_a_leader_after_that_many_slots(distributed_config: Config,
                                                    redis_client: redis.Redis) -> None:
    profiles = tuple(get_profile(p, distributed_config.profiles_path) for p in PORTALS)
    done = run_leader(distributed_config, Plan(profiles, interval_s=1, rounds=2),
                      threading.Event())
    assert done.rounds == Counter(dict.fromkeys(PORTALS, 2))
    assert sorted(job_ids(redis_client)) == sorted(done.enqueued)
    assert len(done.enqueued) == 2 * len(PORTALS)
    assert not redis_client.exists(SCHEDULER_LOCK_KEY)  # released on the way out


def test_a_leader_that_loses_its_lock_stands_by(
        distributed_config: Config, redis_client: redis.Redis, wait_for: Callable,
        caplog) -> None:
    caplog.set_level(logging.INFO, logger="portalfeed.distributed")
    profiles = tuple(get_profile(p, distributed_config.profiles_path) for p in PORTALS)
    stopping = threading.Event()
    thread = threading.Thread(target=run_leader, args=(
        distributed_config, Plan(profiles, interval_s=1), stopping))
    thread.start()
    try:
        wait_for("leading", lambda: redis_client.exists(SCHEDULER_LOCK_KEY))
        redis_client.set(SCHEDULER_LOCK_KEY, "another-scheduler")  # it expired, was taken
        wait_for("standing by", lambda: "leadership lost" in caplog.text)
        enqueued = len(job_ids(redis_client))
        redis_client.delete(SCHEDULER_LOCK_KEY)  # the other one died: take over again
        wait_for("leading again", lambda: caplog.text.count("leading:") == 2)
        wait_for("enqueuing again", lambda: len(job_ids(redis_client)) > enqueued)
    finally:
        stopping.set()
        thread.join()
