"""TCVN3 (ABC) and VNI text, as old portal pages and Word documents carry it."""

from __future__ import annotations

import pytest

from crawler.normalize.legacy import detect_legacy, repair_legacy, to_unicode

CASES = [
    # (legacy text as a Latin-1 page shows it, encoding, Unicode)
    ("Héi nghÞ tæng kÕt c«ng t¸c n¨m 2021 cña Liªn hiÖp c¸c Héi Khoa häc vµ Kü thuËt",
     "tcvn3", "Hội nghị tổng kết công tác năm 2021 của Liên hiệp các Hội Khoa học và Kỹ thuật"),
    ("Khu di tÝch lÞch sö §Òn Hïng ®· ®ãn h¬n 100 ngh×n l\u00adît du kh¸ch",
     "tcvn3", "Khu di tích lịch sử Đền Hùng đã đón hơn 100 nghìn lượt du khách"),
    ("Ng\u00adêi bÖnh lµm thñ tôc b»ng c¨n c\u00adíc c«ng d©n", "tcvn3",
     "Người bệnh làm thủ tục bằng căn cước công dân"),
    ("Hoäi nghò toång keát coâng taùc naêm 2021 cuûa Lieân hieäp caùc Hoäi", "vni",
     "Hội nghị tổng kết công tác năm 2021 của Liên hiệp các Hội"),
    ("UÛy ban nhaân daân tænh vöøa quyeát ñònh coâng nhaän theâm 35 saûn phaåm OCOP", "vni",
     "Ủy ban nhân dân tỉnh vừa quyết định công nhận thêm 35 sản phẩm OCOP"),
    ("TRÖÔØNG ÑAÏI HOÏC HUØNG VÖÔNG tuyeån sinh naêm hoïc môùi", "vni",
     "TRƯỜNG ĐẠI HỌC HÙNG VƯƠNG tuyển sinh năm học mới"),
]


@pytest.mark.parametrize(("legacy", "encoding", "unicode"), CASES)
def test_detect_and_convert(legacy: str, encoding: str, unicode: str) -> None:
    assert detect_legacy(legacy) == encoding
    assert to_unicode(legacy, encoding) == unicode  # type: ignore[arg-type]
    assert repair_legacy(legacy) == unicode


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị tổng kết công tác năm 2021",  # already Unicode
        "HOÀNG NAM",  # capitals with Latin-1 letters: one VNI-like pair by chance
        "Café de Paris, crème brûlée",  # French
        "Phú Thọ",
        "Nguyễn Văn Bình",
        "",
        "plain ASCII text",
    ],
)
def test_unicode_and_latin_text_is_left_alone(text: str) -> None:
    assert detect_legacy(text) is None
    assert repair_legacy(text) == text
