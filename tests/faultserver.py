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
import os
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from portalfeed.fixture_server import FIXTURE_SITE, resolve

PUBLIC = "https://phutho.fixture.test"
HTML = "text/html; charset=utf-8"
CONTACT = "https://feeds.example.vn/lien-he"
EXPECTED = FIXTURE_SITE.parent / "expected"
LAST_MODIFIED = "Mon, 02 Sep 2024 08:00:00 GMT"
DONOR = "hat-xoan-phu-tho-duoc-luu-giu-va-lan-toa"  # the page copied for synthetic articles
PDF = "/sites/default/files/van-ban/quyet-dinh-123.pdf"
CONTENT = '<div id="post__content" class="post__content post__item mt-2">'
EDIT = "<p>Cập nhật: bài viết đã được sửa sau khi đăng.</p>"
SECTIONS = ("tin-tuc-su-kien", "kinh-te", "van-hoa-xa-hoi", "khoa-hoc-cong-nghe", "nong-nghiep",
            "thong-bao", "su-co")
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
    return html.replace(CONTENT, CONTENT + extra, 1).encode("utf-8")


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


def _canned(slug: str) -> tuple[int, bytes, str]:
    """Faults that are just a status, a body and a content type."""
    if slug == "loi-500":
        return 500, b"<html><body>Internal error</body></html>", HTML
    if slug == "rac":
        return 200, bytes(range(256)) * 40, HTML
    if slug == "khong-lo":  # bigger than the test profile's max_page_bytes
        return 200, b"<html><body>" + b"<p>x</p>" * 300_000, HTML
    if slug == "rong":
        return 200, b"", HTML
    if slug == "tai-lieu-pdf":
        return 200, b"%PDF-1.4 fake", "application/pdf"
    if slug == "da-xoa":
        return 410, b"<html><body>Gone</body></html>", HTML
    if slug == "sai-bang-ma":
        return 200, _page(slug, "Bảng mã khai báo sai nhưng nội dung vẫn là UTF-8"), \
            "text/html; charset=iso-8859-1"
    if slug == "van-ban-dinh-kem":
        link = f'<p>Xem <a href="{PDF}">Quyết định số 123/QĐ-UBND</a>.</p>'
        return 200, _page(slug, "Quyết định kèm văn bản", link), HTML
    return 200, _page(slug), HTML  # bi-mat: robots.txt forbids it, never asked for


class _Handler(BaseHTTPRequestHandler):
    behaviour: Behaviour

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
            body = body.replace(CONTENT.encode(), CONTENT.encode() + EDIT.encode(), 1)
            return self._send(200, body, "text/html; charset=utf-8", cache=True)
        target = resolve(FIXTURE_SITE, self.path)
        if target is None:
            return self._send(404, b"<html><body>404</body></html>", "text/html")
        ctype = "text/html; charset=utf-8" if target.suffix == ".html" else "image/jpeg"
        if target.suffix == ".pdf":
            ctype = "application/pdf"
        return self._send(200, target.read_bytes(), ctype, cache=True)

    def _fault(self, slug: str) -> None:
        special = {"cham": self._slow, "ngat-ket-noi": self._reset, "qua-tai": self._busy,
                   "cat-ngang": self._truncated, "vong-lap-a": self._loop,
                   "vong-lap-b": self._loop, "chuyen-ra-ngoai": self._offsite}
        if slug in special:
            return special[slug](slug)
        status, body, ctype = _canned(slug)
        return self._send(status, body, ctype)

    def _slow(self, slug: str) -> None:
        time.sleep(3)  # longer than the test profile's timeout
        self._send(200, _page(slug), HTML)

    def _busy(self, slug: str) -> None:
        if self.path in self.behaviour.busy_once:
            self.behaviour.busy_once.discard(self.path)
            return self._send(429, b"slow down", "text/plain", headers={"Retry-After": "1"})
        return self._send(200, _page(slug, "Bài viết sau khi máy chủ hết quá tải"), HTML)

    def _loop(self, slug: str) -> None:
        self._redirect("/vi/vong-lap-b" if slug == "vong-lap-a" else "/vi/vong-lap-a")

    def _offsite(self, slug: str) -> None:
        self._redirect("http://elsewhere.example/vi/bai")

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

    def _truncated(self, slug: str) -> None:
        body = _page(slug)
        self._log(200)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 3])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def _reset(self, slug: str) -> None:
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
    source = source.replace("timeout_s = 10", "timeout_s = 2\nmax_page_bytes = 1000000\n"
                            "autothrottle = false")
    source = source.replace("max_listing_pages = 50", 'max_listing_pages = 50\n'
                            'sitemaps = ["/sitemap.xml"]')
    source = source.replace("|gioi-thieu)$", "|gioi-thieu|su-co)$")
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "phutho-fixture.toml"
    path.write_text(source, encoding="utf-8")
    return path


def crawl_command(workdir: Path, profiles: Path, fetch_base: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "crawl",
            "phutho-fixture", "--fetch-base", fetch_base, *extra]


def crawl_env(profiles: Path) -> dict[str, str]:
    return {**os.environ, "PORTALFEED_PROFILES_DIR": str(profiles),
            "PORTALFEED_BASE_URL": "https://feeds.example.vn/",
            "PORTALFEED_CONTACT_URL": CONTACT}


def run_crawl(workdir: Path, profiles: Path, fetch_base: str,
              *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(crawl_command(workdir, profiles, fetch_base, *extra),
                          capture_output=True, text=True, env=crawl_env(profiles), timeout=300)
