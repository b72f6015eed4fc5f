from __future__ import annotations

import random

import pytest
from lxml import etree

from crawler.model import PortalInfo, StoredArticle
from feeds.build import build_feed
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
def test_empty_feed_has_a_fixed_date(fmt: str, portals: dict[str, PortalInfo]) -> None:
    data = build_feed(FeedSpec(topic="y-te"), [], fmt, base_url=BASE_URL, portals=portals)
    root = etree.fromstring(data)
    text = root.xpath("string(/rss/channel/lastBuildDate | /*[local-name()='feed']"
                      "/*[local-name()='updated'])")
    assert text in ("Thu, 01 Jan 1970 07:00:00 +0700", "1970-01-01T07:00:00+07:00")


def test_unknown_format(portals: dict[str, PortalInfo]) -> None:
    with pytest.raises(ValueError):
        build_feed(FeedSpec(), [], "xml", base_url=BASE_URL, portals=portals)
