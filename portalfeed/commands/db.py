"""`portalfeed db upgrade`, `db current` and `db copy`: the store's schema revision,
and moving a store to another database.

Opening the store migrates it anyway; `upgrade` lets an operator do it explicitly,
before starting workers (docs/database.md).  Each exits 1 with one line on stderr
when a database cannot be reached.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sqlalchemy import Engine

from crawler.store import migrate
from crawler.store.migrate import HEAD, StoreError
from crawler.store.store import make_engine, sqlite_file_missing, store_exists
from portalfeed.config import Config


def register(sub: Any) -> None:
    db = sub.add_parser("db", help="the store's schema: migrate it, show its revision")
    actions = db.add_subparsers(required=True, metavar="ACTION")
    upgrade = actions.add_parser(
        "upgrade", help="migrate the database to the newest schema now (opening it does too)")
    upgrade.set_defaults(run=cmd_upgrade)
    current = actions.add_parser("current", help="print the database's schema revision")
    current.set_defaults(run=cmd_current)
    copy = actions.add_parser(
        "copy", help="copy every article, run and page state of another store into the "
        "configured one, which must be empty (e.g. from SQLite to PostgreSQL)")
    copy.add_argument("source", metavar="SOURCE_URL",
                      help="the store to copy, e.g. sqlite:///data/portalfeed.sqlite3")
    copy.set_defaults(run=cmd_copy)


def cmd_upgrade(args: argparse.Namespace, config: Config) -> int:
    def run(engine: Engine) -> str:
        before, after = migrate.upgrade(engine)
        if before == after:
            return f"at revision {after} (head), nothing to do"
        return f"upgraded from revision {before or 'none'} to {after} (head)"

    return _report(config, run)


def cmd_current(args: argparse.Namespace, config: Config) -> int:
    if sqlite_file_missing(config.database_url):
        return _fail(f"no database at {_where(config.database_url)}")

    def run(engine: Engine) -> str:
        return describe(migrate.current_revision(engine), store_exists(config.database_url))

    return _report(config, run)


def cmd_copy(args: argparse.Namespace, config: Config) -> int:
    from crawler.store.copy import copy_store

    if sqlite_file_missing(args.source):
        return _fail(f"no database at {_where(args.source)}")
    try:
        copied = copy_store(args.source, config.database_url)
    except StoreError as exc:
        return _fail(str(exc))
    counts = ", ".join(f"{n} {table}" for table, n in copied.items())
    print(f"copied {counts} from {_where(args.source)} into {_where(config.database_url)}")
    return 0


def describe(revision: str | None, has_tables: bool) -> str:
    """The revision and what it means for the operator, in one line."""
    if revision == HEAD:
        return f"{revision} (head)"
    if revision is None and has_tables:
        return "none (created before migrations: `portalfeed db upgrade` adopts it)"
    if revision is None:
        return "none (empty: `portalfeed db upgrade` creates the tables)"
    return f"{revision} (head is {HEAD}: run `portalfeed db upgrade`)"


def _report(config: Config, run: Any) -> int:
    try:
        engine = make_engine(config.database_url)
    except StoreError as exc:
        return _fail(str(exc))
    try:
        print(f"{_where(config.database_url)}: {run(engine)}")
    except StoreError as exc:
        return _fail(str(exc))
    finally:
        engine.dispose()
    return 0


def _where(url: str) -> str:
    """The database as it may be printed: a SQLite file's path, else the URL without
    its password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def _fail(message: str) -> int:
    print(f"portalfeed: error: {message}", file=sys.stderr)
    return 1
