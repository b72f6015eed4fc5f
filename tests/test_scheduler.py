"""The scheduler with a controllable clock: no test here waits for real time.

Jobs are built as `portalfeed schedule` builds them (real APScheduler triggers and
job options, a real SQLite store for the run history); time moves by walking the
triggers the way APScheduler's loop does, with injected `now`s.  The crawl itself
is replaced by a recorder that writes runs into the store at the fake time: real
crawl children are tested in tests/portalfeed/test_portalfeed_crawl_child.py and
tests/e2e/test_e2e_schedule.py.
"""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.executors.base import MaxInstancesReachedError
from apscheduler.executors.pool import ThreadPoolExecutor

from crawler.errors import PortalfeedError, ProfileError
from crawler.normalize.dates import VN_TZ
from crawler.profiles import BUILTIN_DIR, Profile, get_profile, load_profile
from crawler.store.store import Store
from portalfeed.config import Config
from portalfeed.crawl import CrawlResult
from scheduler import (
    JOB_PREFIX,
    CrawlJob,
    Plan,
    build_scheduler,
    first_run_time,
    next_run_time,
    prepare,
    scheduler_lock,
    trigger_for,
)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=VN_TZ)
HOUR = timedelta(hours=1)


def profile(name: str = "phutho", **changes: object) -> Profile:
    return replace(get_profile("phutho", BUILTIN_DIR), name=name, **changes)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(workdir=tmp_path, jitter_s=0, misfire_grace_s=600)


@pytest.fixture
def store(config: Config):
    store = Store(config.database_url)
    yield store
    store.close()


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now


class RecordingRunner:
    """Stands in for the crawl child: records a run in the store at the fake time."""

    def __init__(self, store: Store, clock: Clock, outcome: str = "ok", new: int = 0) -> None:
        self.store, self.clock, self.outcome, self.new = store, clock, outcome, new
        self.calls: list[tuple[str, datetime]] = []

    def __call__(self, config: Config, portals: list[str], bases: dict[str, str],
                 stop: threading.Event | None = None) -> list[CrawlResult]:
        portal = portals[0]
        self.calls.append((portal, self.clock.now))
        run_id = self.store.start_run(portal, self.clock.now)
        result = CrawlResult(portal, self.outcome, pages=3, counts={"new": self.new},
                             run_id=run_id)
        self.store.finish_run(run_id, self.clock.now + timedelta(minutes=2), self.outcome,
                              pages=3, counts=result.counts)
        return [result]


def make_job(config: Config, plan: Plan, runner: RecordingRunner,
             published: list[int] | None = None) -> CrawlJob:
    published = published if published is not None else []
    return CrawlJob(config, plan, threading.Event(), runner=runner,
                    publish=lambda _config: published.append(1), report=lambda _r: None)


def drive(scheduler, clock: Clock, until: datetime) -> None:
    """APScheduler's loop with a fake clock: fire each due job, ask its trigger for the
    next fire time after it, as BaseScheduler._process_jobs does."""
    jobs = {job.id: job for job in scheduler.get_jobs()}
    due = {job_id: job.next_run_time for job_id, job in jobs.items()}
    while True:
        job_id, when = min(due.items(), key=lambda item: item[1])
        if when > until:
            return
        clock.now = when
        jobs[job_id].func(*jobs[job_id].args)
        due[job_id] = jobs[job_id].trigger.get_next_fire_time(when, clock.now)


# -- jobs and triggers ------------------------------------------------------------------

def test_one_job_per_portal_with_explicit_id_and_policies(config: Config, store: Store) -> None:
    config = replace(config, jitter_s=30)
    plan = Plan((profile("a"), profile("b", cron="*/30 * * * *")))
    scheduler = build_scheduler(config, plan, store, print, T0, random.Random(1))
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert sorted(jobs) == [JOB_PREFIX + "a", JOB_PREFIX + "b"]
    for job in jobs.values():
        assert job.max_instances == 1
        assert job.coalesce is True
        assert job.misfire_grace_time == 600
        assert T0 <= job.next_run_time <= T0 + timedelta(seconds=30)  # never ran: at once
        assert job.trigger.jitter == 30
    assert tuple(jobs[JOB_PREFIX + "a"].args) == ("a",)


def test_start_delays_are_spread_by_the_jitter(config: Config, store: Store) -> None:
    config = replace(config, jitter_s=30)
    plan = Plan(tuple(profile(f"p{i}") for i in range(8)))
    scheduler = build_scheduler(config, plan, store, print, T0, random.Random(7))
    starts = {job.next_run_time for job in scheduler.get_jobs()}
    assert len(starts) == 8


def test_interval_jobs_fire_every_interval(config: Config, store: Store) -> None:
    clock = Clock(T0)
    runner = RecordingRunner(store, clock)
    plan = Plan((profile("a", interval_minutes=30),))
    scheduler = build_scheduler(config, plan, store, make_job(config, plan, runner), T0,
                                random.Random(0))
    drive(scheduler, clock, until=T0 + 2 * HOUR)
    assert [when for _, when in runner.calls] == [T0 + timedelta(minutes=m)
                                                  for m in (0, 30, 60, 90, 120)]


def test_jitter_delays_each_run_by_at_most_jitter_s() -> None:
    trigger = trigger_for(profile(interval_minutes=30), T0, jitter_s=30)
    previous = T0
    for _ in range(50):
        fire = trigger.get_next_fire_time(previous, previous)
        assert timedelta(minutes=30) <= fire - previous <= timedelta(minutes=30, seconds=30)
        previous = fire


def test_cron_jobs_fire_on_their_cron_line_in_vietnam_time(config: Config,
                                                          store: Store) -> None:
    clock = Clock(T0)
    runner = RecordingRunner(store, clock)
    plan = Plan((profile("a", cron="0 6,12,18 * * *"),))
    scheduler = build_scheduler(config, plan, store, make_job(config, plan, runner), T0,
                                random.Random(0))
    drive(scheduler, clock, until=T0 + 30 * HOUR)
    hours = [when.astimezone(VN_TZ).strftime("%d %H:%M") for _, when in runner.calls]
    assert hours == ["02 08:00", "02 12:00", "02 18:00", "03 06:00", "03 12:00"]


def test_each_portal_keeps_its_own_schedule(config: Config, store: Store) -> None:
    clock = Clock(T0)
    runner = RecordingRunner(store, clock)
    plan = Plan((profile("fast", interval_minutes=20), profile("slow", interval_minutes=60)))
    scheduler = build_scheduler(config, plan, store, make_job(config, plan, runner), T0,
                                random.Random(0))
    drive(scheduler, clock, until=T0 + HOUR)
    assert sum(p == "fast" for p, _ in runner.calls) == 4
    assert sum(p == "slow" for p, _ in runner.calls) == 2


def test_interval_override_for_the_demo(config: Config, store: Store) -> None:
    clock = Clock(T0)
    runner = RecordingRunner(store, clock)
    plan = Plan((profile("a"),), interval_s=1, rounds=2)
    job = make_job(config, plan, runner)
    scheduler = build_scheduler(config, plan, store, job, T0, random.Random(0))
    drive(scheduler, clock, until=T0 + timedelta(seconds=5))
    assert [when for _, when in runner.calls] == [T0, T0 + timedelta(seconds=1)]
    assert job.done.is_set()


# -- restarts ---------------------------------------------------------------------------

def history(store: Store, portal: str, started: datetime, outcome: str = "ok") -> int:
    run_id = store.start_run(portal, started)
    if outcome != "running":
        store.finish_run(run_id, started + timedelta(minutes=2), outcome, pages=1)
    return run_id


def rebuilt(config: Config, plan: Plan, runner: RecordingRunner, now: datetime):
    return prepare(config, plan, make_job(config, plan, runner), now, random.Random(0))


def test_restart_soon_after_a_run_does_not_run_it_again(config: Config, store: Store) -> None:
    history(store, "a", T0)
    plan = Plan((profile("a", interval_minutes=60),))
    scheduler = rebuilt(config, plan, RecordingRunner(store, Clock(T0)), T0 + timedelta(minutes=10))
    assert scheduler.get_job(JOB_PREFIX + "a").next_run_time == T0 + HOUR


def test_restart_after_missed_runs_catches_up_once(config: Config, store: Store) -> None:
    history(store, "a", T0)
    clock = Clock(T0 + 3 * HOUR + timedelta(minutes=5))  # down for three due runs
    runner = RecordingRunner(store, clock)
    plan = Plan((profile("a", interval_minutes=60),))
    scheduler = rebuilt(config, plan, runner, clock.now)
    restart = clock.now
    assert scheduler.get_job(JOB_PREFIX + "a").next_run_time == restart
    drive(scheduler, clock, until=restart + 2 * HOUR)
    assert [when for _, when in runner.calls] == [restart, restart + HOUR, restart + 2 * HOUR]


def test_crash_during_a_run_closes_it_and_redoes_it(config: Config, store: Store) -> None:
    history(store, "a", T0)
    cut = history(store, "a", T0 + HOUR, outcome="running")  # the scheduler died here
    restart = T0 + HOUR + timedelta(minutes=3)
    clock = Clock(restart)
    runner = RecordingRunner(store, clock)
    plan = Plan((profile("a", interval_minutes=60),))
    scheduler = rebuilt(config, plan, runner, restart)
    run = next(r for r in store.runs("a") if r.id == cut)
    assert run.outcome == "interrupted" and run.finished == restart
    assert scheduler.get_job(JOB_PREFIX + "a").next_run_time == restart
    drive(scheduler, clock, until=restart + HOUR)
    assert [when for _, when in runner.calls] == [restart, restart + HOUR]
    assert [r.outcome for r in store.runs("a")] == ["ok", "ok", "interrupted", "ok"]


def test_a_day_with_a_crash_neither_doubles_nor_drops_a_run(config: Config,
                                                             store: Store) -> None:
    """Six hours of hourly runs; the scheduler dies at 10:20 and is back at 10:40."""
    plan = Plan((profile("a", interval_minutes=60),))
    clock = Clock(T0)
    runner = RecordingRunner(store, clock)
    drive(rebuilt(config, plan, runner, T0), clock, until=T0 + timedelta(hours=2, minutes=20))
    restart = T0 + timedelta(hours=2, minutes=40)
    drive(rebuilt(config, plan, runner, restart), clock, until=T0 + 6 * HOUR)
    starts = sorted(r.started for r in store.runs("a"))
    assert starts == [T0 + n * HOUR for n in range(7)]


def test_failed_runs_count_as_runs(config: Config, store: Store) -> None:
    history(store, "a", T0, outcome="failed")
    plan = Plan((profile("a", interval_minutes=60),))
    scheduler = rebuilt(config, plan, RecordingRunner(store, Clock(T0)), T0 + timedelta(minutes=1))
    assert scheduler.get_job(JOB_PREFIX + "a").next_run_time == T0 + HOUR


def test_cron_restart_waits_for_the_next_line_unless_one_was_missed() -> None:
    cron = profile(cron="0 */6 * * *")
    assert next_run_time(cron, T0.replace(hour=6), T0) == T0.replace(hour=12)
    missed = T0.replace(hour=13)
    assert next_run_time(cron, T0.replace(hour=6), missed) == missed


def test_next_run_time_for_status() -> None:
    hourly = profile(interval_minutes=60)
    assert next_run_time(hourly, None, T0) == T0
    assert next_run_time(hourly, T0, T0 + timedelta(minutes=5)) == T0 + HOUR
    assert first_run_time(trigger_for(hourly, T0, 0), T0, T0 + 2 * HOUR, delay_s=3) == (
        T0 + 2 * HOUR + timedelta(seconds=3))


# -- one crawl at a time ----------------------------------------------------------------

class BlockingRunner:
    """A crawl that lasts until the test says so."""

    def __init__(self) -> None:
        self.started, self.release, self.calls = threading.Event(), threading.Event(), 0

    def __call__(self, config: Config, portals: list[str], bases: dict[str, str],
                 stop: threading.Event | None = None) -> list[CrawlResult]:
        self.calls += 1
        self.started.set()
        assert self.release.wait(30)
        return [CrawlResult(portals[0], "ok", pages=1)]


def test_an_overlong_crawl_does_not_start_a_second_instance(config: Config,
                                                           store: Store) -> None:
    """APScheduler's own executor refuses the second instance (max_instances=1)."""
    runner = BlockingRunner()
    plan = Plan((profile("a"),))
    job = make_job(config, plan, runner)  # type: ignore[arg-type]
    scheduler = build_scheduler(config, plan, store, job, datetime.now(VN_TZ),
                                random.Random(0))
    executor = ThreadPoolExecutor(2)
    executor.start(scheduler, "default")
    apjob = scheduler.get_job(JOB_PREFIX + "a")
    try:
        executor.submit_job(apjob, [datetime.now(VN_TZ)])
        assert runner.started.wait(30)
        with pytest.raises(MaxInstancesReachedError):
            executor.submit_job(apjob, [datetime.now(VN_TZ)])
    finally:
        runner.release.set()
        executor.shutdown(wait=True)
    assert runner.calls == 1


def test_the_job_itself_skips_a_portal_that_is_still_crawling(config: Config) -> None:
    runner = BlockingRunner()
    plan = Plan((profile("a"), profile("b")))
    job = make_job(config, plan, runner)  # type: ignore[arg-type]
    first = threading.Thread(target=job, args=("a",))
    first.start()
    assert runner.started.wait(30)
    assert job("a") is None  # still crawling: skipped at once
    runner.release.set()
    first.join(30)
    assert runner.calls == 1
    assert job("b") is not None  # another portal is not blocked
    assert job("a") is not None  # nor is the next run of this one


# -- publishing, rounds, stopping -------------------------------------------------------

@pytest.mark.parametrize(("outcome", "new", "publishes"), [
    ("ok", 3, True), ("ok", 0, False), ("failed", 0, True), ("interrupted", 2, True)])
def test_publishes_after_a_crawl_that_changed_something(
        config: Config, store: Store, outcome: str, new: int, publishes: bool) -> None:
    published: list[int] = []
    plan = Plan((profile("a"),))
    job = make_job(config, plan, RecordingRunner(store, Clock(T0), outcome, new), published)
    job("a")
    assert published == ([1] if publishes else [])


def test_a_stopping_scheduler_starts_no_crawl_and_does_not_publish(config: Config,
                                                                   store: Store) -> None:
    published: list[int] = []
    runner = RecordingRunner(store, Clock(T0), new=5)
    plan = Plan((profile("a"),))
    job = make_job(config, plan, runner, published)
    job.stopping.set()
    assert job("a") is None
    assert runner.calls == [] and published == []


def test_rounds_end_the_plan(config: Config, store: Store) -> None:
    runner = RecordingRunner(store, Clock(T0))
    plan = Plan((profile("a"), profile("b")), rounds=2)
    job = make_job(config, plan, runner)
    for portal in ("a", "a", "b"):
        job(portal)
    assert not job.done.is_set()
    assert job("a") is None  # a has had its rounds
    job("b")
    assert job.done.is_set()
    assert len(runner.calls) == 4


def test_a_second_scheduler_in_the_same_workdir_refuses(tmp_path: Path) -> None:
    lock = tmp_path / "data" / "scheduler.lock"
    with (scheduler_lock(lock), pytest.raises(PortalfeedError, match="another scheduler"),
          scheduler_lock(lock)):
        pass
    with scheduler_lock(lock):  # released with the first
        pass


# -- cron in profiles -------------------------------------------------------------------

def write_profile(tmp_path: Path, schedule: str) -> Path:
    text = (BUILTIN_DIR / "phutho.toml").read_text(encoding="utf-8")
    start = text.index("[schedule]")
    end = text.index("\n[", start + 1)
    path = tmp_path / "cron.toml"
    path.write_text(text[:start] + "[schedule]\n" + schedule + "\n" + text[end:],
                    encoding="utf-8")
    return path


def test_profile_cron_line(tmp_path: Path) -> None:
    assert load_profile(write_profile(tmp_path, 'cron = "*/30 6-22 * * *"')).cron == (
        "*/30 6-22 * * *")


@pytest.mark.parametrize(("schedule", "problem"), [
    ('cron = "*/30 * * *"', "invalid cron expression"),
    ('cron = "61 * * * *"', "invalid cron expression"),
    ('cron = "0 * * * *"\ninterval_minutes = 30', "either cron or interval_minutes"),
])
def test_bad_cron_names_file_and_key(tmp_path: Path, schedule: str, problem: str) -> None:
    with pytest.raises(ProfileError, match=problem) as caught:
        load_profile(write_profile(tmp_path, schedule))
    assert caught.value.key == "schedule.cron"
    assert caught.value.source.endswith("cron.toml")
