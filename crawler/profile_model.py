"""The portal profile as data: what `crawler.profiles` reads from a TOML file.

Kept apart from the reader so extraction and the spider depend on plain frozen
dataclasses only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

LEVELS = ("province", "department", "newspaper", "agency", "commune")
SELECTOR_KEYS = ("article", "title", "body", "published", "updated", "lead", "author",
                 "category")


@dataclass(frozen=True)
class Selectors:
    """CSS selectors for the fields of an article page (empty string: not on this portal)."""

    article: str  # present only on article pages; tells them from section and static pages
    title: str
    body: str
    published: str = ""
    updated: str = ""
    lead: str = ""
    author: str = ""
    category: str = ""
    remove: tuple[str, ...] = ()  # share buttons, print links, scripts inside the body


NO_SELECTORS = Selectors(article="", title="", body="")


@dataclass(frozen=True)
class Layout:
    """One version of a portal's article markup; a redesign adds one."""

    name: str
    selectors: Selectors


@dataclass(frozen=True)
class Discovery:
    start_paths: tuple[str, ...]
    article_pattern: re.Pattern[str]  # matched against the URL path (+ "?query")
    listing_links: str = "a"  # CSS selector of article links on listing pages
    pagination: str = ""  # CSS selector of pager links
    max_listing_pages: int = 50
    exclude_patterns: tuple[re.Pattern[str], ...] = ()
    sitemaps: tuple[str, ...] = ()  # paths or URLs of XML sitemaps (or sitemap indexes)
    feeds: tuple[str, ...] = ()  # paths or URLs of the portal's own RSS/Atom feeds
    recheck_days: float | None = None  # overrides the configuration's recheck_days


@dataclass(frozen=True)
class Politeness:
    download_delay: float = 1.0
    concurrency: int = 2
    max_pages: int = 5000
    timeout_s: float = 30.0
    autothrottle: bool = True  # off only for a local mirror or a benchmark
    max_page_bytes: int = 5_000_000  # a bigger response is cancelled and counted


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    base_url: str
    domains: tuple[str, ...]
    selectors: Selectors
    discovery: Discovery
    politeness: Politeness = Politeness()
    topics: Mapping[str, str] = field(default_factory=dict)  # portal section name -> topic slug
    interval_minutes: int = 60
    cron: str = ""  # [schedule] cron: a crontab line in Vietnam time, instead of the interval
    language: str = "vi"
    enabled: bool = True
    source: str = ""  # the file it was read from, for error messages
    family: str = ""  # the CMS family it was merged over ("" for none)
    # Tried in order; the first whose `article` matches a page extracts it.  None: the
    # generic extractor, article pages told by the article pattern only.
    layouts: tuple[Layout, ...] = ()
    verified: bool = True  # false: nobody has checked it against the live site yet
    level: str = "province"  # one of LEVELS
    aliases: tuple[str, ...] = ()  # former or alternative domains of this portal
    parent: str = ""  # the portal a department site belongs to
    merged_from: tuple[str, ...] = ()  # former units merged into this one

    def __post_init__(self) -> None:
        # Built in code with only `selectors` (tests, benchmarks): that is the one layout.
        if not self.layouts and self.selectors.article:
            object.__setattr__(self, "layouts", (Layout("default", self.selectors),))

    @property
    def article_css(self) -> str:
        """A selector matching an article page of any layout version ("" when none)."""
        return ", ".join(dict.fromkeys(lay.selectors.article for lay in self.layouts))

    @property
    def start_urls(self) -> list[str]:
        return [urljoin(self.base_url, p) for p in self.discovery.start_paths]

    def is_article_url(self, url: str) -> bool:
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if any(p.search(target) for p in self.discovery.exclude_patterns):
            return False
        return bool(self.discovery.article_pattern.search(target))

    def owns(self, url: str) -> bool:
        return self.ownership(url) > 0

    def ownership(self, url: str) -> int:
        """How closely this portal's domains match the URL's host: the length of the
        longest matching domain, 0 when none does.  `phutho.gov.vn` owns every
        `*.phutho.gov.vn`, but a department site's own profile matches its host closer."""
        host = (urlsplit(url).hostname or "").lower()
        return max((len(d) for d in self.domains + self.aliases
                    if host == d or host.endswith("." + d)), default=0)


def owner_of(profiles: Iterable[Profile], url: str) -> Profile | None:
    """The profile whose domains match the URL's host most closely, or None."""
    best = max(profiles, key=lambda p: p.ownership(url), default=None)
    return best if best is not None and best.ownership(url) > 0 else None
