"""Scale-out: one round of crawl jobs over forty fixture portals with 1, 2 and 4 workers.

Starts everything itself: a throwaway PostgreSQL and Redis (tests/servers.py, Debian's
`postgresql` and `redis-server`), forty portals answering every page after `--delay`
seconds (tests/distributed/fleet.py, each on its own 127.0.0.N address), then for each
worker count a fresh database, fresh portals and N `portalfeed worker` processes
(concurrency 1 each).  The round is timed from `portalfeed enqueue --all` to the end of
the last crawl run in the database; the workers take crawl jobs only (publishing is not part of
it).  Throughput is the pages the portals answered per second of the round.

Sizing: a crawl child costs about 2 s of CPU to start and to process its pages, so a
portal of a handful of pages fetched at full speed would measure process start-up on
the machine's cores, not the distribution of crawl jobs.  A real portal is crawled
politely, so each generated portal has `--articles` articles (default 8: 10 pages with
robots.txt and the listing) fetched one at a time (`--concurrency 1`) with a
`--download-delay` of 0.5 s (Scrapy jitters it to 0.25-0.75 s) after `--delay` 0.1 s of
latency: ~6 s of waiting per crawl beside ~2 s of CPU, as a deployment is bound by the
portals' latency and politeness.  With fewer waiting seconds per crawl, 4 workers on 2
cores become CPU-bound and the speedup at 4 falls.

    python benchmarks/scale.py                      # ~10 minutes on two idle cores
    python benchmarks/scale.py --portals 12 --workers 1,2   # a quick look

Ends with one line `RESULT speedup_2=... speedup_4=... seconds_1=... pages_per_s_1=...`.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


def load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


servers = load("portalfeed_test_servers", REPO / "tests" / "servers.py")
fleet_mod = load("dist_fleet", REPO / "tests" / "distributed" / "fleet.py")
deploy_mod = load("dist_deployment", REPO / "tests" / "distributed" / "deployment.py")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--portals", type=int, default=40)
    parser.add_argument("--articles", type=int, default=8, help="articles per portal")
    parser.add_argument("--delay", type=float, default=0.1, help="seconds before each answer")
    parser.add_argument("--download-delay", type=float, default=0.5,
                        help="the profiles' politeness delay between requests")
    parser.add_argument("--concurrency", type=int, default=1,
                        help="the profiles' requests at once per portal")
    parser.add_argument("--workers", default="1,2,4", help="worker counts to measure")
    parser.add_argument("--limit", type=float, default=1800, help="seconds allowed per round")
    return parser.parse_args(argv)


def spec_from(args: argparse.Namespace):
    return fleet_mod.FleetSpec(portals=args.portals, articles=args.articles,
                               per_listing=max(args.articles, 1), delay_s=args.delay,
                               download_delay=args.download_delay,
                               concurrency=args.concurrency)


def one_round(workers: int, args: argparse.Namespace, pg, redis_url: str,
              tmp: Path) -> dict[str, float]:
    """Time one round with `workers` workers; returns seconds, pages and pages/s."""
    import redis

    with redis.Redis.from_url(redis_url) as client:
        client.flushdb()
    with fleet_mod.Fleet(spec_from(args)) as fleet:
        workdir = tmp / f"workers-{workers}"
        workdir.mkdir()
        deployment = deploy_mod.Deployment(
            workdir=workdir, profiles_dir=fleet.write_profiles(workdir / "profiles"),
            db_url=pg.create_database(f"scale_{uuid.uuid4().hex[:10]}"),
            broker_url=redis_url, settings={"log_level": "INFO"})
        deployment.prepare()
        try:
            return _measure(deployment, fleet, workers, args)
        finally:
            deployment.stop_all()


def _measure(deployment, fleet, workers: int, args: argparse.Namespace) -> dict[str, float]:
    # Crawl jobs only: a publish job per change would take worker time in proportion to
    # how rarely crawls end together, which is not what is measured here.
    started = [deployment.start_worker(f"w{i}", queues="crawl") for i in range(workers)]
    for worker in started:  # timed from the enqueue: every worker must be taking jobs
        deploy_mod.wait_for(lambda w=worker: "ready." in w.tail(20000), 300,
                            f"{worker.name} ready", deployment.logs)
    begin = datetime.now(UTC)
    enqueued = deployment.portalfeed("enqueue", "--all")
    if enqueued.returncode != 0:
        raise SystemExit(f"enqueue failed: {enqueued.stderr.strip()}")
    deploy_mod.wait_for(lambda: _ok_runs(deployment) >= args.portals, args.limit,
                        f"a round with {workers} workers", deployment.logs, poll_s=1.0)
    end = deploy_mod.rows(deployment.db_url, "SELECT max(finished) AS end FROM crawl_runs")
    seconds = (end[0]["end"] - begin).total_seconds()
    pages = fleet.requests()
    return {"seconds": seconds, "pages": pages, "pages_per_s": pages / seconds}


def _ok_runs(deployment) -> int:
    rows = deploy_mod.rows(deployment.db_url,
                           "SELECT count(*) AS n FROM crawl_runs WHERE outcome = 'ok'")
    return rows[0]["n"]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    spec = spec_from(args)
    print(f"{args.portals} portals x {spec.pages_per_crawl} pages, {args.delay:g} s latency, "
          f"download_delay {args.download_delay:g} s, concurrency {args.concurrency}")
    results: dict[int, dict[str, float]] = {}
    with servers.PostgresServer() as pg, servers.RedisServer() as rs, \
            tempfile.TemporaryDirectory(prefix="portalfeed-scale-") as tmp:
        for n in counts:
            results[n] = one_round(n, args, pg, rs.url, Path(tmp))
            r = results[n]
            base = results[counts[0]]["pages_per_s"]
            print(f"{n} worker(s): {r['seconds']:.1f} s, {r['pages']:.0f} pages, "
                  f"{r['pages_per_s']:.2f} pages/s, x{r['pages_per_s'] / base:.2f}", flush=True)
    print("RESULT " + " ".join(_result_fields(results, counts)))
    return 0


def _result_fields(results: dict[int, dict[str, float]], counts: list[int]) -> list[str]:
    base = results[counts[0]]["pages_per_s"]
    fields = [f"speedup_{n}={results[n]['pages_per_s'] / base:.2f}" for n in counts[1:]]
    for n in counts:
        fields += [f"seconds_{n}={results[n]['seconds']:.1f}",
                   f"pages_per_s_{n}={results[n]['pages_per_s']:.2f}"]
    return fields


if __name__ == "__main__":
    raise SystemExit(main())
