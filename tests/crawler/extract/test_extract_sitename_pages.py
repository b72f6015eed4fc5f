"""The generic path does not take the portal's name for an article's title.

Pages in tests/fixtures/pages/sitename/: Liferay-style pages whose `<title>`,
og:title or header name only the portal; the article's own heading must win, and a
page left with nothing but the site's name is rejected as `no_title`.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crawler import extract_page
from crawler.errors import Rejected
from crawler.normalize.dates import VN_TZ

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages" / "sitename"
ARTICLES = sorted((PAGES / "articles").glob("*.html"))
REJECTED = sorted((PAGES / "rejected").glob("*.html"))
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VN_TZ)


def _expected(page: Path) -> dict[str, Any]:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


def test_there_are_pages_of_both_kinds() -> None:
    assert len(ARTICLES) >= 2 and len(REJECTED) >= 1


@pytest.mark.parametrize("page", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_the_article_heading_is_the_title(page: Path) -> None:
    want = _expected(page)
    article = extract_page(page.read_bytes(), want["url"], None, now=NOW)
    assert (article.title, article.extractor) == (want["title"], "generic")
    assert article.body[0].startswith(want["body_starts_with"])


@pytest.mark.parametrize("page", REJECTED, ids=[p.stem for p in REJECTED])
def test_a_page_titled_only_by_the_site_name_is_rejected(page: Path) -> None:
    want = _expected(page)
    with pytest.raises(Rejected) as caught:
        extract_page(page.read_bytes(), want["url"], None, now=NOW)
    assert caught.value.reason == want["reason"]
