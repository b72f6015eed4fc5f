"""All SQL of portalfeed, behind one `Store`: articles keyed by canonical URL and the
feed queries here; the crawl-run history (`runs.py`), page states for incremental
crawling (`pages.py`) and the database itself (`database.py`: SQLite by default,
PostgreSQL shared by many workers, the same code on both) in their modules.
Opening a store brings its schema to the newest revision (`migrate.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

from sqlalchemy import delete, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from crawler.model import Article, StoredArticle
from crawler.store.database import make_engine, sqlite_file_missing, store_exists
from crawler.store.migrate import StoreError
from crawler.store.pages import URL_MAX, PageState, PageStates
from crawler.store.runs import RunHistory, RunRecord, RunTotals
from crawler.store.schema import FEED_ORDER, ArticleRow, ArticleTopicRow

__all__ = ["PageState", "RunRecord", "RunTotals", "Store", "StoreError", "make_engine",
           "make_guid", "sqlite_file_missing", "store_exists"]

Outcome = Literal["new", "updated", "unchanged", "duplicate"]


def make_guid(article: Article, first_seen: datetime) -> str:
    """A tag: URI (RFC 4151) minted once per article and kept forever."""
    parts = urlsplit(article.url or "")
    day = (article.published or first_seen).date().isoformat()
    specific = parts.path + (f"?{parts.query}" if parts.query else "")
    return f"tag:{parts.hostname},{day}:{specific}"


class Store(RunHistory, PageStates):
    """The store: articles and feeds here, crawl runs (`RunHistory`) and page states
    (`PageStates`) in their modules; `Store(url)` opens any database at the newest
    schema."""

    # -- articles ---------------------------------------------------------------------

    def upsert(self, article: Article, now: datetime) -> Outcome:
        """Insert a new article, update a changed one, or note an unchanged one; one
        transaction per call, so a crash never leaves half an article."""
        if not article.url or not article.portal:
            raise ValueError("an article needs a canonical url and a portal to be stored")
        if len(article.url) > URL_MAX:
            raise ValueError(f"a canonical url longer than {URL_MAX} characters is not stored")
        try:
            return self._upsert(article, now)
        except IntegrityError:
            # Another writer (a second worker) stored the same URL between our read and
            # our insert; the row is there now, so the second try updates or skips it.
            return self._upsert(article, now)

    def _upsert(self, article: Article, now: datetime) -> Outcome:
        fingerprint = article.fingerprint
        with self._session() as s:
            row = s.scalar(select(ArticleRow).where(ArticleRow.url == article.url))
            if row is None:
                twin = s.scalar(select(ArticleRow.url).where(
                    ArticleRow.portal == article.portal, ArticleRow.fingerprint == fingerprint
                ).limit(1))
                if twin is None:
                    self._insert(s, article, fingerprint, now)
                    return "new"
                if twin != article.url:
                    return "duplicate"
                # Another writer stored this very URL after our first look: update it.
                row = s.scalar(select(ArticleRow).where(ArticleRow.url == article.url))
            row.last_seen = now
            if row.fingerprint == fingerprint:
                return "unchanged"
            row.fingerprint, row.revised = fingerprint, now
            row.record = article.to_dict()
            row.published_at = article.published
            self._set_topics(s, row.id, article.topics)
            return "updated"

    def _insert(self, s: Session, article: Article, fingerprint: str, now: datetime) -> None:
        row = ArticleRow(
            url=article.url, portal=article.portal, guid=make_guid(article, now),
            fingerprint=fingerprint, published_at=article.published, first_seen=now,
            revised=now, last_seen=now, record=article.to_dict(),
        )
        s.add(row)
        s.flush()
        self._set_topics(s, row.id, article.topics)

    @staticmethod
    def _set_topics(s: Session, article_id: int, topics: list[str]) -> None:
        s.execute(delete(ArticleTopicRow).where(ArticleTopicRow.article_id == article_id))
        s.add_all(ArticleTopicRow(article_id=article_id, topic=t) for t in dict.fromkeys(topics))

    def known_urls(self, portal: str) -> set[str]:
        with self._session() as s:
            return set(s.scalars(select(ArticleRow.url).where(ArticleRow.portal == portal)))

    def count(self, portal: str | None = None) -> int:
        query = select(func.count(ArticleRow.id))
        if portal:
            query = query.where(ArticleRow.portal == portal)
        with self._session() as s:
            return s.scalar(query) or 0

    def get(self, url: str) -> StoredArticle | None:
        with self._session() as s:
            row = s.scalar(select(ArticleRow).where(ArticleRow.url == url))
            return _stored(row) if row else None

    def feed_keys(self) -> list[tuple[str, list[str]]]:
        """(portal, topics) of every portal that has articles: the feeds to publish.

        Index-driven, so the cost follows the number of feeds, not of articles: distinct
        values by repeated index seeks, then one probe per (portal, topic) pair."""
        with self._session() as s:
            portals = _distinct(s, ArticleRow.portal)
            topics = _distinct(s, ArticleTopicRow.topic)
            return [(p, [t for t in topics if _has_pair(s, p, t)]) for p in portals]

    def newest(
        self, *, portal: str | None = None, topic: str | None = None, limit: int = 50
    ) -> list[StoredArticle]:
        """The newest articles of a feed, newest first, by publication then first sight
        (ties by guid); reads about `limit` rows through ix_*_feed_order."""
        with self._session() as s:
            ids = _newest_ids(s, portal, topic, limit)
            rows = {r.id: r for r in s.scalars(select(ArticleRow).where(ArticleRow.id.in_(ids)))}
            return [_stored(rows[i]) for i in ids]

    def newest_window(self, limit: int, batch: int = 500) -> Iterator[StoredArticle]:
        """Up to `limit` newest articles of every portal, newest first, read `batch` at a
        time; for keyword feeds. Both id queries walk the published_at index and stop at
        `limit`, so the cost follows `limit`, not the size of the store."""
        at = func.coalesce(ArticleRow.published_at, ArticleRow.first_seen)
        dated = (select(ArticleRow.id, at, ArticleRow.guid)
                 .where(ArticleRow.published_at.is_not(None))
                 .order_by(ArticleRow.published_at.desc()).limit(limit))
        undated = (select(ArticleRow.id, at, ArticleRow.guid)
                   .where(ArticleRow.published_at.is_(None))
                   .order_by(ArticleRow.first_seen.desc()).limit(limit))
        with self._session() as s:
            keys = list(s.execute(dated)) + list(s.execute(undated))
        keys.sort(key=lambda k: k[2])
        keys.sort(key=lambda k: k[1], reverse=True)  # stable: ties stay by guid, as in newest()
        ids = [k[0] for k in keys[:limit]]
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            with self._session() as s:
                rows = {r.id: r for r in s.scalars(select(ArticleRow).where(
                    ArticleRow.id.in_(chunk)))}
            yield from (_stored(rows[i]) for i in chunk if i in rows)

    # -- crawl runs -------------------------------------------------------------------

    def changes_since(self, portal: str, since: datetime) -> dict[str, int]:
        """Articles of a portal first stored / revised since `since`: what a crawl that
        could not report (killed at its limit, crashed) did, counted from the store."""
        count = select(func.count(ArticleRow.id)).where(ArticleRow.portal == portal)
        new = count.where(ArticleRow.first_seen >= since)
        updated = count.where(ArticleRow.first_seen < since, ArticleRow.revised >= since)
        with self._session() as s:
            return {"new": s.scalar(new) or 0, "updated": s.scalar(updated) or 0}


# A topic feed first looks for its items among this many times `limit` of the newest
# articles (one index walk); a topic rarer than that is read through the topic index.
TOPIC_WINDOW = 20


def _distinct(s: Session, column: InstrumentedAttribute[str]) -> list[str]:
    """Distinct values of an indexed column, one index seek each (a loose index scan)."""
    found: list[str] = []
    value = s.scalar(select(func.min(column)))
    while value is not None:
        found.append(value)
        value = s.scalar(select(func.min(column)).where(column > value))
    return found


def _has_pair(s: Session, portal: str, topic: str) -> bool:
    query = (select(ArticleTopicRow.article_id)
             .join(ArticleRow, ArticleRow.id == ArticleTopicRow.article_id)
             .where(ArticleTopicRow.topic == topic, ArticleRow.portal == portal).limit(1))
    return s.scalar(query) is not None


def _newest_ids(s: Session, portal: str | None, topic: str | None, limit: int) -> list[int]:
    ranked = select(ArticleRow.id).order_by(FEED_ORDER.desc(), ArticleRow.guid)
    if portal:
        ranked = ranked.where(ArticleRow.portal == portal)
    if not topic:
        return list(s.scalars(ranked.limit(limit)))
    window = ranked.add_columns(FEED_ORDER.label("at"), ArticleRow.guid.label("guid"))
    window = window.limit(limit * TOPIC_WINDOW).subquery()
    tagged = exists().where(ArticleTopicRow.article_id == window.c.id,
                            ArticleTopicRow.topic == topic)
    ids = list(s.scalars(select(window.c.id).where(tagged)
                         .order_by(window.c.at.desc(), window.c.guid).limit(limit)))
    if len(ids) == limit:
        return ids
    # Rare here: SQLite lists the topic's ids from its index, then walks the order index
    # checking each against that list in memory. `id + 0` keeps it from fetching every
    # listed row by primary key and sorting them all instead.
    of_topic = select(ArticleTopicRow.article_id).where(ArticleTopicRow.topic == topic)
    return list(s.scalars(ranked.where((ArticleRow.id + 0).in_(of_topic)).limit(limit)))


def _stored(row: ArticleRow) -> StoredArticle:
    return StoredArticle(Article.from_dict(row.record), row.guid, row.first_seen, row.revised)


