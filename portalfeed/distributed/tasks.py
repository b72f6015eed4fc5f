"""The Celery tasks, added to a worker's app.  The scheduler and `enqueue` only send
tasks by name, so they never need this module."""

from __future__ import annotations

import logging

from celery import Celery, Task

from portalfeed.config import Config
from portalfeed.distributed.app import CRAWL_TASK, PUBLISH_TASK
from portalfeed.distributed.crawljob import CrawlJobSpec, run_crawl_job
from portalfeed.distributed.jobs import clear_publish_request
from portalfeed.distributed.locks import redis_client

log = logging.getLogger("portalfeed.distributed")


def register(app: Celery, config: Config) -> None:
    """Add `portalfeed.crawl_portal` and `portalfeed.publish`, bound to this config."""

    @app.task(name=CRAWL_TASK, bind=True, acks_late=True, reject_on_worker_lost=True,
              max_retries=None)
    def crawl_portal(self: Task, portal: str, job_id: str, fetch_base: str = "",
                     waiting_since: float | None = None) -> dict:
        spec = CrawlJobSpec(portal, job_id, fetch_base, waiting_since)
        return run_crawl_job(self, app, config, spec)

    @app.task(name=PUBLISH_TASK, acks_late=True, reject_on_worker_lost=True)
    def publish() -> None:
        publish_job(config)


def publish_job(config: Config) -> None:
    """Write the feeds from the shared store into this worker's public/."""
    from scheduler import publish_feeds

    client = redis_client(config.lock_redis_url)
    try:
        clear_publish_request(client)  # changes stored from now on get one more publish
    finally:
        client.close()
    log.info("publish started")
    publish_feeds(config)
