"""The fixture portal's article pages through the generic path, as if no profile knew them.

The pages and their expected JSON (seeds/fixture_portal/) were written for the
crawl tests, not for the generic extractor: a fair check that trafilatura plus
our post-processing finds what the Drupal profile's selectors find.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crawler import extract_page
from crawler.model import Article
from crawler.normalize.dates import VN_TZ

PORTAL = Path(__file__).resolve().parents[3] / "seeds" / "fixture_portal"
EXPECTED = sorted((PORTAL / "expected").glob("*.json"))
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VN_TZ)
FIELDS = ["title", "published", "published_precision", "author", "source_label", "lead",
          "body", "captions"]


def _load(path: Path) -> tuple[dict[str, Any], Article]:
    want = json.loads(path.read_text(encoding="utf-8"))
    page = PORTAL / "site" / (want["url"].lstrip("/") + ".html")
    article = extract_page(page.read_bytes(), "https://phutho.gov.vn" + want["url"], None,
                           now=NOW)
    return want, article


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_generic_path_matches_the_profile(path: Path) -> None:
    want, article = _load(path)
    got = article.to_dict()
    assert article.extractor == "generic"
    assert {f: got[f] for f in FIELDS} == {f: want[f] for f in FIELDS}
    assert [i.url for i in article.images] == [
        "https://phutho.gov.vn" + i["url"] for i in want["images"]]
