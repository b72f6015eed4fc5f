from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from lxml import etree

from crawler.model import PortalInfo, StoredArticle
from feeds.build import build_feed, prepare_feed
from feeds.paths import FORMATS, FeedSpec

BASE_URL = "https://tin.example.vn/"


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_input_same_bytes(
    fmt: str, articles: list[StoredArticle], portals: dict[str, PortalInfo]
) -> None:
    def build(items: list[StoredArticle]) -> bytes:
        return build_feed(FeedSpec(), items, fmt, base_url=BASE_URL, portals=portals)

    first = build(articles)
    assert build(articles) == first
    shuffled = articles[:]
    random.Random(7).shuffle(shuffled)
    assert build(shuffled[::-1]) == first


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_empty_feed_is_dated_by_the_caller(fmt: str, portals: dict[str, PortalInfo]) -> None:
    when = datetime(2024, 3, 5, 1, 2, 3, 456, tzinfo=UTC)
    data = build_feed(FeedSpec(), [], fmt, base_url=BASE_URL, portals=portals,
                      empty_updated=when)
    root = etree.fromstring(data)
    text = root.xpath("string(/rss/channel/lastBuildDate | /*[local-name()='feed']"
                      "/*[local-name()='updated'])")
    assert text in ("Tue, 05 Mar 2024 08:02:03 +0700", "2024-03-05T08:02:03+07:00")


def test_empty_feed_without_a_date_is_refused(portals: dict[str, PortalInfo]) -> None:
    with pytest.raises(ValueError, match="empty_updated"):
        build_feed(FeedSpec(), [], "rss", base_url=BASE_URL, portals=portals)


def test_items_date_the_feed_whatever_empty_updated_says(
    articles: list[StoredArticle], portals: dict[str, PortalInfo]
) -> None:
    plain = build_feed(FeedSpec(), articles, "atom", base_url=BASE_URL, portals=portals)
    dated = build_feed(FeedSpec(), articles, "atom", base_url=BASE_URL, portals=portals,
                       empty_updated=datetime(2030, 1, 1, tzinfo=UTC))
    assert dated == plain


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_from_one_preparation(
    fmt: str, articles: list[StoredArticle], portals: dict[str, PortalInfo]
) -> None:
    feed = prepare_feed(FeedSpec(portal="phutho"), articles, base_url=BASE_URL, portals=portals)
    assert feed.render(fmt) == build_feed(FeedSpec(portal="phutho"), articles, fmt,
                                          base_url=BASE_URL, portals=portals)


def test_unknown_format(portals: dict[str, PortalInfo]) -> None:
    with pytest.raises(ValueError):
        build_feed(FeedSpec(), [], "xml", base_url=BASE_URL, portals=portals)
