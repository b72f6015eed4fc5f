"""The generic path: trafilatura finds the article when no profile selector does.

trafilatura decides which text is the article; we locate that text in the page
(`crawler.extract.locate`) and read the container with the same `body_blocks`
as the profile path, so captions, bylines, lazy images and teasers keep their
layout hints and one normaliser serves both.  When the text cannot be located,
trafilatura's own XML output becomes the blocks.
"""

from __future__ import annotations

import copy

import htmldate
import trafilatura
from lxml import etree, html

from crawler.errors import Rejected
from crawler.extract.blocks import body_blocks, pruned_copy
from crawler.extract.locate import first_kept, locate, output_keys, text_key
from crawler.extract.pagedate import chrome_months, page_dates
from crawler.extract.title import heading_above, heading_title, site_names, title_tag
from crawler.model import Block, DateText, RawArticle
from crawler.normalize.byline import looks_like_byline
from crawler.normalize.dates import parse_date
from crawler.normalize.images import is_junk_image
from crawler.urls import absolute


def extract_generic(
    root: html.HtmlElement, url: str, fallback: RawArticle | None = None,
    meta_title: str | None = None, summary: str | None = None, site_name: str | None = None,
) -> RawArticle:
    """RawArticle found by trafilatura; fields the profile did find are kept.

    Dates printed near the heading come before trafilatura's guess, which may
    take a header clock for the article's date.  `site_name` (the profile's title)
    and the names the page gives itself are never the article's title."""
    doc = _trafilatura(root, url)
    keep = fallback or RawArticle(url=url, title=None)
    title = keep.title or _title(root, doc.find("main"), meta_title, site_name)
    if not title:
        raise Rejected("no_title", "no title on this page but the site's name")
    blocks = _located_blocks(root, doc.find("main"), url, title)
    blocks = blocks or _blocks(doc.find("main"), url)
    lead = keep.lead or _printed_summary(root, summary, blocks)
    if not any(b.kind == "text" for b in blocks):
        raise Rejected("empty_body", "no body text found on this page")
    return RawArticle(
        url=url,
        title=title,
        blocks=blocks,
        lead=lead,
        dates=_dates(root, url, keep.dates, title),
        author=keep.author,
        category=keep.category,
        extractor="generic",
    )


_CAPTION_HINTS = frozenset({"figcaption", "after_image"})
_MIN_SUMMARY_CHARS = 60
_MAX_DATE_LINE = 80


def _trafilatura(root: html.HtmlElement, url: str) -> etree._Element:
    """trafilatura's XML document of the page (it edits the tree, so it gets a copy).
    Its metadata pass is skipped: `crawler.extract.metadata` reads the same tags."""
    xml = trafilatura.extract(
        copy.deepcopy(root), url=url, output_format="xml", include_images=True,
        include_tables=True, with_metadata=False, include_comments=False,
    )
    if not xml:
        raise Rejected("not_article", "no article text found on this page")
    return etree.fromstring(xml.encode("utf-8"))


def _title(root: html.HtmlElement, main: etree._Element | None, meta_title: str | None,
           site_name: str | None) -> str | None:
    """The metadata title or `<h1>`, else the heading above the body, else `<title>`;
    none of them when it is only the site's name (`crawler.extract.title`)."""
    names = site_names(root, site_name)
    found = heading_title(root, meta_title, names)
    if found or main is None:
        return found or title_tag(root, names)
    first = first_kept(root, output_keys(main))
    return heading_above(first, names) or title_tag(root, names)


def _dates(root: html.HtmlElement, url: str, known: list[DateText],
           title: str | None) -> list[DateText]:
    """Dates the profile found, then those printed near the heading; htmldate's guess
    (URL, scripts, loose text) only when the page printed none we could find and the
    guess is not the header clock's."""
    dates = list(known) + page_dates(root, title)
    if not dates:
        guess = htmldate.find_date(copy.deepcopy(root), url=url, extensive_search=False,
                                   original_date=True)
        if guess and not _clock_like(guess, root):
            dates.append(DateText("published", guess, "generic:htmldate"))
    return dates


def _located_blocks(
    root: html.HtmlElement, main: etree._Element | None, url: str, title: str | None
) -> list[Block]:
    """Blocks of the page element holding trafilatura's text, from its first paragraph on."""
    if main is None:
        return []
    keys = output_keys(main) - {text_key(title or "")}
    container = locate(root, keys)
    if container is None:
        return []
    blocks = body_blocks(pruned_copy(container, (), url), url)
    start = next((i for i, b in enumerate(blocks) if _opens_article(b, keys)), None)
    if start is None:
        return []
    # A picture printed above the first paragraph, with its caption, belongs to the
    # article, and so does a byline printed above it (`Thực hiện: …`).
    while start > 0 and (blocks[start - 1].kind == "image"
                         or blocks[start - 1].hints & _CAPTION_HINTS
                         or looks_like_byline(blocks[start - 1].text)):
        start -= 1
    return blocks[start:]


def _opens_article(block: Block, keys: set[str]) -> bool:
    """A paragraph trafilatura kept, not a caption, not the date line under the title."""
    if block.kind != "text" or text_key(block.text) not in keys or block.hints & _CAPTION_HINTS:
        return False
    return not (len(block.text) <= _MAX_DATE_LINE and parse_date(block.text))


def _blocks(main: etree._Element | None, url: str) -> list[Block]:
    blocks: list[Block] = []
    if main is None:
        return blocks
    for el in main.iter("p", "head", "graphic", "list", "quote", "table"):
        if el.tag == "graphic":
            src = absolute(url, el.get("src"))
            if src and not is_junk_image(src):
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


def _printed_summary(root: html.HtmlElement, summary: str | None,
                     blocks: list[Block]) -> str | None:
    """The page's description when the page prints it as the article's summary (a sapo
    above the body, which trafilatura tends to leave out) and the blocks lack it."""
    wanted = " ".join((summary or "").split())
    if len(wanted) < _MIN_SUMMARY_CHARS or any(wanted[:40] in b.text for b in blocks):
        return None
    body = root.find("body")
    for el in (body if body is not None else root).iter("p", "div", "strong", "b", "h2", "h3",
                                                         "span", "em", "section"):
        own = " ".join((el.text or "").split())
        if own and wanted.startswith(own[:30]) and " ".join(el.text_content().split()) == wanted:
            return wanted
    return None


def _clock_like(value: str, root: html.HtmlElement) -> bool:
    """trafilatura's date falls in a month the header clock shows: likely the clock's."""
    parsed = parse_date(value)
    return parsed is None or (parsed.value.year, parsed.value.month) in chrome_months(root)
