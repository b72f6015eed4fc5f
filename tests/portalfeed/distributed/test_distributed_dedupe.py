"""Job ids, slots and deduplication: each (portal, slot) enqueued once, one publish
pending at a time; messages read back from the real Redis queues."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import redis
from apscheduler.triggers.cron import CronTrigger

from crawler.normalize.dates import VN_TZ
from portalfeed.config import Config
from portalfeed.distributed.app import make_app, transport_options
from portalfeed.distributed.jobs import (
    PUBLISH_PENDING_KEY,
    clear_publish_request,
    cron_slot,
    enqueue_crawl,
    interval_slot,
    job_id,
    parse_job_id,
    request_publish,
)

SLOT = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)


def queued(client: redis.Redis, queue: str) -> list[dict]:
    """The messages waiting on a Celery queue (kombu keeps a Redis list per queue)."""
    return [json.loads(raw) for raw in client.lrange(queue, 0, -1)]


def test_job_id_names_portal_and_utc_slot() -> None:
    slot = datetime(2026, 3, 1, 14, 30, 5, tzinfo=VN_TZ)
    assert job_id("phutho", slot) == "crawl:phutho:20260301T073005Z"
    assert parse_job_id("crawl:phutho:20260301T073005Z") == ("phutho", slot)
    with pytest.raises(ValueError):
        parse_job_id("publish:x:20260301T073005Z")


def test_interval_slots_are_the_same_for_every_scheduler() -> None:
    base = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    early, late = base + timedelta(seconds=3), base + timedelta(minutes=59, seconds=59)
    assert interval_slot(early, 3600) == interval_slot(late, 3600) == base
    assert interval_slot(base + timedelta(hours=1), 3600) == base + timedelta(hours=1)
    assert interval_slot(base + timedelta(seconds=7.5), 5) == base + timedelta(seconds=5)


def test_cron_slot_is_the_latest_cron_time() -> None:
    trigger = CronTrigger(minute="0", hour="6,18", timezone=VN_TZ)
    now = datetime(2026, 3, 1, 17, 59, tzinfo=VN_TZ)
    assert cron_slot(trigger, now, timedelta(days=8)) == datetime(2026, 3, 1, 6, 0, tzinfo=VN_TZ)
    now = datetime(2026, 3, 1, 18, 0, 20, tzinfo=VN_TZ)
    assert cron_slot(trigger, now, timedelta(days=8)) == datetime(2026, 3, 1, 18, 0, tzinfo=VN_TZ)


def test_a_slot_is_enqueued_once(distributed_config: Config, redis_client: redis.Redis) -> None:
    app = make_app(distributed_config)
    first = enqueue_crawl(app, redis_client, "phutho", SLOT, 3 * 3600)
    again = enqueue_crawl(app, redis_client, "phutho", SLOT, 3 * 3600)
    other = enqueue_crawl(app, redis_client, "hagiang", SLOT, 3600,
                          fetch_base="http://127.0.0.1:1/")
    assert first == "crawl:phutho:20260301T073000Z" and again is None
    messages = queued(redis_client, "crawl")
    assert sorted(m["headers"]["id"] for m in messages) == sorted([first, other])
    assert {m["headers"]["task"] for m in messages} == {"portalfeed.crawl_portal"}
    assert 3 * 3600 - 5 <= redis_client.ttl(f"portalfeed:enqueued:{first}") <= 3 * 3600


def test_the_dedupe_key_outlives_short_intervals(distributed_config: Config,
                                                 redis_client: redis.Redis) -> None:
    job = enqueue_crawl(make_app(distributed_config), redis_client, "phutho", SLOT, 3)
    assert redis_client.ttl(f"portalfeed:enqueued:{job}") > 3000


def test_one_publish_pending_until_the_publish_starts(distributed_config: Config,
                                                      redis_client: redis.Redis) -> None:
    app = make_app(distributed_config)
    assert request_publish(app, redis_client, 600, "crawl:a:1")
    assert not request_publish(app, redis_client, 600, "crawl:b:1")
    assert len(queued(redis_client, "publish")) == 1
    clear_publish_request(redis_client)  # the publish task, before it builds
    assert request_publish(app, redis_client, 600, "crawl:c:1")  # changes during the build
    assert [m["headers"]["task"] for m in queued(redis_client, "publish")] == [
        "portalfeed.publish", "portalfeed.publish"]
    assert 0 < redis_client.ttl(PUBLISH_PENDING_KEY) <= 600


def test_transport_sweeps_for_expired_deliveries_every_few_seconds(
        distributed_config: Config) -> None:
    options = transport_options(distributed_config)
    assert options["visibility_timeout"] == distributed_config.crawl_timeout_s + 300
    assert options["unacked_restore_throttle"] == 1
    assert 1 <= options["unacked_restore_interval"] <= 10
    app = make_app(distributed_config)
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1


def test_a_delayed_publish_gathers_the_changes_made_while_it_waits(
        distributed_config: Config, redis_client: redis.Redis) -> None:
    app = make_app(distributed_config)
    assert request_publish(app, redis_client, 600, "crawl:a:1", delay_s=30)
    assert not request_publish(app, redis_client, 600, "crawl:b:1", delay_s=30)
    [message] = queued(redis_client, "publish")
    assert message["headers"]["eta"] is not None  # due later, not at once
    assert 600 < redis_client.ttl(PUBLISH_PENDING_KEY) <= 630
