"""Item pipelines: thin adapters between the spider and the store."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from crawler.model import Article
from crawler.normalize.dates import VN_TZ
from crawler.store.store import Store


class ValidatePipeline:
    """Last gate before storage: what feeds cannot render never reaches the store."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        for reason, failed in (("no_url", not item.url), ("no_title", not item.title),
                               ("empty_body", not item.body)):
            if failed:
                self.stats.inc_value(f"portalfeed/rejected/{reason}")
                raise DropItem(f"{reason}: {item.url}")
        return item


class StorePipeline:
    """Upserts each article in its own transaction; counts new / updated / unchanged."""

    def __init__(self, crawler: Crawler, db_url: str) -> None:
        self.stats = crawler.stats
        self.db_url = db_url
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        db_url = crawler.settings.get("PORTALFEED_DB_URL")
        if not db_url:
            raise NotConfigured("PORTALFEED_DB_URL is not set")
        return cls(crawler, db_url)

    def open_spider(self) -> None:
        self.store = Store(self.db_url)

    def close_spider(self) -> None:
        if self.store:
            self.store.close()

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article) and self.store is not None:
            outcome = self.store.upsert(item, datetime.now(VN_TZ))
            self.stats.inc_value(f"portalfeed/articles/{outcome}")
        return item
