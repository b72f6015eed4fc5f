"""Bytes of a page -> text, when the declared charset may be wrong.

Portals declare a charset in the HTTP header and in `<meta>`, and both lie: a
UTF-8 page labelled windows-1252 or windows-1258, a windows-1258 page labelled
UTF-8, a UTF-8 template with an old article pasted in as windows-1258 bytes.
We honour the declaration when the bytes agree with it, prefer UTF-8 whenever
the bytes are valid UTF-8 with non-ASCII letters (no other encoding produces
that by accident), and decode stray invalid bytes inside UTF-8 as windows-1258.
`fix_mojibake` repairs text that was UTF-8 decoded as windows-1252 on the way
to us (`LiÃªn hiá»‡p` -> `Liên hiệp`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, resolve_encoding

_FALLBACK = "cp1258"  # the Vietnamese Windows code page: the usual non-UTF-8 legacy


def _stray_bytes_as_cp1258(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return chunk.decode(_FALLBACK, "replace"), error.end


codecs.register_error("portalfeed-cp1258", _stray_bytes_as_cp1258)

# Bytes of UTF-8 Vietnamese letters seen through windows-1252: `Ã` `Ä` `Æ` `Ê¼`, `áº`/`á»`.
_MOJIBAKE = re.compile("[ÃÄÆÅ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                       "\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|á[º»]")
_MARKERS = ("Ã", "Ä", "Æ", "Å", "á»", "áº")
_MAX_BYTES_SNIFFED = 4096
# Characters windows-1252 (plus the C1 controls Latin-1 decoders leave) can encode.
_CP1252_RUN = re.compile("[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                         "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
                         "\u2039\u203a\u20ac\u2122]+")


def declared_encoding(data: bytes, content_type: str | None) -> str | None:
    """The charset the page declares: HTTP first, then `<meta>`; None when neither does."""
    found = http_content_type_encoding(content_type) if content_type else None
    found = found or html_body_declared_encoding(data[:_MAX_BYTES_SNIFFED])
    return resolve_encoding(found) if found else None


def decode_page(data: bytes, content_type: str | None = None) -> str:
    """Text of a page; never raises for any bytes."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "portalfeed-cp1258")
    declared = declared_encoding(data, content_type)
    if _is_utf8(data) or declared in (None, "utf-8"):
        return data.decode("utf-8", "portalfeed-cp1258")
    try:
        return data.decode(declared, "replace")
    except LookupError:  # a charset name Python does not know
        return data.decode(_FALLBACK, "replace")


def _is_utf8(data: bytes) -> bool:
    """Valid UTF-8 holding at least one multi-byte character."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as windows-1252 (or Latin-1); idempotent.

    Each run of characters windows-1252 can encode is re-encoded and decoded as
    UTF-8; a run that does not decode (real Latin-1 text: `Café`) stays as it is."""
    # Plain substring tests first: on a 100 KB page they cost far less than the regex.
    if not any(marker in text for marker in _MARKERS) or not _MOJIBAKE.search(text):
        return text
    return _CP1252_RUN.sub(_fix_run, text)


def _fix_run(match: re.Match[str]) -> str:
    run = match.group(0)
    try:
        fixed = run.encode("cp1252", "portalfeed-latin1").decode("utf-8")
    except UnicodeError:
        return run
    return unicodedata.normalize("NFC", fixed)


def _c1_as_bytes(error: UnicodeError) -> tuple[bytes, int]:
    # Decoders map the five bytes windows-1252 leaves undefined to U+0081, U+008D...
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    if not all(ord(ch) < 0x100 for ch in chunk):
        raise error
    return chunk.encode("latin-1"), error.end


codecs.register_error("portalfeed-latin1", _c1_as_bytes)
