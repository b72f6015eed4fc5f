"""The Retry-After hold of BackoffMiddleware: kept per host, capped like the slot delay.

(tests/e2e/test_e2e_retry_after.py shows the hold working in a real crawl.)"""

from __future__ import annotations

import pytest
from scrapy import Spider
from scrapy.core.downloader import Slot
from scrapy.http import Request, Response
from scrapy.utils.test import get_crawler

from crawler.middlewares.backoff import BackoffMiddleware

URL = "http://127.0.0.1/vi/qua-tai"


def middleware(max_s: float) -> tuple[BackoffMiddleware, Slot]:
    """The middleware on a crawler whose downloader has the host's slot (no reactor)."""
    crawler = get_crawler(Spider, {"PORTALFEED_BACKOFF_MAX_S": max_s,
                                   "AUTOTHROTTLE_ENABLED": False})
    crawler.spider = crawler._create_spider("hold")
    crawler.engine = crawler._create_engine()
    slot = crawler.engine.downloader.slots["127.0.0.1"] = Slot(4, 0.0, 0.0)
    return BackoffMiddleware.from_crawler(crawler), slot


def told_to_wait(mw: BackoffMiddleware, retry_after: str) -> None:
    request = Request(URL)
    mw.process_response(request, Response(URL, status=429, headers={"Retry-After": retry_after}))


def test_retry_after_holds_the_host_from_the_answer_on() -> None:
    mw, slot = middleware(max_s=120.0)
    told_to_wait(mw, "2")
    assert mw.hold_until["127.0.0.1"] - slot.lastseen == pytest.approx(2.0)


def test_a_huge_retry_after_is_capped_by_the_backoff_maximum() -> None:
    mw, slot = middleware(max_s=5.0)
    told_to_wait(mw, "86400")
    assert mw.hold_until["127.0.0.1"] - slot.lastseen == pytest.approx(5.0)
    assert slot.delay == 5.0


def test_a_later_shorter_retry_after_keeps_the_longer_hold() -> None:
    mw, _slot = middleware(max_s=120.0)
    told_to_wait(mw, "30")
    first = mw.hold_until["127.0.0.1"]
    told_to_wait(mw, "1")
    assert mw.hold_until["127.0.0.1"] == first
