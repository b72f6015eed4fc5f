"""Making strings safe for XML 1.0 feeds and HTML pages."""

from __future__ import annotations

import contextlib
import html
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit, urlunsplit

# Everything outside the XML 1.0 `Char` production: C0 controls except tab, LF and
# CR, lone surrogates, U+FFFE and U+FFFF. One such character makes a whole feed
# unparseable, so none may reach the output. DEL, the C1 controls and U+FFFD are
# legal but the W3C validator flags them (they only come from mis-decoded text).
_XML_ILLEGAL = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffc\U00010000-\U0010ffff]"
)
# Vertical tab, form feed and NEL separate words in the source; dropping them would
# glue the words together.
# (A regular expression: str.translate with a table is the slowest step of a publish.)
_SEPARATORS = re.compile("[\x0b\x0c\x85]")
_SPACES = re.compile(r"\s+")


def clean_text(value: str | None) -> str:
    """NFC text with nothing XML 1.0 forbids; line breaks and spacing are kept."""
    if not value:
        return ""
    return unicodedata.normalize("NFC", _XML_ILLEGAL.sub("", _SEPARATORS.sub(" ", value)))


def clean_line(value: str | None) -> str:
    """`clean_text` on one line: runs of whitespace become one space."""
    return _SPACES.sub(" ", clean_text(value)).strip()


def paragraphs_html(paragraphs: list[str]) -> str:
    """Plain-text paragraphs as escaped `<p>` elements."""
    return "".join(f"<p>{html.escape(text)}</p>" for text in map(clean_line, paragraphs) if text)


def figure_html(url: str, caption: str | None) -> str:
    caption_text = clean_line(caption)
    img = f'<img src="{html.escape(as_uri(url))}" alt="{html.escape(caption_text)}">'
    if not caption_text:
        return f"<figure>{img}</figure>"
    return f"<figure>{img}<figcaption>{html.escape(caption_text)}</figcaption></figure>"


# What a URI may hold as is (RFC 3986 reserved and unreserved characters, and "%"
# of an escape); "[" and "]" are left out: outside an IPv6 host the validator rejects them.
_URI_SAFE = "!#$%&'()*+,/:;=?@~-._"
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_URL_ATTR = re.compile(r"""(<[A-Za-z][^<>]*?\s(?:href|src)\s*=\s*)("[^"]*"|'[^']*')""")
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|h[1-6]|figure|figcaption|br|tr|td|th|blockquote)\b", re.I)


def as_uri(value: str | None) -> str:
    """An IRI (a link with Vietnamese letters or spaces) as the ASCII URI that feed
    validators and readers require: UTF-8 percent-escapes, an IDNA host. A valid URI
    comes back unchanged, so guids keep their identity; a value without a scheme is
    only cleaned."""
    text = clean_line(value)
    if not _URI_SCHEME.match(text):
        return text
    # A host that is no valid IDN, or a malformed port, is percent-escaped below instead.
    with contextlib.suppress(UnicodeError, ValueError):
        parts = urlsplit(text)
        if not parts.netloc.isascii():
            port = f":{parts.port}" if parts.port else ""
            host = (parts.hostname or "").encode("idna").decode("ascii") + port
            text = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return quote(_STRAY_PERCENT.sub("%25", text), safe=_URI_SAFE)


def html_uris(fragment: str) -> str:
    """A fragment with each tag's href/src made a URI (see `as_uri`): a page's own HTML
    keeps spaces and diacritics in its links, which feed validators reject."""
    def fix(match: re.Match[str]) -> str:
        value = html.unescape(match.group(2)[1:-1])
        return f'{match.group(1)}"{html.escape(as_uri(value), quote=True)}"'
    return _URL_ATTR.sub(fix, fragment)


def html_excerpt(fragment: str, limit: int = 300) -> str:
    """The opening words of an HTML fragment as plain text, cut at a word boundary."""
    parser = _TextOnly()
    parser.feed(_BLOCK_TAG.sub(r" \g<0>", fragment))  # so paragraphs do not run together
    parser.close()
    text = clean_line("".join(parser.parts))
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–") + "…"


class _TextOnly(HTMLParser):
    """The text of HTML; the standard library's parser never fails on bad markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
