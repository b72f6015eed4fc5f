from __future__ import annotations

import sys
import types

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feeds.paths import FeedSpec, feed_specs, parse_feed_path, topic_name


@pytest.mark.parametrize(
    ("spec", "stem"),
    [
        (FeedSpec(), "feeds/all"),
        (FeedSpec(topic="kinh-te"), "feeds/topic/kinh-te"),
        (FeedSpec(portal="phutho"), "feeds/portal/phutho"),
        (FeedSpec(portal="phutho", topic="kinh-te"), "feeds/portal/phutho/kinh-te"),
    ],
)
def test_stem_path_and_url(spec: FeedSpec, stem: str) -> None:
    assert spec.stem == stem
    assert spec.path("atom") == f"{stem}.atom"
    assert spec.url("https://tin.example.vn", "rss") == f"https://tin.example.vn/{stem}.rss"
    assert spec.url("https://tin.example.vn/", "json") == f"https://tin.example.vn/{stem}.json"
    assert parse_feed_path(spec.path("json")) == (spec, "json")


@pytest.mark.parametrize("bad", ["..", "../etc", "Phu-Tho", "phú-thọ", "a/b", "", "-a", "a--b"])
def test_invalid_slugs_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        FeedSpec(portal=bad)
    with pytest.raises(ValueError):
        FeedSpec(topic=bad)


def test_unknown_format_is_rejected() -> None:
    with pytest.raises(ValueError):
        FeedSpec().path("xml")


@given(st.text(max_size=20), st.text(max_size=20))
def test_no_spec_path_escapes_the_feeds_directory(portal: str, topic: str) -> None:
    try:
        spec = FeedSpec(portal=portal, topic=topic)
    except ValueError:
        return
    path = spec.path("rss")
    assert path.startswith("feeds/portal/")
    assert ".." not in path.split("/")
    assert parse_feed_path(path) == (spec, "rss")


@pytest.mark.parametrize(
    "path",
    ["feeds/all.xml", "feeds/readme.txt", "feeds/topic/a/b.rss", "feeds/portal/A.rss",
     "other/all.rss", "feeds/all.rss.tmp", "feeds/.all.rss.abc.tmp"],
)
def test_parse_feed_path_ignores_foreign_files(path: str) -> None:
    assert parse_feed_path(path) is None


def test_feed_specs_is_the_whole_set_sorted() -> None:
    pairs = [("phutho", ["kinh-te", "y-te"]), ("hagiang", ["kinh-te"]), ("hagiang", [])]
    assert feed_specs(pairs) == [
        FeedSpec(),
        FeedSpec(topic="kinh-te"),
        FeedSpec(topic="y-te"),
        FeedSpec(portal="hagiang"),
        FeedSpec(portal="hagiang", topic="kinh-te"),
        FeedSpec(portal="phutho"),
        FeedSpec(portal="phutho", topic="kinh-te"),
        FeedSpec(portal="phutho", topic="y-te"),
    ]
    assert feed_specs(reversed(pairs)) == feed_specs(pairs)


def test_feed_specs_always_has_the_all_feed() -> None:
    assert feed_specs([]) == [FeedSpec()]


def test_feed_specs_rejects_a_bad_slug() -> None:
    with pytest.raises(ValueError):
        feed_specs([("phutho", ["../x"])])


def test_titles_use_topic_display_names(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("crawler.topics")
    fake.TOPICS = {"kinh-te": "Kinh tế"}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "crawler.topics", fake)
    assert topic_name("kinh-te") == "Kinh tế"
    assert "Kinh tế" in FeedSpec(topic="kinh-te").title
    assert FeedSpec(portal="phutho", topic="kinh-te").title_for("Cổng Phú Thọ") == (
        "Kinh tế – Cổng Phú Thọ"
    )
    assert topic_name("y-te") == "y-te"


def test_titles_fall_back_to_the_slug_without_a_taxonomy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "crawler.topics", None)  # makes the import fail
    assert topic_name("kinh-te") == "kinh-te"
    assert "kinh-te" in FeedSpec(topic="kinh-te").title
