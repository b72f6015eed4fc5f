"""portalfeed's scheduler: one APScheduler 3.x job per portal, each crawl in a child process.

`portalfeed schedule` runs it in the foreground (systemd, a container);
`portalfeed demo --rounds N` runs it against the bundled fixture portal.

Each portal gets one job, id `crawl:<portal>`, on its profile's interval or cron
line (Vietnam time), with `max_instances=1` and `coalesce=True` (a crawl still
running when its next run is due makes APScheduler skip that run; runs missed in
a row collapse into one), a `misfire_grace_time`, and a random delay of up to
`jitter_s` so portals do not all start at once.  A per-portal lock in `CrawlJob`
backs max_instances up.  After a crawl that stored new or changed articles (or
whose counts are unknown because it failed), the feeds are published.

Restarts: the jobs are rebuilt from the configuration plus the run history in the
store, not kept in a persistent APScheduler job store.  Why:
- the profiles are the truth about the schedule; a job store pickles triggers, so
  an edited interval would be ignored after a restart, or need reconciling anyway;
- the history already says when each portal last ran, which is all a restart
  needs: the next run is the one due after the start of the last run that ended
  (ok or failed) — at once when that moment passed while the scheduler was down
  (one catch-up run: nothing dropped), otherwise at that moment (nothing doubled);
- a run cut short by a crash is closed as interrupted at start-up and does not
  count, so it is redone at once; the feeds are republished at start-up, so
  articles it stored reach them;
- two processes sharing a job store double-run jobs; here one scheduler per
  working directory holds a lock file (data/scheduler.lock), a second one refuses.

Stopping: SIGTERM or SIGINT sets `stopping`; a running crawl child gets SIGTERM and
is killed after `stop_grace_s`; its run is recorded as interrupted.
"""

from __future__ import annotations

import fcntl
import logging
import random
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from crawler.errors import PortalfeedError
from crawler.normalize.dates import VN_TZ
from crawler.profiles import Profile, load_profiles
from crawler.store.store import Store
from portalfeed.config import Config
from portalfeed.crawl import CrawlResult
from portalfeed.crawl_child import run_crawls_in_child

log = logging.getLogger("portalfeed.scheduler")
JOB_PREFIX = "crawl:"
LOCK_FILE = Path("data") / "scheduler.lock"  # under the working directory
WAKE_S = 0.5  # how often the main thread looks at its stop and done flags
Runner = Callable[..., list[CrawlResult]]


@dataclass(frozen=True)
class Plan:
    """What to schedule: these portals, fetched from these mirrors, for so many rounds."""

    profiles: tuple[Profile, ...]
    fetch_bases: dict[str, str] = field(default_factory=dict)  # portal -> mirror URL
    interval_s: float | None = None  # overrides every profile's schedule (demo, tests)
    rounds: int | None = None  # stop after this many runs of every portal; None: never


# -- when ---------------------------------------------------------------------------------

def trigger_for(profile: Profile, anchor: datetime, jitter_s: float,
                interval_s: float | None = None) -> BaseTrigger:
    """The portal's trigger; intervals count from `anchor` (its last run, or now)."""
    jitter = jitter_s or None
    if interval_s:
        return IntervalTrigger(seconds=interval_s, start_date=anchor, timezone=VN_TZ,
                               jitter=jitter)
    if profile.cron:  # CronTrigger.from_crontab's fields, plus the jitter it cannot take
        minute, hour, day, month, day_of_week = profile.cron.split()
        return CronTrigger(minute=minute, hour=hour, day=day, month=month,
                           day_of_week=day_of_week, timezone=VN_TZ, jitter=jitter)
    return IntervalTrigger(minutes=profile.interval_minutes, start_date=anchor, timezone=VN_TZ,
                           jitter=jitter)


def first_run_time(trigger: BaseTrigger, last_start: datetime | None, now: datetime,
                   delay_s: float = 0.0) -> datetime:
    """When a rebuilt job first fires: the run due after the last one that ended, or
    now (plus `delay_s`) when none has, or when that run fell due while we were down."""
    if last_start is not None:
        due = trigger.get_next_fire_time(None, last_start + timedelta(seconds=1))
        if due is not None and due > now:
            return due
    return now + timedelta(seconds=delay_s)


def next_run_time(profile: Profile, last_start: datetime | None, now: datetime) -> datetime:
    """The next run the scheduler plans for a portal (before jitter), e.g. for `status`;
    `last_start` is `Store.last_run_start(portal)`."""
    return first_run_time(trigger_for(profile, last_start or now, 0), last_start, now)


def build_scheduler(config: Config, plan: Plan, store: Store, job: Callable[[str], object],
                    now: datetime, rng: random.Random) -> BackgroundScheduler:
    """A scheduler, not started, with one job per portal of the plan."""
    scheduler = BackgroundScheduler(
        timezone=VN_TZ, executors={"default": ThreadPoolExecutor(config.max_parallel_crawls)})
    for profile in plan.profiles:
        last = store.last_run_start(profile.name)
        trigger = trigger_for(profile, last or now, config.jitter_s, plan.interval_s)
        first = first_run_time(trigger, last, now, rng.uniform(0, config.jitter_s))
        scheduler.add_job(job, trigger, args=[profile.name], id=JOB_PREFIX + profile.name,
                          name=f"crawl {profile.name}", max_instances=1, coalesce=True,
                          misfire_grace_time=config.misfire_grace_s or None,
                          next_run_time=first)
        log.info("%s: %s, next run %s", profile.name, trigger,
                 first.astimezone(VN_TZ).isoformat(timespec="seconds"))
    return scheduler


# -- what ---------------------------------------------------------------------------------

def publish_feeds(config: Config) -> None:
    from portalfeed.publishing import publish_from_store

    store = Store(config.database_url)
    try:
        report = publish_from_store(store, config, load_profiles(config.profiles_path))
    finally:
        store.close()
    log.info("published: %d written, %d unchanged, %d removed",
             len(report.written), len(report.unchanged), len(report.removed))


class CrawlJob:
    """The job function: crawl one portal in a child process, then publish if that
    changed anything.  Counts runs; `done` is set once every portal ran `plan.rounds`."""

    def __init__(self, config: Config, plan: Plan, stopping: threading.Event,
                 runner: Runner = run_crawls_in_child,
                 publish: Callable[[Config], None] = publish_feeds,
                 report: Callable[[CrawlResult], None] | None = None) -> None:
        self.config, self.plan, self.stopping = config, plan, stopping
        self.runner, self.publish = runner, publish
        self.report = report or (lambda result: log.info("%s", result.summary()))
        self.done = threading.Event()
        self.results: list[CrawlResult] = []
        self._running = {p.name: threading.Lock() for p in plan.profiles}
        self._publishing = threading.Lock()
        self._counting = threading.Lock()
        self._rounds: Counter[str] = Counter()

    def __call__(self, portal: str) -> CrawlResult | None:
        running = self._running[portal]
        if not running.acquire(blocking=False):
            log.warning("%s: the last crawl is still running; this run is skipped", portal)
            return None
        try:
            if self.stopping.is_set() or self._finished(portal):
                return None
            return self._crawl(portal)
        finally:
            running.release()

    def _crawl(self, portal: str) -> CrawlResult:
        base = self.plan.fetch_bases.get(portal)
        result = self.runner(self.config, [portal], {portal: base} if base else {},
                             stop=self.stopping)[0]
        self.report(result)
        # Skipped when stopping, to stop in seconds: the next start-up publishes.
        if (result.changed or result.outcome != "ok") and not self.stopping.is_set():
            with self._publishing:
                self.publish(self.config)
        self._count(result)
        return result

    def _finished(self, portal: str) -> bool:
        return self.plan.rounds is not None and self._rounds[portal] >= self.plan.rounds

    def _count(self, result: CrawlResult) -> None:
        with self._counting:
            self.results.append(result)
            self._rounds[result.portal] += 1
            if all(self._finished(p.name) for p in self.plan.profiles):
                self.done.set()


# -- running ------------------------------------------------------------------------------

def run_scheduler(config: Config, plan: Plan, stopping: threading.Event | None = None,
                  runner: Runner = run_crawls_in_child,
                  report: Callable[[CrawlResult], None] | None = None) -> list[CrawlResult]:
    """Run the plan until `stopping` is set or every portal ran `plan.rounds` times;
    returns every run's result."""
    stopping = stopping or threading.Event()
    with scheduler_lock(config.workdir / LOCK_FILE):
        job = CrawlJob(config, plan, stopping, runner=runner, report=report)
        scheduler = prepare(config, plan, job, datetime.now(VN_TZ), random.Random())
        scheduler.start()
        try:
            while not (stopping.is_set() or job.done.is_set()):
                stopping.wait(WAKE_S)
        finally:
            scheduler.shutdown(wait=True)  # a running job stops its child within stop_grace_s
    return job.results


def prepare(config: Config, plan: Plan, job: Callable[[str], object], now: datetime,
            rng: random.Random) -> BackgroundScheduler:
    """Start-up after a stop or a crash: close the runs it cut short, rebuild the jobs
    from the history, republish.  Returns the scheduler, not started."""
    store = Store(config.database_url)
    try:
        for run_id in store.abandon_running(None, now, "interrupted",
                                            "the scheduler stopped before this run ended"):
            log.warning("run %d was cut short by the last stop: recorded as interrupted", run_id)
        scheduler = build_scheduler(config, plan, store, job, now, random.Random())
        stored = store.count()
    finally:
        store.close()
    if stored:
        publish_feeds(config)  # a crawl cut short last time may have stored articles
    return scheduler


@contextmanager
def scheduler_lock(path: Path) -> Iterator[None]:
    """One scheduler per working directory: a second one would run every crawl twice."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PortalfeedError(f"another scheduler is already running here ({path} is "
                                  "locked)") from None
        yield


@contextmanager
def stop_on_signals(stopping: threading.Event) -> Iterator[None]:
    """SIGTERM and SIGINT set `stopping` (call from the main thread)."""
    def handler(signum: int, _frame: object) -> None:
        log.info("%s received: stopping", signal.Signals(signum).name)
        stopping.set()

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
