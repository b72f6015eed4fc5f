"""Photo captions among body blocks, with and without layout hints."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.model import HINTS
from crawler.normalize.captions import is_photo_credit, looks_like_caption

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_f1f44bc26ae30840.txt"
NONE: frozenset[str] = frozenset()
PARAGRAPH = (
    "Dự hội nghị có đại diện lãnh đạo Ủy ban MTTQ tỉnh, Ban Tuyên giáo Tỉnh ủy, Đảng ủy Khối "
    "các cơ quan tỉnh, Đảng ủy Khối Doanh nghiệp tỉnh, Sở Nội vụ."
)
SEED_CAPTIONS = [
    "Các hội thành viên của Liên hiệp Hội ký giao ước thi đua năm 2022",
    "Lãnh đạo Liên hiệp Hội tặng Cờ thi đua cho tập thể có thành tích xuất sắc năm 2021",
    "Lãnh đạo Liên hiệp Hội tặng Giấy khen cho các tập thể có thành tích xuất sắc trong năm 2021",
]


def hints(*names: str) -> frozenset[str]:
    assert set(names) <= HINTS  # keep the tests honest about the model's vocabulary
    return frozenset(names)


@pytest.mark.parametrize(
    ("text", "block_hints", "expected"),
    [
        # <figcaption>: always, whatever it says.
        (PARAGRAPH, hints("figcaption"), True),
        ("Thu Hương", hints("figcaption"), True),
        # Right after an image: short-ish and not a byline.
        ("Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị.", hints("after_image"), True),
        ("Toàn cảnh hội nghị. (Ảnh: Minh Hà/TTXVN)", hints("after_image"), True),
        ("Ảnh: Thu Hương", hints("after_image"), True),
        (PARAGRAPH, hints("after_image"), True),
        ("Hội nghị " * 40, hints("after_image"), False),  # 360 chars: a paragraph
        ("Thu Hương", hints("after_image", "right"), False),
        # Italic and centred is how portals style captions without <figcaption>.
        ("Đồng chí Bí thư Tỉnh ủy phát biểu.", hints("italic", "centered"), True),
        # Bold short lines not after an image are crossheads; right-aligned are bylines.
        ("Nâng cao chất lượng hoạt động tư vấn", hints("bold"), False),
        ("Nâng cao chất lượng hoạt động tư vấn", hints("bold", "centered"), False),
        ("Minh Hà", hints("right"), False),
        # Plain text: the short line without closing punctuation between paragraphs.
        (SEED_CAPTIONS[0], NONE, True),
        ("Toàn cảnh hội nghị (Ảnh: Minh Hà/TTXVN)", NONE, True),
        ("Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị. Ảnh: Thu Hương", NONE, True),
        ("Đồng chí Bí thư Tỉnh ủy phát biểu tại hội nghị.", NONE, False),
        ("Các nhiệm vụ trọng tâm năm 2022:", NONE, False),
        ("Liệu có hoàn thành kế hoạch?", NONE, False),
        ("Hội nghị tiếp tục…", NONE, False),
        (PARAGRAPH, NONE, False),
        ("Hội nghị " * 20, NONE, False),  # 180 chars without a full stop
        ("một " * 31, NONE, False),  # 31 words
        ("Thu Hương", NONE, False),
        ("Ảnh: Thu Hương", NONE, False),
        ("(Ảnh: Minh Hà/TTXVN)", NONE, False),
        ("Ảnh minh họa", NONE, False),
        ("Theo TTXVN", NONE, False),
        ("", hints("figcaption"), False),
        ("", NONE, False),
    ],
)
def test_looks_like_caption(text: str, block_hints: frozenset[str], expected: bool) -> None:
    assert looks_like_caption(text, block_hints) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ảnh: Thu Hương", True),
        ("ẢNH: TTXVN", True),
        ("(Ảnh: Minh Hà/TTXVN)", True),
        ("[Ảnh: Minh Hà]", True),
        ("Ảnh minh họa", True),
        ("Ảnh minh hoạ", True),
        ("Ảnh tư liệu", True),
        ("Nguồn ảnh: Internet", True),
        ("Ảnh hưởng của bão số 3", False),
        ("Toàn cảnh hội nghị (Ảnh: Minh Hà/TTXVN)", False),
    ],
)
def test_is_photo_credit(text: str, expected: bool) -> None:
    assert is_photo_credit(text) is expected


def test_seed_captions_are_exactly_the_three_short_lines() -> None:
    blocks = SEED.read_text(encoding="utf-8").split("\n\n")
    body = blocks[2:]  # title and lead are never candidates
    assert len(body) == 12
    found = [b for b in body if looks_like_caption(b, NONE)]
    assert found == SEED_CAPTIONS
