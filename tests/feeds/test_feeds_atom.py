from __future__ import annotations

import re

import feedparser
import pytest
from lxml import etree

from crawler.model import PortalInfo, StoredArticle
from feeds.build import build_feed
from feeds.paths import FeedSpec, topic_name

NS = {"a": "http://www.w3.org/2005/Atom", "media": "http://search.yahoo.com/mrss/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339_VN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00")

BASE_URL = "https://tin.example.vn/"


@pytest.fixture
def atom(articles: list[StoredArticle], portals: dict[str, PortalInfo]) -> bytes:
    return build_feed(FeedSpec(topic="kinh-te"), articles, "atom", base_url=BASE_URL,
                      portals=portals)


def test_feedparser_reads_every_entry(atom: bytes, tricky_lead: str) -> None:
    parsed = feedparser.parse(atom)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert len(parsed.entries) == 3
    for entry in parsed.entries:
        assert entry.title and entry.link and entry.id
        assert entry.published.endswith("+07:00")
        assert entry.updated.endswith("+07:00")
        assert entry.content[0].type == "text/html" and entry.content[0].value
    lead_entry = next(e for e in parsed.entries if "Khoa học" in e.title)
    assert lead_entry.summary == tricky_lead


def test_feed_element(atom: bytes) -> None:
    feed = etree.fromstring(atom)
    assert feed.get(XML_LANG) == "vi"
    assert feed.findtext("a:id", namespaces=NS) == "https://tin.example.vn/feeds/topic/kinh-te.atom"
    assert feed.xpath("a:link[@rel='self']/@href", namespaces=NS) == [
        "https://tin.example.vn/feeds/topic/kinh-te.atom"
    ]
    assert feed.xpath("a:link[@rel='alternate']/@href", namespaces=NS) == [BASE_URL]
    assert feed.findtext("a:updated", namespaces=NS) == "2022-01-20T10:00:00+07:00"
    assert feed.findtext("a:generator", namespaces=NS) == "portalfeed"
    # Not every entry has an author, so the feed must have one.
    assert feed.findtext("a:author/a:name", namespaces=NS) == "portalfeed"


def test_portal_feed_author_is_the_portal(
    articles: list[StoredArticle], portals: dict[str, PortalInfo]
) -> None:
    feed = etree.fromstring(build_feed(FeedSpec(portal="phutho"), articles, "atom",
                                       base_url=BASE_URL, portals=portals))
    assert feed.findtext("a:author/a:name", namespaces=NS) == "Cổng TTĐT tỉnh Phú Thọ"
    assert feed.xpath("a:link[@rel='alternate']/@href", namespaces=NS) == [
        "https://phutho.gov.vn/"
    ]


def test_entries(atom: bytes) -> None:
    entries = etree.fromstring(atom).findall("a:entry", namespaces=NS)
    ids = [entry.findtext("a:id", namespaces=NS) for entry in entries]
    assert len(set(ids)) == 3
    for entry in entries:
        assert RFC3339_VN.fullmatch(entry.findtext("a:published", namespaces=NS))
        assert RFC3339_VN.fullmatch(entry.findtext("a:updated", namespaces=NS))
        assert entry.find("a:content", namespaces=NS).get("type") == "html"
        assert len(entry.xpath("a:link[@rel='alternate']/@href", namespaces=NS)) == 1


def entry_by_id(feed: bytes, entry_id: str) -> etree._Element:
    (entry,) = etree.fromstring(feed).xpath("a:entry[a:id=$i]", namespaces=NS, i=entry_id)
    return entry


def test_date_only_entry_is_midnight_and_has_no_author(atom: bytes) -> None:
    entry = entry_by_id(atom, "urn:uuid:7c0d1e2f-3a4b-4c5d-8e6f-708192a3b4c5")
    assert entry.findtext("a:published", namespaces=NS) == "2022-01-18T00:00:00+07:00"
    assert entry.find("a:author", namespaces=NS) is None
    assert entry.findtext("a:title", namespaces=NS) == "Thông báo lịch tiếp công dân tháng 1"


def test_utc_dates_are_shown_in_vietnam_time(atom: bytes) -> None:
    entry = entry_by_id(atom, "https://hagiang.gov.vn/tin/du-lich-mua-hoa")
    assert entry.findtext("a:published", namespaces=NS) == "2022-01-19T08:30:00+07:00"
    assert entry.findtext("a:updated", namespaces=NS) == "2022-01-20T10:00:00+07:00"


def test_full_entry(atom: bytes, tricky_lead: str) -> None:
    entry = entry_by_id(atom, "urn:uuid:2b1f0c52-0d6a-4f6e-9f63-2f9a3c1e0a01")
    assert entry.findtext("a:author/a:name", namespaces=NS) == "Thu Hương"
    assert entry.findtext("a:summary", namespaces=NS) == tricky_lead
    categories = entry.findall("a:category", namespaces=NS)
    assert [(c.get("term"), c.get("label")) for c in categories] == [
        ("khoa-hoc-cong-nghe", topic_name("khoa-hoc-cong-nghe")),
        ("kinh-te", topic_name("kinh-te")),
    ]
    assert entry.xpath("media:content/@type", namespaces=NS) == ["image/jpeg"]


def test_a_guid_that_is_not_a_uri_becomes_a_tag_uri(
    articles: list[StoredArticle], portals: dict[str, PortalInfo]
) -> None:
    plain = articles[0].__class__(articles[0].article, "phutho 42/abc", articles[0].first_seen,
                                  articles[0].revised)
    feed = build_feed(FeedSpec(), [plain], "atom", base_url=BASE_URL, portals=portals)
    entry_id = etree.fromstring(feed).findtext("a:entry/a:id", namespaces=NS)
    assert entry_id == "tag:portalfeed,2024:phutho%2042%2Fabc"
