from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from crawler.model import Article
from crawler.store.store import Store

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = datetime(2026, 11, 29, 10, 0, tzinfo=VN_TZ)


def article(url: str = "https://p.vn/vi/a", **changes) -> Article:
    base = dict(title="Tiêu đề", url=url, portal="p", body=["Đoạn một."], topics=["kinh-te"],
                published=datetime(2022, 1, 19, 16, 5, tzinfo=VN_TZ),
                published_precision="datetime")
    base.update(changes)
    return Article(**base)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
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


def test_sqlite_runs_in_wal_mode(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_recent_runs_are_read_through_the_history_index(store: Store) -> None:
    for i in range(5):
        store.start_run("p", T0 + timedelta(minutes=i))
    with store.engine.connect() as conn:
        plan = " ".join(str(row[-1]) for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT * FROM crawl_runs WHERE portal = 'p' "
            "ORDER BY started DESC, id DESC LIMIT 50"))
    assert "ix_crawl_runs_portal_started" in plan
    assert "TEMP B-TREE" not in plan  # no sort of the portal's whole history
