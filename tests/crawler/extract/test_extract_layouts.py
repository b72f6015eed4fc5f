"""Layout versions (a redesign adds one, old pages keep extracting) and field provenance."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from crawler.api import extract_page
from crawler.errors import Rejected
from crawler.extract.page import extract_html
from crawler.extract.provenance import FIELDS, date_source
from crawler.normalize.dates import VN_TZ
from crawler.profiles import Layout, Selectors, load_profile

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=VN_TZ)
URL = "https://demo.gov.vn/tin/123"
PARAGRAPHS = [
    "Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác chuyển đổi số năm "
    "2024 và triển khai nhiệm vụ năm 2025 với sự tham dự của đại diện các sở, ngành.",
    "Năm 2024, toàn tỉnh đã cung cấp hơn 1.500 dịch vụ công trực tuyến toàn trình, tỷ lệ hồ "
    "sơ nộp trực tuyến đạt trên 60%, vượt chỉ tiêu đề ra; hạ tầng số được đầu tư đồng bộ.",
    "Phát biểu chỉ đạo, đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh đề nghị các đơn vị tiếp "
    "tục rà soát, đơn giản hóa thủ tục hành chính, nâng cao chất lượng phục vụ người dân.",
]
PROFILE = """
name = "demo"
title = "Cổng demo"
base_url = "https://demo.gov.vn"
[discovery]
start_paths = ["/"]
article_pattern = '^/tin/\\d+$'
[selectors]
article = "div.chi-tiet"
title = "h1.tieu-de"
published = "span.ngay"
body = "div.noi-dung"
author = "p.tac-gia"
[[layouts]]
name = "2025"
article = "article.news-detail"
title = "h2.news-title"
published = "time.news-date"
lead = "p.sapo"
body = "div.news-body"
category = "a.news-cat"
"""


def old_page(title_class: str = "tieu-de", body_class: str = "noi-dung") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<html><head><title>Hội nghị - Cổng demo</title></head><body>"
            f"<div class='header'>Thứ Bảy, 29/11/2026</div><div class='chi-tiet'>"
            f"<h1 class='{title_class}'>Tổng kết chuyển đổi số năm 2024</h1>"
            f"<span class='ngay'>12/03/2025 09:30</span>"
            f"<div class='{body_class}'>{body}</div><p class='tac-gia'>Minh Hà</p>"
            f"</div></body></html>")


def new_page() -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    return ("<html><head><title>Hội nghị</title></head><body><header>Thứ Bảy, 29/11/2026"
            "</header><main><article class='news-detail'>"
            "<a class='news-cat' href='/cds'>Chuyển đổi số</a>"
            "<h2 class='news-title'>Tổng kết chuyển đổi số năm 2024</h2>"
            "<time class='news-date'>12/03/2025 09:30</time>"
            f"<p class='sapo'>{PARAGRAPHS[0]}</p><div class='news-body'>{body}"
            "<p style='text-align:right'><strong>Thu Hương</strong></p></div>"
            "</article></main></body></html>")


@pytest.fixture()
def profile(tmp_path: Path):
    path = tmp_path / "demo.toml"
    path.write_text(PROFILE, encoding="utf-8")
    return load_profile(path)


def test_a_redesign_adds_a_layout_and_old_pages_still_extract(profile) -> None:
    old = extract_page(old_page(), URL, profile, now=NOW)
    new = extract_page(new_page(), URL, profile, now=NOW)
    for article in (old, new):
        assert article.title == "Tổng kết chuyển đổi số năm 2024"
        assert article.published == datetime(2025, 3, 12, 9, 30, tzinfo=VN_TZ)
        assert article.extractor == "profile"
        assert article.body[-2:] == PARAGRAPHS[1:]
    assert old.author == "Minh Hà"
    assert new.author == "Thu Hương"
    assert new.lead == PARAGRAPHS[0]
    assert new.category == "Chuyển đổi số"


def test_sources_name_the_layout_and_selector_used(profile) -> None:
    old = extract_html(old_page(), URL, profile).sources
    assert old == {
        "title": "layout:default:h1.tieu-de", "published": "layout:default:span.ngay",
        "author": "layout:default:p.tac-gia", "lead": "layout:default:div.noi-dung",
        "body": "layout:default:div.noi-dung", "category": "absent",
    }
    new = extract_html(new_page(), URL, profile).sources
    assert new == {
        "title": "layout:2025:h2.news-title", "published": "layout:2025:time.news-date",
        "author": "layout:2025:div.news-body", "lead": "layout:2025:p.sapo",
        "body": "layout:2025:div.news-body", "category": "layout:2025:a.news-cat",
    }


def test_layouts_are_tried_in_order(tmp_path: Path) -> None:
    """A page matching two layouts' article selectors is read by the first."""
    text = PROFILE.replace('article = "article.news-detail"', 'article = "div.chi-tiet"')
    path = tmp_path / "demo.toml"
    path.write_text(text, encoding="utf-8")
    sources = extract_html(old_page(), URL, load_profile(path)).sources
    assert sources["title"] == "layout:default:h1.tieu-de"


def test_a_matching_layout_whose_selectors_miss_falls_back_to_generic(profile) -> None:
    """The article selector still matches, the title and body classes changed: the
    generic extractor reads the page, and the sources say so."""
    raw = extract_html(old_page(title_class="td", body_class="nd"), URL, profile)
    assert raw.extractor == "generic"
    assert raw.title == "Tổng kết chuyển đổi số năm 2024"
    assert raw.sources["title"] == "generic"
    assert raw.sources["body"] == "generic"
    assert raw.sources["published"] == "layout:default:span.ngay"  # still found
    article = extract_page(old_page(title_class="td", body_class="nd"), URL, profile, now=NOW)
    assert article.body[:3] == PARAGRAPHS


def test_a_layout_without_title_match_keeps_the_body_from_generic(profile) -> None:
    raw = extract_html(old_page(title_class="td"), URL, profile)
    assert raw.extractor == "generic"
    assert raw.sources["title"] == "generic"
    assert raw.sources["published"] == "layout:default:span.ngay"


def test_a_page_no_layout_matches_is_not_an_article(profile) -> None:
    page = "<html><body><ul class='list'><li><a href='/tin/1'>Tin 1</a></li></ul></body></html>"
    with pytest.raises(Rejected) as info:
        extract_html(page, URL, profile)
    assert info.value.reason == "not_article"


def test_a_profile_without_layouts_extracts_generically(tmp_path: Path) -> None:
    path = tmp_path / "demo.toml"
    path.write_text(PROFILE.split("[selectors]")[0], encoding="utf-8")
    plain = load_profile(path)
    assert plain.layouts == ()
    page = old_page().replace("class='chi-tiet'", "class='x'")
    raw = extract_html(page, URL, plain)
    assert raw.extractor == "generic"
    assert raw.sources["body"] == "generic"
    assert raw.sources["published"] == "pagedate"
    assert set(raw.sources) == set(FIELDS)


def test_metadata_sources(profile) -> None:
    head = ('<meta property="og:title" content="Tổng kết chuyển đổi số">'
            '<meta property="article:published_time" content="2025-03-12T09:30:00+07:00">'
            '<meta name="author" content="Nguyễn Văn An">')
    page = old_page().replace("<head>", "<head>" + head).replace("tieu-de", "x").replace(
        "<h1", "<h3").replace("</h1>", "</h3>").replace("tac-gia", "y")
    raw = extract_html(page, URL, profile)
    assert raw.sources["title"] == "metadata:og"
    assert raw.sources["published"] == "metadata:og"
    assert raw.sources["author"] == "metadata:meta"
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tiêu đề '
          'JSON-LD", "datePublished": "2025-03-12T09:30:00+07:00"}</script>')
    page = old_page().replace("<head>", "<head>" + ld).replace("tieu-de", "x").replace(
        "<h1", "<h3").replace("</h1>", "</h3>")
    raw = extract_html(page, URL, profile)
    assert raw.sources["title"] == "metadata:json-ld"
    assert raw.sources["published"] == "metadata:json-ld"


@pytest.mark.parametrize(("source", "expected"), [
    ("selector:span.ngay", "layout:default:span.ngay"),
    ("json-ld:datePublished", "metadata:json-ld"),
    ("meta:article:published_time", "metadata:og"),
    ("meta:og:updated_time", "metadata:og"),
    ("meta:pubdate", "metadata:meta"),
    ("microdata:datePublished", "metadata:meta"),
    ("generic:htmldate", "generic"),
    ("generic:div", "pagedate"),
])
def test_date_sources(source: str, expected: str) -> None:
    layout = Layout("default", Selectors("a", "t", "b"))
    assert date_source(source, layout) == expected


def test_a_printed_date_on_another_day_beats_metadata(profile) -> None:
    head = '<meta property="article:published_time" content="2025-03-20T08:00:00+07:00">'
    raw = extract_html(old_page().replace("<head>", "<head>" + head), URL, profile)
    assert raw.sources["published"] == "layout:default:span.ngay"


def test_the_leads_dateline_when_the_page_prints_no_date(profile) -> None:
    page = old_page().replace("<span class='ngay'>12/03/2025 09:30</span>", "").replace(
        PARAGRAPHS[0], "PhuthoPortal - Ngày 12/3/2025, " + PARAGRAPHS[0])
    raw = extract_html(page, URL, profile)
    assert raw.sources["published"] == "dateline"


def test_sources_on_the_drupal_fixture_portal() -> None:
    repo = Path(__file__).resolve().parents[3]
    fixture = load_profile(repo / "crawler" / "portals" / "phutho-fixture.toml")
    page = repo / "seeds/fixture_portal/site/vi/day-manh-chuyen-doi-so-cap-xa.html"
    raw = extract_html(page.read_text(encoding="utf-8"),
                       "https://phutho.fixture.test/vi/day-manh-chuyen-doi-so-cap-xa", fixture)
    assert raw.sources["title"] == "layout:default:h2.post__title"
    assert raw.sources["body"] == "layout:default:div#post__content"
    assert raw.sources["published"] == "layout:default:div.post__datetime"
    assert raw.sources["category"] == "layout:default:div.post__category"
