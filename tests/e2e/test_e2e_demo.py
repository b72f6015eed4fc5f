"""The README's main command: `portalfeed demo`, offline, in a fresh working directory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import feedparser


def test_demo_crawls_stores_and_publishes(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "portalfeed", "demo"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "fixture portal served at http://127.0.0.1:" in out.stdout
    assert "phutho-fixture: ok" in out.stdout
    # Settings are passed to Scrapy as set, not flattened with every default: no
    # deprecated default is restated, so no deprecation warning reaches the operator.
    assert "DeprecationWarning" not in out.stdout + out.stderr
    # The demo's summary is not buried under Scrapy's INFO stream.
    assert "[scrapy.core.engine] INFO" not in out.stderr
    assert (tmp_path / "data" / "portalfeed.sqlite3").is_file()
    for name in ("feeds/all.rss", "feeds/all.atom", "feeds/all.json", "feeds.opml",
                 "index.html", "feeds/topic/khoa-hoc-cong-nghe.rss"):
        assert (tmp_path / "public" / name).is_file(), name
    parsed = feedparser.parse((tmp_path / "public" / "feeds" / "all.rss").read_bytes())
    assert not parsed.bozo
    assert len(parsed.entries) >= 12


def test_scrapy_finds_the_project(tmp_path: Path, fixture_portal: str) -> None:
    repo = Path(__file__).resolve().parents[2]
    db = tmp_path / "scrapy.sqlite3"
    out = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "portal", "-a", "portal=phutho-fixture",
         "-a", f"fetch_base={fixture_portal}", "-s", f"PORTALFEED_DB_URL=sqlite:///{db}",
         "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"],
        cwd=repo, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert "'portalfeed/articles/new': 22" in out.stderr
