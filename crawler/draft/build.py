"""`draft_profile`: sample article pages and a listing page -> a profile to review.

The generic extractor reads each sample; the draft names the elements it read
(`crawler.draft.article`) and the listing's links (`crawler.draft.listing`).
A sample no earlier layout reads adds a layout version.  The draft is then
verified by re-extraction: each sample extracted with the drafted profile must
give the generic extractor's fields, or the printed ones the draft chose over
them; an optional selector that makes a field differ is dropped (the comment
says so).  Family profiles are never consulted: the selectors are the draft's own.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import html

from crawler.api import extract_page
from crawler.draft.article import (
    ArticleDraft,
    FieldPick,
    NotAnArticle,
    article_pick,
    article_picks,
)
from crawler.draft.css import select
from crawler.draft.listing import ListingDraft, draft_listing
from crawler.draft.site import site_info
from crawler.draft.toml_text import render
from crawler.errors import Rejected
from crawler.extract.locate import text_key
from crawler.extract.page import decode_html, parse_html
from crawler.model import Article
from crawler.normalize.dates import parse_date
from crawler.profiles import Profile, load_profile

COMPARED = ("title", "published", "author", "lead", "body", "captions")
_OPTIONAL = ("published", "author", "lead", "category")


@dataclass(frozen=True)
class Page:
    """A page as fetched or saved, named by its public URL."""

    data: bytes
    url: str


@dataclass(frozen=True)
class Draft:
    text: str  # the TOML profile, comments included
    agreement: dict[str, bool]  # field -> the draft re-extracts the generic extractor's value
    listing: ListingDraft | None


@dataclass
class _Layout:
    """One layout version: drafted from one sample page."""

    sample: Page
    generic: Article
    found: ArticleDraft
    picks: dict[str, FieldPick]
    remove: list[str]
    root: html.HtmlElement


def draft_profile(samples: Page | list[Page], listing: Page | None = None,
                  name: str | None = None, now: datetime | None = None) -> Draft:
    """The drafted profile; raises NotAnArticle when a sample holds no article.  Several
    samples: each one no earlier layout reads adds a layout version."""
    samples = [samples] if isinstance(samples, Page) else list(samples)
    listing_root = _parse(listing.data) if listing else None
    layouts: list[_Layout] = []
    for sample in samples:
        _add_layout(layouts, sample, listing_root, now)
    urls = [s.url for s in samples]
    discovery = draft_listing(listing_root, listing.url, urls) if listing else None
    info = site_info(layouts[0].root, urls, listing.url if listing else "", name)

    def check() -> dict[str, bool]:
        text = render(info, [(lay.picks, lay.remove) for lay in layouts], discovery, {})
        return _agreement(layouts, profile_of(text), now)

    agreement = check()
    for lay in layouts:
        agreement = _prune(lay, agreement, check)
    text = render(info, [(lay.picks, lay.remove) for lay in layouts], discovery, agreement)
    return Draft(text, agreement, discovery)


def _add_layout(layouts: list[_Layout], sample: Page, listing: html.HtmlElement | None,
                now: datetime | None) -> None:
    """Draft a layout from `sample` unless an earlier one reads it; an earlier layout
    whose `article` selector would claim the new page gets one that does not."""
    root, generic = _parse(sample.data), _generic(sample, now)
    if any(_reads(lay, root) for lay in layouts):
        return
    pages = [p for p in (listing,) if p is not None]
    try:
        found = article_picks(root, generic, pages + [lay.root for lay in layouts])
    except NotAnArticle as exc:
        raise NotAnArticle(f"{sample.url}: {exc}") from None
    new = _Layout(sample, generic, found, found.picks, found.remove, root)
    layouts.append(new)
    for lay in layouts[:-1]:
        others = pages + [other.root for other in layouts if other is not lay]
        lay.picks = {**lay.picks, "article": article_pick(lay.root, others, lay.found.boxes)}


def _reads(lay: _Layout, root: html.HtmlElement) -> bool:
    """The layout's article, title and body selectors all find something on the page."""
    picks = [lay.picks[key].pick for key in ("article", "title", "body")]
    return all(p is not None and select(root, p.css) for p in picks)


def _prune(lay: _Layout, agreement: dict[str, bool],
           check: Callable[[], dict[str, bool]]) -> dict[str, bool]:
    """Drop the optional selectors (and the remove list) that re-extraction shows wrong."""
    for field in _OPTIONAL:
        if lay.picks[field].pick is None or all(agreement.values()):
            continue
        kept = lay.picks
        lay.picks = {**kept, field: FieldPick(None, "dropped: re-extraction disagreed")}
        better = check()
        if sum(better.values()) > sum(agreement.values()):
            agreement = better
        else:
            lay.picks = kept
    if lay.remove and not agreement["body"]:
        kept_remove, lay.remove = lay.remove, []
        better = check()
        if sum(better.values()) > sum(agreement.values()):
            return better
        lay.remove = kept_remove
    return agreement


def _generic(sample: Page, now: datetime | None) -> Article:
    try:
        return extract_page(sample.data, sample.url, None, content_type="text/html", now=now)
    except Rejected as exc:
        raise NotAnArticle(f"{sample.url}: the page holds no article ({exc})") from exc


def _parse(data: bytes) -> html.HtmlElement:
    """Parsed as `extract_html` parses it (decoded, NFC), so elements match its reading."""
    return parse_html(unicodedata.normalize("NFC", decode_html(data)))


def profile_of(text: str) -> Profile:
    """The drafted text loaded the way `portalfeed` loads profile files."""
    with tempfile.TemporaryDirectory(prefix="portalfeed-draft-") as folder:
        path = Path(folder) / "draft.toml"
        path.write_text(text, encoding="utf-8")
        return load_profile(path)


def _agreement(layouts: list[_Layout], profile: Profile,
               now: datetime | None) -> dict[str, bool]:
    """Field by field, over every sample: does the draft re-extract what the generic
    extractor found (plus a summary or byline it left out, which the draft selects)?"""
    same = dict.fromkeys(COMPARED, True)
    for lay in layouts:
        for field, ok in _sample_agreement(lay, profile, now).items():
            same[field] = same[field] and ok
    return same


def _sample_agreement(lay: _Layout, profile: Profile, now: datetime | None) -> dict[str, bool]:
    try:
        again = extract_page(lay.sample.data, lay.sample.url, profile,
                             content_type="text/html", now=now)
    except Rejected:
        return dict.fromkeys(COMPARED, False)
    mine, theirs = again.to_dict(), lay.generic.to_dict()
    same = {f: mine[f] == theirs[f] for f in COMPARED}
    printed = lay.found.printed
    for key in ("title", "lead", "author"):
        if key in printed:
            same[key] = _within(mine[key], printed[key])
    if "published" in printed:
        date = parse_date(printed["published"])
        same["published"] = bool(date) and mine["published"] == date.value.isoformat()
    same["body"] = same["body"] or _same_prose(mine["body"], theirs["body"], lay.found)
    return same


def _same_prose(mine: list[str], theirs: list[str], found: ArticleDraft) -> bool:
    """The draft's body holds all the prose that placed its element, and nothing the
    generic extractor did not find but the lead the draft added."""
    rest = mine[1:] if "lead" in found.printed else mine
    keys = {text_key(p) for p in mine}
    return bool(rest) and set(rest) <= set(theirs) and found.body_keys <= keys


def _within(value: str | None, printed: str) -> bool:
    return bool(value) and " ".join(value.split()) in " ".join(printed.split())
