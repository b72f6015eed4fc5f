"""A saved or fetched HTML page -> RawArticle.

The page is parsed once with lxml.  The profile's selectors are tried first;
page metadata (Open Graph, `article:*` meta) adds date candidates; when the
profile misses the title or the body, or no profile applies, the generic
extractor (trafilatura) takes over and the result says so.
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree, html
from lxml.cssselect import CSSSelector
from w3lib.encoding import html_to_unicode

from crawler.errors import Rejected
from crawler.extract.blocks import body_blocks
from crawler.extract.generic import extract_generic
from crawler.model import DateText, RawArticle
from crawler.profiles import Profile

META_DATES = (
    ("published", "article:published_time"),
    ("published", "og:published_time"),
    ("updated", "article:modified_time"),
)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Text of an HTML document: BOM, then HTTP charset, then <meta> charset, then a guess."""
    _encoding, text = html_to_unicode(content_type, data)
    return text


def parse_html(text: str) -> html.HtmlElement:
    if not text.strip():
        raise Rejected("empty_page", "the page has no content")
    parser = html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise Rejected("unparsable_html", str(exc)) from exc
    if root is None:
        raise Rejected("unparsable_html", "no document element")
    return root


def extract_html(text: str, url: str, profile: Profile | None) -> RawArticle:
    """RawArticle of one page; raises Rejected when the page holds no article."""
    root = parse_html(text)
    meta_dates = _meta_dates(root)
    description = _meta(root, "og:description", "description")
    raw = None
    if profile and _select(root, profile.selectors.article):
        raw = _with_profile(root, url, profile)
    if raw is None or not raw.title or not any(b.kind == "text" for b in raw.blocks):
        if profile and raw is None and not _looks_like_article(root):
            raise Rejected("not_article", "no article on this page")
        raw = extract_generic(root, url, fallback=raw)
    raw.dates = meta_dates + raw.dates
    raw.description = raw.description or description
    raw.language = raw.language or root.get("lang") or (profile.language if profile else None)
    raw.portal = profile.name if profile else None
    return raw


def _with_profile(root: html.HtmlElement, url: str, profile: Profile) -> RawArticle:
    """Fields by the profile's selectors.  A selector that finds nothing leaves the field
    to the generic extractor (the layout may have changed); one that finds an empty
    element means the article itself is incomplete (a draft), and it is rejected."""
    sel = profile.selectors
    title = _text(root, sel.title)
    if title is None and _first(root, sel.title) is not None:
        raise Rejected("no_title", "the page's title element is empty")
    body = _first(root, sel.body)
    if body is not None:
        body = _pruned(body, sel.remove, url)
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


def _pruned(el: html.HtmlElement, remove: tuple[str, ...], url: str) -> html.HtmlElement:
    """A copy of the body without share buttons, print links and scripts, links absolute."""
    copy = html.fromstring(etree.tostring(el, encoding="unicode"))
    copy.make_links_absolute(url, resolve_base_href=False, handle_failures="discard")
    for css in (*remove, "script", "style", "noscript"):
        for junk in _select(copy, css):
            junk.drop_tree()
    return copy


def _meta(root: html.HtmlElement, *names: str) -> str | None:
    for name in names:
        for value in root.xpath(
            "//meta[@property=$n or @name=$n or @itemprop=$n]/@content", n=name
        ):
            if value.strip():
                return value.strip()
    return None


def _meta_dates(root: html.HtmlElement) -> list[DateText]:
    found = []
    for role, name in META_DATES:
        value = _meta(root, name)
        if value:
            found.append(DateText(role, value, f"meta:{name}"))
    return found
