"""RawArticle -> Article: the one place where the parts of an article are decided.

Every value passes through the pure helpers of this package: text is cleaned to
NFC, the dateline goes to `source_label`, blocks are told apart (paragraph,
caption, byline, heading), dates are parsed day-first in Asia/Ho_Chi_Minh and
checked for plausibility, topics come from the portal's section or, failing
that, from keywords.  HTML blocks and plain-text blocks take the same road.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from crawler.errors import Rejected
from crawler.model import Article, Block, DateText, Image, RawArticle
from crawler.normalize import html as body_html
from crawler.normalize.byline import clean_byline, looks_like_byline
from crawler.normalize.dateline import split_dateline
from crawler.normalize.dates import ParsedDate, dateline_date, implausible_reason, parse_date
from crawler.normalize.parts import Part, classify, without_tail_chrome
from crawler.normalize.repair import repaired
from crawler.normalize.text import clean_text, cut_on_word, fold
from crawler.topics import classify as classify_topics
from crawler.topics import topic_for_section

LEAD_MAX_CHARS = 400
_MIN_LEAD_CHARS = 20  # a shorter first paragraph is a fragment; the description reads better


def normalize(
    raw: RawArticle, *, now: datetime, topic_map: Mapping[str, str] | None = None
) -> Article:
    """The Article of a RawArticle; raises Rejected when it is not publishable."""
    raw = repaired(raw)
    title = clean_text(raw.title or "")
    if not title:
        raise Rejected("no_title", "the article has no title")
    parts = classify(without_tail_chrome(_cleaned(raw)), raw.layout)
    author = _author(raw, parts)
    paragraphs = [p.block.text for p in parts if p.role == "paragraph"]
    if not paragraphs:
        raise Rejected("empty_body", "the article has no body text")
    source_label, paragraphs[0] = split_dateline(paragraphs[0])
    lead = _lead(paragraphs[0], raw.description)
    published = _published(raw.dates, now, raw_lead=_first_text(raw))
    updated = _date_of(raw.dates, "updated", now)
    return Article(
        title=title,
        url=raw.url,
        portal=raw.portal,
        source_label=source_label,
        source=_source(parts),
        published=published.value if published else None,
        published_precision=published.precision if published else None,
        updated=updated.value if updated else None,
        author=author,
        lead=lead,
        body=paragraphs,
        body_html=_render(parts, lead_index=_first_paragraph(parts), lead=paragraphs[0]),
        captions=[p.block.text for p in parts if p.role == "caption"],
        images=_images(parts),
        category=clean_text(raw.category) if raw.category else None,
        topics=_topics(raw.category, topic_map or {}, title, lead),
        language=_language(raw.language),
        extractor=raw.extractor,
    )


def _cleaned(raw: RawArticle) -> list[Block]:
    """Blocks with clean text; the explicit lead element, if any, leads the body."""
    blocks = [
        Block(b.kind, clean_text(b.text), b.image_url, b.hints, b.html)
        for b in raw.blocks
    ]
    blocks = [b for b in blocks if b.kind == "image" or b.text]
    lead = clean_text(raw.lead or "")
    if lead:
        first = next((b for b in blocks if b.kind == "text"), None)
        if first is None or fold(first.text) != fold(lead):
            blocks.insert(0, Block("text", lead))
    return blocks


def _author(raw: RawArticle, parts: list[Part]) -> str | None:
    """The profile's author element, else a metadata author that reads as a person's
    name (not the site's name), else the byline found in the body."""
    explicit = clean_text(raw.author or "")
    if explicit:
        return clean_byline(explicit)
    for candidate in raw.meta_authors:
        name = clean_text(candidate)
        if looks_like_byline(name) and len(name.split()) > 1:
            return clean_byline(name)
    bylines = [p.block.text for p in parts if p.role == "byline"]
    return clean_byline(bylines[0]) if bylines else None


def _source(parts: list[Part]) -> str | None:
    sources = [clean_text(p.block.text).strip("()[] .") for p in parts if p.role == "source"]
    return sources[0] if sources else None


def _lead(first: str, description: str | None) -> str:
    """The first paragraph, or the page's description when that paragraph is a fragment;
    cut on a word boundary."""
    description = clean_text(description or "")
    text = description if len(first) < _MIN_LEAD_CHARS and description else first
    return cut_on_word(text, LEAD_MAX_CHARS)


def _first_text(raw: RawArticle) -> str:
    if raw.lead:
        return clean_text(raw.lead)
    return next((clean_text(b.text) for b in raw.blocks if b.kind == "text"), "")


def _date_of(dates: list[DateText], role: str, now: datetime) -> ParsedDate | None:
    """The first plausible date of a role, in the order the extractor ranked them
    (metadata first).  When the page prints a date through the profile's selector on
    another day, the printed one wins: CMSs restamp metadata on migration or edit.  A
    date-only value takes its time from a later candidate of the same day."""
    plausible = [
        (candidate.source, parsed) for candidate in dates if candidate.role == role
        for parsed in [parse_date(candidate.text)]
        if parsed and implausible_reason(parsed.value, now=now) is None
    ]
    if not plausible:
        return None
    printed = [p for source, p in plausible if source.startswith("selector:")]
    best = plausible[0][1]
    if printed and printed[0].value.date() != best.value.date():
        best = printed[0]
    if best.precision == "date":
        same_day = (p for _, p in plausible if p.precision == "datetime"
                    and p.value.date() == best.value.date())
        best = next(same_day, best)
    return best


def _published(dates: list[DateText], now: datetime, raw_lead: str) -> ParsedDate | None:
    """Page dates first; the lead's dateline (`Ngày 19/1/2022, …`) when the page has none."""
    parsed = _date_of(dates, "published", now)
    if parsed is None:
        parsed = dateline_date(raw_lead)
        if parsed and implausible_reason(parsed.value, now=now) is not None:
            parsed = None
    return parsed


def _first_paragraph(parts: list[Part]) -> int:
    return next(i for i, p in enumerate(parts) if p.role == "paragraph")


def _images(parts: list[Part]) -> list[Image]:
    images: list[Image] = []
    seen: set[str] = set()
    for i, part in enumerate(parts):
        if part.role != "image" or part.block.image_url in seen:
            continue
        seen.add(part.block.image_url)
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        caption = nxt.block.text if nxt and nxt.role == "caption" else None
        images.append(Image(part.block.image_url, caption))
    return images


def _render(parts: list[Part], *, lead_index: int, lead: str) -> str:
    html: list[str] = []
    seen: set[str | None] = set()
    for i, part in enumerate(parts):
        block = part.block
        if part.role == "image" and block.image_url in seen:
            continue
        seen.add(block.image_url if part.role == "image" else None)
        if part.role == "paragraph":
            markup = "" if i == lead_index else block.html
            html.append(body_html.paragraph(lead if i == lead_index else block.text, markup))
        elif part.role == "heading":
            html.append(body_html.heading(block.text))
        elif part.role == "image":
            nxt = parts[i + 1] if i + 1 < len(parts) else None
            caption = nxt.block.text if nxt and nxt.role == "caption" else None
            html.append(body_html.figure(block.image_url, caption, block.text))
        elif part.role == "caption" and (i == 0 or parts[i - 1].role != "image"):
            html.append(body_html.paragraph(block.text))
    return body_html.sanitize("\n".join(html))


def _topics(
    category: str | None, topic_map: Mapping[str, str], title: str, lead: str
) -> list[str]:
    mapped = topic_for_section(clean_text(category), topic_map) if category else None
    return [mapped] if mapped else classify_topics(title, lead)


def _language(value: str | None) -> str:
    if not value:
        return "vi"
    return value.split("-")[0].strip().lower() or "vi"
