"""Which stored articles each feed holds, for callers that have them all in memory.

A store can answer the same question with one query per feed; this is the
reference behaviour its results must match.
"""

from __future__ import annotations

from collections.abc import Iterable

from crawler.model import StoredArticle
from feeds.items import sort_newest_first
from feeds.paths import FeedSpec, feed_specs

DEFAULT_LIMIT = 50


def matches(spec: FeedSpec, stored: StoredArticle) -> bool:
    article = stored.article
    if spec.portal is not None and article.portal != spec.portal:
        return False
    return spec.topic is None or spec.topic in article.topics


def group_items(
    items: Iterable[StoredArticle], limit: int = DEFAULT_LIMIT
) -> dict[FeedSpec, list[StoredArticle]]:
    """Every feed the articles call for, each with its newest `limit` articles."""
    ordered = sort_newest_first(items)
    specs = feed_specs((s.article.portal, s.article.topics) for s in ordered)
    return {spec: [s for s in ordered if matches(spec, s)][:limit] for spec in specs}
