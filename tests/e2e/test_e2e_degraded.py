"""A redesign: the profile's selectors stop matching the fixture portal, a real crawl
falls back to the generic extractor, and `portalfeed status` says `degraded`.
The same crawl with the shipped profile stays `ok`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.profiles import BUILTIN_DIR

PORTAL = "phutho-fixture"
# The article's markup after a "redesign": new class names for title, date and body.
BROKEN = {
    'title = "h2.post__title"': 'title = "h1.news-detail__title"',
    'published = "div.post__datetime"': 'published = "time.news-detail__date"',
    'body = "div#post__content"': 'body = "div.news-detail__body"',
}


def portalfeed(workdir: Path, profiles: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTALFEED_")}
    env["PORTALFEED_PROFILES_DIR"] = str(profiles)
    return subprocess.run(
        [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), *args],
        capture_output=True, text=True, env=env, timeout=300,
    )


def profiles_dir(root: Path, replacements: dict[str, str]) -> Path:
    text = (BUILTIN_DIR / f"{PORTAL}.toml").read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old  # the shipped profile changed: update BROKEN
        text = text.replace(old, new)
    root.mkdir()
    (root / f"{PORTAL}.toml").write_text(text, encoding="utf-8")
    return root


def crawl_and_status(tmp: Path, fixture_portal: str, replacements: dict[str, str]) -> dict:
    profiles = profiles_dir(tmp / "profiles", replacements)
    workdir = tmp / "work"
    crawl = portalfeed(workdir, profiles, "crawl", PORTAL, "--fetch-base", fixture_portal)
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr[-3000:]
    status = portalfeed(workdir, profiles, "status", "--json")
    assert status.returncode == 0, status.stderr
    rows = {row["portal"]: row for row in json.loads(status.stdout)}
    index = (workdir / "public" / "index.html").read_text(encoding="utf-8")
    return {"row": rows[PORTAL], "index": index, "crawl": crawl}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory, fixture_portal: str) -> dict:
    return crawl_and_status(tmp_path_factory.mktemp("broken"), fixture_portal, BROKEN)


@pytest.fixture(scope="module")
def intact(tmp_path_factory: pytest.TempPathFactory, fixture_portal: str) -> dict:
    return crawl_and_status(tmp_path_factory.mktemp("intact"), fixture_portal, {})


def test_selectors_that_stop_matching_turn_the_portal_degraded(broken: dict) -> None:
    row = broken["row"]
    assert row["health"] == "degraded"
    assert row["last_outcome"] == "ok" and row["runs_ok"] == 1
    assert any("generic extractor" in reason for reason in row["reasons"]), row["reasons"]


def test_the_crawl_still_collected_articles_generically(broken: dict) -> None:
    assert broken["row"]["new_articles"] >= 10


def test_index_page_shows_the_degraded_portal(broken: dict) -> None:
    section = broken["index"].split(f'id="portal-{PORTAL}"')[1].split("</section>")[0]
    assert "health-degraded" in section


def test_the_shipped_profile_stays_ok(intact: dict) -> None:
    row = intact["row"]
    assert (row["health"], row["reasons"], row["runs_ok"]) == ("ok", [], 1)
    assert "health-ok" in intact["index"]
