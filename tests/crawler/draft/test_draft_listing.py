"""The drafted article_pattern, on every fixture: it accepts every article link of the
listing it was drafted from, and rejects that listing's pager and section links (the
truth comes from the fixture's expected articles and its hand-written profile)."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import html

from crawler.draft import profile_of
from crawler.draft.measure import Fixture, expected_paths, fixtures, measure
from crawler.normalize.dates import VN_TZ
from crawler.profiles import Profile, load_profile
from crawler.urls import absolute, canonical_url
from portalfeed.fixture_server import FixtureServer

REPO = Path(__file__).resolve().parents[3]
FIXTURES = fixtures(REPO)
NOW = datetime(2026, 11, 29, 9, 15, tzinfo=VN_TZ)


@pytest.fixture(scope="module", params=FIXTURES, ids=[f.name for f in FIXTURES])
def drafted(request: pytest.FixtureRequest) -> Iterator[dict]:
    fixture: Fixture = request.param
    with FixtureServer(site=fixture.site) as server:
        def fetch(path: str) -> bytes:
            with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=10) as reply:
                return reply.read()

        score = measure(fixture, fetch, NOW)
        hand = load_profile(fixture.profile)
        listing_url = urljoin(hand.base_url, score.listing)
        yield {"draft": profile_of(score.draft.text), "hand": hand, "fixture": fixture,
               "listing_url": listing_url,
               "page": html.fromstring(fetch(score.listing).decode("utf-8"))}


def links(page: html.HtmlElement, css: str, base: str) -> set[str]:
    found = (absolute(base, a.get("href")) for a in page.cssselect(css) if a.tag == "a")
    return {u.split("#")[0] for u in found if u}


def test_every_article_link_of_the_listing_is_accepted(drafted: dict) -> None:
    draft: Profile = drafted["draft"]
    expected = {urljoin(drafted["hand"].base_url, p) for p, _ in
                expected_paths(drafted["fixture"])}
    listed = links(drafted["page"], "a", drafted["listing_url"]) & expected
    assert len(listed) >= 2
    assert [u for u in sorted(listed) if not draft.is_article_url(u)] == []


def test_pager_and_section_links_are_rejected(drafted: dict) -> None:
    draft: Profile = drafted["draft"]
    hand: Profile = drafted["hand"]
    pager = links(drafted["page"], hand.discovery.pagination, drafted["listing_url"])
    sections = {urljoin(hand.base_url, p) for p in hand.discovery.start_paths}
    assert pager, "the fixture's listing has a pager"
    assert [u for u in sorted(pager | sections) if draft.is_article_url(u)] == []


def test_the_drafted_selectors_find_the_listing_links(drafted: dict) -> None:
    """listing_links picks the article links; pagination picks the pager."""
    draft: Profile = drafted["draft"]
    hand: Profile = drafted["hand"]
    base = drafted["listing_url"]
    articles = {canonical_url(u) for u in links(drafted["page"], draft.discovery.listing_links,
                                                base) if draft.is_article_url(u)}
    wanted = {canonical_url(u) for u in links(drafted["page"], hand.discovery.listing_links,
                                              base) if hand.is_article_url(u)}
    assert articles == wanted
    assert draft.discovery.pagination
    pager = links(drafted["page"], draft.discovery.pagination, base) - {base}
    assert pager == links(drafted["page"], hand.discovery.pagination, base) - {base}
