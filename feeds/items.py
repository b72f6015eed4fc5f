"""StoredArticles turned into what every feed format shows: clean text, +07:00 times.

Order, used by every feed and the index page: newest `published` first; among equal
instants, ascending guid, so the order never depends on how the store returned rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from urllib.parse import urlsplit

from crawler.model import Image, StoredArticle
from feeds.paths import topic_name
from feeds.text import (
    as_uri,
    clean_line,
    clean_text,
    figure_html,
    html_uris,
    paragraphs_html,
)

# A fixed offset rather than Asia/Ho_Chi_Minh: readers must see +07:00 on every date,
# and the zone database would give older dates their historical offsets.
VN_TZ = timezone(timedelta(hours=7))
UNTITLED = "(không có tiêu đề)"
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


@dataclass(frozen=True)
class FeedImage:
    url: str
    media_type: str | None  # None when the URL does not say; better absent than wrong


@dataclass(frozen=True)
class FeedItem:
    guid: str
    url: str | None
    title: str
    summary: str  # plain text
    content_html: str
    author: str | None
    published: datetime
    updated: datetime
    topics: tuple[tuple[str, str], ...]  # (slug, display name)
    image: FeedImage | None
    # Official documents (PDF, Word, Excel) as enclosures: (url, MIME type, title).
    attachments: tuple[tuple[str, str, str], ...] = ()


def to_vn(value: datetime) -> datetime:
    return value.astimezone(VN_TZ).replace(microsecond=0)


def rfc3339(value: datetime) -> str:
    return to_vn(value).isoformat()


def item_published(stored: StoredArticle) -> datetime:
    """The instant a feed shows as published; a date-only article gets 00:00 +07:00."""
    article = stored.article
    if article.published is not None and article.published_precision == "date":
        return datetime.combine(to_vn(article.published).date(), time(0), VN_TZ)
    return to_vn(stored.feed_published)


def sort_newest_first(items: Iterable[StoredArticle]) -> list[StoredArticle]:
    return sorted(items, key=lambda s: (-item_published(s).timestamp(), s.guid))


def prepare_items(items: Iterable[StoredArticle]) -> list[FeedItem]:
    return [prepare_item(stored) for stored in sort_newest_first(items)]


def feed_updated(items: Sequence[FeedItem], empty_updated: datetime | None = None) -> datetime:
    """The newest item's `updated`; a feed without items is dated by `empty_updated`.

    An empty feed has no date of its own, and any constant would be an implausible
    one (readers and the W3C validator flag 1970), so the caller must choose it.
    """
    if items:
        return max(item.updated for item in items)
    if empty_updated is None:
        raise ValueError("a feed without items needs a date: pass empty_updated")
    return to_vn(empty_updated)


def prepare_item(stored: StoredArticle) -> FeedItem:
    article = stored.article
    published = item_published(stored)
    return FeedItem(
        # As URIs: a link with Vietnamese letters or spaces is invalid in a feed.
        guid=as_uri(stored.guid),
        url=as_uri(article.url) or None,
        title=clean_line(article.title) or UNTITLED,
        summary=clean_line(article.lead),
        content_html=content_html(stored),
        author=clean_line(article.author) or None,
        published=published,
        # An `updated` before `published` is bad data; readers would show it oddly.
        updated=max(to_vn(stored.feed_updated), published),
        topics=tuple((clean_line(slug), clean_line(topic_name(slug))) for slug in article.topics),
        image=lead_image(article.images),
        attachments=tuple((clean_line(a.get("url")), clean_line(a.get("type")),
                           clean_line(a.get("title"))) for a in article.attachments
                          if clean_line(a.get("url"))),
    )


def content_html(stored: StoredArticle) -> str:
    """The sanitised body HTML, else one built from the plain-text fields."""
    article = stored.article
    body_html = html_uris(clean_text(article.body_html).strip())
    if body_html:
        return body_html
    paragraphs = list(article.body)
    if article.lead and (not paragraphs or clean_line(paragraphs[0]) != clean_line(article.lead)):
        paragraphs.insert(0, article.lead)
    figures = "".join(figure_html(image.url, image.caption) for image in article.images)
    return (paragraphs_html(paragraphs) + figures) or paragraphs_html([article.title or UNTITLED])


def lead_image(images: Sequence[Image]) -> FeedImage | None:
    if not images or not clean_line(images[0].url):
        return None
    url = as_uri(images[0].url)
    path = urlsplit(url).path.lower()
    suffix = path[path.rfind("."):] if "." in path.rsplit("/", 1)[-1] else ""
    return FeedImage(url=url, media_type=IMAGE_TYPES.get(suffix))
