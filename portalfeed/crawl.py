"""Running crawls: Scrapy settings from config and profile, run records, child processes.

Twisted's reactor runs once per process, so a process runs one batch of
crawls (several portals at once is fine) and callers that need more — the demo,
the scheduler, the tests — start a child process per batch.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crawler.normalize.dates import VN_TZ
from crawler.profiles import Profile, get_profile
from crawler.store.store import Store
from portalfeed.config import Config

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

    @property
    def changed(self) -> bool:
        return bool(self.counts.get("new") or self.counts.get("updated"))


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
        "LOG_LEVEL": config.log_level,
    })
    return settings


def run_crawls(config: Config, portals: list[str],
               fetch_bases: dict[str, str] | None = None) -> list[CrawlResult]:
    """Crawl portals concurrently in this process (once per process: see module doc)."""
    import os

    from scrapy.crawler import Crawler, CrawlerProcess

    from crawler.spiders.portal import PortalSpider

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    fetch_bases = fetch_bases or {}
    profiles = [get_profile(name, config.profiles_path) for name in portals]
    store = Store(config.database_url)
    process = CrawlerProcess(scrapy_settings(config, profiles[0]))
    runs: list[tuple[Profile, int, Crawler]] = []
    for i, profile in enumerate(profiles):
        # The first crawler installs the reactor (what CrawlerProcess.create_crawler does).
        crawler = Crawler(PortalSpider, scrapy_settings(config, profile), init_reactor=i == 0)
        run_id = store.start_run(profile.name, datetime.now(VN_TZ))
        process.crawl(crawler, portal=profile.name, fetch_base=fetch_bases.get(profile.name, ""),
                      profiles_dir=str(config.profiles_path))
        runs.append((profile, run_id, crawler))
    process.start()
    results = [_finish(store, run_id, profile.name, crawler) for profile, run_id, crawler in runs]
    store.close()
    return results


def _finish(store: Store, run_id: int, portal: str, crawler: Any) -> CrawlResult:
    stats = crawler.stats.get_stats() if crawler.stats else {}
    result = result_from_stats(portal, stats)
    store.finish_run(run_id, datetime.now(VN_TZ), result.outcome, pages=result.pages,
                     counts=result.counts, stats=result.stats, error=result.error)
    return result


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


def _child(config: Config, portals: list[str], fetch_bases: dict[str, str],
           queue: multiprocessing.Queue) -> None:
    results = run_crawls(config, portals, fetch_bases)
    queue.put([r.__dict__ for r in results])


def run_crawls_in_child(config: Config, portals: list[str],
                        fetch_bases: dict[str, str] | None = None,
                        timeout_s: float | None = None) -> list[CrawlResult]:
    """`run_crawls` in a fresh process, killed at its time limit."""
    ctx = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(config, portals, fetch_bases or {}, queue),
                        name="portalfeed-crawl")
    child.start()
    limit = timeout_s or config.crawl_timeout_s
    try:
        return [CrawlResult(**r) for r in queue.get(timeout=limit)]
    except Exception as exc:  # queue.Empty on time-out; anything the child could not send
        if child.is_alive():
            child.kill()
        child.join(5)
        why = "time limit reached" if child.exitcode in (None, -9) else f"exit {child.exitcode}"
        return [CrawlResult(p, "failed", error=f"crawl child failed: {why} ({exc!r})")
                for p in portals]
    finally:
        child.join(5)
