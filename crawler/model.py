"""The data that flows through portalfeed.

`RawArticle` is what an extractor saw on a page (or in a text file): strings as
printed, blocks in reading order with layout hints.  `Article` is the one
normalised record every later stage shares: NFC text, tz-aware datetimes,
absolute URLs.  The spider yields Articles, the store keeps them, feeds render
them, `portalfeed extract` prints `Article.to_dict()`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Literal

BlockKind = Literal["text", "image", "heading"]
Precision = Literal["date", "datetime"]
Extractor = Literal["profile", "generic"]

# Layout hints an extractor may attach to a block; the normaliser reads them to
# tell captions, bylines and crossheads from paragraphs.
HINTS = frozenset(
    {
        "italic",  # the whole block is <em>/<i>
        "bold",  # the whole block is <strong>/<b>
        "centered",  # text-align: center, <center>, align="center"
        "right",  # text-align: right (bylines)
        "figcaption",  # <figcaption> or a caption cell of an image table
        "after_image",  # the block directly follows an image
        "link",  # the whole block is one link (related-article teasers)
    }
)


@dataclass(frozen=True)
class Block:
    """One unit of an article body in reading order."""

    kind: BlockKind
    text: str = ""
    image_url: str | None = None
    hints: frozenset[str] = frozenset()
    html: str = ""  # inner HTML of a text block (links, emphasis), unsanitised; "" for plain text


@dataclass(frozen=True)
class DateText:
    """A date as printed on the page, and where it came from."""

    role: Literal["published", "updated"]
    text: str
    source: str  # e.g. "selector:div.post__datetime", "meta:article:published_time"


@dataclass
class RawArticle:
    """What an extractor found, before normalisation."""

    url: str | None
    title: str | None
    blocks: list[Block] = field(default_factory=list)
    lead: str | None = None  # an explicit lead/summary element, if the page has one
    dates: list[DateText] = field(default_factory=list)
    author: str | None = None  # an explicit author element, if the page has one
    meta_authors: list[str] = field(default_factory=list)  # JSON-LD / <meta> author candidates
    category: str | None = None  # the portal's own section name
    description: str | None = None  # <meta name="description"> / og:description
    language: str | None = None
    portal: str | None = None
    extractor: Extractor = "profile"
    # "text": blocks came from a plain-text file and carry no layout hints, so the
    # normaliser must tell captions from paragraphs by their wording alone.
    layout: Literal["html", "text"] = "html"
    # Which rule produced each field (title, published, author, lead, body, category):
    # "layout:<name>:<css>", "metadata:json-ld|og|meta", "generic", "pagedate", "absent".
    sources: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Image:
    url: str
    caption: str | None = None


@dataclass
class Article:
    """A normalised article: the record shared by every stage."""

    title: str
    url: str | None = None
    portal: str | None = None
    source_label: str | None = None
    source: str | None = None  # a `Theo …` / `Nguồn: …` credit line, taken out of the body
    published: datetime | None = None
    published_precision: Precision | None = None
    updated: datetime | None = None
    author: str | None = None
    lead: str | None = None
    body: list[str] = field(default_factory=list)
    body_html: str = ""
    captions: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    category: str | None = None
    topics: list[str] = field(default_factory=list)
    language: str = "vi"
    extractor: Extractor = "profile"
    # Official documents linked from the body: {"url", "type" (MIME), "title"}; feeds
    # show them as enclosures.
    attachments: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for name in ("published", "updated"):
            value = getattr(self, name)
            if value is not None and value.utcoffset() is None:
                raise ValueError(f"Article.{name} must be timezone-aware, got {value!r}")

    @property
    def fingerprint(self) -> str:
        """Hash of what a reader sees; changes when the article is edited."""
        seen = [self.title, self.lead, self.body, self.captions, [i.url for i in self.images]]
        if self.attachments:  # only then: fingerprints of articles without any stay as they were
            seen.append([a.get("url") for a in self.attachments])
        payload = json.dumps(seen, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("published", "updated"):
            value = getattr(self, name)
            data[name] = value.isoformat() if value else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        for name in ("published", "updated"):
            if kwargs.get(name):
                kwargs[name] = datetime.fromisoformat(kwargs[name])
        kwargs["images"] = [Image(**i) for i in kwargs.get("images") or []]
        return cls(**kwargs)


@dataclass(frozen=True)
class StoredArticle:
    """An Article as the store holds it, with the identity feeds rely on."""

    article: Article
    guid: str  # minted on first insert, never recomputed: readers never see a re-delivery
    first_seen: datetime
    revised: datetime  # when the stored content last changed (== first_seen if never edited)

    @property
    def feed_updated(self) -> datetime:
        """The item's `updated` instant in feeds: an edit we noticed moves it forward."""
        page_time = self.article.updated or self.article.published or self.first_seen
        return max(page_time, self.revised) if self.revised > self.first_seen else page_time

    @property
    def feed_published(self) -> datetime:
        return self.article.published or self.first_seen


@dataclass(frozen=True)
class PortalInfo:
    """What feeds and the index page need to know of a portal."""

    name: str
    title: str
    home: str
    ttl_minutes: int = 60
    last_success: datetime | None = None
    health: str | None = None  # ok | degraded | failing | unknown (portalfeed.health)
