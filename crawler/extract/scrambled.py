"""Scrambled article bodies: text a page decodes in the browser, never prose to publish.

Some newspapers' CMS (the one shared by baophutho.vn and baothanhhoa.vn) ship part
of an article body as an encoded string inside the body container (`#dcontent`)
that a script turns back into text in the browser: the clear lead paragraph is
followed by unbroken base64 lines.  portalfeed runs no JavaScript, so such a page
would publish gibberish.  Two checks, both pure and independent of the scheme:

- the known marker: an unbroken run of 60+ characters without spaces in a body
  paragraph (base64, or the decoded cipher text, which has no spaces either);
- the body is not prose: too little of its text is in word-shaped tokens, or, for
  Vietnamese text, too few tokens are Vietnamese syllables (a substitution cipher
  that keeps the spaces still breaks the syllable structure).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from crawler.errors import Rejected

REASON = "scrambled_body"
MIN_RUN = 60  # base64 lines seen on these pages are hundreds of characters long
MIN_WORD_SHARE = 0.6  # prose in any spaced script keeps > 0.9 of its letters in words
MIN_SYLLABLE_SHARE = 0.5  # Vietnamese prose scores > 0.8 even with abbreviations
MIN_TOKENS = 30  # shorter bodies say too little for a share to be meaningful
_RUN_RE = re.compile(rf"\S{{{MIN_RUN},}}")
_BASE64_RE = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_SEGMENT_RE = re.compile(r"[-/'’.&]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_PUNCT_RE = re.compile(r"[\W_]+")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VIETNAMESE_MARKS = _TONES | {"\u0302", "\u0306", "\u031b"}
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
# Final k: Đắk Lắk and other place names.
_SYLLABLE_RE = re.compile(rf"^{_ONSET}[aăâeêioôơuưy]{{1,3}}(?:ch|ng|nh|[cmnptk])?$")


def scrambled_reason(paragraphs: Iterable[str], language: str | None = None) -> str | None:
    """Why these body paragraphs are not publishable text, or None when they read as
    prose.  `language` is the page's declared language; the syllable check runs only
    for Vietnamese ("vi", "vi-VN") so an English section is judged by shape alone."""
    texts = [p for p in paragraphs if p and p.strip()]
    for text in texts:
        run = _longest_run(text)
        if run:
            kind = "a base64" if _BASE64_RE.match(run) else "an unspaced"
            return f"{kind} run of {len(run)} characters in the body (decoded by script)"
    tokens = [t for text in texts for t in _letter_tokens(text)]
    if len(tokens) < MIN_TOKENS:
        return None
    share = word_share(tokens)
    if share < MIN_WORD_SHARE:
        return f"only {share:.0%} of the body's letters are in words"
    if (language or "").lower().startswith("vi"):
        syllables = syllable_share(tokens)
        if syllables < MIN_SYLLABLE_SHARE:
            return f"only {syllables:.0%} of the body's words are Vietnamese syllables"
    return None


def reject_scrambled(paragraphs: Iterable[str], language: str | None = None) -> None:
    """Raise Rejected("scrambled_body") when the body is not publishable text."""
    reason = scrambled_reason(paragraphs, language)
    if reason:
        raise Rejected(REASON, reason)


def _longest_run(text: str) -> str | None:
    """The longest unbroken run that is not a link, a rule of one character or a file
    name / slug (whose pieces between punctuation are words)."""
    runs = [m.group(0) for m in _RUN_RE.finditer(text)]
    runs = [r for r in runs if "://" not in r and not r.lower().startswith("www.")
            and len(set(r)) >= 10 and word_share(_pieces(r)) < MIN_WORD_SHARE]
    return max(runs, key=len) if runs else None


def _pieces(run: str) -> list[str]:
    return [p for p in _PUNCT_RE.split(run) if _LETTER_RE.search(p)]


def _letter_tokens(text: str) -> list[str]:
    """Space-separated tokens holding a letter, without surrounding punctuation."""
    tokens = (t.strip(".,;:!?…()[]{}\"'“”‘’«»-–—*") for t in text.split())
    return [t for t in tokens if _LETTER_RE.search(t)]


def word_share(tokens: list[str]) -> float:
    """Share of letters that sit in word-shaped tokens (any language)."""
    total = sum(len(t) for t in tokens)
    words = sum(len(t) for t in tokens if _is_word(t))
    return words / total if total else 1.0


def syllable_share(tokens: list[str]) -> float:
    """Share of tokens that are Vietnamese syllables (names and loanwords lower it
    a little; abbreviations like UBND a little more)."""
    return sum(is_syllable(t) for t in tokens) / len(tokens) if tokens else 1.0


@lru_cache(maxsize=65536)  # tokens repeat: a language has a few thousand syllables
def _is_word(token: str) -> bool:
    """Letters only (or digits only) in each hyphen/slash part; a part with Vietnamese
    diacritics must be a Vietnamese syllable; other scripts are not judged."""
    for part in _SEGMENT_RE.split(token):
        if not part or part.isdigit():
            continue
        if len(part) > 25 or not all(c.isalpha() or unicodedata.combining(c) for c in part):
            return False
        if _has_vietnamese_marks(part) and not (is_syllable(part) or _acronym(part)):
            return False
    return True


def _acronym(part: str) -> bool:
    return part.isupper() and len(part) <= 8  # HĐND, ĐBQH, UBND


def _has_vietnamese_marks(part: str) -> bool:
    decomposed = unicodedata.normalize("NFD", part)
    return "đ" in part.lower() or any(c in _VIETNAMESE_MARKS for c in decomposed)


@lru_cache(maxsize=65536)
def is_syllable(token: str) -> bool:
    """A plausible Vietnamese syllable: onset, vowel nucleus, final; one tone at most."""
    decomposed = unicodedata.normalize("NFD", token.lower())
    if sum(c in _TONES for c in decomposed) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return bool(_SYLLABLE_RE.match(toneless))
