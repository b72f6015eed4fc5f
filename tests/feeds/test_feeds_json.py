from __future__ import annotations

import json

import pytest

from crawler.model import PortalInfo, StoredArticle
from feeds.build import build_feed
from feeds.paths import FeedSpec, topic_name

BASE_URL = "https://tin.example.vn/"


@pytest.fixture
def feed(articles: list[StoredArticle], portals: dict[str, PortalInfo]) -> dict:
    data = build_feed(FeedSpec(portal="phutho"), articles[::2], "json", base_url=BASE_URL,
                      portals=portals, hub_url="https://hub.example/")
    assert "Hương".encode() in data  # UTF-8, not \\u escapes
    return json.loads(data.decode("utf-8"))


def test_feed_fields(feed: dict) -> None:
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Cổng TTĐT tỉnh Phú Thọ"
    assert feed["home_page_url"] == "https://phutho.gov.vn/"
    assert feed["feed_url"] == "https://tin.example.vn/feeds/portal/phutho.json"
    assert feed["language"] == "vi"
    assert feed["hubs"] == [{"type": "WebSub", "url": "https://hub.example/"}]


def test_items(feed: dict, tricky_lead: str) -> None:
    first, second = feed["items"]
    assert list(first) == ["id", "url", "title", "content_html", "summary", "image",
                           "date_published", "date_modified", "authors", "tags"]
    assert first["id"] == "urn:uuid:2b1f0c52-0d6a-4f6e-9f63-2f9a3c1e0a01"
    assert first["summary"] == tricky_lead
    assert first["date_published"] == "2022-01-19T08:30:00+07:00"
    assert first["authors"] == [{"name": "Thu Hương"}]
    assert first["tags"] == [topic_name("khoa-hoc-cong-nghe"), topic_name("kinh-te")]
    assert first["image"] == "https://phutho.gov.vn/anh/hoi-nghi.JPG"
    assert second["date_published"] == "2022-01-18T00:00:00+07:00"
    assert "authors" not in second and "image" not in second
    assert None not in second.values()
