"""Page metadata (JSON-LD, Open Graph, CMS meta tags) and where a page prints its date."""

from __future__ import annotations

from datetime import datetime

import pytest
from lxml import html

from crawler import extract_page
from crawler.extract.metadata import page_meta
from crawler.extract.pagedate import page_dates
from crawler.model import Block, DateText, RawArticle
from crawler.normalize.article import normalize
from crawler.normalize.dates import VN_TZ

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VN_TZ)
PARAS = "".join(
    f"<p>Đoạn {i}: Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm 2023, triển "
    f"khai nhiệm vụ trọng tâm năm 2024 với sự tham gia của các sở, ngành và địa phương.</p>"
    for i in range(6)
)


def page(head: str = "", before: str = "", date_line: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{head}</head><body>'
            f'<div class="top"><span class="current-date">Thứ Hai, 30/11/2026 08:00</span></div>'
            f"{before}<div class=\"content\"><h1>Hội nghị tổng kết công tác năm 2023</h1>"
            f'<div class="post-date">{date_line}</div>{PARAS}</div></body></html>')


JSON_LD = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
           '{"@type":"WebSite","name":"Báo"},{"@type":["NewsArticle"],"headline":"Hội nghị",'
           '"datePublished":"2024-01-16T15:40:00+07:00","dateModified":"2024-01-17T08:00:00Z",'
           '"author":[{"@type":"Person","name":"Thu Hương"}],"image":{"url":"https://b.vn/a.jpg"}'
           "}]}</script>")


def test_json_ld_graph() -> None:
    meta = page_meta(html.fromstring(page(JSON_LD)))
    assert meta.title == "Hội nghị"
    assert [(d.role, d.text) for d in meta.dates][:2] == [
        ("published", "2024-01-16T15:40:00+07:00"), ("updated", "2024-01-17T08:00:00Z")]
    assert meta.authors == ["Thu Hương"]
    assert meta.image == "https://b.vn/a.jpg"
    assert meta.is_article


def test_broken_json_ld_is_skipped() -> None:
    broken = '<script type="application/ld+json">{"@type": "NewsArticle", }</script>'
    assert page_meta(html.fromstring(page(broken))).dates == []


def test_metadata_comes_first_and_keeps_published_and_updated_apart() -> None:
    article = extract_page(page(JSON_LD, date_line="16/01/2024"), "https://b.vn/a", now=NOW)
    assert article.published.isoformat() == "2024-01-16T15:40:00+07:00"
    assert article.published_precision == "datetime"
    assert article.updated.isoformat() == "2024-01-17T15:00:00+07:00"
    assert article.author == "Thu Hương"


@pytest.mark.parametrize(
    ("tag", "iso"),
    [
        ('<meta property="article:published_time" content="2024-01-16T15:40:00">',
         "2024-01-16T15:40:00+07:00"),  # no offset: Vietnam time
        ('<meta name="DC.date.issued" content="2024-01-16">', "2024-01-16T00:00:00+07:00"),
        ('<meta name="pubdate" content="2024-01-16T08:40:00Z">', "2024-01-16T15:40:00+07:00"),
    ],
)
def test_cms_meta_dates(tag: str, iso: str) -> None:
    article = extract_page(page(tag), "https://b.vn/a", now=NOW)
    assert article.published.isoformat() == iso


def test_implausible_metadata_date_falls_through_to_the_printed_one() -> None:
    future = '<meta property="article:published_time" content="2031-01-01T00:00:00+07:00">'
    article = extract_page(page(future, date_line="16/01/2024 15:40"), "https://b.vn/a", now=NOW)
    assert article.published.isoformat() == "2024-01-16T15:40:00+07:00"


def test_site_name_as_meta_author_is_not_an_author() -> None:
    tag = '<meta name="author" content="Cổng thông tin điện tử tỉnh Phú Thọ">'
    assert extract_page(page(tag), "https://b.vn/a", now=NOW).author is None


def test_header_clock_is_never_the_publication_date() -> None:
    root = html.fromstring(page(date_line="Cập nhật: 15:40 16/01/2024 | Lượt xem: 120"))
    assert [d.text for d in page_dates(root)][:1] == ["Cập nhật: 15:40 16/01/2024 | Lượt xem: 120"]
    article = extract_page(page(), "https://b.vn/a", now=NOW)  # only the clock prints a date
    assert article.published is None or article.published.year != 2026


def test_profile_printed_date_wins_over_metadata_of_another_day() -> None:

    raw = RawArticle(url="https://b.vn/a", title="Tiêu đề", blocks=[Block("text", PARAS[3:80])],
                     dates=[DateText("published", "2025-03-01T10:00:00+07:00", "meta:dc.date"),
                            DateText("published", "16/01/2024 15:40", "selector:div.date")])
    assert normalize(raw, now=NOW).published.isoformat() == "2024-01-16T15:40:00+07:00"
    raw.dates[0] = DateText("published", "2024-01-16T15:40:30+07:00", "meta:dc.date")
    assert normalize(raw, now=NOW).published.isoformat() == "2024-01-16T15:40:30+07:00"
