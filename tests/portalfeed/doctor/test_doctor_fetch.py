"""doctor's HTTP client against a real server on 127.0.0.1: a delay between requests
(on an injected clock), a cap on their number and on page size, error reasons."""

from __future__ import annotations

import socket
from pathlib import Path

from portalfeed.doctor.fetch import Fetcher
from portalfeed.fixture_server import FixtureServer

REPO = Path(__file__).resolve().parents[3]
SITE = REPO / "seeds" / "fixture_portal" / "site"


class FakeClock:
    """Time moves only when doctor sleeps: the delays it asks for are exact."""

    def __init__(self) -> None:
        self.now, self.sleeps = 100.0, []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def fetcher(clock: FakeClock, **kwargs) -> Fetcher:
    options = {"timeout_s": 5.0, "max_bytes": 1_000_000, "delay_s": 2.0, "max_requests": 3}
    return Fetcher("portalfeed-test/1", sleep=clock.sleep, clock=clock, **options | kwargs)


def test_requests_wait_the_delay_and_stop_at_the_cap() -> None:
    clock = FakeClock()
    client = fetcher(clock)
    with FixtureServer(site=SITE) as server:
        got = [client.get(server.url + p) for p in ("", "vi/kinh-te", "vi/nong-nghiep", "")]
    assert [g.status for g in got[:3]] == [200, 200, 200]
    assert clock.sleeps == [2.0, 2.0]
    assert (got[3].status, got[3].error, client.count) == (None, "request_cap", 3)


def test_a_404_is_a_response_and_a_big_page_is_cut() -> None:
    clock = FakeClock()
    with FixtureServer(site=SITE) as server:
        missing = fetcher(clock).get(server.url + "khong-co")
        big = fetcher(clock, max_bytes=1000).get(server.url)
    assert (missing.status, missing.problem, missing.ok) == (404, "http_404", False)
    assert (big.error, big.body) == ("too_large", b"")


def test_the_page_becomes_the_response_scrapy_would_build() -> None:
    with FixtureServer(site=SITE) as server:
        got = fetcher(FakeClock()).get(server.url + "vi/buoi-doan-hung-vao-mua-thu-hoach")
    response = got.as_response()
    assert type(response).__name__ == "HtmlResponse" and response.encoding == "utf-8"
    assert response.css("h2.post__title::text").get() == "Bưởi Đoan Hùng vào mùa thu hoạch"


def test_a_closed_port_is_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    got = fetcher(FakeClock()).get(f"http://127.0.0.1:{port}/")
    assert (got.status, got.error) == (None, "connection_refused")
