"""Article URLs from a portal's XML sitemaps and RSS/Atom feeds: bytes in, links out.

Pure functions (no Scrapy engine, no network): the spider decides what to fetch.
XML is parsed without entities or network access, so a hostile sitemap cannot
reach files or hosts.
"""

from __future__ import annotations

from datetime import datetime, time

from lxml import etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawler.normalize.dates import VN_TZ

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_TYPES = ("application/rss+xml", "application/atom+xml")


class BadDocument(ValueError):
    """A sitemap or feed that is not one."""


def unpack(body: bytes, max_size: int) -> bytes:
    """The XML of a sitemap, gzipped (`sitemap.xml.gz`) or not."""
    if body[:2] == b"\x1f\x8b":
        try:
            return gunzip(body, max_size=max_size)
        except (OSError, EOFError, ValueError) as exc:
            raise BadDocument(f"bad gzip: {exc}") from exc
    return body


def sitemap_entries(body: bytes) -> tuple[str, list[tuple[str, datetime | None]]]:
    """("urlset" | "sitemapindex", [(loc, lastmod)]) of a sitemap document."""
    if not body.strip():
        raise BadDocument("empty sitemap")
    try:
        sitemap = Sitemap(body)
        entries = [(e["loc"], parse_lastmod(e.get("lastmod"))) for e in sitemap if e.get("loc")]
    except (etree.XMLSyntaxError, StopIteration, KeyError) as exc:
        raise BadDocument(f"not a sitemap: {exc}") from exc
    if sitemap.type not in ("urlset", "sitemapindex"):
        raise BadDocument(f"not a sitemap: <{sitemap.type}>")
    return sitemap.type, entries


def parse_lastmod(text: str | None) -> datetime | None:
    """W3C datetime of a sitemap (`2024-03-01` or `2024-03-01T08:00:00+07:00`); a date
    alone is the end of that day in Vietnam, so an edit that day is never missed."""
    if not text:
        return None
    value = text.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(value) <= 10:
        return datetime.combine(parsed.date(), time(23, 59, 59), VN_TZ)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=VN_TZ)


def feed_links(body: bytes) -> list[str]:
    """Item links of an RSS 2.0 or Atom 1.0 feed, in document order."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise BadDocument(f"not a feed: {exc}") from exc
    if root is None:
        raise BadDocument("not a feed")
    rss = [t.strip() for t in root.xpath("//item/link/text()") if t.strip()]
    atom = root.xpath("//a:entry/a:link[not(@rel) or @rel='alternate']/@href",
                      namespaces={"a": ATOM_NS}) if not rss else []
    return rss + [h.strip() for h in atom]
