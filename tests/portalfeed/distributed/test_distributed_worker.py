"""`portalfeed worker` end to end: real worker processes take jobs from the session's
redis-server and crawl the fixture portal with the real spider; the run history in the
store, the worker's log and its public/ are read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import feedparser
import redis

from crawler.store.store import Store
from portalfeed.config import load_config
from portalfeed.distributed.app import make_app
from portalfeed.distributed.locks import TokenLock, portal_lock_key
from portalfeed.fixture_server import FIXTURE_SITE

PORTAL = "phutho-fixture"
EXPECTED = sorted(p.stem for p in (FIXTURE_SITE.parent / "expected").glob("*.json"))


def enqueue(workdir: Path, env: dict[str, str], base: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "enqueue", PORTAL,
         "--fetch-base", f"{PORTAL}={base}"],
        capture_output=True, text=True, env={**os.environ, **env}, timeout=120)
    assert done.returncode == 0, done.stderr
    (job,) = done.stdout.split()
    return job


def runs_of(store: Store, job: str) -> list:
    return [r for r in store.runs(PORTAL) if r.job_id == job]


def ended(store: Store, job: str, outcome: str = "ok") -> list:
    return [r for r in runs_of(store, job) if r.outcome == outcome]


def test_a_worker_waits_for_the_lock_crawls_publishes_and_skips_a_duplicate(
        tmp_path: Path, make_env: Callable, worker: Callable, wait_for: Callable,
        redis_client: redis.Redis, fixture_portal: str) -> None:
    env = make_env(lock_ttl_s=4, base_url="https://feeds.example.vn/")
    w1 = worker(env, "w1").start()
    store = Store(load_config(tmp_path, env=env).database_url)
    other = TokenLock(redis_client, portal_lock_key(PORTAL), 60)
    assert other.acquire()  # another worker crawls the portal
    job = enqueue(tmp_path, env, fixture_portal)
    assert job.startswith(f"crawl:{PORTAL}:")
    wait_for("a locked retry", lambda: f"job {job} locked-retry #1" in w1.log())
    assert not runs_of(store, job)  # waiting runs nothing
    assert other.release()
    (run,) = wait_for("the crawl", lambda: ended(store, job))
    assert run.new == len(EXPECTED) and store.count(PORTAL) == len(EXPECTED)
    wait_for("the publish", lambda: "published:" in w1.log())
    feed = feedparser.parse((tmp_path / "public" / "feeds" / "all.rss").read_bytes())
    assert len(feed.entries) == len(EXPECTED)

    # Redis hands the same job out again (a visibility timeout ran out): skipped.
    make_app(load_config(tmp_path, env=env)).send_task(
        "portalfeed.crawl_portal", args=[PORTAL, job],
        kwargs={"fetch_base": fixture_portal}, queue="crawl")
    wait_for("the duplicate", lambda: f"job {job} skipped-duplicate" in w1.log())
    w1.stop()
    assert w1.proc.returncode == 0
    assert len(runs_of(store, job)) == 1 and store.count(PORTAL) == len(EXPECTED)
    log = w1.log()
    assert f"job {job} started on" in log and f"job {job} finished: {PORTAL}: ok" in log
    assert log.count("publish enqueued after") == 1
    assert not redis_client.exists(portal_lock_key(PORTAL))  # released
    store.close()


def test_a_job_whose_portal_stays_locked_is_given_up(
        tmp_path: Path, make_env: Callable, worker: Callable, wait_for: Callable,
        redis_client: redis.Redis) -> None:
    env = make_env(lock_ttl_s=2, crawl_timeout_s=1)
    w1 = worker(env, "w1").start()
    holder = TokenLock(redis_client, portal_lock_key(PORTAL), 600)
    assert holder.acquire()
    job = enqueue(tmp_path, env, "http://127.0.0.1:9/")
    store = Store(load_config(tmp_path, env=env).database_url)
    (run,) = wait_for("the give-up", lambda: ended(store, job, "failed"))
    assert "stayed locked by another worker" in run.error
    assert "locked-retry #2" in w1.log()
    assert holder.owned()  # nobody else touched it
    store.close()


def test_a_crawl_that_loses_its_lock_stops(
        tmp_path: Path, make_env: Callable, worker: Callable, wait_for: Callable,
        redis_client: redis.Redis, slow_portal: str) -> None:
    env = make_env(lock_ttl_s=3, stop_grace_s=2)
    w1 = worker(env, "w1").start()
    store = Store(load_config(tmp_path, env=env).database_url)
    job = enqueue(tmp_path, env, slow_portal)
    wait_for("the crawl to start", lambda: f"job {job} started" in w1.log())
    redis_client.set(portal_lock_key(PORTAL), "another-worker")  # it expired, was taken
    (run,) = wait_for("the stop", lambda: ended(store, job, "interrupted"))
    assert "portal lock lost" in run.error
    assert redis_client.get(portal_lock_key(PORTAL)) == b"another-worker"  # not released
    assert store.count(PORTAL) < len(EXPECTED)
    store.close()


def test_the_job_of_a_killed_worker_runs_again_on_another(
        tmp_path: Path, make_env: Callable, worker: Callable, wait_for: Callable,
        slow_portal: str) -> None:
    # The job comes back 10 s after w1 took it, well after w1 died (a worker alive
    # sweeps for expired deliveries every second at this timeout).
    env = make_env(lock_ttl_s=3, broker_visibility_timeout_s=10)
    w1, w2 = worker(env, "w1").start(), worker(env, "w2")
    store = Store(load_config(tmp_path, env=env).database_url)
    job = enqueue(tmp_path, env, slow_portal)
    wait_for("the crawl to start", lambda: f"job {job} started" in w1.log())
    w2.start()  # idle, alive: its periodic sweep must bring the job back
    wait_for("articles", lambda: store.count(PORTAL) >= 2)
    w1.proc.kill()  # the machine died: no ack, no goodbye
    w1.proc.wait()
    (run,) = wait_for("the job on w2", lambda: ended(store, job))
    assert f"job {job} started" in w2.log()
    assert run.new < len(EXPECTED)  # some were stored by the first worker
    assert store.count(PORTAL) == len(EXPECTED)
    outcomes = sorted(r.outcome for r in runs_of(store, job))
    assert outcomes == ["interrupted", "ok"]  # the dead worker's run, closed by the lock holder
    store.close()


def test_workers_write_runs_and_articles_to_postgresql(
        tmp_path: Path, make_env: Callable, worker: Callable, wait_for: Callable,
        postgres_server, fixture_portal: str) -> None:
    db_url = postgres_server.create_database(f"dist_worker_{os.getpid()}")
    env = make_env(db_url=db_url, lock_ttl_s=4)
    worker(env, "w1").start()
    job = enqueue(tmp_path, env, fixture_portal)
    store = Store(db_url)
    (run,) = wait_for("the crawl", lambda: ended(store, job))
    assert run.new == store.count(PORTAL) == len(EXPECTED)
    assert run.started.utcoffset() is not None
    status = subprocess.run(
        [sys.executable, "-m", "portalfeed", "--workdir", str(tmp_path / "elsewhere"),
         "status", "--json"], capture_output=True, text=True,
        env={**os.environ, **env}, timeout=120)
    assert status.returncode == 0, status.stderr
    row = next(r for r in json.loads(status.stdout) if r["portal"] == PORTAL)
    assert (row["last_outcome"], row["new_articles"]) == ("ok", len(EXPECTED))
    store.close()


def test_a_job_redelivered_while_it_still_runs_waits_and_is_skipped(
        tmp_path: Path, make_env: Callable, worker: Callable, wait_for: Callable,
        slow_portal: str) -> None:
    # A visibility timeout far shorter than the crawl: Redis hands the running job to w2.
    env = make_env(lock_ttl_s=3, broker_visibility_timeout_s=3)
    w1, w2 = worker(env, "w1").start(), worker(env, "w2")
    store = Store(load_config(tmp_path, env=env).database_url)
    job = enqueue(tmp_path, env, slow_portal)
    wait_for("the crawl to start", lambda: f"job {job} started" in w1.log())
    w2.start()
    wait_for("the copy to wait", lambda: f"job {job} locked-retry #1" in w2.log())
    wait_for("the copy to be skipped", lambda: f"job {job} skipped-duplicate" in w2.log())
    assert [r.outcome for r in runs_of(store, job)] == ["ok"]
    assert f"job {job} started" not in w2.log()
    assert store.count(PORTAL) == len(EXPECTED)
    store.close()


def test_a_job_waits_for_an_unreachable_store(
        tmp_path: Path, make_env: Callable, worker: Callable, wait_for: Callable,
        postgres_server, fixture_portal: str) -> None:
    name = f"dist_later_{os.getpid()}"
    env = make_env(db_url=postgres_server.database_url(name), lock_ttl_s=4)
    w1 = worker(env, "w1").start()
    job = enqueue(tmp_path, env, fixture_portal)
    wait_for("a retry", lambda: f"job {job} store-unavailable retry #1" in w1.log())
    store = Store(postgres_server.create_database(name))  # PostgreSQL is back
    (run,) = wait_for("the crawl", lambda: ended(store, job))
    assert run.new == store.count(PORTAL) == len(EXPECTED)
    store.close()
