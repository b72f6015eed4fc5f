from __future__ import annotations

from datetime import datetime, timedelta, timezone

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from crawler.model import Article, PortalInfo, StoredArticle
from feeds.build import build_feed
from feeds.paths import FeedSpec

BASE_URL = "https://tin.example.vn/"
VN = timezone(timedelta(hours=7))
SEEN = datetime(2024, 5, 1, 10, 0, tzinfo=VN)


def bare(title: str, **fields: object) -> StoredArticle:
    return StoredArticle(Article(title=title, **fields), "urn:x:1", SEEN, SEEN)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_article_without_url_date_or_text_is_still_valid(
    fmt: str, portals: dict[str, PortalInfo]
) -> None:
    data = build_feed(FeedSpec(), [bare("")], fmt, base_url=BASE_URL, portals=portals)
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    (entry,) = parsed.entries
    assert entry.title == "(không có tiêu đề)"
    # Atom needs content when there is no link; RSS carries the body in content:encoded
    # even without a lead (its <description> then holds a plain-text excerpt).
    assert entry.content[0].value == "<p>(không có tiêu đề)</p>"
    assert entry.published.endswith(("+0700", "+07:00"))  # first_seen stands in


def test_updated_before_published_is_clamped(portals: dict[str, PortalInfo]) -> None:
    stored = bare("Tin", published=SEEN, updated=SEEN - timedelta(days=2))
    feed = etree.fromstring(build_feed(FeedSpec(), [stored], "atom", base_url=BASE_URL,
                                       portals=portals))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.findtext("a:entry/a:updated", namespaces=ns) == "2024-05-01T10:00:00+07:00"


@settings(max_examples=40, deadline=None)
@given(title=st.text(), lead=st.text(), author=st.text(), body=st.lists(st.text(), max_size=3))
def test_any_text_gives_a_well_formed_feed(
    title: str, lead: str, author: str, body: list[str]
) -> None:
    stored = bare(title, lead=lead, author=author, body=body, body_html="")
    for fmt in ("rss", "atom"):
        data = build_feed(FeedSpec(), [stored], fmt, base_url=BASE_URL, portals={})
        etree.fromstring(data)  # raises on anything XML 1.0 forbids
        assert not feedparser.parse(data).bozo
