"""A generated portal of N articles in the fixture portal's markup, served on 127.0.0.1.

Pages are made on request from one donor article of seeds/fixture_portal, so
10,000 articles take no disk: `/vi/tin-tuc?page=K` lists 20 articles and links the
next page; `/vi/bai-<i>` is article i.  Listings carry an ETag and answer 304.
"""

from __future__ import annotations

import hashlib
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

REPO = Path(__file__).resolve().parents[1]
DONOR = REPO / "seeds/fixture_portal/site/vi/hat-xoan-phu-tho-duoc-luu-giu-va-lan-toa.html"
PER_PAGE = 20
TITLE_RE = re.compile(r'(<h2 class="post__title[^"]*">)([^<]*)(</h2>)')
PROFILE = """name = "bench"
title = "Cổng thông tin sinh ra để đo"
base_url = "https://bench.fixture.test/"
domains = ["bench.fixture.test"]
enabled = false

[politeness]
download_delay = 0.0
concurrency = 16
max_pages = 100000
timeout_s = 30
autothrottle = false

[discovery]
start_paths = ["/vi/tin-tuc"]
article_pattern = '^/vi/bai-\\d+$'
listing_links = ".pt-post__title a"
pagination = "nav.pager a"
max_listing_pages = 100000

[selectors]
article = "article.post-detail"
title = "h2.post__title"
published = "div.post__datetime"
lead = "strong#post__summary"
body = "div#post__content"
category = "div.post__category"
remove = [".social-media-share-block", ".post__tools"]

[topics]
"Văn hóa - Xã hội" = "van-hoa-xa-hoi"
"""


def article(template: str, i: int) -> bytes:
    page = TITLE_RE.sub(lambda m: f"{m[1]}Bài số {i}: {m[2]}{m[3]}", template, count=1)
    return page.replace(f'href="/vi/{DONOR.stem}"', f'href="/vi/bai-{i}"').encode("utf-8")


def listing(page: int, total: int) -> bytes:
    first = page * PER_PAGE
    items = "".join(f'<div class="pt-post__title"><a href="/vi/bai-{i}">Bài {i}</a></div>'
                    for i in range(first, min(first + PER_PAGE, total)))
    pager = (f'<nav class="pager"><a href="?page={page + 1}">Sau</a></nav>'
             if first + PER_PAGE < total else "")
    return f"<!DOCTYPE html><html><body>{items}{pager}</body></html>".encode()


class _Handler(BaseHTTPRequestHandler):
    total = 0
    template = ""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/robots.txt":
            return self._send(b"User-agent: *\nAllow: /\n", "text/plain")
        if parts.path == "/vi/tin-tuc":
            page = int(parse_qs(parts.query).get("page", ["0"])[0])
            return self._send(listing(page, self.total), "text/html; charset=utf-8", etag=True)
        number = parts.path.removeprefix("/vi/bai-")
        if number.isdigit() and int(number) < self.total:
            return self._send(article(self.template, int(number)), "text/html; charset=utf-8")
        return self._send(b"<html><body>404</body></html>", "text/html", status=404)

    def _send(self, body: bytes, ctype: str, *, etag: bool = False, status: int = 200) -> None:
        tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if etag and self.headers.get("If-None-Match") == tag:
            status, body = 304, b""
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", tag)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class BenchPortal:
    """`with BenchPortal(10_000) as portal: portal.url`."""

    def __init__(self, total: int) -> None:
        attrs = {"total": total, "template": DONOR.read_text(encoding="utf-8")}
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Handler,), attrs))
        self.httpd.daemon_threads = True
        self.httpd.request_queue_size = 64
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> BenchPortal:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
