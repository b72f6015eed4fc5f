"""feeds.opml: every feed, for importing into a reader in one go (OPML 2.0)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import groupby

from lxml import etree

from crawler.model import PortalInfo
from feeds.meta import feed_title, home_url
from feeds.paths import FeedSpec
from feeds.text import clean_line

OPML_TITLE = "portalfeed – nguồn tin từ các cổng thông tin tỉnh"
SHARED_GROUP = "Tổng hợp các cổng"
OPML_DOCS = "http://opml.org/spec2.opml"


def render_opml(
    specs: Iterable[FeedSpec], *, base_url: str, portals: Mapping[str, PortalInfo]
) -> bytes:
    """One folder outline for the cross-portal feeds, then one per portal; RSS URLs."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = OPML_TITLE
    etree.SubElement(head, "docs").text = OPML_DOCS
    body = etree.SubElement(root, "body")
    for portal, group in groupby(sorted(specs, key=FeedSpec.sort_key), key=lambda s: s.portal):
        folder = etree.SubElement(body, "outline", text=_group_name(portal, portals))
        folder.set("title", folder.get("text", ""))
        for spec in group:
            _feed_outline(folder, spec, base_url=base_url, portals=portals)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _group_name(portal: str | None, portals: Mapping[str, PortalInfo]) -> str:
    if portal is None:
        return SHARED_GROUP
    info = portals.get(portal)
    return clean_line(info.title) if info else portal


def _feed_outline(
    parent: etree._Element, spec: FeedSpec, *, base_url: str, portals: Mapping[str, PortalInfo]
) -> None:
    title = feed_title(spec, portals)
    outline = etree.SubElement(parent, "outline")
    for name, value in (
        ("type", "rss"),
        ("text", title),
        ("title", title),
        ("xmlUrl", spec.url(base_url, "rss")),
        ("htmlUrl", home_url(spec, base_url, portals)),
    ):
        outline.set(name, value)
