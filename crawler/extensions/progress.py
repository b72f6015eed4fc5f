"""Crawl progress: pages, articles, rejections, errors and rate, while a crawl runs.

On a terminal one status line is redrawn in place (all portals of the process
on that one line); elsewhere — a pipe, a log file, systemd — a plain log line
every PORTALFEED_PROGRESS_INTERVAL seconds; with PORTALFEED_LOG_FORMAT = json
the same values as JSON fields.  A final line is written when the crawl ends.

Settings: PORTALFEED_PROGRESS (auto | live | log | off), PORTALFEED_PROGRESS_INTERVAL,
PORTALFEED_LOG_FORMAT (text | json).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, TextIO

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.extensions.json_logs import FIELDS, install_json_logging

logger = logging.getLogger("portalfeed.progress")
LIVE_INTERVAL = 0.5  # seconds between redraws of the terminal line


@dataclass(frozen=True)
class Snapshot:
    portal: str
    pages: int
    articles: int  # stored: new + updated + unchanged
    new: int
    rejected: int
    errors: int
    pages_per_min: float


def snapshot(portal: str, stats: Mapping[str, Any], elapsed_s: float) -> Snapshot:
    """The counters a person watches, from Scrapy's stats."""
    def total(prefix: str) -> int:
        return sum(int(v) for k, v in stats.items() if k.startswith(prefix))

    pages = int(stats.get("response_received_count", 0))
    return Snapshot(portal, pages, total("portalfeed/articles/"),
                    int(stats.get("portalfeed/articles/new", 0)),
                    total("portalfeed/rejected/"), total("portalfeed/errors/"),
                    round(pages * 60 / elapsed_s, 1) if elapsed_s > 0 else 0.0)


def render(snap: Snapshot) -> str:
    return (f"{snap.portal}: {snap.pages} pages, {snap.articles} articles ({snap.new} new), "
            f"{snap.rejected} rejected, {snap.errors} errors, {snap.pages_per_min:g} pages/min")


class LiveLine:
    """The one terminal line shared by every crawl of the process."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.parts: dict[str, str] = {}  # portal -> its part of the line, in start order

    def update(self, portal: str, text: str) -> None:
        self.parts[portal] = text
        self.stream.write("\r\x1b[K" + " | ".join(self.parts.values()))
        self.stream.flush()

    def clear(self) -> None:
        """Before a log record is printed, so it does not land on the status line."""
        self.stream.write("\r\x1b[K")

    def finish(self, portal: str) -> None:
        """Drop a finished crawl; its final line comes as a log record."""
        self.parts.pop(portal, None)
        self.clear()
        self.stream.flush()


_live_lines: dict[int, LiveLine] = {}


def live_line(stream: TextIO) -> LiveLine:
    return _live_lines.setdefault(id(stream), LiveLine(stream))


class Progress:
    """One crawl's progress; `tick` and `close` are called by the reactor or a test."""

    def __init__(self, portal: str, stats: Callable[[], Mapping[str, Any]],
                 live: LiveLine | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.portal, self.stats, self.live, self.clock = portal, stats, live, clock
        self.started = clock()

    def current(self) -> Snapshot:
        return snapshot(self.portal, self.stats(), self.clock() - self.started)

    def tick(self) -> None:
        snap = self.current()
        if self.live:
            self.live.update(self.portal, render(snap))
        else:
            logger.info("progress %s", render(snap), extra={FIELDS: asdict(snap)})

    def close(self, reason: str) -> None:
        snap = self.current()
        if self.live:
            self.live.finish(self.portal)
        logger.info("crawl %s — finished (%s)", render(snap), reason,
                    extra={FIELDS: {**asdict(snap), "finish_reason": reason}})


class ProgressExtension:
    """Scrapy's side of `Progress`: settings, signals and the periodic call."""

    def __init__(self, crawler: Crawler, live: bool, interval: float) -> None:
        self.crawler, self.live, self.interval = crawler, live, interval
        self.progress: Progress | None = None
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        settings = crawler.settings
        mode = settings.get("PORTALFEED_PROGRESS", "auto")
        if mode == "off":
            raise NotConfigured
        json_logs = settings.get("PORTALFEED_LOG_FORMAT", "text") == "json"
        if json_logs:
            install_json_logging(settings.get("LOG_LEVEL", "INFO"))
        live = mode == "live" or (mode == "auto" and not json_logs and sys.stderr.isatty())
        ext = cls(crawler, live, LIVE_INTERVAL if live
                  else settings.getfloat("PORTALFEED_PROGRESS_INTERVAL", 30.0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        portal = getattr(getattr(spider, "profile", None), "name", spider.name)
        line = live_line(sys.stderr) if self.live else None
        if line:
            _clear_before_records(line)
        self.progress = Progress(portal, self.crawler.stats.get_stats, line)
        self.task = _looping_call(self.progress.tick)
        self.task.start(self.interval, now=False)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.progress:
            self.progress.close(reason)


def _clear_before_records(line: LiveLine) -> None:
    """Log records printed on the terminal first wipe the status line (redrawn next tick)."""
    for handler in logging.getLogger().handlers:
        stream = getattr(handler, "stream", None)
        if stream is line.stream and not getattr(handler, "_portalfeed_live", False):
            handler.addFilter(lambda _record: line.clear() or True)
            handler._portalfeed_live = True  # type: ignore[attr-defined]


def _looping_call(function: Callable[[], None]) -> Any:
    try:  # Scrapy 2.14+: works with or without a Twisted reactor
        from scrapy.utils.asyncio import create_looping_call
    except ImportError:
        from twisted.internet.task import LoopingCall as create_looping_call
    return create_looping_call(function)
