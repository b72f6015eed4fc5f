"""Bylines (bottom, top, before teasers), source lines, photo credits, crossheads."""

from __future__ import annotations

from crawler.model import Block
from crawler.normalize.parts import classify, without_tail_chrome

LEAD = "Sáng 26/2, thành phố Việt Trì long trọng tổ chức lễ giao nhận quân năm 2024."
PARA = "Tất cả tân binh đều đủ tiêu chuẩn về sức khỏe, trình độ văn hóa và chính trị."
PARA2 = "Phát biểu tại buổi lễ, lãnh đạo thành phố đề nghị các tân binh nỗ lực rèn luyện."


def text(value: str, *hints: str) -> Block:
    return Block("text", value, None, frozenset(hints))


def image(url: str = "https://x.vn/a.jpg") -> Block:
    return Block("image", "", url)


def roles(blocks: list[Block]) -> list[tuple[str, str]]:
    parts = classify(without_tail_chrome(blocks), "html")
    return [(p.role, p.block.text) for p in parts if p.block.kind == "text"]


def test_byline_at_the_end() -> None:
    got = roles([text(LEAD), text(PARA), text("Quang Huy", "right", "bold")])
    assert got[-1] == ("byline", "Quang Huy")


def test_byline_followed_by_teasers_and_tools() -> None:
    blocks = [text(LEAD), text(PARA), text("HOÀNG NAM", "bold"),
              text("Tin liên quan", "bold"),
              text("Đoàn công tác của tỉnh kiểm tra công tác phòng chống thiên tai", "link"),
              text("Hội nghị giao ban báo chí tháng 10", "link"), text("In bài | Gửi email")]
    assert roles(blocks) == [("paragraph", LEAD), ("paragraph", PARA), ("byline", "HOÀNG NAM")]


def test_teaser_links_without_a_heading() -> None:
    blocks = [text(LEAD), text(PARA), text("T.L"),
              text("Hội nghị giao ban báo chí tháng 10", "link"), text("(12/05/2017)")]
    assert roles(blocks)[-1] == ("byline", "T.L")


def test_byline_at_the_top() -> None:
    blocks = [text("Thực hiện: Ngọc Lan", "bold"), text(LEAD), text(PARA), text(PARA2)]
    assert roles(blocks)[0] == ("byline", "Thực hiện: Ngọc Lan")
    assert [r for r, _ in roles(blocks)[1:]] == ["paragraph"] * 3


def test_source_lines_leave_the_body() -> None:
    blocks = [text(LEAD), text(PARA), text("Minh Hà – Quốc Việt"), text("Theo TTXVN", "italic")]
    assert roles(blocks)[-2:] == [("byline", "Minh Hà – Quốc Việt"), ("source", "Theo TTXVN")]
    sentence = "Theo kế hoạch, lễ giao nhận quân diễn ra trong buổi sáng."
    assert roles([text(LEAD), text(PARA), text(sentence)])[-1] == ("paragraph", sentence)


def test_photo_credit_line_stays_with_its_caption() -> None:
    blocks = [text(LEAD), image(), text("Tân binh lên đường nhập ngũ", "italic", "centered"),
              text("(Ảnh: Minh Hà)", "italic", "centered"), text(PARA), text(PARA2)]
    assert ("caption", "Tân binh lên đường nhập ngũ (Ảnh: Minh Hà)") in roles(blocks)
    assert ("paragraph", "(Ảnh: Minh Hà)") not in roles(blocks)


def test_credit_alone_under_an_image_is_its_caption() -> None:
    blocks = [text(LEAD), image(), text("Ảnh: TTXVN"), text(PARA), text(PARA2)]
    assert ("caption", "Ảnh: TTXVN") in roles(blocks)


def test_crosshead_is_not_a_caption() -> None:
    blocks = [text(LEAD), text(PARA), text("Nhiều giải pháp được ứng dụng", "bold"), text(PARA2)]
    assert roles(blocks)[2] == ("paragraph", "Nhiều giải pháp được ứng dụng")


def test_caption_after_an_image_and_figcaption() -> None:
    blocks = [text(LEAD), image(), text("Lãnh đạo tặng hoa tân binh", "after_image"),
              text(PARA), text("Quang cảnh buổi lễ", "figcaption"), text(PARA2)]
    got = roles(blocks)
    assert ("caption", "Lãnh đạo tặng hoa tân binh") in got
    assert ("caption", "Quang cảnh buổi lễ") in got


def test_related_box_in_the_middle_is_dropped_and_the_text_resumes() -> None:
    blocks = [text(LEAD), text("Xem thêm:", "bold"),
              text("Hội nghị giao ban báo chí tháng 10", "link"),
              text("Tăng cường quản lý an toàn thực phẩm dịp cuối năm"),
              text(PARA + " Lễ giao nhận quân diễn ra trang trọng, an toàn và đúng kế hoạch."),
              text("Quang Huy")]
    got = roles(blocks)
    assert [r for r, _ in got] == ["paragraph", "paragraph", "byline"]
    assert "Tăng cường quản lý" not in " ".join(t for _, t in got)
