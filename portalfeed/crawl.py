"""Running crawls: Scrapy settings from config and profile, run records, child processes.

Twisted's reactor runs once per process, so a process runs one batch of
crawls (several portals at once is fine) and callers that need more — the demo,
the scheduler, the tests — start a child process per batch (`run_crawls_in_child`).

The parent owns the run records: it opens them before the child starts and closes
them from the child's report or, when the child hangs past its time limit, crashes
or is stopped, from what it saw itself.  So every run ends ok | failed | interrupted.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from crawler.normalize.dates import VN_TZ
from crawler.profiles import Profile, get_profile
from crawler.store.store import Store
from portalfeed.config import Config

POLL_S = 0.2  # how often the parent looks at its child, the clock and the stop flag
ORPHAN_GRACE_S = 10  # a child whose parent died gets this long to stop gracefully
STAT_PREFIXES = ("portalfeed/", "downloader/response_status_count/", "retry/reason_count/",
                 "robotstxt/", "item_dropped_reasons_count/")


@dataclass
class CrawlResult:
    portal: str
    outcome: str  # ok | failed | interrupted
    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    run_id: int | None = None  # its row in the store's run history

    @property
    def changed(self) -> bool:
        return bool(self.counts.get("new") or self.counts.get("updated"))

    def summary(self) -> str:
        """One line for operators: outcome, counts, rejection reasons, error."""
        c = self.counts
        line = (f"{self.portal}: {self.outcome}, {self.pages} pages, {c.get('new', 0)} new, "
                f"{c.get('updated', 0)} updated, {c.get('unchanged', 0)} unchanged, "
                f"{c.get('rejected', 0)} rejected")
        reasons = {k.rsplit("/", 1)[1]: v for k, v in self.stats.items()
                   if k.startswith(("portalfeed/rejected/", "portalfeed/errors/"))}
        if reasons:
            line += " (" + ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items())) + ")"
        return line + (f" — {self.error}" if self.error else "")


def scrapy_settings(config: Config, profile: Profile) -> dict[str, Any]:
    """Project settings, then this portal's politeness, then the operator's config."""
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings().copy_to_dict()
    polite = profile.politeness
    settings.update({
        "PORTALFEED_DB_URL": config.database_url,
        "USER_AGENT": config.user_agent,
        "DOWNLOAD_DELAY": polite.download_delay,
        "AUTOTHROTTLE_START_DELAY": max(polite.download_delay, 0.1),
        "RANDOMIZE_DOWNLOAD_DELAY": polite.download_delay > 0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": polite.concurrency,
        "CLOSESPIDER_PAGECOUNT": polite.max_pages,
        "DOWNLOAD_TIMEOUT": polite.timeout_s,
        "AUTOTHROTTLE_ENABLED": polite.autothrottle,
        "DOWNLOAD_MAXSIZE": polite.max_page_bytes,
        "PORTALFEED_RECHECK_DAYS": (profile.discovery.recheck_days
                                    if profile.discovery.recheck_days is not None
                                    else config.recheck_days),
        "LOG_LEVEL": config.log_level,
        # json: Scrapy's text handler off, the progress extension installs a JSON one.
        "LOG_ENABLED": config.log_format != "json",
        "PORTALFEED_LOG_FORMAT": config.log_format,
        "EXTENSIONS": {**settings.get("EXTENSIONS", {}),
                       "crawler.extensions.progress.ProgressExtension": 500},
        "LOGSTATS_INTERVAL": 0,  # the progress extension reports more, in the same place
    })
    return settings


def crawl_in_process(config: Config, portals: list[str],
                     fetch_bases: dict[str, str] | None = None) -> list[CrawlResult]:
    """Crawl portals concurrently in this process (once per process: see module doc).

    Writes articles, not run records: the caller owns those."""
    import os

    from scrapy.crawler import Crawler, CrawlerProcess

    from crawler.spiders.portal import PortalSpider

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    fetch_bases = fetch_bases or {}
    profiles = [get_profile(name, config.profiles_path) for name in portals]
    process = CrawlerProcess(scrapy_settings(config, profiles[0]))
    errors: dict[str, str] = {}
    crawlers: list[tuple[str, Crawler]] = []
    for i, profile in enumerate(profiles):
        # The first crawler installs the reactor (what CrawlerProcess.create_crawler does).
        crawler = Crawler(PortalSpider, scrapy_settings(config, profile), init_reactor=i == 0)
        done = process.crawl(crawler, portal=profile.name,
                             fetch_base=fetch_bases.get(profile.name, ""),
                             profiles_dir=str(config.profiles_path))
        done.addErrback(_keep_error, errors, profile.name)
        crawlers.append((profile.name, crawler))
    process.start()
    return [_result(name, crawler, errors.get(name)) for name, crawler in crawlers]


def _keep_error(failure: Any, errors: dict[str, str], portal: str) -> None:
    errors[portal] = f"crawl could not run: {failure.getErrorMessage()}"


def _result(portal: str, crawler: Any, error: str | None) -> CrawlResult:
    result = result_from_stats(portal, crawler.stats.get_stats() if crawler.stats else {})
    if error:
        result.outcome, result.error = "failed", error
    return result


def run_crawls(config: Config, portals: list[str],
               fetch_bases: dict[str, str] | None = None) -> list[CrawlResult]:
    """`crawl_in_process` with its run records: `portalfeed crawl` in the foreground."""
    for name in portals:
        get_profile(name, config.profiles_path)  # unknown names fail before a run is opened
    store = Store(config.database_url)
    try:
        run_ids = open_runs(store, portals)
        try:
            results = crawl_in_process(config, portals, fetch_bases)
        except Exception as exc:
            results = [CrawlResult(p, "failed", error=f"crawl crashed: {exc!r}") for p in portals]
            close_runs(store, run_ids, results)
            raise
        close_runs(store, run_ids, results)
    finally:
        store.close()
    return results


def open_runs(store: Store, portals: list[str]) -> dict[str, int]:
    now = datetime.now(VN_TZ)
    return {portal: store.start_run(portal, now) for portal in portals}


def close_runs(store: Store, run_ids: dict[str, int], results: list[CrawlResult]) -> None:
    """Every run ends ok | failed | interrupted with its counts, whatever the child did."""
    now = datetime.now(VN_TZ)
    for result in results:
        result.run_id = run_ids[result.portal]
        store.finish_run(result.run_id, now, result.outcome, pages=result.pages,
                         counts=result.counts, stats=result.stats, error=result.error)


def result_from_stats(portal: str, stats: dict[str, Any]) -> CrawlResult:
    kept = {k: v for k, v in stats.items() if k.startswith(STAT_PREFIXES)}
    counts = {k.rsplit("/", 1)[1]: v for k, v in kept.items()
              if k.startswith("portalfeed/articles/")}
    counts["rejected"] = sum(v for k, v in kept.items() if k.startswith("portalfeed/rejected/"))
    pages = int(stats.get("response_received_count", 0))
    reason = stats.get("finish_reason", "")
    outcome, error = "ok", None
    if reason == "shutdown":
        outcome, error = "interrupted", "stopped by a signal"
    elif pages == 0:
        outcome, error = "failed", "no page could be fetched"
    elif reason not in ("finished", "closespider_pagecount"):
        outcome, error = "failed", f"crawl ended: {reason or 'unknown'}"
    return CrawlResult(portal, outcome, pages, counts, kept, error)


# -- child processes ---------------------------------------------------------------------

def _child_main(config: Config, portals: list[str], fetch_bases: dict[str, str],
                queue: multiprocessing.Queue) -> None:
    # Its own process group: a terminal's Ctrl-C reaches the parent only, which forwards
    # one SIGTERM (a second signal would make Scrapy stop uncleanly, without its stats).
    os.setpgrp()
    _stop_with_parent()
    try:
        results = crawl_in_process(config, portals, fetch_bases)
    except Exception as exc:
        traceback.print_exc()
        queue.put({"error": f"{type(exc).__name__}: {exc}"})
        raise SystemExit(1) from None
    queue.put({"results": [asdict(r) for r in results]})


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

    def exit_text(self) -> str:
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exit code {code}"


def run_crawls_in_child(config: Config, portals: list[str],
                        fetch_bases: dict[str, str] | None = None,
                        timeout_s: float | None = None,
                        stop: threading.Event | None = None) -> list[CrawlResult]:
    """`crawl_in_process` in a fresh process, stopped at its time limit or when `stop` is
    set, then killed if it does not stop within `config.stop_grace_s`.  The runs are
    opened and closed here, so a child that hangs or dies still leaves a finished run."""
    store = Store(config.database_url)
    try:
        run_ids = open_runs(store, portals)
        child = CrawlChild(config, portals, fetch_bases or {})
        child.start()
        results = _supervise(child, portals, timeout_s or config.crawl_timeout_s,
                             config.stop_grace_s, stop)
        close_runs(store, run_ids, results)
    finally:
        store.close()
    return results


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
        child.process.join(5)
    return _results(portals, message, ending, child)


def _ending(child: CrawlChild, deadline: float, limit: float,
            stop: threading.Event | None) -> tuple[str, str] | None:
    """Why the parent ends the child now (outcome, error), or None to keep waiting."""
    if stop is not None and stop.is_set():
        return ("interrupted", "stopped by a signal")
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
