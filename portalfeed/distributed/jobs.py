"""Job ids, slots and deduplicated enqueueing (scheduler, `portalfeed enqueue`, workers).

A crawl job's id is `crawl:<portal>:<UTC slot, YYYYMMDDTHHMMSSZ>`: the slot is the
start of the schedule interval it belongs to, so every scheduler names a run of a
portal alike, and `SET NX` on `portalfeed:enqueued:<job id>` lets only the first one
enqueue it (the key expires after a few intervals).  Publishing is asked for with
`SET NX` on one pending key, which the publish task clears before it builds.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import redis
from apscheduler.triggers.cron import CronTrigger
from celery import Celery

from portalfeed.distributed.app import CRAWL_QUEUE, CRAWL_TASK, PUBLISH_QUEUE, PUBLISH_TASK
from portalfeed.distributed.locks import PREFIX

log = logging.getLogger("portalfeed.distributed")
PUBLISH_PENDING_KEY = f"{PREFIX}publish:pending"
SLOT_FORMAT = "%Y%m%dT%H%M%SZ"
MIN_DEDUPE_S = 3600  # a dedupe key outlives a burst of restarts even on short intervals


def job_id(portal: str, slot: datetime) -> str:
    return f"crawl:{portal}:{slot.astimezone(UTC).strftime(SLOT_FORMAT)}"


def parse_job_id(job: str) -> tuple[str, datetime]:
    """(portal, slot) of a job id; ValueError when it is not one."""
    kind, portal, slot = job.split(":", 2)
    if kind != "crawl" or not portal:
        raise ValueError(f"not a crawl job id: {job!r}")
    return portal, datetime.strptime(slot, SLOT_FORMAT).replace(tzinfo=UTC)


def interval_slot(now: datetime, interval_s: float) -> datetime:
    """The start of the interval `now` falls in, on a grid from the Unix epoch: the same
    for every scheduler, whenever each started."""
    stamp = now.timestamp()
    return datetime.fromtimestamp(stamp - stamp % interval_s, UTC)


def cron_slot(trigger: CronTrigger, now: datetime, lookback: timedelta) -> datetime:
    """The latest time of a cron line (without jitter) at or before `now`; `now` floored
    to the second when none is within `lookback`."""
    slot = None
    fire = trigger.get_next_fire_time(None, now - lookback)
    while fire is not None and fire <= now:
        slot = fire
        fire = trigger.get_next_fire_time(fire, fire + timedelta(seconds=1))
    return slot or now.replace(microsecond=0)


def enqueue_crawl(app: Celery, client: redis.Redis, portal: str, slot: datetime,
                  dedupe_ttl_s: int, fetch_base: str = "") -> str | None:
    """Enqueue the crawl job of this portal and slot unless someone already did; its id,
    or None for a duplicate."""
    job = job_id(portal, slot)
    key = f"{PREFIX}enqueued:{job}"
    if not client.set(key, "1", nx=True, ex=max(int(dedupe_ttl_s), MIN_DEDUPE_S)):
        log.info("job %s already enqueued: skipped", job)
        return None
    try:
        app.send_task(CRAWL_TASK, args=[portal, job],
                      kwargs={"fetch_base": fetch_base} if fetch_base else {},
                      queue=CRAWL_QUEUE, task_id=job)
    except Exception:
        client.delete(key)  # not enqueued after all: let the next attempt do it
        raise
    log.info("job %s enqueued", job)
    return job


def request_publish(app: Celery, client: redis.Redis, ttl_s: int, reason: str,
                    delay_s: int = 0) -> bool:
    """Enqueue one publish, due in `delay_s`, unless one is pending already; True when
    this call did.  Changes stored while it waits join it instead of adding publishes."""
    if not client.set(PUBLISH_PENDING_KEY, reason, nx=True, ex=ttl_s + delay_s):
        log.info("publish already pending: %s joins it", reason)
        return False
    try:
        app.send_task(PUBLISH_TASK, queue=PUBLISH_QUEUE, countdown=delay_s or None)
    except Exception:
        client.delete(PUBLISH_PENDING_KEY)
        raise
    log.info("publish enqueued after %s", reason)
    return True


def clear_publish_request(client: redis.Redis) -> None:
    """Before building: changes stored from now on ask for (and get) one more publish."""
    client.delete(PUBLISH_PENDING_KEY)
