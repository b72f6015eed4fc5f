"""One spider for every portal: navigation only, driven by the portal's profile.

Listings (the profile's start pages and their pager), sitemaps and the portal's
own feeds (listed in the profile or advertised by its pages) lead to article
links; article pages go through `extract_page` and come out as Articles.
Incremental: articles stored before are not fetched again (see
`crawler.middlewares.state`), listings and sitemaps are fetched conditionally,
and a listing holding only known articles ends its pagination.
Every page that yields nothing is counted under `portalfeed/rejected/<reason>`
or `portalfeed/errors/<reason>`; nothing a portal sends stops the crawl.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from sqlalchemy.exc import SQLAlchemyError
from twisted.python.failure import Failure

from crawler.api import extract_page
from crawler.errors import Rejected
from crawler.extract.attachments import document_type, find_attachments
from crawler.middlewares.reasons import failure_reason, is_transient
from crawler.middlewares.state import CrawlState, load_state, save_state
from crawler.normalize.dates import VN_TZ
from crawler.profiles import BUILTIN_DIR, Profile, get_profile
from crawler.spiders import checks, discovery
from crawler.store.store import PageState
from crawler.urls import absolute, canonical_url, rebase

ADVERTISED = ("link[rel=alternate][type='application/rss+xml']::attr(href), "
              "link[rel=alternate][type='application/atom+xml']::attr(href), "
              "link[rel=sitemap]::attr(href)")


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, portal: str = "", fetch_base: str = "", profiles_dir: str = "",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not portal:
            raise ValueError("usage: scrapy crawl portal -a portal=NAME")
        self.profile: Profile = get_profile(portal, Path(profiles_dir) if profiles_dir
                                            else BUILTIN_DIR)
        # A mirror of the portal (the fixture server, a staging host) is fetched from
        # `fetch_base`, but articles keep the portal's public URLs.
        self.fetch_base = fetch_base.rstrip("/") + "/" if fetch_base else self.profile.base_url
        # Former domains (aliases) stay allowed: merged provinces' old links still lead there.
        self.allowed_domains = [*self.profile.domains, *self.profile.aliases,
                                urlsplit(self.fetch_base).hostname or ""]
        self.listings_seen: set[str] = set()
        self.navigation_seen: set[str] = set()  # sitemaps and feeds requested
        self.articles_seen: set[str] = set()  # public URLs extracted by this crawl
        self.fetched_as: dict[str, str] = {}  # article URL -> the public URL it was fetched at
        self.requested: set[str] = set()  # public URLs of article requests made
        self.state = CrawlState(datetime.now(VN_TZ), None)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.state = self._load_state()
        for path in self.profile.discovery.start_paths:
            yield self._listing(absolute(self.fetch_base, path) or self.fetch_base)
        for kind, paths in (("sitemap", self.profile.discovery.sitemaps),
                            ("feed", self.profile.discovery.feeds)):
            for path in paths:
                request = self._navigation(self._fetch_url(absolute(self.fetch_base, path)), kind)
                if request:
                    yield request

    # -- requests -------------------------------------------------------------------

    def _listing(self, url: str) -> scrapy.Request:
        self.listings_seen.add(url)
        return self._conditional(url, "listing")

    def _navigation(self, url: str | None, kind: str) -> scrapy.Request | None:
        if not url or url in self.navigation_seen or not self.allows(url):
            return None
        self.navigation_seen.add(url)
        return self._conditional(url, kind)

    def _conditional(self, url: str, kind: str) -> scrapy.Request:
        headers = self.state.conditional_headers(self._public_of(url))
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, headers=headers,
                              meta={"portalfeed_kind": kind, "handle_httpstatus_list": [304]})

    def _article_request(self, url: str, came_from: str,
                         changed: datetime | None = None) -> scrapy.Request | None:
        if document_type(url):  # a PDF or Office file: an attachment, never an article
            self._count("attachment_links")
            return None
        public = self._public_of(url)
        self.state.link(public, self._public_of(came_from))
        if public in self.requested:
            return None
        if self.state.is_known(public, changed):
            self._count("known_skipped")
            return None
        self.requested.add(public)
        return scrapy.Request(self._fetch_url(public), callback=self.parse,
                              errback=self.on_error, meta={"portalfeed_kind": "article"})

    # -- responses ------------------------------------------------------------------

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        try:
            yield from self._parse(response)
        except Exception as exc:  # a page nobody foresaw must not end the crawl
            self._error(f"spider_{type(exc).__name__}", response.url)
            self.logger.exception("parsing failed: %s", response.url)

    def _parse(self, response: Response) -> Iterator[Any]:
        kind = response.meta.get("portalfeed_kind", "listing")
        self._count("pages")
        if response.status == 304:
            self._count(f"not_modified/{kind}")
            return
        problem = checks.body_problem(response.body, _content_type(response), kind)
        if problem or (kind not in ("sitemap", "feed") and not isinstance(response, TextResponse)):
            self._error(problem or "not_html", response.url)
            self._settled(response.url, kind, f"error/{problem or 'not_html'}")
            return
        if kind in ("sitemap", "feed"):
            yield from self._discover(response, kind)
            return
        assert isinstance(response, TextResponse)
        # Any layout version's article selector; none (a generic profile): the URL decides.
        css = self.profile.article_css
        is_article = bool(css and response.css(css))
        if is_article or kind == "article":
            yield from self._article(response)
        yield from self._advertised(response)
        links = list(self._article_links(response))
        for url in links:
            request = self._article_request(url, response.url)
            if request:
                yield request
        if not is_article:
            yield from self._next_listings(response, links)
            self._learnt(response, "listing")

    def _article_links(self, response: TextResponse) -> Iterator[str]:
        for href in response.css(self.profile.discovery.listing_links).xpath("@href").getall():
            url = absolute(response.url, href)
            if url and self.allows(url) and self.profile.is_article_url(url):
                yield canonical_url(url)

    def _next_listings(self, response: TextResponse, links: list[str]) -> Iterator[Any]:
        """The pager, unless this page was read before and holds only known articles."""
        here = self._public_of(response.url)
        if links and self.state.completed_before(here) and all(
                self.state.is_known(self._public_of(u)) for u in links):
            self._count("pagination_stopped")
            return
        css = self.profile.discovery.pagination
        for href in response.css(css).xpath("@href").getall() if css else []:
            url = absolute(response.url, href)
            url = canonical_url(url) if url and self.allows(url) else None
            if url is None or url in self.listings_seen:
                continue
            if len(self.listings_seen) >= self.profile.discovery.max_listing_pages:
                self._count("listing_limit_reached")
                return
            yield self._listing(url)

    def _advertised(self, response: TextResponse) -> Iterator[scrapy.Request]:
        for href in response.css(ADVERTISED).getall():
            url = absolute(response.url, href)
            kind = "sitemap" if "sitemap" in (url or "").lower() else "feed"
            request = self._navigation(self._fetch_url(self._public_of(url)) if url else None,
                                       kind)
            if request:
                yield request

    def _discover(self, response: Response, kind: str) -> Iterator[scrapy.Request]:
        try:
            body = discovery.unpack(response.body, self.profile.politeness.max_page_bytes)
            if kind == "feed":
                entries = [(u, None) for u in discovery.feed_links(body)]
                nested = False
            else:
                doc_type, entries = discovery.sitemap_entries(body)
                nested = doc_type == "sitemapindex"
        except discovery.BadDocument as exc:
            self._error(f"bad_{kind}", response.url)
            self.logger.info("unreadable %s %s: %s", kind, response.url, exc)
            return
        yield from self._entries(response.url, entries, nested)
        self._learnt(response, kind)

    def _entries(self, source: str, entries: list[tuple[str, datetime | None]],
                 nested: bool) -> Iterator[scrapy.Request]:
        for loc, lastmod in entries:
            url = absolute(source, loc)
            if url is None or not self.allows(url):
                continue
            fetch = self._fetch_url(self._public_of(url))
            if nested:
                request = self._navigation(fetch, "sitemap")
            elif self.profile.is_article_url(fetch):
                request = self._article_request(fetch, source, lastmod)
            else:
                request = None
            if request:
                yield request

    def _article(self, response: TextResponse) -> Iterator[Any]:
        url = self._public_url(response)
        fetched = self._public_of(response.url)
        if url in self.articles_seen:  # an alias of a page already extracted (/node/<id>)
            self._count("duplicate_url")
            self._settled(response.url, "article", "alias")
            return
        if checks.looks_truncated(response.body):
            self._error("truncated_html", response.url)
            return
        self.articles_seen.add(url)
        text = checks.utf8_instead(response.body, response.encoding)
        if text is not None:
            self._count("charset_fixed")
        try:
            article = extract_page(text or response.text, url, self.profile,
                                   content_type=_content_type(response), now=datetime.now(VN_TZ))
        except Rejected as rejected:
            self._reject(rejected.reason, response.url)
            self._settled(response.url, "article", f"rejected/{rejected.reason}")
            return
        article.url, article.portal = url, self.profile.name
        article.attachments = self._attachments(response)
        self._count(f"extractor/{article.extractor}")
        for name in ("published", "body", "lead", "author"):  # health: fields gone missing
            if not getattr(article, name):
                self._count(f"missing/{name}")
        self._settled(response.url, "article", "ok" if fetched == url else "alias")
        self._settled(url, "article", "ok")
        self.fetched_as[url] = fetched
        yield article

    def not_stored(self, url: str) -> None:
        """The store refused an extracted article: leave its page (and the listings that
        led to it) unrecorded, so the next crawl fetches it again instead of skipping it."""
        for page in {url, self.fetched_as.get(url, url)}:
            self.state.failed(page)

    def _attachments(self, response: TextResponse) -> list[dict[str, str]]:
        # The body of the page's own layout version: a redesigned page's chrome is not it.
        layout = next((lay for lay in self.profile.layouts
                       if lay.selectors.article and response.css(lay.selectors.article)), None)
        css = layout.selectors.body if layout else ""
        body = (response.css(css) if css else None) or response
        links = [(a.attrib.get("href"), " ".join(a.css("::text").getall()))
                 for a in body.css("a[href]")]
        found = find_attachments(links, response.url)
        for item in found:
            item["url"] = rebase(item["url"], self.fetch_base, self.profile.base_url)
        return found

    def _public_url(self, response: TextResponse) -> str:
        """The canonical URL: the page's rel=canonical when it stays on the portal."""
        url = response.url
        declared = absolute(url, response.css("link[rel=canonical]::attr(href)").get())
        if declared and self.allows(declared):
            url = declared
        return self._public_of(url)

    # -- URLs -----------------------------------------------------------------------

    def _public_of(self, url: str) -> str:
        """The portal's public canonical URL of a fetched (maybe mirrored) URL."""
        public = rebase(url, self.fetch_base, self.profile.base_url)
        return canonical_url(public, home=self.profile.base_url)

    def _fetch_url(self, url: str | None) -> str | None:
        return rebase(url, self.profile.base_url, self.fetch_base) if url else None

    def allows(self, url: str) -> bool:
        """Ours to fetch: the portal's hosts, or the mirror we crawl it from."""
        return self.profile.owns(url) or url.startswith(self.fetch_base)

    # -- what this crawl learnt -----------------------------------------------------

    def _learnt(self, response: Response, kind: str) -> None:
        headers = response.headers
        etag, modified = headers.get(b"ETag"), headers.get(b"Last-Modified")
        self.state.learnt(PageState(
            self._public_of(response.url), kind, self.state.now, "ok",
            etag.decode("latin-1") if etag else None,
            modified.decode("latin-1") if modified else None))

    def _settled(self, url: str, kind: str, outcome: str) -> None:
        if kind == "article":
            self.state.learnt(PageState(self._public_of(url), kind, self.state.now, outcome))

    def _load_state(self) -> CrawlState:
        days = self.crawler.settings.getfloat("PORTALFEED_RECHECK_DAYS", 7)
        empty = CrawlState(datetime.now(VN_TZ), timedelta(days=days) if days > 0 else None)
        db_url = self.crawler.settings.get("PORTALFEED_DB_URL")
        try:
            return load_state(db_url, self.profile.name, empty) if db_url else empty
        except SQLAlchemyError as exc:  # crawl everything rather than nothing
            self._error("state_not_loaded", str(exc)[:200])
            return empty

    def closed(self, reason: str) -> None:
        db_url = self.crawler.settings.get("PORTALFEED_DB_URL")
        try:
            if db_url:
                save_state(db_url, self.profile.name,
                           self.state.to_save(finished=reason == "finished"))
        except SQLAlchemyError as exc:  # losing this only costs refetches next time
            self._error("state_not_saved", str(exc)[:200])

    # -- counting -------------------------------------------------------------------

    def on_error(self, failure: Failure) -> None:
        reason = failure_reason(failure)
        request = failure.request  # type: ignore[attr-defined]
        self._error(reason, request.url)
        if is_transient(reason):
            self.state.failed(self._public_of(request.url))
        else:
            self._settled(request.url, request.meta.get("portalfeed_kind", ""), f"error/{reason}")

    def _error(self, reason: str, url: str) -> None:
        self.crawler.stats.inc_value(f"portalfeed/errors/{reason}")
        self.logger.warning("fetch failed (%s): %s", reason, url)

    def _reject(self, reason: str, url: str) -> None:
        self.crawler.stats.inc_value(f"portalfeed/rejected/{reason}")
        self.logger.info("rejected (%s): %s", reason, url)

    def _count(self, key: str) -> None:
        self.crawler.stats.inc_value(f"portalfeed/{key}")


def _content_type(response: Response) -> str | None:
    value = response.headers.get("Content-Type")
    return value.decode("latin-1") if value else None
