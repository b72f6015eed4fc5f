"""A portal that misbehaves in every way we know: the crawl finishes, stores every
good article, and counts each fault by reason in the run's statistics."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import feedparser
import pytest

from crawler.store.store import Store

faultserver = sys.modules["faultserver"]  # loaded by tests/e2e/conftest.py
FaultServer, CONTACT = faultserver.FaultServer, faultserver.CONTACT
run_crawl = faultserver.run_crawl

PUBLIC = faultserver.PUBLIC
FAULT_REASONS = {
    "cham": "timeout", "loi-500": "http_500", "ngat-ket-noi": "connection_reset",
    "rac": "binary_body", "vong-lap-a": "redirect_loop", "chuyen-ra-ngoai": "offsite_redirect",
    "cat-ngang": "truncated", "khong-lo": "too_large", "rong": "empty_body",
    "tai-lieu-pdf": "not_html", "da-xoa": "http_410", "bi-mat": "robots_forbidden",
}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir = tmp_path_factory.mktemp("faults")
    profiles = faultserver.write_profile(workdir / "profiles").parent
    with FaultServer() as server:
        result = run_crawl(workdir, profiles, server.url)
        hits = list(server.behaviour.hits)
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    yield {"result": result, "hits": hits, "store": store, "run": store.runs()[0],
           "workdir": workdir}
    store.close()


def test_the_crawl_completes(crawled: dict) -> None:
    assert crawled["result"].returncode == 0, crawled["result"].stderr[-3000:]
    assert crawled["run"].outcome == "ok"
    assert "Traceback" not in crawled["result"].stderr


@pytest.mark.parametrize(("slug", "reason"), sorted(FAULT_REASONS.items()))
def test_each_fault_is_counted_by_reason(crawled: dict, slug: str, reason: str) -> None:
    stats = crawled["run"].stats
    assert stats.get(f"portalfeed/errors/{reason}", 0) >= 1, (slug, sorted(stats))
    assert crawled["store"].get(f"{PUBLIC}/vi/{slug}") is None


def test_no_fault_escapes_as_an_exception(crawled: dict) -> None:
    assert not [k for k in crawled["run"].stats if "errors/spider_" in k]
    assert "Spider error processing" not in crawled["result"].stderr


def test_every_good_article_is_stored(crawled: dict) -> None:
    for slug in faultserver.expected_slugs():
        assert crawled["store"].get(f"{PUBLIC}/vi/{slug}") is not None, slug


def test_retry_after_is_honoured(crawled: dict) -> None:
    busy = [h for h in crawled["hits"] if h.path == "/vi/qua-tai"]
    assert [h.status for h in busy] == [429, 200], busy
    # The server asked for one second; it logs the 429 before sending it.
    assert busy[1].at - busy[0].at >= 1.0, busy
    assert crawled["store"].get(f"{PUBLIC}/vi/qua-tai") is not None
    assert crawled["run"].stats.get("portalfeed/retry_after") == 1


def test_5xx_is_retried_then_given_up(crawled: dict) -> None:
    assert [h.status for h in crawled["hits"] if h.path == "/vi/loi-500"] == [500, 500, 500]


def test_offsite_redirect_is_never_followed(crawled: dict) -> None:
    assert not [h for h in crawled["hits"] if "elsewhere" in h.path]


def test_redirect_loop_is_fetched_once_each_way(crawled: dict) -> None:
    loop = [h.path for h in crawled["hits"] if "vong-lap" in h.path]
    assert sorted(loop) == ["/vi/vong-lap-a", "/vi/vong-lap-b"]


def test_user_agent_names_the_contact_url(crawled: dict) -> None:
    agents = {h.headers.get("User-Agent", "") for h in crawled["hits"]}
    assert agents and all(CONTACT in agent for agent in agents)


def test_robots_txt_is_read_first(crawled: dict) -> None:
    assert crawled["hits"][0].path == "/robots.txt"
    assert "/vi/bi-mat" not in [h.path for h in crawled["hits"]]


def test_mislabelled_charset_still_gives_vietnamese(crawled: dict) -> None:
    stored = crawled["store"].get(f"{PUBLIC}/vi/sai-bang-ma")
    assert stored.article.title == "Bảng mã khai báo sai nhưng nội dung vẫn là UTF-8"
    assert crawled["run"].stats.get("portalfeed/charset_fixed") == 1


def test_attachment_is_recorded_never_fetched_and_enclosed(crawled: dict) -> None:
    stored = crawled["store"].get(f"{PUBLIC}/vi/van-ban-dinh-kem")
    assert stored.article.attachments == [{
        "url": PUBLIC + faultserver.PDF, "type": "application/pdf",
        "title": "Quyết định số 123/QĐ-UBND"}]
    assert faultserver.PDF not in [h.path for h in crawled["hits"]]
    rss = feedparser.parse(Path(crawled["workdir"] / "public/feeds/all.rss").read_bytes())
    entry = next(e for e in rss.entries if e.link.endswith("/vi/van-ban-dinh-kem"))
    assert [(e.href, e.type) for e in entry.enclosures] == [
        (PUBLIC + faultserver.PDF, "application/pdf")]


def test_attachment_is_an_enclosure_in_atom_and_json_feed(crawled: dict) -> None:
    public = Path(crawled["workdir"] / "public/feeds")
    atom = feedparser.parse((public / "all.atom").read_bytes())
    entry = next(e for e in atom.entries if e.link.endswith("/vi/van-ban-dinh-kem"))
    assert [(link.href, link.type) for link in entry.links if link.rel == "enclosure"] == [
        (PUBLIC + faultserver.PDF, "application/pdf")]
    feed = json.loads((public / "all.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if i["url"].endswith("/vi/van-ban-dinh-kem"))
    assert item["attachments"] == [{"url": PUBLIC + faultserver.PDF,
                                    "mime_type": "application/pdf",
                                    "title": "Quyết định số 123/QĐ-UBND"}]
