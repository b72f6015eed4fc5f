"""Running crawls: Scrapy settings from config and profile, run records, child processes.

Twisted's reactor runs once per process, so a process runs one batch of
crawls (several portals at once is fine) and callers that need more — the demo,
the scheduler, the tests — start a child process per batch
(`portalfeed.crawl_child.run_crawls_in_child`).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from scrapy.settings import Settings

from crawler.normalize.dates import VN_TZ
from crawler.profiles import Profile, get_profile
from crawler.store.store import Store
from portalfeed.config import Config

STAT_PREFIXES = ("portalfeed/", "downloader/response_status_count/", "retry/reason_count/",
                 "robotstxt/", "item_dropped_reasons_count/", "spider_exceptions/")


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


def scrapy_settings(config: Config, profile: Profile) -> Settings:
    """Project settings, then this portal's politeness, then the operator's config.

    Kept as a Settings object at "cmdline" priority: flattening it into a dict would
    restate every default (deprecated ones included) at project priority."""
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    polite = profile.politeness
    settings.setdict({
        "PORTALFEED_DB_URL": config.database_url,
        "USER_AGENT": config.user_agent,
        "DOWNLOAD_DELAY": polite.download_delay,
        "AUTOTHROTTLE_START_DELAY": max(polite.download_delay, 0.1),
        "DOWNLOAD_DELAY_JITTER": 0.5 if polite.download_delay > 0 else 0.0,
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
        "EXTENSIONS": {**settings.getdict("EXTENSIONS"),
                       "crawler.extensions.progress.ProgressExtension": 500},
        "LOGSTATS_INTERVAL": 0,  # the progress extension reports more, in the same place
    }, priority="cmdline")
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
        run_ids = open_runs(store, portals, host=socket.gethostname(), pid=os.getpid())
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


def open_runs(store: Store, portals: list[str], now: datetime | None = None, *,
              job_id: str | None = None, host: str | None = None,
              pid: int | None = None) -> dict[str, int]:
    """A running run per portal, naming the queue's job and the host and pid running it."""
    now = now or datetime.now(VN_TZ)
    return {portal: store.start_run(portal, now, job_id=job_id, host=host, pid=pid)
            for portal in portals}


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
