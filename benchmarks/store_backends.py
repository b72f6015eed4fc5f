"""The store on SQLite beside PostgreSQL: opening at head, a crawl's per-article commit,
and the reads of a publish.

    python benchmarks/store_backends.py [--articles 2000] [--opens 50] [--pg-url URL]

Without --pg-url a throwaway PostgreSQL cluster is started on a free 127.0.0.1 port
(tests/servers.py; Debian's `postgresql` package) with fsync off, so its commits
are cheaper than a production server's; --pg-url names an empty database instead.
Each measure is timed on both backends in the same run:

- open: `Store(url)` on a database already at head (median of --opens), what every
  crawl child, pipeline and worker pays; connect: a bare engine, connection and
  `SELECT 1`, the part of it that is not the schema check;
- upsert: one new article per transaction, as the crawl's storage pipeline commits;
- unchanged: the same articles again (a recrawl: read, compare, touch last_seen);
- feeds: the reads of a publish: `feed_keys()` and `newest(limit=50)` of every feed.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

# `python benchmarks/x.py` puts benchmarks/ first on sys.path, where feeds.py (the feed
# benchmark) would shadow the `feeds` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

from sqlalchemy import create_engine, text  # noqa: E402

from crawler.model import Article  # noqa: E402
from crawler.normalize.dates import VN_TZ  # noqa: E402
from crawler.store.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 1, 1, 8, 0, tzinfo=VN_TZ)
PORTALS = ("phutho", "hagiang", "yenbai")
TOPICS = ("thoi-su", "kinh-te", "y-te", "giao-duc", "khoa-hoc-cong-nghe", "thong-bao")


def articles(n: int) -> list[Article]:
    rng = random.Random(7)
    return [Article(title=f"Tin số {i}", url=f"https://{PORTALS[i % 3]}.gov.vn/vi/tin-{i}",
                    portal=PORTALS[i % 3], published=T0 + timedelta(minutes=rng.randrange(9999)),
                    published_precision="datetime", body=[f"Nội dung bài {i}. " * 20] * 6,
                    topics=rng.sample(TOPICS, 2)) for i in range(n)]


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(url: str, items: list[Article], opens: int) -> dict[str, float]:
    store = Store(url)  # creates the schema
    upsert = timed(lambda: [store.upsert(a, T0) for a in items])
    unchanged = timed(lambda: [store.upsert(a, T0 + timedelta(hours=1)) for a in items])
    feeds = min(timed(lambda: read_feeds(store)) for _ in range(3))
    store.close()
    open_s = statistics.median(timed(lambda: Store(url).close()) for _ in range(opens))
    connect_s = statistics.median(timed(lambda: bare_connect(url)) for _ in range(opens))
    return {"open_ms": open_s * 1000, "connect_ms": connect_s * 1000,
            "upsert_ms": upsert * 1000 / len(items),
            "unchanged_ms": unchanged * 1000 / len(items), "feeds_ms": feeds * 1000}


def bare_connect(url: str) -> None:
    """What any opening costs without the schema check: an engine, a connection, a query."""
    engine = create_engine(url)
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    engine.dispose()


def read_feeds(store: Store) -> int:
    keys = store.feed_keys()
    read = len(store.newest(limit=50))
    for portal, topics in keys:
        read += len(store.newest(portal=portal, limit=50))
        read += sum(len(store.newest(portal=portal, topic=t, limit=50)) for t in topics)
    read += sum(len(store.newest(topic=t, limit=50)) for t in TOPICS)
    return read


@contextmanager
def postgres(url: str) -> Iterator[str]:
    if url:
        yield url
        return
    spec = importlib.util.spec_from_file_location("servers", REPO / "tests" / "servers.py")
    servers = importlib.util.module_from_spec(spec)
    sys.modules["servers"] = servers  # its dataclasses look their module up
    spec.loader.exec_module(servers)
    with servers.PostgresServer() as server:
        yield server.create_database("bench_store")


def run() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--opens", type=int, default=50)
    parser.add_argument("--pg-url", default="", help="an empty PostgreSQL database")
    args = parser.parse_args()
    items = articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp, postgres(args.pg_url) as pg_url:
        results = {"sqlite": measure(f"sqlite:///{Path(tmp) / 's.sqlite3'}", items, args.opens),
                   "pg": measure(pg_url, items, args.opens)}
    for backend, numbers in results.items():
        print(f"{backend:7} " + "  ".join(f"{k}={v:.2f}" for k, v in numbers.items()))
    print("RESULT " + " ".join(f"{k.removesuffix('_ms')}_{b}_ms={v:.2f}"
                               for b, numbers in results.items() for k, v in numbers.items()))


if __name__ == "__main__":
    run()
