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
