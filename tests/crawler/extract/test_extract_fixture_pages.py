"""The fixture pages of tests/fixtures/pages, field by field.

Each page was written for the project in the style of one CMS family (Drupal,
Liferay VCMS, SharePoint, the `<slug>-n<id>` CMS are profiled; DotNetNuke,
Oracle WebCenter, plain ASP.NET and newspapers go through the generic path)
and carries its expected values in the JSON file next to it.  One test per
field, so a failure names the page and the field.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from crawler import extract_page
from crawler.model import Article
from crawler.normalize.dates import VN_TZ

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted((FIXTURES / "pages").glob("*/*.html"))
PROFILES = FIXTURES / "profiles"
# The fixtures' header clocks show this day; the pages were "fetched" at noon.
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VN_TZ)
IDS = [f"{p.parent.name}/{p.stem}" for p in PAGES]


def expected(page: Path) -> dict[str, Any]:
    return json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))


@cache
def extracted(page: Path) -> Article:
    want = expected(page)
    return extract_page(page.read_bytes(), want["url"], want["profile"], now=NOW,
                        profiles_dir=PROFILES)


def test_there_are_enough_pages_of_every_family() -> None:
    families = {p.parent.name for p in PAGES}
    assert len(PAGES) >= 40
    assert {"drupal", "liferay", "sharepoint", "slugn", "dnn", "webcenter", "aspnet",
            "newspaper"} <= families
    assert all(sum(p.parent.name == f for p in PAGES) >= 5 for f in families)


@pytest.mark.parametrize(
    "field",
    ["title", "published", "published_precision", "author", "source_label", "source",
     "captions", "topics", "lead", "extractor"],
)
@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_field(page: Path, field: str) -> None:
    assert extracted(page).to_dict()[field] == expected(page)[field]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_images(page: Path) -> None:
    assert [i.url for i in extracted(page).images] == expected(page)["images"]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_body_contains(page: Path) -> None:
    body = "\n".join(extracted(page).body)
    for phrase in expected(page)["body_must_contain"]:
        assert phrase in body


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_body_does_not_contain(page: Path) -> None:
    body = "\n".join(extracted(page).body)
    for phrase in expected(page)["body_must_not_contain"]:
        assert phrase not in body


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_body_paragraphs(page: Path) -> None:
    assert extracted(page).body == expected(page)["body"]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_body_html_is_sanitised_and_absolute(page: Path) -> None:
    markup = extracted(page).body_html
    for banned in ("<script", "<style", "<iframe", "onclick", "javascript:", 'src="/'):
        assert banned not in markup
    for caption in expected(page)["captions"]:
        assert f"<figcaption>{caption.replace('&', '&amp;')}</figcaption>" in markup


PROFILED = [p for p in PAGES if expected(p)["profile"]]


@pytest.mark.parametrize("page", PROFILED, ids=[f"{p.parent.name}/{p.stem}" for p in PROFILED])
def test_generic_path_on_profiled_pages(page: Path) -> None:
    """Without its profile (a redesign, an unknown portal) a page still gives the same
    article, bar the portal's section -> topic map."""
    want = expected(page)
    got = extract_page(page.read_bytes(), want["url"], None, now=NOW).to_dict()
    fields = ["title", "published", "author", "source_label", "source", "captions", "lead",
              "body"]
    assert {f: got[f] for f in fields} == {f: want[f] for f in fields}
    assert got["extractor"] == "generic"
