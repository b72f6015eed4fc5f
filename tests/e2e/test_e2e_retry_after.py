"""A Retry-After is kept even while healthy responses of the same host lower the pace.

The server below stages the race that a slot delay alone loses, without relying on
load: AutoThrottle paces requests 0.5 s apart (the listing answers in 0.5 s), an
article page is held open, then `/vi/qua-tai` answers 429 with `Retry-After: 2` and
the held page is released 0.1 s later.  The engine's next send is already booked
(0.5 s after the 429's request left), so that healthy response lowers the delay the
booking then reads: the slot alone would send the retry about 1.3 s after the 429.
The server's log decides, at the server's clock.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.store.store import Store

faultserver = sys.modules["faultserver"]  # loaded by tests/e2e/conftest.py
HTML = faultserver.HTML
RETRY_AFTER_S = 2
LISTING_S = 0.5  # AutoThrottle's delay follows this latency: the pace of later sends
RELEASE_S = 0.1  # held pages answer this long after the 429, before the booked send
HELD = ("bai-a",)  # one is enough: AutoThrottle averages its latency with the delay
BUSY = "/vi/qua-tai"
LISTING = "/vi/danh-sach"


@dataclass
class Log:
    asked: list[tuple[str, float]] = field(default_factory=list)  # path, arrived at
    hits: list[tuple[str, int, float]] = field(default_factory=list)  # path, status, sent at
    told_to_wait: threading.Event = field(default_factory=threading.Event)


def article(slug: str) -> bytes:
    """A fixture article without links to other articles: the crawl stays short."""
    html = faultserver._page(slug).decode("utf-8")
    return re.sub(r'<a href="/vi/[^"]+" hreflang="vi">', "<a>", html).encode("utf-8")


def listing() -> bytes:
    # Scrapy's scheduler is LIFO: the last link is fetched first, /vi/qua-tai last.
    items = "".join(f'<div class="pt-post__title"><a href="/vi/{s}" rel="bookmark">{s}</a></div>'
                    for s in ("qua-tai", *HELD))
    return f"<!DOCTYPE html><html><body>{items}</body></html>".encode()


class _Handler(BaseHTTPRequestHandler):
    log: Log

    def do_GET(self) -> None:
        self.log.asked.append((self.path, time.monotonic()))
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow:\n", "text/plain")
        if self.path == LISTING:
            time.sleep(LISTING_S)
            return self._send(200, listing(), HTML)
        if self.path == BUSY:
            return self._busy()
        if self.path.removeprefix("/vi/") in HELD:
            self.log.told_to_wait.wait(timeout=10)
            time.sleep(RELEASE_S)
            return self._send(200, article(self.path.removeprefix("/vi/")), HTML)
        return self._send(404, b"<html><body>404</body></html>", HTML)

    def _busy(self) -> None:
        if self.log.told_to_wait.is_set():
            return self._send(200, article("qua-tai"), HTML)
        # Logged before it is sent: the measured gap is never longer than the real one.
        self._send(429, b"slow down", "text/plain", {"Retry-After": str(RETRY_AFTER_S)})
        self.log.told_to_wait.set()

    def _send(self, status: int, body: bytes, ctype: str,
              headers: dict[str, str] | None = None) -> None:
        self.log.hits.append((self.path, status, time.monotonic()))
        self.send_response(status)
        for name, value in {"Content-Type": ctype, **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True


def write_profile(directory: Path) -> Path:
    """The fixture profile with one listing, AutoThrottle on and no download delay."""
    source = (Path(__file__).resolve().parents[2] / "crawler" / "portals"
              / "phutho-fixture.toml").read_text(encoding="utf-8")
    source = re.sub(r"start_paths = \[[^\]]*\]", f'start_paths = ["{LISTING}"]', source)
    source = source.replace("|gioi-thieu)$", "|gioi-thieu|danh-sach)$")
    assert "autothrottle" not in source and "download_delay = 0.0" in source
    assert "concurrency = 4" in source
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "phutho-fixture.toml").write_text(source, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir = tmp_path_factory.mktemp("retry-after")
    profiles = write_profile(workdir / "profiles")
    log = Log()
    server = _Server(("127.0.0.1", 0), type("Handler", (_Handler,), {"log": log}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        result = faultserver.run_crawl(workdir, profiles, url, "--no-publish")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    yield {"result": result, "asked": list(log.asked), "hits": list(log.hits),
           "run": store.runs()[0]}
    store.close()


def test_the_crawl_completes(crawled: dict) -> None:
    assert crawled["result"].returncode == 0, crawled["result"].stderr[-3000:]
    assert crawled["run"].outcome == "ok"
    assert crawled["run"].stats.get("portalfeed/retry_after") == 1


def test_healthy_responses_raced_the_retry_after(crawled: dict) -> None:
    """The race is staged: every held page was asked for before the 429 and answered
    inside the Retry-After window (else the next test proves nothing)."""
    hits = crawled["hits"]
    told = next(at for path, status, at in hits if status == 429)
    asked = [at for path, at in crawled["asked"] if path.removeprefix("/vi/") in HELD]
    answered = [at for path, status, at in hits if path.removeprefix("/vi/") in HELD]
    assert len(asked) == len(answered) == len(HELD), hits
    assert all(at < told for at in asked), (crawled["asked"], hits)
    assert all(told < at < told + 1.0 for at in answered), hits


def test_the_retry_waits_for_retry_after_at_the_server(crawled: dict) -> None:
    busy = [(status, at) for path, status, at in crawled["hits"] if path == BUSY]
    assert [status for status, _ in busy] == [429, 200], crawled["hits"]
    gap = busy[1][1] - busy[0][1]
    assert gap >= RETRY_AFTER_S, f"retried {gap:.3f} s after Retry-After: {RETRY_AFTER_S}"
