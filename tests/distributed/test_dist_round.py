"""Forty fixture portals, two `portalfeed worker` processes, one round enqueued with
`portalfeed enqueue --all`: every portal crawled once, every article stored once, and
the forty crawls' publish requests deduplicated into one publish job.

Real Redis (broker and locks), real PostgreSQL (the shared store), real Scrapy crawls
over 127.0.0.1, real worker processes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import feedparser
import pytest
import redis

PORTALS, ARTICLES = 40, 3
ROUND_LIMIT_S = 420  # ~60 s on two idle cores (forty crawl children); generous when shared


@dataclass
class Round:
    deployment: Any
    fleet: Any
    jobs: dict[str, str]  # portal -> job id, as `enqueue` printed them
    crawlers: list[Any]  # the two crawl workers' Services
    publisher: Any  # the publish worker's Service
    publish_pending: int  # publish jobs on the queue when the round had ended
    runs: list[dict]
    articles: list[dict]
    article_fetches: Counter


def ok_runs(deployment: Any, dist: SimpleNamespace) -> list[dict]:
    return dist.deployment.rows(deployment.db_url,
                                "SELECT portal, job_id FROM crawl_runs WHERE outcome = 'ok'")


def feeds_complete(public: Path, fleet: Any) -> bool:
    """Every portal's feed holds every one of its articles: the last publish saw them all."""
    for name in fleet.names:
        path = public / "feeds" / "portal" / f"{name}.rss"
        if not path.exists() or len(feedparser.parse(path.read_bytes()).entries) != ARTICLES:
            return False
    return True


@pytest.fixture(scope="module")
def round_(dist: SimpleNamespace, deploy: Any) -> Round:
    """Two crawl workers run the round; the publish worker (where public/ is served)
    starts after it, so every publish request of the round waits on the queue."""
    spec = dist.fleet.FleetSpec(portals=PORTALS, articles=ARTICLES, per_listing=2)
    with dist.fleet.Fleet(spec) as fleet:
        deployment = deploy(fleet)
        crawlers = [deployment.start_worker(name, queues="crawl") for name in ("alpha", "beta")]
        enqueued = deployment.portalfeed("enqueue", "--all")
        assert enqueued.returncode == 0, enqueued.stderr
        jobs = {line.split(":")[1]: line for line in enqueued.stdout.split()}
        dist.deployment.wait_for(
            lambda: len(ok_runs(deployment, dist)) >= PORTALS, ROUND_LIMIT_S,
            "an ok run of every portal", deployment.logs)
        for worker in crawlers:
            worker.stop()  # warm shutdown: the crawl workers are done
        with redis.Redis.from_url(deployment.broker_url) as client:
            pending = client.llen("publish")
        publisher = deployment.start_worker("publisher", queues="publish")
        dist.deployment.wait_for(
            lambda: feeds_complete(deployment.workdir / "public", fleet), 120,
            "feeds holding every article", deployment.logs)
        deployment.stop_all()  # warm shutdown: a publish still running ends first
        return Round(
            deployment, fleet, jobs, crawlers, publisher, pending,
            dist.deployment.rows(deployment.db_url, "SELECT * FROM crawl_runs"),
            dist.deployment.rows(deployment.db_url, "SELECT url, portal FROM articles"),
            fleet.article_fetches())


def test_enqueue_prints_one_job_per_portal(round_: Round) -> None:
    assert sorted(round_.jobs) == round_.fleet.names
    for portal, job in round_.jobs.items():
        assert job.startswith(f"crawl:{portal}:"), job


def test_every_portal_is_crawled_once_under_its_job_id(round_: Round) -> None:
    by_job = Counter((r["portal"], r["job_id"]) for r in round_.runs)
    assert by_job == Counter(round_.jobs.items())  # one run per job, no other run
    assert {r["outcome"] for r in round_.runs} == {"ok"}
    assert sum(r["new"] for r in round_.runs) == PORTALS * ARTICLES


def test_every_article_page_is_fetched_once(round_: Round) -> None:
    assert sorted(round_.article_fetches) == sorted(round_.fleet.article_urls())
    assert set(round_.article_fetches.values()) == {1}


def test_every_article_is_stored_once(round_: Round) -> None:
    urls = [a["url"] for a in round_.articles]
    assert len(urls) == PORTALS * ARTICLES
    assert sorted(urls) == sorted(round_.fleet.article_urls())  # canonical URLs, unique
    assert Counter(a["portal"] for a in round_.articles) == dict.fromkeys(
        round_.fleet.names, ARTICLES)


def test_both_workers_crawled(round_: Round) -> None:
    """Two workers shared the round: each run names its worker's node (`alpha@host`)."""
    by_worker = Counter(r["host"].split("@")[0] for r in round_.runs)
    assert set(by_worker) == {w.name for w in round_.crawlers}, by_worker
    assert all(0 < n < PORTALS for n in by_worker.values()), by_worker
    assert len({(r["host"], r["pid"]) for r in round_.runs}) == PORTALS  # a child per crawl


def test_forty_changed_crawls_ask_for_one_publish(round_: Round) -> None:
    assert all(r["new"] > 0 for r in round_.runs)  # every crawl asked for a publish
    assert round_.publish_pending == 1
    publishes = round_.publisher.log.read_text(errors="replace").count("publish started")
    assert publishes == 1


def test_the_one_publish_writes_every_feed(round_: Round) -> None:
    public = round_.deployment.workdir / "public"
    everything = feedparser.parse((public / "feeds" / "all.rss").read_bytes())
    assert not everything.bozo
    assert len(everything.entries) == min(50, PORTALS * ARTICLES)  # feed_limit
    assert feeds_complete(public, round_.fleet)


def test_status_reads_the_shared_database(round_: Round) -> None:
    status = round_.deployment.portalfeed("status", "--json")
    assert status.returncode == 0, status.stderr
    rows = {row["portal"]: row for row in json.loads(status.stdout)}
    assert set(rows) >= set(round_.fleet.names)
    for name in round_.fleet.names:
        row = rows[name]
        assert (row["health"], row["last_outcome"], row["runs_ok"], row["new_articles"]) == (
            "ok", "ok", 1, ARTICLES), row
