"""Incremental crawling: a second crawl of an unchanged portal fetches no article
again and revalidates listings and sitemaps with conditional requests; an edited
article (its sitemap lastmod moved) is fetched again and updated, not duplicated;
one article under two URLs is one row and one feed item."""

from __future__ import annotations

import json
import sys

import pytest

from crawler.store.store import Store

faultserver = sys.modules["faultserver"]  # loaded by tests/e2e/conftest.py
PUBLIC = faultserver.PUBLIC
SEED = "lien-hiep-cac-hoi-khoa-hoc-va-ky-thuat-tinh-trien-khai-nhiem-vu-nam-2022"
EDITED = "hat-xoan-phu-tho-duoc-luu-giu-va-lan-toa"


def article_hits(paths: list[str]) -> list[str]:
    return [p for p in paths if p.startswith(("/vi/", "/node/")) and "?" not in p
            and p.removeprefix("/vi/") not in faultserver.SECTIONS]


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir = tmp_path_factory.mktemp("incremental")
    profiles = faultserver.write_profile(workdir / "profiles", faults=False).parent
    behaviour = faultserver.Behaviour(faults=False)
    out: dict = {"workdir": workdir}
    with faultserver.FaultServer(behaviour) as server:
        for name in ("first", "second"):
            behaviour.hits.clear()
            out[name] = faultserver.run_crawl(workdir, profiles, server.url)
            out[f"{name}_hits"] = list(behaviour.hits)
        store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
        out["before_edit"] = store.get(f"{PUBLIC}/vi/{EDITED}")
        behaviour.edited, behaviour.hits = EDITED, []
        out["third"] = faultserver.run_crawl(workdir, profiles, server.url)
        out["third_hits"] = list(behaviour.hits)
    out["store"] = store
    yield out
    store.close()


def test_crawls_succeed(crawls: dict) -> None:
    for name in ("first", "second", "third"):
        assert crawls[name].returncode == 0, crawls[name].stderr[-3000:]


def test_second_crawl_fetches_no_article_page(crawls: dict) -> None:
    first = article_hits([h.path for h in crawls["first_hits"]])
    assert len(first) >= len(faultserver.expected_slugs())
    assert article_hits([h.path for h in crawls["second_hits"]]) == []


def test_second_crawl_is_conditional_and_answered_304(crawls: dict) -> None:
    second = [h for h in crawls["second_hits"] if h.path != "/robots.txt"]
    assert second, "the second crawl fetched nothing at all"
    assert all(h.headers.get("If-None-Match") for h in second), [h.path for h in second]
    assert all(h.headers.get("If-Modified-Since") for h in second)
    assert {h.status for h in second} == {304}
    assert "/sitemap.xml" in [h.path for h in second]
    assert len(crawls["second_hits"]) <= 0.5 * len(crawls["first_hits"])


def test_every_article_stored_once(crawls: dict) -> None:
    store: Store = crawls["store"]
    assert store.count() == len(faultserver.expected_slugs())
    for slug in faultserver.expected_slugs():
        assert store.get(f"{PUBLIC}/vi/{slug}") is not None, slug


def test_edited_article_is_refetched_and_updated_not_duplicated(crawls: dict) -> None:
    third = article_hits([h.path for h in crawls["third_hits"]])
    assert third == [f"/vi/{EDITED}"]
    store: Store = crawls["store"]
    after = store.get(f"{PUBLIC}/vi/{EDITED}")
    assert store.count() == len(faultserver.expected_slugs())
    assert after.guid == crawls["before_edit"].guid
    assert after.revised > crawls["before_edit"].revised
    assert any(p.startswith("Cập nhật") for p in after.article.body)
    assert store.runs()[0].updated == 1


def test_edited_article_gets_a_new_updated_in_the_feed(crawls: dict) -> None:
    feed = json.loads((crawls["workdir"] / "public/feeds/all.json").read_text("utf-8"))
    item = next(i for i in feed["items"] if i["url"].endswith(EDITED))
    assert item["date_modified"] > item["date_published"]


def test_two_urls_of_one_article_give_one_row_and_one_feed_item(crawls: dict) -> None:
    paths = [h.path for h in crawls["first_hits"]]
    assert "/node/21437" in paths and f"/vi/{SEED}" in paths
    feed = json.loads((crawls["workdir"] / "public/feeds/all.json").read_text("utf-8"))
    assert [i["url"] for i in feed["items"]].count(f"{PUBLIC}/vi/{SEED}") == 1
    assert not [i for i in feed["items"] if "/node/" in i["url"]]
