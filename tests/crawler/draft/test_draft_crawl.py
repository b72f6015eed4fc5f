"""A drafted profile crawls: `portalfeed profile draft` on two pages of the Phú Thọ
fixture portal, then the real spider crawls the portal with that draft alone (in a
child process) and every article it stores is the fixture's expected article."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from crawler.store.store import Store

REPO = Path(__file__).resolve().parents[3]
EXPECTED = REPO / "seeds" / "fixture_portal" / "expected"
PUBLIC = "https://phutho.fixture.test"
FIELDS = ("title", "published", "author", "lead", "body", "captions")


def portalfeed(workdir: Path, *args: str, profiles: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PORTALFEED_PROFILES_DIR": str(profiles)}
    return subprocess.run([sys.executable, "-m", "portalfeed", "--workdir", str(workdir), *args],
                          capture_output=True, text=True, env=env, timeout=300)


def test_the_spider_crawls_the_portal_with_a_drafted_profile(
        tmp_path: Path, fixture_portal: str) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    drafted = portalfeed(tmp_path, "profile", "draft", f"{PUBLIC}/vi/hat-xoan-phu-tho-duoc-luu-"
                         "giu-va-lan-toa", "--listing", f"{PUBLIC}/vi/tin-tuc-su-kien",
                         "--fetch-base", fixture_portal, "--name", "drafted", profiles=profiles)
    assert drafted.returncode == 0, drafted.stderr
    # A local server needs no pause between requests; everything else stays as drafted.
    text = drafted.stdout.replace("download_delay = 1.0", "download_delay = 0.0")
    (profiles / "drafted.toml").write_text(text, encoding="utf-8")
    crawl = portalfeed(tmp_path, "crawl", "drafted", "--fetch-base", fixture_portal,
                       "--no-publish", profiles=profiles)
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    store = Store(f"sqlite:///{tmp_path / 'data' / 'portalfeed.sqlite3'}")
    try:
        stored = {a.article.url: a.article.to_dict() for a in store.newest(limit=100)}
    finally:
        store.close()
    expected = {PUBLIC + item["url"]: item for item in
                (json.loads(p.read_text(encoding="utf-8")) for p in EXPECTED.glob("*.json"))}
    assert len(stored) >= 5, sorted(stored)
    assert set(stored) <= set(expected)  # no listing, section or pager page stored
    for url, got in stored.items():
        assert got["extractor"] == "profile", url
        for field in FIELDS:
            assert got[field] == expected[url][field], (url, field)
