"""Shared fixtures: paths of the bundled fixtures, a fixture-portal server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_f1f44bc26ae30840.txt"
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="session")
def fixture_portal() -> Iterator[str]:
    """Base URL of the fixture portal, served on a free port for the whole session."""
    from portalfeed.fixture_server import FixtureServer

    with FixtureServer() as server:
        yield server.url


def _load_servers():
    """tests/servers.py by path (tests/ is not a package; see tests/e2e/conftest.py)."""
    import importlib.util
    import sys

    if "portalfeed_test_servers" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "portalfeed_test_servers", Path(__file__).resolve().parent / "servers.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["portalfeed_test_servers"]


@pytest.fixture(scope="session")
def redis_server():
    """A real redis-server on a free 127.0.0.1 port for the whole session (`.url`)."""
    with _load_servers().RedisServer() as server:
        yield server


@pytest.fixture(scope="session")
def postgres_server():
    """A real throwaway PostgreSQL cluster on a free 127.0.0.1 port for the whole session.

    `.create_database(name)` gives each test module its own database."""
    with _load_servers().PostgresServer() as server:
        yield server
