"""Body element -> blocks: images (lazy, srcset, junk), caption cells, teasers, `<br>` bodies."""

from __future__ import annotations

from lxml import html

from crawler.extract.blocks import body_blocks

BASE = "https://portal.gov.vn/vi/bai-viet"


def blocks(markup: str) -> list[tuple[str, str, frozenset[str]]]:
    found = body_blocks(html.fragment_fromstring(markup, create_parent="div"), BASE)
    return [(b.kind, b.image_url or b.text, b.hints) for b in found]


def images(markup: str) -> list[str]:
    return [value for kind, value, _ in blocks(markup) if kind == "image"]


def test_lazy_attributes_win_over_placeholders() -> None:
    assert images('<p><img src="data:image/gif;base64,R0lG" data-src="/a.jpg"></p>'
                  '<p><img src="/images/blank.gif" data-original="b.jpg"></p>') == [
        "https://portal.gov.vn/a.jpg", "https://portal.gov.vn/vi/b.jpg"]


def test_srcset_takes_the_widest_candidate() -> None:
    assert images('<img src="/a-480.jpg" srcset="/a-480.jpg 480w, /a.jpg 1200w">') == [
        "https://portal.gov.vn/a.jpg"]


def test_icons_spacers_and_pixels_are_dropped() -> None:
    markup = ('<p><img src="/icons/facebook.png"><img src="/images/spacer.gif" width="1">'
              '<img src="/upload/anh.jpg" width="16" height="16">'
              '<img src="https://www.google-analytics.com/collect?x=1"></p>')
    assert images(markup) == []


def test_caption_cell_of_an_image_table() -> None:
    markup = ('<table><tr><td><img src="/a.jpg"></td></tr>'
              "<tr><td>Lãnh đạo tỉnh thăm mô hình trồng chè</td></tr></table>")
    assert ("text", "Lãnh đạo tỉnh thăm mô hình trồng chè") in [(k, v) for k, v, _ in
                                                                  blocks(markup)]
    assert "figcaption" in blocks(markup)[-1][2]


def test_a_data_table_has_no_caption_cells() -> None:
    markup = "<table>" + "<tr><td>Huyện</td><td>Diện tích</td></tr>" * 3 + "</table>"
    assert all("figcaption" not in hints for _, _, hints in blocks(markup))


def test_teaser_links_are_marked() -> None:
    got = blocks('<p><a href="/vi/x">Hội nghị giao ban báo chí tháng 10</a></p>'
                 '<p>Đoạn văn có <a href="/vi/y">một liên kết</a> ở giữa.</p>')
    assert "link" in got[0][2] and "link" not in got[1][2]


def test_a_body_written_with_br_lines() -> None:
    got = blocks('<font>Đoạn một.<br><br>Đoạn hai.<br><img src="/a.jpg"><br>'
                 "<i>Chú thích ảnh</i><br><b>Thu Hương</b></font>")
    assert [(k, v) for k, v, _ in got] == [
        ("text", "Đoạn một."), ("text", "Đoạn hai."), ("image", "https://portal.gov.vn/a.jpg"),
        ("text", "Chú thích ảnh"), ("text", "Thu Hương")]
    assert {"italic", "after_image"} <= got[3][2] and "bold" in got[4][2]


def test_a_line_break_inside_a_paragraph_does_not_split_it() -> None:
    assert [v for _, v, _ in blocks("<p>Dòng một<br>dòng hai.</p>")] == ["Dòng một dòng hai."]
