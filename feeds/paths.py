"""The one feed URL scheme, relative to the public directory and to `base_url`.

    feeds/all.{rss,atom,json}                    every article
    feeds/topic/<topic>.{rss,atom,json}          one topic, every portal
    feeds/portal/<portal>.{rss,atom,json}        one portal, every topic
    feeds/portal/<portal>/<topic>.{rss,atom,json}
    feeds/keyword/<slug>.{rss,atom,json}        an operator's keyword feed (feeds.keywords)
    feeds.opml                                   every feed, for importing into a reader
    index.html                                   the page for people

Slugs are ASCII `[a-z0-9-]`, checked when a `FeedSpec` is made, so a path built
from one can never leave the public directory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Format = Literal["rss", "atom", "json"]
FORMATS: tuple[Format, ...] = ("rss", "atom", "json")
MEDIA_TYPES: dict[str, str] = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}
FORMAT_LABELS: dict[str, str] = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
FEEDS_DIR = "feeds"
OPML_PATH = "feeds.opml"
INDEX_PATH = "index.html"

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FEED_PATH_RE = re.compile(
    r"feeds/(?:(?P<all>all)|topic/(?P<topic>[^/]+)|portal/(?P<portal>[^/]+)(?:/(?P<ptopic>[^/]+))?"
    r"|keyword/(?P<keyword>[^/]+))"
    r"\.(?P<fmt>rss|atom|json)"
)


def is_slug(value: str) -> bool:
    return SLUG_RE.fullmatch(value) is not None


def topic_name(slug: str) -> str:
    """The Vietnamese display name of a topic, or the slug if the taxonomy lacks it."""
    try:
        # Imported here: the taxonomy is optional for this module and may not exist yet.
        from crawler.topics import TOPICS
    except ImportError:
        return slug
    return TOPICS.get(slug, slug)


@dataclass(frozen=True)
class FeedSpec:
    """Which articles a feed holds: None means "every portal" / "every topic"."""

    portal: str | None = None
    topic: str | None = None
    keyword: str | None = None  # a keyword feed's slug; such a feed has no portal or topic
    # The operator's title of a keyword feed; not part of the feed's identity.
    keyword_title: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        for kind, value in (("portal", self.portal), ("topic", self.topic),
                            ("keyword", self.keyword)):
            if value is not None and not is_slug(value):
                raise ValueError(f"invalid {kind} slug {value!r}: use [a-z0-9-]")
        if self.keyword is not None and (self.portal or self.topic):
            raise ValueError("a keyword feed spans every portal and topic")

    @property
    def stem(self) -> str:
        if self.keyword:
            return f"{FEEDS_DIR}/keyword/{self.keyword}"
        if self.portal and self.topic:
            return f"{FEEDS_DIR}/portal/{self.portal}/{self.topic}"
        if self.portal:
            return f"{FEEDS_DIR}/portal/{self.portal}"
        if self.topic:
            return f"{FEEDS_DIR}/topic/{self.topic}"
        return f"{FEEDS_DIR}/all"

    @property
    def title(self) -> str:
        return self.title_for(None)

    def title_for(self, portal_title: str | None) -> str:
        """The feed title, naming the portal by `portal_title` when the caller knows it."""
        if self.keyword:
            return self.keyword_title or self.keyword
        portal = portal_title or self.portal
        topic = topic_name(self.topic) if self.topic else None
        if portal and topic:
            return f"{topic} – {portal}"
        if portal:
            return portal
        if topic:
            return f"{topic} – tin từ các cổng thông tin tỉnh"
        return "Tin mới từ các cổng thông tin tỉnh"

    def path(self, fmt: str) -> str:
        if fmt not in FORMATS:
            raise ValueError(f"unknown feed format {fmt!r}; expected one of {FORMATS}")
        return f"{self.stem}.{fmt}"

    def url(self, base_url: str, fmt: str) -> str:
        return public_url(base_url, self.path(fmt))

    def sort_key(self) -> tuple[bool, str, bool, bool, str, str]:
        # "all" first, then topic feeds, keyword feeds, then each portal and its topics.
        return (self.portal is not None, self.portal or "", self.keyword is not None,
                self.topic is not None, self.topic or "", self.keyword or "")


def public_url(base_url: str, relative: str = "") -> str:
    """`relative` under `base_url`, whether or not the base ends with a slash."""
    return f"{base_url.rstrip('/')}/{relative}"


def feed_specs(pairs: Iterable[tuple[str | None, Iterable[str]]]) -> list[FeedSpec]:
    """Every feed the stored articles call for, given each article's (portal, topics).

    Always includes the "all" feed. An article without a portal still counts for the
    "all" and topic feeds. Raises ValueError on a slug outside `[a-z0-9-]`: a bad
    slug is a bug upstream, and publishing it would mean an unsafe path.
    """
    specs = {FeedSpec()}
    for portal, topics in pairs:
        if portal is not None:
            specs.add(FeedSpec(portal=portal))
        for topic in topics:
            specs.add(FeedSpec(topic=topic))
            if portal is not None:
                specs.add(FeedSpec(portal=portal, topic=topic))
    return sorted(specs, key=FeedSpec.sort_key)


def parse_feed_path(relative: str) -> tuple[FeedSpec, Format] | None:
    """The (spec, format) a relative path names under our scheme, or None."""
    match = _FEED_PATH_RE.fullmatch(relative)
    if match is None:
        return None
    portal = match["portal"]
    topic = match["topic"] or match["ptopic"]
    try:
        spec = FeedSpec(portal=portal, topic=topic, keyword=match["keyword"])
    except ValueError:
        return None
    fmt: Format = match["fmt"]  # type: ignore[assignment]
    return spec, fmt
