"""The source label that opens many leads: `PhuthoPortal - Ngày 19/1/2022, …`.

Portals prefix the lead with their own name or agency (`PTĐT –`, `(HBĐT) -`,
`VOV.VN -`, `(Chinhphu.vn) -`).  The label belongs in `Article.source_label`,
not in the lead.  A lead may also open with an ordinary phrase and a dash
(`Năm 2022 - năm bản lề…`, `Hà Nội - Thủ đô…`), so a label is split off only
when it looks like a source name, never merely because a dash follows it.
"""

from __future__ import annotations

import itertools
import re

_DASH = r"\-–—"  # escaped: it goes inside character classes
_MAX_LABEL_CHARS = 30
_MAX_LABEL_WORDS = 4

# A parenthesised label may be followed by a dash or directly by the text; a bare
# label needs whitespace on at least one side of its dash, so that a hyphenated
# word opening the lead (`COVID-19 …`) is not split.
_PARENTHESISED = re.compile(rf"\s*\((?P<label>[^()]{{1,40}})\)\s*[{_DASH}]*\s*(?P<rest>\S.*)", re.S)
_BARE = re.compile(
    rf"\s*(?P<label>[^\s()][^(){_DASH}]{{0,39}}?)(?:\s+[{_DASH}]+\s*|[{_DASH}]+\s+)(?P<rest>\S.*)",
    re.S,
)

_SENTENCE_PUNCT = re.compile(r"[,;:!?…\"“”/]")
_TLDS = frozenset({"vn", "com", "net", "org", "gov", "edu", "info", "biz", "tv", "asia", "int"})
# Agency abbreviations are plain capitals (Đ included: PTĐT, HBĐT), maybe with
# digits (VTV1).  Toned capitals (HÀ NỘI, HUẾ) are place names, not sources.
_ABBREVIATION = re.compile(r"[A-ZĐ][A-ZĐ0-9]{1,9}")


def _is_domain(word: str) -> bool:
    parts = word.lower().split(".")
    return len(parts) >= 2 and all(p.isalnum() for p in parts) and parts[-1] in _TLDS


def _is_camel(word: str) -> bool:
    # PhuthoPortal, VnExpress: a capital right after a lowercase letter.
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(word))


def _is_source_word(word: str) -> bool:
    return bool(_is_domain(word) or _ABBREVIATION.fullmatch(word) or _is_camel(word))


def _looks_like_source(label: str, parenthesised: bool) -> bool:
    words = label.split()
    if not words or len(label) > _MAX_LABEL_CHARS or len(words) > _MAX_LABEL_WORDS:
        return False
    if _SENTENCE_PUNCT.search(label) or any(w.isdigit() for w in words):
        return False
    # A name has no lowercase words: `UBND tỉnh - cơ quan…` opens a sentence.
    if not all(w[0].isupper() or _is_source_word(w) for w in words):
        return False
    # Brackets mark a source even when its words are ordinary: `(Báo Phú Thọ) - …`.
    return parenthesised or any(_is_source_word(w) for w in words)


def split_dateline(lead: str) -> tuple[str | None, str]:
    """Split a source label off the start of `lead`: `(label, rest)` or `(None, lead)`.

    `PhuthoPortal - Ngày 19/1/2022, …` → (`PhuthoPortal`, `Ngày 19/1/2022, …`);
    brackets around the label are dropped (`(HBĐT) – …` → `HBĐT`).
    """
    for pattern, parenthesised in ((_PARENTHESISED, True), (_BARE, False)):
        match = pattern.match(lead)
        if match:
            label = match["label"].strip()
            if _looks_like_source(label, parenthesised):
                return label, match["rest"].strip()
    return None, lead
