"""The measure of issue 8: for every family fixture portal (and the Phú Thọ fixture),
a profile drafted without the site profile extracts the fixture's articles as the
hand-written profile does, field by field (title, published, author, body, captions)."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from crawler.draft.measure import Fixture, Score, fixtures, measure
from crawler.normalize.dates import VN_TZ
from crawler.profiles import load_profile
from portalfeed.fixture_server import FixtureServer

REPO = Path(__file__).resolve().parents[3]
FIXTURES = fixtures(REPO)
NOW = datetime(2026, 11, 29, 9, 15, tzinfo=VN_TZ)
FLOOR = 0.95


def served_fetch(url: str):
    def fetch(path: str) -> bytes:
        with urllib.request.urlopen(url.rstrip("/") + path, timeout=10) as response:
            return response.read()
    return fetch


@pytest.fixture(scope="module", params=FIXTURES, ids=[f.name for f in FIXTURES])
def scored(request: pytest.FixtureRequest) -> Iterator[Score]:
    fixture: Fixture = request.param
    with FixtureServer(site=fixture.site) as server:
        yield measure(fixture, served_fetch(server.url), NOW)


def test_the_draft_agrees_with_the_hand_written_profile(
        scored: Score, capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(f"\ndraft field agreement {scored.fixture}: {scored.equal}/{scored.total} = "
              f"{scored.agreement:.3f} ({scored.from_selectors}/{scored.articles} articles "
              "read by the draft's own selectors)")
    assert scored.articles >= 2
    assert scored.agreement >= FLOOR, "\n".join(scored.differences)


def test_every_article_is_read_by_the_drafted_selectors(scored: Score) -> None:
    """Not by the generic fallback: the measure is of the selectors the draft wrote."""
    assert scored.from_selectors == scored.articles


def test_the_draft_loads_as_a_profile_file(scored: Score, tmp_path: Path) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(scored.draft.text, encoding="utf-8")
    profile = load_profile(path)
    assert not profile.enabled
    assert profile.layouts and all(lay.selectors.article for lay in profile.layouts)
    assert scored.draft.text.startswith("# DRAFT")
