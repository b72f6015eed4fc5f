"""The fixture portal after a redesign (its title, body and date classes renamed, as
tests/portalfeed/doctor builds it): the profile's selectors miss, the generic path
takes over.  The incomplete article (empty title) must stay rejected as `no_title`
instead of being stored under the site's name; the other articles keep their titles.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from crawler import extract_page
from crawler.errors import Rejected
from crawler.normalize.dates import VN_TZ

PORTAL = Path(__file__).resolve().parents[3] / "seeds" / "fixture_portal"
EXPECTED = sorted((PORTAL / "expected").glob("*.json"))
INCOMPLETE = sorted((PORTAL / "site" / "vi").glob("bai-viet-chua-hoan-thien*.html"))
RENAMES = {"post__title": "entry-heading", "post__content": "entry-text",
           "post__datetime": "entry-date"}
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VN_TZ)
BASE = "https://phutho.fixture.test"


def _drifted(page: Path) -> bytes:
    """The page as the redesigned site serves it."""
    text = page.read_text(encoding="utf-8")
    for old, new in RENAMES.items():
        text = re.sub(rf"(?<![\w-]){old}(?![\w-])", new, text)
    return text.encode("utf-8")


def test_the_drift_misses_the_title_selector() -> None:
    assert INCOMPLETE and b"post__title" not in _drifted(INCOMPLETE[0])


@pytest.mark.parametrize("page", INCOMPLETE, ids=[p.stem for p in INCOMPLETE])
def test_incomplete_article_is_rejected_no_title(page: Path) -> None:
    url = f"{BASE}/vi/{page.stem}"
    with pytest.raises(Rejected) as caught:
        extract_page(_drifted(page), url, "phutho-fixture", now=NOW)
    assert caught.value.reason == "no_title"


@pytest.mark.parametrize("page", INCOMPLETE, ids=[p.stem for p in INCOMPLETE])
def test_incomplete_article_without_profile_is_rejected_no_title(page: Path) -> None:
    with pytest.raises(Rejected) as caught:
        extract_page(_drifted(page), f"{BASE}/vi/{page.stem}", None, now=NOW)
    assert caught.value.reason == "no_title"


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_articles_keep_their_titles(path: Path) -> None:
    want = json.loads(path.read_text(encoding="utf-8"))
    page = PORTAL / "site" / (want["url"].lstrip("/") + ".html")
    article = extract_page(_drifted(page), BASE + want["url"], "phutho-fixture", now=NOW)
    assert (article.title, article.extractor) == (want["title"], "generic")
