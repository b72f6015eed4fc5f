"""Legacy Vietnamese encodings (TCVN3/ABC and VNI) -> Unicode.

Old government pages and documents pasted from Word files in `.VnTime` or
`VNI-Times` fonts reach us as Latin-1 characters (`Héi nghÞ tæng kÕt`,
`Hoäi nghò toång keát`).  `detect_legacy` names the encoding of a text when the
evidence is strong; `to_unicode` converts.  Text that already holds Vietnamese
Unicode letters is never converted: a page mixes both, and converting Unicode
text with a legacy table would garble it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from crawler.normalize.legacy_tables import (
    TCVN3_LEGACY,
    TCVN3_UNICODE,
    VNI_BREVE,
    VNI_CIRCUMFLEX,
    VNI_SINGLE,
    VNI_TONES,
    VNI_VOWELS,
)

Legacy = Literal["tcvn3", "vni"]

_TCVN3 = str.maketrans(TCVN3_LEGACY, TCVN3_UNICODE)
_TCVN3_CHARS = frozenset(TCVN3_LEGACY)
# Letters only Vietnamese Unicode text has: ă â đ ê ô ơ ư and the toned vowels of U+1EA0...
_VIETNAMESE = re.compile("[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")
# Characters TCVN3 uses that Vietnamese Unicode text never contains.
_TCVN3_ONLY = re.compile("[µ¸¶·¹¨»¾¼½Æ®ÐÑ×ÞßþªË¡¢§£¤¥¦«¬\u00ad]")
_VNI_MARKS = "".join({*VNI_TONES, *VNI_CIRCUMFLEX, *VNI_BREVE})
_VNI_MARKS += _VNI_MARKS.upper()
_VNI_PAIR = re.compile(f"[{VNI_VOWELS}ôöÔÖ][{_VNI_MARKS}]")
_VNI_SYLLABLE = re.compile(f"(?<=[{VNI_VOWELS}])[{_VNI_MARKS}]|[ñÑ](?=[a-zA-Z])")
# One or two hits happen by chance: `HOÀNG` reads as VNI `HỒNG`, `Café` as TCVN3.
_MIN_HITS = 3
_MIN_SHARE = 0.04  # legacy characters per letter; Latin-1 words in Unicode text stay far below


def detect_legacy(text: str) -> Legacy | None:
    """'tcvn3' or 'vni' when `text` is clearly written in that encoding, else None."""
    if _VIETNAMESE.search(text):
        return None
    letters = sum(ch.isalpha() for ch in text) or 1
    tcvn3 = len(_TCVN3_ONLY.findall(text))
    vni = len(_VNI_SYLLABLE.findall(text))
    best, hits = ("tcvn3", tcvn3) if tcvn3 >= vni else ("vni", vni)
    if hits < _MIN_HITS or hits / letters < _MIN_SHARE:
        return None
    return best  # type: ignore[return-value]


def has_vietnamese(text: str) -> bool:
    """True when `text` holds letters only Unicode Vietnamese has (ư, ơ, đ, ạ, ế…)."""
    return _VIETNAMESE.search(text) is not None


def has_legacy_letters(text: str, encoding: Legacy) -> bool:
    """True when `text` holds that encoding's letters and no Unicode Vietnamese ones:
    on a page known to be legacy, such a string is converted even when short."""
    if _VIETNAMESE.search(text):
        return False
    if encoding == "tcvn3":
        return any(ch in _TCVN3_CHARS for ch in text)
    return bool(_VNI_PAIR.search(text) or _VNI_SYLLABLE.search(text))


def to_unicode(text: str, encoding: Legacy) -> str:
    """`text` converted from a legacy encoding, NFC."""
    converted = text.translate(_TCVN3) if encoding == "tcvn3" else _from_vni(text)
    return unicodedata.normalize("NFC", converted)


def repair_legacy(text: str) -> str:
    """`text` converted when it is clearly TCVN3 or VNI; unchanged otherwise."""
    if text.isascii():
        return text
    encoding = detect_legacy(text)
    return to_unicode(text, encoding) if encoding else text


def _from_vni(text: str) -> str:
    out: list[str] = []
    for ch in text:
        prev = out[-1] if out else ""
        marks = _vni_marks(prev, ch)
        if marks:
            out[-1] = unicodedata.normalize("NFC", prev + marks)
        else:
            out.append(VNI_SINGLE.get(ch, ch))
    return "".join(out)


def _vni_marks(prev: str, ch: str) -> str | None:
    """The combining marks `ch` adds to the letter `prev`, or None when it adds none."""
    base = unicodedata.normalize("NFD", prev)[:1].lower()
    if not base or base not in "aeiouy":
        return None
    mark = ch.lower()
    has_shape = len(unicodedata.normalize("NFD", prev)) > 1
    if mark in VNI_TONES and not _has_tone(prev):
        return VNI_TONES[mark]
    if has_shape:
        return None
    if base in "aeo" and mark in VNI_CIRCUMFLEX:
        return VNI_CIRCUMFLEX[mark]
    if base == "a" and mark in VNI_BREVE:
        return VNI_BREVE[mark]
    return None


def _has_tone(letter: str) -> bool:
    return any(m in unicodedata.normalize("NFD", letter) for m in "\u0300\u0301\u0303\u0309\u0323")
