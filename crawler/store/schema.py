"""Tables of the store (SQLAlchemy 2), on SQLite and PostgreSQL alike.  Instants are
stored in UTC; the article's own datetimes, with their +07:00 offset and precision,
live in its JSON record.  The tables are created and changed by the Alembic
revisions in `crawler/store/migrations/versions/`: a change here needs a revision
there (docs/database.md)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    func,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeEngine


class UTCDateTime(TypeDecorator[datetime]):
    """Accepts only aware datetimes, stores UTC, returns aware UTC on every backend:
    PostgreSQL's timestamptz keeps the instant itself; SQLite has no zone, so the
    store writes naive UTC and attaches UTC on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError(f"naive datetime refused by the store: {value!r}")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.utcoffset() is None else value.astimezone(UTC)


def key(length: int) -> TypeEngine[str]:
    """A string compared byte by byte on every backend: SQLite's default; PostgreSQL
    gets the "C" collation, so sort orders, ties and index walks match SQLite's."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(key(2048), unique=True)
    portal: Mapped[str] = mapped_column(key(64), index=True)
    guid: Mapped[str] = mapped_column(key(2100), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    revised: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    record: Mapped[dict] = mapped_column(JSON)

    __table_args__ = (Index("ix_articles_portal_fingerprint", "portal", "fingerprint"),)


class ArticleTopicRow(Base):
    """One row per (article, topic): feeds per topic read this index, not every article."""

    __tablename__ = "article_topics"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(key(64), primary_key=True, index=True)


# The order of every feed (Store.newest): newest publication, else first sight, ties by
# guid. Indexed as an expression, so a feed reads its newest N rows and stops, whatever
# the size of the store; the topic index carries article_id so a topic's articles are
# found without touching the table.
FEED_ORDER = func.coalesce(ArticleRow.published_at, ArticleRow.first_seen)
FEED_INDEXES = (
    Index("ix_articles_feed_order", FEED_ORDER.desc(), ArticleRow.guid),
    Index("ix_articles_portal_feed_order", ArticleRow.portal, FEED_ORDER.desc(), ArticleRow.guid),
    Index("ix_article_topics_topic_article", ArticleTopicRow.topic, ArticleTopicRow.article_id),
)


class CrawlRunRow(Base):
    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portal: Mapped[str] = mapped_column(key(64), index=True)
    started: Mapped[datetime] = mapped_column(UTCDateTime)
    finished: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(16))  # running | ok | failed | interrupted
    pages: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    # The distributed queue's job id (`crawl:<portal>:<slot>`): a redelivered job whose
    # run already ended ok is skipped (Store.job_finished).  Revision 0002.
    job_id: Mapped[str | None] = mapped_column(String(200), index=True)
    # Who ran it: the machine's hostname, or the Celery worker's node name
    # (`celery@host`), and the crawl child's pid.  Revision 0003.
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)


class PageRow(Base):
    """What the crawler last learnt of a URL that is not a stored article of its own:
    HTTP validators of listings and sitemaps (conditional GET), aliases and rejected
    pages (not fetched again within the recheck window)."""

    __tablename__ = "pages"

    url: Mapped[str] = mapped_column(key(2048), primary_key=True)  # canonical public URL
    portal: Mapped[str] = mapped_column(key(64), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # listing | sitemap | feed | article
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    fetched: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(64))  # ok | alias | rejected/<why> | http_404


# A portal's recent runs (health, status) are read newest first, 50 at a time: this
# index lets SQLite read those rows instead of sorting the portal's whole history.
RUN_HISTORY_INDEXES = (
    Index("ix_crawl_runs_portal_started", CrawlRunRow.portal, CrawlRunRow.started.desc(),
          CrawlRunRow.id.desc()),
)
