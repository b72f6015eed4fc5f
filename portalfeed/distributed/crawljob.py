"""One crawl job on a worker: skip it, wait for its portal, or crawl it.

0. The store cannot be reached (PostgreSQL restarting): the job is retried after a
   countdown rather than dropped, within the same bound as below.
1. A job whose id already finished ok is a redelivered duplicate: skipped.
2. The portal's lock is taken (another worker crawls it, or a dead worker's lock has
   not expired yet): the job is retried after a countdown, and given up after
   crawl_timeout_s + lock_ttl_s with a failed run saying why.
3. Lock held: runs still `running` for this portal were left by a dead worker (the lock
   proves nobody else crawls it) and are closed as interrupted; the crawl runs in its
   own child process with its time limit (`run_crawls_in_child`), the lock renewed
   meanwhile; losing the lock stops the child.  A crawl that changed anything (or
   failed, with counts unknown) asks for one publish.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn

from celery import Celery, Task
from redis import Redis
from sqlalchemy.exc import SQLAlchemyError

from crawler.errors import PortalfeedError
from crawler.normalize.dates import VN_TZ
from crawler.store.store import Store
from portalfeed.config import Config
from portalfeed.crawl import CrawlResult
from portalfeed.crawl_child import run_crawls_in_child
from portalfeed.distributed.jobs import request_publish
from portalfeed.distributed.locks import Renewer, TokenLock, portal_lock_key, redis_client

log = logging.getLogger("portalfeed.distributed")


@dataclass(frozen=True)
class CrawlJobSpec:
    portal: str
    job_id: str
    fetch_base: str = ""
    waiting_since: float | None = None  # Unix time it first found its portal locked


def run_crawl_job(task: Task, app: Celery, config: Config, spec: CrawlJobSpec) -> dict:
    """The `portalfeed.crawl_portal` task's body; returns what happened, for the log."""
    store, finished = _store_or_retry(task, config, spec)
    client = redis_client(config.lock_redis_url)
    try:
        if finished:
            return _skipped(spec)
        lock = TokenLock(client, portal_lock_key(spec.portal), config.lock_ttl_s)
        if not lock.acquire():
            return _locked(task, store, config, spec)
        try:
            if store.job_finished(spec.job_id):  # finished while we took the lock
                return _skipped(spec)
            _close_abandoned(store, spec)
            result = _crawl(config, lock, spec, task.request.hostname or socket.gethostname())
        finally:
            lock.release()
        return _finished(app, client, config, spec, result)
    finally:
        store.close()
        client.close()


def _store_or_retry(task: Task, config: Config, spec: CrawlJobSpec) -> tuple[Store, bool]:
    """The store, and whether this job already finished ok there.  A store that cannot be
    reached (PostgreSQL restarting) makes the job retry later instead of being dropped."""
    try:
        store = Store(config.database_url)
    except PortalfeedError as exc:  # the store's own one-line error
        _retry_later(task, config, spec, exc)
    try:
        return store, store.job_finished(spec.job_id)
    except SQLAlchemyError as exc:
        store.close()
        _retry_later(task, config, spec, exc)


def _retry_later(task: Task, config: Config, spec: CrawlJobSpec, exc: Exception) -> NoReturn:
    now = time.time()
    since = spec.waiting_since or now
    if now - since >= config.crawl_timeout_s + config.lock_ttl_s:
        log.error("job %s failed: the store stayed unreachable for %.0f s: %s",
                  spec.job_id, now - since, exc)
        raise exc
    countdown = max(1.0, config.lock_ttl_s / 4)
    log.warning("job %s store-unavailable retry #%d: %s; retry in %.0f s", spec.job_id,
                task.request.retries + 1, str(exc).splitlines()[0], countdown)
    kwargs = {"fetch_base": spec.fetch_base, "waiting_since": since}
    raise task.retry(args=[spec.portal, spec.job_id], kwargs=kwargs, countdown=countdown)


def _skipped(spec: CrawlJobSpec) -> dict:
    log.info("job %s skipped-duplicate: it already finished ok", spec.job_id)
    return {"job_id": spec.job_id, "status": "skipped-duplicate"}


def _locked(task: Task, store: Store, config: Config, spec: CrawlJobSpec) -> dict:
    now = time.time()
    since = spec.waiting_since or now
    limit = config.crawl_timeout_s + config.lock_ttl_s
    if now - since >= limit:
        return _give_up(store, spec, now - since, task.request.hostname or socket.gethostname())
    countdown = max(1.0, min(config.lock_ttl_s / 4, limit - (now - since)))
    attempt = task.request.retries + 1
    log.info("job %s locked-retry #%d: %s is being crawled elsewhere; retry in %.0f s",
             spec.job_id, attempt, spec.portal, countdown)
    kwargs = {"fetch_base": spec.fetch_base, "waiting_since": since}
    raise task.retry(args=[spec.portal, spec.job_id], kwargs=kwargs, countdown=countdown)


def _give_up(store: Store, spec: CrawlJobSpec, waited: float, node: str) -> dict:
    now = datetime.now(VN_TZ)
    error = (f"{spec.portal} stayed locked by another worker for {waited:.0f} s "
             "(crawl_timeout_s + lock_ttl_s): job given up")
    run_id = store.start_run(spec.portal, now, job_id=spec.job_id, host=node, pid=os.getpid())
    store.finish_run(run_id, now, "failed", error=error)
    log.warning("job %s failed: %s", spec.job_id, error)
    return {"job_id": spec.job_id, "status": "gave-up"}


def _close_abandoned(store: Store, spec: CrawlJobSpec) -> None:
    now = datetime.now(VN_TZ)
    for run_id in store.abandon_running(spec.portal, now, "interrupted",
                                        "the worker running it stopped or died"):
        log.warning("run %d of %s was left by a dead worker: recorded as interrupted",
                    run_id, spec.portal)


def _crawl(config: Config, lock: TokenLock, spec: CrawlJobSpec, node: str) -> CrawlResult:
    log.info("job %s started on %s/%d", spec.job_id, node, os.getpid())
    stop = threading.Event()

    def on_lost(why: str) -> None:
        stop.reason = f"portal lock lost ({why}): crawl stopped"  # type: ignore[attr-defined]
        stop.set()

    bases = {spec.portal: spec.fetch_base} if spec.fetch_base else {}
    with Renewer(lock, on_lost):
        return run_crawls_in_child(config, [spec.portal], bases, stop=stop,
                                   job_id=spec.job_id, host=node)[0]


def _finished(app: Celery, client: Redis, config: Config, spec: CrawlJobSpec,
              result: CrawlResult) -> dict:
    log.info("job %s finished: %s", spec.job_id, result.summary())
    if result.changed or result.outcome != "ok":
        request_publish(app, client, config.visibility_timeout_s, spec.job_id,
                        config.publish_delay_s)
    return {"job_id": spec.job_id, "status": result.outcome, "pages": result.pages,
            "counts": result.counts, "run_id": result.run_id}
