"""Portal profiles: everything portalfeed knows of a portal, as data.

One TOML file per portal under `crawler/portals/` (or a directory named in the
configuration).  A bad profile raises `ProfileError` naming the file, the key
and the problem, so an operator can fix it without reading code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.errors import ProfileError, UnknownPortalError

BUILTIN_DIR = Path(__file__).parent / "portals"
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


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
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.domains)


def load_profile(path: Path) -> Profile:
    """Read and validate one profile file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(str(path), "", f"cannot read file: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(str(path), "", f"not valid TOML: {exc}") from exc
    return _ProfileReader(str(path), data).profile()


def load_profiles(directory: Path = BUILTIN_DIR) -> dict[str, Profile]:
    """All profiles in a directory, keyed by name; the first bad file raises."""
    profiles: dict[str, Profile] = {}
    for path in sorted(directory.glob("*.toml")):
        profile = load_profile(path)
        if profile.name in profiles:
            raise ProfileError(str(path), "name", f"duplicate portal name {profile.name!r}")
        profiles[profile.name] = profile
    return profiles


def get_profile(name: str, directory: Path = BUILTIN_DIR) -> Profile:
    profiles = load_profiles(directory)
    if name not in profiles:
        known = ", ".join(sorted(profiles)) or "none"
        raise UnknownPortalError(f"unknown portal {name!r} (known: {known})")
    return profiles[name]


class _ProfileReader:
    """Typed access to the TOML tables, with errors that name file and key."""

    def __init__(self, source: str, data: dict[str, Any]) -> None:
        self.source = source
        self.data = data

    def fail(self, key: str, problem: str) -> ProfileError:
        return ProfileError(self.source, key, problem)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                if default is ...:
                    raise self.fail(key, "is required")
                return default
            node = node[part]
        if not isinstance(node, kind) or (kind is int and isinstance(node, bool)):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise self.fail(key, f"must be {names}, got {type(node).__name__}")
        return node

    def regex(self, key: str, pattern: str) -> re.Pattern[str]:
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise self.fail(key, f"invalid regular expression: {exc}") from exc

    def strings(self, key: str, default: Any = ...) -> tuple[str, ...]:
        values = self.get(key, list, default)
        if not all(isinstance(v, str) for v in values):
            raise self.fail(key, "must be a list of strings")
        return tuple(values)

    def positive(self, key: str, kind: type, default: float) -> Any:
        value = self.get(key, (int, float) if kind is float else int, default)
        if value <= 0:
            raise self.fail(key, f"must be greater than 0, got {value}")
        return kind(value)

    def profile(self) -> Profile:
        name = self.get("name", str)
        if not NAME_RE.match(name):
            raise self.fail("name", f"must be lowercase ASCII, digits and '-', got {name!r}")
        base_url = self.get("base_url", str)
        if urlsplit(base_url).scheme not in ("http", "https") or not urlsplit(base_url).hostname:
            raise self.fail("base_url", f"must be an absolute http(s) URL, got {base_url!r}")
        domains = self.strings("domains", (urlsplit(base_url).hostname,))
        return Profile(
            name=name,
            title=self.get("title", str),
            base_url=base_url if base_url.endswith("/") else base_url + "/",
            domains=tuple(d.lower() for d in domains),
            selectors=self.selectors(),
            discovery=self.discovery(),
            politeness=self.politeness(),
            topics=self.topics(),
            interval_minutes=self.positive("schedule.interval_minutes", int, 60),
            cron=self.cron(),
            language=self.get("language", str, "vi"),
            enabled=self.get("enabled", bool, True),
            source=self.source,
        )

    def selectors(self) -> Selectors:
        values = {}
        for key in ("article", "title", "body", "published", "updated", "lead", "author",
                    "category"):
            required = key in ("article", "title", "body")
            values[key] = self.get(f"selectors.{key}", str, ... if required else "")
        for key, css in values.items():
            if css:
                _check_css(self, f"selectors.{key}", css)
        remove = self.strings("selectors.remove", ())
        for css in remove:
            _check_css(self, "selectors.remove", css)
        return Selectors(**values, remove=remove)

    def discovery(self) -> Discovery:
        start_paths = self.strings("discovery.start_paths")
        if not start_paths:
            raise self.fail("discovery.start_paths", "must list at least one page")
        excludes = self.strings("discovery.exclude_patterns", ())
        listing_links = self.get("discovery.listing_links", str, "a")
        pagination = self.get("discovery.pagination", str, "")
        for key, css in (("listing_links", listing_links), ("pagination", pagination)):
            if css:
                _check_css(self, f"discovery.{key}", css)
        return Discovery(
            start_paths=start_paths,
            article_pattern=self.regex(
                "discovery.article_pattern", self.get("discovery.article_pattern", str)
            ),
            listing_links=listing_links,
            pagination=pagination,
            max_listing_pages=self.positive("discovery.max_listing_pages", int, 50),
            exclude_patterns=tuple(
                self.regex("discovery.exclude_patterns", p) for p in excludes
            ),
            sitemaps=self.strings("discovery.sitemaps", ()),
            feeds=self.strings("discovery.feeds", ()),
            recheck_days=self.recheck_days(),
        )

    def recheck_days(self) -> float | None:
        value = self.get("discovery.recheck_days", (int, float), None)
        if value is not None and value < 0:
            raise self.fail("discovery.recheck_days", f"must be 0 or more, got {value}")
        return None if value is None else float(value)

    def cron(self) -> str:
        expr = self.get("schedule.cron", str, "")
        if not expr:
            return ""
        if self.get("schedule.interval_minutes", int, None) is not None:
            raise self.fail("schedule.cron", "set either cron or interval_minutes, not both")
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(expr, timezone="Asia/Ho_Chi_Minh")
        except ValueError as exc:
            raise self.fail("schedule.cron", f"invalid cron expression {expr!r}: {exc}") from exc
        return expr

    def politeness(self) -> Politeness:
        delay = self.get("politeness.download_delay", (int, float), 1.0)
        if delay < 0:
            raise self.fail("politeness.download_delay", f"must be 0 or more, got {delay}")
        return Politeness(
            download_delay=float(delay),
            concurrency=self.positive("politeness.concurrency", int, 2),
            max_pages=self.positive("politeness.max_pages", int, 5000),
            timeout_s=self.positive("politeness.timeout_s", float, 30.0),
            autothrottle=self.get("politeness.autothrottle", bool, True),
            max_page_bytes=self.positive("politeness.max_page_bytes", int, 5_000_000),
        )

    def topics(self) -> dict[str, str]:
        from crawler.topics import TOPICS

        table = self.get("topics", dict, {})
        for section, slug in table.items():
            if slug not in TOPICS:
                raise self.fail(f"topics.{section}", f"unknown topic slug {slug!r}")
        return dict(table)


def _check_css(reader: _ProfileReader, key: str, css: str) -> None:
    from cssselect import SelectorError, parse

    try:
        parse(css)
    except SelectorError as exc:
        raise reader.fail(key, f"invalid CSS selector {css!r}: {exc}") from exc
