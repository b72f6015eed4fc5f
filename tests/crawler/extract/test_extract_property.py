"""Any bytes through `extract_page` give an Article or a named rejection, never a crash.

Random bytes, random text, and fixture pages mutated (truncated, spliced with
garbage, re-encoded, nested absurdly deep) are driven through the real
extraction: lxml, trafilatura and the normaliser, profile and generic paths.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler import extract_page
from crawler.api import MAX_PAGE_BYTES
from crawler.errors import Rejected
from crawler.model import Article
from crawler.normalize.dates import VN_TZ

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted((FIXTURES / "pages").glob("*/*.html"))
PROFILES = FIXTURES / "profiles"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VN_TZ)
PORTALS = [None, "drupal-portal", "liferay-vcms", "sharepoint-portal", "slug-n-portal"]
CONTENT_TYPES = [None, "text/html", "text/html; charset=windows-1252",
                 "text/html; charset=utf-8", "text/html; charset=windows-1258",
                 "text/html; charset=x-unknown", "text/plain"]


def run(data: bytes | str, portal: str | None, content_type: str | None) -> None:
    try:
        article = extract_page(data, "https://portal.gov.vn/vi/bai-viet", portal, now=NOW,
                               content_type=content_type, profiles_dir=PROFILES)
    except Rejected as rejected:
        assert rejected.reason and " " not in rejected.reason
        return
    assert isinstance(article, Article)
    assert article.title and article.body
    assert unicodedata.is_normalized("NFC", article.title)
    assert article.published is None or article.published.utcoffset() is not None


def _mutate(page: bytes, how: str, at: float, junk: bytes) -> bytes:
    cut = int(len(page) * at)
    if how == "truncate":
        return page[:cut]
    if how == "splice":
        return page[:cut] + junk + page[cut:]
    if how == "drop":
        return page[:cut] + page[cut + len(junk) * 50 :]
    if how == "reencode":
        return page.decode("utf-8", "replace").encode("cp1258", "replace")[: cut + 1] + page[cut:]
    return page[:cut] + b"<div><b><table><tr><td>" * (len(junk) * 40) + page[cut:]


mutated = st.builds(
    _mutate,
    st.sampled_from([p.read_bytes() for p in PAGES]),
    st.sampled_from(["truncate", "splice", "drop", "reencode", "nest"]),
    st.floats(min_value=0, max_value=1),
    st.binary(min_size=1, max_size=64),
)
markup = st.lists(
    st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<h1>", "</h1>", "<img src=x>",
                     "<article>", "<table><tr><td>", "<figure>", "<figcaption>", "Thu Hương",
                     "PhuthoPortal - ", "19/01/2022 08:30", "Héi nghÞ", "LiÃªn hiá»‡p",
                     "<script>alert(1)</script>", "\x00", "&#0;", "&amp;nbsp;", "Ảnh: TTXVN",
                     "<meta charset=windows-1258>", "Theo TTXVN", "\u0301", "<!--", "<![CDATA["]),
    max_size=80,
).map(lambda parts: "<html><body>" + "".join(parts))

PROPERTY = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PROPERTY
@given(mutated, st.sampled_from(PORTALS), st.sampled_from(CONTENT_TYPES))
def test_mutated_pages(data: bytes, portal: str | None, content_type: str | None) -> None:
    run(data, portal, content_type)


@PROPERTY
@given(st.binary(max_size=4096), st.sampled_from(PORTALS), st.sampled_from(CONTENT_TYPES))
def test_random_bytes(data: bytes, portal: str | None, content_type: str | None) -> None:
    run(data, portal, content_type)


@PROPERTY
@given(st.one_of(markup, st.text(max_size=2000)), st.sampled_from(PORTALS))
def test_random_markup_and_text(data: str, portal: str | None) -> None:
    run(data, portal, None)


def test_oversized_page_is_rejected_by_size() -> None:
    page = b"<html><body>" + b"<div>" * (MAX_PAGE_BYTES // 5 + 1)
    try:
        extract_page(page, "https://portal.gov.vn/a", now=NOW)
    except Rejected as rejected:
        assert rejected.reason == "too_large"
    else:
        raise AssertionError("a page over the size cap was accepted")


def test_deeply_nested_page_gives_a_rejection_or_an_article() -> None:
    paragraph = "<p>Nội dung bài viết về hội nghị tổng kết công tác năm 2023 của tỉnh.</p>"
    page = "<html><body><h1>Tiêu đề bài viết</h1>" + "<div>" * 100_000 + paragraph * 30
    run(page.encode("utf-8"), None, "text/html")
