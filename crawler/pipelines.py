"""Item pipelines: thin adapters between the spider and the store."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from sqlalchemy.exc import SQLAlchemyError

from crawler.model import Article
from crawler.normalize.dates import VN_TZ
from crawler.store.store import Store

logger = logging.getLogger(__name__)


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
        self.crawler = crawler
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
            try:
                outcome = self.store.upsert(item, datetime.now(VN_TZ))
            except (SQLAlchemyError, ValueError) as exc:
                self._not_stored(item, exc)
            self.stats.inc_value(f"portalfeed/articles/{outcome}")
        return item

    def _not_stored(self, item: Article, exc: Exception) -> None:
        """A database error or a value the store refuses: counted, logged, and fetched
        again by the next crawl (the spider forgets the page) - never silently lost."""
        self.stats.inc_value("portalfeed/errors/store_failed")
        logger.error("store_failed: %s not stored (%s); the next crawl fetches it again",
                     item.url, str(exc).splitlines()[0][:300])
        not_stored = getattr(self.crawler.spider, "not_stored", None)
        if not_stored is not None and item.url:
            not_stored(item.url)
        raise DropItem(f"store_failed: {item.url}")
