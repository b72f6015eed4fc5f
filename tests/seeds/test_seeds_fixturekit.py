"""seeds/families/fixturekit.py, the kit every family generator (build.py) shares: a
build.py works imported by path as well as run, no __pycache__ appears beside the family
folders, `--check` names every kind of drift, and the kit's helpers keep their contract."""

from __future__ import annotations

import importlib.util
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parents[2]
FAMILIES = REPO / "seeds" / "families"
BUILDS = sorted(FAMILIES.glob("*/build.py"))
KIT = SimpleNamespace(**runpy.run_path(str(FAMILIES / "fixturekit.py")))


def load_build(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"family_build_{path.parent.name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(build: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return subprocess.run([sys.executable, str(build), *args], capture_output=True, text=True,
                          env=env, timeout=60)


@pytest.mark.parametrize("build", BUILDS, ids=lambda p: p.parent.name)
def test_a_build_imported_by_path_renders_what_is_on_disk(
        build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # no .pyc inside the seeds tree
    module = load_build(build)
    wanted = module.kit.encoded(module.render_all())
    assert module.kit.diff(wanted, module.kit.on_disk(module.HERE)) == []
    assert any(rel.startswith("expected/") for rel in wanted)


@pytest.fixture
def family_copy(tmp_path: Path) -> Path:
    """The aspnet family and the kit, copied as seeds/families/ lays them out."""
    families = tmp_path / "seeds" / "families"
    shutil.copytree(FAMILIES / "aspnet", families / "aspnet",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(FAMILIES / "fixturekit.py", families / "fixturekit.py")
    return families / "aspnet"


def test_running_a_build_leaves_no_pycache_beside_the_families(family_copy: Path) -> None:
    result = run(family_copy / "build.py", "--check")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in family_copy.parent.iterdir()) == ["aspnet", "fixturekit.py"]


def test_check_names_each_drift_and_a_build_repairs_it(family_copy: Path) -> None:
    (family_copy / "site" / "robots.txt").unlink()
    (family_copy / "site" / "index.html").write_text("<p>sửa tay</p>", encoding="utf-8")
    (family_copy / "expected" / "stray.json").write_text("{}", encoding="utf-8")
    check = run(family_copy / "build.py", "--check")
    assert check.returncode == 1
    assert check.stderr.splitlines()[:3] == ["differs: site/index.html",
                                             "extra:   expected/stray.json",
                                             "missing: site/robots.txt"]
    assert "out of date: run python" in check.stderr
    build = run(family_copy / "build.py")
    assert build.returncode == 0 and "3 changed" in build.stdout
    assert run(family_copy / "build.py", "--check").returncode == 0


def test_encoded_refuses_text_that_is_not_nfc() -> None:
    with pytest.raises(ValueError, match=r"site/a\.html: text is not NFC"):
        KIT.encoded({"site/a.html": "Tho\u0323"})  # ọ decomposed
    assert KIT.encoded({"b.bin": b"\xff", "a.json": {"k": "ọ"}}) == {
        "a.json": '{\n  "k": "ọ"\n}\n'.encode(), "b.bin": b"\xff"}


@pytest.mark.parametrize(("printed", "iso", "precision"), [
    ("08/01/2024 - 10:15", "2024-01-08T10:15:00+07:00", "datetime"),
    ("18/09/2019 07:55", "2019-09-18T07:55:00+07:00", "datetime"),
    ("15/03/2019", "2019-03-15T00:00:00+07:00", "date"),
])
def test_printed_dates_are_read_in_vietnam_time(printed: str, iso: str, precision: str) -> None:
    assert KIT.when_iso(printed) == (iso, precision)


def test_the_pager_marks_the_current_page_and_links_the_next() -> None:
    parts = KIT.pager_parts(2, 3, lambda n: f"[{n}]", lambda n: f"<{n}>", lambda n: f"next {n}")
    assert parts == ["<1>", "[2]", "<3>", "next 3"]
    assert KIT.pager_parts(3, 3, lambda n: f"[{n}]", lambda n: f"<{n}>",
                           lambda n: f"next {n}") == ["<1>", "<2>", "[3]"]


def test_a_record_keeps_the_one_field_order_and_derives_captions() -> None:
    record = KIT.record(extractor="generic", images=[{"url": "/a.jpg", "caption": "Ảnh"}],
                        title="T", url="/t")
    assert list(record) == ["title", "url", "captions", "images", "extractor"]
    assert record["captions"] == ["Ảnh"]


def test_other_news_leaves_out_the_article_itself() -> None:
    arts = [{"id": n} for n in range(5)]
    assert KIT.others(arts, arts[1], lambda o: str(o["id"])) == "0\n2\n3"
