"""Which machine and process ran each crawl: `crawl_runs.host` and `crawl_runs.pid`
(revision 0003), on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, inspect

from crawler.store import migrate
from crawler.store.store import Store

T0 = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)


def run_columns(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {c["name"] for c in inspect(conn).get_columns("crawl_runs")}
    finally:
        engine.dispose()


def test_a_run_records_its_host_and_pid(store: Store) -> None:
    run_id = store.start_run("p", T0, job_id="crawl:p:1", host="celery@w1", pid=4242)
    store.finish_run(run_id, T0, "ok")
    (run,) = store.runs("p")
    assert (run.job_id, run.host, run.pid, run.outcome) == ("crawl:p:1", "celery@w1", 4242, "ok")


def test_existing_calls_leave_host_and_pid_empty(store: Store) -> None:
    store.start_run("p", T0)
    (run,) = store.runs("p")
    assert (run.host, run.pid, run.job_id) == (None, None, None)


def test_update_run_sets_the_pid_once_the_child_is_known(store: Store) -> None:
    run_id = store.start_run("p", T0, host="machine-a")
    store.update_run(run_id, pid=31337)
    assert (store.runs("p")[0].host, store.runs("p")[0].pid) == ("machine-a", 31337)
    store.update_run(run_id, host="machine-b")  # a None argument keeps the other column
    assert (store.runs("p")[0].host, store.runs("p")[0].pid) == ("machine-b", 31337)


def test_update_run_of_an_unknown_run_is_a_key_error(store: Store) -> None:
    with pytest.raises(KeyError, match="no crawl run 999"):
        store.update_run(999, pid=1)


def test_revision_3_downgrades_and_upgrades_again_keeping_the_runs(store_url: str) -> None:
    store = Store(store_url)
    store.finish_run(store.start_run("p", T0, job_id="crawl:p:1", host="h", pid=7), T0, "ok")
    store.close()
    engine = create_engine(store_url)
    try:
        assert migrate.downgrade(engine, "0002") == ("0003", "0002")
        assert {"host", "pid"}.isdisjoint(run_columns(store_url))
        assert "job_id" in run_columns(store_url)
        store = Store(store_url)  # opening upgrades again
        assert migrate.current_revision(engine) == migrate.HEAD == "0003"
        assert {"host", "pid"} <= run_columns(store_url)
        (run,) = store.runs("p")
        assert (run.outcome, run.job_id, run.host, run.pid) == ("ok", "crawl:p:1", None, None)
        store.finish_run(store.start_run("p", T0, host="h2", pid=8), T0, "ok")
        assert [(r.host, r.pid) for r in store.runs("p")] == [("h2", 8), (None, None)]
        store.close()
    finally:
        engine.dispose()
