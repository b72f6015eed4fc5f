from __future__ import annotations

import html
import re

import feedparser
import pytest
from lxml import etree

from crawler.model import PortalInfo, StoredArticle
from feeds.build import build_feed
from feeds.paths import FeedSpec, topic_name

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
}
RFC822_VN = re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0700")

BASE_URL = "https://tin.example.vn/"


def rss(spec: FeedSpec, items: list[StoredArticle], portals: dict[str, PortalInfo],
        **kwargs: object) -> bytes:
    return build_feed(spec, items, "rss", base_url=BASE_URL, portals=portals, **kwargs)


@pytest.fixture
def all_rss(articles: list[StoredArticle], portals: dict[str, PortalInfo]) -> bytes:
    return rss(FeedSpec(), articles, portals, ttl_minutes=45)


def test_feedparser_reads_every_entry(all_rss: bytes) -> None:
    parsed = feedparser.parse(all_rss)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert len(parsed.entries) == 3
    for entry in parsed.entries:
        assert entry.title and entry.link and entry.id
        assert entry.published.endswith("+0700")
        assert entry.published_parsed is not None
        assert entry.content[0].value


def test_plain_text_survives_html_handling(all_rss: bytes, tricky_lead: str) -> None:
    entries = feedparser.parse(all_rss).entries
    lead_entry = next(e for e in entries if "Khoa học" in e.title)
    assert html.unescape(lead_entry.summary) == tricky_lead
    assert lead_entry.title == "Liên hiệp các Hội Khoa học & Kỹ thuật tỉnh: chỉ tiêu <2022>"
    date_only = next(e for e in entries if "Thông báo" in e.title)
    assert date_only.title == "Thông báo lịch tiếp công dân tháng 1"


def test_channel_link_is_the_alternate_not_the_self_link(
    articles: list[StoredArticle], portals: dict[str, PortalInfo]
) -> None:
    channel = etree.fromstring(rss(FeedSpec(portal="phutho"), articles[:1], portals))[0]
    assert channel.findtext("link") == "https://phutho.gov.vn/"
    assert channel.xpath("atom:link[@rel='self']/@href", namespaces=NS) == [
        "https://tin.example.vn/feeds/portal/phutho.rss"
    ]


def test_channel_fields(all_rss: bytes) -> None:
    channel = etree.fromstring(all_rss)[0]
    assert channel.findtext("link") == BASE_URL
    assert channel.xpath("atom:link[@rel='self']/@href", namespaces=NS) == [
        "https://tin.example.vn/feeds/all.rss"
    ]
    assert channel.findtext("language") == "vi"
    assert channel.findtext("ttl") == "45"
    # The newest feed_updated among the items: the revised Hà Giang article.
    assert channel.findtext("lastBuildDate") == "Thu, 20 Jan 2022 10:00:00 +0700"


def test_portal_feed_uses_the_portal_ttl(
    articles: list[StoredArticle], portals: dict[str, PortalInfo]
) -> None:
    channel = etree.fromstring(rss(FeedSpec(portal="phutho"), articles, portals))[0]
    assert channel.findtext("ttl") == "30"


def test_items_are_newest_first(all_rss: bytes) -> None:
    dates = etree.fromstring(all_rss).xpath("//item/pubDate/text()")
    assert dates == [
        "Wed, 19 Jan 2022 08:30:00 +0700",
        "Wed, 19 Jan 2022 08:30:00 +0700",
        "Tue, 18 Jan 2022 00:00:00 +0700",
    ]
    guids = etree.fromstring(all_rss).xpath("//item/guid/text()")
    assert guids[:2] == sorted(guids[:2])  # equal instants: ascending guid


def test_items(all_rss: bytes) -> None:
    items = etree.fromstring(all_rss).xpath("//item")
    guids = [item.findtext("guid") for item in items]
    assert len(set(guids)) == len(guids)
    for item in items:
        assert RFC822_VN.fullmatch(item.findtext("pubDate"))
        assert item.find("author") is None
        assert item.findtext("link").startswith("https://")
        assert item.xpath("content:encoded/text()", namespaces=NS)


def test_guid_is_a_permalink_only_when_it_is_the_url(all_rss: bytes) -> None:
    flags = {
        item.findtext("guid"): item.find("guid").get("isPermaLink")
        for item in etree.fromstring(all_rss).xpath("//item")
    }
    assert flags["https://hagiang.gov.vn/tin/du-lich-mua-hoa"] == "true"
    assert flags["urn:uuid:2b1f0c52-0d6a-4f6e-9f63-2f9a3c1e0a01"] == "false"


def test_guid_is_stable_across_edits(
    articles: list[StoredArticle], portals: dict[str, PortalInfo]
) -> None:
    before = etree.fromstring(rss(FeedSpec(), articles, portals)).xpath("//guid/text()")
    articles[2].article.title = "Tiêu đề đã sửa"
    after = etree.fromstring(rss(FeedSpec(), articles, portals)).xpath("//guid/text()")
    assert before == after


def item_by_guid(feed: bytes, guid: str) -> etree._Element:
    (item,) = etree.fromstring(feed).xpath("//item[guid=$g]", g=guid)
    return item


def test_full_item(all_rss: bytes, tricky_lead: str) -> None:
    item = item_by_guid(all_rss, "urn:uuid:2b1f0c52-0d6a-4f6e-9f63-2f9a3c1e0a01")
    assert item.xpath("dc:creator/text()", namespaces=NS) == ["Thu Hương"]
    assert html.unescape(item.findtext("description")) == tricky_lead
    assert item.xpath("content:encoded/text()", namespaces=NS) == [
        "<p>Đoạn một.</p><p>Đoạn hai &amp; ba.</p>"
    ]
    (media,) = item.xpath("media:content", namespaces=NS)
    assert media.get("url") == "https://phutho.gov.vn/anh/hoi-nghi.JPG"
    assert media.get("type") == "image/jpeg"
    assert media.get("medium") == "image"
    expected = [topic_name("khoa-hoc-cong-nghe"), topic_name("kinh-te")]
    assert item.xpath("category/text()") == expected


def test_item_without_author_image_or_html_body(all_rss: bytes) -> None:
    item = item_by_guid(all_rss, "urn:uuid:7c0d1e2f-3a4b-4c5d-8e6f-708192a3b4c5")
    assert item.xpath("dc:creator", namespaces=NS) == []
    assert item.xpath("media:content", namespaces=NS) == []
    assert item.findtext("title") == "Thông báo lịch tiếp công dân tháng 1"
    body = item.xpath("content:encoded/text()", namespaces=NS)[0]
    assert body.startswith("<p>Lịch tiếp công dân định kỳ.</p><p>Chủ tịch")


def test_png_media_type(all_rss: bytes) -> None:
    item = item_by_guid(all_rss, "https://hagiang.gov.vn/tin/du-lich-mua-hoa")
    assert item.xpath("media:content/@type", namespaces=NS) == ["image/png"]


def test_hub_link(articles: list[StoredArticle], portals: dict[str, PortalInfo]) -> None:
    feed = rss(FeedSpec(), articles, portals, hub_url="https://hub.example/")
    channel = etree.fromstring(feed)[0]
    assert channel.xpath("atom:link[@rel='hub']/@href", namespaces=NS) == ["https://hub.example/"]
    assert not feedparser.parse(feed).bozo
    assert etree.fromstring(rss(FeedSpec(), articles, portals))[0].xpath(
        "atom:link[@rel='hub']", namespaces=NS) == []
