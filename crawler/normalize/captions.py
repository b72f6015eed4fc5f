"""Photo captions among body blocks.

A caption is judged from the block alone plus its layout hints; the caller
decides position and must not ask about blocks that cannot be captions (the
title, the lead, the first or last body block, which is usually the byline).

Without hints (plain text such as the seed .txt) a caption is the short line
without closing punctuation that sits between paragraphs: `Lãnh đạo Liên hiệp
Hội tặng Cờ thi đua cho tập thể có thành tích xuất sắc năm 2021`.  Photo credits
(`Ảnh: TTXVN`, `(Ảnh: Minh Hà/TTXVN)`) stay part of the caption text; a credit
standing alone in plain text is not a caption.
"""

from __future__ import annotations

import re

from crawler.normalize.byline import is_source_line, looks_like_byline
from crawler.normalize.text import clean_text

_MAX_AFTER_IMAGE_CHARS = 300
_MAX_PLAIN_CHARS = 160
_MAX_PLAIN_WORDS = 30
_SENTENCE_END = (".", "!", "?", ":", ";", "…")
_CREDIT = re.compile(
    r"[(\[]?\s*(?:"
    r"(?:nguồn ảnh|ảnh|ảnh minh h(?:ọa|oạ)|ảnh tư liệu|video|clip)\s*:\s*[^()\[\]]{1,60}"
    r"|ảnh minh h(?:ọa|oạ)|ảnh tư liệu|ảnh internet"
    r")\s*[)\]]?\.?",
    re.IGNORECASE,
)


def is_photo_credit(text: str) -> bool:
    """True for a credit alone: `Ảnh: Thu Hương`, `(Ảnh: Minh Hà/TTXVN)`, `Ảnh minh họa`."""
    return _CREDIT.fullmatch(clean_text(text)) is not None


def _short_unpunctuated(text: str) -> bool:
    return (
        len(text) <= _MAX_PLAIN_CHARS
        and len(text.split()) <= _MAX_PLAIN_WORDS
        and not text.endswith(_SENTENCE_END)
    )


def looks_like_caption(text: str, hints: frozenset[str]) -> bool:
    """True when the block reads as a photo caption, given its `crawler.model.HINTS`.

    - `figcaption`: always a caption.
    - `after_image`: a caption when at most 300 characters and not a byline.
    - `italic` + `centered` (the usual caption styling) counts like `after_image`.
    - `bold` or `right` alone: a crosshead or a byline, never a caption.
    - no hints: short (≤160 chars, ≤30 words), no closing punctuation, not a byline,
      source line or lone photo credit.
    """
    text = clean_text(text)
    if not text:
        return False
    if "figcaption" in hints:
        return True
    if "after_image" in hints or {"italic", "centered"} <= hints:
        return len(text) <= _MAX_AFTER_IMAGE_CHARS and not looks_like_byline(text)
    if hints & {"bold", "right"}:
        return False
    if not _short_unpunctuated(text) or is_photo_credit(text):
        return False
    return not (looks_like_byline(text) or is_source_line(text))
