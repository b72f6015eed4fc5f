"""Store.feed_keys and Store.newest against a reference computed in Python over every
article, on SQLite and PostgreSQL, on a store where the index walk, the topic window
and the rare-topic path all come into play (limit 5, so the window of 100 is smaller
than the store)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text

from crawler.model import Article, StoredArticle
from crawler.store.schema import FEED_ORDER, ArticleRow
from crawler.store.store import TOPIC_WINDOW, Store

VN = timezone(timedelta(hours=7))
T0 = datetime(2024, 1, 1, tzinfo=VN)
LIMIT = 5
PORTALS = ("phutho", "hagiang", "yenbai")
COMMON, MEDIUM, RARE = "thoi-su", "kinh-te", "thong-bao"


def make(rng: random.Random, n: int) -> tuple[Article, datetime]:
    portal = PORTALS[n % 3]
    topics = [COMMON] + ([MEDIUM] if n % 10 == 0 else []) + ([RARE] if n in (7, 150) else [])
    # Few distinct instants: many ties, broken by guid; some undated (first sight counts).
    published = T0 + timedelta(hours=rng.randrange(40)) if n % 9 else None
    article = Article(title=f"Tin {n}", url=f"https://{portal}.gov.vn/tin/{n}", portal=portal,
                      published=published, published_precision="datetime" if published else None,
                      body=[f"Nội dung {n}."], topics=topics if n % 13 else [])
    return article, T0 + timedelta(hours=rng.randrange(40), minutes=n % 60)


@pytest.fixture(scope="module")
def store(module_store_url: str) -> Iterator[Store]:
    """One store per backend (conftest.py), filled once for the module."""
    rng = random.Random(4)
    store = Store(module_store_url)
    for n in range(160):
        article, seen = make(rng, n)
        assert store.upsert(article, seen) == "new"
    yield store
    store.close()


@pytest.fixture(scope="module")
def everything(store: Store) -> list[StoredArticle]:
    return [store.get(url) for url in sorted(
        u for p in PORTALS for u in store.known_urls(p))]


def reference(items: list[StoredArticle], portal: str | None, topic: str | None
              ) -> list[str]:
    chosen = [s for s in items if (portal is None or s.article.portal == portal)
              and (topic is None or topic in s.article.topics)]
    chosen.sort(key=lambda s: s.guid)
    chosen.sort(key=lambda s: s.article.published or s.first_seen, reverse=True)
    return [s.guid for s in chosen[:LIMIT]]


def test_store_is_larger_than_a_topic_window(store: Store) -> None:
    assert store.count() > LIMIT * TOPIC_WINDOW


def test_feed_keys_name_every_portal_and_its_topics(store: Store,
                                                     everything: list[StoredArticle]) -> None:
    expected: dict[str, set[str]] = {}
    for stored in everything:
        expected.setdefault(stored.article.portal, set()).update(stored.article.topics)
    assert store.feed_keys() == [(p, sorted(t)) for p, t in sorted(expected.items())]


@pytest.mark.parametrize("portal", [None, *PORTALS])
@pytest.mark.parametrize("topic", [None, COMMON, MEDIUM, RARE, "khong-co"])
def test_newest_matches_the_reference(store: Store, everything: list[StoredArticle],
                                      portal: str | None, topic: str | None) -> None:
    got = [s.guid for s in store.newest(portal=portal, topic=topic, limit=LIMIT)]
    assert got == reference(everything, portal, topic)


@pytest.mark.parametrize("portal", [None, "phutho"])
def test_feeds_read_an_index_in_order_instead_of_sorting(
        tmp_path_factory: pytest.TempPathFactory, portal: str | None) -> None:
    """SQLite's query plan (PostgreSQL's planner picks by table size, not by shape)."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('plan') / 'store.sqlite3'}")
    query = select(ArticleRow.id).order_by(FEED_ORDER.desc(), ArticleRow.guid).limit(LIMIT)
    if portal:
        query = query.where(ArticleRow.portal == portal)
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
    store.close()
    assert "feed_order" in plan and "TEMP B-TREE" not in plan, plan
