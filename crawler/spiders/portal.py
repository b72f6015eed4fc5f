"""One spider for every portal: navigation only, driven by the portal's profile.

Listing pages (the profile's start pages and their pager) lead to article
links; article pages go through `extract_page` and come out as Articles.
Every page that yields nothing is counted under `portalfeed/rejected/<reason>`
or `portalfeed/errors/<reason>`; nothing a portal sends stops the crawl.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.api import extract_page
from crawler.errors import Rejected
from crawler.normalize.dates import VN_TZ
from crawler.profiles import BUILTIN_DIR, Profile, get_profile
from crawler.urls import absolute, canonical_url, rebase


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
        self.listings_seen: set[str] = set()
        self.articles_seen: set[str] = set()  # public URLs yielded by this crawl

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for path in self.profile.discovery.start_paths:
            yield self._listing(absolute(self.fetch_base, path) or self.fetch_base)

    def _listing(self, url: str) -> scrapy.Request:
        self.listings_seen.add(url)
        return scrapy.Request(url, callback=self.parse, errback=self.on_error,
                              meta={"portalfeed_kind": "listing"})

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        self._count("pages")
        if not isinstance(response, TextResponse):
            self._reject("not_html", response.url)
            return
        is_article = bool(response.css(self.profile.selectors.article))
        if is_article or response.meta.get("portalfeed_kind") == "article":
            yield from self._article(response)
        yield from self._article_links(response)
        if not is_article:
            yield from self._pager(response)

    def _article_links(self, response: TextResponse) -> Iterator[scrapy.Request]:
        for href in response.css(self.profile.discovery.listing_links).xpath("@href").getall():
            url = absolute(response.url, href)
            if url and self._allowed(url) and self.profile.is_article_url(url):
                yield scrapy.Request(canonical_url(url), callback=self.parse,
                                     errback=self.on_error, meta={"portalfeed_kind": "article"})

    def _pager(self, response: TextResponse) -> Iterator[scrapy.Request]:
        css = self.profile.discovery.pagination
        for href in response.css(css).xpath("@href").getall() if css else []:
            url = absolute(response.url, href)
            url = canonical_url(url) if url and self._allowed(url) else None
            if url is None or url in self.listings_seen:
                continue
            if len(self.listings_seen) >= self.profile.discovery.max_listing_pages:
                self._count("listing_limit_reached")
                return
            yield self._listing(url)

    def _article(self, response: TextResponse) -> Iterator[Any]:
        url = self._public_url(response)
        if url in self.articles_seen:  # an alias of a page already extracted (/node/<id>)
            self._count("duplicate_url")
            return
        self.articles_seen.add(url)
        try:
            article = extract_page(response.text, url, self.profile,
                                   content_type=_content_type(response), now=datetime.now(VN_TZ))
        except Rejected as rejected:
            self._reject(rejected.reason, response.url)
            return
        article.url, article.portal = url, self.profile.name
        self._count(f"extractor/{article.extractor}")
        yield article

    def _public_url(self, response: TextResponse) -> str:
        """The canonical URL: the page's rel=canonical when it stays on the portal."""
        url = response.url
        declared = absolute(url, response.css("link[rel=canonical]::attr(href)").get())
        if declared and (self._allowed(declared)):
            url = declared
        public = rebase(url, self.fetch_base, self.profile.base_url)
        return canonical_url(public)

    def _allowed(self, url: str) -> bool:
        return self.profile.owns(url) or url.startswith(self.fetch_base)

    def on_error(self, failure: Failure) -> None:
        if failure.check(HttpError):
            reason = f"http_{failure.value.response.status}"
        else:
            reason = failure.type.__name__ if failure.type else "unknown"
        self.crawler.stats.inc_value(f"portalfeed/errors/{reason}")
        self.logger.warning("fetch failed (%s): %s", reason, failure.request.url)

    def _reject(self, reason: str, url: str) -> None:
        self.crawler.stats.inc_value(f"portalfeed/rejected/{reason}")
        self.logger.info("rejected (%s): %s", reason, url)

    def _count(self, key: str) -> None:
        self.crawler.stats.inc_value(f"portalfeed/{key}")


def _content_type(response: TextResponse) -> str | None:
    value = response.headers.get("Content-Type")
    return value.decode("latin-1") if value else None
