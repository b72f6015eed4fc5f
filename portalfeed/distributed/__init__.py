"""Distributed execution: crawl jobs on a pool of Celery workers, Redis as the broker.

Chosen by configuration alone (`broker_url`); nothing here is imported in local mode.

- `app`: the Celery app and its settings (late acks, prefetch 1, visibility timeout);
- `locks`: Redis token locks (one portal, one worker; one active scheduler), renewed
  by a thread while their holder works;
- `jobs`: job ids (`crawl:<portal>:<UTC slot>`), deduplicated enqueueing, the pending
  publish flag;
- `crawljob`: what a worker does with one crawl job (skip a finished job id, wait out a
  locked portal, crawl in a child process, ask for one publish);
- `tasks`: the Celery tasks `portalfeed.crawl_portal` and `portalfeed.publish`;
- `leader`: `portalfeed schedule` in distributed mode (a leader lock, slots enqueued).

docs/deployment.md explains the whole.
"""
