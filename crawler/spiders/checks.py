"""What is wrong with a response body, before anything tries to read it.

Pure functions over bytes and header values; each problem is a short reason the
spider counts under `portalfeed/errors/<reason>`.
"""

from __future__ import annotations

import re

BINARY_RE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
HTML_TYPES = ("text/html", "application/xhtml+xml")
# application/x-rss+xml is what many servers (and Python's mimetypes) send for .rss files.
XML_TYPES = ("text/xml", "application/xml", "application/rss+xml", "application/atom+xml",
             "application/x-rss+xml", "application/x-gzip", "application/gzip",
             "application/octet-stream")
END_RE = re.compile(rb"</(html|body)\s*>", re.IGNORECASE)


def body_problem(body: bytes, content_type: str | None, kind: str) -> str | None:
    """`empty_body`, `not_html`, `binary_body` or None for a body worth reading."""
    if not body.strip():
        return "empty_body"
    media = (content_type or "").split(";")[0].strip().lower()
    if kind in ("sitemap", "feed"):
        return None if not media or media in XML_TYPES or media in HTML_TYPES else "not_xml"
    if media and media not in HTML_TYPES:
        return "not_html"
    if BINARY_RE.search(body[:2048]):
        return "binary_body"
    return None


def looks_truncated(body: bytes) -> bool:
    """An HTML page that stops before `</body>` or `</html>`: the server gave up midway."""
    return END_RE.search(body[-4096:]) is None


def utf8_instead(body: bytes, declared: str | None) -> str | None:
    """The body as UTF-8 when it is valid UTF-8 with non-ASCII text but was declared as
    something else (a mislabelled charset turns Vietnamese into mojibake); else None."""
    if not declared or declared.lower().replace("-", "") in ("utf8", "ascii", "usascii"):
        return None
    if body.isascii():
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None
