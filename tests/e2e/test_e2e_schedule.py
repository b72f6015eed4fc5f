"""The scheduler end to end: `portalfeed demo --rounds 2` and `portalfeed schedule` as
operators run them, in child processes, against the fixture portal on 127.0.0.1;
then `portalfeed status --json`, the store and the feeds are read back."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest

from crawler.store.store import Store
from portalfeed.fixture_server import FIXTURE_SITE, resolve

PORTAL = "phutho-fixture"
ENV = {**os.environ, "PORTALFEED_BASE_URL": "https://feeds.example.vn/", "PORTALFEED_JITTER_S": "0"}


def portalfeed(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "portalfeed", "--workdir", str(workdir), *args],
                          capture_output=True, text=True, env=ENV, timeout=300)


def schedule(workdir: Path, fetch_base: str, *extra: str) -> subprocess.Popen[str]:
    """`portalfeed schedule` every second: the portal was crawled a moment ago, so on its
    profile's hourly schedule the next run would be an hour away."""
    return subprocess.Popen(
        [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "schedule",
         "--portal", PORTAL, "--fetch-base", f"{PORTAL}={fetch_base}", "--interval", "1",
         *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def status(workdir: Path) -> dict:
    out = portalfeed(workdir, "status", "--json")
    assert out.returncode == 0, out.stderr
    return next(row for row in json.loads(out.stdout) if row["portal"] == PORTAL)


def feed_files(public: Path) -> dict[str, bytes]:
    return {str(p.relative_to(public)): p.read_bytes()
            for p in sorted((public / "feeds").rglob("*")) if p.is_file()}


def db(workdir: Path) -> Path:
    return workdir / "data" / "portalfeed.sqlite3"


class SlowPortal:
    """The fixture portal answering each request a second late, counting requests."""

    def __init__(self) -> None:
        self.hits = 0
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                portal.hits += 1
                time.sleep(1.0)
                target = resolve(FIXTURE_SITE, self.path)
                body = target.read_bytes() if target else b"<html></html>"
                self.send_response(200 if target else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def wait_for_hits(self, count: int) -> None:
        for _ in range(1200):
            if self.hits >= count:
                return
            time.sleep(0.05)
        raise AssertionError(f"the crawl never reached {count} requests")


@pytest.fixture
def slow_portal() -> Iterator[SlowPortal]:
    portal = SlowPortal()
    thread = threading.Thread(target=portal.httpd.serve_forever, daemon=True)
    thread.start()
    yield portal
    portal.httpd.shutdown()
    portal.httpd.server_close()


@pytest.fixture
def crawled(tmp_path: Path, fixture_portal: str) -> Path:
    """A working directory whose store and feeds hold the fixture portal."""
    out = portalfeed(tmp_path, "crawl", PORTAL, "--fetch-base", fixture_portal)
    assert out.returncode == 0, out.stdout + out.stderr
    return tmp_path


def test_demo_runs_the_scheduler_for_two_rounds(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "portalfeed", "demo", "--rounds", "2",
                          "--interval", "1"], cwd=tmp_path, capture_output=True, text=True,
                         env=ENV, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.count(f"{PORTAL}: ok") == 2
    row = status(tmp_path)
    assert (row["runs_ok"], row["runs_failed"], row["last_outcome"]) == (2, 0, "ok")
    assert row["new_articles"] == 22
    store = Store(f"sqlite:///{db(tmp_path)}")
    try:
        runs = store.runs(PORTAL)
    finally:
        store.close()
    assert [(r.outcome, r.new) for r in runs] == [("ok", 0), ("ok", 22)]
    assert runs[0].started - runs[1].started >= runs[1].finished - runs[1].started  # in turn
    parsed = feedparser.parse((tmp_path / "public" / "feeds" / "all.rss").read_bytes())
    assert not parsed.bozo and len(parsed.entries) >= 12
    assert (tmp_path / "public" / "index.html").is_file()


def test_sigterm_during_a_crawl_stops_in_seconds_and_keeps_everything(
        crawled: Path, slow_portal: SlowPortal) -> None:
    before = feed_files(crawled / "public")
    proc = schedule(crawled, slow_portal.url)
    slow_portal.wait_for_hits(3)  # the crawl child is fetching
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, stderr
    assert elapsed < 10, f"took {elapsed:.1f} s to stop"
    row = status(crawled)
    assert row["last_outcome"] == "interrupted"
    assert (row["runs_ok"], row["new_articles"]) == (1, 22)
    with sqlite3.connect(db(crawled)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (22,)
        assert conn.execute("SELECT count(*) FROM crawl_runs WHERE outcome = 'running' "
                            "OR finished IS NULL").fetchone() == (0,)
    assert feed_files(crawled / "public") == before
    assert not list((crawled / "public").rglob("*.tmp"))


def child_pids(pid: int) -> list[int]:
    """Children of every thread of `pid` (crawls are started from the job threads)."""
    return [int(child) for path in Path(f"/proc/{pid}/task").glob("*/children")
            for child in path.read_text().split()]


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


def test_a_killed_scheduler_leaves_no_crawl_behind_and_redoes_the_run(
        crawled: Path, slow_portal: SlowPortal, fixture_portal: str) -> None:
    proc = schedule(crawled, slow_portal.url)
    slow_portal.wait_for_hits(3)
    crawl_children = child_pids(proc.pid)
    proc.kill()  # a crash: no clean-up at all
    proc.communicate(timeout=30)
    assert crawl_children
    for _ in range(600):  # the orphaned crawl stops itself
        if all(gone(pid) for pid in crawl_children):
            break
        time.sleep(0.05)
    assert all(gone(pid) for pid in crawl_children)
    restart = schedule(crawled, fixture_portal, "--rounds", "1")
    _, stderr = restart.communicate(timeout=120)
    assert restart.returncode == 0, stderr
    assert "cut short by the last stop" in stderr
    store = Store(f"sqlite:///{db(crawled)}")
    try:
        outcomes = [r.outcome for r in store.runs(PORTAL)]
    finally:
        store.close()
    assert outcomes == ["ok", "interrupted", "ok"]  # redone at once, once
