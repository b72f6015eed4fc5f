"""Loads tests/faultserver.py (the fault-injecting portal and crawl helpers) as the module
`faultserver`, for the crawl tests in this folder: `sys.modules["faultserver"]`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


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
