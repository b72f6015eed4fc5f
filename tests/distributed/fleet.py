"""A fleet of N small fixture portals on 127.0.0.1, for the distributed tests and
benchmarks/scale.py.

Portal i is served by its own threaded HTTP server on its own loopback address
(127.0.0.<i + 2>, a free port), so each portal is its own host, as provincial portals
are: Scrapy keeps one politeness slot per host.  Every answer waits `delay_s` (a
portal's latency).  A portal has `articles` articles (`/vi/bai-<k>`) listed
`per_listing` to a page on `/vi/tin-tuc?page=<p>`, each listing linking the next,
in the fixture portal's Drupal markup, so the real spider and profile selectors apply.
Each server counts the requests it answered, per path.

`write_profiles(dir)` writes one enabled profile per portal whose `base_url` is its
server: workers crawl portals by name, with no `--fetch-base`.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

LISTING = "/vi/tin-tuc"


@dataclass(frozen=True)
class FleetSpec:
    """What the fleet serves and how the generated profiles crawl it."""

    portals: int = 40
    articles: int = 3  # per portal
    per_listing: int = 2  # articles per listing page; listings = ceil(articles / per_listing)
    delay_s: float = 0.0  # every answer (robots.txt included) waits this long
    download_delay: float = 0.0  # the profiles' politeness: seconds between requests
    concurrency: int = 2  # the profiles' requests at once per portal
    interval_minutes: int = 60  # the profiles' schedule

    @property
    def listings(self) -> int:
        return -(-self.articles // self.per_listing)

    @property
    def pages_per_crawl(self) -> int:
        """Requests of a first crawl of one portal: robots.txt, listings, articles."""
        return 1 + self.listings + self.articles


def portal_name(i: int) -> str:
    return f"tinh{i:02d}"


def article_title(i: int, k: int) -> str:
    return f"Tỉnh {i:02d}: hội nghị số {k} bàn về chuyển đổi số cấp xã"


def article_page(i: int, k: int) -> bytes:
    """An article in the fixture portal's markup; title and lead differ per article, so
    every article has its own content fingerprint."""
    title = article_title(i, k)
    paragraphs = "".join(
        f"<p>Đoạn {n} của bài {k}: Ủy ban nhân dân tỉnh {i:02d} đề nghị các sở, ngành "
        "phối hợp triển khai kế hoạch, bảo đảm tiến độ và chất lượng công việc.</p>"
        for n in range(1, 4))
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>"
        '<article class="post post-detail">'
        '<div class="post__category"><h2><a href="/vi/kinh-te">Kinh tế</a></h2></div>'
        f'<h2 class="post__title">{title}</h2>'
        f'<div class="post__datetime">{1 + k % 28:02d}/05/2024 09:{k % 60:02d}</div>'
        f'<strong id="post__summary">PhuthoPortal - Tỉnh {i:02d} tổ chức hội nghị '
        f"số {k} về chuyển đổi số.</strong>"
        f'<div id="post__content">{paragraphs}</div>'
        "</article></body></html>"
    ).encode()


def listing_page(spec: FleetSpec, page: int) -> bytes:
    first = page * spec.per_listing
    links = "".join(f'<div class="pt-post__title"><a href="/vi/bai-{k}">Bài {k}</a></div>'
                    for k in range(first, min(first + spec.per_listing, spec.articles)))
    pager = (f'<nav class="pager"><a href="{LISTING}?page={page + 1}">Sau</a></nav>'
             if page + 1 < spec.listings else "")
    return ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head>'
            f"<body>{links}{pager}</body></html>").encode()


class _Handler(BaseHTTPRequestHandler):
    index = 0
    spec = FleetSpec()
    served: Counter[str]
    lock: threading.Lock

    def do_GET(self) -> None:
        time.sleep(self.spec.delay_s)  # the portal's latency
        with self.lock:
            self.served[self.path] += 1
        status, ctype, body = self._page(urlsplit(self.path))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _page(self, parts) -> tuple[int, str, bytes]:
        html = "text/html; charset=utf-8"
        if parts.path == "/robots.txt":
            return 200, "text/plain", b"User-agent: *\nAllow: /\n"
        if parts.path == LISTING:
            page = parse_qs(parts.query).get("page", ["0"])[0]
            if page.isdigit() and int(page) < self.spec.listings:
                return 200, html, listing_page(self.spec, int(page))
        number = parts.path.removeprefix("/vi/bai-")
        if number.isdigit() and int(number) < self.spec.articles:
            return 200, html, article_page(self.index, int(number))
        return 404, html, b"<html><body><h1>404</h1></body></html>"

    def log_message(self, format: str, *args: object) -> None:
        pass


class PortalServer:
    """Portal i on 127.0.0.<i + 2> and a free port."""

    def __init__(self, index: int, spec: FleetSpec) -> None:
        self.index, self.spec = index, spec
        self.served: Counter[str] = Counter()
        attrs = {"index": index, "spec": spec, "served": self.served, "lock": threading.Lock()}
        handler = type("Handler", (_Handler,), attrs)
        self.httpd = ThreadingHTTPServer((f"127.0.0.{index + 2}", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.request_queue_size = 64
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def name(self) -> str:
        return portal_name(self.index)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def article_urls(self) -> list[str]:
        return [f"{self.url}vi/bai-{k}" for k in range(self.spec.articles)]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


class Fleet:
    """`with Fleet(FleetSpec(portals=40)) as fleet: fleet.write_profiles(dir)`."""

    def __init__(self, spec: FleetSpec) -> None:
        if not 1 <= spec.portals <= 250:
            raise ValueError(f"a fleet has 1 to 250 portals (one loopback address each), "
                             f"got {spec.portals}")
        self.spec = spec
        self.servers = [PortalServer(i, spec) for i in range(spec.portals)]

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.servers]

    def article_urls(self) -> list[str]:
        return [url for s in self.servers for url in s.article_urls()]

    def requests(self) -> int:
        """Requests answered so far by every portal."""
        return sum(sum(s.served.values()) for s in self.servers)

    def article_fetches(self) -> Counter[str]:
        """How often each article page was fetched, by its URL."""
        return Counter({f"{s.url}{path.lstrip('/')}": n for s in self.servers
                        for path, n in list(s.served.items()) if path.startswith("/vi/bai-")})

    def write_profiles(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for server in self.servers:
            (folder / f"{server.name}.toml").write_text(profile_text(server), encoding="utf-8")
        return folder

    def __enter__(self) -> Fleet:
        for server in self.servers:
            server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self.servers:
            server.stop()


def profile_text(server: PortalServer) -> str:
    spec = server.spec
    host = urlsplit(server.url).hostname
    return f'''name = "{server.name}"
title = "Cổng thông tin tỉnh {server.index:02d} (sinh ra để thử)"
base_url = "{server.url}"
domains = ["{host}"]
language = "vi"
enabled = true

[schedule]
interval_minutes = {spec.interval_minutes}

[politeness]
download_delay = {spec.download_delay}
concurrency = {spec.concurrency}
max_pages = 1000
timeout_s = 30
autothrottle = false

[discovery]
start_paths = ["{LISTING}"]
article_pattern = '^/vi/bai-\\d+$'
listing_links = ".pt-post__title a"
pagination = "nav.pager a"
max_listing_pages = 1000

[selectors]
article = "article.post-detail"
title = "h2.post__title"
published = "div.post__datetime"
lead = "strong#post__summary"
body = "div#post__content"
category = "div.post__category"

[topics]
"Kinh tế" = "kinh-te"
'''
