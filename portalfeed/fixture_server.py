"""Serves a fixture portal (by default seeds/fixture_portal/site) on 127.0.0.1.

A threaded server (the stdlib `http.server` default drops connections under
load) that maps portal URLs onto the static files the way the portal's CMS
would route them, and stamps the header clock with the current time, as the
real portal does, so extraction must not take it for a publication date.

Any static site folder can be served.  CMSs whose pages differ only by query
string (`?nid=`, `?dDocName=`, Liferay's `_cur=N`) route through `_routes.json`
at the site's root: {"<path>?<query>": "<file under the site>"}, matched with
the query parameters sorted (`_routes.json` itself is never served).  Path
parameters (`;jsessionid=...`) are ignored, as servlet containers do.
"""

from __future__ import annotations

import json
import mimetypes
import re
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, parse_qsl, unquote, urlencode, urlsplit

from crawler.normalize.dates import VN_TZ

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURE_SITE = REPO_ROOT / "seeds" / "fixture_portal" / "site"
CLOCK_RE = re.compile(rb'(<div class="current-date">)[^<]*(</div>)')
ROUTES_FILE = "_routes.json"
PATH_PARAMS_RE = re.compile(r";[^/?#]*")
# Server-side page extensions a static folder may keep: they are HTML pages.
PAGE_SUFFIXES = frozenset({".aspx", ".asp", ".jsp", ".php", ".do"})


def route_key(path: str, query: str = "") -> str:
    """`<path>?<query>` with the query's parameters sorted; just the path without a query."""
    path = PATH_PARAMS_RE.sub("", unquote(path)) or "/"
    if not query:
        return path
    return path + "?" + urlencode(sorted(parse_qsl(query, keep_blank_values=True)))


def load_routes(site: Path) -> dict[str, str]:
    """The site's `_routes.json`, keys normalised like requests are; {} without one."""
    path = site / ROUTES_FILE
    if not path.is_file():
        return {}
    table = json.loads(path.read_text(encoding="utf-8"))
    routes = {}
    for key, target in table.items():
        path, _, query = key.partition("?")
        routes[route_key(path, query)] = target
    return routes


def resolve(site: Path, raw_path: str, routes: dict[str, str] | None = None) -> Path | None:
    """The file behind a request path, or None (404).  Never leaves `site`."""
    parts = urlsplit(raw_path)
    routes = load_routes(site) if routes is None else routes
    routed = routes.get(route_key(parts.path, parts.query))
    page = parse_qs(parts.query).get("page", ["0"])[0]
    rel = PATH_PARAMS_RE.sub("", unquote(parts.path)).strip("/")
    candidates = [routed] if routed else []
    if page.isdigit() and int(page) > 0:
        candidates.append(f"{rel}/page-{int(page)}.html")
    else:
        candidates += [rel or "index.html", f"{rel}.html", f"{rel}/index.html"]
    root = site.resolve()
    for candidate in candidates:
        target = (root / candidate).resolve()
        if target.is_relative_to(root) and target.is_file() and target.name != ROUTES_FILE:
            return target
    return None


def content_type(target: Path) -> str:
    if target.suffix.lower() in PAGE_SUFFIXES:
        return "text/html"
    return mimetypes.guess_type(target.name)[0] or "application/octet-stream"


def clock_text(now: datetime) -> str:
    """The header clock as the portal prints it: `l, d/m/Y H:i` in Vietnam time."""
    return now.astimezone(VN_TZ).strftime("%A, %d/%m/%Y %H:%M")


class _Handler(BaseHTTPRequestHandler):
    server_version = "FixturePortal/1.0"
    site: Path = FIXTURE_SITE
    routes: ClassVar[dict[str, str]] = {}
    delay_s: float = 0.0  # answer every request this late: a crawl that lasts, for tests

    def do_GET(self) -> None:
        if self.delay_s:
            time.sleep(self.delay_s)
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        target = resolve(self.site, self.path, self.routes)
        if target is None:
            body, status, ctype = b"<html><body><h1>404</h1></body></html>", 404, "text/html"
        else:
            body, status = target.read_bytes(), 200
            ctype = content_type(target)
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

    def __init__(self, site: Path = FIXTURE_SITE, host: str = "127.0.0.1", port: int = 0,
                 delay_s: float = 0.0):
        if not site.is_dir():
            raise FileNotFoundError(f"fixture portal not found at {site}")
        handler = type("Handler", (_Handler,), {"site": site, "routes": load_routes(site),
                                                "delay_s": delay_s})
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
