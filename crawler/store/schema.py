"""Tables of the store (SQLAlchemy 2).  Instants are stored in UTC; the article's
own datetimes, with their +07:00 offset and precision, live in its JSON record."""

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
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[datetime]):
    """Accepts only aware datetimes, stores UTC, returns aware UTC on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.utcoffset() is None:
            raise ValueError(f"naive datetime refused by the store: {value!r}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    portal: Mapped[str] = mapped_column(String(64), index=True)
    guid: Mapped[str] = mapped_column(String(2100), unique=True)
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
    topic: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


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
    portal: Mapped[str] = mapped_column(String(64), index=True)
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


class PageRow(Base):
    """What the crawler last learnt of a URL that is not a stored article of its own:
    HTTP validators of listings and sitemaps (conditional GET), aliases and rejected
    pages (not fetched again within the recheck window)."""

    __tablename__ = "pages"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)  # canonical public URL
    portal: Mapped[str] = mapped_column(String(64), index=True)
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
