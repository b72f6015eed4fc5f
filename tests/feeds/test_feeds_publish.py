from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import feeds.items
from crawler.model import PortalInfo, StoredArticle
from feeds.atomic import write_atomic
from feeds.build import build_feed
from feeds.grouping import group_items
from feeds.items import FeedItem
from feeds.paths import FORMATS, FeedSpec
from feeds.publish import PublishReport, publish

BASE_URL = "https://tin.example.vn/"


def run(articles: list[StoredArticle], portals: dict[str, PortalInfo], public: Path
        ) -> PublishReport:
    return publish(group_items(articles), public, base_url=BASE_URL, portals=portals)


def snapshot(public: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(public).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in public.rglob("*") if p.is_file()}


def feed_files(spec: FeedSpec) -> set[str]:
    return {spec.path(fmt) for fmt in FORMATS}


def test_first_publish_writes_every_feed(
    articles: list[StoredArticle], portals: dict[str, PortalInfo], tmp_path: Path
) -> None:
    report = run(articles, portals, tmp_path)
    specs = [
        FeedSpec(), FeedSpec(topic="khoa-hoc-cong-nghe"), FeedSpec(topic="kinh-te"),
        FeedSpec(portal="hagiang"), FeedSpec(portal="hagiang", topic="kinh-te"),
        FeedSpec(portal="phutho"), FeedSpec(portal="phutho", topic="khoa-hoc-cong-nghe"),
        FeedSpec(portal="phutho", topic="kinh-te"),
    ]
    assert list(group_items(articles)) == specs
    expected = {path for spec in specs for path in feed_files(spec)} | {"feeds.opml", "index.html"}
    assert set(report.written) == expected
    assert set(snapshot(tmp_path)) == expected  # and no temp files
    assert report.unchanged == [] and report.removed == []
    assert (tmp_path / "feeds/all.rss").stat().st_mode & 0o777 == 0o644


def test_second_publish_writes_nothing(
    articles: list[StoredArticle], portals: dict[str, PortalInfo], tmp_path: Path
) -> None:
    first = run(articles, portals, tmp_path)
    before = snapshot(tmp_path)
    second = run(articles, portals, tmp_path)
    assert second.written == [] and second.removed == [] and not second.changed
    assert second.unchanged == first.written
    assert snapshot(tmp_path) == before  # bytes and mtime_ns


def test_an_edit_rewrites_only_the_affected_feeds(
    articles: list[StoredArticle], portals: dict[str, PortalInfo], tmp_path: Path
) -> None:
    run(articles, portals, tmp_path)
    hagiang = articles[1]
    assert hagiang.article.portal == "hagiang"
    hagiang.article.title = "Du lịch mùa hoa tam giác mạch 2022"
    report = run(articles, portals, tmp_path)
    touched = {"index.html"}  # feeds.opml lists feeds, not articles: unchanged
    for spec in (FeedSpec(), FeedSpec(topic="kinh-te"), FeedSpec(portal="hagiang"),
                 FeedSpec(portal="hagiang", topic="kinh-te")):
        touched |= feed_files(spec)
    assert set(report.written) == touched
    assert "feeds/portal/phutho.rss" in report.unchanged


def test_a_vanished_topic_is_removed(
    articles: list[StoredArticle], portals: dict[str, PortalInfo], tmp_path: Path
) -> None:
    run(articles, portals, tmp_path)
    (tmp_path / "feeds/portal/phutho/notes.txt").write_text("ours to keep")
    full = articles[2]
    articles[2] = dataclasses.replace(full, article=dataclasses.replace(
        full.article, topics=["kinh-te"]))
    report = run(articles, portals, tmp_path)
    gone = feed_files(FeedSpec(topic="khoa-hoc-cong-nghe")) | feed_files(
        FeedSpec(portal="phutho", topic="khoa-hoc-cong-nghe"))
    assert set(report.removed) == gone
    assert not any((tmp_path / path).exists() for path in gone)
    assert (tmp_path / "feeds/portal/phutho/notes.txt").exists()
    assert (tmp_path / "feeds/portal/phutho/kinh-te.rss").exists()


def test_a_vanished_portal_loses_its_directory(
    articles: list[StoredArticle], portals: dict[str, PortalInfo], tmp_path: Path
) -> None:
    run(articles, portals, tmp_path)
    report = run([a for a in articles if a.article.portal != "hagiang"], portals, tmp_path)
    assert "feeds/portal/hagiang/kinh-te.atom" in report.removed
    assert not (tmp_path / "feeds/portal/hagiang").exists()


def test_each_feed_prepares_its_items_once(
    articles: list[StoredArticle], portals: dict[str, PortalInfo], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    # Preparing an item (cleaning its text and HTML) is the costly step; the three
    # formats of a feed render from one preparation.
    prepared: list[str] = []
    real = feeds.items.prepare_item

    def counting(stored: StoredArticle) -> FeedItem:
        prepared.append(stored.guid)
        return real(stored)

    monkeypatch.setattr(feeds.items, "prepare_item", counting)
    groups = group_items(articles)
    run(articles, portals, tmp_path)
    assert len(prepared) == sum(len(items) for items in groups.values())


def test_publish_writes_what_build_feed_renders(
    articles: list[StoredArticle], portals: dict[str, PortalInfo], tmp_path: Path
) -> None:
    groups = group_items(articles)
    run(articles, portals, tmp_path)
    for spec, items in groups.items():
        for fmt in FORMATS:
            expected = build_feed(spec, items, fmt, base_url=BASE_URL, portals=portals)
            assert (tmp_path / spec.path(fmt)).read_bytes() == expected, spec.path(fmt)


def test_write_atomic(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    assert write_atomic(target, b"one") is True
    mtime = target.stat().st_mtime_ns
    assert write_atomic(target, b"one") is False
    assert target.stat().st_mtime_ns == mtime
    assert write_atomic(target, b"two") is True
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]


def test_write_atomic_leaves_no_temp_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("feeds.atomic.os.replace", fail)
    with pytest.raises(OSError):
        write_atomic(tmp_path / "x.rss", b"data")
    assert list(tmp_path.iterdir()) == []
