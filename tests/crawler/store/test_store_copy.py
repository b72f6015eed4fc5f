"""`copy_store` (`portalfeed db copy`): a store moved to another database keeps every
article with its feed id and dates, the run history and page states, and goes on
working; a target that already holds data is refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawler.model import Article
from crawler.store.copy import copy_store
from crawler.store.store import PageState, Store, StoreError

T0 = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)


def fill(url: str) -> None:
    store = Store(url)
    for n in range(25):
        store.upsert(Article(title=f"Tin {n}", url=f"https://p.vn/vi/{n}", portal="p",
                             body=[f"Đoạn {n}."], topics=["kinh-te", "y-te"][: n % 2 + 1],
                             published=T0 - timedelta(days=n) if n % 5 else None),
                     T0 + timedelta(minutes=n))
    run = store.start_run("p", T0, job_id="crawl:p:1")
    store.finish_run(run, T0 + timedelta(minutes=3), "ok", pages=30, counts={"new": 25},
                     stats={"portalfeed/rejected/no_title": 1})
    store.save_validators("p", [PageState("https://p.vn/vi/list", "listing", T0, etag='"a"')])
    store.close()


def snapshot(url: str) -> dict:
    store = Store(url)
    try:
        return {"newest": store.newest(limit=100), "topic": store.newest(topic="y-te"),
                "keys": store.feed_keys(), "runs": store.runs(), "pages": store.validators_for("p")}
    finally:
        store.close()


@pytest.mark.parametrize("direction", ["from_sqlite", "to_sqlite"])
def test_a_copied_store_is_the_same_store(direction: str, store_url: str, tmp_path: Path) -> None:
    sqlite = f"sqlite:///{tmp_path / 'single.sqlite3'}"
    source, target = (sqlite, store_url) if direction == "from_sqlite" else (store_url, sqlite)
    fill(source)
    assert copy_store(source, target) == {"articles": 25, "article_topics": 37,
                                          "crawl_runs": 1, "pages": 1}
    assert snapshot(target) == snapshot(source)
    store = Store(target)  # new ids continue after the copied ones
    try:
        assert store.upsert(Article(title="Mới", url="https://p.vn/vi/moi", portal="p",
                                    body=["Mới."]), T0) == "new"
        assert store.start_run("p", T0) == 2
    finally:
        store.close()


def test_a_target_with_data_is_refused_and_left_alone(store_url: str,
                                                     new_url: Callable[[], str]) -> None:
    source = new_url()
    fill(source)
    fill(store_url)
    with pytest.raises(StoreError, match="already holds articles"):
        copy_store(source, store_url)
    store = Store(store_url)
    try:
        assert store.count() == 25 and len(store.runs()) == 1
    finally:
        store.close()
