"""A fixture portal that misbehaves on purpose, on 127.0.0.1, for crawl tests.

It serves the bundled fixture portal (seeds/fixture_portal/site) as a careful
server would — ETag and Last-Modified with 304 answers, a robots.txt, an XML
sitemap and an RSS feed of the articles — plus a "faults" listing
(`/vi/su-co`) whose articles each fail in their own way.  Every request is
logged (path, headers, status, time) for the test to inspect.
"""

from __future__ import annotations

import hashlib
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from portalfeed.fixture_server import FIXTURE_SITE, resolve

PUBLIC = "https://phutho.fixture.test"
EXPECTED = FIXTURE_SITE.parent / "expected"
LAST_MODIFIED = "Mon, 02 Sep 2024 08:00:00 GMT"
DONOR = "hat-xoan-phu-tho-duoc-luu-giu-va-lan-toa"  # the page copied for synthetic articles
PDF = "/sites/default/files/van-ban/quyet-dinh-123.pdf"
ROBOTS = b"User-agent: *\nDisallow: /vi/bi-mat\n"
# Articles of the faults listing; each path misbehaves in `_fault`.
FAULTS = ("cham", "loi-500", "ngat-ket-noi", "rac", "vong-lap-a", "chuyen-ra-ngoai",
          "qua-tai", "cat-ngang", "khong-lo", "rong", "tai-lieu-pdf", "da-xoa", "bi-mat",
          "sai-bang-ma", "van-ban-dinh-kem")


@dataclass
class Hit:
    path: str
    headers: dict[str, str]
    status: int
    at: float


@dataclass
class Behaviour:
    """What the server does; tests change it between crawls."""

    faults: bool = True  # serve the faults listing
    article_delay_s: float = 0.0  # every article page waits this long (SIGKILL tests)
    edited: str | None = None  # slug of an article whose body changed (sitemap lastmod moves)
    busy_once: set[str] = field(default_factory=lambda: {"/vi/qua-tai"})
    hits: list[Hit] = field(default_factory=list)


def expected_slugs() -> list[str]:
    return sorted(p.stem for p in EXPECTED.glob("*.json"))


def _page(slug: str, title: str | None = None, extra: str = "") -> bytes:
    html = (FIXTURE_SITE / "vi" / f"{DONOR}.html").read_text(encoding="utf-8")
    html = html.replace(f'href="/vi/{DONOR}"', f'href="/vi/{slug}"', 1)
    if title:
        old = json.loads((EXPECTED / f"{DONOR}.json").read_text(encoding="utf-8"))["title"]
        html = html.replace(old, title)
    marker = '<div id="post__content" class="post__content post__item mt-2">'
    return html.replace(marker, marker + extra, 1).encode("utf-8")


def faults_listing() -> bytes:
    items = "".join(f'<div class="pt-post__title"><a href="/vi/{s}" rel="bookmark">{s}</a></div>'
                    for s in FAULTS)
    return f"<!DOCTYPE html><html><head><title>Sự cố</title></head><body>{items}</body></html>" \
        .encode()


def sitemap(edited: str | None) -> bytes:
    urls = []
    for slug in expected_slugs():
        published = json.loads((EXPECTED / f"{slug}.json").read_text(encoding="utf-8"))["published"]
        lastmod = "2030-01-01T00:00:00+07:00" if slug == edited else published
        urls.append(f"<url><loc>{PUBLIC}/vi/{slug}</loc><lastmod>{lastmod}</lastmod></url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(urls) + "</urlset>").encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    behaviour: Behaviour
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if self.behaviour.article_delay_s and (FIXTURE_SITE / f"{path.strip('/')}.html").is_file():
            time.sleep(self.behaviour.article_delay_s)
        slug = path.removeprefix("/vi/")
        if path.startswith("/vi/") and slug in (*FAULTS, "vong-lap-b") and self.behaviour.faults:
            self._fault(slug)
        else:
            self._normal(path)

    def _normal(self, path: str) -> None:
        if path == "/robots.txt":
            return self._send(200, ROBOTS, "text/plain")
        if path == "/sitemap.xml":
            return self._send(200, sitemap(self.behaviour.edited), "application/xml", cache=True)
        if path == "/vi/su-co" and self.behaviour.faults:
            return self._send(200, faults_listing(), "text/html; charset=utf-8", cache=True)
        if self.behaviour.edited and path == f"/vi/{self.behaviour.edited}":
            body = (FIXTURE_SITE / f"{path.strip('/')}.html").read_bytes()
            body = body.replace(b"<p", "<p>Cập nhật: bài đã được sửa.</p><p".encode(), 1)
            return self._send(200, body, "text/html; charset=utf-8", cache=True)
        target = resolve(FIXTURE_SITE, self.path)
        if target is None:
            return self._send(404, b"<html><body>404</body></html>", "text/html")
        ctype = "text/html; charset=utf-8" if target.suffix == ".html" else "image/jpeg"
        if target.suffix == ".pdf":
            ctype = "application/pdf"
        return self._send(200, target.read_bytes(), ctype, cache=True)

    def _fault(self, slug: str) -> None:
        html = "text/html; charset=utf-8"
        if slug == "cham":
            time.sleep(3)  # longer than the test profile's timeout
            return self._send(200, _page(slug), html)
        if slug == "loi-500":
            return self._send(500, b"<html><body>Internal error</body></html>", html)
        if slug == "ngat-ket-noi":
            return self._reset()
        if slug == "rac":
            return self._send(200, bytes(range(256)) * 40, html)
        if slug in ("vong-lap-a", "vong-lap-b"):
            return self._redirect("/vi/vong-lap-b" if slug == "vong-lap-a" else "/vi/vong-lap-a")
        if slug == "chuyen-ra-ngoai":
            return self._redirect("http://elsewhere.example/vi/bai")
        if slug == "qua-tai" and self.path in self.behaviour.busy_once:
            self.behaviour.busy_once.discard(self.path)
            return self._send(429, b"slow down", "text/plain", headers={"Retry-After": "1"})
        if slug == "qua-tai":
            return self._send(200, _page(slug, "Bài viết sau khi máy chủ hết quá tải"), html)
        if slug == "cat-ngang":
            return self._truncated(_page(slug))
        if slug == "khong-lo":
            return self._send(200, b"<html><body>" + b"<p>x</p>" * 300_000, html)
        if slug == "rong":
            return self._send(200, b"", html)
        if slug == "tai-lieu-pdf":
            return self._send(200, b"%PDF-1.4 fake", "application/pdf")
        if slug == "da-xoa":
            return self._send(410, b"<html><body>Gone</body></html>", html)
        if slug == "sai-bang-ma":
            body = _page(slug, "Bảng mã khai báo sai nhưng nội dung vẫn là UTF-8")
            return self._send(200, body, "text/html; charset=iso-8859-1")
        if slug == "van-ban-dinh-kem":
            link = f'<p>Xem <a href="{PDF}">Quyết định số 123/QĐ-UBND</a>.</p>'
            return self._send(200, _page(slug, "Quyết định kèm văn bản", link), html)
        return self._send(200, _page(slug), html)  # bi-mat: robots.txt forbids it

    def _send(self, status: int, body: bytes, ctype: str, *, cache: bool = False,
              headers: dict[str, str] | None = None) -> None:
        headers = dict(headers or {})
        if cache:
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            headers.update({"ETag": etag, "Last-Modified": LAST_MODIFIED})
            if self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
        self._log(status)
        self.send_response(status)
        for name, value in {"Content-Type": ctype, **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self._send(302, b"", "text/html", headers={"Location": location})

    def _truncated(self, body: bytes) -> None:
        self._log(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 3])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def _reset(self) -> None:
        self._log(0)
        # SO_LINGER 0: close() sends a TCP RST instead of a clean FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def _log(self, status: int) -> None:
        self.behaviour.hits.append(Hit(self.path, dict(self.headers.items()), status,
                                       time.monotonic()))

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up (time-outs) are part of the test


class FaultServer:
    """`with FaultServer() as server: server.url, server.behaviour.hits`."""

    def __init__(self, behaviour: Behaviour | None = None) -> None:
        self.behaviour = behaviour or Behaviour()
        handler = type("Handler", (_Handler,), {"behaviour": self.behaviour})
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def paths(self, status: int | None = None) -> list[str]:
        return [h.path for h in self.behaviour.hits if status is None or h.status == status]

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


def write_profile(directory: Path, *, faults: bool = True, concurrency: int = 4) -> Path:
    """The fixture portal's profile, with the faults listing, the sitemap and short limits."""
    source = (Path(__file__).resolve().parents[1] / "crawler" / "portals"
              / "phutho-fixture.toml").read_text(encoding="utf-8")
    start = '"/vi/su-co",\n    "/",' if faults else '"/",'
    source = source.replace('    "/",', "    " + start, 1)
    source = source.replace("concurrency = 4", f"concurrency = {concurrency}")
    source = source.replace("timeout_s = 10", "timeout_s = 1\nmax_page_bytes = 1000000\n"
                            "autothrottle = false")
    source = source.replace("max_listing_pages = 50", 'max_listing_pages = 50\n'
                            'sitemaps = ["/sitemap.xml"]')
    source = source.replace("|gioi-thieu)$", "|gioi-thieu|su-co)$")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "phutho-fixture.toml"
    path.write_text(source, encoding="utf-8")
    return path
