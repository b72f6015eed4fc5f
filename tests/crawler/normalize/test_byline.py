"""Author lines and source lines at the end of an article."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.normalize.byline import clean_byline, is_source_line, looks_like_byline

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_f1f44bc26ae30840.txt"


@pytest.mark.parametrize(
    "text",
    [
        "Thu Hương",
        "Minh Hà",
        "Nguyễn Văn An",
        "Nguyễn Thị Thu Hương",
        "HOÀNG NAM",
        "T.L",
        "N.H",
        "PV",
        "PV.",
        "CTV",
        "Minh Hà – Quốc Việt",
        "Minh Hà - Quốc Việt",
        "Minh Hà, Quốc Việt",
        "Minh Hà và Quốc Việt",
        "Minh Hà – T.L.",
        "Thực hiện: Thu Hương",
        "Thực hiện: Hương",
        "Bài và ảnh: Minh Hà",
        "Bài, ảnh: Minh Hà – Quốc Việt",
        "Tin, ảnh: Thu Hương",
        "Tin và ảnh: Thu Hương",
        "Nhóm PV",
        "Thu Hương (TTXVN)",
        " Thu\u00a0Hương ",
    ],
)
def test_bylines(text: str) -> None:
    assert looks_like_byline(text)


@pytest.mark.parametrize(
    "text",
    [
        "Các hội thành viên của Liên hiệp Hội ký giao ước thi đua năm 2022",
        "Lãnh đạo Liên hiệp Hội tặng Cờ thi đua",
        "Thu Hương.",  # a full stop ends a sentence
        "Hương",  # one plain word could as well be a heading
        "Kết luận",
        "TIN LIÊN QUAN",
        "Tin liên quan",
        "19/01/2022",
        "Thứ Tư, 19/01/2022 08:30",
        "Theo TTXVN",
        "Ảnh: Thu Hương",
        "Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường, Phạm Thị Dung, Hoàng Văn Em",  # > 60 chars
        "Nguyễn Văn An Bình Minh Hà",  # a six-word "name"
        "Dự hội nghị có đại diện lãnh đạo Ủy ban MTTQ tỉnh.",
        "",
    ],
)
def test_not_bylines(text: str) -> None:
    assert not looks_like_byline(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thu Hương", "Thu Hương"),
        ("Thực hiện: Thu Hương", "Thu Hương"),
        ("THỰC HIỆN: Thu Hương", "Thu Hương"),
        ("Bài và ảnh: Minh Hà", "Minh Hà"),
        ("Bài, ảnh: Minh Hà", "Minh Hà"),
        ("Tin, ảnh: Minh Hà.", "Minh Hà"),
        ("Minh Hà - Quốc Việt", "Minh Hà – Quốc Việt"),
        ("Minh Hà—Quốc Việt", "Minh Hà – Quốc Việt"),
        ("Minh Hà   –   Quốc Việt", "Minh Hà – Quốc Việt"),
        ("PV.", "PV"),
        ("T.L.", "T.L"),
        ("- Thu Hương -", "Thu Hương"),
    ],
)
def test_clean_byline(text: str, expected: str) -> None:
    assert clean_byline(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Theo TTXVN", True),
        ("Theo Báo Nhân dân", True),
        ("Theo baophutho.vn", True),
        ("(Theo VOV.VN)", True),
        ("Nguồn: Báo Phú Thọ", True),
        ("Nguồn: Cổng TTĐT tỉnh", True),
        ("Theo kế hoạch, năm 2022 tỉnh sẽ hoàn thành", False),
        ("Theo kế hoạch", False),
        ("Theo Quyết định số 15 của UBND tỉnh", False),
        ("Theo Sở Y tế, trong năm 2021 toàn tỉnh đã tiêm hơn 1 triệu liều vắc xin.", False),
        ("Nguồn: " + "rất dài " * 20, False),
        ("Thu Hương", False),
    ],
)
def test_is_source_line(text: str, expected: bool) -> None:
    assert is_source_line(text) is expected


def test_seed_byline_is_the_last_block_and_no_paragraph_is() -> None:
    blocks = SEED.read_text(encoding="utf-8").split("\n\n")
    assert blocks[-1].strip() == "Thu Hương"
    assert looks_like_byline(blocks[-1])
    assert [b for b in blocks[:-1] if looks_like_byline(b)] == []
