"""Serves the fixture portal (seeds/fixture_portal/site) on 127.0.0.1.

A threaded server (the stdlib `http.server` default drops connections under
load) that maps portal URLs onto the static files the way the portal's CMS
would route them, and stamps the header clock with the current time, as the
real portal does, so extraction must not take it for a publication date.
"""

from __future__ import annotations

import mimetypes
import re
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from crawler.normalize.dates import VN_TZ

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURE_SITE = REPO_ROOT / "seeds" / "fixture_portal" / "site"
CLOCK_RE = re.compile(rb'(<div class="current-date">)[^<]*(</div>)')


def resolve(site: Path, raw_path: str) -> Path | None:
    """The file behind a request path, or None (404).  Never leaves `site`."""
    parts = urlsplit(raw_path)
    path = unquote(parts.path)
    page = parse_qs(parts.query).get("page", ["0"])[0]
    rel = path.strip("/")
    candidates = []
    if page.isdigit() and int(page) > 0:
        candidates.append(f"{rel}/page-{int(page)}.html")
    else:
        candidates += [rel or "index.html", f"{rel}.html", f"{rel}/index.html"]
    root = site.resolve()
    for candidate in candidates:
        target = (root / candidate).resolve()
        if target.is_relative_to(root) and target.is_file():
            return target
    return None


def clock_text(now: datetime) -> str:
    """The header clock as the portal prints it: `l, d/m/Y H:i` in Vietnam time."""
    return now.astimezone(VN_TZ).strftime("%A, %d/%m/%Y %H:%M")


class _Handler(BaseHTTPRequestHandler):
    server_version = "FixturePortal/1.0"
    site: Path = FIXTURE_SITE

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        target = resolve(self.site, self.path)
        if target is None:
            body, status, ctype = b"<html><body><h1>404</h1></body></html>", 404, "text/html"
        else:
            body, status = target.read_bytes(), 200
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if ctype == "text/html":
                stamp = clock_text(datetime.now(VN_TZ)).encode()
                body = CLOCK_RE.sub(rb"\g<1>" + stamp + rb"\g<2>", body, count=1)
        self.send_response(status)
        charset = "; charset=utf-8" if ctype.startswith("text/") else ""
        self.send_header("Content-Type", ctype + charset)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the crawler logs every fetch already


class FixtureServer:
    """`with FixtureServer() as server: server.url` — started on a free port."""

    def __init__(self, site: Path = FIXTURE_SITE, host: str = "127.0.0.1", port: int = 0):
        if not site.is_dir():
            raise FileNotFoundError(f"fixture portal not found at {site}")
        handler = type("Handler", (_Handler,), {"site": site})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)
