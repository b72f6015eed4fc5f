"""Every published feed passes the W3C Feed Validation Service's rules, checked offline.

Two feed sets: a real crawl of the fixture portal (the real Scrapy engine in a
child process, as `portalfeed crawl` runs it), and hand-made articles with the
input that breaks feeds (control characters, `&`, `<`, `‹niềm vui>`, very long
and duplicate titles, date-only and undated articles, no author or image,
non-ASCII URLs, NFD text) stored through the real Store and published with
`publish_from_store`. The rules live in `feedcheck/`, one function each; the
tests at the end show each rule catching the fault it is for.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import feedparser
import pytest

from crawler.profiles import load_profiles
from crawler.store.store import Store
from portalfeed.config import Config
from portalfeed.publishing import publish_from_store

# A base with a path: self links must keep it.
BASE_URL = "https://tin.example.vn/nguon-tin/"
NOW = datetime.now(UTC)


def load_feedcheck() -> ModuleType:
    # Tests run with --import-mode=importlib, so the helper package is loaded by path.
    here = Path(__file__).with_name("feedcheck")
    spec = importlib.util.spec_from_file_location(
        "feedcheck", here / "__init__.py", submodule_search_locations=[str(here)])
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["feedcheck"] = module
    spec.loader.exec_module(module)
    return module


feedcheck = load_feedcheck()
samples = importlib.import_module("feedcheck.samples")
RULES = feedcheck.RULES
CASES = [(fmt, name) for fmt, rules in RULES.items() for name in rules]


def feed_files(public: Path) -> dict[str, bytes]:
    return {p.relative_to(public).as_posix(): p.read_bytes()
            for p in sorted((public / "feeds").rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def crawl_feeds(tmp_path_factory: pytest.TempPathFactory, fixture_portal: str) -> dict:
    workdir = tmp_path_factory.mktemp("crawl")
    env = {**os.environ, "PORTALFEED_BASE_URL": BASE_URL}
    done = subprocess.run(
        [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "crawl",
         "phutho-fixture", "--fetch-base", fixture_portal],
        capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return feed_files(workdir / "public")


@pytest.fixture(scope="module")
def nasty_feeds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir = tmp_path_factory.mktemp("nasty")
    store = Store(f"sqlite:///{workdir / 'store.sqlite3'}")
    try:
        for article in samples.nasty_articles():
            assert store.upsert(article, samples.FIRST_SEEN) == "new", article.url
        assert store.upsert(samples.edited_article(), samples.EDITED_AT) == "updated"
        config = Config(workdir=workdir, base_url=BASE_URL)
        publish_from_store(store, config, load_profiles())
    finally:
        store.close()
    return feed_files(workdir / "public")


def docs(feeds: dict[str, bytes], fmt: str) -> list:
    found = [feedcheck.load_doc(rel, data, BASE_URL, NOW)
             for rel, data in feeds.items() if rel.endswith(f".{fmt}")]
    assert found, f"no .{fmt} feeds published"
    return found


@pytest.mark.parametrize("source", ["crawl", "nasty"])
@pytest.mark.parametrize(("fmt", "rule"), CASES)
def test_every_feed_passes(source: str, fmt: str, rule: str,
                           request: pytest.FixtureRequest) -> None:
    feeds = request.getfixturevalue(f"{source}_feeds")
    problems = {doc.relative: RULES[fmt][rule](doc) for doc in docs(feeds, fmt)}
    assert {path: found for path, found in problems.items() if found} == {}


def item_links(doc: object) -> list[str]:
    if doc.fmt == "json":
        return [item.get("url") for item in doc.root["items"]]
    return [entry.link for entry in feedparser.parse(doc.data).entries]


@pytest.mark.parametrize("source", ["crawl", "nasty"])
def test_three_formats_hold_the_same_items(source: str, request: pytest.FixtureRequest) -> None:
    feeds = request.getfixturevalue(f"{source}_feeds")
    stems = {rel.rsplit(".", 1)[0] for rel in feeds}
    for stem in sorted(stems):
        links = {fmt: item_links(feedcheck.load_doc(f"{stem}.{fmt}", feeds[f"{stem}.{fmt}"],
                                                    BASE_URL, NOW)) for fmt in RULES}
        assert links["rss"] == links["atom"] == links["json"], stem
        assert links["rss"], stem


def test_hand_made_articles_arrive_intact(nasty_feeds: dict) -> None:
    entries = feedparser.parse(nasty_feeds["feeds/all.rss"]).entries
    assert len(entries) == len(samples.nasty_articles())
    by_link = {e.link.rsplit("/", 1)[-1]: e for e in entries}
    assert feedcheck.common.html_text(by_link["ky-tu-html"].summary) == samples.TRICKY
    assert by_link["ky-tu-dieu-khien"].title == "Hội nghị tổng kết năm 2024"
    assert by_link["tieu-de-dai"].title == samples.LONG_TITLE.strip()
    assert by_link["chi-co-ngay"].published == "Mon, 19 Feb 2024 00:00:00 +0700"
    twins = [e for e in entries if e.title == samples.DUPLICATE_TITLE]
    assert len(twins) == 2 and twins[0].id != twins[1].id
    assert "Đoạn bổ sung sau khi sửa." in by_link["khong-tac-gia"].content[0].value


def test_an_edited_article_keeps_its_id_and_moves_its_updated(nasty_feeds: dict) -> None:
    atom = feedparser.parse(nasty_feeds["feeds/all.atom"]).entries
    edited = next(e for e in atom if e.link.endswith("/khong-tac-gia"))
    assert edited.id == "tag:phutho.gov.vn,2024-02-20:/vi/khong-tac-gia"
    assert edited.updated == samples.EDITED_AT.isoformat()


# (format, rule, text in the nasty all.<format>, replacement, how many): one fault per
# case, which the named rule must report while the untouched file passes it.
FAULTS = [
    ("rss", "well_formed", "</channel>", "", 1),
    ("rss", "characters", "Lần một.", "Lần\u0085 một.", 1),
    ("rss", "characters", "Lần một.", "La\u0300n một.", 1),
    ("rss", "channel_required", "<language>vi</language>", "", 1),
    ("rss", "self_link", "nguon-tin/feeds/all.rss\"", "nguon-tin/feeds/all.xml\"", 1),
    ("rss", "dates", "+0700</pubDate>", " GMT</pubDate>", 1),
    ("rss", "dates", "Mon, 19 Feb 2024", "Tue, 19 Feb 2024", 1),
    ("rss", "guids", 'isPermaLink="false"', 'isPermaLink="true"', 1),
    ("rss", "guids", "/vi/trung-tieu-de-2</guid>", "/vi/trung-tieu-de-1</guid>", 1),
    ("rss", "authors", "<guid ", "<author>Thu Hương</author><guid ", 1),
    ("rss", "media", ' type="image/png" medium', " medium", 1),
    ("rss", "content", "<content:encoded>", "<content:encoded>&lt;script&gt;x&lt;/script&gt;", 1),
    ("rss", "content", "content:encoded>", "content:other>", -1),
    ("rss", "content", "<content:encoded>", "<content:encoded>&lt;p&gt;", 1),
    ("rss", "titles", "<title>Thông báo", "<title>&lt;b&gt;x&lt;/b&gt; Thông báo", 1),
    ("rss", "urls", "<link>https://phutho.gov.vn/vi/khong-ngay<", "<link>/vi/khong-ngay<", 1),
    ("rss", "items_once", "</guid>", "</guid><guid>tag:x.vn,2024:y</guid>", 1),
    ("rss", "order", "Mon, 19 Feb 2024 00:00:00", "Mon, 26 Feb 2024 00:00:00", 1),
    ("rss", "feedparser_reads", "+0700</pubDate>", "+0000</pubDate>", 1),
    ("atom", "well_formed", "</feed>", "", 1),
    ("atom", "characters", "Lần một.", "Lần\ufffd một.", 1),
    ("atom", "feed_required", 'xml:lang="vi"', 'xml:lang="en"', 1),
    ("atom", "self_link", 'all.atom" rel="self"', 'other.atom" rel="self"', 1),
    ("atom", "entries", "/vi/trung-tieu-de-2</id>", "/vi/trung-tieu-de-1</id>", 1),
    ("atom", "entries", "+07:00</updated>", "</updated>", 2),
    ("atom", "content", '<content type="html">', '<content type="html">&lt;p&gt;', 1),
    ("atom", "content", '<content type="html">', '<content type="xhtml">', 1),
    ("atom", "urls", 'href="https://phutho.gov.vn/vi/khong-ngay"', 'href="vi/khong-ngay"', 1),
    ("atom", "order", "2024-02-19T00:00:00+07:00</published>",
     "2024-02-26T00:00:00+07:00</published>", 1),
    ("atom", "feedparser_reads", "+07:00</published>", "Z</published>", 1),
    ("json", "well_formed", '"items": [', '"items": [,', 1),
    ("json", "characters", "Lần một.", "Lần\u0085 một.", 1),
    ("json", "top_level", '"language": "vi"', '"language": "en"', 1),
    ("json", "items", "/vi/trung-tieu-de-2\"", "/vi/trung-tieu-de-1\"", 1),
    ("json", "items", '"date_published": "2024-02-19T00:00:00+07:00"',
     '"date_published": "2024-02-19 00:00:00"', 1),
    ("json", "values", '"url": "https://phutho.gov.vn/vi/khong-ngay"', '"url": "/vi/x"', 1),
    ("json", "order", '"date_published": "2024-02-19T00:00:00+07:00"',
     '"date_published": "2024-02-26T00:00:00+07:00"', 1),
]


@pytest.mark.parametrize(("fmt", "rule", "old", "new", "count"), FAULTS)
def test_each_rule_catches_its_fault(nasty_feeds: dict, fmt: str, rule: str, old: str,
                                     new: str, count: int) -> None:
    relative = f"feeds/all.{fmt}"
    original = nasty_feeds[relative].decode("utf-8")
    assert old in original
    check = RULES[fmt][rule]
    assert check(feedcheck.load_doc(relative, original.encode(), BASE_URL, NOW)) == []
    broken = original.replace(old, new, count).encode("utf-8")
    assert check(feedcheck.load_doc(relative, broken, BASE_URL, NOW)) != []


def test_every_rule_has_a_fault_case() -> None:
    covered = {(fmt, rule) for fmt, rule, *_ in FAULTS}
    assert set(CASES) <= covered
