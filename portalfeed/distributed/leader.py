"""`portalfeed schedule` in distributed mode: one leader enqueues, standbys wait.

The scheduler that holds the leader lock (`portalfeed:lock:scheduler`, renewed every
lock_ttl_s / 3) runs APScheduler with one job per portal, as in local mode, but the
job only enqueues `crawl:<portal>:<slot>` for the workers.  A second scheduler finds
the lock held and waits as a standby, trying it every second; when the leader dies,
its lock expires within lock_ttl_s and the standby takes over.  On taking over, a
leader enqueues every portal's current slot at once: what the last leader already
enqueued is skipped by the `SET NX` of the job id (see `jobs`), what it missed is
caught up.  Interval schedules are anchored on a grid from the Unix epoch, so all
schedulers fire, and name, the same slots.

Local-mode start-up duties (closing runs cut short, republishing) are not done here:
workers may be crawling right now, and publishing is a worker's job.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger
from redis.exceptions import RedisError

from crawler.normalize.dates import VN_TZ
from crawler.profiles import Profile
from portalfeed.config import Config
from portalfeed.distributed.app import make_app
from portalfeed.distributed.jobs import cron_slot, enqueue_crawl, interval_slot
from portalfeed.distributed.locks import SCHEDULER_LOCK_KEY, Renewer, TokenLock, redis_client
from scheduler import JOB_PREFIX, WAKE_S, Plan, trigger_for

log = logging.getLogger("portalfeed.distributed")
STANDBY_POLL_S = 1.0  # a standby tries the leader lock this often
CRON_LOOKBACK = timedelta(days=8)  # a weekly cron line still has a slot to name


def period_s(profile: Profile, interval_s: float | None) -> float | None:
    """Seconds between runs, or None for a cron line."""
    if interval_s:
        return interval_s
    return None if profile.cron else profile.interval_minutes * 60.0


def distributed_trigger(profile: Profile, interval_s: float | None, jitter_s: float,
                        now: datetime) -> BaseTrigger:
    """The portal's trigger with intervals on the epoch grid; jitter below half a period,
    so a fire still floors to its own slot."""
    period = period_s(profile, interval_s)
    if period is None:
        return trigger_for(profile, now, jitter_s)
    jitter = min(jitter_s, period / 2) or None
    return IntervalTrigger(seconds=period, start_date=interval_slot(now, period),
                           timezone=VN_TZ, jitter=jitter)


def slot_of(profile: Profile, interval_s: float | None, now: datetime) -> datetime:
    period = period_s(profile, interval_s)
    if period is not None:
        return interval_slot(now, period)
    return cron_slot(trigger_for(profile, now, 0), now, CRON_LOOKBACK)


class SlotEnqueuer:
    """The job function: enqueue the portal's current slot (once per deployment)."""

    def __init__(self, app: object, client: object, config: Config, plan: Plan) -> None:
        self.app, self.client, self.config, self.plan = app, client, config, plan
        self.profiles = {p.name: p for p in plan.profiles}
        self.done = threading.Event()
        self.rounds: Counter[str] = Counter()
        self.enqueued: list[str] = []

    def __call__(self, portal: str) -> str | None:
        profile = self.profiles[portal]
        period = period_s(profile, self.plan.interval_s) or 86400.0
        job = enqueue_crawl(self.app, self.client, portal,
                            slot_of(profile, self.plan.interval_s, datetime.now(UTC)),
                            int(3 * period), self.plan.fetch_bases.get(portal, ""))
        if job:
            self.enqueued.append(job)
        self.rounds[portal] += 1
        rounds = self.plan.rounds
        if rounds is not None and all(self.rounds[p] >= rounds for p in self.profiles):
            self.done.set()
        return job


def run_leader(config: Config, plan: Plan, stopping: threading.Event) -> SlotEnqueuer:
    """Stand by or lead until `stopping` is set (or, as leader, `plan.rounds` slots of
    every portal were handled); returns the enqueuer, with what it enqueued."""
    app = make_app(config)
    client = redis_client(config.lock_redis_url)
    enqueuer = SlotEnqueuer(app, client, config, plan)
    lock = TokenLock(client, SCHEDULER_LOCK_KEY, config.lock_ttl_s)
    standby_logged = False
    try:
        while not (stopping.is_set() or enqueuer.done.is_set()):
            if _try(lock):
                _lead(config, plan, lock, enqueuer, stopping)
                standby_logged = False
                continue
            if not standby_logged:
                log.info("standby: another scheduler leads; taking over if its lock expires")
                standby_logged = True
            stopping.wait(min(STANDBY_POLL_S, config.lock_ttl_s / 3))
    finally:
        client.close()
    return enqueuer


def _try(lock: TokenLock) -> bool:
    try:
        return lock.acquire()
    except RedisError as exc:
        log.warning("cannot reach Redis for the scheduler lock: %s", exc)
        return False


def _lead(config: Config, plan: Plan, lock: TokenLock, enqueuer: SlotEnqueuer,
          stopping: threading.Event) -> None:
    log.info("leading: this scheduler enqueues the crawl jobs")
    lost = threading.Event()
    with Renewer(lock, lambda why: lost.set()):
        scheduler = _build(config, plan, enqueuer)
        for profile in plan.profiles:  # the current slots: caught up after a handover
            if not (stopping.is_set() or lost.is_set()):
                enqueuer(profile.name)
        scheduler.start()
        try:
            while not (stopping.is_set() or enqueuer.done.is_set() or lost.is_set()):
                stopping.wait(WAKE_S)
        finally:
            scheduler.shutdown(wait=True)
    if lost.is_set():
        log.warning("leadership lost: standing by")
    else:
        lock.release()


def _build(config: Config, plan: Plan, enqueuer: SlotEnqueuer) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone=VN_TZ,
                                    executors={"default": ThreadPoolExecutor(1)})
    now = datetime.now(UTC)
    for profile in plan.profiles:
        trigger = distributed_trigger(profile, plan.interval_s, config.jitter_s, now)
        scheduler.add_job(enqueuer, trigger, args=[profile.name], id=JOB_PREFIX + profile.name,
                          name=f"enqueue {profile.name}", max_instances=1, coalesce=True,
                          misfire_grace_time=config.misfire_grace_s or None)
    return scheduler


