"""Which rule produced each field of a RawArticle: the answer `portalfeed doctor` reports.

Values: "layout:<layout name>:<css>" (a profile selector), "metadata:json-ld",
"metadata:og", "metadata:meta" (what the page says about itself), "generic" (the
generic extractor), "pagedate" (a date printed near the heading), "dateline" (the
date the lead opens with), or "absent".  A lead or byline the normaliser takes from
the body has the body's source.  Pure: the page, the extraction results in, a dict out.
"""

from __future__ import annotations

from lxml import html

from crawler.model import DateText, RawArticle
from crawler.normalize.byline import looks_like_byline
from crawler.normalize.dates import dateline_date, parse_date
from crawler.profiles import Layout

FIELDS = ("title", "published", "author", "lead", "body", "category")
_BYLINE_TAIL = 3  # bylines close an article: the last few text blocks


def field_sources(root: html.HtmlElement, raw: RawArticle, found: RawArticle | None,
                  layout: Layout | None, meta_title: str | None) -> dict[str, str]:
    """Source of every field of `raw`; `found` is what `layout`'s selectors gave."""
    def by_layout(name: str) -> str | None:
        if found is None or layout is None:
            return None
        value = found.blocks if name == "body" else getattr(found, name)
        return f"layout:{layout.name}:{getattr(layout.selectors, name)}" if value else None

    body = by_layout("body") if raw.extractor == "profile" else None
    body = body or ("generic" if raw.blocks else "absent")
    return {
        "title": by_layout("title") or _title_source(root, raw.title, meta_title),
        "published": _published_source(raw, layout),
        "author": by_layout("author") or _author_source(root, raw, body),
        "lead": by_layout("lead") or ("generic" if raw.lead else body),
        "body": body,
        "category": by_layout("category") or "absent",
    }


def date_source(source: str, layout: Layout | None) -> str:
    """A DateText's source as a provenance value."""
    kind, _, rest = source.partition(":")
    if kind == "selector":
        return f"layout:{layout.name}:{rest}" if layout is not None else "generic"
    if kind == "json-ld":
        return "metadata:json-ld"
    if kind == "meta":
        return "metadata:og" if rest.startswith(("og:", "article:")) else "metadata:meta"
    if kind == "microdata":
        return "metadata:meta"
    return "generic" if source == "generic:htmldate" else "pagedate"


def _published_source(raw: RawArticle, layout: Layout | None) -> str:
    """The candidate the normaliser prefers (the first that parses; a date printed through
    the profile's selector on another day wins), or the lead's dateline."""
    parsed = [(d, p) for d in raw.dates if d.role == "published"
              for p in [parse_date(d.text)] if p]
    if not parsed:
        return "dateline" if dateline_date(_first_text(raw)) else "absent"
    best: DateText = parsed[0][0]
    printed = [(d, p) for d, p in parsed if d.source.startswith("selector:")]
    if printed and printed[0][1].value.date() != parsed[0][1].value.date():
        best = printed[0][0]
    return date_source(best.source, layout)


def _title_source(root: html.HtmlElement, title: str | None, meta_title: str | None) -> str:
    if not title:
        return "absent"
    if any(" ".join(h.text_content().split()) == title for h in root.iter("h1")):
        return "generic"
    og = root.xpath("string(//meta[@property='og:title']/@content)").strip()
    if og and title == og:
        return "metadata:og"
    return "metadata:json-ld" if title == meta_title else "generic"


def _author_source(root: html.HtmlElement, raw: RawArticle, body: str) -> str:
    """Metadata names the normaliser would accept, else a byline closing the body."""
    for name in raw.meta_authors:
        name = " ".join(name.split())
        if looks_like_byline(name) and len(name.split()) > 1:
            for kind, names in (("og", "@property='article:author'"),
                                ("meta", "@name='author' or @name='dc.creator'")):
                tags = root.xpath(f"//meta[{names}]/@content")
                if name in {" ".join(t.split()) for t in tags}:
                    return f"metadata:{kind}"
            return "metadata:json-ld"
    texts = [b.text for b in raw.blocks if b.kind == "text"][-_BYLINE_TAIL:]
    return body if any(looks_like_byline(t) for t in texts) else "absent"


def _first_text(raw: RawArticle) -> str:
    if raw.lead:
        return raw.lead
    return next((b.text for b in raw.blocks if b.kind == "text"), "")
