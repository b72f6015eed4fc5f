"""Crawl-test helpers: the fault-injecting portal server and a crawl in a child process."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest


def _load_faultserver() -> ModuleType:
    """tests/faultserver.py by path: putting tests/ on sys.path would let tests/crawler/
    shadow the crawler package."""
    path = Path(__file__).resolve().parents[1] / "faultserver.py"
    spec = importlib.util.spec_from_file_location("faultserver", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["faultserver"] = module
    spec.loader.exec_module(module)
    return module


faultserver = sys.modules.get("faultserver") or _load_faultserver()
Behaviour, FaultServer = faultserver.Behaviour, faultserver.FaultServer

CONTACT = "https://feeds.example.vn/lien-he"


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    with FaultServer(Behaviour()) as server:
        yield server


def crawl_command(workdir: Path, profiles: Path, fetch_base: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), "crawl",
            "phutho-fixture", "--fetch-base", fetch_base, *extra]


def crawl_env(profiles: Path) -> dict[str, str]:
    return {**os.environ, "PORTALFEED_PROFILES_DIR": str(profiles),
            "PORTALFEED_BASE_URL": "https://feeds.example.vn/",
            "PORTALFEED_CONTACT_URL": CONTACT}


def run_crawl(workdir: Path, profiles: Path, fetch_base: str,
              *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(crawl_command(workdir, profiles, fetch_base, *extra),
                          capture_output=True, text=True, env=crawl_env(profiles), timeout=300)
