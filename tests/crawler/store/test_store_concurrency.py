"""Several writers on one database, as workers on many machines are: the same article
upserted at once ends as one row, and no writer fails."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, text

from crawler.model import Article
from crawler.store.schema import ArticleRow
from crawler.store.store import Store, make_guid

T0 = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)
URLS = [f"https://p.vn/vi/bai-{n}" for n in range(60)]


def article(url: str, body: str = "Đoạn một.") -> Article:
    return Article(title="Tiêu đề", url=url, portal="p", body=[body], topics=["kinh-te"])


def write_all(url: str, barrier: threading.Barrier) -> list[str]:
    """One writer with its own engine and connections, started with the others."""
    store = Store(url)
    try:
        barrier.wait()
        return [store.upsert(article(u, f"Bài {u}."), T0) for u in URLS]
    finally:
        store.close()


def test_writers_of_the_same_articles_store_each_once(store_url: str) -> None:
    Store(store_url).close()  # the schema first; the race under test is the upserts'
    barrier = threading.Barrier(3)
    with ThreadPoolExecutor(3) as pool:
        outcomes = list(pool.map(lambda _: write_all(store_url, barrier), range(3)))
    per_url = [sorted(o[i] for o in outcomes) for i in range(len(URLS))]
    assert per_url == [["new", "unchanged", "unchanged"]] * len(URLS)
    store = Store(store_url)
    try:
        assert store.count() == len(URLS)
    finally:
        store.close()


def wait_for_a_lock_wait(store: Store, deadline_s: float = 30.0) -> None:
    """Until some session of the database waits on a lock (the racing insert)."""
    query = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                 "AND datname = current_database()")
    end = time.monotonic() + deadline_s
    with store.engine.connect() as conn:
        while conn.scalar(query) == 0:
            assert time.monotonic() < end, "the second writer never waited on the first"
            time.sleep(0.02)
            conn.rollback()


def test_an_insert_that_loses_the_race_becomes_an_update(pg_url: str) -> None:
    """PostgreSQL: writer B reads no row, inserts, waits on A's uncommitted insert of
    the same URL, then hits the unique key; it must retry, see A's row and update it."""
    first, second = Store(pg_url), Store(pg_url)
    try:
        url, rival = URLS[0], article(URLS[0])
        with first.engine.connect() as conn:
            conn.execute(insert(ArticleRow).values(
                url=url, portal="p", guid=make_guid(rival, T0), fingerprint=rival.fingerprint,
                first_seen=T0, revised=T0, last_seen=T0, record=rival.to_dict()))
            with ThreadPoolExecutor(1) as pool:
                racing = pool.submit(second.upsert, article(url, "Đã sửa."),
                                     T0 + timedelta(hours=1))
                wait_for_a_lock_wait(second)
                conn.commit()
                assert racing.result(timeout=60) == "updated"
        assert second.count() == 1
        assert second.get(url).article.body == ["Đã sửa."]
    finally:
        first.close()
        second.close()


def test_a_store_outlives_a_dropped_server_connection(pg_url: str) -> None:
    """PostgreSQL: the server ends the store's pooled connection (a restart, an idle
    timeout); the next call reconnects instead of failing a crawl."""
    store, admin = Store(pg_url), Store(pg_url)
    try:
        store.upsert(article(URLS[0]), T0)  # its pool now holds a live connection
        with store.engine.connect() as conn:
            pid = conn.scalar(text("SELECT pg_backend_pid()"))
        with admin.engine.connect() as conn:
            assert conn.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        assert store.count() == 1
    finally:
        store.close()
        admin.close()
