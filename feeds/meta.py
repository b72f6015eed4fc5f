"""Feed-level facts every format renders: title, links, author, ttl, updated."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from crawler.model import PortalInfo
from feeds.items import FeedItem, feed_updated
from feeds.paths import FeedSpec, public_url
from feeds.text import clean_line

GENERATOR = "portalfeed"


@dataclass(frozen=True)
class FeedMeta:
    spec: FeedSpec
    base_url: str
    title: str
    description: str
    home_url: str  # the HTML page the feed stands for
    author: str  # feed-level author: Atom needs one when an entry has none
    ttl_minutes: int
    hub_url: str | None
    updated: datetime

    def self_url(self, fmt: str) -> str:
        return self.spec.url(self.base_url, fmt)


def feed_meta(
    spec: FeedSpec,
    items: Sequence[FeedItem],
    *,
    base_url: str,
    portals: Mapping[str, PortalInfo],
    ttl_minutes: int,
    hub_url: str | None,
    empty_updated: datetime | None = None,
) -> FeedMeta:
    """A portal's feeds link to its home and use its ttl; the others use the defaults.

    `updated` is the newest item's; a feed without items takes `empty_updated`.
    """
    portal = portals.get(spec.portal) if spec.portal else None
    title = feed_title(spec, portals)
    return FeedMeta(
        spec=spec,
        base_url=base_url,
        title=title,
        description=f"Các tin bài mới nhất: {title}",
        home_url=home_url(spec, base_url, portals),
        author=clean_line(portal.title) if portal else GENERATOR,
        ttl_minutes=portal.ttl_minutes if portal else ttl_minutes,
        hub_url=clean_line(hub_url) or None,
        updated=feed_updated(items, empty_updated),
    )


def feed_title(spec: FeedSpec, portals: Mapping[str, PortalInfo]) -> str:
    portal = portals.get(spec.portal) if spec.portal else None
    return clean_line(spec.title_for(portal.title if portal else None))


def home_url(spec: FeedSpec, base_url: str, portals: Mapping[str, PortalInfo]) -> str:
    """The HTML page a feed stands for: the portal's home, else our index page."""
    portal = portals.get(spec.portal) if spec.portal else None
    return clean_line(portal.home) if portal else public_url(base_url)
