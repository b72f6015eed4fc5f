"""The store as portalfeed created it before migrations existed.

Articles, their topics, crawl runs and page states, with the feed-order and
run-history indexes.  Idempotent, so a database created before migrations (the
same tables, perhaps without the newest indexes) is adopted as this revision:
only what is missing is created, and on PostgreSQL timestamps without a zone (they
always held UTC) become timestamptz.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FEED_ORDER = "coalesce(published_at, first_seen) DESC"


def _key(length: int) -> sa.types.TypeEngine:
    # Byte order on PostgreSQL too (SQLite's default), so sorting and ties match.
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _at(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _articles() -> list[sa.SchemaItem]:
    return [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", _key(2048), nullable=False, unique=True),
        sa.Column("portal", _key(64), nullable=False),
        sa.Column("guid", _key(2100), nullable=False, unique=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        _at("published_at", nullable=True), _at("first_seen"), _at("revised"), _at("last_seen"),
        sa.Column("record", sa.JSON, nullable=False),
    ]


def _article_topics() -> list[sa.SchemaItem]:
    return [
        sa.Column("article_id", sa.Integer,
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("topic", _key(64), primary_key=True),
    ]


def _crawl_runs() -> list[sa.SchemaItem]:
    counts = [sa.Column(n, sa.Integer, nullable=False)
              for n in ("pages", "new", "updated", "unchanged", "rejected")]
    return [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("portal", _key(64), nullable=False),
        _at("started"), _at("finished", nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        *counts,
        sa.Column("stats", sa.JSON, nullable=False),
        sa.Column("error", sa.Text),
    ]


def _pages() -> list[sa.SchemaItem]:
    return [
        sa.Column("url", _key(2048), primary_key=True),
        sa.Column("portal", _key(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("etag", sa.String(512)),
        sa.Column("last_modified", sa.String(64)),
        _at("fetched"),
        sa.Column("outcome", sa.String(64), nullable=False),
    ]


TABLES: dict[str, Callable[[], list[sa.SchemaItem]]] = {
    "articles": _articles, "article_topics": _article_topics,
    "crawl_runs": _crawl_runs, "pages": _pages,
}
INDEXES: tuple[tuple[str, str, list[str]], ...] = (
    ("ix_articles_portal", "articles", ["portal"]),
    ("ix_articles_published_at", "articles", ["published_at"]),
    ("ix_articles_portal_fingerprint", "articles", ["portal", "fingerprint"]),
    ("ix_articles_feed_order", "articles", [FEED_ORDER, "guid"]),
    ("ix_articles_portal_feed_order", "articles", ["portal", FEED_ORDER, "guid"]),
    ("ix_article_topics_topic", "article_topics", ["topic"]),
    ("ix_article_topics_topic_article", "article_topics", ["topic", "article_id"]),
    ("ix_crawl_runs_portal", "crawl_runs", ["portal"]),
    ("ix_crawl_runs_portal_started", "crawl_runs", ["portal", "started DESC", "id DESC"]),
    ("ix_pages_portal", "pages", ["portal"]),
)
DATETIMES = {"articles": ("published_at", "first_seen", "revised", "last_seen"),
             "crawl_runs": ("started", "finished"), "pages": ("fetched",)}


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, columns in TABLES.items():
        if name not in existing:
            op.create_table(name, *columns())
    if op.get_bind().dialect.name == "postgresql":
        _zone_timestamps()
    for name, table, columns in INDEXES:
        op.create_index(name, table, [_column(c) for c in columns], if_not_exists=True)


def _column(spec: str) -> str | sa.TextClause:
    return spec if spec.isidentifier() else sa.text(spec)


def _zone_timestamps() -> None:
    inspector = sa.inspect(op.get_bind())
    naive = {(table, c["name"]) for table in DATETIMES for c in inspector.get_columns(table)
             if c["name"] in DATETIMES[table] and not getattr(c["type"], "timezone", True)}
    if not naive:
        return
    # The feed-order indexes mix two of these columns; mid-change their expression
    # would cast between timestamp kinds (not immutable).  Rebuilt by upgrade().
    for name, table, _ in INDEXES:
        if "feed_order" in name:
            op.drop_index(name, table_name=table, if_exists=True)
    for table, name in sorted(naive):
        op.alter_column(table, name, type_=sa.DateTime(timezone=True),
                        postgresql_using=f"{name} AT TIME ZONE 'UTC'")


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)
