"""A saved or fetched HTML page -> RawArticle.

The page is parsed once with lxml.  Page metadata (JSON-LD, Open Graph, CMS
`<meta>` tags) gives the first date and author candidates; the profile's
selectors come next: of its layout versions, the first whose `article` selector
matches the page.  When that layout misses the title or the body, or no layout
applies, the generic extractor (trafilatura) takes over and the result says so.
`RawArticle.sources` records which rule produced each field.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from lxml import etree, html
from lxml.cssselect import CSSSelector

from crawler.errors import Rejected
from crawler.extract.blocks import body_blocks, pruned_copy
from crawler.extract.generic import extract_generic
from crawler.extract.metadata import page_meta
from crawler.extract.provenance import field_sources
from crawler.model import DateText, RawArticle
from crawler.normalize.encoding import decode_page, fix_mojibake
from crawler.profiles import Layout, Profile, Selectors


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Text of an HTML document: declared charsets honoured when the bytes agree."""
    return decode_page(data, content_type)


def parse_html(text: str) -> html.HtmlElement:
    if not text.strip():
        raise Rejected("empty_page", "the page has no content")
    # huge_tree stays off: libxml2 then refuses absurd nesting instead of recursing into it.
    parser = html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=False)
    try:
        root = html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise Rejected("unparsable_html", str(exc)) from exc
    if root is None:
        raise Rejected("unparsable_html", "no document element")
    return root


def extract_html(text: str, url: str, profile: Profile | None) -> RawArticle:
    """RawArticle of one page; raises Rejected when the page holds no article."""
    text = fix_mojibake(text)
    if not unicodedata.is_normalized("NFC", text):  # windows-1258 tones arrive as marks
        text = unicodedata.normalize("NFC", text)
    root = parse_html(text)
    meta = page_meta(root, text)
    layout = matching_layout(root, profile) if profile else None
    found = _with_profile(root, url, layout.selectors) if layout else None
    raw = found
    if raw is None or not raw.title or not any(b.kind == "text" for b in raw.blocks):
        # A profile with layouts tells article pages by them; one without (the generic
        # family) leaves it to the article pattern that sent the page here.
        if profile and profile.layouts and raw is None and not (
                meta.is_article or _looks_like_article(root)):
            raise Rejected("not_article", "no article on this page")
        raw = extract_generic(root, url, fallback=raw, meta_title=meta.title,
                              summary=meta.description,
                              site_name=profile.title if profile else None)
    raw.dates = meta.dates + raw.dates
    raw.meta_authors = meta.authors + raw.meta_authors
    raw.description = raw.description or meta.description
    raw.language = raw.language or root.get("lang") or (profile.language if profile else None)
    raw.portal = profile.name if profile else None
    raw.sources = field_sources(root, raw, found, layout, meta.title)
    return raw


def matching_layout(root: html.HtmlElement, profile: Profile) -> Layout | None:
    """The first layout version whose `article` selector matches the page."""
    return next((lay for lay in profile.layouts if _select(root, lay.selectors.article)), None)


def _with_profile(root: html.HtmlElement, url: str, sel: Selectors) -> RawArticle:
    """Fields by one layout's selectors.  A selector that finds nothing leaves the field
    to the generic extractor (the layout may have changed); one that finds an empty
    element means the article itself is incomplete (a draft), and it is rejected."""
    title = _text(root, sel.title)
    if title is None and _first(root, sel.title) is not None:
        raise Rejected("no_title", "the page's title element is empty")
    body = _first(root, sel.body)
    if body is not None:
        body = pruned_copy(body, sel.remove, url)
    dates = [DateText(role, t, f"selector:{css}")
             for role, css in (("published", sel.published), ("updated", sel.updated))
             for t in [_text(root, css)] if t]
    return RawArticle(
        url=url,
        title=title,
        blocks=body_blocks(body, url) if body is not None else [],
        lead=_text(root, sel.lead),
        dates=dates,
        author=_text(root, sel.author),
        category=_text(root, sel.category),
        extractor="profile",
    )


def _looks_like_article(root: html.HtmlElement) -> bool:
    """A page the profile does not recognise may still be an article (a redesign):
    Open Graph says so, or there is an <article> with a heading."""
    if _meta(root, "og:type") == "article" or _meta(root, "article:published_time"):
        return True
    return bool(root.xpath("//article[.//h1 or .//h2][string-length(normalize-space()) > 500]"))


@lru_cache(maxsize=256)
def _compiled(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def _select(root: html.HtmlElement, css: str) -> list[html.HtmlElement]:
    return _compiled(css)(root) if css else []


def _first(root: html.HtmlElement, css: str) -> html.HtmlElement | None:
    found = _select(root, css)
    return found[0] if found else None


def _text(root: html.HtmlElement, css: str) -> str | None:
    el = _first(root, css)
    if el is None:
        return None
    text = " ".join(" ".join(el.itertext()).split())
    return text or None


def _meta(root: html.HtmlElement, *names: str) -> str | None:
    for name in names:
        for value in root.xpath(
            "//meta[@property=$n or @name=$n or @itemprop=$n]/@content", n=name
        ):
            if value.strip():
                return value.strip()
    return None

