"""The saved pages of four CMS-family fixture portals (SharePoint, WebCenter, ASP.NET,
slug-nid) give their expected articles through their site profiles, offline.

The e2e test crawls the same folders over HTTP; here each page is extracted alone,
with a fixed clock, so a failure names the page, the field and the layout version.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from crawler.api import extract_page
from crawler.extract.page import extract_html
from crawler.normalize.dates import VN_TZ
from crawler.profiles import Profile, load_profile
from portalfeed.fixture_server import resolve

SEEDS = Path(__file__).resolve().parents[3] / "seeds" / "families"
FAMILIES = ("sharepoint", "webcenter", "aspnet", "slug-nid")
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VN_TZ)  # the day the header clocks print
FIELDS = ("title", "source_label", "published", "published_precision", "author", "lead",
          "body", "captions")
# Which layout version reads which page: the site's extra version, the family's two skins.
LAYOUTS = {
    ("webcenter", "PORTAL198342"): "truoc-2020",
    ("webcenter", "PORTAL241507"): "default",
    ("slug-nid", "n1325"): "legacy",
    ("slug-nid", "n8447"): "2025",
    ("sharepoint", "38302"): "default",
    ("aspnet", "51107"): "default",
}


def cases() -> list[Any]:
    return [pytest.param(family, path, id=f"{family}/{path.stem}")
            for family in FAMILIES for path in sorted((SEEDS / family / "expected").glob("*.json"))]


def profile_of(family: str) -> Profile:
    return load_profile(SEEDS / family / "profile.toml")


def page_of(family: str, expected: dict[str, Any]) -> tuple[bytes, str]:
    """The saved page the fixture server answers the article's URL with, and that URL."""
    target = resolve(SEEDS / family / "site", expected["url"])
    assert target is not None, f"{family}: no page for {expected['url']}"
    return target.read_bytes(), urljoin(profile_of(family).base_url, expected["url"])


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("family", "path"), cases())
def test_saved_page_gives_the_expected_article(family: str, path: Path) -> None:
    expected = load(path)
    data, url = page_of(family, expected)
    article = extract_page(data, url, profile_of(family), content_type="text/html", now=NOW)
    got = article.to_dict()
    wrong = [f for f in FIELDS if got[f] != expected[f]]
    assert not wrong, {f: (expected[f], got[f]) for f in wrong}
    assert got["category"] == expected["section"]
    assert [(i["url"], i["caption"]) for i in got["images"]] == [
        (urljoin(url, i["url"]), i["caption"]) for i in expected["images"]]
    assert article.extractor == "profile"


@pytest.mark.parametrize(("family", "stem"), sorted(LAYOUTS), ids="/".join)
def test_each_skin_is_read_by_its_layout_version(family: str, stem: str) -> None:
    expected = load(SEEDS / family / "expected" / f"{stem}.json")
    data, url = page_of(family, expected)
    raw = extract_html(data.decode("utf-8"), url, profile_of(family))
    layout = LAYOUTS[(family, stem)]
    assert raw.sources["title"].startswith(f"layout:{layout}:")
    assert raw.sources["body"].startswith(f"layout:{layout}:")


@pytest.mark.parametrize(("family", "path"), cases())
def test_published_comes_from_the_article_not_the_header_clock(family: str,
                                                                path: Path) -> None:
    expected = load(path)
    data, url = page_of(family, expected)
    assert "29/11/2026" in data.decode("utf-8")  # every fixture prints a header date
    raw = extract_html(data.decode("utf-8"), url, profile_of(family))
    assert raw.sources["published"].startswith("layout:"), raw.sources
    assert not expected["published"].startswith("2026-11-29")


def test_site_profiles_override_only_what_differs() -> None:
    webcenter = profile_of("webcenter")
    assert [lay.name for lay in webcenter.layouts] == ["truoc-2020", "default"]
    assert webcenter.discovery.start_paths == ("/", "/webcenter/portal/quangnam/pages_tin-tuc")
    assert webcenter.selectors.article == "table.tblChiTietTin"  # the first layout's
    slug_nid = profile_of("slug-nid")
    assert [lay.name for lay in slug_nid.layouts] == ["2025", "legacy"]
    assert slug_nid.level == "department"
    for family in FAMILIES:
        profile = profile_of(family)
        assert profile.family == family
        assert profile.politeness.download_delay == 0.0  # the site's override
        assert not profile.enabled and profile.verified
