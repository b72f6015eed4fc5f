"""The fixture portal crawled end to end into PostgreSQL (db_url set, nothing else
changes): each article stored once, a second crawl changes nothing, the feeds
published from PostgreSQL read as a feed reader reads them, status reads the runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from crawler.store.migrate import HEAD, current_revision
from crawler.store.store import Store

REPO = Path(__file__).resolve().parents[2]
EXPECTED = REPO / "seeds" / "fixture_portal" / "expected"
PUBLIC_BASE = "https://phutho.fixture.test"


def portalfeed(workdir: Path, db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTALFEED_")}
    env.update(PORTALFEED_BASE_URL="https://feeds.example.vn/", PORTALFEED_DB_URL=db_url)
    return subprocess.run([sys.executable, "-m", "portalfeed", "--workdir", str(workdir), *args],
                          capture_output=True, text=True, env=env, timeout=300)


def feed_files(public: Path) -> dict[str, bytes]:
    return {str(p.relative_to(public)): p.read_bytes()
            for p in sorted((public / "feeds").rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, fixture_portal: str,
            postgres_server: object) -> dict:
    db_url = postgres_server.create_database("e2e_crawl")
    workdir = tmp_path_factory.mktemp("pgwork")
    crawl = ("crawl", "phutho-fixture", "--fetch-base", fixture_portal)
    first = portalfeed(workdir, db_url, *crawl)
    assert first.returncode == 0, first.stdout + first.stderr
    store = Store(db_url)
    count_1, files_1 = store.count(), feed_files(workdir / "public")
    second = portalfeed(workdir, db_url, *crawl)
    assert second.returncode == 0, second.stdout + second.stderr
    status = portalfeed(workdir, db_url, "status", "--json")
    assert status.returncode == 0, status.stderr
    yield {"workdir": workdir, "store": store, "count_1": count_1, "files_1": files_1,
           "files_2": feed_files(workdir / "public"), "status": json.loads(status.stdout)}
    store.close()


def test_the_crawl_wrote_postgresql_not_sqlite(crawled: dict) -> None:
    assert crawled["store"].engine.dialect.name == "postgresql"
    assert current_revision(crawled["store"].engine) == HEAD
    assert not (crawled["workdir"] / "data" / "portalfeed.sqlite3").exists()


def test_every_fixture_article_is_stored_once(crawled: dict) -> None:
    expected = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXPECTED.glob("*.json"))]
    assert len(expected) >= 12
    assert crawled["count_1"] == len(expected)
    for item in expected:
        stored = crawled["store"].get(PUBLIC_BASE + item["url"])
        assert stored is not None, item["url"]
        assert stored.article.title == item["title"]
        assert stored.article.published.isoformat() == item["published"]


def test_a_second_crawl_changes_nothing(crawled: dict) -> None:
    store: Store = crawled["store"]
    assert store.count() == crawled["count_1"]
    assert crawled["files_2"] == crawled["files_1"]
    runs = store.runs("phutho-fixture")
    assert [r.outcome for r in runs] == ["ok", "ok"]
    assert (runs[0].new, runs[0].updated, runs[1].new) == (0, 0, crawled["count_1"])
    assert all(r.started.utcoffset() is not None for r in runs)


def test_feeds_from_postgresql_parse_as_a_reader_sees_them(crawled: dict) -> None:
    public = crawled["workdir"] / "public"
    feeds = sorted((public / "feeds").rglob("*.rss")) + sorted((public / "feeds").rglob("*.atom"))
    assert len(feeds) >= 2 * 8
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path
        for entry in parsed.entries:
            stamp = entry.get("published") or entry.get("updated")
            assert stamp and ("+07:00" in stamp or "+0700" in stamp), (path, stamp)


def test_status_reads_the_runs_from_postgresql(crawled: dict) -> None:
    row = next(r for r in crawled["status"] if r["portal"] == "phutho-fixture")
    assert (row["runs_ok"], row["runs_failed"]) == (2, 0)
    assert row["new_articles"] == crawled["count_1"]
    assert row["last_run"].endswith("+07:00")
