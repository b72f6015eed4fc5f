"""The bundled registry: the 34 provincial-level units (in force since 1 July 2025),
the Phú Thọ department sites and the provincial newspaper, all valid profiles.

Fixture portals (a reserved `.test` origin) are not units of the registry.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler import extract_page
from crawler.errors import Rejected
from crawler.normalize.dates import VN_TZ
from crawler.profiles import BUILTIN_DIR, LEVELS, Profile, load_profile, load_profiles
from crawler.store.store import Store
from portalfeed.fixture_server import FixtureServer

ROOT = Path(__file__).resolve().parents[2]
SCRAMBLED = ROOT / "tests" / "fixtures" / "pages" / "scrambled" / "site"
FIXTURE_PORTAL = ROOT / "seeds" / "fixture_portal"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VN_TZ)
PHUTHO_SITES = {"phutho-sokhcn": "slug-nid", "phutho-sonoivu": "dotnetnuke",
                "phutho-hdnd": "dotnetnuke"}


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


@pytest.fixture(scope="module")
def registry() -> dict[str, Profile]:
    profiles = load_profiles(BUILTIN_DIR)
    return {n: p for n, p in profiles.items() if not _host(p.base_url).endswith(".test")}


@pytest.fixture(scope="module")
def units(registry: dict[str, Profile]) -> list[Profile]:
    return [p for p in registry.values() if p.level == "province"]


def test_every_bundled_profile_validates_and_is_named_after_its_file() -> None:
    for path in sorted(BUILTIN_DIR.glob("*.toml")):
        assert load_profile(path).name == path.stem


def test_there_are_34_provincial_units(units: list[Profile]) -> None:
    assert len(units) == 34
    # 63 provinces before the merger: the 34 units and the 29 merged into them.
    assert len(units) + sum(len(p.merged_from) for p in units) == 63


def test_names_and_homes_are_unique(registry: dict[str, Profile]) -> None:
    homes = Counter(_host(p.base_url) for p in registry.values())
    assert [h for h, n in homes.items() if n > 1] == []
    assert len(registry) == len({p.name for p in registry.values()})


def test_no_alias_is_shared_or_another_portals_home(registry: dict[str, Profile]) -> None:
    aliases = Counter(a for p in registry.values() for a in p.aliases)
    assert [a for a, n in aliases.items() if n > 1] == []
    homes = {_host(p.base_url): p.name for p in registry.values()}
    assert {a: homes[a] for a in aliases if a in homes} == {}


def test_titles_are_nfc_vietnamese(registry: dict[str, Profile]) -> None:
    for profile in registry.values():
        assert unicodedata.is_normalized("NFC", profile.title), profile.name
        assert profile.title != profile.title.encode("ascii", "ignore").decode(), profile.name


def test_registry_entries_are_unverified_and_disabled(registry: dict[str, Profile]) -> None:
    for profile in registry.values():
        assert not profile.verified and not profile.enabled, profile.name
        assert profile.level in LEVELS and profile.family, profile.name


def test_phutho_is_the_merged_unit_on_the_drupal_family(registry: dict[str, Profile]) -> None:
    phutho = registry["phutho"]
    assert (phutho.level, phutho.family, phutho.base_url) == ("province", "drupal",
                                                               "https://phutho.gov.vn/")
    assert {"vinhphuc.gov.vn", "hoabinh.gov.vn"} <= set(phutho.aliases)
    assert {"vinhphuc", "hoabinh"} <= set(phutho.merged_from)
    assert phutho.owns("https://vinhphuc.gov.vn/tin-tuc/bai-cu.html")
    assert phutho.owns("https://www.hoabinh.gov.vn/web/guest/bai-cu")


def test_merged_provinces_former_domains_are_aliases(units: list[Profile]) -> None:
    by_name = {p.name: p for p in units}
    assert set(by_name["lamdong"].aliases) == {"daknong.gov.vn", "binhthuan.gov.vn"}
    assert set(by_name["hochiminh"].aliases) == {"binhduong.gov.vn", "baria-vungtau.gov.vn"}
    for unit in units:
        assert len(unit.aliases) >= len(unit.merged_from), unit.name


def test_phutho_keeps_its_selectors(registry: dict[str, Profile]) -> None:
    """The fixture portal is written in the Phú Thọ portal's Drupal markup."""
    want = json.loads((FIXTURE_PORTAL / "expected" / "hat-xoan-phu-tho-duoc-luu-giu-va-lan-toa"
                       ".json").read_text(encoding="utf-8"))
    page = FIXTURE_PORTAL / "site" / (want["url"].strip("/") + ".html")
    article = extract_page(page.read_bytes(), "https://phutho.gov.vn" + want["url"],
                           registry["phutho"], now=NOW)
    assert registry["phutho"].layouts[0].selectors.body == "div#post__content"
    assert (article.extractor, article.title, article.author) == ("profile", want["title"],
                                                                 want["author"])
    assert article.body == want["body"]


def test_phutho_department_sites(registry: dict[str, Profile]) -> None:
    sites = {n: p for n, p in registry.items() if p.parent == "phutho"}
    assert set(PHUTHO_SITES) <= set(sites)
    for name, family in PHUTHO_SITES.items():
        assert (sites[name].level, sites[name].family) == ("department", family)
    for site in sites.values():
        assert site.level != "province" and site.parent in registry
    assert registry["phutho-sokhcn"].is_article_url(
        "https://sokhoahoccongnghe.phutho.gov.vn/hoi-nghi-tong-ket-n8447")


def test_baophutho_is_the_newspaper_read_through_its_feed(registry: dict[str, Profile]) -> None:
    paper = registry["baophutho"]
    assert (paper.level, paper.parent) == ("newspaper", "phutho")
    assert "/rss/home.rss" in paper.discovery.feeds
    assert paper.is_article_url("https://baophutho.vn/bao-phu-tho-tang-len-8-trang-242098.htm")
    assert paper.is_article_url("https://baophutho.vn/kinh-te/gia-che-tang/134147.htm")
    assert not paper.is_article_url("https://baophutho.vn/print/7e6547344b3c/134147.htm")
    assert not paper.is_article_url("https://baophutho.vn/kinh-te")


@pytest.mark.parametrize("page", sorted((SCRAMBLED / "rejected").glob("*.html")),
                         ids=lambda p: p.stem)
def test_baophutho_profile_rejects_scrambled_bodies(page: Path,
                                                     registry: dict[str, Profile]) -> None:
    with pytest.raises(Rejected) as caught:
        extract_page(page.read_bytes(), "https://baophutho.vn/bai-241873.htm",
                     registry["baophutho"], now=NOW)
    assert caught.value.reason == "scrambled_body"


@pytest.mark.parametrize("page", sorted((SCRAMBLED / "clear").glob("*.html")),
                         ids=lambda p: p.stem)
def test_baophutho_profile_reads_clear_bodies_from_dcontent(page: Path,
                                                           registry: dict[str, Profile]) -> None:
    article = extract_page(page.read_bytes(), "https://baophutho.vn/bai-241873.htm",
                           registry["baophutho"], now=NOW)
    assert article.extractor == "profile"
    assert len(article.body) == 6 and len(article.captions) == 1
    assert not any("Tin khác" in p for p in article.body)


def test_a_crawl_through_the_feed_counts_scrambled_pages_and_stores_clear_ones(
        tmp_path: Path) -> None:
    """The real spider on a local copy: the RSS feed lists seven articles, five of them
    scrambled; the home page links none.  The bundled profile, without its delays."""
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    text = (BUILTIN_DIR / "baophutho.toml").read_text(encoding="utf-8")
    (profiles / "baophutho.toml").write_text(
        text + "\n[politeness]\ndownload_delay = 0.0\nautothrottle = false\n", encoding="utf-8")
    env = {**os.environ, "PORTALFEED_PROFILES_DIR": str(profiles)}
    with FixtureServer(site=SCRAMBLED) as server:
        result = subprocess.run(
            [sys.executable, "-m", "portalfeed", "--workdir", str(tmp_path), "crawl",
             "baophutho", "--fetch-base", server.url, "--no-publish"],
            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    store = Store(f"sqlite:///{tmp_path / 'data' / 'portalfeed.sqlite3'}")
    try:
        stored = sorted(store.known_urls("baophutho"))
        run = store.runs("baophutho")[0]
    finally:
        store.close()
    routes = json.loads((SCRAMBLED / "_routes.json").read_text(encoding="utf-8"))
    assert stored == sorted(f"https://baophutho.vn{url}" for url, page in routes.items()
                            if page.startswith("clear/"))
    assert "portalfeed/errors/not_xml" not in run.stats  # the feed was read
    assert run.stats.get("portalfeed/rejected/scrambled_body") == 5, run.stats


def test_a_department_sites_url_belongs_to_the_department_not_the_province() -> None:
    """`phutho.gov.vn` covers every *.phutho.gov.vn host; the closer match wins."""
    from crawler.profiles import BUILTIN_DIR, load_profiles, owner_of

    profiles = load_profiles(BUILTIN_DIR).values()
    sokhcn = "https://sokhoahoccongnghe.phutho.gov.vn/tin-moi-n123"
    assert owner_of(profiles, sokhcn).name == "phutho-sokhcn"
    assert owner_of(profiles, "https://phutho.gov.vn/vi/tin").name == "phutho"
    assert owner_of(profiles, "https://www.vinhphuc.gov.vn/tin/1").name == "phutho"
    assert owner_of(profiles, "https://example.com/") is None
