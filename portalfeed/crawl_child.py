"""Crawls in child processes: one spawned process per batch, with a time limit.

Twisted's reactor runs once per process, so the scheduler and the demo crawl in a
fresh child each time.  The parent owns the run records: it opens them before the
child starts and closes them from the child's report or, when the child hangs past
its time limit, crashes or is stopped, from what it saw itself.  So every run ends
ok | failed | interrupted.

Stopping: SIGTERM first (Scrapy stops gracefully, reports, the run is interrupted
with its statistics), SIGKILL after `stop_grace_s` (Scrapy's graceful stop waits for
every queued request, at the throttled pace, and for downloads that never answer).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import socket
import threading
import time
import traceback
from dataclasses import asdict
from datetime import datetime

from crawler.normalize.dates import VN_TZ
from crawler.store.store import Store
from portalfeed.config import Config
from portalfeed.crawl import CrawlResult, close_runs, crawl_in_process, open_runs

POLL_S = 0.2  # how often the parent looks at its child, the clock and the stop flag
ORPHAN_GRACE_S = 10  # a child whose parent died gets this long to stop gracefully


def _child_main(config: Config, portals: list[str], fetch_bases: dict[str, str],
                reports: multiprocessing.Queue) -> None:
    # Its own process group: a terminal's Ctrl-C reaches the parent only, which forwards
    # one SIGTERM (a second signal would make Scrapy stop uncleanly, without its stats).
    os.setpgrp()
    _stop_with_parent()
    try:
        results = crawl_in_process(config, portals, fetch_bases)
    except Exception as exc:
        traceback.print_exc()
        reports.put({"error": f"{type(exc).__name__}: {exc}"})
        raise SystemExit(1) from None
    reports.put({"results": [asdict(r) for r in results]})


def _stop_with_parent() -> None:
    """A crawl must not outlive its scheduler: a restarted one would crawl the portal twice."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os.kill(os.getpid(), signal.SIGTERM)  # Scrapy stops gracefully...
        time.sleep(ORPHAN_GRACE_S)
        os._exit(1)  # ...or not at all (a download that never answers)

    threading.Thread(target=watch, name="portalfeed-parent-watch", daemon=True).start()


class CrawlChild:
    """One spawned crawl process and the queue it reports on."""

    def __init__(self, config: Config, portals: list[str], fetch_bases: dict[str, str]):
        ctx = multiprocessing.get_context("spawn")
        self.queue: multiprocessing.Queue = ctx.Queue()
        self.process = ctx.Process(target=_child_main, name="portalfeed-crawl",
                                   args=(config, portals, fetch_bases, self.queue))

    def start(self) -> None:
        self.process.start()

    def receive(self, timeout: float) -> dict | None:
        try:
            return self.queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def stop(self, grace_s: float) -> dict | None:
        """SIGTERM (Scrapy stops and reports), SIGKILL if it is still there after grace_s."""
        deadline = time.monotonic() + grace_s
        if self.process.is_alive():
            self.process.terminate()
        message = self.receive(grace_s)
        self.process.join(max(deadline - time.monotonic(), 0.1))
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        return message

    def close(self) -> None:
        """Never leave a child behind, nor its pipes open (the scheduler runs for months)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.queue.close()
        if self.process.exitcode is not None or self.process.pid is None:
            self.process.close()

    def exit_text(self) -> str:
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exit code {code}"


def run_crawls_in_child(config: Config, portals: list[str],
                        fetch_bases: dict[str, str] | None = None,
                        timeout_s: float | None = None,
                        stop: threading.Event | None = None,
                        job_id: str | None = None,
                        host: str | None = None) -> list[CrawlResult]:
    """`crawl_in_process` in a fresh process, stopped at its time limit or when `stop` is
    set, then killed if it does not stop within `config.stop_grace_s`.  The runs are
    opened and closed here, so a child that hangs or dies still leaves a finished run.
    `job_id` (a distributed worker's job) is recorded on the runs; `stop.reason`, when
    the setter gave one, is the interrupted run's error.  The runs name `host` (a
    worker's node name; this machine's hostname by default) and the child's pid."""
    store = Store(config.database_url)
    child = CrawlChild(config, portals, fetch_bases or {})
    try:
        started = datetime.now(VN_TZ)
        run_ids = open_runs(store, portals, started, job_id=job_id,
                            host=host or socket.gethostname())
        child.start()
        for run_id in run_ids.values():  # known only now; None if it failed to start
            store.update_run(run_id, pid=child.process.pid)
        results = _supervise(child, portals, timeout_s or config.crawl_timeout_s,
                             config.stop_grace_s, stop)
        _count_unreported(store, results, started)
        close_runs(store, run_ids, results)
    finally:
        child.close()
        store.close()
    return results


def _count_unreported(store: Store, results: list[CrawlResult], started: datetime) -> None:
    """A child that died without reporting still stored what it stored: count it, so the
    run history and the decision to publish see it."""
    for result in results:
        if not result.counts:
            result.counts = {**store.changes_since(result.portal, started), "rejected": 0}
            result.stats["portalfeed/counts_from_store"] = 1


def _supervise(child: CrawlChild, portals: list[str], limit: float, grace_s: float,
               stop: threading.Event | None) -> list[CrawlResult]:
    deadline = time.monotonic() + limit
    message, ending = None, None
    while message is None and ending is None:
        message = child.receive(POLL_S)
        if message is None:
            ending = _ending(child, deadline, limit, stop)
    if ending is not None and child.process.is_alive():
        message = child.stop(grace_s) or message
        if child.process.exitcode == -signal.SIGKILL:
            ending = (ending[0], f"{ending[1]}; killed after {grace_s:g} s more")
    else:
        message = message or child.receive(1.0)  # a child that reported, then exited
        child.process.join(5)  # close() kills it if it hangs on its way out
    return _results(portals, message, ending, child)


def _ending(child: CrawlChild, deadline: float, limit: float,
            stop: threading.Event | None) -> tuple[str, str] | None:
    """Why the parent ends the child now (outcome, error), or None to keep waiting."""
    if stop is not None and stop.is_set():
        return ("interrupted", getattr(stop, "reason", "") or "stopped by a signal")
    if time.monotonic() >= deadline:
        return ("failed", f"time limit reached ({limit:g} s)")
    if not child.process.is_alive():
        return ("failed", "")  # crashed; _results says how
    return None


def _results(portals: list[str], message: dict | None, ending: tuple[str, str] | None,
             child: CrawlChild) -> list[CrawlResult]:
    if message is not None and "results" in message:
        results = [CrawlResult(**r) for r in message["results"]]
        for result in results:
            if ending is not None and ending[1] and result.outcome != "ok":
                result.outcome, result.error = ending
        return results
    if ending is not None and ending[1]:
        outcome, error = ending
    else:
        detail = message["error"] if message else "no report"
        outcome, error = "failed", f"crawl child crashed ({child.exit_text()}): {detail}"
    return [CrawlResult(p, outcome, error=error) for p in portals]
