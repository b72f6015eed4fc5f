"""Where a page no profile knows prints its date: near the title, never in the header clock.

Portal headers show today's date and time (`Thứ Hai, 29/11/2026 10:15`), often
in an element whose class says `date`.  We look for date elements after the
article's heading and outside page chrome (header, navigation, sidebars,
related-article lists), so the clock is never taken for the publication date.
"""

from __future__ import annotations

import re

from lxml import html

from crawler.model import DateText
from crawler.normalize.dates import parse_date

_DATE_LIKE = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\d{1,2}\s+tháng\s+\d{1,2}",
                        re.IGNORECASE)
_CHROME = re.compile(
    r"header|menu|\bnav|top-?bar|topbar|current|today|clock|weather|footer|sidebar|related|"
    r"lien-?quan|other|tin-?khac|cung-?chuyen-?muc|comment|marquee|breadcrumb", re.IGNORECASE)
_CHROME_TAGS = frozenset({"header", "nav", "footer", "aside"})
_MAX_CHARS = 160
_MAX_CANDIDATES = 4


def page_dates(root: html.HtmlElement, title: str | None = None) -> list[DateText]:
    """Date lines printed near the article heading (the element printing `title`, else the
    first `<h1>`), best first."""
    heading = _titled(root, title) if title else None
    heading = heading if heading is not None else _heading(root)
    found: list[DateText] = []
    for el in _after(root, heading):
        text = " ".join(el.text_content().split())
        if not text or len(text) > _MAX_CHARS or not _DATE_LIKE.search(text):
            continue
        if in_chrome(el) or _has_dated_child(el):
            continue
        found.append(DateText("published", text, f"generic:{el.tag}"))
        if len(found) >= _MAX_CANDIDATES:
            break
    return found


def _heading(root: html.HtmlElement) -> html.HtmlElement | None:
    for path in ("//h1", "//*[contains(@class, 'title')][self::h2 or self::h3]", "//h2"):
        for el in root.xpath(path):
            if not in_chrome(el) and el.text_content().strip():
                return el
    return None


def chrome_months(root: html.HtmlElement) -> set[tuple[int, int]]:
    """(year, month) of the dates page chrome prints (the header clock): a date guessed
    elsewhere that falls in one of them may well be the clock's, not the article's."""
    months = set()
    for el in root.iter():
        text = el.text if isinstance(el.tag, str) else None
        if text and len(text) < _MAX_CHARS and _DATE_LIKE.search(text) and in_chrome(el):
            parsed = parse_date(text)
            if parsed:
                months.add((parsed.value.year, parsed.value.month))
    return months


def _titled(root: html.HtmlElement, title: str) -> html.HtmlElement | None:
    """The innermost element of the body whose whole text is the title."""
    wanted = " ".join(title.split())
    body = root.find("body")
    for el in (body if body is not None else root).iter():
        # Only elements whose own text opens like the title: one pass, not one per subtree.
        own = " ".join((el.text or "").split()) if isinstance(el.tag, str) else ""
        if not own or not wanted.startswith(own[:12]) or el.tag in ("title", "script", "a"):
            continue
        if " ".join(el.text_content().split()) == wanted and not in_chrome(el):
            return el
    return None


def _after(root: html.HtmlElement, heading: html.HtmlElement | None) -> list[html.HtmlElement]:
    """Elements following the heading (and its parent's block), else the whole body."""
    if heading is None:
        return [el for el in root.iter() if isinstance(el.tag, str)]
    start = heading.getparent() if heading.getparent() is not None else heading
    near = [el for el in start.iter() if isinstance(el.tag, str) and el is not heading]
    return near + [el for el in heading.itersiblings() if isinstance(el.tag, str)] + [
        el for el in start.itersiblings() if isinstance(el.tag, str)
    ]


def _has_dated_child(el: html.HtmlElement) -> bool:
    return any(
        isinstance(c.tag, str) and _DATE_LIKE.search(c.text_content() or "") for c in el
    )


def in_chrome(el: html.HtmlElement) -> bool:
    """Inside page chrome; an `<article>` ends the search (its own header is content)."""
    for node in (el, *el.iterancestors()):
        if node.tag == "article":
            return False
        if node.tag in _CHROME_TAGS:
            return True
        if _CHROME.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False
