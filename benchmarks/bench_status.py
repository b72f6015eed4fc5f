"""How long `portalfeed status --json` takes on a long run history.

A year of hourly runs for several portals in a SQLite store, then `status` is
timed (the command sums the totals in one SQL GROUP BY and reads the newest 50 runs
of each portal for health).

    python benchmarks/bench_status.py [--portals 3] [--runs 8760]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

# `python benchmarks/bench_status.py` puts benchmarks/ first on sys.path, where feeds.py
# (the feed benchmark) would shadow the `feeds` package that portalfeed imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent.resolve()]

from crawler.normalize.dates import VN_TZ  # noqa: E402
from crawler.store.schema import CrawlRunRow  # noqa: E402
from crawler.store.store import Store  # noqa: E402
from portalfeed.cli import main  # noqa: E402

T0 = datetime(2025, 1, 1, tzinfo=VN_TZ)
STATS = {"portalfeed/extractor/profile": 4, "portalfeed/missing/author": 1,
         "portalfeed/known_skipped": 40, "downloader/response_status_count/200": 12}


def fill(db_url: str, portals: int, runs: int) -> None:
    store = Store(db_url)
    rows = [dict(portal=f"portal-{p}", started=T0 + timedelta(hours=i),
                 finished=T0 + timedelta(hours=i, minutes=2), outcome="ok", pages=12, new=2,
                 updated=0, unchanged=2, rejected=0, stats=STATS, error=None)
            for p in range(portals) for i in range(runs)]
    with store.engine.begin() as connection:
        connection.execute(insert(CrawlRunRow), rows)
    store.close()


def timed_status(workdir: Path) -> float:
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["--workdir", str(workdir), "status", "--json"])
    assert code == 0
    return time.perf_counter() - started


def run() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--portals", type=int, default=3)
    parser.add_argument("--runs", type=int, default=8760)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        fill(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}", args.portals, args.runs)
        timings = sorted(timed_status(workdir) for _ in range(3))
    print(f"status --json over {args.portals} portals x {args.runs} runs: "
          f"median {timings[1]:.2f} s")
    print(f"RESULT portals={args.portals} runs_per_portal={args.runs} "
          f"status_median_s={timings[1]:.3f} status_max_s={timings[-1]:.3f}")


if __name__ == "__main__":
    run()
