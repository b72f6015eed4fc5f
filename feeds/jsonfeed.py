"""JSON Feed 1.1 with the standard library: fixed key order, UTF-8, no nulls."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from feeds.items import FeedItem, rfc3339
from feeds.meta import FeedMeta

VERSION = "https://jsonfeed.org/version/1.1"


def render_json(meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": meta.title,
        "home_page_url": meta.home_url,
        "feed_url": meta.self_url("json"),
        "description": meta.description,
        "language": "vi",
        "authors": [{"name": meta.author}],
    }
    if meta.hub_url:
        feed["hubs"] = [{"type": "WebSub", "url": meta.hub_url}]
    feed["items"] = [_item(item) for item in items]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _item(item: FeedItem) -> dict[str, Any]:
    fields: list[tuple[str, Any]] = [
        ("id", item.guid),
        ("url", item.url),
        ("title", item.title),
        ("content_html", item.content_html),
        ("summary", item.summary or None),
        ("image", item.image.url if item.image else None),
        ("date_published", rfc3339(item.published)),
        ("date_modified", rfc3339(item.updated)),
        ("authors", [{"name": item.author}] if item.author else None),
        ("tags", [name for _, name in item.topics] or None),
        ("attachments", [{"url": url, "mime_type": kind or "application/octet-stream",
                          "title": title} for url, kind, title in item.attachments] or None),
    ]
    # Absent rather than null: the spec's optional fields are meant to be left out.
    return {key: value for key, value in fields if value is not None}
