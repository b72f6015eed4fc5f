"""Every CMS-family fixture portal under seeds/families/<family>/ is crawled end to end.

Each folder holds `site/` (static pages, maybe `_routes.json`), `profile.toml` (a site
profile naming its family) and `expected/<id>.json` (the articles, field by field).
The real Scrapy engine crawls the site, served on a free port of 127.0.0.1, through
`portalfeed crawl` in a child process; every expected field is compared with what the
store holds.  A new family is tested by adding its folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from crawler.store.store import Store
from crawler.urls import canonical_url
from portalfeed.fixture_server import FixtureServer

REPO = Path(__file__).resolve().parents[2]
FAMILIES = REPO / "seeds" / "families"
# Expected keys that are named differently on the Article.
RENAMED = {"section": "category"}
NOT_COMPARED = {"url", "id", "note"}


def family_folders() -> list[Path]:
    return sorted(p for p in FAMILIES.glob("*/") if (p / "profile.toml").is_file())


def expected_cases() -> list[Any]:
    cases = []
    for folder in family_folders():
        for path in sorted((folder / "expected").glob("*.json")):
            cases.append(pytest.param(folder, path, id=f"{folder.name}/{path.stem}"))
    return cases


def crawl(folder: Path, workdir: Path) -> subprocess.CompletedProcess[str]:
    """Serve the family's site and crawl it with its profile, alone in a profiles dir."""
    profiles = workdir / "profiles"
    profiles.mkdir()
    shutil.copy(folder / "profile.toml", profiles / f"{folder.name}.toml")
    env = {**os.environ, "PORTALFEED_PROFILES_DIR": str(profiles),
           "PORTALFEED_BASE_URL": "https://feeds.example.vn/"}
    with FixtureServer(site=folder / "site") as server:
        return subprocess.run(
            [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "crawl",
             profile_of(folder)["name"], "--fetch-base", server.url, "--no-publish"],
            capture_output=True, text=True, env=env, timeout=300,
        )


def profile_of(folder: Path) -> dict[str, Any]:
    return tomllib.loads((folder / "profile.toml").read_text(encoding="utf-8"))


class Crawls:
    """One crawl per family folder, made on first use and shared by its tests."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.done: dict[str, tuple[subprocess.CompletedProcess[str], Store]] = {}

    def get(self, folder: Path) -> tuple[subprocess.CompletedProcess[str], Store]:
        if folder.name not in self.done:
            workdir = self.root / folder.name
            workdir.mkdir()
            result = crawl(folder, workdir)
            store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
            self.done[folder.name] = (result, store)
        return self.done[folder.name]

    def close(self) -> None:
        for _, store in self.done.values():
            store.close()


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawls]:
    shelf = Crawls(tmp_path_factory.mktemp("families"))
    yield shelf
    shelf.close()


def expected_value(key: str, value: Any, base_url: str) -> Any:
    if key == "images":  # paths in the expected file, absolute URLs on the article
        return [{"url": urljoin(base_url, i["url"]), "caption": i["caption"]} for i in value]
    return value


def mismatches(expected: dict[str, Any], got: dict[str, Any], base_url: str) -> list[str]:
    """One line per field that differs: field, expected value, value found."""
    lines = []
    for key, value in expected.items():
        if key in NOT_COMPARED:
            continue
        want = expected_value(key, value, base_url)
        have = got.get(RENAMED.get(key, key), f"<no field {key!r} on the Article>")
        if have != want:
            lines.append(f"  {key}:\n    expected {want!r}\n    got      {have!r}")
    return lines


def test_every_family_folder_is_complete() -> None:
    folders = family_folders()
    assert folders, f"no family fixture under {FAMILIES}"
    for folder in sorted(p for p in FAMILIES.glob("*/") if p.is_dir()):
        for part in ("site", "expected", "profile.toml", "README.md"):
            assert (folder / part).exists(), f"{folder.name}: {part} is missing"
        profile = profile_of(folder)
        assert profile.get("family") == folder.name, f"{folder.name}: family must name it"
        assert profile.get("enabled") is False and profile.get("verified", True) is True
        assert len(list((folder / "expected").glob("*.json"))) >= 2, folder.name


@pytest.mark.parametrize(("folder", "expected_path"), expected_cases())
def test_family_article_field_by_field(crawls: Crawls, folder: Path,
                                      expected_path: Path) -> None:
    result, store = crawls.get(folder)
    assert result.returncode == 0, f"crawl of {folder.name} failed:\n{result.stderr[-3000:]}"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    base_url = profile_of(folder)["base_url"]
    url = canonical_url(urljoin(base_url, expected["url"]))
    stored = store.get(url)
    assert stored is not None, f"{folder.name}: {url} was not stored; crawl said:\n" + (
        result.stdout[-2000:])
    wrong = mismatches(expected, stored.article.to_dict(), base_url)
    assert not wrong, f"{folder.name} {expected['url']}: fields differ\n" + "\n".join(wrong)


@pytest.mark.parametrize("folder", family_folders(), ids=lambda p: p.name)
def test_family_crawl_counts_no_errors(crawls: Crawls, folder: Path) -> None:
    """Every page the site links exists: a family profile that follows its platform's
    links (pager, related boxes) must not wander into 404s."""
    result, store = crawls.get(folder)
    assert result.returncode == 0, result.stderr[-3000:]
    runs = store.runs(profile_of(folder)["name"])
    assert [r.outcome for r in runs] == ["ok"]
    errors = {k: v for k, v in runs[0].stats.items() if k.startswith("portalfeed/errors/")}
    assert not errors, f"{folder.name}: {errors}"
    assert runs[0].new >= len(list((folder / "expected").glob("*.json")))


@pytest.mark.parametrize("folder", family_folders(), ids=lambda p: p.name)
def test_family_articles_are_stored_once(crawls: Crawls, folder: Path) -> None:
    """Session ids, portlet query strings and aliases of a page lead to one article."""
    result, store = crawls.get(folder)
    assert result.returncode == 0, result.stderr[-3000:]
    urls = store.known_urls(profile_of(folder)["name"])
    assert not [u for u in urls if ";" in u or "jsessionid" in u.lower()], urls
    titles = [store.get(u).article.title for u in sorted(urls)]
    assert len(titles) == len(set(titles)), f"{folder.name}: one article stored twice: {titles}"
