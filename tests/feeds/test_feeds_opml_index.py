from __future__ import annotations

import dataclasses
from datetime import timedelta

import lxml.html
import pytest
from lxml import etree

from crawler.model import PortalInfo, StoredArticle
from feeds.grouping import group_items
from feeds.index_page import render_index
from feeds.opml import render_opml

BASE_URL = "https://tin.example.vn/"


@pytest.fixture
def opml(articles: list[StoredArticle], portals: dict[str, PortalInfo]) -> etree._Element:
    data = render_opml(group_items(articles), base_url=BASE_URL, portals=portals)
    assert data == render_opml(group_items(articles[::-1]), base_url=BASE_URL, portals=portals)
    return etree.fromstring(data)


def test_opml_lists_every_feed(opml: etree._Element, articles: list[StoredArticle]) -> None:
    assert opml.get("version") == "2.0"
    assert opml.findtext("head/title")
    feeds = opml.xpath("//outline[@type='rss']")
    assert [o.get("xmlUrl") for o in feeds] == [
        spec.url(BASE_URL, "rss") for spec in group_items(articles)
    ]
    for outline in feeds:
        assert outline.get("text") and outline.get("title") and outline.get("htmlUrl")


def test_opml_groups_by_portal(opml: etree._Element) -> None:
    folders = opml.xpath("/opml/body/outline")
    assert [f.get("text") for f in folders] == [
        "Tổng hợp các cổng", "Cổng TTĐT tỉnh Hà Giang", "Cổng TTĐT tỉnh Phú Thọ"
    ]
    phutho = folders[2].xpath("outline/@xmlUrl")
    assert phutho == [
        "https://tin.example.vn/feeds/portal/phutho.rss",
        "https://tin.example.vn/feeds/portal/phutho/khoa-hoc-cong-nghe.rss",
        "https://tin.example.vn/feeds/portal/phutho/kinh-te.rss",
    ]
    assert folders[2].xpath("outline/@htmlUrl") == ["https://phutho.gov.vn/"] * 3


def render(articles: list[StoredArticle], portals: dict[str, PortalInfo]) -> bytes:
    return render_index(group_items(articles), base_url=BASE_URL, portals=portals)


@pytest.fixture
def page(articles: list[StoredArticle], portals: dict[str, PortalInfo]) -> lxml.html.HtmlElement:
    portals["laocai"] = PortalInfo("laocai", "Cổng TTĐT tỉnh Lào Cai", "https://laocai.gov.vn/")
    data = render(articles, portals)
    assert data == render(articles[::-1], portals)
    assert data.startswith(b"<!DOCTYPE html>")
    return lxml.html.document_fromstring(data)


def test_page_head(page: lxml.html.HtmlElement) -> None:
    assert page.get("lang") == "vi"
    assert page.xpath("//head/meta/@charset") == ["utf-8"]
    assert page.xpath("//meta[@name='viewport']/@content")
    assert page.findtext(".//title")
    assert page.xpath("//script") == []
    assert page.xpath("//head/style")


def test_autodiscovery_for_the_shared_feeds(page: lxml.html.HtmlElement) -> None:
    links = page.xpath("//head/link[@rel='alternate'][@type='application/rss+xml']")
    assert [link.get("href") for link in links] == [
        "https://tin.example.vn/feeds/all.rss",
        "https://tin.example.vn/feeds/topic/khoa-hoc-cong-nghe.rss",
        "https://tin.example.vn/feeds/topic/kinh-te.rss",
    ]
    assert all(link.get("title") for link in links)


def test_one_section_per_portal(page: lxml.html.HtmlElement) -> None:
    assert len(page.xpath("//h1")) == 1
    assert page.xpath("//h2/text()") == [
        "Tổng hợp các cổng", "Cổng TTĐT tỉnh Hà Giang", "Cổng TTĐT tỉnh Lào Cai",
        "Cổng TTĐT tỉnh Phú Thọ",
    ]
    phutho = page.get_element_by_id("portal-phutho").text_content()
    assert "20/01/2022 08:05 (GMT+7)" in phutho
    assert "chưa có" in page.get_element_by_id("portal-hagiang").text_content()
    assert "Chưa có tin bài" in page.get_element_by_id("portal-laocai").text_content()


def test_feed_links_have_clear_labels(page: lxml.html.HtmlElement) -> None:
    section = page.get_element_by_id("portal-phutho")
    hrefs = {a.get("href"): a.text_content() for a in section.iter("a")}
    assert hrefs["https://tin.example.vn/feeds/portal/phutho/kinh-te.rss"] == "RSS"
    assert hrefs["https://tin.example.vn/feeds/portal/phutho/kinh-te.atom"] == "Atom"
    assert hrefs["https://tin.example.vn/feeds/portal/phutho/kinh-te.json"] == "JSON Feed"
    assert all(a.get("aria-label") for a in section.xpath(".//p[@class='feeds']/a"))


def test_headlines_link_to_articles(page: lxml.html.HtmlElement) -> None:
    section = page.get_element_by_id("portal-phutho")
    titles = [a.text_content() for a in section.xpath(".//ol/li/a")]
    assert "Liên hiệp các Hội Khoa học & Kỹ thuật tỉnh: chỉ tiêu <2022>" in titles
    assert "Thông báo lịch tiếp công dân tháng 1" in titles


def test_at_most_five_newest_headlines_and_text_is_escaped(
    articles: list[StoredArticle], portals: dict[str, PortalInfo]
) -> None:
    base = articles[1]  # hagiang, kinh-te
    many = [
        dataclasses.replace(
            base,
            guid=f"urn:x:{n}",
            article=dataclasses.replace(
                base.article, title=f"<script>alert({n})</script> ‹niềm vui> {n}",
                url=f"{base.article.url}-{n}", published=base.article.published
                + timedelta(hours=n)),
        )
        for n in range(7)
    ]
    page = lxml.html.document_fromstring(render(many, portals))
    assert page.xpath("//script") == []
    section = page.get_element_by_id("portal-hagiang")
    titles = [li.xpath("a")[0].text_content() for li in section.xpath(".//ol/li")]
    assert titles == [f"<script>alert({n})</script> ‹niềm vui> {n}" for n in (6, 5, 4, 3, 2)]
