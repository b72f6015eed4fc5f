"""Crawl children as the scheduler runs them: real spawned processes, the real Scrapy
engine, real HTTP servers on 127.0.0.1 (the fixture portal, a slow copy of it, and
one that never answers), a real SQLite store.  Each run must end ok, failed or
interrupted in the store, whatever the child did."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.profiles import BUILTIN_DIR, get_profile
from crawler.store.store import Store
from portalfeed.config import Config
from portalfeed.crawl_child import run_crawls_in_child
from portalfeed.fixture_server import FIXTURE_SITE, resolve
from scheduler import CrawlJob, Plan

PORTAL = "phutho-fixture"


class Portal:
    """The fixture portal, each answer `delay_s` late; `delay_s=None`: never answers."""

    def __init__(self, delay_s: float | None) -> None:
        self.hits = 0
        self.closing = threading.Event()
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                portal.hits += 1
                if portal.delay_s is None or portal.closing.wait(portal.delay_s):
                    portal.closing.wait()
                    return
                target = resolve(FIXTURE_SITE, self.path)
                body = target.read_bytes() if target else b"<html></html>"
                self.send_response(200 if target else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.delay_s = delay_s
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self) -> Portal:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def config(tmp_path: Path) -> Config:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    # Without autothrottle: with it, Scrapy's graceful stop drains the requests still
    # queued at the throttled pace (seconds each against a slow server).
    text = (BUILTIN_DIR / f"{PORTAL}.toml").read_text(encoding="utf-8")
    (profiles / f"{PORTAL}.toml").write_text(
        text.replace("[politeness]\n", "[politeness]\nautothrottle = false\n"), encoding="utf-8")
    return Config(workdir=tmp_path, profiles_dir=str(profiles), stop_grace_s=1,
                  log_level="WARNING")


@pytest.fixture
def store(config: Config) -> Iterator[Store]:
    store = Store(config.database_url)
    yield store
    store.close()


def in_thread(target, *args, **kwargs) -> tuple[threading.Thread, list]:
    out: list = []
    thread = threading.Thread(target=lambda: out.append(target(*args, **kwargs)), daemon=True)
    thread.start()
    return thread, out


def crawl_child() -> multiprocessing.Process:
    for _ in range(600):
        children = [c for c in multiprocessing.active_children() if c.name == "portalfeed-crawl"]
        if children:
            return children[0]
        time.sleep(0.05)
    raise AssertionError("no crawl child started")


def wait_for(predicate, what: str) -> None:
    for _ in range(1200):
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_crawl_child_reports_its_run(config: Config, store: Store, fixture_portal: str) -> None:
    [result] = run_crawls_in_child(config, [PORTAL], {PORTAL: fixture_portal}, timeout_s=120)
    assert result.outcome == "ok", result.error
    assert result.counts["new"] == 22
    [run] = store.runs(PORTAL)
    assert (run.id, run.outcome, run.new, run.pages) == (result.run_id, "ok", 22, result.pages)
    assert run.stats.get("portalfeed/rejected/no_title") == 1


def test_a_hanging_child_is_killed_at_its_limit(config: Config, store: Store) -> None:
    with Portal(delay_s=None) as silent:  # profile timeout 10 s; the child's limit 3 s
        [result] = run_crawls_in_child(config, [PORTAL], {PORTAL: silent.url}, timeout_s=3)
        assert silent.hits >= 1
    assert result.outcome == "failed"
    assert result.error == "time limit reached (3 s); killed after 1 s more"
    [run] = store.runs(PORTAL)
    assert (run.outcome, run.error) == ("failed", result.error)
    assert run.finished is not None
    assert not [c for c in multiprocessing.active_children() if c.name == "portalfeed-crawl"]


def test_a_child_killed_by_the_system_is_recorded_as_failed(config: Config,
                                                            store: Store) -> None:
    with Portal(delay_s=None) as silent:
        thread, out = in_thread(run_crawls_in_child, config, [PORTAL], {PORTAL: silent.url},
                                timeout_s=120)
        os.kill(crawl_child().pid, signal.SIGKILL)  # as the OOM killer would
        thread.join(60)
    [result] = out[0]
    assert result.outcome == "failed"
    assert result.error.startswith("crawl child crashed (killed by SIGKILL)")
    assert store.runs(PORTAL)[0].outcome == "failed"


def test_a_killed_child_is_credited_with_what_it_stored(config: Config, store: Store) -> None:
    with Portal(delay_s=0.3) as slow:
        thread, out = in_thread(run_crawls_in_child, config, [PORTAL], {PORTAL: slow.url},
                                timeout_s=120)
        child = crawl_child()
        wait_for(lambda: store.count(PORTAL) >= 3, "some articles to be stored")
        os.kill(child.pid, signal.SIGKILL)
        thread.join(60)
    [result] = out[0]
    assert result.outcome == "failed"
    stored = store.count(PORTAL)
    assert result.counts["new"] == stored >= 3
    [run] = store.runs(PORTAL)
    assert run.new == stored and run.stats["portalfeed/counts_from_store"] == 1


def test_a_stop_ends_the_crawl_gracefully_as_interrupted(config: Config, store: Store) -> None:
    config = replace(config, stop_grace_s=5)
    stop = threading.Event()
    with Portal(delay_s=0.5) as slow:
        thread, out = in_thread(run_crawls_in_child, config, [PORTAL], {PORTAL: slow.url},
                                timeout_s=120, stop=stop)
        wait_for(lambda: slow.hits >= 4, "the crawl to be under way")
        stop.set()
        thread.join(30)
    [result] = out[0]
    assert result.outcome == "interrupted"
    [run] = store.runs(PORTAL)
    assert (run.outcome, run.error) == ("interrupted", "stopped by a signal")
    assert run.pages >= 4 and run.stats, "a graceful stop keeps the crawl's statistics"


def test_a_stop_kills_a_child_that_does_not_stop(config: Config, store: Store) -> None:
    stop = threading.Event()
    with Portal(delay_s=None) as silent:
        thread, out = in_thread(run_crawls_in_child, config, [PORTAL], {PORTAL: silent.url},
                                timeout_s=120, stop=stop)
        wait_for(lambda: silent.hits >= 1, "the crawl to be under way")
        stop.set()
        thread.join(30)
    [result] = out[0]
    assert (result.outcome, result.error) == (
        "interrupted", "stopped by a signal; killed after 1 s more")
    assert store.runs(PORTAL)[0].outcome == "interrupted"


def test_a_crashed_child_is_recorded_and_the_next_run_still_happens(
        config: Config, store: Store, fixture_portal: str) -> None:
    plan = Plan((get_profile(PORTAL, config.profiles_path),), {PORTAL: fixture_portal})
    published: list[int] = []
    job = CrawlJob(config, plan, threading.Event(), publish=lambda _c: published.append(1),
                   report=lambda _r: None)
    profile_file = config.profiles_path / f"{PORTAL}.toml"
    good = profile_file.read_text(encoding="utf-8")
    profile_file.write_text(good.replace("[selectors]", "[selectors"), encoding="utf-8")
    crashed = job(PORTAL)  # the child cannot read the profile any more: it raises
    profile_file.write_text(good, encoding="utf-8")
    fine = job(PORTAL)
    assert crashed.outcome == "failed"
    assert crashed.error.startswith("crawl child crashed (exit code 1): ProfileError:")
    assert fine.outcome == "ok" and fine.counts["new"] == 22
    assert [r.outcome for r in store.runs(PORTAL)] == ["ok", "failed"]
    assert len(published) == 2  # after the failure (counts unknown) and after the news
