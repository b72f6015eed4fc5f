"""The database under the store: engines for SQLite and PostgreSQL, and the base
every part of the store shares (an engine at the newest schema, one transaction per
call).

SQLite runs in WAL mode, so readers never block the crawl and a killed crawl loses
only its open transaction; PostgreSQL (`postgresql+psycopg://...`) is shared by many
workers.  Opening brings the schema to the newest revision (`crawler.store.migrate`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from crawler.store.migrate import StoreError, connect, ensure_head
from crawler.store.schema import ArticleRow


class StoreBase:
    """An open database at the newest schema; subclasses add the queries."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        try:
            ensure_head(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session


def store_exists(url: str) -> bool:
    """Whether `url` already holds a store, checked without creating anything (opening
    a missing SQLite file would create it; `Store` creates the tables too).  A database
    that cannot be reached is a StoreError naming it."""
    if sqlite_file_missing(url):
        return False
    engine = _create_engine(url)  # no pragmas: WAL mode would write to an empty file
    try:
        with connect(engine) as connection:
            return inspect(connection).has_table(ArticleRow.__tablename__)
    finally:
        engine.dispose()


def sqlite_file_missing(url: str) -> bool:
    """A SQLite URL naming a file that does not exist (yet)."""
    parsed = make_url(url)
    database = parsed.database or ""
    return parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:") \
        and not database.startswith("file:") and not Path(database).is_file()


def make_engine(url: str) -> Engine:
    """An engine for `url`; on SQLite, WAL mode and the data folder created."""
    engine = _create_engine(url)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _create_engine(url: str) -> Engine:
    # A server may restart under a scheduler or worker that runs for months: test each
    # pooled connection before use rather than fail the next crawl on a dead one.
    server = make_url(url).get_backend_name() != "sqlite"
    try:
        return create_engine(url, pool_pre_ping=server)
    except ModuleNotFoundError as exc:
        raise StoreError(f"the database driver {exc.name!r} is not installed "
                         "(PostgreSQL: pip install 'portalfeed[postgres]')") from None


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
