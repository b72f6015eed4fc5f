"""Author lines (`Thu Hương`, `Bài và ảnh: Minh Hà – Quốc Việt`) and source lines (`Theo TTXVN`).

Vietnamese portals end an article with the author's name on a line of its own,
often in bold or right-aligned.  Names are short runs of capitalised syllables
(`Nguyễn Văn An`), ALL CAPS (`HOÀNG NAM`) or initials (`T.L`, `PV`); ordinary
sentences and captions are written in sentence case, which is what tells them apart.
The caller decides position (bylines are looked for at the end of the body).
"""

from __future__ import annotations

import re

from crawler.normalize.text import clean_text

_MAX_CHARS = 60
_MAX_NAME_WORDS = 5
_MAX_SOURCE_CHARS = 100

_PREFIX = re.compile(
    r"^(?:thực hiện|nhóm thực hiện|tác giả|ghi chép|bài và ảnh|bài, ảnh|bài & ảnh|bài/ảnh"
    r"|tin và ảnh|tin, ảnh|tin & ảnh|tin/ảnh|bài|tin)\s*[:\-–—]\s*",
    re.IGNORECASE,
)
# A team credit is a byline without personal names.
_TEAM = re.compile(r"nhóm (?:pv|ptv|ctv|phóng viên)\.?", re.IGNORECASE)
_AUTHOR_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*[,&]\s*|\s+và\s+")
_INITIALS = re.compile(r"[A-ZĐ](?:\.?[A-ZĐ]){0,5}\.?")
_AGENCY_SUFFIX = re.compile(r"\s*\([^()]{1,30}\)$")  # `Minh Hà (TTXVN)`
# Lowercase words that occur in headings and captions but never in a person's name.
_NOT_NAME_WORDS = frozenset(
    {
        "các", "những", "của", "với", "cho", "tại", "trong", "tin", "bài", "xem", "thêm",
        "kết", "năm", "ngày", "tháng", "hội", "tỉnh", "huyện", "xã", "ban", "sở", "ủy", "uỷ",
        "đảng", "nhà", "nước", "về", "là", "có", "được", "đã", "sẽ", "này", "đó", "một",
        "liên", "quan",
    }
)
_SOURCE = re.compile(r"^\(?\s*(?:(?P<nguon>nguồn)\s*:|(?P<theo>theo))\s*(?P<rest>.+?)\s*\)?$", re.I)
# Words that make `Theo …` a sentence (`Theo Quyết định số 15 của UBND tỉnh`), not a credit.
_SENTENCE_WORDS = frozenset({"của", "số", "về", "khi", "thì", "này", "năm", "ngày", "để"})
_DOMAIN = re.compile(r"\w+(?:\.\w+)*\.(?:vn|com|net|org|gov|info|tv)\b", re.IGNORECASE)


def _is_name_word(word: str) -> bool:
    if not word.isalpha() or word.lower() in _NOT_NAME_WORDS:
        return False
    return word.isupper() or (word[0].isupper() and word[1:].islower())


def _is_author(name: str) -> bool:
    name = _AGENCY_SUFFIX.sub("", name).strip()
    if _INITIALS.fullmatch(name):
        return True
    words = name.split()
    return 1 <= len(words) <= _MAX_NAME_WORDS and all(_is_name_word(w) for w in words)


def _authors(text: str) -> tuple[bool, list[str]]:
    """(had a `Thực hiện:`-style prefix, the author names)."""
    body = _PREFIX.sub("", text)
    return body != text, [a for a in _AUTHOR_SEPARATOR.split(body) if a]


def looks_like_byline(text: str) -> bool:
    """True for a line that only names the author(s): `Thu Hương`, `PV.`, `Tin, ảnh: Minh Hà`."""
    text = clean_text(text)
    if not text or len(text) > _MAX_CHARS or is_source_line(text):
        return False  # `Theo TTXVN` credits a source, not an author
    if _TEAM.fullmatch(text):
        return True
    prefixed, names = _authors(text)
    if not names or not all(_is_author(n) for n in names):
        return False
    if text.endswith(".") and not _INITIALS.fullmatch(names[-1]):
        return False  # a full stop ends a sentence, except after initials (`PV.`)
    # One capitalised word is a name only when introduced (`Thực hiện: Hương`) or
    # written as initials; alone it is as likely a heading.
    if len(names) == 1 and len(names[0].split()) == 1 and not prefixed:
        return _INITIALS.fullmatch(names[0]) is not None
    return True  # names hold letters only, so a date cannot pass


def clean_byline(text: str) -> str:
    """The author name(s) alone: prefix and trailing punctuation gone, ` – ` between authors."""
    body = _PREFIX.sub("", clean_text(text))
    body = re.sub(r"\s+[-–—]\s+|\s*[–—]\s*", " – ", body)
    return body.strip(" .,;:-–—")


def is_source_line(text: str) -> bool:
    """True for a short attribution line: `Theo TTXVN`, `Nguồn: Báo Phú Thọ`, `(Theo VOV.VN)`."""
    text = clean_text(text)
    match = _SOURCE.match(text)
    if not match or len(text) > _MAX_SOURCE_CHARS:
        return False
    rest = match["rest"].rstrip(".")
    if match["nguon"]:
        return bool(rest)
    # `Theo kế hoạch, …` opens a sentence; a source after `Theo` is a name or a domain.
    words = rest.split()
    if not words or len(words) > 8 or re.search(r"[,;:!?]", rest) or _SENTENCE_WORDS & set(words):
        return False
    return rest[0].isupper() or _DOMAIN.search(rest) is not None
