"""Pure functions from stored articles to feed bytes: no I/O, no clock.

Identical input gives identical bytes: items are sorted explicitly (see
`feeds.items`), and the feed's updated / lastBuildDate is the newest item's
`updated` instead of the time of the build; a feed without items has no such
date, so its caller passes one (`empty_updated`, see `feeds.publish`).

A feed's items are prepared once (`prepare_feed`) and every format renders
from that preparation, since preparing (cleaning text and HTML) costs more
than rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from crawler.model import PortalInfo, StoredArticle
from feeds.items import FeedItem, prepare_items, to_vn
from feeds.jsonfeed import render_json
from feeds.meta import FeedMeta, feed_meta
from feeds.paths import FORMATS, FeedSpec
from feeds.rss_atom import render_atom, render_rss

RENDERERS: dict[str, Callable[[FeedMeta, Sequence[FeedItem]], bytes]] = {
    "rss": render_rss,
    "atom": render_atom,
    "json": render_json,
}


@dataclass(frozen=True)
class PreparedFeed:
    """One feed's feed-level facts and prepared items, ready for any format."""

    meta: FeedMeta
    items: tuple[FeedItem, ...]

    def render(self, fmt: str) -> bytes:
        check_format(fmt)
        return RENDERERS[fmt](self.meta, self.items)

    def dated(self, updated: datetime) -> PreparedFeed:
        """The same feed with another feed-level updated / lastBuildDate."""
        return replace(self, meta=replace(self.meta, updated=to_vn(updated)))


def prepare_feed(
    spec: FeedSpec,
    items: Sequence[StoredArticle],
    *,
    base_url: str,
    portals: Mapping[str, PortalInfo],
    ttl_minutes: int = 60,
    hub_url: str | None = None,
    empty_updated: datetime | None = None,
) -> PreparedFeed:
    """The feed `spec` holding exactly `items`, prepared for rendering.

    `items` are already the newest N; they are re-sorted newest `published` first,
    ties by ascending guid. Portal feeds link to the portal's home and use its
    `ttl_minutes`; the others link to `base_url` and use the `ttl_minutes` given.
    A feed without items is dated `empty_updated` (ValueError when it is None).
    """
    prepared = tuple(prepare_items(items))
    meta = feed_meta(spec, prepared, base_url=base_url, portals=portals,
                     ttl_minutes=ttl_minutes, hub_url=hub_url, empty_updated=empty_updated)
    return PreparedFeed(meta, prepared)


def build_feed(
    spec: FeedSpec,
    items: Sequence[StoredArticle],
    fmt: str,
    *,
    base_url: str,
    portals: Mapping[str, PortalInfo],
    ttl_minutes: int = 60,
    hub_url: str | None = None,
    empty_updated: datetime | None = None,
) -> bytes:
    """The feed `spec` in `fmt` ("rss", "atom" or "json"); see `prepare_feed`."""
    check_format(fmt)
    return prepare_feed(spec, items, base_url=base_url, portals=portals,
                        ttl_minutes=ttl_minutes, hub_url=hub_url,
                        empty_updated=empty_updated).render(fmt)


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown feed format {fmt!r}; expected one of {FORMATS}")
