"""`portalfeed profile draft`: draft a portal profile from a sample article and a listing.

The I/O edge of `crawler.draft`: pages come from the portal (robots.txt obeyed,
the project's User-Agent, one request at a time with a pause), from a mirror
(`--fetch-base`, pages still named by their public URL) or from saved files.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.draft import NotAnArticle, Page, draft_profile
from feeds.atomic import write_atomic
from portalfeed.config import Config

MAX_BYTES = 5_000_000  # as the crawler's DOWNLOAD_MAXSIZE
TIMEOUT_S = 30
PAUSE_S = 1.0  # between two requests to one portal, as a profile's default download_delay
MAX_REQUESTS = 50  # robots.txt and a handful of sample pages; never a crawl
CANONICAL_RE = re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]+href=[\"']([^\"']+)", re.I)
OG_URL_RE = re.compile(r"<meta[^>]+property=[\"']og:url[\"'][^>]+content=[\"']([^\"']+)", re.I)


class FetchError(Exception):
    """A page could not be read; the message is the one line printed."""


def register(sub: Any) -> None:
    profile = sub.add_parser("profile", help="portal profile tools")
    actions = profile.add_subparsers(required=True, metavar="ACTION")
    draft = actions.add_parser(
        "draft", help="draft a profile from a sample article page and a listing page",
        description="Draft a portal profile for a person to review: the generic extractor "
        "reads the sample article, stable selectors that reproduce it are written out, "
        "and the article URL pattern is inferred from the listing's links.")
    draft.add_argument("article", nargs="?", metavar="ARTICLE_URL",
                       help="the sample article: a URL, or a saved page's path (with --url)")
    draft.add_argument("--listing", metavar="URL", help="a listing page: URL or saved path")
    draft.add_argument("--article-file", type=Path, metavar="PAGE.html")
    draft.add_argument("--listing-file", type=Path, metavar="LISTING.html")
    draft.add_argument("--url", help="the public URL of a saved article page")
    draft.add_argument("--listing-url", help="the public URL of a saved listing page")
    draft.add_argument("--also", action="append", default=[], metavar="ARTICLE",
                       help="another sample article in a different layout (a redesign, an "
                       "old template): URL, or a saved page whose <link rel=canonical> names "
                       "its URL; each one no earlier layout reads adds a [[layouts]] version")
    draft.add_argument("--name", help="the portal's name (default: from the host)")
    draft.add_argument("-o", "--output", type=Path, metavar="FILE",
                       help="write the profile here (default: standard output)")
    draft.add_argument("--fetch-base", default="",
                       help="fetch the pages from this mirror URL, name them by the public URL")
    draft.set_defaults(run=cmd_profile_draft)


def cmd_profile_draft(args: argparse.Namespace, config: Config) -> int:
    # A mirror on this machine (the fixture server) needs no pause between requests.
    local = urlsplit(args.fetch_base).hostname in ("127.0.0.1", "localhost", "::1")
    fetcher = PoliteFetcher(config.user_agent, args.fetch_base, 0.0 if local else PAUSE_S)
    try:
        samples = [_sample(args, fetcher)]
        samples += [_page(s, _canonical(s, samples[0].url), fetcher, "a canonical link")
                    for s in args.also]
        listing = _listing(args, fetcher, samples[0].url)
    except FetchError as exc:
        return _fail(str(exc), 1)
    except UsageError as exc:
        return _fail(str(exc), 2)
    try:
        draft = draft_profile(samples, listing, name=args.name)
    except NotAnArticle as exc:
        return _fail(str(exc), 1)
    if args.output:
        try:
            write_atomic(args.output, draft.text.encode("utf-8"))
        except OSError as exc:
            return _fail(f"cannot write {args.output}: {exc.strerror or exc}", 2)
    else:
        sys.stdout.write(draft.text)
    differ = [f for f, ok in draft.agreement.items() if not ok]
    print(f"drafted {samples[0].url}: re-extraction differs on "
          f"{', '.join(differ) or 'no field'}; review the draft before enabling it",
          file=sys.stderr)
    return 0


class UsageError(Exception):
    """Arguments that do not name a page."""


def _sample(args: argparse.Namespace, fetcher: PoliteFetcher) -> Page:
    source = args.article_file or args.article
    if not source:
        raise UsageError("name the sample article: ARTICLE_URL or --article-file PAGE.html")
    return _page(str(source), args.url, fetcher, "--url")


def _listing(args: argparse.Namespace, fetcher: PoliteFetcher, article_url: str) -> Page | None:
    source = args.listing_file or args.listing
    if not source:
        return None
    return _page(str(source), args.listing_url or _origin(article_url), fetcher, "--listing-url")


def _page(source: str, url: str | None, fetcher: PoliteFetcher, flag: str) -> Page:
    if urlsplit(source).scheme in ("http", "https"):
        return Page(fetcher.fetch(source), source)
    if not url:
        raise UsageError(f"a saved page needs {flag} URL (its address on the portal)")
    try:
        return Page(Path(source).read_bytes(), url)
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None


def _canonical(source: str, near: str) -> str | None:
    """The URL a saved page names for itself (`<link rel=canonical>`, `og:url`)."""
    if urlsplit(source).scheme in ("http", "https"):
        return source
    try:
        head = Path(source).read_bytes()[:200_000].decode("utf-8", "replace")
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
    found = CANONICAL_RE.search(head) or OG_URL_RE.search(head)
    return urljoin(near, html.unescape(found.group(1))) if found else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


class PoliteFetcher:
    """GETs pages one at a time through doctor's client (the crawl's User-Agent, size cap,
    pause) after reading robots.txt as the crawl does (Protego)."""

    def __init__(self, user_agent: str, fetch_base: str = "", pause_s: float = PAUSE_S) -> None:
        from portalfeed.doctor.fetch import Fetcher

        self.user_agent, self.fetch_base = user_agent, fetch_base
        self.client = Fetcher(user_agent, timeout_s=TIMEOUT_S, max_bytes=MAX_BYTES,
                              delay_s=pause_s, max_requests=MAX_REQUESTS)
        self.robots: dict = {}  # origin -> portalfeed.doctor.robots.Robots

    def fetch(self, url: str) -> bytes:
        where = self._mirrored(url)
        if not self._allowed(where):
            raise FetchError(f"robots.txt forbids {where} to {self.user_agent}")
        fetched = self.client.get(where)
        if fetched.error == "too_large":
            raise FetchError(f"{where} is larger than {MAX_BYTES} bytes")
        if fetched.error:
            raise FetchError(f"cannot fetch {where}: {fetched.error}")
        if fetched.status != 200:
            raise FetchError(f"cannot fetch {where}: HTTP {fetched.status}")
        return fetched.body

    def _mirrored(self, url: str) -> str:
        if not self.fetch_base:
            return url
        parts = urlsplit(url)
        return urljoin(self.fetch_base, parts.path + (f"?{parts.query}" if parts.query else ""))

    def _allowed(self, url: str) -> bool:
        from portalfeed.doctor.robots import read_robots

        origin = _origin(url)
        if origin not in self.robots:
            self.robots[origin] = read_robots(self.client.get(origin + "robots.txt"))
        return self.robots[origin].allows(url, self.user_agent)


def _fail(message: str, code: int) -> int:
    print(f"portalfeed: error: {message}", file=sys.stderr)
    return code
