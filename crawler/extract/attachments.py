"""Official documents linked from an article body (PDF, Word, Excel): enclosures, not pages."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

from crawler.normalize.text import clean_text
from crawler.urls import absolute

DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def document_type(url: str) -> str | None:
    """The MIME type of a document link, judged by its path's extension; None otherwise."""
    path = urlsplit(url).path.lower()
    name = path.rsplit("/", 1)[-1]
    suffix = name[name.rfind("."):] if "." in name else ""
    return DOCUMENT_TYPES.get(suffix)


def find_attachments(
    links: Iterable[tuple[str | None, str]], page_url: str
) -> list[dict[str, str]]:
    """(href, link text) pairs of a body -> attachments in order, each URL once."""
    found: dict[str, dict[str, str]] = {}
    for href, text in links:
        url = absolute(page_url, href)
        kind = document_type(url) if url else None
        if url is None or kind is None or url in found:
            continue
        title = clean_text(text or "") or unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        found[url] = {"url": url, "type": kind, "title": title}
    return list(found.values())
