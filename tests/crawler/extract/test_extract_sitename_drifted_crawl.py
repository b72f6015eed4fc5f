"""A crawl of the redesigned fixture portal (classes renamed as tests/portalfeed/doctor
does): the real spider over HTTP on 127.0.0.1, the generic path on every article.
The incomplete article is counted as rejected `no_title`; nothing is stored under
the site's name, and every other article keeps its own title."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.store.store import Store
from portalfeed.fixture_server import FixtureServer

PORTAL = Path(__file__).resolve().parents[3] / "seeds" / "fixture_portal"
RENAMES = {"post__title": "entry-heading", "post__content": "entry-text",
           "post__datetime": "entry-date"}
PUBLIC_BASE = "https://phutho.fixture.test"
SITE_NAME = "Cổng Thông tin điện tử tỉnh Phú Thọ (bản mô phỏng)"


@pytest.fixture(scope="module")
def drifted_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("drifted") / "site"
    shutil.copytree(PORTAL / "site", site)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for old, new in RENAMES.items():
            text = re.sub(rf"(?<![\w-]){old}(?![\w-])", new, text)
        page.write_text(text, encoding="utf-8")
    with FixtureServer(site) as server:
        yield server.url


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, drifted_portal: str) -> Iterator[Store]:
    workdir = tmp_path_factory.mktemp("work")
    done = subprocess.run(
        [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "crawl",
         "phutho-fixture", "--fetch-base", drifted_portal, "--no-publish"],
        capture_output=True, text=True, env=dict(os.environ), timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    opened = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    yield opened
    opened.close()


def test_the_incomplete_article_is_counted_as_no_title(store: Store) -> None:
    stats = store.runs("phutho-fixture")[-1].stats
    assert stats.get("portalfeed/rejected/no_title") == 1
    assert store.get(f"{PUBLIC_BASE}/vi/bai-viet-chua-hoan-thien") is None


def test_every_article_keeps_its_title(store: Store) -> None:
    expected = [json.loads(p.read_text(encoding="utf-8"))
                for p in sorted((PORTAL / "expected").glob("*.json"))]
    assert store.count() == len(expected)
    for item in expected:
        stored = store.get(PUBLIC_BASE + item["url"])
        assert stored is not None, item["url"]
        assert (stored.article.title, stored.article.extractor) == (item["title"], "generic")
        assert stored.article.title != SITE_NAME
