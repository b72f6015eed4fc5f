"""What earlier crawls of a portal learnt, and what this crawl will leave for the next.

Known articles are not fetched again within the recheck window (unless a sitemap
says they changed since); listings and sitemaps are fetched with the validators
of their last complete crawl.  Validators are written only when the crawl
finished and nothing the page led to failed: a listing that answers 304 is
not read, so it must not hide an article a killed or failing crawl never got.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from crawler.store.store import PageState, Store

NAVIGATION = ("listing", "sitemap", "feed")


@dataclass
class CrawlState:
    now: datetime
    recheck: timedelta | None  # None: a stored article is never fetched again from links
    seen: dict[str, datetime] = field(default_factory=dict)  # stored articles, last fetch
    pages: dict[str, PageState] = field(default_factory=dict)  # from earlier crawls
    fresh: dict[str, PageState] = field(default_factory=dict)  # learnt by this crawl
    led_to: dict[str, set[str]] = field(default_factory=dict)  # article url -> navigation urls
    dirty: set[str] = field(default_factory=set)  # navigation pages with a failed follow-up

    @classmethod
    def load(cls, store: Store, portal: str, now: datetime,
             recheck: timedelta | None) -> CrawlState:
        return cls(now, recheck, store.article_last_seen(portal), store.validators_for(portal))

    def is_known(self, url: str, changed: datetime | None = None) -> bool:
        """Fetched before, not changed since (by a sitemap's lastmod), not due for recheck."""
        page = self.pages.get(url)
        times = [t for t in (self.seen.get(url), page and page.fetched) if t]
        if not times:
            return False
        last = max(times)
        if changed is not None and changed > last:
            return False
        return self.recheck is None or self.now - last < self.recheck

    def completed_before(self, url: str) -> bool:
        """A navigation page an earlier crawl read to the end."""
        page = self.pages.get(url)
        return page is not None and page.kind in NAVIGATION

    def conditional_headers(self, url: str) -> dict[str, str]:
        page = self.pages.get(url)
        if page is None or page.kind not in NAVIGATION:
            return {}
        headers = {"If-None-Match": page.etag, "If-Modified-Since": page.last_modified}
        return {k: v for k, v in headers.items() if v}

    def link(self, article_url: str, from_url: str) -> None:
        self.led_to.setdefault(article_url, set()).add(from_url)

    def failed(self, url: str) -> None:
        """A transient failure: the pages that led here must be read in full next time."""
        self.dirty.update(self.led_to.get(url, ()))
        self.dirty.add(url)

    def learnt(self, page: PageState) -> None:
        self.fresh[page.url] = page

    def to_save(self, finished: bool) -> list[PageState]:
        """Article outcomes always; navigation validators only after a complete crawl, and
        none for a page whose follow-ups failed (its stale validators would hide them)."""
        keep = [p for p in self.fresh.values() if p.url not in self.dirty
                and (finished or p.kind not in NAVIGATION)]
        keep += [replace(p, etag=None, last_modified=None) for p in self.fresh.values()
                 if finished and p.url in self.dirty and p.kind in NAVIGATION]
        return sorted(keep, key=lambda p: p.url)


def load_state(db_url: str, portal: str, empty: CrawlState) -> CrawlState:
    """`empty`'s clock and window with what the store knows; raises SQLAlchemyError."""
    store = Store(db_url)
    try:
        return CrawlState.load(store, portal, empty.now, empty.recheck)
    finally:
        store.close()


def save_state(db_url: str, portal: str, pages: list[PageState]) -> None:
    store = Store(db_url)
    try:
        store.save_validators(portal, pages)
    finally:
        store.close()
