"""The generic path: trafilatura finds the article when no profile selector does.

We take trafilatura's XML output (reading order, headings, images) and turn it
into the same Blocks the profile path produces, so one normaliser serves both.
"""

from __future__ import annotations

import copy

import trafilatura
from lxml import etree, html

from crawler.errors import Rejected
from crawler.model import Block, DateText, RawArticle
from crawler.urls import absolute


def extract_generic(
    root: html.HtmlElement, url: str, fallback: RawArticle | None = None
) -> RawArticle:
    """RawArticle found by trafilatura; fields the profile did find are kept."""
    xml = trafilatura.extract(
        copy.deepcopy(root), url=url, output_format="xml", include_images=True,
        include_tables=True, with_metadata=True, include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not xml:
        raise Rejected("not_article", "no article text found on this page")
    doc = etree.fromstring(xml.encode("utf-8"))
    blocks = _blocks(doc.find("main"), url)
    if not any(b.kind == "text" for b in blocks):
        raise Rejected("empty_body", "no body text found on this page")
    keep = fallback or RawArticle(url=url, title=None)
    dates = list(keep.dates)
    if doc.get("date"):
        dates.append(DateText("published", doc.get("date"), "generic:trafilatura"))
    return RawArticle(
        url=url,
        title=keep.title or doc.get("title"),
        blocks=blocks,
        lead=keep.lead,
        dates=dates,
        author=keep.author or doc.get("author"),
        category=keep.category or (doc.get("categories") or "").split(";")[0].strip() or None,
        extractor="generic",
    )


def _blocks(main: etree._Element | None, url: str) -> list[Block]:
    blocks: list[Block] = []
    if main is None:
        return blocks
    for el in main.iter("p", "head", "graphic", "list", "quote", "table"):
        if el.tag == "graphic":
            src = absolute(url, el.get("src"))
            if src:
                blocks.append(Block("image", el.get("alt") or "", src))
            continue
        if any(a.tag in ("list", "quote", "table") for a in el.iterancestors()):
            continue
        text = " ".join("".join(el.itertext()).split())
        if text:
            kind = "heading" if el.tag == "head" else "text"
            after_image = bool(blocks) and blocks[-1].kind == "image"
            hints = frozenset({"after_image"}) if after_image else frozenset()
            blocks.append(Block(kind, text, None, hints))
    return blocks
