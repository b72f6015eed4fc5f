"""WebSub: rel="hub" in every format, and a ping per changed feed to a real local hub."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from lxml import etree

from crawler.model import Article, StoredArticle
from crawler.store.store import Store
from feeds.websub import changed_feed_urls, ping_hub
from portalfeed.config import Config, load_config
from portalfeed.publishing import publish_from_store

BASE = "https://tin.example.vn/"
NOW = datetime(2024, 5, 2, 3, 0, tzinfo=UTC)
NS = {"atom": "http://www.w3.org/2005/Atom"}


class Hub:
    """A hub that records every POST; `status` is what it answers."""

    def __init__(self) -> None:
        self.pings: list[dict[str, list[str]]] = []
        self.status = 202
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode("ascii")
                hub.pings.append({**parse_qs(body), "_type": [self.headers["Content-Type"]]})
                self.send_response(hub.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"

    def urls(self) -> list[str]:
        return sorted(p["hub.url"][0] for p in self.pings)


@pytest.fixture
def hub() -> Iterator[Hub]:
    running = Hub()
    thread = threading.Thread(target=running.server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield running
    running.server.shutdown()
    running.server.server_close()
    thread.join(timeout=10)


@pytest.fixture
def store(tmp_path: Path, articles: list[StoredArticle]) -> Iterator[Store]:
    opened = Store(f"sqlite:///{tmp_path / 'data' / 'store.sqlite3'}")
    for stored in articles:
        opened.upsert(stored.article, NOW)
    yield opened
    opened.close()


def config_for(tmp_path: Path, hub_url: str) -> Config:
    return load_config(tmp_path, env={"PORTALFEED_BASE_URL": BASE, "PORTALFEED_HUB_URL": hub_url})


def test_first_publish_pings_every_feed(tmp_path: Path, store: Store, hub: Hub) -> None:
    config = config_for(tmp_path, hub.url)
    report = publish_from_store(store, config, {})
    feeds = [p for p in report.written if p.startswith("feeds/")]
    assert hub.urls() == sorted(BASE + p for p in feeds)
    assert all(p["hub.mode"] == ["publish"] for p in hub.pings)
    assert all(p["_type"] == ["application/x-www-form-urlencoded"] for p in hub.pings)
    assert (report.hub_pings_sent, report.hub_pings_failed) == (len(feeds), 0)


def test_unchanged_publish_pings_nothing(tmp_path: Path, store: Store, hub: Hub) -> None:
    config = config_for(tmp_path, hub.url)
    publish_from_store(store, config, {})
    hub.pings.clear()
    report = publish_from_store(store, config, {})
    assert hub.pings == []
    assert report.hub_pings_sent == 0


def test_only_changed_feeds_are_pinged(tmp_path: Path, store: Store, hub: Hub) -> None:
    config = config_for(tmp_path, hub.url)
    publish_from_store(store, config, {})
    hub.pings.clear()
    store.upsert(Article(title="Tin mới ở Hà Giang", url="https://hagiang.gov.vn/tin/moi",
                         portal="hagiang", published=NOW, lead="Mới.", topics=["du-lich"]), NOW)
    publish_from_store(store, config, {})
    stems = {url.removeprefix(BASE).rsplit(".", 1)[0] for url in hub.urls()}
    assert stems == {"feeds/all", "feeds/portal/hagiang", "feeds/topic/du-lich",
                     "feeds/portal/hagiang/du-lich"}
    assert len(hub.pings) == 12  # four feeds, three formats each


def test_feeds_name_the_hub(tmp_path: Path, store: Store, hub: Hub) -> None:
    config = config_for(tmp_path, hub.url)
    publish_from_store(store, config, {})
    feeds = config.public_path / "feeds"
    rss = etree.parse(str(feeds / "all.rss"))
    assert rss.xpath("/rss/channel/atom:link[@rel='hub']/@href", namespaces=NS) == [hub.url]
    atom = etree.parse(str(feeds / "all.atom"))
    assert atom.xpath("/atom:feed/atom:link[@rel='hub']/@href", namespaces=NS) == [hub.url]
    feed = json.loads((feeds / "all.json").read_text(encoding="utf-8"))
    assert feed["hubs"] == [{"type": "WebSub", "url": hub.url}]


def test_without_hub_no_rel_hub(tmp_path: Path, store: Store) -> None:
    config = load_config(tmp_path, env={"PORTALFEED_BASE_URL": BASE})
    report = publish_from_store(store, config, {})
    rss = etree.parse(str(config.public_path / "feeds" / "all.rss"))
    assert rss.xpath("//atom:link[@rel='hub']", namespaces=NS) == []
    assert "hubs" not in json.loads((config.public_path / "feeds" / "all.json").read_bytes())
    assert report.hub_pings_sent == report.hub_pings_failed == 0


def test_hub_error_is_counted_not_fatal(tmp_path: Path, store: Store, hub: Hub,
                                        caplog: pytest.LogCaptureFixture) -> None:
    hub.status = 500
    config = config_for(tmp_path, hub.url)
    with caplog.at_level(logging.WARNING, logger="feeds.websub"):
        report = publish_from_store(store, config, {})
    assert (config.public_path / "feeds" / "all.rss").exists()
    feeds = [p for p in report.written if p.startswith("feeds/")]
    assert len(hub.pings) == len(feeds)  # an answering hub is asked for every feed
    assert (report.hub_pings_sent, report.hub_pings_failed) == (0, len(feeds))
    assert "HTTP 500" in caplog.text


def test_unreachable_hub_costs_one_attempt(tmp_path: Path, store: Store, hub: Hub,
                                           caplog: pytest.LogCaptureFixture) -> None:
    dead = hub.url  # a port nobody listens on any more
    hub.server.shutdown()
    hub.server.server_close()
    config = config_for(tmp_path, dead)
    with caplog.at_level(logging.WARNING, logger="feeds.websub"):
        report = publish_from_store(store, config, {})
    assert report.hub_pings_sent == 0
    assert report.hub_pings_failed == len([p for p in report.written if p.startswith("feeds/")])
    assert caplog.text.count("refused the ping") == 1


def test_changed_feed_urls_skip_non_feeds() -> None:
    written = ["index.html", "feeds.opml", "feeds/all.rss", "feeds/keyword/cds.json",
               "feeds/notes.txt"]
    assert changed_feed_urls(written, BASE) == [BASE + "feeds/all.rss",
                                                BASE + "feeds/keyword/cds.json"]


def test_ping_bodies_are_form_encoded(hub: Hub) -> None:
    feed = BASE + "feeds/topic/kinh-te.rss?x=1&y=2"
    report = ping_hub(hub.url, [feed])
    assert report.sent == [feed]
    assert hub.pings[0]["hub.url"] == [feed]
