"""One pure function from stored articles to feed bytes: no I/O, no clock.

Identical input gives identical bytes: items are sorted explicitly (see
`feeds.items`), and the feed's updated / lastBuildDate is the newest item's
`updated` (a fixed instant for an empty feed) instead of the time of the build.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from crawler.model import PortalInfo, StoredArticle
from feeds.items import FeedItem, prepare_items
from feeds.jsonfeed import render_json
from feeds.meta import FeedMeta, feed_meta
from feeds.paths import FORMATS, FeedSpec
from feeds.rss_atom import render_atom, render_rss

RENDERERS: dict[str, Callable[[FeedMeta, Sequence[FeedItem]], bytes]] = {
    "rss": render_rss,
    "atom": render_atom,
    "json": render_json,
}


def build_feed(
    spec: FeedSpec,
    items: Sequence[StoredArticle],
    fmt: str,
    *,
    base_url: str,
    portals: Mapping[str, PortalInfo],
    ttl_minutes: int = 60,
    hub_url: str | None = None,
) -> bytes:
    """The feed `spec` in `fmt` ("rss", "atom" or "json") holding exactly `items`.

    `items` are already the newest N; they are re-sorted newest `published` first,
    ties by ascending guid. Portal feeds link to the portal's home and use its
    `ttl_minutes`; the others link to `base_url` and use the `ttl_minutes` given.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown feed format {fmt!r}; expected one of {FORMATS}")
    prepared = prepare_items(items)
    meta = feed_meta(spec, prepared, base_url=base_url, portals=portals,
                     ttl_minutes=ttl_minutes, hub_url=hub_url)
    return RENDERERS[fmt](meta, prepared)
