"""Where on the sample page each field the generic extractor found is printed.

The generic extractor says *what* the title, date, lead, byline and body are;
these functions find the elements that print them, so `crawler.draft.css`
can name those elements.  Each returns None when the page prints no such
element (the value came from metadata, or is read from inside the body).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from lxml import html

from crawler.extract.locate import locate, text_key
from crawler.extract.pagedate import in_chrome
from crawler.normalize.byline import looks_like_byline
from crawler.normalize.dates import parse_all

_SKIP_TAGS = frozenset({"title", "script", "style", "noscript", "head", "meta", "option"})
_HEADINGS = ("h1", "h2", "h3", "h4")
_MAX_DATE_CHARS = 120
_MAX_TITLE_CHARS = 300
_MIN_PROSE = 50  # shorter lines are dates, print links, bylines: they do not place the body
_TITLE_SEPARATORS = (" | ", " - ", " – ", " :: ")
_BANNER = re.compile(r"banner|site-?(name|title)|logo|menu|\bnav|footer|breadcrumb|sidebar|"
                     r"marquee", re.IGNORECASE)
_MAX_EXTRA_CHARS = 40  # an element may print a label (`Tác giả:`) beside the value
_CATEGORY_CLASS = re.compile(r"categ|chuyen-?muc|danh-?muc|section|cate\b|cat-", re.IGNORECASE)
_MAX_CATEGORY_CHARS = 60


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def text_of(el: html.HtmlElement) -> str:
    """The element's text as the profile path reads it (`_text` in extract.page)."""
    return norm(" ".join(el.itertext()))


def elements(root: html.HtmlElement) -> Iterable[html.HtmlElement]:
    body = root.find("body")
    for el in (body if body is not None else root).iter():
        if isinstance(el.tag, str) and el.tag not in _SKIP_TAGS:
            yield el


def innermost(found: list[html.HtmlElement]) -> list[html.HtmlElement]:
    """Drop every element that has another found element inside it."""
    inside = {a for el in found for a in el.iterancestors()}
    return [el for el in found if el not in inside]


def title_element(root: html.HtmlElement, title: str) -> html.HtmlElement | None:
    """The element printing exactly the title: a heading outside page chrome first."""
    wanted = norm(title).casefold()
    found = innermost([el for el in elements(root) if text_of(el).casefold() == wanted])
    found = [el for el in found if el.tag != "a"] or found

    def rank(el: html.HtmlElement) -> tuple[int, int]:
        return (in_chrome(el), el.tag not in _HEADINGS)

    return min(found, key=rank) if found else None


def better_title(root: html.HtmlElement, title: str,
                 paragraphs: list[str]) -> tuple[str, html.HtmlElement | None]:
    """The title and its element.  When the generic extractor's title is printed only in
    page chrome (the site name in the banner), a part of `<title>` or the body's first
    line printed outside chrome is the article's title."""
    found = title_element(root, title)
    if found is not None and not _banner(found):
        return title, found
    head = norm(root.findtext(".//title"))
    options = [part for sep in _TITLE_SEPARATORS for part in head.split(sep)] + paragraphs[:1]
    for option in (norm(o) for o in options):
        el = title_element(root, option) if 0 < len(option) <= _MAX_TITLE_CHARS else None
        if el is not None and not _banner(el):
            return option, el
    return title, found


def _banner(el: html.HtmlElement) -> bool:
    """In the page's banner, menus or footer (a `taglib-header` above an article is not)."""
    for node in (el, *el.iterancestors()):
        label = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node.tag in ("header", "nav", "footer", "aside") or _BANNER.search(label):
            return True
    return False


def body_container(root: html.HtmlElement, paragraphs: list[str]) -> html.HtmlElement | None:
    """The deepest element holding the body's prose.  Lists of links the generic
    extractor kept (`Các tin khác`) and short lines (dates, print links) do not count;
    the first paragraph may be a lead printed above the body element, so it counts
    only when it is the only one."""
    return locate(root, body_keys(root, paragraphs))


def body_keys(root: html.HtmlElement, paragraphs: list[str]) -> set[str]:
    """Matching keys (`crawler.extract.locate.text_key`) of the body's prose."""
    linked = _linked_keys(root)
    prose = [p for p in paragraphs if len(p) >= _MIN_PROSE and text_key(p) not in linked]
    chosen = prose[1:] or prose or paragraphs
    return {text_key(p) for p in chosen}


def _linked_keys(root: html.HtmlElement) -> set[str]:
    """Keys of the page's texts that are mostly link text (teasers, related lists)."""
    keys = set()
    for el in elements(root):
        text = text_of(el)
        if len(text) >= _MIN_PROSE and el.find(".//a") is not None:
            linked = sum(len(text_of(a)) for a in el.iter("a"))
            if linked > len(text) / 2:
                keys.add(text_key(text))
    return keys


def date_element(root: html.HtmlElement, value: datetime | None,
                 after: html.HtmlElement | None) -> html.HtmlElement | None:
    """The innermost element printing the published date (the clock never: chrome),
    the first one after the title."""
    if value is None:
        return None
    found = innermost([el for el in elements(root)
                       if len(text_of(el)) <= _MAX_DATE_CHARS and _prints(el, value)])
    found = [el for el in found if not in_chrome(el)]
    order = {el: i for i, el in enumerate(elements(root))}
    start = order.get(after, -1) if after is not None else -1
    later = [el for el in found if order[el] > start]
    return (later or found or [None])[0]


def _prints(el: html.HtmlElement, value: datetime) -> bool:
    text = text_of(el)
    return bool(text) and any(p.value == value for p in parse_all(text)[:1])


def short_element(root: html.HtmlElement, value: str | None,
                  outside: html.HtmlElement | None) -> html.HtmlElement | None:
    """The innermost element printing `value` (with at most a short label beside it),
    outside the body container; None when the body prints it (the normaliser reads it
    from there) or nothing does."""
    if not value:
        return None
    wanted = norm(value).casefold()
    if outside is not None and wanted in text_of(outside).casefold():
        return None
    found = innermost([el for el in elements(root) if _holds(el, wanted)])
    found = [el for el in found if el.tag != "a" or len(found) == 1]
    found = [el for el in found if not in_chrome(el)] or found
    return found[0] if found else None


def _holds(el: html.HtmlElement, wanted: str) -> bool:
    text = text_of(el).casefold()
    return wanted in text and len(text) <= len(wanted) + _MAX_EXTRA_CHARS


def category_element(root: html.HtmlElement, near: html.HtmlElement | None
                     ) -> html.HtmlElement | None:
    """An element whose class says category (`post__category`, `chuyen-muc`) with a short
    text, inside the article's box; the generic extractor has no category of its own."""
    scope = near if near is not None else root
    for el in scope.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        text = text_of(el)
        label = f"{el.get('class') or ''} {el.get('id') or ''}"
        if text and len(text) <= _MAX_CATEGORY_CHARS and _CATEGORY_CLASS.search(label):
            return el
    return None


def common_ancestor(*els: html.HtmlElement | None) -> html.HtmlElement | None:
    """The deepest element holding all the given ones."""
    present = [el for el in els if el is not None]
    if not present:
        return None
    chains = [[el, *el.iterancestors()] for el in present]
    shared = set(chains[0]).intersection(*map(set, chains[1:]))
    return next((el for el in chains[0] if el in shared), None)


_MIN_LEAD_CHARS = 60
_MAX_LEAD_CHARS = 1200


def missed_lead(root: html.HtmlElement, title: html.HtmlElement | None,
                body: html.HtmlElement | None) -> html.HtmlElement | None:
    """A summary printed between the title and the body element that the generic
    extractor left out (trafilatura often drops a bold sapo above the text)."""
    if title is None or body is None:
        return None
    inside = set(body.iterancestors()) | set(body.iter())
    started = False
    for el in elements(root):
        if el is title:
            started = True
        elif el is body:
            return None
        elif started and el not in inside and _summary_like(el):
            return _outermost_same(el)
    return None


def _summary_like(el: html.HtmlElement) -> bool:
    text = text_of(el)
    if not _MIN_LEAD_CHARS <= len(text) <= _MAX_LEAD_CHARS:
        return False
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return linked < len(text) / 2 and not in_chrome(el)


def _outermost_same(el: html.HtmlElement) -> html.HtmlElement:
    """`<div class="sapo"><strong>…</strong></div>`: the div, which carries the name."""
    text = text_of(el)
    while el.getparent() is not None and text_of(el.getparent()) == text:
        el = el.getparent()
    return el


_AUTHOR_CLASS = re.compile(r"author|tac-?gia|byline|but-?danh|nguoi-?viet|writer|nhuan-?but",
                           re.IGNORECASE)
_MAX_BYLINE_CHARS = 60


def missed_author(box: html.HtmlElement | None, body: html.HtmlElement | None
                  ) -> html.HtmlElement | None:
    """A byline the generic extractor did not report: an element of the article's box
    named for the author (`cp-tac-gia`, `p.author` ending the body), or the line right
    after the body, reading as a name."""
    if box is None or body is None:
        return None
    following = body.getnext()
    for el in box.iter():
        if not isinstance(el.tag, str):
            continue
        text = text_of(el)
        if not text or len(text) > _MAX_BYLINE_CHARS or not looks_like_byline(text):
            continue
        label = f"{el.get('class') or ''} {el.get('id') or ''}"
        if _AUTHOR_CLASS.search(label) or el is following:
            return el
    return None


def missed_date(root: html.HtmlElement, title: html.HtmlElement | None
                ) -> html.HtmlElement | None:
    """The first date printed after the title, outside chrome and links, when the
    generic extractor found none (a date line in a layout table's next row)."""
    if title is None:
        return None
    started = False
    for el in elements(root):
        started = started or el is title
        if not started or el is title or len(text_of(el)) > _MAX_DATE_CHARS:
            continue
        if not parse_all(text_of(el)) or in_chrome(el) or _in_link(el):
            continue
        if not any(parse_all(text_of(c)) for c in el if isinstance(c.tag, str)):
            return el
    return None


def _in_link(el: html.HtmlElement) -> bool:
    return el.tag == "a" or any(a.tag == "a" for a in el.iterancestors())
