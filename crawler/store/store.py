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

from sqlalchemy import (
    Engine,
    case,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    inspect,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker
from sqlalchemy.schema import CreateIndex

from crawler.model import Article, StoredArticle
from crawler.store.schema import (
    FEED_INDEXES,
    FEED_ORDER,
    RUN_HISTORY_INDEXES,
    ArticleRow,
    ArticleTopicRow,
    Base,
    CrawlRunRow,
    PageRow,
)

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


@dataclass(frozen=True)
class RunTotals:
    """One portal's whole run history, summed in SQL (`Store.run_totals`)."""

    portal: str
    runs_ok: int
    runs_failed: int
    new_articles: int
    last_run: datetime  # start of the newest run, whatever its outcome
    last_ended: datetime | None  # start of the newest run that ran to its end (ok, failed)


@dataclass(frozen=True)
class PageState:
    """A page the crawler saw before: its HTTP validators and the outcome of the fetch."""

    url: str
    kind: str
    fetched: datetime
    outcome: str = "ok"
    etag: str | None = None
    last_modified: str | None = None


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
        with self.engine.begin() as connection:  # create_all skips tables that exist
            for index in (*FEED_INDEXES, *RUN_HISTORY_INDEXES):
                connection.execute(CreateIndex(index, if_not_exists=True))
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

    def run_totals(self) -> dict[str, RunTotals]:
        """Per portal: runs ok and failed, new articles, newest starts; one GROUP BY, so
        the operator's totals never load the history itself."""
        run, ended = CrawlRunRow, CrawlRunRow.outcome.in_(("ok", "failed"))
        query = select(
            run.portal, func.sum(case((run.outcome == "ok", 1), else_=0)),
            func.sum(case((run.outcome == "failed", 1), else_=0)), func.sum(run.new),
            func.max(run.started), func.max(case((ended, run.started))),
        ).group_by(run.portal)
        with self._session() as s:
            return {row[0]: RunTotals(row[0], row[1] or 0, row[2] or 0, row[3] or 0, *row[4:])
                    for row in s.execute(query)}

    def last_success(self, portal: str) -> datetime | None:
        query = select(func.max(CrawlRunRow.finished)).where(
            CrawlRunRow.portal == portal, CrawlRunRow.outcome == "ok")
        with self._session() as s:
            return s.scalar(query)

    def last_run_start(self, portal: str) -> datetime | None:
        """Start of the portal's latest run that ran to its end (ok or failed): what the
        scheduler counts from after a restart.  Interrupted runs do not count: redone."""
        query = select(func.max(CrawlRunRow.started)).where(
            CrawlRunRow.portal == portal, CrawlRunRow.outcome.in_(("ok", "failed")))
        with self._session() as s:
            return s.scalar(query)

    def abandon_running(self, portal: str | None, now: datetime, outcome: str,
                        error: str) -> list[int]:
        """End the runs still marked running (of one portal, or of all) whose process is
        gone, e.g. after a crash of the scheduler; returns their ids."""
        query = select(CrawlRunRow).where(CrawlRunRow.outcome == "running")
        if portal:
            query = query.where(CrawlRunRow.portal == portal)
        with self._session() as s:
            rows = list(s.scalars(query))
            for row in rows:
                row.finished, row.outcome, row.error = now, outcome, error
            return [row.id for row in rows]

    def changes_since(self, portal: str, since: datetime) -> dict[str, int]:
        """Articles of a portal first stored / revised since `since`: what a crawl that
        could not report (killed at its limit, crashed) did, counted from the store."""
        count = select(func.count(ArticleRow.id)).where(ArticleRow.portal == portal)
        new = count.where(ArticleRow.first_seen >= since)
        updated = count.where(ArticleRow.first_seen < since, ArticleRow.revised >= since)
        with self._session() as s:
            return {"new": s.scalar(new) or 0, "updated": s.scalar(updated) or 0}


    # -- pages (incremental crawling) ------------------------------------------------

    def article_last_seen(self, portal: str) -> dict[str, datetime]:
        """Canonical URL -> when each stored article of a portal was last fetched."""
        query = select(ArticleRow.url, ArticleRow.last_seen).where(ArticleRow.portal == portal)
        with self._session() as s:
            return {url: seen for url, seen in s.execute(query)}

    def validators_for(self, portal: str) -> dict[str, PageState]:
        """Every page state of a portal, by canonical URL."""
        with self._session() as s:
            rows = s.scalars(select(PageRow).where(PageRow.portal == portal))
            return {r.url: PageState(r.url, r.kind, r.fetched, r.outcome, r.etag,
                                     r.last_modified) for r in rows}

    def save_validators(self, portal: str, pages: list[PageState]) -> None:
        """Insert or replace page states, all in one transaction."""
        rows = [{"url": p.url, "portal": portal, "kind": p.kind, "etag": p.etag,
                 "last_modified": p.last_modified, "fetched": p.fetched, "outcome": p.outcome}
                for p in pages]
        with self._session() as s:
            for start in range(0, len(rows), 500):  # stay under SQL parameter limits
                chunk = [r["url"] for r in rows[start:start + 500]]
                s.execute(delete(PageRow).where(PageRow.url.in_(chunk)))
            if rows:
                s.execute(insert(PageRow), rows)

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


def store_exists(url: str) -> bool:
    """Whether `url` already holds a store, checked without creating anything (opening
    a missing SQLite file would create it; `Store` creates the tables too)."""
    engine = create_engine(url)
    try:
        database = engine.url.database or ""
        if engine.dialect.name == "sqlite" and database not in ("", ":memory:") \
                and not database.startswith("file:") and not Path(database).is_file():
            return False
        with engine.connect() as connection:
            return inspect(connection).has_table(ArticleRow.__tablename__)
    finally:
        engine.dispose()


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
