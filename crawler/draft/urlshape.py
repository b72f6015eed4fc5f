"""The shape of an article URL, and the regular expression of that shape.

`/vi/day-manh-chuyen-doi-so`, `/tin-tuc/-/vcmsviewcontent/abc/123`,
`/Trang/ChiTietTinTuc.aspx?nid=42`, `/so-ban-nganh/tin-moi-n1234`: each path
segment is a fixed word of the CMS (kept literally), a number, a slug, or a
slug ending in an id; query keys are kept, their values generalised.  Links
whose shape equals the sample article's are the candidate article links.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

_NUMBER = re.compile(r"^\d+$")
# An id at the end of a slug: a letter prefix (`-n1234`) or 5+ digits (a year is no id).
_SLUG_ID = re.compile(
    r"^(?P<slug>.*[-_])(?P<prefix>[A-Za-z]{1,3}\d+|\d{5,})(?P<ext>\.[A-Za-z0-9]+)?$")
_EXT = re.compile(r"(\.[A-Za-z0-9]{2,5})$")
_ANY = "[^/?#]+"
_LETTER = re.compile(r"[^\W\d_]")


def target(url: str) -> str:
    """What a profile's article_pattern is matched against: path and `?query`."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def segments(url: str) -> list[str]:
    return [s for s in urlsplit(url).path.split("/")[1:]]


def segment_kind(segment: str) -> str:
    """A word of the CMS (itself), `num`, `slugid:<prefix><ext>` or `slug<ext>`."""
    if _NUMBER.match(segment):
        return "num"
    match = _SLUG_ID.match(segment)
    if match and match.group("slug").strip("-_"):
        return f"slugid:{_letters(match.group('prefix'))}{match.group('ext') or ''}"
    if ("-" in segment or "_" in segment or len(segment) > 24) and _LETTER.search(segment):
        ext = _EXT.search(segment)
        return "slug" + (ext.group(1).lower() if ext and not segment.startswith(".") else "")
    return segment


def escape(text: str) -> str:
    """`re.escape` without escaping `-`, which is literal outside brackets: easier to read."""
    return re.escape(text).replace("\\-", "-")


def _letters(prefix: str) -> str:
    return prefix.rstrip("0123456789")


def value_kind(value: str) -> str:
    return "num" if _NUMBER.match(value) else "text"


def shape(url: str, loose: bool = False) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Comparable shape: kinds of the path segments, query keys with their value kinds.
    `loose`: every CMS word counts as the same kind (sections differ by a word)."""
    query = tuple((k, value_kind(v)) for k, v in parse_qsl(urlsplit(url).query,
                                                          keep_blank_values=True))
    kinds = tuple(segment_kind(s) for s in segments(url))
    if loose:
        kinds = tuple(k if k == "num" or k.startswith("slug") else "word" for k in kinds)
    return kinds, query


def pattern(sample: str, alike: list[str], session: bool = False) -> str:
    """The regex of the sample's shape: CMS words literal unless they differ between the
    sample and the links `alike` it, numbers, slugs and query values generalised;
    `session`: links may carry a `;jsessionid=…` path parameter."""
    kinds, query = shape(sample)
    alike = [u for u in alike if shape(u, loose=True) == shape(sample, loose=True)]
    parts = []
    for i, (kind, segment) in enumerate(zip(kinds, segments(sample), strict=True)):
        varies = any(segments(u)[i] != segment for u in alike)
        parts.append(_ANY if varies and kind not in ("num",) and not kind.startswith("slug")
                     else _segment_regex(kind, segment))
    rest = "&".join(f"{escape(k)}={_value_regex(v)}" for k, v in query)
    path = f"^/{'/'.join(parts)}" + (r"(?:;[^/?#]*)?" if session else "")
    return path + (rf"\?{rest}$" if rest else "$")


def _segment_regex(kind: str, segment: str) -> str:
    if kind == "num":
        return r"\d+"
    if kind.startswith("slugid:"):
        match = _SLUG_ID.match(segment)
        assert match is not None
        ext = escape(match.group("ext") or "")
        return rf"[^/?#]*[-_]{escape(_letters(match.group('prefix')))}\d+{ext}"
    if kind.startswith("slug"):
        ext = kind[len("slug"):]
        return _ANY if not ext else rf"[^/?#]+{escape(ext)}"
    return escape(segment)


def _value_regex(kind: str) -> str:
    return r"\d+" if kind == "num" else "[^&#]+"
