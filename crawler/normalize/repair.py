"""Undo what went wrong with a page's characters before any other normalisation.

Two kinds of damage: UTF-8 read as windows-1252 somewhere upstream (mojibake,
repaired per word), and legacy TCVN3/VNI text (decided once per page, since one
line alone is weak evidence, then converted per string that holds no Unicode
Vietnamese letters).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from crawler.model import Block, DateText, RawArticle
from crawler.normalize.encoding import fix_mojibake
from crawler.normalize.legacy import (
    Legacy,
    detect_legacy,
    has_legacy_letters,
    has_vietnamese,
    to_unicode,
)


def page_legacy(texts: Iterable[str]) -> Legacy | None:
    """The legacy encoding of the page's text, if clearly one.  Strings already in
    Unicode Vietnamese (the CMS template around a pasted legacy article) are left out."""
    sample = "\n".join(t for t in texts if t and not t.isascii() and not has_vietnamese(t))
    return detect_legacy(sample) if sample else None


def repair(text: str | None, legacy: Legacy | None) -> str | None:
    """`text` with mojibake repaired and, on a legacy page, converted to Unicode."""
    if not text or text.isascii():
        return text
    text = fix_mojibake(text)
    if legacy and has_legacy_letters(text, legacy):
        text = to_unicode(text, legacy)
    return text


def repaired(raw: RawArticle) -> RawArticle:
    """A copy of `raw` with every string repaired."""
    legacy = page_legacy([raw.title or "", *(b.text for b in raw.blocks)])
    fix = lambda text: repair(text, legacy)  # noqa: E731 - a short local alias reads best here
    blocks = [Block(b.kind, fix(b.text) or "", b.image_url, b.hints,
                    fix(b.html) or "" if not legacy else "") for b in raw.blocks]
    return replace(
        raw, title=fix(raw.title), blocks=blocks, lead=fix(raw.lead), author=fix(raw.author),
        meta_authors=[fix(a) or "" for a in raw.meta_authors], category=fix(raw.category),
        description=fix(raw.description),
        dates=[DateText(d.role, fix(d.text) or "", d.source) for d in raw.dates],
    )
