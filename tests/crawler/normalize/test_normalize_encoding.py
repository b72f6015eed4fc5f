"""Declared charsets honoured but not trusted blindly; mojibake repaired."""

from __future__ import annotations

import unicodedata

import pytest

from crawler.normalize.encoding import decode_page, fix_mojibake

TEXT = "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Phú Thọ: Đảng ủy, ưu tiên – “đổi mới”"
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 bytes as Vietnamese Windows software writes them: base letter with
    its shape (â, ơ…) precomposed, tone as a combining mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258")
    return bytes(out)


def page(charset: str) -> str:
    return f'<html><head><meta charset="{charset}"></head><body><p>{TEXT}</p></body></html>'


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("label", ["windows-1252", "windows-1258", "iso-8859-1", "utf-8"])
def test_utf8_bytes_whatever_the_label(label: str) -> None:
    assert TEXT in decode_page(page(label).encode("utf-8"))


@pytest.mark.parametrize("label", ["windows-1258", "utf-8"])
def test_windows_1258_bytes_labelled_right_or_as_utf8(label: str) -> None:
    assert TEXT in nfc(decode_page(cp1258(page(label))))


def test_http_header_wins_over_meta_when_the_bytes_agree() -> None:
    data = cp1258(page("utf-8"))
    assert TEXT in nfc(decode_page(data, "text/html; charset=windows-1258"))


def test_stray_legacy_bytes_inside_utf8() -> None:
    data = page("utf-8").encode("utf-8") + cp1258(" Tiếng Việt")
    assert nfc(decode_page(data)).endswith("</html> Tiếng Việt")


def test_unknown_charset_and_binary_never_raise() -> None:
    assert decode_page(b"<meta charset=x-klingon>\xff\xfe\xfa", None)
    assert isinstance(decode_page(bytes(range(256)), "text/html; charset=bogus"), str)


def _mojibake(text: str) -> str:
    # UTF-8 bytes read as windows-1252; its five undefined bytes come through as C1 controls.
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                   for b in text.encode("utf-8"))


@pytest.mark.parametrize(
    "text", [TEXT, "Chiều 16/1, Sở Nội vụ", "Đoàn Hùng", "Hội nghị lần thứ 12"]
)
def test_mojibake_is_repaired(text: str) -> None:
    assert fix_mojibake(_mojibake(text)) == text


def test_issue_example() -> None:
    assert fix_mojibake("LiÃªn hiá»‡p") == "Liên hiệp"


@pytest.mark.parametrize("text", [TEXT, "Café crème", "Â Ä Æ", "Giá 100 € – 5 ™", ""])
def test_good_text_is_left_alone(text: str) -> None:
    assert fix_mojibake(text) == text
    assert fix_mojibake(fix_mojibake(_mojibake(text))) == text
