"""Keyword feeds: configuration, tone-insensitive matching, the store window, publishing."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from crawler.errors import ConfigError
from crawler.model import Article, StoredArticle
from crawler.normalize.text import fold
from crawler.store.store import Store
from feeds.keywords import KeywordFeed, match_keyword_feeds, occurs, parse_keyword_feeds
from feeds.paths import FeedSpec, parse_feed_path
from portalfeed.config import load_config
from portalfeed.publishing import publish_from_store

BASE = "https://tin.example.vn/"
T0 = datetime(2024, 5, 1, 1, 0, tzinfo=UTC)
CDS = KeywordFeed("chuyen-doi-so", "Chuyển đổi số", ("chuyển đổi số", "số hoá"))
CONFIG = """\
base_url = "https://tin.example.vn/"

[[keyword_feeds]]
slug = "chuyen-doi-so"
title = "Chuyển đổi số"
words = ["chuyển đổi số", "số hoá"]
"""


def article(n: int, title: str, body: str = "", portal: str = "phutho",
            published: datetime | None = T0) -> Article:
    return Article(title=title, url=f"https://{portal}.gov.vn/tin/{n}", portal=portal,
                   published=published + timedelta(hours=n) if published else None,
                   lead="Tin ngắn.", body=[body] if body else [], topics=["kinh-te"])


def stored(a: Article, n: int) -> StoredArticle:
    seen = T0 + timedelta(hours=n)
    return StoredArticle(a, a.url or "", seen, seen)


@pytest.mark.parametrize("text", [
    "Đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
    "ĐẨY MẠNH CHUYỂN ĐỔI SỐ",
    "Chuyen doi so o Phu Tho",
    unicodedata.normalize("NFD", "chuyển đổi số"),
    "chuyển  đổi\u00a0số",
    "Hoàn thành số hóa hồ sơ",  # new-style tone placement of "số hoá"
])
def test_matches_tone_and_case_insensitively(text: str) -> None:
    groups = match_keyword_feeds([stored(article(1, text), 1)], [CDS], limit=10)
    assert len(groups[CDS.spec]) == 1


@pytest.mark.parametrize("text", [
    "Chuyển đổi sốt ruột",  # "so" must be a whole word, not the start of "sot"
    "chuyển đổi mô hình",
    "",
])
def test_does_not_match_other_words(text: str) -> None:
    groups = match_keyword_feeds([stored(article(1, text or "Tin khác"), 1)], [CDS], limit=10)
    assert groups[CDS.spec] == []


LETTERS = "aăâeêioôơuưyđdhnsAĂÂĐOƠàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
TEXTS = st.text(alphabet=LETTERS + "   ,.-", max_size=40).map(
    lambda t: unicodedata.normalize("NFC", t))
PHRASES = st.text(alphabet=LETTERS + " ", min_size=1, max_size=6).filter(lambda p: fold(p).strip())


@given(text=TEXTS, phrase=PHRASES)
def test_same_answer_as_folding_both_sides(text: str, phrase: str) -> None:
    """The reference: fold text and phrase, then look for the phrase as whole words."""
    folded_text, folded_phrase = " ".join(fold(text).split()), " ".join(fold(phrase).split())
    pattern = re.escape(folded_phrase).replace(r"\ ", " ")
    expected = re.search(rf"(?<!\w){pattern}(?!\w)", folded_text) is not None
    feed = KeywordFeed("k", "K", (phrase,))
    assert occurs(feed.pattern(), text) == expected


def test_matches_in_body_too() -> None:
    body = article(1, "Hội nghị tổng kết", body="Tỉnh đẩy mạnh chuyển đổi số năm 2024.")
    assert match_keyword_feeds([stored(body, 1)], [CDS], limit=10)[CDS.spec]


def test_limit_and_early_stop() -> None:
    consumed = []

    def newest_first() -> Iterator[StoredArticle]:
        for n in range(100, 0, -1):
            consumed.append(n)
            yield stored(article(n, f"Chuyển đổi số {n}"), n)

    groups = match_keyword_feeds(newest_first(), [CDS], limit=3)
    assert [s.article.url for s in groups[CDS.spec]] == [
        "https://phutho.gov.vn/tin/100", "https://phutho.gov.vn/tin/99",
        "https://phutho.gov.vn/tin/98"]
    assert len(consumed) == 3


@pytest.mark.parametrize(("raw", "message"), [
    ({"slug": "x"}, "list of tables"),
    (["x"], "must be a table"),
    ([{"slug": "Chuyển", "title": "T", "words": ["a"]}], "slug"),
    ([{"slug": "a", "title": "", "words": ["a"]}], "title"),
    ([{"slug": "a", "title": "T", "words": []}], "words"),
    ([{"slug": "a", "title": "T", "words": ["  "]}], "words"),
    ([{"slug": "a", "title": "T", "words": ["a"], "topic": "x"}], "unknown key 'topic'"),
    ([{"slug": "a", "title": "T", "words": ["a"]}, {"slug": "a", "title": "U", "words": ["b"]}],
     "used twice"),
])
def test_bad_configuration(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_keyword_feeds(raw)


def test_configuration_file(tmp_path: Path) -> None:
    (tmp_path / "portalfeed.toml").write_text(CONFIG, encoding="utf-8")
    config = load_config(tmp_path, env={})
    assert config.keyword_feeds == (CDS,)
    (tmp_path / "portalfeed.toml").write_text(CONFIG.replace('"chuyen-doi-so"', '"CDS"'),
                                              encoding="utf-8")
    with pytest.raises(ConfigError, match=r"portalfeed\.toml: keyword_feeds\[0\]: slug"):
        load_config(tmp_path, env={})


def test_keyword_feeds_not_settable_from_environment(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="PORTALFEED_KEYWORD_FEEDS"):
        load_config(tmp_path, env={"PORTALFEED_KEYWORD_FEEDS": "x"})


def test_paths_of_keyword_feeds() -> None:
    spec = CDS.spec
    assert spec.path("rss") == "feeds/keyword/chuyen-doi-so.rss"
    assert spec.title == "Chuyển đổi số"
    assert parse_feed_path("feeds/keyword/chuyen-doi-so.atom") == (spec, "atom")
    assert parse_feed_path("feeds/keyword/Bad.atom") is None
    with pytest.raises(ValueError):
        FeedSpec(portal="phutho", keyword="chuyen-doi-so")


# -- the store and publishing ----------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(f"sqlite:///{tmp_path / 'data' / 'store.sqlite3'}")
    yield opened
    opened.close()


def test_newest_window_matches_newest(store: Store) -> None:
    for n in range(1, 31):
        dated = n % 4 != 0  # every fourth article has no publication date
        a = article(n, f"Tin {n}", portal="phutho" if n % 2 else "hagiang",
                    published=T0 if dated else None)
        store.upsert(a, T0 + timedelta(hours=n, minutes=30))
    for limit in (1, 7, 30, 50):
        expected = [s.guid for s in store.newest(limit=limit)]
        assert [s.guid for s in store.newest_window(limit, batch=4)] == expected


def test_publish_keyword_feeds(tmp_path: Path, store: Store) -> None:
    (tmp_path / "portalfeed.toml").write_text(CONFIG, encoding="utf-8")
    config = load_config(tmp_path, env={})
    store.upsert(article(1, "Phú Thọ đẩy mạnh chuyển đổi số"), T0)
    store.upsert(article(2, "Hà Giang: số hóa hồ sơ", portal="hagiang"), T0)
    store.upsert(article(3, "Mùa hoa tam giác mạch"), T0)
    report = publish_from_store(store, config, {})
    public = config.public_path
    for fmt in ("rss", "atom", "json"):
        assert f"feeds/keyword/chuyen-doi-so.{fmt}" in report.written
    feed = json.loads((public / "feeds/keyword/chuyen-doi-so.json").read_bytes())
    assert feed["title"] == "Chuyển đổi số"
    assert feed["feed_url"] == BASE + "feeds/keyword/chuyen-doi-so.json"
    assert [i["url"] for i in feed["items"]] == ["https://hagiang.gov.vn/tin/2",
                                                 "https://phutho.gov.vn/tin/1"]
    opml = etree.parse(str(public / "feeds.opml"))
    assert opml.xpath("//outline/@xmlUrl").count(BASE + "feeds/keyword/chuyen-doi-so.rss") == 1
    index = (public / "index.html").read_text(encoding="utf-8")
    assert 'href="https://tin.example.vn/feeds/keyword/chuyen-doi-so.atom"' in index


def test_dropped_keyword_feed_is_removed(tmp_path: Path, store: Store) -> None:
    (tmp_path / "portalfeed.toml").write_text(CONFIG, encoding="utf-8")
    store.upsert(article(1, "Chuyển đổi số"), T0)
    publish_from_store(store, load_config(tmp_path, env={}), {})
    (tmp_path / "portalfeed.toml").write_text('base_url = "https://tin.example.vn/"\n',
                                              encoding="utf-8")
    config = load_config(tmp_path, env={})
    report = publish_from_store(store, config, {})
    assert "feeds/keyword/chuyen-doi-so.rss" in report.removed
    assert not (config.public_path / "feeds" / "keyword" / "chuyen-doi-so.rss").exists()


def test_empty_keyword_feed_is_still_published(tmp_path: Path, store: Store) -> None:
    # Subscribers keep a stable URL even before the first matching article.
    (tmp_path / "portalfeed.toml").write_text(CONFIG, encoding="utf-8")
    store.upsert(article(1, "Mùa hoa tam giác mạch"), T0)
    config = load_config(tmp_path, env={})
    publish_from_store(store, config, {})
    feed = json.loads((config.public_path / "feeds/keyword/chuyen-doi-so.json").read_bytes())
    assert feed["items"] == []
