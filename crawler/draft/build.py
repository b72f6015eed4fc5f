"""`draft_profile`: a sample article page and a listing page -> a profile to review.

The generic extractor reads the sample; the draft names the elements it read
(`crawler.draft.article`) and the listing's links (`crawler.draft.listing`).
The draft is then verified by re-extraction: the sample page extracted with
the drafted profile must give the generic extractor's fields; an optional
selector that makes a field differ is dropped (and the comment says so).
Family profiles are never consulted: the selectors are the draft's own.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from lxml import html

from crawler.api import extract_page
from crawler.draft.article import ArticleDraft, FieldPick, NotAnArticle, article_picks
from crawler.draft.css import select
from crawler.draft.listing import ListingDraft, draft_listing
from crawler.draft.toml_text import SiteInfo, render
from crawler.errors import Rejected
from crawler.extract.locate import text_key
from crawler.extract.page import decode_html, parse_html
from crawler.model import Article
from crawler.normalize.dates import parse_date
from crawler.profiles import Profile, load_profile

COMPARED = ("title", "published", "author", "lead", "body", "captions")
_OPTIONAL = ("published", "author", "lead", "category")
_HOST_NOISE = frozenset({"www", "gov", "vn", "com", "net", "org", "edu", "info", "test"})
_FAMILY_HINTS = (
    ("liferay-vcms", re.compile(r"vcmsviewcontent|/-/|liferay", re.I)),
    ("webcenter", re.compile(r"dDocName=", re.I)),
    ("dotnetnuke", re.compile(r"/tabid/\d+|DotNetNuke|\bdnn_", re.I)),
    ("sharepoint", re.compile(r"/Trang/[^\"']*\.aspx|SharePoint|_layouts/", re.I)),
    ("aspnet", re.compile(r"\.aspx\?nid=|__VIEWSTATE", re.I)),
    ("slug-nid", re.compile(r"^https?://\S+-n\d+(\.html?)?(\s|$)")),
    ("drupal", re.compile(r"Drupal|/node/\d+|data-drupal", re.I)),
)


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


def draft_profile(samples: Page | list[Page], listing: Page | None = None,
                  name: str | None = None, now: datetime | None = None) -> Draft:
    """The drafted profile; raises NotAnArticle when a sample holds no article.  Several
    samples: each one no earlier layout recognises adds a layout version."""
    samples = [samples] if isinstance(samples, Page) else list(samples)
    listing_root = _parse(listing.data) if listing else None
    layouts: list[_Layout] = []
    for sample in samples:
        root, generic = _parse(sample.data), _generic(sample, now)
        if not any(select(root, lay.picks["article"].pick.css) for lay in layouts
                   if lay.picks["article"].pick):
            found = article_picks(root, generic, listing_root)
            layouts.append(_Layout(sample, generic, found, found.picks, found.remove))
    urls = [s.url for s in samples]
    discovery = draft_listing(listing_root, listing.url, urls) if listing else None
    info = _site_info(_parse(samples[0].data), samples, listing, name)

    def check() -> dict[str, bool]:
        text = render(info, [(lay.picks, lay.remove) for lay in layouts], discovery, {})
        return _agreement(layouts, profile_of(text), now)

    agreement = check()
    for lay in layouts:
        agreement = _prune(lay, agreement, check)
    text = render(info, [(lay.picks, lay.remove) for lay in layouts], discovery, agreement)
    return Draft(text, agreement, discovery)


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
        raise NotAnArticle(f"the page holds no article ({exc})") from exc


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


def _site_info(root: html.HtmlElement, samples: list[Page], listing: Page | None,
               name: str | None) -> SiteInfo:
    parts = urlsplit(samples[0].url)
    host = (parts.hostname or "").lower()
    return SiteInfo(
        name=name or portal_name(host),
        title=_site_title(root) or host,
        base_url=f"{parts.scheme}://{parts.netloc}/",
        domains=(host.removeprefix("www."),),
        article_urls=tuple(s.url for s in samples),
        listing_url=listing.url if listing else "",
        family=guess_family(samples[0], root),
    )


def portal_name(host: str) -> str:
    """`sokhoahoccongnghe.phutho.gov.vn` -> `sokhoahoccongnghe-phutho`."""
    labels = [p for p in host.lower().split(".") if p and p not in _HOST_NOISE]
    name = re.sub(r"[^a-z0-9-]+", "-", "-".join(labels) or "portal").strip("-")
    return name[:63] or "portal"


def _site_title(root: html.HtmlElement) -> str | None:
    for value in root.xpath("//meta[@property='og:site_name']/@content"):
        if value.strip():
            return " ".join(value.split())
    title = " ".join((root.findtext(".//title") or "").split())
    for sep in (" | ", " - ", " – "):
        if sep in title:
            return title.rpartition(sep)[2]
    return None


def guess_family(sample: Page, root: html.HtmlElement) -> str:
    """The platform the URL and markup suggest; only ever written as a comment."""
    generator = " ".join(root.xpath("//meta[@name='Generator' or @name='generator']/@content"))
    evidence = f"{sample.url} {generator} {' '.join(root.xpath('//@id | //@class')[:400])}"
    return next((family for family, hint in _FAMILY_HINTS if hint.search(evidence)), "")

