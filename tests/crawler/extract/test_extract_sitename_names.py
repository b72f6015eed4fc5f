"""Which texts are the site's own name (crawler.extract.title): compared tone- and
case-insensitively, without the separators CMSs put around them."""

from __future__ import annotations

import pytest
from lxml import html

from crawler.extract.title import heading_above, is_site_name, site_key, site_names


@pytest.mark.parametrize("candidate", [
    "Cổng thông tin điện tử tỉnh Hà Giang",
    "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH HÀ GIANG",
    "  | Cong thong tin dien tu tinh Ha Giang - ",
    "Cổng thông tin điện tử tỉnh Hà Giang ::",
])
def test_site_name_spellings_match(candidate: str) -> None:
    assert is_site_name(candidate, {site_key("Cổng Thông tin điện tử tỉnh Hà Giang")})


@pytest.mark.parametrize("candidate", [
    "Hà Giang đưa 120 điểm du lịch lên bản đồ số",
    "Cổng thông tin điện tử tỉnh Hà Giang ra mắt giao diện mới",
    "",
])
def test_other_texts_are_not_the_site_name(candidate: str) -> None:
    assert not is_site_name(candidate, {site_key("Cổng Thông tin điện tử tỉnh Hà Giang")})


def test_site_names_come_from_og_title_tag_header_and_profile() -> None:
    root = html.document_fromstring(
        "<html><head><title>Bài viết | Cổng TTĐT tỉnh A</title>"
        "<meta property='og:site_name' content='Tỉnh B'></head>"
        "<body><header><div class='logo'><a href='/'>Cổng C</a></div></header>"
        "<p>x</p></body></html>")
    names = site_names(root, "Cổng thông tin D")
    for name in ("Cổng TTĐT tỉnh A", "Tỉnh B", "Cổng C", "Cổng thông tin D"):
        assert site_key(name) in names
    assert site_key("Bài viết") not in names


def test_the_site_part_of_title_is_the_known_side() -> None:
    root = html.document_fromstring(
        "<html><head><title>Cổng TTĐT tỉnh A - Tin ngắn</title>"
        "<meta property='og:site_name' content='Cổng TTĐT tỉnh A'></head><body></body></html>")
    assert site_key("Tin ngắn") not in site_names(root)


def test_an_empty_heading_above_the_body_gives_no_title() -> None:
    root = html.document_fromstring(
        "<html><body><div><h2>Một tiêu đề khác ở phía trên</h2><h2 class='x'></h2>"
        "<p id='first'>Đoạn văn đầu tiên của bài viết.</p></div></body></html>")
    assert heading_above(root.get_element_by_id("first"), set()) is None


def test_a_linked_heading_is_a_section_label_not_the_title() -> None:
    root = html.document_fromstring(
        "<html><body><div><h3>Hội nghị tổng kết công tác năm 2024</h3>"
        "<h3><a href='/muc'>Chuyển đổi số trong các cơ quan nhà nước</a></h3>"
        "<p id='first'>Đoạn văn đầu tiên của bài viết.</p></div></body></html>")
    assert heading_above(root.get_element_by_id("first"), set()) == (
        "Hội nghị tổng kết công tác năm 2024")


def test_a_header_ticker_does_not_name_the_site() -> None:
    root = html.document_fromstring(
        "<html><body><header><a href='/' rel='home'>Cổng TTĐT</a>"
        "<marquee><a href='/vi/bai'>Khai mạc Tuần Văn hóa năm 2024</a></marquee></header>"
        "</body></html>")
    names = site_names(root)
    assert site_key("Cổng TTĐT") in names
    assert site_key("Khai mạc Tuần Văn hóa năm 2024") not in names
