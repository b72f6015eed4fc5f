"""Portal profiles: everything portalfeed knows of a portal, as data.

One TOML file per portal under `crawler/portals/` (or a directory named in the
configuration).  A bad profile raises `ProfileError` naming the file, the key
and the problem, so an operator can fix it without reading code.  A profile may
name a CMS family (`family = "drupal"`) whose shared tables it is merged over
(`crawler.profile_families`), and may hold several layout versions, tried in order.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.errors import ProfileError, UnknownPortalError
from crawler.profile_families import layout_tables, merge_family, read_family
from crawler.profile_model import (
    LEVELS,
    NO_SELECTORS,
    SELECTOR_KEYS,
    Discovery,
    Layout,
    Politeness,
    Profile,
    Selectors,
    owner_of,
)

__all__ = [
    "BUILTIN_DIR",
    "LEVELS",
    "Discovery",
    "Layout",
    "Politeness",
    "Profile",
    "Selectors",
    "get_profile",
    "load_profile",
    "load_profiles",
    "owner_of",
]

BUILTIN_DIR = Path(__file__).parent / "portals"
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def load_profile(path: Path) -> Profile:
    """Read and validate one profile file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(str(path), "", f"cannot read file: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(str(path), "", f"not valid TOML: {exc}") from exc
    return _ProfileReader(str(path), *_with_family(path, data)).profile()


def _with_family(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    """The profile's tables merged over its family's, and its layout versions in order."""
    family = data.get("family", "")
    if not isinstance(family, str):
        raise ProfileError(str(path), "family", f"must be str, got {type(family).__name__}")
    if not family:
        return data, layout_tables(data, str(path))
    family_path, family_data = read_family(family, str(path), path.parent)
    return merge_family(data, family_data, str(path), str(family_path))


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

    def __init__(self, source: str, data: dict[str, Any], layouts: list[Any] = (),
                 prefix: str = "") -> None:
        self.source = source
        self.data = data
        self.layout_tables = list(layouts)
        self.prefix = prefix  # "layouts[1]." when reading one layout's table

    def fail(self, key: str, problem: str) -> ProfileError:
        return ProfileError(self.source, self.prefix + key, problem)

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
        layouts = self.layouts()
        return Profile(
            name=name,
            title=self.get("title", str),
            base_url=base_url if base_url.endswith("/") else base_url + "/",
            domains=tuple(d.lower() for d in domains),
            selectors=layouts[0].selectors if layouts else NO_SELECTORS,
            discovery=self.discovery(),
            politeness=self.politeness(),
            topics=self.topics(),
            interval_minutes=self.positive("schedule.interval_minutes", int, 60),
            cron=self.cron(),
            language=self.get("language", str, "vi"),
            enabled=self.enabled(),
            source=self.source,
            family=self.get("family", str, ""),
            layouts=layouts,
            verified=self.get("verified", bool, True),
            level=self.level(),
            aliases=self.aliases(),
            parent=self.get("parent", str, ""),
            merged_from=self.strings("merged_from", ()),
        )

    def enabled(self) -> bool:
        enabled = self.get("enabled", bool, True)
        if enabled and not self.get("verified", bool, True):
            raise self.fail("verified", "an unverified profile must set enabled = false")
        return enabled

    def level(self) -> str:
        level = self.get("level", str, "province")
        if level not in LEVELS:
            raise self.fail("level", f"must be one of {', '.join(LEVELS)}, got {level!r}")
        return level

    def aliases(self) -> tuple[str, ...]:
        """Former domains, written as host names or as URLs."""
        hosts = []
        for alias in self.strings("aliases", ()):
            host = urlsplit(alias).hostname if "://" in alias else alias.strip().strip("/")
            if not host or "/" in host:
                raise self.fail("aliases", f"must list domains, got {alias!r}")
            hosts.append(host.lower())
        return tuple(hosts)

    def layouts(self) -> tuple[Layout, ...]:
        layouts: list[Layout] = []
        for prefix, table in self.layout_tables:
            reader = _ProfileReader(self.source, table, prefix=prefix + ".")
            layout = Layout(reader.layout_name(), reader.selectors())
            if any(known.name == layout.name for known in layouts):
                raise reader.fail("name", f"duplicate layout name {layout.name!r}")
            layouts.append(layout)
        return tuple(layouts)

    def layout_name(self) -> str:
        name = self.get("name", str)
        if not name.strip():
            raise self.fail("name", "must not be empty")
        return name

    def selectors(self) -> Selectors:
        """One layout's selectors (this reader reads the layout's table)."""
        values = {}
        for key in SELECTOR_KEYS:
            required = key in ("article", "title", "body")
            values[key] = self.get(key, str, ... if required else "")
            if values[key]:
                _check_css(self, key, values[key])
        remove = self.strings("remove", ())
        for css in remove:
            _check_css(self, "remove", css)
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
    problem = _css_problem(css)
    if problem:
        raise reader.fail(key, f"invalid CSS selector {css!r}: {problem}")


@lru_cache(maxsize=1024)
def _css_problem(css: str) -> str | None:
    """Why a selector does not parse (None: it does); family selectors repeat in every
    site profile of the registry, so each is parsed once."""
    from cssselect import SelectorError, parse

    try:
        parse(css)
    except SelectorError as exc:
        return str(exc)
    return None
