"""What a page says about itself: JSON-LD `NewsArticle`, Open Graph, CMS `<meta>` tags.

Metadata is read before the profile's selectors: ISO dates with offsets beat a
date line printed for people.  Everything here is a candidate; the normaliser
keeps a value only when it is plausible (a date in the past, an author that
reads as a person's name), so a CMS that stamps every page with today's date or
the site's name as author does not win.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree, html

from crawler.model import DateText

# In order of trust: structured data first, then the tags CMSs write.
META_DATES = (
    ("published", "article:published_time"),
    ("published", "og:published_time"),
    ("published", "datePublished"),
    ("published", "dc.date.issued"),
    ("published", "dcterms.issued"),
    ("published", "dc.date.created"),
    ("published", "dc.date"),
    ("published", "pubdate"),
    ("published", "publishdate"),
    ("published", "publish-date"),
    ("published", "article.published"),
    ("published", "created"),
    ("updated", "article:modified_time"),
    ("updated", "og:updated_time"),
    ("updated", "dateModified"),
    ("updated", "dc.date.modified"),
    ("updated", "dcterms.modified"),
    ("updated", "article.updated"),
)
# Not `WebPage`: SEO plugins put one, with a date, on listing pages too.
ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
                           "AnalysisNewsArticle"})
_MAX_JSON_CHARS = 200_000
_MICRODATA = etree.XPath(
    "//*[@itemprop='datePublished' or @itemprop='dateModified'][not(self::meta)]")


@dataclass
class PageMeta:
    title: str | None = None
    dates: list[DateText] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    image: str | None = None
    description: str | None = None
    section: str | None = None
    is_article: bool = False


def page_meta(root: html.HtmlElement, source: str | None = None) -> PageMeta:
    """Metadata candidates of a page, JSON-LD first.  `source`, the page's text, lets
    the microdata scan of the whole tree be skipped on pages that have none."""
    meta = PageMeta()
    tags = _meta_tags(root)
    for item in _json_ld_articles(root):
        _merge_json_ld(meta, item)
    for role, name in META_DATES:
        value = tags.get(name.lower())
        if value:
            meta.dates.append(DateText(role, value, f"meta:{name}"))
    if source is None or "datePublished" in source or "dateModified" in source:
        meta.dates += _time_elements(root)
    meta.title = meta.title or tags.get("og:title")
    meta.description = tags.get("og:description") or tags.get("description") or meta.description
    meta.image = meta.image or tags.get("og:image")
    meta.section = meta.section or tags.get("article:section")
    for name in ("article:author", "author", "dc.creator"):
        if tags.get(name) and "://" not in tags[name]:
            meta.authors.append(tags[name])
    meta.is_article = meta.is_article or tags.get("og:type") == "article"
    return meta


def _meta_tags(root: html.HtmlElement) -> dict[str, str]:
    """First non-empty value of every `<meta>` name/property/itemprop, names lowercased."""
    tags: dict[str, str] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        value = (el.get("content") or "").strip()
        if key and value:
            tags.setdefault(key.strip().lower(), value)
    return tags


def _time_elements(root: html.HtmlElement) -> list[DateText]:
    """`<time itemprop="datePublished" datetime="…">` inside the page (microdata)."""
    found = []
    for el in _MICRODATA(root):
        value = (el.get("datetime") or el.get("content") or el.text_content() or "").strip()
        if value:
            role = "published" if el.get("itemprop") == "datePublished" else "updated"
            found.append(DateText(role, value[:200], f"microdata:{el.get('itemprop')}"))
    return found


def _json_ld_articles(root: html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = (script.text or "").strip()
        if not text or len(text) > _MAX_JSON_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:  # CMSs emit trailing commas and raw newlines; skip, do not guess
            continue
        yield from (item for item in _items(data) if _is_article(item))


def _items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _items(item)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _items(data["@graph"])


def _is_article(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k in ARTICLE_TYPES for k in kinds) and (
        "headline" in item or "datePublished" in item
    )


def _merge_json_ld(meta: PageMeta, item: dict[str, Any]) -> None:
    meta.is_article = True
    meta.title = meta.title or _string(item.get("headline"))
    for role, key in (("published", "datePublished"), ("updated", "dateModified")):
        value = _string(item.get(key))
        if value:
            meta.dates.append(DateText(role, value, f"json-ld:{key}"))
    meta.authors += [a for a in _names(item.get("author")) if "://" not in a]
    meta.image = meta.image or next(iter(_urls(item.get("image"))), None)
    meta.description = meta.description or _string(item.get("description"))
    meta.section = meta.section or _string(item.get("articleSection"))


def _string(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value.strip() or None if isinstance(value, str) else None


def _names(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = [v.get("name") if isinstance(v, dict) else v for v in values]
    return [n.strip() for n in names if isinstance(n, str) and n.strip()]


def _urls(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    urls = [v.get("url") if isinstance(v, dict) else v for v in values]
    return [u.strip() for u in urls if isinstance(u, str) and u.strip()]
