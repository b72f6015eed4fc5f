"""The store's contract suite runs every test on both backends: a SQLite file and a
PostgreSQL database on the session's throwaway server (tests/servers.py), each test
(or module, for the read-only query tests) on a fresh database.

The PostgreSQL databases sort text as most production clusters do (ICU, en-US: `a_b`
before `a-b` before `ab`, case last), not bytewise like the test cluster's default, so
the suite proves the store's order does not depend on the server's locale."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from crawler.store.store import Store

BACKENDS = ["sqlite", "postgresql"]


def fresh_url(backend: str, folder: Path, request: pytest.FixtureRequest) -> str:
    """A new empty database of `backend`: a file in `folder`, or a new PostgreSQL db."""
    if backend == "sqlite":
        return f"sqlite:///{folder / f'store-{uuid.uuid4().hex[:8]}.sqlite3'}"
    server = request.getfixturevalue("postgres_server")
    return create_locale_database(server, f"store_{uuid.uuid4().hex[:12]}")


def create_locale_database(server: object, name: str) -> str:
    """A new database whose default collation is ICU's en-US; its SQLAlchemy URL."""
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=server.port, user=server.user,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 LOCALE_PROVIDER icu '
                     "ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")
    return server.database_url(name)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture()
def new_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest
            ) -> Callable[[], str]:
    """Makes further fresh databases of this test's backend."""
    return lambda: fresh_url(backend, tmp_path, request)


@pytest.fixture()
def store_url(new_url: Callable[[], str]) -> str:
    return new_url()


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    opened = Store(store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="module", params=BACKENDS)
def module_store_url(request: pytest.FixtureRequest,
                     tmp_path_factory: pytest.TempPathFactory) -> str:
    """One fresh database per module and backend, for tests that only read."""
    return fresh_url(request.param, tmp_path_factory.mktemp("store"), request)


@pytest.fixture()
def pg_url(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh PostgreSQL database, for what only PostgreSQL does (row-lock waits)."""
    return fresh_url("postgresql", tmp_path, request)
