"""The Celery app: Redis broker, late acknowledgement, one job per worker process at a time.

Redelivery, as kombu's Redis transport does it: a message a worker took but has not
acknowledged sits in the `unacked` hash with its delivery time.  A live worker sweeps
that index every `unacked_restore_interval` seconds (scanning on every
`unacked_restore_throttle`-th sweep) and puts back on its queue every message older
than `visibility_timeout`, whoever holds it.  Its defaults (10 s x 10) make a sweep
every 100 s; we sweep every few seconds, so a job of a dead worker runs again within
visibility timeout + sweep interval, as long as any worker is alive.
"""

from __future__ import annotations

from celery import Celery

from portalfeed.config import Config

CRAWL_TASK = "portalfeed.crawl_portal"
PUBLISH_TASK = "portalfeed.publish"
CRAWL_QUEUE, PUBLISH_QUEUE = "crawl", "publish"
QUEUES = (CRAWL_QUEUE, PUBLISH_QUEUE)


def make_app(config: Config) -> Celery:
    """A Celery app on the configured broker (workers add the tasks: `tasks.register`)."""
    app = Celery("portalfeed", set_as_current=False)
    app.conf.update(
        broker_url=config.broker_url,
        broker_connection_retry_on_startup=True,
        broker_transport_options=transport_options(config),
        task_serializer="json", accept_content=["json"], result_serializer="json",
        task_ignore_result=True,  # the run history in the store is the result
        task_acks_late=True,  # a job is acknowledged when it ended, not when it started
        # A pool process killed mid-job is requeued at once (prefork pools; `portalfeed
        # worker` runs threads, and a whole dead worker's jobs come back after the
        # visibility timeout instead).
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a busy worker holds no job another could run
        worker_concurrency=config.worker_concurrency,
        # A Redis blip must not kill running crawls: a job redelivered meanwhile waits
        # for the portal lock and then finds its job id finished.
        worker_cancel_long_running_tasks_on_connection_loss=False,
        task_routes={CRAWL_TASK: {"queue": CRAWL_QUEUE},
                     PUBLISH_TASK: {"queue": PUBLISH_QUEUE}},
        task_default_queue=CRAWL_QUEUE,
        # `--log-format json` installed portalfeed's JSON handler: Celery keeps its hands off.
        worker_hijack_root_logger=config.log_format != "json",
    )
    return app


def transport_options(config: Config) -> dict[str, int]:
    timeout = config.visibility_timeout_s
    return {
        "visibility_timeout": timeout,
        # Sweep for expired deliveries every few seconds (scan every sweep): redelivery
        # within timeout + this, not timeout + 100 s.
        "unacked_restore_interval": max(1, min(10, timeout // 10)),
        "unacked_restore_throttle": 1,
    }
