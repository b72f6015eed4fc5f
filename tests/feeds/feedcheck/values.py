"""Checks of single values: characters, URIs, ids, dates. Each returns a problem or None."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

# Outside XML 1.0's Char production: one of these makes the document unparseable.
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Legal but flagged by the validator (BadCharacters): C1 controls and U+FFFD, the
# marks of mis-decoded text.
DISCOURAGED = re.compile("[\x7f-\x9f\ufffd]")
CHAR_REF = re.compile(r"&#(?:x([0-9a-fA-F]+)|([0-9]+));")

# The validator's rfc2396_full: ASCII URI characters only (an IRI is an error there).
URI_RE = re.compile(r"[a-zA-Z][0-9a-zA-Z+.\-]*:(//)?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]+")
HTTP_RE = re.compile(r"https?://[^/?#\s]+(/.*)?")
BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
TAG_RE = re.compile(
    r"tag:([a-z0-9\-._]+?@)?[a-z0-9.\-]+?,\d{4}(-\d{2}(-\d{2})?)?:"
    r"[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*(#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?"
)
UUID_RE = re.compile(r"urn:uuid:[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
URN_RE = re.compile(
    r"urn:[a-zA-Z0-9][a-zA-Z0-9-]{1,31}:([a-zA-Z0-9()+,.:=@;$_!*'\-]|%[0-9A-Fa-f]{2})+"
)

RFC822_VN = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" \d{4} \d{2}:\d{2}:\d{2} \+0700"
)
RFC3339_VN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00")
# The validator calls dates before 1990 implausible.
EARLIEST = 1990


def char_problem(text: str) -> str | None:
    for pattern, what in ((XML_ILLEGAL, "illegal in XML 1.0"), (DISCOURAGED, "discouraged")):
        found = pattern.search(text)
        if found:
            return f"character U+{ord(found.group()):04X} ({what})"
    for match in CHAR_REF.finditer(text):
        code = int(match.group(1) or match.group(2), 16 if match.group(1) else 10)
        if code > 0x10FFFF or char_problem(chr(code)):
            return f"character reference {match.group()} to a forbidden character"
    return None


def nfc_problem(text: str) -> str | None:
    normal = unicodedata.normalize("NFC", text)
    if normal == text:
        return None
    at = next((i for i, (a, b) in enumerate(zip(text, normal, strict=False)) if a != b),
              len(normal))
    return f"text not in NFC near {text[max(0, at - 15): at + 15]!r}"


def url_problem(value: str | None, *, iri: bool = False) -> str | None:
    """An absolute http(s) URL of ASCII URI characters; with `iri`, non-ASCII is allowed
    too (the validator checks only the ASCII characters of links inside HTML)."""
    if not value:
        return "empty URL"
    if not HTTP_RE.fullmatch(value):
        return f"not an absolute http(s) URL: {value!r}"
    ascii_only = "".join(c for c in value if ord(c) < 128) if iri else value
    if not URI_RE.fullmatch(ascii_only) or BAD_PERCENT.search(value):
        return f"characters not allowed in a URI: {value!r}"
    return None


def id_problem(value: str | None) -> str | None:
    """An id the validator accepts: a tag: URI, a urn (uuid), or an absolute URL."""
    if not value:
        return "empty id"
    scheme = value.split(":", 1)[0].lower()
    if scheme == "tag":
        return None if TAG_RE.fullmatch(value) else f"invalid tag: URI {value!r}"
    if scheme == "urn":
        pattern = UUID_RE if value.lower().startswith("urn:uuid:") else URN_RE
        return None if pattern.fullmatch(value) else f"invalid urn {value!r}"
    return url_problem(value)


def rfc822_problem(value: str | None, now: datetime) -> str | None:
    """RFC 822 with a numeric +0700 zone, the right weekday, a plausible instant."""
    if not value or not RFC822_VN.fullmatch(value):
        return f"not an RFC 822 date with +0700: {value!r}"
    parsed = parsedate_to_datetime(value)
    if parsed.strftime("%a") != value[:3]:
        return f"wrong day of week in {value!r}"
    return _plausible(parsed, value, now)


def rfc3339_problem(value: object, now: datetime) -> str | None:
    if not isinstance(value, str) or not RFC3339_VN.fullmatch(value):
        return f"not an RFC 3339 date with +07:00: {value!r}"
    return _plausible(datetime.fromisoformat(value), value, now)


def _plausible(parsed: datetime, value: str, now: datetime) -> str | None:
    if parsed.year < EARLIEST or parsed > now + timedelta(minutes=10):
        return f"implausible date {value!r}"
    return None
