"""Pure HTTP decisions of the feed server: which file a target names, its type, 304s, gzip.

No sockets and no files here, so every rule is tested with plain strings.
"""

from __future__ import annotations

from datetime import UTC
from email.utils import formatdate, parsedate_to_datetime
from urllib.parse import unquote, urlsplit

CHARSET = "; charset=utf-8"
# Text types carry an explicit charset: feed readers and browsers must not guess it.
CONTENT_TYPES: dict[str, str] = {
    ".rss": "application/rss+xml" + CHARSET,
    ".atom": "application/atom+xml" + CHARSET,
    ".json": "application/feed+json" + CHARSET,
    ".opml": "text/x-opml" + CHARSET,
    ".html": "text/html" + CHARSET,
    ".xml": "application/xml" + CHARSET,
    ".css": "text/css" + CHARSET,
    ".js": "text/javascript" + CHARSET,
    ".txt": "text/plain" + CHARSET,
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
}
DEFAULT_TYPE = "application/octet-stream"
# Already-compressed formats only grow when gzipped again.
COMPRESSIBLE_SUFFIXES = frozenset({".rss", ".atom", ".json", ".opml", ".html", ".xml", ".css",
                                   ".js", ".txt", ".svg"})
INDEX_FILE = "index.html"


def target_parts(target: str) -> tuple[str, ...] | None:
    """The path segments a request target names under the served root, or None.

    The target is percent-decoded once; any segment starting with a dot (`.`,
    `..`, hidden files, the publisher's temporary files) refuses the request,
    so neither `/../x` nor `/%2e%2e/x` nor `/..%2fx` can climb out. Empty
    segments are dropped, so `//etc/passwd` stays under the root.
    """
    if target.startswith(("http://", "https://")):  # absolute-form (RFC 9112, 3.2.2)
        target = urlsplit(target).path or "/"
    if not target.startswith("/"):
        return None
    path = target.split("?", 1)[0].split("#", 1)[0]
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = tuple(part for part in decoded.split("/") if part)
    if any(part.startswith(".") for part in parts):
        return None
    return parts


def suffix_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(suffix_of(name), DEFAULT_TYPE)


def compressible(name: str) -> bool:
    return suffix_of(name) in COMPRESSIBLE_SUFFIXES


def accepts_gzip(accept_encoding: str | None) -> bool:
    """True when the client's Accept-Encoding allows gzip (`gzip;q=0` refuses it)."""
    if not accept_encoding:
        return False
    if ";" not in accept_encoding and "gzip" in accept_encoding.lower():
        return True  # the common "gzip, deflate, br": no q-values to weigh
    allowed = {}
    for item in accept_encoding.lower().split(","):
        coding, _, params = item.partition(";")
        allowed[coding.strip()] = _quality(params)
    q = allowed.get("gzip", allowed.get("x-gzip", allowed.get("*", 0.0)))
    return q > 0


def _quality(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def etag_matches(if_none_match: str, etag: str) -> bool:
    """If-None-Match uses the weak comparison (RFC 9110, 13.1.2): `W/` is ignored."""
    if if_none_match == etag:  # what a cache sends back: one tag, as we sent it
        return True
    if if_none_match.strip() == "*":
        return True
    return any(_opaque(tag) == _opaque(etag) for tag in if_none_match.split(","))


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def not_modified(headers: dict[str, str], etag: str, mtime: int) -> bool:
    """Whether a GET/HEAD may answer 304: If-None-Match wins over If-Modified-Since."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        return etag_matches(if_none_match, etag)
    since = parse_http_date(headers.get("if-modified-since"))
    return since is not None and mtime <= since


def parse_http_date(value: str | None) -> int | None:
    """Seconds since the epoch of an HTTP date, or None when absent or malformed."""
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # asctime and "-0000" forms carry no zone: HTTP means GMT
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def http_date(seconds: float) -> str:
    return formatdate(seconds, usegmt=True)
