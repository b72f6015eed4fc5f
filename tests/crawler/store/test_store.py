"""The store's contract: every test runs on SQLite and PostgreSQL (conftest.py), except
the few that check SQLite's own behaviour (WAL, its query plans)."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from crawler.model import Article
from crawler.store.store import PageState, Store

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = datetime(2026, 11, 29, 10, 0, tzinfo=VN_TZ)


def article(url: str = "https://p.vn/vi/a", **changes) -> Article:
    base = dict(title="Tiêu đề", url=url, portal="p", body=["Đoạn một."], topics=["kinh-te"],
                published=datetime(2022, 1, 19, 16, 5, tzinfo=VN_TZ),
                published_precision="datetime")
    base.update(changes)
    return Article(**base)


@pytest.fixture()
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """SQLite's own behaviour (WAL, its query planner); the rest runs on both backends."""
    s = Store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    yield s
    s.close()


def test_upsert_new_unchanged_updated(store: Store) -> None:
    assert store.upsert(article(), T0) == "new"
    assert store.upsert(article(), T0 + timedelta(hours=1)) == "unchanged"
    assert store.upsert(article(body=["Đoạn đã sửa."]), T0 + timedelta(hours=2)) == "updated"
    assert store.count() == 1
    stored = store.get("https://p.vn/vi/a")
    assert stored is not None
    assert stored.article.body == ["Đoạn đã sửa."]
    assert stored.first_seen == T0
    assert stored.revised == T0 + timedelta(hours=2)
    assert stored.feed_updated == T0 + timedelta(hours=2)


def test_guid_is_minted_once_and_kept(store: Store) -> None:
    store.upsert(article(), T0)
    guid = store.get("https://p.vn/vi/a").guid
    assert guid == "tag:p.vn,2022-01-19:/vi/a"
    store.upsert(article(title="Tiêu đề mới", published=datetime(2023, 5, 1, tzinfo=VN_TZ)), T0)
    assert store.get("https://p.vn/vi/a").guid == guid


def test_same_content_under_second_url_is_stored_once(store: Store) -> None:
    assert store.upsert(article(), T0) == "new"
    assert store.upsert(article(url="https://p.vn/node/42"), T0) == "duplicate"
    assert store.count() == 1


def test_datetimes_round_trip_with_their_offset(store: Store) -> None:
    store.upsert(article(), T0)
    stored = store.get("https://p.vn/vi/a")
    assert stored.article.published.isoformat() == "2022-01-19T16:05:00+07:00"
    assert stored.first_seen.utcoffset() is not None


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(Exception, match="naive"):
        store.upsert(article(), datetime(2026, 1, 1))


def test_newest_orders_by_publication_and_filters(store: Store) -> None:
    for day, topic in ((1, "kinh-te"), (3, "y-te"), (2, "kinh-te")):
        store.upsert(article(url=f"https://p.vn/vi/{day}", body=[f"Bài {day}."], topics=[topic],
                             published=datetime(2024, 1, day, tzinfo=VN_TZ)), T0)
    assert [s.article.url[-1] for s in store.newest()] == ["3", "2", "1"]
    assert [s.article.url[-1] for s in store.newest(topic="kinh-te")] == ["2", "1"]
    assert [s.article.url[-1] for s in store.newest(limit=1)] == ["3"]
    assert store.feed_keys() == [("p", ["kinh-te", "y-te"])]


def test_run_history(store: Store) -> None:
    run = store.start_run("p", T0)
    assert store.runs("p")[0].outcome == "running"
    store.finish_run(run, T0 + timedelta(minutes=1), "ok", pages=12,
                     counts={"new": 3, "rejected": 1}, stats={"portalfeed/rejected/no_title": 1})
    record = store.runs("p")[0]
    assert (record.outcome, record.pages, record.new, record.rejected) == ("ok", 12, 3, 1)
    assert record.stats == {"portalfeed/rejected/no_title": 1}
    assert store.last_success("p") == (T0 + timedelta(minutes=1)).astimezone(UTC)


def test_sqlite_runs_in_wal_mode(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_recent_runs_are_read_through_the_history_index(sqlite_store: Store) -> None:
    for i in range(5):
        sqlite_store.start_run("p", T0 + timedelta(minutes=i))
    with sqlite_store.engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT * FROM crawl_runs WHERE portal = 'p' "
            "ORDER BY started DESC, id DESC LIMIT 50"))
    assert "ix_crawl_runs_portal_started" in plan
    assert "TEMP B-TREE" not in plan  # no sort of the portal's whole history


def test_a_run_keeps_its_job_id_and_a_job_is_finished_once_it_ran_ok(store: Store) -> None:
    failed = store.start_run("p", T0, job_id="crawl:p:20261129T030000Z")
    store.finish_run(failed, T0 + timedelta(minutes=1), "failed", error="boom")
    assert not store.job_finished("crawl:p:20261129T030000Z")
    again = store.start_run("p", T0 + timedelta(minutes=2), job_id="crawl:p:20261129T030000Z")
    assert not store.job_finished("crawl:p:20261129T030000Z")  # still running
    store.finish_run(again, T0 + timedelta(minutes=3), "ok")
    assert store.job_finished("crawl:p:20261129T030000Z")
    assert not store.job_finished("crawl:p:20261129T040000Z")
    store.start_run("p", T0 + timedelta(minutes=4))  # a local run: no job
    assert [r.job_id for r in store.runs("p")] == [
        None, "crawl:p:20261129T030000Z", "crawl:p:20261129T030000Z"]


def test_every_instant_comes_back_aware_and_equal(store: Store) -> None:
    store.upsert(article(), T0)
    run = store.start_run("p", T0)
    store.finish_run(run, T0 + timedelta(minutes=5), "ok", counts={"new": 1})
    store.save_validators("p", [PageState("https://p.vn/list", "listing", T0, etag='"e"')])
    stored = store.get("https://p.vn/vi/a")
    totals = store.run_totals()["p"]
    instants = [stored.first_seen, stored.revised, store.runs("p")[0].started,
                store.runs("p")[0].finished, totals.last_run, totals.last_ended,
                store.last_success("p"), store.last_run_start("p"),
                store.article_last_seen("p")["https://p.vn/vi/a"],
                store.validators_for("p")["https://p.vn/list"].fetched,
                next(store.newest_window(10)).first_seen, store.newest()[0].first_seen]
    assert all(i.utcoffset() == timedelta(0) for i in instants), instants
    assert set(instants) == {T0, T0 + timedelta(minutes=5)}
    assert store.changes_since("p", T0) == {"new": 1, "updated": 0}
    assert store.changes_since("p", T0 + timedelta(seconds=1)) == {"new": 0, "updated": 0}


def test_vietnamese_text_and_run_stats_round_trip(store: Store) -> None:
    title = "Hội nghị triển khai nhiệm vụ năm 2022 – Phú Thọ"
    store.upsert(article(title=title, author="Thu Hương"), T0)
    stored = store.get("https://p.vn/vi/a").article
    assert (stored.title, stored.author) == (title, "Thu Hương")
    run = store.start_run("p", T0)
    stats = {"portalfeed/rejected/no_title": 2, "nested": {"đã": [1, 2]}, "ok": True}
    store.finish_run(run, T0, "ok", stats=stats, error="Lỗi kết nối")
    record = store.runs("p")[0]
    assert (record.stats, record.error) == (stats, "Lỗi kết nối")


def test_urls_are_compared_exactly(store: Store) -> None:
    assert store.upsert(article(url="https://p.vn/vi/Bai"), T0) == "new"
    assert store.upsert(article(url="https://p.vn/vi/bai", body=["Khác."]), T0) == "new"
    assert store.get("https://p.vn/vi/BAI") is None
    assert store.known_urls("p") == {"https://p.vn/vi/Bai", "https://p.vn/vi/bai"}


def test_keys_sort_byte_by_byte_on_every_backend(store: Store) -> None:
    for n, portal in enumerate(("ab", "a-b", "a_b", "aB")):
        store.upsert(article(url=f"https://p.vn/vi/{n}", portal=portal, body=[f"B {n}."],
                             topics=["z-a", "za", "Za"]), T0)
    assert [p for p, _ in store.feed_keys()] == sorted(["ab", "a-b", "a_b", "aB"])
    assert store.feed_keys()[0][1] == sorted(["z-a", "za", "Za"])


def test_page_states_are_replaced_and_the_last_of_a_batch_wins(store: Store) -> None:
    url = "https://p.vn/vi/list"
    store.save_validators("p", [PageState(url, "listing", T0, etag='"1"')])
    store.save_validators("p", [PageState(url, "listing", T0, etag='"2"'),
                                PageState(url, "listing", T0 + timedelta(hours=1), etag='"3"',
                                          last_modified="Sun, 29 Nov 2026 03:00:00 GMT")])
    state = store.validators_for("p")[url]
    assert (state.etag, state.last_modified) == ('"3"', "Sun, 29 Nov 2026 03:00:00 GMT")
    assert state.fetched == T0 + timedelta(hours=1)
    store.save_validators("p", [])
    assert list(store.validators_for("p")) == [url]


def test_values_too_long_for_their_columns_are_dropped_or_refused(store: Store) -> None:
    long_url = "https://p.vn/vi/" + "a" * 2100
    store.save_validators("p", [PageState("https://p.vn/l", "listing", T0, etag="x" * 600,
                                          last_modified="y" * 80),
                                PageState(long_url, "listing", T0)])
    assert store.validators_for("p") == {
        "https://p.vn/l": PageState("https://p.vn/l", "listing", T0)}
    with pytest.raises(ValueError, match="longer than 2048"):
        store.upsert(article(url=long_url), T0)
    assert store.count() == 0
