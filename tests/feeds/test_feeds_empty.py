"""Feeds without items: which are written, how they are dated, when they are rewritten.

The rule is in `feeds.publish`'s docstring: item-less topic and portal feeds are not
feeds; the `all` feed and keyword feeds are written, dated by the publish that made
them item-less, and left untouched by later publishes while they stay the same.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from lxml import etree

from crawler.model import PortalInfo, StoredArticle
from crawler.store.store import Store
from feeds.build import build_feed
from feeds.keywords import KeywordFeed
from feeds.paths import FORMATS, FeedSpec
from feeds.publish import PublishReport, publish
from portalfeed.config import Config
from portalfeed.publishing import publish_from_store

BASE_URL = "https://tin.example.vn/"
T1 = datetime(2024, 3, 5, 1, 2, 3, 999, tzinfo=UTC)  # 08:02:03 in Vietnam
T1_RSS, T1_ATOM = "Tue, 05 Mar 2024 08:02:03 +0700", "2024-03-05T08:02:03+07:00"
LATER = T1 + timedelta(days=3)
ALL, KEYWORD = FeedSpec(), FeedSpec(keyword="chuyen-doi-so", keyword_title="Chuyển đổi số")
RSS_OR_ATOM_DATE = ("string(/rss/channel/lastBuildDate"
                    " | /*[local-name()='feed']/*[local-name()='updated'])")


def run(groups: dict[FeedSpec, list[StoredArticle]], public: Path, now: datetime,
        portals: dict[str, PortalInfo] | None = None) -> PublishReport:
    return publish(groups, public, base_url=BASE_URL, portals=portals or {}, now=now)


def stamped(public: Path, spec: FeedSpec) -> dict[str, str]:
    return {fmt: etree.parse(str(public / spec.path(fmt))).xpath(RSS_OR_ATOM_DATE)
            for fmt in ("rss", "atom")}


def snapshot(public: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(public).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in public.rglob("*") if p.is_file()}


def paths(spec: FeedSpec) -> set[str]:
    return {spec.path(fmt) for fmt in FORMATS}


def test_an_empty_all_feed_is_dated_by_the_publish(tmp_path: Path) -> None:
    report = run({ALL: []}, tmp_path, T1)
    assert set(report.written) == paths(ALL) | {"feeds.opml", "index.html"}
    assert stamped(tmp_path, ALL) == {"rss": T1_RSS, "atom": T1_ATOM}
    assert json.loads((tmp_path / "feeds/all.json").read_bytes())["items"] == []


def test_a_later_publish_keeps_an_unchanged_empty_feed(tmp_path: Path) -> None:
    run({ALL: [], KEYWORD: []}, tmp_path, T1)
    before = snapshot(tmp_path)
    report = run({ALL: [], KEYWORD: []}, tmp_path, LATER)
    assert report.written == [] and report.removed == []
    assert snapshot(tmp_path) == before  # bytes and mtime_ns
    assert stamped(tmp_path, KEYWORD) == {"rss": T1_RSS, "atom": T1_ATOM}


def test_a_keyword_feed_that_loses_its_items_is_dated_then(
    articles: list[StoredArticle], tmp_path: Path
) -> None:
    run({ALL: articles, KEYWORD: articles[:1]}, tmp_path, T1)
    report = run({ALL: articles, KEYWORD: []}, tmp_path, LATER)
    assert set(report.written) == paths(KEYWORD)  # index.html lists no keyword items
    later_rss = "Fri, 08 Mar 2024 08:02:03 +0700"
    assert stamped(tmp_path, KEYWORD) == {"rss": later_rss, "atom": "2024-03-08T08:02:03+07:00"}
    again = run({ALL: articles, KEYWORD: []}, tmp_path, LATER + timedelta(hours=5))
    assert again.written == []


@pytest.mark.parametrize("old_date", [
    datetime(1970, 1, 1, 7, 0, tzinfo=UTC),  # what empty feeds used to carry
    LATER,  # after the publish: a clock that was wrong then
])
def test_an_implausible_stamp_is_not_kept(old_date: datetime, tmp_path: Path) -> None:
    for fmt in FORMATS:
        target = tmp_path / ALL.path(fmt)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(build_feed(ALL, [], fmt, base_url=BASE_URL, portals={},
                                      empty_updated=old_date))
    report = run({ALL: []}, tmp_path, T1)
    assert {"feeds/all.rss", "feeds/all.atom"} <= set(report.written)
    assert "feeds/all.json" in report.unchanged  # JSON Feed carries no feed-level date
    assert stamped(tmp_path, ALL) == {"rss": T1_RSS, "atom": T1_ATOM}


def test_an_unreadable_old_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds/all.rss").write_bytes(b"<rss><channel><lastBuildDate>junk")
    (tmp_path / "feeds/all.atom").write_bytes(b"<feed xmlns='http://www.w3.org/2005/Atom'/>")
    report = run({ALL: []}, tmp_path, T1)
    assert {"feeds/all.rss", "feeds/all.atom"} <= set(report.written)
    assert stamped(tmp_path, ALL) == {"rss": T1_RSS, "atom": T1_ATOM}


def test_item_less_topic_and_portal_feeds_are_not_feeds(
    articles: list[StoredArticle], portals: dict[str, PortalInfo], tmp_path: Path
) -> None:
    topic, portal = FeedSpec(topic="kinh-te"), FeedSpec(portal="phutho")
    run({ALL: articles, topic: articles, portal: articles[::2]}, tmp_path, T1, portals)
    report = run({ALL: articles, topic: [], portal: []}, tmp_path, T1, portals)
    assert set(report.removed) == paths(topic) | paths(portal)
    left = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.*") if p.is_file()}
    assert left == paths(ALL) | {"feeds.opml", "index.html"}
    opml = etree.parse(str(tmp_path / "feeds.opml")).xpath("//outline/@xmlUrl")
    assert opml == [BASE_URL + "feeds/all.rss"]


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


def test_an_empty_store_publishes_valid_feeds(tmp_path: Path) -> None:
    feedcheck = load_feedcheck()
    keyword = KeywordFeed("chuyen-doi-so", "Chuyển đổi số", ("chuyển đổi số",))
    config = Config(workdir=tmp_path, base_url=BASE_URL, keyword_feeds=(keyword,))
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    try:
        report = publish_from_store(store, config, {})
    finally:
        store.close()
    assert set(report.written) == paths(ALL) | paths(keyword.spec) | {"feeds.opml", "index.html"}
    now = datetime.now(UTC)
    for relative in sorted(paths(ALL) | paths(keyword.spec)):
        doc = feedcheck.load_doc(relative, (config.public_path / relative).read_bytes(),
                                 BASE_URL, now)
        rules = feedcheck.RULES[relative.rsplit(".", 1)[1]]
        problems = {name: rule(doc) for name, rule in rules.items()}
        assert {name: found for name, found in problems.items() if found} == {}, relative
