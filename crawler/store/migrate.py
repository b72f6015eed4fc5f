"""Bring a database to the newest schema with the Alembic revisions in `migrations/`.

`ensure_head` runs on every `Store` open: one look at the version table when the
database is already at head (the common case); otherwise the upgrade runs in one
transaction under a lock, so workers that start together do not race: a PostgreSQL
advisory lock, or SQLite's own write lock (BEGIN IMMEDIATE).  The second one in
waits, then finds the database at head.  A database created before migrations
(tables, no version table) is adopted by revision 0001, which creates only what is
missing (docs/database.md).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from crawler.errors import PortalfeedError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

HEAD = "0003"  # the newest revision in migrations/versions/ (a test keeps them equal)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
# pg_advisory_xact_lock key shared by every portalfeed process on the database.
ADVISORY_LOCK_KEY = 7_402_914_203
# Alembic's `op` and `context` are process-wide proxies: one migration per process at once.
_IN_PROCESS = threading.Lock()


class StoreError(PortalfeedError):
    """The database cannot be reached, or its schema is not one this code knows."""


def ensure_head(engine: Engine) -> None:
    """Upgrade to the newest revision unless the database is there already."""
    if current_revision(engine) != HEAD:
        upgrade(engine)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None when it has no version table."""
    with connect(engine) as connection:
        return _version(connection)


# Alembic is imported only when a migration runs: it takes longer to import than
# the whole check at head, which every crawl child pays.

def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str | None]:
    """Run the revisions up to `target` under the lock; (revision before, after)."""
    from alembic import command

    return _locked_command(engine, command.upgrade, target)


def downgrade(engine: Engine, target: str) -> tuple[str | None, str | None]:
    """Undo revisions down to `target` (a revision id, or "base") under the lock."""
    from alembic import command

    return _locked_command(engine, command.downgrade, target)


def script_head() -> str | None:
    """The newest revision among the migration scripts (reads every script)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def _locked_command(engine: Engine, run: Callable[[Config, str], None],
                    target: str) -> tuple[str | None, str | None]:
    with _IN_PROCESS, connect(engine) as connection, connection.begin():
        _lock(connection)
        before = _version(connection)
        if before is None and inspect(connection).has_table("articles"):
            log.info("adopting a portalfeed database created before migrations")
        try:
            run(_config(connection), target)
        except _command_error() as exc:
            raise StoreError(f"cannot migrate the database from revision {before} to "
                             f"{target}: {exc} (was it migrated by a newer portalfeed?)"
                             ) from None
        after = _version(connection)
    if before != after:
        log.info("database schema upgraded from %s to %s", before or "nothing", after)
    return before, after


def _command_error() -> type[Exception]:
    from alembic.util import CommandError

    return CommandError


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _lock(connection: Connection) -> None:
    """Serialise migrations across processes until the transaction ends."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": ADVISORY_LOCK_KEY})
    elif connection.dialect.name == "sqlite":
        # pysqlite leaves DDL outside any transaction; take SQLite's write lock now
        # (waiting up to busy_timeout), so the whole upgrade is one transaction.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


# Catalog lookups in plain SQL: the inspector's own query costs a new engine several
# milliseconds to compile, on every open of a store.
_HAS_TABLE = {
    "postgresql": "SELECT to_regclass(:name) IS NOT NULL",
    "sqlite": "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = :name",
}


def _version(connection: Connection) -> str | None:
    query = _HAS_TABLE.get(connection.dialect.name)
    found = connection.scalar(text(query), {"name": VERSION_TABLE}) if query \
        else inspect(connection).has_table(VERSION_TABLE)
    if not found:
        return None
    return connection.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))


@contextmanager
def connect(engine: Engine) -> Iterator[Connection]:
    """A connection, or a one-line StoreError naming the database and the reason."""
    try:
        connection = engine.connect()
    except DBAPIError as exc:
        where = engine.url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"cannot open the database {where}: {reason}") from None
    with connection:
        yield connection
