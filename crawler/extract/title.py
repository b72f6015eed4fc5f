"""The generic path's title: the article's own heading, never the portal's name.

Liferay and many other portal CMSs put only the site's name in `<title>` and
og:title, and print it as the header's `<h1>`; taken as the title, every item of
a feed would read "Cổng Thông tin điện tử …".  So the names a page gives itself
(og:site_name, the site part of `<title>`, the header or logo text, the profile's
title) are collected first, and no candidate equal to one of them is a title.
When nothing else is left, the caller rejects the page as `no_title`.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import html

from crawler.extract.pagedate import in_chrome

_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ")
_TRIM = " \t\n-|–—:»«/·,."
# Header elements that print the site's name (logo text, Drupal's site-name block,
# Liferay's banner heading).
_BRAND = re.compile(r"logo|site[-_]?(name|title)|sitename|brand|hero-banner__site", re.I)
_HEADING_TAGS = frozenset({"h1", "h2", "h3"})
_HEADING_CLASS = re.compile(r"title|heading|tieu-?de", re.I)
# Headings this far (in elements, document order) above the body's first paragraph
# are another block's (a sidebar, a teaser list), not the article's.
_MAX_DISTANCE = 60
# A heading of fewer words is a section label ("Tin tức", "Các tin khác"), not a title.
_MIN_WORDS = 4
_MAX_CHARS = 400


def site_key(text: str) -> str:
    """`text` compared tone- and case-insensitively, without surrounding separators."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split()).strip(_TRIM)


def is_site_name(text: str, names: set[str]) -> bool:
    key = site_key(text)
    return bool(key) and key in names


def site_names(root: html.HtmlElement, profile_title: str | None = None) -> set[str]:
    """Keys of the names the site gives itself on this page."""
    found = [profile_title or ""]
    found += root.xpath("//meta[@property='og:site_name' or @name='application-name']/@content")
    for el in root.iter("header", "div", "a", "span", "h1", "p", "strong"):
        brand = el.tag == "header" or _BRAND.search(f"{el.get('class') or ''} {el.get('id') or ''}")
        if brand and not _in_article(el):
            found += _header_names(el)
    names = {key for key in map(site_key, found) if key}
    return names | _title_tag_site(" ".join((root.findtext(".//title") or "").split()), names)


def _title_tag_site(text: str, names: set[str]) -> set[str]:
    """The site's part of `<title>` when it has a separator: the side after the last one
    (CMSs append the name: `Tiêu đề | Cổng TTĐT …`) unless the side before is a name the
    page gives itself elsewhere; the only side of an untitled page's ` | Cổng TTĐT …`."""
    padded = f" {text} "
    for separator in _SEPARATORS:
        head, found, tail = padded.rpartition(separator)
        if found:
            head, tail = site_key(head), site_key(tail)
            if not head or not tail:
                return {head or tail} - {""}
            return {head if head in names else tail}
    return set()


def _in_article(el: html.HtmlElement) -> bool:
    """An HTML5 article's own `<header>` holds its title, not the site's name."""
    return any(a.tag in ("article", "main") for a in el.iterancestors())


def _header_names(el: html.HtmlElement) -> list[str]:
    """A brand element's text, and in a `<header>` its `<h1>` and home link (not every
    link: a header's news ticker names articles, maybe this one)."""
    if el.tag != "header":
        return [el.text_content()]
    homes = [a for a in el.iter("a") if a.get("rel") == "home" or a.get("href") == "/"]
    return [h.text_content() for h in (*el.iter("h1"), *homes)]


def title_tag(root: html.HtmlElement, names: set[str]) -> str | None:
    """The `<title>` without the site name CMSs append (`Tiêu đề - Cổng TTĐT tỉnh …`)."""
    text = " ".join((root.findtext(".//title") or "").split())
    for separator in _SEPARATORS:
        head, _, tail = text.rpartition(separator)
        if head and len(tail) < len(head):
            text = head
            break
    return None if not text or is_site_name(text, names) else text


def heading_title(root: html.HtmlElement, meta_title: str | None,
                  names: set[str]) -> str | None:
    """The page's `<h1>` when it agrees with the metadata title (which often carries the
    site name as a suffix), else the metadata title; the site's name is neither."""
    heads = [" ".join(h.text_content().split()) for h in root.iter("h1")]
    heads = [h for h in heads if h and not is_site_name(h, names)]
    if meta_title and not is_site_name(meta_title, names):
        match = next((h for h in heads if h in meta_title or meta_title in h), None)
        return match or meta_title
    return heads[0] if len(heads) == 1 else None


def heading_above(first: html.HtmlElement | None, names: set[str]) -> str | None:
    """The nearest heading above the body's first paragraph (or inside its container,
    before it).  An empty one there ends the search: the article's own title element
    is empty, an unfinished article that must not borrow another heading."""
    if first is None:
        return None
    before = first.xpath("preceding::*")[-_MAX_DISTANCE:]
    # trafilatura may keep the heading itself as the first paragraph.
    for el in (first, *reversed(before)):
        if not _heading_like(el) or in_chrome(el) or _is_link(el):
            continue
        text = " ".join(el.text_content().split())
        if not text:
            return None
        if not is_site_name(text, names) and len(text.split()) >= _MIN_WORDS:
            return text
    return None


def _heading_like(el: html.HtmlElement) -> bool:
    if el.tag in _HEADING_TAGS:
        return True
    if el.tag not in ("div", "p", "span", "strong", "b"):
        return False
    return bool(_HEADING_CLASS.search(el.get("class") or "")) and len(
        el.text_content()) <= _MAX_CHARS and not any(c.tag in ("p", "div") for c in el)


def _is_link(el: html.HtmlElement) -> bool:
    """A heading that is a link (a section label, a teaser) titles another page."""
    text = "".join(el.text_content().split())
    links = "".join("".join(a.text_content().split()) for a in el.iter("a"))
    return (bool(text) and links == text) or any(a.tag == "a" for a in el.iterancestors())
