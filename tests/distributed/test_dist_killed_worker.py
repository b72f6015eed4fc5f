"""A worker SIGKILLed midway through a crawl (the worker, its process group and its crawl
child, as when its machine dies): Redis hands the unacknowledged job to the other worker
once the visibility timeout passed, the dead worker's portal lock expires, the job runs
again there, and the round completes with nothing lost or duplicated.

Real Redis, PostgreSQL, Scrapy crawls over 127.0.0.1 and worker processes: the
forty portals of test_dist_round.py, two workers, one killed during its first crawl
(the survivor then crawls most of the round alone, which is what this costs in CI).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest

PORTALS, ARTICLES = 40, 3
DELAY_S = 0.5  # per page: a crawl lasts a few seconds, long enough to be caught midway
LOCK_TTL_S, VISIBILITY_S = 5, 10  # a dead worker's lock and job come back within seconds
MIDWAY_LIMIT_S = 240  # until the doomed worker is midway through its first crawl
ROUND_LIMIT_S = 300  # until the round completes after the kill


@dataclass
class Killed:
    deployment: Any
    fleet: Any
    jobs: dict[str, str]  # portal -> job id
    children: list[int]  # the killed worker's crawl children
    victim: Any  # the killed worker's Service
    survivor: Any
    job: str  # the job it was crawling
    served_before_kill: int  # requests of that portal answered before the kill
    runs: list[dict]
    articles: list[dict]


def running_job(deployment: Any, service: Any, dist: SimpleNamespace) -> str | None:
    """The job whose run the worker's node (`victim@host`) has open in the store."""
    rows = dist.deployment.rows(deployment.db_url, "SELECT job_id, host FROM crawl_runs "
                                "WHERE outcome = 'running'")
    return next((r["job_id"] for r in rows if node(r) == service.name), None)


def node(run: dict) -> str:
    """The worker's name in a run's host: `victim` of `victim@host`."""
    return (run["host"] or "").split("@")[0]


def midway(deployment: Any, service: Any, fleet: Any,
           dist: SimpleNamespace) -> tuple[str, int] | None:
    """(job, requests served) once the worker's crawl child runs and its portal has
    answered some of the crawl's pages but not all."""
    job = running_job(deployment, service, dist)
    if job is None or not dist.deployment.crawl_children(service):
        return None
    server = fleet.servers[fleet.names.index(job.split(":")[1])]
    served = sum(server.served.values())
    return (job, served) if 2 <= served < fleet.spec.pages_per_crawl - 1 else None


@pytest.fixture(scope="module")
def killed(dist: SimpleNamespace, deploy: Any) -> Killed:
    spec = dist.fleet.FleetSpec(portals=PORTALS, articles=ARTICLES, per_listing=2,
                                delay_s=DELAY_S)
    with dist.fleet.Fleet(spec) as fleet:
        deployment = deploy(fleet, lock_ttl_s=LOCK_TTL_S,
                            broker_visibility_timeout_s=VISIBILITY_S)
        victim, survivor = deployment.start_worker("victim"), deployment.start_worker("survivor")
        enqueued = deployment.portalfeed("enqueue", "--all")
        assert enqueued.returncode == 0, enqueued.stderr
        jobs = {line.split(":")[1]: line for line in enqueued.stdout.split()}
        job, served = dist.deployment.wait_for(
            lambda: midway(deployment, victim, fleet, dist), MIDWAY_LIMIT_S,
            "the victim worker midway through a crawl", deployment.logs)
        children = dist.deployment.crawl_children(victim)
        assert children, "the victim's crawl child ended before the kill"
        assert victim.kill(), "the victim worker had already exited"
        dist.deployment.wait_for(lambda: not any(map(dist.deployment.alive, children)), 10,
                                 "the victim's crawl child gone", deployment.logs)
        dist.deployment.wait_for(
            lambda: len(ok_jobs(deployment, dist)) >= PORTALS, ROUND_LIMIT_S,
            "an ok run of every portal after the kill", deployment.logs)
        deployment.stop_all()
        return Killed(
            deployment, fleet, jobs, children, victim, survivor, job, served,
            dist.deployment.rows(deployment.db_url, "SELECT * FROM crawl_runs ORDER BY id"),
            dist.deployment.rows(deployment.db_url, "SELECT url, portal FROM articles"))


def ok_jobs(deployment: Any, dist: SimpleNamespace) -> set[str]:
    rows = dist.deployment.rows(deployment.db_url,
                                "SELECT job_id FROM crawl_runs WHERE outcome = 'ok'")
    return {r["job_id"] for r in rows}


def test_the_crawl_was_cut_midway(killed: Killed) -> None:
    portal = killed.job.split(":")[1]
    assert killed.jobs[portal] == killed.job
    assert 2 <= killed.served_before_kill < killed.fleet.spec.pages_per_crawl - 1


def test_the_killed_job_ran_again_on_the_other_worker(killed: Killed) -> None:
    runs = [r for r in killed.runs if r["job_id"] == killed.job]
    assert [(r["outcome"], node(r)) for r in runs] == [
        ("interrupted", "victim"), ("ok", "survivor")], runs
    assert "died" in runs[0]["error"]
    assert runs[0]["pid"] in killed.children  # the run names the crawl child killed
    assert runs[1]["pid"] not in killed.children


def test_every_portal_has_one_ok_run_for_its_job(killed: Killed) -> None:
    ok = Counter((r["portal"], r["job_id"]) for r in killed.runs if r["outcome"] == "ok")
    assert ok == Counter(killed.jobs.items())
    others = [r for r in killed.runs if r["job_id"] != killed.job]
    assert len(others) == PORTALS - 1  # no other job ran twice


def test_nothing_lost_or_duplicated(killed: Killed) -> None:
    urls = [a["url"] for a in killed.articles]
    assert len(urls) == len(set(urls)) == PORTALS * ARTICLES
    assert sorted(urls) == sorted(killed.fleet.article_urls())
    new = sum(r["new"] for r in killed.runs if r["outcome"] == "ok")
    assert new <= PORTALS * ARTICLES  # the rerun counts only what the killed crawl missed


def test_no_lock_is_left_behind(killed: Killed) -> None:
    import redis

    with redis.Redis.from_url(killed.deployment.broker_url) as client:
        assert client.keys("portalfeed:lock:portal:*") == []
