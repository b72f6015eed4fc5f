"""An article the database refuses is not lost: the crawl counts it, does not record
its page as done, and the next crawl fetches and stores it."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from crawler.store.store import Store

faultserver = sys.modules["faultserver"]  # loaded by tests/e2e/conftest.py
PUBLIC = faultserver.PUBLIC
REFUSED = "hat-xoan-phu-tho-duoc-luu-giu-va-lan-toa"
TRIGGER = (f"CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.url LIKE '%/{REFUSED}' "
           "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir = tmp_path_factory.mktemp("refusal")
    profiles = faultserver.write_profile(workdir / "profiles", faults=False).parent
    db = workdir / "data" / "portalfeed.sqlite3"
    db.parent.mkdir(parents=True)
    Store(f"sqlite:///{db}").close()  # the schema, so the trigger has its table
    with sqlite3.connect(db) as conn:
        conn.execute(TRIGGER)
    out: dict = {}
    with faultserver.FaultServer(faultserver.Behaviour(faults=False)) as server:
        out["first"] = faultserver.run_crawl(workdir, profiles, server.url)
        out["first_urls"] = _urls(db)
        with sqlite3.connect(db) as conn:
            conn.execute("DROP TRIGGER refuse")
        out["second"] = faultserver.run_crawl(workdir, profiles, server.url)
        out["second_urls"] = _urls(db)
    return out


def _urls(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT url FROM articles")}


def test_the_refused_article_is_counted_not_stored(crawls: dict) -> None:
    first = crawls["first"]
    assert f"{PUBLIC}/vi/{REFUSED}" not in crawls["first_urls"]
    assert len(crawls["first_urls"]) >= len(faultserver.expected_slugs()) - 1
    assert "store_failed" in first.stdout + first.stderr, first.stderr[-3000:]


def test_the_next_crawl_stores_it(crawls: dict) -> None:
    assert crawls["second"].returncode == 0, crawls["second"].stderr[-3000:]
    assert f"{PUBLIC}/vi/{REFUSED}" in crawls["second_urls"]
    assert crawls["first_urls"] < crawls["second_urls"]
