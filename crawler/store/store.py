"""All SQL of portalfeed: articles keyed by canonical URL, and the crawl-run history.

A SQLite file by default (WAL mode, so readers never block the crawl and a
killed crawl loses only its open transaction); any SQLAlchemy URL otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from sqlalchemy import Engine, create_engine, delete, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from crawler.model import Article, StoredArticle
from crawler.store.schema import ArticleRow, ArticleTopicRow, Base, CrawlRunRow

Outcome = Literal["new", "updated", "unchanged", "duplicate"]


@dataclass(frozen=True)
class RunRecord:
    id: int
    portal: str
    started: datetime
    finished: datetime | None
    outcome: str
    pages: int
    new: int
    updated: int
    unchanged: int
    rejected: int
    stats: dict
    error: str | None


def make_guid(article: Article, first_seen: datetime) -> str:
    """A tag: URI (RFC 4151) minted once per article and kept forever."""
    parts = urlsplit(article.url or "")
    day = (article.published or first_seen).date().isoformat()
    specific = parts.path + (f"?{parts.query}" if parts.query else "")
    return f"tag:{parts.hostname},{day}:{specific}"


class Store:
    def __init__(self, url: str) -> None:
        self.engine = _engine(url)
        Base.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    # -- articles ---------------------------------------------------------------------

    def upsert(self, article: Article, now: datetime) -> Outcome:
        """Insert a new article, update a changed one, or note an unchanged one; one
        transaction per call, so a crash never leaves half an article."""
        if not article.url or not article.portal:
            raise ValueError("an article needs a canonical url and a portal to be stored")
        fingerprint = article.fingerprint
        with self._session() as s:
            row = s.scalar(select(ArticleRow).where(ArticleRow.url == article.url))
            if row is None:
                twin = s.scalar(select(ArticleRow.id).where(
                    ArticleRow.portal == article.portal, ArticleRow.fingerprint == fingerprint))
                if twin is not None:
                    return "duplicate"
                self._insert(s, article, fingerprint, now)
                return "new"
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
        """(portal, topics) of every portal that has articles: the feeds to publish."""
        query = (
            select(ArticleRow.portal, ArticleTopicRow.topic)
            .join(ArticleTopicRow, ArticleTopicRow.article_id == ArticleRow.id, isouter=True)
            .distinct()
        )
        pairs: dict[str, list[str]] = {}
        with self._session() as s:
            for portal, topic in s.execute(query):
                topics = pairs.setdefault(portal, [])
                if topic:
                    topics.append(topic)
        return sorted((p, sorted(t)) for p, t in pairs.items())

    def newest(
        self, *, portal: str | None = None, topic: str | None = None, limit: int = 50
    ) -> list[StoredArticle]:
        """The newest articles of a feed, newest first, by publication then first sight."""
        query = select(ArticleRow)
        if topic:
            query = query.join(ArticleTopicRow).where(ArticleTopicRow.topic == topic)
        if portal:
            query = query.where(ArticleRow.portal == portal)
        order = func.coalesce(ArticleRow.published_at, ArticleRow.first_seen)
        query = query.order_by(order.desc(), ArticleRow.guid).limit(limit)
        with self._session() as s:
            return [_stored(row) for row in s.scalars(query)]

    # -- crawl runs -------------------------------------------------------------------

    def start_run(self, portal: str, now: datetime) -> int:
        with self._session() as s:
            row = CrawlRunRow(portal=portal, started=now, outcome="running", stats={})
            s.add(row)
            s.flush()
            return row.id

    def finish_run(self, run_id: int, now: datetime, outcome: str, *, pages: int = 0,
                   counts: dict[str, int] | None = None, stats: dict | None = None,
                   error: str | None = None) -> None:
        counts = counts or {}
        with self._session() as s:
            row = s.get(CrawlRunRow, run_id)
            if row is None:
                raise KeyError(f"no crawl run {run_id}")
            row.finished, row.outcome, row.pages, row.error = now, outcome, pages, error
            row.new, row.updated = counts.get("new", 0), counts.get("updated", 0)
            row.unchanged, row.rejected = counts.get("unchanged", 0), counts.get("rejected", 0)
            row.stats = stats or {}

    def runs(self, portal: str | None = None, limit: int = 100) -> list[RunRecord]:
        query = select(CrawlRunRow).order_by(CrawlRunRow.started.desc(), CrawlRunRow.id.desc())
        if portal:
            query = query.where(CrawlRunRow.portal == portal)
        with self._session() as s:
            return [_run(r) for r in s.scalars(query.limit(limit))]

    def last_success(self, portal: str) -> datetime | None:
        query = select(func.max(CrawlRunRow.finished)).where(
            CrawlRunRow.portal == portal, CrawlRunRow.outcome == "ok")
        with self._session() as s:
            return s.scalar(query)


def _engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _stored(row: ArticleRow) -> StoredArticle:
    return StoredArticle(Article.from_dict(row.record), row.guid, row.first_seen, row.revised)


def _run(row: CrawlRunRow) -> RunRecord:
    return RunRecord(row.id, row.portal, row.started, row.finished, row.outcome, row.pages,
                     row.new, row.updated, row.unchanged, row.rejected, dict(row.stats or {}),
                     row.error)
