"""Text cleaning shared by every normaliser: one canonical form for Vietnamese text.

Portals serve NFD and NFC side by side, legacy Windows-1258 text (base letter +
combining tone mark), double-escaped entities (`&amp;nbsp;`), and invisible
characters pasted from Word.  `clean_text` turns all of that into one NFC,
single-spaced string that is safe inside XML feeds; `fold` derives the key used
for tone-insensitive matching.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Non-breaking spaces become ordinary spaces; zero-width characters and the soft
# hyphen are dropped, since readers never see them but they split words in matching.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u2060\u00ad"))

# Characters XML 1.0 forbids (C0 controls except tab/LF/CR, surrogates,
# U+FFFE/U+FFFF), plus DEL and C1 controls, which it discourages and which only
# ever come from mis-decoded Windows-1252 text.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Unescaping can reveal a new entity (`&amp;amp;`), and removing an invisible
# character can join one (`&\u200bamp;`); repeat until stable so that
# clean_text(clean_text(x)) == clean_text(x).  Each productive round shortens
# the text, so a handful of rounds always suffices for real input.
_MAX_ROUNDS = 8

# Anything `_clean_once` would change: entities, invisible, illegal or special-space
# characters, and whitespace that is not a single inner space.
_DIRTY = re.compile(
    "[&\x00-\x1f\x7f-\xa0\u00ad\u2007\u200b-\u200d\u202f\u2060\ufeff"
    "\ud800-\udfff\ufffe\uffff\u1680\u2000-\u200a\u2028\u2029\u205f\u3000\x85]"
    r"|\s\s|^\s|\s$"
)

_ELLIPSIS = "…"
_TRAILING_JOINERS = " \t\n,;:-–—"


def _clean_once(text: str) -> str:
    text = _XML_ILLEGAL.sub("", text.translate(_INVISIBLE))
    text = html.unescape(text)
    text = _XML_ILLEGAL.sub("", text.translate(_INVISIBLE).translate(_SPACES))
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """Return `text` unescaped, NFC, without invisible/illegal characters, single-spaced.

    Entities are unescaped repeatedly: portals often double-escape (`&amp;quot;`),
    and a literal `&amp;` meant for the reader is far rarer in news text.
    """
    if _already_clean(text):
        return text
    for _ in range(_MAX_ROUNDS):
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


def _already_clean(text: str) -> bool:
    # Most text from a parsed page is already clean: one regex scan and an NFC check
    # (both in C) spare the rounds of unescaping and translating.
    return _DIRTY.search(text) is None and unicodedata.is_normalized("NFC", text)


def fold(text: str) -> str:
    """Return a matching key: cleaned, lowercase, no diacritics, `đ` → `d`.

    `Hòa`, `hoà` (old tone placement), NFD `hoà` and `HOA` all fold to `hoa`.
    """
    decomposed = unicodedata.normalize("NFD", clean_text(text).casefold())
    if decomposed.isascii():
        return decomposed
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d")


def cut_on_word(text: str, limit: int) -> str:
    """Shorten `text` to at most `limit` characters at a word boundary, ending with `…`.

    Text within the limit is returned unchanged.  A single word longer than the
    limit is cut mid-word rather than returning only the ellipsis.
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    if len(text) <= limit:
        return text
    head = text[: limit - 1]  # leave room for the ellipsis
    if not text[limit - 1].isspace():  # the cut falls inside a word: drop the partial word
        match = re.search(r"\s\S*$", head)
        if match and match.start() > 0:
            head = head[: match.start()]
    return head.rstrip(_TRAILING_JOINERS) + _ELLIPSIS
