"""Crawl benchmark: the full pipeline (crawl, extract, normalise, store) on a generated
local portal, against `scrapy bench` on the same machine in the same run.

    python benchmarks/crawl.py [--articles 10000] [--bench-seconds 20]

Prints the numbers, then one line:
RESULT pages_per_s=… scrapy_bench_pages_per_s=… ratio=… peak_rss_mb=… recrawl_request_pct=…
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_portal import PROFILE, BenchPortal

from crawler.store.store import Store


def crawl(workdir: Path, profiles: Path, url: str) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one `portalfeed crawl` child process."""
    env = {**os.environ, "PORTALFEED_PROFILES_DIR": str(profiles),
           "PORTALFEED_LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "crawl", "bench",
               "--fetch-base", url, "--no-publish"]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"crawl failed with exit status {os.waitstatus_to_exitcode(status)}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def run_stats(workdir: Path) -> tuple[list, dict]:
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    try:
        return store.runs("bench"), {"count": store.count("bench")}
    finally:
        store.close()


def requests_of(run: object) -> int:
    stats = run.stats  # type: ignore[attr-defined]
    counts = [v for k, v in stats.items() if k.startswith("downloader/response_status_count/")]
    return sum(counts)


def scrapy_bench(seconds: int) -> float:
    """Pages per second of `scrapy bench` (its own local server and spider)."""
    with tempfile.TemporaryDirectory() as empty:  # outside any Scrapy project
        out = subprocess.run([sys.executable, "-m", "scrapy", "bench", "-s",
                              f"CLOSESPIDER_TIMEOUT={seconds}"], cwd=empty, capture_output=True,
                             text=True, timeout=seconds + 120)
    log = out.stderr + out.stdout
    pages = re.search(r"'response_received_count': (\d+)", log)
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", log)
    if not pages or not elapsed:
        raise SystemExit("scrapy bench printed no statistics:\n" + log[-2000:])
    return int(pages[1]) / float(elapsed[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--bench-seconds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, BenchPortal(args.articles) as portal:
        workdir, profiles = Path(tmp) / "work", Path(tmp) / "profiles"
        profiles.mkdir()
        (profiles / "bench.toml").write_text(PROFILE, encoding="utf-8")
        seconds, rss = crawl(workdir, profiles, portal.url)
        crawl(workdir, profiles, portal.url)  # the unchanged second crawl
        runs, counts = run_stats(workdir)
    second, first = runs[0], runs[1]
    pages_per_s = first.pages / (first.finished - first.started).total_seconds()
    bench = scrapy_bench(args.bench_seconds)
    recrawl_pct = 100 * requests_of(second) / max(1, requests_of(first))
    print(f"first crawl: {first.pages} pages, {first.new} new articles, {seconds:.1f} s wall "
          f"(incl. start-up), {pages_per_s:.1f} pages/s in the engine; stored {counts['count']}")
    print(f"second crawl: {requests_of(second)} requests ({recrawl_pct:.2f}% of "
          f"{requests_of(first)}), {second.new} new, stats {sorted(second.stats)}")
    print(f"scrapy bench: {bench:.1f} pages/s; peak RSS of the first crawl {rss:.0f} MB")
    print(f"RESULT pages_per_s={pages_per_s:.1f} scrapy_bench_pages_per_s={bench:.1f} "
          f"ratio={pages_per_s / bench:.2f} peak_rss_mb={rss:.0f} "
          f"recrawl_request_pct={recrawl_pct:.2f}")


if __name__ == "__main__":
    main()
