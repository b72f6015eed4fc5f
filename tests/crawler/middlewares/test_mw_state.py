from datetime import datetime, timedelta
from pathlib import Path

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure

from crawler.middlewares.reasons import failure_reason, is_transient
from crawler.middlewares.redirects import Refused
from crawler.middlewares.state import CrawlState
from crawler.normalize.dates import VN_TZ
from crawler.store.store import PageState, Store

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=VN_TZ)
DAY = timedelta(days=1)


def state(recheck: timedelta | None = 7 * DAY) -> CrawlState:
    pages = {"https://p.vn/vi/tin": PageState("https://p.vn/vi/tin", "listing", NOW - DAY,
                                              etag='"e1"', last_modified="Mon, 02 Sep 2024")}
    return CrawlState(NOW, recheck, seen={"https://p.vn/vi/a": NOW - 2 * DAY,
                                          "https://p.vn/vi/old": NOW - 30 * DAY}, pages=pages)


def test_known_articles_within_the_recheck_window() -> None:
    s = state()
    assert s.is_known("https://p.vn/vi/a")
    assert not s.is_known("https://p.vn/vi/new")
    assert not s.is_known("https://p.vn/vi/old")  # due for a recheck
    assert state(recheck=None).is_known("https://p.vn/vi/old")


def test_a_newer_sitemap_lastmod_makes_a_known_article_unknown() -> None:
    s = state()
    assert not s.is_known("https://p.vn/vi/a", changed=NOW - DAY)
    assert s.is_known("https://p.vn/vi/a", changed=NOW - 3 * DAY)


def test_conditional_headers_only_for_navigation_pages() -> None:
    s = state()
    assert s.conditional_headers("https://p.vn/vi/tin") == {
        "If-None-Match": '"e1"', "If-Modified-Since": "Mon, 02 Sep 2024"}
    assert s.conditional_headers("https://p.vn/vi/a") == {}
    assert s.completed_before("https://p.vn/vi/tin")


def test_validators_are_kept_only_after_a_complete_crawl_without_failures() -> None:
    s = state()
    for url in ("https://p.vn/vi/tin", "https://p.vn/vi/tin?page=1"):
        s.learnt(PageState(url, "listing", NOW, etag='"e2"'))
    s.learnt(PageState("https://p.vn/vi/alias", "article", NOW, "alias"))
    s.link("https://p.vn/vi/x", "https://p.vn/vi/tin?page=1")
    s.failed("https://p.vn/vi/x")
    saved = {p.url: p for p in s.to_save(finished=True)}
    assert saved["https://p.vn/vi/tin"].etag == '"e2"'
    assert saved["https://p.vn/vi/tin?page=1"].etag is None  # must be read in full next time
    assert [p.url for p in s.to_save(finished=False)] == ["https://p.vn/vi/alias"]


def test_page_states_round_trip_through_the_store(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 's.sqlite3'}")
    first = PageState("https://p.vn/vi/tin", "listing", NOW, "ok", '"e1"', "Mon, 02 Sep 2024")
    store.save_validators("p", [first])
    store.save_validators("p", [PageState(first.url, "listing", NOW + DAY, "ok", '"e2"')])
    got = store.validators_for("p")
    assert list(got) == [first.url]
    assert got[first.url].etag == '"e2"' and got[first.url].last_modified is None
    assert got[first.url].fetched == NOW + DAY
    assert store.validators_for("other") == {}
    store.close()


def fail(exc: BaseException) -> Failure:
    try:
        raise exc
    except BaseException:
        return Failure()


@pytest.mark.parametrize(
    ("exc", "reason", "transient"),
    [
        (HttpError(Response("http://x/", status=503), "x"), "http_503", True),
        (HttpError(Response("http://x/", status=404), "x"), "http_404", False),
        (Refused("redirect_loop"), "redirect_loop", False),
        (IgnoreRequest("Forbidden by robots.txt"), "robots_forbidden", False),
        (net.TimeoutError(), "timeout", True),
        (net.ConnectionLost(), "connection_reset", True),
        (ValueError("odd"), "ValueError", False),
    ],
)
def test_failure_reasons(exc: BaseException, reason: str, transient: bool) -> None:
    assert failure_reason(fail(exc)) == reason
    assert is_transient(reason) is transient
