"""Schema migrations on both backends: a fresh database, a database made by the code
before migrations, a database already at head, a downgrade, a newer schema, and
several processes opening one fresh database at once."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import warnings
from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import SAWarning

from crawler.model import Article
from crawler.store import migrate
from crawler.store.schema import Base
from crawler.store.store import Store, StoreError

T0 = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
INDEXES = {"ix_articles_portal", "ix_articles_published_at", "ix_articles_portal_fingerprint",
           "ix_articles_feed_order", "ix_articles_portal_feed_order", "ix_article_topics_topic",
           "ix_article_topics_topic_article", "ix_crawl_runs_portal",
           "ix_crawl_runs_portal_started", "ix_pages_portal", "ix_crawl_runs_job_id"}

# The tables as the code before migrations created them (Base.metadata.create_all of
# that schema, compiled for each dialect), as a database of an older release has them:
# without the run-history index, which that code added on a later open.
OLD_COMMON = """
CREATE INDEX ix_articles_portal_fingerprint ON articles (portal, fingerprint);
CREATE INDEX ix_articles_portal ON articles (portal);
CREATE INDEX ix_articles_feed_order ON articles (coalesce(published_at, first_seen) DESC, guid);
CREATE INDEX ix_articles_portal_feed_order ON articles
    (portal, coalesce(published_at, first_seen) DESC, guid);
CREATE INDEX ix_articles_published_at ON articles (published_at);
CREATE INDEX ix_crawl_runs_portal ON crawl_runs (portal);
CREATE INDEX ix_pages_portal ON pages (portal);
CREATE TABLE article_topics (article_id INTEGER NOT NULL, topic VARCHAR(64) NOT NULL,
    PRIMARY KEY (article_id, topic),
    FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE);
CREATE INDEX ix_article_topics_topic ON article_topics (topic);
CREATE INDEX ix_article_topics_topic_article ON article_topics (topic, article_id)
"""
OLD_TABLES = """
CREATE TABLE articles (id {serial} NOT NULL, url VARCHAR(2048) NOT NULL,
    portal VARCHAR(64) NOT NULL, guid VARCHAR(2100) NOT NULL, fingerprint VARCHAR(64) NOT NULL,
    published_at {ts}, first_seen {ts} NOT NULL, revised {ts} NOT NULL, last_seen {ts} NOT NULL,
    record JSON NOT NULL, PRIMARY KEY (id), UNIQUE (url), UNIQUE (guid));
CREATE TABLE crawl_runs (id {serial} NOT NULL, portal VARCHAR(64) NOT NULL,
    started {ts} NOT NULL, finished {ts}, outcome VARCHAR(16) NOT NULL, pages INTEGER NOT NULL,
    "new" INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL,
    rejected INTEGER NOT NULL, stats JSON NOT NULL, error TEXT, PRIMARY KEY (id));
CREATE TABLE pages (url VARCHAR(2048) NOT NULL, portal VARCHAR(64) NOT NULL,
    kind VARCHAR(16) NOT NULL, etag VARCHAR(512), last_modified VARCHAR(64),
    fetched {ts} NOT NULL, outcome VARCHAR(64) NOT NULL, PRIMARY KEY (url));
"""
OLD_TYPES = {"sqlite": {"serial": "INTEGER", "ts": "DATETIME"},
             "postgresql": {"serial": "SERIAL", "ts": "TIMESTAMP WITHOUT TIME ZONE"}}


def make_pre_migration_database(url: str) -> None:
    """The old tables, one article and one finished run, written as the old code did
    (instants as naive UTC)."""
    engine = create_engine(url)
    record = Article(title="Bài cũ", url="https://p.vn/vi/cu", portal="p", body=["Đoạn."],
                     topics=["kinh-te"]).to_dict()
    with engine.begin() as conn:
        ddl = OLD_TABLES.format(**OLD_TYPES[engine.dialect.name]) + OLD_COMMON
        for statement in filter(str.strip, ddl.split(";")):
            conn.exec_driver_sql(statement)
        conn.execute(text(
            "INSERT INTO articles (url, portal, guid, fingerprint, first_seen, revised, "
            "last_seen, record) VALUES (:u, 'p', 'tag:p.vn,2026-01-01:/vi/cu', 'f', :t, :t, :t, "
            ":r)"), {"u": "https://p.vn/vi/cu", "t": "2026-01-01 03:00:00",
                     "r": json.dumps(record)})
        conn.execute(text(
            "INSERT INTO crawl_runs (portal, started, finished, outcome, pages, new, updated, "
            "unchanged, rejected, stats) VALUES ('p', :t, :t, 'ok', 3, 1, 0, 0, 0, '{}')"),
            {"t": "2026-01-01 03:00:00"})
    engine.dispose()


def index_names(engine: Engine) -> set[str]:
    query = {"sqlite": "SELECT name FROM sqlite_master WHERE type = 'index'",
             "postgresql": "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"}
    with engine.connect() as conn:
        return {row[0] for row in conn.exec_driver_sql(query[engine.dialect.name])}


def columns(engine: Engine, table: str) -> set[str]:
    with engine.connect() as conn:
        return {c["name"] for c in inspect(conn).get_columns(table)}


def schema_differences(engine: Engine) -> list:
    """What autogenerate would change to make the database match schema.py."""
    with engine.connect() as conn, warnings.catch_warnings():
        # SQLAlchemy cannot reflect SQLite's expression indexes and says so (SQLAlchemy
        # and Alembic each warn); those are checked by name (index_names).
        warnings.simplefilter("ignore", SAWarning)
        warnings.filterwarnings("ignore", "autogenerate skipping .*expression-based index")
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # Expression indexes reflect differently from how they are declared; checked by name.
    return [d for d in diffs if not (d[0] in ("add_index", "remove_index")
                                     and "feed_order" in (d[1].name or ""))]


def test_head_names_the_newest_migration_script() -> None:
    assert migrate.script_head() == migrate.HEAD


def test_a_fresh_database_is_created_at_head_and_matches_the_models(store_url: str) -> None:
    store = Store(store_url)
    try:
        assert migrate.current_revision(store.engine) == migrate.HEAD
        assert index_names(store.engine) >= INDEXES
        assert schema_differences(store.engine) == []
    finally:
        store.close()


def test_a_database_from_before_migrations_is_adopted_and_upgraded(store_url: str) -> None:
    make_pre_migration_database(store_url)
    store = Store(store_url)
    try:
        assert migrate.current_revision(store.engine) == migrate.HEAD
        assert "job_id" in columns(store.engine, "crawl_runs")
        assert index_names(store.engine) >= INDEXES  # the missing ones created
        assert store.get("https://p.vn/vi/cu").article.title == "Bài cũ"
        assert store.get("https://p.vn/vi/cu").first_seen == T0
        run = store.runs("p")[0]
        assert (run.outcome, run.pages, run.started, run.job_id) == ("ok", 3, T0, None)
        assert store.upsert(Article(title="Mới", url="https://p.vn/vi/moi", portal="p",
                                    body=["Khác."]), T0 + timedelta(hours=1)) == "new"
    finally:
        store.close()


def test_opening_a_database_at_head_only_reads(store_url: str) -> None:
    Store(store_url).close()
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        Store(store_url).close()
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    verbs = {s.split()[0].upper() for s in statements}
    assert verbs and verbs <= {"SELECT", "PRAGMA"}, statements
    assert not any("advisory" in s for s in statements), statements  # not even the lock


def test_revision_2_downgrades_and_upgrades_again_keeping_the_runs(store_url: str) -> None:
    store = Store(store_url)
    store.finish_run(store.start_run("p", T0, job_id="crawl:p:1"), T0, "ok")
    store.close()
    engine = create_engine(store_url)
    try:
        assert migrate.downgrade(engine, "0001") == (migrate.HEAD, "0001")
        assert "job_id" not in columns(engine, "crawl_runs")
        assert "ix_crawl_runs_job_id" not in index_names(engine)
        store = Store(store_url)  # opening upgrades again
        assert migrate.current_revision(engine) == migrate.HEAD
        assert [(r.outcome, r.job_id) for r in store.runs("p")] == [("ok", None)]
        store.close()
    finally:
        engine.dispose()


def test_a_schema_newer_than_the_code_is_a_clear_error(store_url: str) -> None:
    Store(store_url).close()
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"revision 0099.*newer portalfeed"):
        Store(store_url)


def test_an_unreachable_database_is_a_one_line_error() -> None:
    with socket.socket() as sock:  # a free port: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError, match=r"cannot open the database .*127\.0\.0\.1") as error:
        Store(f"postgresql+psycopg://nobody@127.0.0.1:{port}/none")
    assert "\n" not in str(error.value)


OPEN = "import sys; from crawler.store.store import Store; Store(sys.argv[1]).close()"


def test_processes_opening_one_fresh_database_at_once_all_succeed(store_url: str) -> None:
    processes = [subprocess.Popen([sys.executable, "-c", OPEN, store_url],
                                  stderr=subprocess.PIPE, text=True) for _ in range(4)]
    errors = [p.communicate(timeout=120)[1] for p in processes]
    assert [p.returncode for p in processes] == [0] * 4, errors
    store = Store(store_url)
    try:
        assert migrate.current_revision(store.engine) == migrate.HEAD
        assert index_names(store.engine) >= INDEXES
    finally:
        store.close()
