import gzip
from datetime import datetime

import pytest

from crawler.normalize.dates import VN_TZ
from crawler.spiders.discovery import (
    BadDocument,
    feed_links,
    parse_lastmod,
    sitemap_entries,
    unpack,
)

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://p.vn/vi/a</loc><lastmod>2024-03-01</lastmod></url>
  <url><loc>https://p.vn/vi/b</loc><lastmod>2024-03-02T08:30:00+07:00</lastmod></url>
  <url><loc>https://p.vn/vi/c</loc></url>
</urlset>"""


def test_urlset_gives_locations_and_lastmod() -> None:
    kind, entries = sitemap_entries(URLSET)
    assert kind == "urlset"
    assert [loc for loc, _ in entries] == ["https://p.vn/vi/a", "https://p.vn/vi/b",
                                           "https://p.vn/vi/c"]
    assert entries[1][1] == datetime(2024, 3, 2, 8, 30, tzinfo=VN_TZ)
    assert entries[2][1] is None


def test_sitemap_index_is_told_apart() -> None:
    body = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<sitemap><loc>https://p.vn/sitemap-2.xml</loc></sitemap></sitemapindex>")
    assert sitemap_entries(body) == ("sitemapindex", [("https://p.vn/sitemap-2.xml", None)])


def test_date_only_lastmod_is_the_end_of_that_day_in_vietnam() -> None:
    got = parse_lastmod("2024-03-01")
    assert got == datetime(2024, 3, 1, 23, 59, 59, tzinfo=VN_TZ)
    assert parse_lastmod("2024-03-01T01:00:00Z").utcoffset().total_seconds() == 0
    assert parse_lastmod("hôm qua") is None


def test_gzipped_sitemap_is_unpacked() -> None:
    assert unpack(gzip.compress(URLSET), 10_000_000) == URLSET
    assert unpack(URLSET, 10) == URLSET


@pytest.mark.parametrize("body", [b"", b"<html><body>Not found</body></html>",
                                  b"\x00\x01garbage"])
def test_what_is_not_a_sitemap_is_refused(body: bytes) -> None:
    with pytest.raises(BadDocument):
        sitemap_entries(body)


def test_entities_are_not_expanded() -> None:
    body = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>https://p.vn/&x;</loc></url></urlset>")
    _kind, entries = sitemap_entries(body)
    assert all("root:" not in loc for loc, _ in entries)


def test_rss_item_links() -> None:
    body = b"<rss><channel><link>https://p.vn/</link><item><title>Tin</title>" \
           b"<link> https://p.vn/vi/a </link></item></channel></rss>"
    assert feed_links(body) == ["https://p.vn/vi/a"]


def test_atom_entry_links() -> None:
    body = (b'<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://p.vn/"/>'
            b'<entry><link rel="alternate" href="https://p.vn/vi/b"/>'
            b'<link rel="enclosure" href="https://p.vn/a.pdf"/></entry></feed>')
    assert feed_links(body) == ["https://p.vn/vi/b"]
