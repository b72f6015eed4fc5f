"""How well a draft stands in for a hand-written profile, on a fixture portal.

Draft from one article page and one listing page of the fixture (the draft
never sees the site profile), then extract every article the fixture expects
with the draft and with the hand-written profile, and count the fields that
come out equal.  `fetch(path)` supplies the pages (the tests and
`benchmarks/draft.py` serve the fixture over 127.0.0.1).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from crawler.api import extract_page
from crawler.draft.build import Draft, Page, draft_profile, profile_of
from crawler.errors import Rejected
from crawler.extract.page import matching_layout, parse_html
from crawler.profiles import Profile, load_profile

MEASURED = ("title", "published", "author", "body", "captions")

Fetch = Callable[[str], bytes]


@dataclass(frozen=True)
class Fixture:
    name: str
    site: Path  # served as is
    expected: Path  # <id>.json per article
    profile: Path  # the hand-written site profile


@dataclass(frozen=True)
class Score:
    fixture: str
    equal: int
    total: int
    from_selectors: int  # articles the draft's selectors read (not the generic fallback)
    articles: int
    differences: tuple[str, ...]  # "<path> <field>"
    draft: Draft
    samples: tuple[str, ...]  # the article pages drafted from (one per layout version)
    listing: str  # the listing page drafted from

    @property
    def agreement(self) -> float:
        return self.equal / self.total if self.total else 0.0


def fixtures(repo: Path) -> list[Fixture]:
    """The Phú Thọ fixture portal (the Drupal family's) and every seeds/families/*/."""
    found = [Fixture("phutho-fixture", repo / "seeds/fixture_portal/site",
                     repo / "seeds/fixture_portal/expected",
                     repo / "crawler/portals/phutho-fixture.toml")]
    for folder in sorted((repo / "seeds" / "families").glob("*/")):
        if not (folder / "profile.toml").is_file():  # __pycache__ and the like
            continue
        found.append(Fixture(folder.name, folder / "site", folder / "expected",
                             folder / "profile.toml"))
    return found


def expected_paths(fixture: Fixture) -> list[tuple[str, dict]]:
    """(path?query, expected JSON) of every expected article, by file name."""
    found = []
    for path in sorted(fixture.expected.glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        parts = urlsplit(item["url"])
        found.append((parts.path + (f"?{parts.query}" if parts.query else ""), item))
    return found


def sample_articles(profile: Profile, items: list[tuple[str, dict]], fetch: Fetch) -> list[str]:
    """One sample article per layout version the fixture's pages use, the most used
    layout first; of each, the page with the most fields filled in (an image, a byline).
    The hand-written profile only groups the pages: the draft never sees its selectors."""
    def filled(entry: tuple[str, dict]) -> tuple[int, bool]:
        return sum(bool(entry[1].get(f)) for f in MEASURED), bool(entry[1].get("author"))

    groups: dict[str, list[str]] = {}
    for path, _ in sorted(items, key=filled, reverse=True):
        layout = matching_layout(parse_html(fetch(path).decode("utf-8", "replace")), profile)
        groups.setdefault(layout.name if layout else "", []).append(path)
    return [paths[0] for paths in sorted(groups.values(), key=len, reverse=True)]


def sample_listing(profile: Profile, fetch: Fetch, articles: list[str]) -> str:
    """The section page (a start page other than home: it has a pager) linking to the
    most expected articles; the home page when no section links to two."""
    def links(path: str) -> int:
        page = fetch(path).decode("utf-8", "replace")
        return sum(f'"{a}"' in page or f"'{a}'" in page for a in articles)

    sections = [p for p in profile.discovery.start_paths if p not in ("", "/")]
    counted = sorted(((links(p), p) for p in sections), key=lambda c: -c[0])
    return counted[0][1] if counted and counted[0][0] >= 2 else "/"


def measure(fixture: Fixture, fetch: Fetch, now: datetime, per_layout: bool = True) -> Score:
    """Draft (from one article page per layout version, or only the first with
    `per_layout=False`) and compare every expected article field by field."""
    hand = load_profile(fixture.profile)
    items = expected_paths(fixture)
    paths = [p for p, _ in items]
    samples, listing = sample_articles(hand, items, fetch), sample_listing(hand, fetch, paths)
    samples = samples if per_layout else samples[:1]
    draft = draft_profile([_page(hand, s, fetch) for s in samples], _page(hand, listing, fetch),
                          now=now)
    drafted = profile_of(draft.text)
    equal = total = from_selectors = 0
    differences = []
    for path in paths:
        url, data = urljoin(hand.base_url, path), fetch(path)
        theirs = extract_page(data, url, hand, content_type="text/html", now=now).to_dict()
        mine = _extracted(data, url, drafted, now)
        from_selectors += mine.get("extractor") == "profile"
        for field in MEASURED:
            total += 1
            same = field in mine and mine[field] == theirs[field]
            equal += same
            differences += [] if same else [f"{path} {field}"]
    return Score(fixture.name, equal, total, from_selectors, len(paths), tuple(differences),
                 draft, tuple(samples), listing)


def _extracted(data: bytes, url: str, profile: Profile, now: datetime) -> dict:
    """The article as a dict; none (every field differs) when the draft rejects the page."""
    try:
        return extract_page(data, url, profile, content_type="text/html", now=now).to_dict()
    except Rejected:
        return {}


def _page(profile: Profile, path: str, fetch: Fetch) -> Page:
    return Page(fetch(path), urljoin(profile.base_url, path))
