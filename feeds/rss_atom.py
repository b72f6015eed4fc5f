"""RSS 2.0 and Atom 1.0 through feedgen; feedgen's setter style stays in this module.

Each format gets its own FeedGenerator: the two disagree on what goes where (RSS
wants escaped HTML in <description> and no <author> without an e-mail address;
Atom wants a feed-level author and plain-text summaries).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from feeds.items import FeedItem
from feeds.meta import GENERATOR, FeedMeta
from feeds.paths import MEDIA_TYPES
from feeds.text import html_excerpt

ATOM_NS = "http://www.w3.org/2005/Atom"
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
# A syntactically valid tag URI (RFC 4151) for guids that are not URIs themselves.
_TAG_PREFIX = "tag:portalfeed,2024:"


class _RssHub(BaseExtension):
    """<atom:link rel="hub">, which feedgen writes only into Atom feeds."""

    hub_url = ""

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        etree.SubElement(feed[0], f"{{{ATOM_NS}}}link", href=self.hub_url, rel="hub")
        return feed


class _ExplicitAlternate(BaseEntryExtension):
    """feedgen drops rel="alternate" from entry links (a shadowed variable in
    FeedEntry.atom_entry); the default means the same, but say it explicitly."""

    # (url, MIME type, title) of documents: written here, as feedgen would drop their rel.
    enclosures: tuple[tuple[str, str, str], ...] = ()

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        for link in entry.iterfind("link"):
            if link.get("rel") is None:
                link.set("rel", "alternate")
        for url, media_type, title in self.enclosures:  # length unknown: 0 is allowed
            etree.SubElement(entry, "link", href=url, rel="enclosure", length="0",
                             type=media_type or "application/octet-stream", title=title)
        return entry


def render_rss(meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    fg = _generator(meta, rss=True)
    fg.description(html.escape(meta.description))
    fg.link(href=meta.self_url("rss"), rel="self", type=MEDIA_TYPES["rss"])
    # feedgen takes the channel <link> from the last link() call: the alternate one.
    fg.link(href=meta.home_url, rel="alternate")
    fg.ttl(meta.ttl_minutes)
    if meta.hub_url:
        fg.register_extension("websub", _RssHub, BaseEntryExtension, atom=False, rss=True)
        fg.websub.hub_url = meta.hub_url
    for item in items:
        _rss_entry(fg.add_entry(order="append"), item)
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def render_atom(meta: FeedMeta, items: Sequence[FeedItem]) -> bytes:
    fg = _generator(meta, rss=False)
    fg.id(meta.self_url("atom"))
    fg.subtitle(meta.description)
    fg.author(name=meta.author)
    fg.link(href=meta.self_url("atom"), rel="self", type=MEDIA_TYPES["atom"])
    fg.link(href=meta.home_url, rel="alternate", type="text/html")
    if meta.hub_url:
        fg.link(href=meta.hub_url, rel="hub")
    fg.register_extension("portalfeed", BaseExtension, _ExplicitAlternate, rss=False)
    for item in items:
        _atom_entry(fg.add_entry(order="append"), item)
    return fg.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def atom_id(guid: str) -> str:
    """Atom ids must be IRIs; a guid that is not one gets a stable tag URI."""
    if _URI_SCHEME.fullmatch(guid):
        return guid
    return _TAG_PREFIX + quote(guid, safe="")


def _generator(meta: FeedMeta, *, rss: bool) -> FeedGenerator:
    fg = FeedGenerator()
    fg.title(meta.title)
    fg.language("vi")  # also sets xml:lang on the Atom <feed>
    fg.generator(GENERATOR)
    # Set explicitly: feedgen would otherwise stamp the current time.
    fg.updated(meta.updated)
    if rss:
        fg.load_extension("dc", atom=False, rss=True)
    fg.load_extension("media", atom=not rss, rss=rss)
    return fg


def _rss_entry(entry: FeedEntry, item: FeedItem) -> None:
    _common_entry(entry, item)
    entry.guid(item.guid, permalink=item.guid == item.url)
    # Readers treat <description> as HTML: unescaped, "‹niềm vui>" would be eaten.
    # Always set: without one feedgen moves the content there and drops content:encoded.
    entry.description(html.escape(item.summary or html_excerpt(item.content_html) or item.title))
    if item.author:
        # RSS <author> must be an e-mail address; a name belongs in dc:creator.
        entry.dc.dc_creator(item.author)
    if item.attachments:  # RSS allows one <enclosure> per item: the first document
        url, media_type, _title = item.attachments[0]
        entry.enclosure(url, "0", media_type or "application/octet-stream")  # length unknown


def _atom_entry(entry: FeedEntry, item: FeedItem) -> None:
    _common_entry(entry, item)
    entry.id(atom_id(item.guid))
    if item.summary:
        entry.summary(item.summary)
    if item.author:
        entry.author(name=item.author)
    entry.portalfeed.enclosures = item.attachments


def _common_entry(entry: FeedEntry, item: FeedItem) -> None:
    entry.title(item.title)
    if item.url:
        entry.link(href=item.url, rel="alternate")
    entry.published(item.published)
    entry.updated(item.updated)
    entry.content(item.content_html, type="html")
    if item.topics:
        entry.category([{"term": slug, "label": name} for slug, name in item.topics])
    if item.image:
        _media(entry, item)


def _media(entry: FeedEntry, item: FeedItem) -> None:
    assert item.image is not None
    attrs = {"url": item.image.url, "medium": "image"}
    if item.image.media_type:
        attrs["type"] = item.image.media_type
    # group=None puts <media:content> straight into the item, not into a <media:group>.
    entry.media.content(attrs, group=None)
