"""Backoff: a portal that says "slow down" (429, 503 + Retry-After) or struggles
(5xx, time-outs) gets fewer requests from us.

The downloader slot of the portal's host gets a longer delay, so every queued
request waits, not just the one retried (RetryMiddleware does the retrying).
AutoThrottle brings the delay back down as healthy responses return; without
it, this middleware halves the delay on each healthy response.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import exceptions as sx
from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from twisted.internet import error as net

ASK_TO_WAIT = frozenset({429, 503})
# A server that times out is overloaded as often as broken; a reset or a cut-off body
# is more often one broken page, and RetryMiddleware's retries are enough for it.
SLOW_ERRORS = (sx.DownloadTimeoutError, net.TimeoutError, net.TCPTimedOutError)


def retry_after_seconds(value: bytes | str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class BackoffMiddleware:
    """Delay after n failures in a row on a host: base * 2**(n-1), capped; a healthy
    response resets the count (and, without AutoThrottle, halves the delay)."""

    def __init__(self, crawler: Crawler, base_s: float, max_s: float, decay: bool) -> None:
        self.crawler = crawler
        self.base_s, self.max_s, self.decay = base_s, max_s, decay
        self.floor = crawler.settings.getfloat("DOWNLOAD_DELAY")
        self.failures: dict[str, int] = {}  # slot key -> failures in a row
        # slot key -> monotonic time before which nothing is sent: a Retry-After is a
        # promise to the server, which a slot delay alone cannot keep (AutoThrottle and
        # healthy responses in flight lower the delay again).
        self.hold_until: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffMiddleware:
        settings = crawler.settings
        return cls(crawler, settings.getfloat("PORTALFEED_BACKOFF_BASE_S", 0.5),
                   settings.getfloat("PORTALFEED_BACKOFF_MAX_S", 120.0),
                   decay=not settings.getbool("AUTOTHROTTLE_ENABLED"))

    async def process_request(self, request: Request) -> None:
        key, _slot = self._slot(request)
        wait = self.hold_until.get(key, 0.0) - time.monotonic()
        if wait > 0:
            from scrapy.utils.defer import maybe_deferred_to_future
            from twisted.internet import reactor, task

            await maybe_deferred_to_future(task.deferLater(reactor, wait, lambda: None))

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status in ASK_TO_WAIT or response.status >= 500:
            wait = retry_after_seconds(response.headers.get(b"Retry-After"), datetime.now(UTC))
            if wait is not None and response.status in ASK_TO_WAIT:
                self._count("retry_after")
            self._slow_down(request, wait)
        elif response.status < 400:
            self._recover(request)
        return response

    def process_exception(self, request: Request, exception: BaseException) -> Any:
        if isinstance(exception, SLOW_ERRORS):
            self._slow_down(request, None)
        return None  # RetryMiddleware decides whether to try again

    def _slow_down(self, request: Request, wait: float | None) -> None:
        key, slot = self._slot(request)
        if slot is None:
            return
        failures = self.failures[key] = self.failures.get(key, 0) + 1
        target = wait if wait is not None else self.base_s * 2 ** min(failures - 1, 16)
        # The slot's jitter may shorten a delay by that fraction: Retry-After is a minimum.
        slot.delay = max(slot.delay, min(self.max_s, target) / max(0.1, 1 - slot.jitter))
        slot.lastseen = time.monotonic()  # Scrapy's clock; the wait starts now, not at send
        if wait is not None:
            hold = slot.lastseen + min(self.max_s, wait)  # the cap keeps a crawl from stalling
            self.hold_until[key] = max(self.hold_until.get(key, 0.0), hold)
        self._count("backoff")

    def _recover(self, request: Request) -> None:
        key, slot = self._slot(request)
        self.failures.pop(key, None)
        if self.decay and slot is not None and slot.delay > self.floor:
            slot.delay = max(self.floor, slot.delay / 2)

    def _slot(self, request: Request) -> tuple[str, Any]:
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        if downloader is None:
            return "", None
        key = downloader.get_slot_key(request)
        return key, downloader.slots.get(key)

    def _count(self, key: str) -> None:
        if self.crawler.stats:
            self.crawler.stats.inc_value(f"portalfeed/{key}")
