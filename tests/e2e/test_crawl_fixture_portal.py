"""Seed to feed: the real Scrapy engine crawls the fixture portal over HTTP on
127.0.0.1, stores, publishes; feeds are read back the way a reader does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import feedparser
import pytest

from crawler.normalize.dates import VN_TZ
from crawler.store.store import Store

REPO = Path(__file__).resolve().parents[2]
EXPECTED = REPO / "seeds" / "fixture_portal" / "expected"
PUBLIC_BASE = "https://phutho.fixture.test"
SEED_SLUG = "lien-hiep-cac-hoi-khoa-hoc-va-ky-thuat-tinh-trien-khai-nhiem-vu-nam-2022"


def portalfeed(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PORTALFEED_BASE_URL": "https://feeds.example.vn/"}
    return subprocess.run(
        [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), *args],
        capture_output=True, text=True, env=env, timeout=300,
    )


def feed_files(public: Path) -> dict[str, bytes]:
    return {str(p.relative_to(public)): p.read_bytes()
            for p in sorted((public / "feeds").rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, fixture_portal: str) -> dict:
    """Two crawls of the unchanged portal, with the state after each."""
    workdir = tmp_path_factory.mktemp("work")
    first = portalfeed(workdir, "crawl", "phutho-fixture", "--fetch-base", fixture_portal)
    assert first.returncode == 0, first.stdout + first.stderr
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    count_1 = store.count()
    files_1 = feed_files(workdir / "public")
    mtimes_1 = {p: (workdir / "public" / p).stat().st_mtime_ns for p in files_1}
    second = portalfeed(workdir, "crawl", "phutho-fixture", "--fetch-base", fixture_portal)
    assert second.returncode == 0, second.stdout + second.stderr
    republish = portalfeed(workdir, "publish")
    assert republish.returncode == 0, republish.stderr
    yield {
        "workdir": workdir, "store": store, "first": first, "count_1": count_1,
        "files_1": files_1, "mtimes_1": mtimes_1,
        "files_2": feed_files(workdir / "public"),
    }
    store.close()


def expected_articles() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXPECTED.glob("*.json"))]


def test_every_fixture_article_is_stored_once(crawled: dict) -> None:
    store: Store = crawled["store"]
    expected = expected_articles()
    assert len(expected) >= 12
    assert crawled["count_1"] == len(expected)
    for item in expected:
        assert store.get(PUBLIC_BASE + item["url"]) is not None, item["url"]


@pytest.mark.parametrize("field", ["title", "source_label", "published", "published_precision",
                                   "author", "lead", "body", "captions"])
def test_fixture_articles_field_by_field(crawled: dict, field: str) -> None:
    store: Store = crawled["store"]
    for item in expected_articles():
        got = store.get(PUBLIC_BASE + item["url"]).article.to_dict()
        assert got[field] == item[field], (item["url"], field)


def test_images_pair_with_their_captions(crawled: dict) -> None:
    store: Store = crawled["store"]
    for item in expected_articles():
        got = store.get(PUBLIC_BASE + item["url"]).article
        assert [(i.url, i.caption) for i in got.images] == [
            (PUBLIC_BASE + i["url"], i["caption"]) for i in item["images"]
        ], item["url"]


def test_seed_page_gives_the_seed_article(crawled: dict) -> None:
    seed = crawled["store"].get(f"{PUBLIC_BASE}/vi/{SEED_SLUG}").article
    assert seed.title == (
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh triển khai nhiệm vụ năm 2022"
    )
    assert seed.source_label == "PhuthoPortal"
    assert seed.published.date().isoformat() == "2022-01-19"
    assert seed.published.utcoffset().total_seconds() == 7 * 3600
    assert len(seed.body) == 9
    assert len(seed.captions) == 3
    assert seed.author == "Thu Hương"
    assert "khoa-hoc-cong-nghe" in seed.topics
    assert seed.language == "vi"
    assert seed.extractor == "profile"


def test_header_clock_is_not_taken_for_a_publication_date(crawled: dict) -> None:
    today = datetime.now(VN_TZ).date()
    for item in expected_articles():
        got = crawled["store"].get(PUBLIC_BASE + item["url"]).article
        assert got.published.date() != today
        assert got.published.date() != datetime(2026, 11, 29).date()  # the static clock


def test_feeds_parse_as_a_reader_sees_them(crawled: dict) -> None:
    public = crawled["workdir"] / "public"
    feeds = sorted((public / "feeds").rglob("*.rss")) + sorted((public / "feeds").rglob("*.atom"))
    assert len(feeds) >= 2 * 8
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path
        for entry in parsed.entries:
            assert entry.title and entry.link and entry.id, path
            stamp = entry.get("published") or entry.get("updated")
            assert stamp and ("+07:00" in stamp or "+0700" in stamp), (path, stamp)
            assert entry.content[0].value.count("<p>") >= 1, (path, entry.link)


def test_science_feed_holds_the_seed(crawled: dict) -> None:
    public = crawled["workdir"] / "public"
    parsed = feedparser.parse((public / "feeds/topic/khoa-hoc-cong-nghe.rss").read_bytes())
    links = [e.link for e in parsed.entries]
    assert f"{PUBLIC_BASE}/vi/{SEED_SLUG}" in links
    seed = next(e for e in parsed.entries if e.link.endswith(SEED_SLUG))
    assert "Thu Hương" in seed.get("author", "") or "Thu Hương" in str(seed.get("authors"))
    assert "Hiện nay, Liên hiệp Hội có 1 cơ quan thường trực" in seed.content[0].value


def test_second_crawl_changes_nothing(crawled: dict) -> None:
    assert crawled["store"].count() == crawled["count_1"]
    assert crawled["files_2"] == crawled["files_1"]
    public = crawled["workdir"] / "public"
    for path, mtime in crawled["mtimes_1"].items():
        assert (public / path).stat().st_mtime_ns == mtime, path


def test_bad_pages_are_counted_and_do_not_stop_the_crawl(crawled: dict) -> None:
    runs = crawled["store"].runs("phutho-fixture")
    assert [r.outcome for r in runs] == ["ok", "ok"]
    stats = runs[-1].stats
    assert stats.get("portalfeed/rejected/no_title") == 1  # the draft without a title
    assert stats.get("portalfeed/errors/http_404") == 1  # a listing links a removed page
    assert runs[-1].new == crawled["count_1"]
    # The second crawl stores nothing new; known articles are not even fetched again.
    assert runs[0].new == 0 and runs[0].updated == 0
    assert runs[0].stats.get("portalfeed/known_skipped") == crawled["count_1"]
    assert "rejected" in crawled["first"].stdout
