"""The family fixture portals under seeds/families/ are well-formed data: NFC text,
routes that lead to files, generated files up to date with their content."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FAMILIES = REPO / "seeds" / "families"
FOLDERS = sorted(p for p in FAMILIES.glob("*/") if p.is_dir())
TEXT_SUFFIXES = {".html", ".aspx", ".json", ".toml", ".md", ".xml", ".txt"}


def text_files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*"))
            if p.is_file() and (p.suffix.lower() in TEXT_SUFFIXES or not p.suffix)]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_text_is_utf8_nfc(folder: Path) -> None:
    for path in text_files(folder):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path.relative_to(REPO)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_routes_lead_to_files_in_the_site(folder: Path) -> None:
    routes = folder / "site" / "_routes.json"
    table = json.loads(routes.read_text(encoding="utf-8")) if routes.is_file() else {}
    site = (folder / "site").resolve()
    for key, target in table.items():
        path = (site / target).resolve()
        assert path.is_relative_to(site) and path.is_file(), (key, target)


@pytest.mark.parametrize("folder", [f for f in FOLDERS if (f / "build.py").is_file()],
                         ids=lambda p: p.name)
def test_generated_files_are_up_to_date(folder: Path) -> None:
    check = subprocess.run([sys.executable, str(folder / "build.py"), "--check"],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
