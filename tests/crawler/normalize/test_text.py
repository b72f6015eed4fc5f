"""clean_text, fold and cut_on_word on text as portals serve it."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.normalize.text import clean_text, cut_on_word, fold

NFD = unicodedata.normalize("NFD", "Liên hiệp các Hội Khoa học và Kỹ thuật")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Khoa học &amp; Kỹ thuật", "Khoa học & Kỹ thuật"),
        ("Phú&nbsp;Thọ", "Phú Thọ"),
        ("Ph&#250; Th&#x1ECD;", "Phú Thọ"),
        ("&amp;quot;Sáng tạo&amp;quot;", '"Sáng tạo"'),  # double-escaped by the portal's CMS
        (NFD, "Liên hiệp các Hội Khoa học và Kỹ thuật"),
        # Windows-1258 style: base letter, then the combining tone mark.
        ("Vie\u0302\u0323t Nam ho\u0300a bi\u0300nh", "Việt Nam hòa bình"),
        ("Phú\u00a0Thọ\u202f–\u2007tỉnh", "Phú Thọ – tỉnh"),
        ("Liên\u200b hiệp\u200c\u200d Hội\ufeff\u2060", "Liên hiệp Hội"),
        ("khoa\u00adhọc", "khoahọc"),
        ("Hội\x00 nghị\x08\x0b\x1f tổng\x7f kết\x85", "Hội nghị tổng kết"),
        ("  Dự hội nghị\n\n\tcó   đại diện \r\n", "Dự hội nghị có đại diện"),
        ("", ""),
        (" \u00a0\u200b ", ""),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hòa", "hoa"),
        ("hoà", "hoa"),
        (unicodedata.normalize("NFD", "hoà"), "hoa"),
        ("HOA", "hoa"),
        ("Đảng bộ tỉnh Phú Thọ", "dang bo tinh phu tho"),
        ("KHOA HỌC – CÔNG NGHỆ", "khoa hoc – cong nghe"),
        ("Chuyển&nbsp;đổi số", "chuyen doi so"),
        ("Thứ Tư, 19/01/2022", "thu tu, 19/01/2022"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Liên hiệp Hội triển khai nhiệm vụ", 100, "Liên hiệp Hội triển khai nhiệm vụ"),
        ("Liên hiệp Hội triển khai nhiệm vụ", 33, "Liên hiệp Hội triển khai nhiệm vụ"),
        ("Liên hiệp Hội triển khai nhiệm vụ", 20, "Liên hiệp Hội triển…"),
        ("Liên hiệp Hội triển khai nhiệm vụ", 16, "Liên hiệp Hội…"),
        ("Liên hiệp Hội, triển khai", 15, "Liên hiệp Hội…"),  # no dangling comma
        ("Supercalifragilistic", 8, "Superca…"),  # one long word is cut, not lost
        ("Hội nghị", 1, "…"),
    ],
)
def test_cut_on_word(text: str, limit: int, expected: str) -> None:
    result = cut_on_word(text, limit)
    assert result == expected
    assert len(result) <= limit


def test_cut_on_word_rejects_a_limit_below_one() -> None:
    with pytest.raises(ValueError, match="limit"):
        cut_on_word("Hội nghị", 0)


@settings(database=None, max_examples=300)
@given(st.text())
def test_clean_text_is_idempotent_and_nfc(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned


@settings(database=None, max_examples=200)
@given(st.text(alphabet=st.sampled_from("&amp;#x0123456789nbsp;\u200b\u00a0 aơ\u0301\x01")))
def test_clean_text_is_idempotent_on_entity_soup(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
