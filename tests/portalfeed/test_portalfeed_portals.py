"""`portalfeed portals`: the registry as JSON or as a table by level; bad profiles fail."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from crawler.profiles import BUILTIN_DIR
from portalfeed.cli import main

KEYS = {"name", "title", "home", "level", "family", "aliases", "verified", "enabled", "parent",
        "merged_from", "interval_minutes", "fixture"}


def run(capsys: pytest.CaptureFixture[str], workdir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--workdir", str(workdir), "portals", *args])
    out, err = capsys.readouterr()
    return code, out, err


def registry_json(capsys: pytest.CaptureFixture[str], workdir: Path,
                  *args: str) -> list[dict]:
    code, out, _ = run(capsys, workdir, "--json", *args)
    assert code == 0
    return json.loads(out)


def test_json_lists_every_profile_with_the_registry_keys(tmp_path: Path, capsys) -> None:
    rows = registry_json(capsys, tmp_path)
    assert len(rows) == len(list(BUILTIN_DIR.glob("*.toml")))
    assert all(set(row) >= KEYS for row in rows)
    assert len({row["name"] for row in rows}) == len(rows)


def test_level_province_lists_the_34_units(tmp_path: Path, capsys) -> None:
    rows = registry_json(capsys, tmp_path, "--level", "province")
    units = [r for r in rows if not r["fixture"]]
    assert [r["name"] for r in rows if r["fixture"]] == ["phutho-fixture"]
    assert len(units) == 34 and {r["level"] for r in rows} == {"province"}
    assert len({r["name"] for r in units}) == 34 and len({r["home"] for r in units}) == 34
    aliases = [a for r in units for a in r["aliases"]]
    assert len(aliases) == len(set(aliases))
    assert all(unicodedata.is_normalized("NFC", r["title"]) for r in units)
    phutho = next(r for r in units if r["name"] == "phutho")
    assert {"vinhphuc.gov.vn", "hoabinh.gov.vn"} <= set(phutho["aliases"])
    assert phutho["family"] == "drupal" and phutho["verified"] is False


def test_phutho_sites_name_their_parent(tmp_path: Path, capsys) -> None:
    rows = registry_json(capsys, tmp_path)
    children = {r["name"]: r for r in rows if r["parent"] == "phutho"}
    assert {"phutho-sokhcn", "phutho-sonoivu", "phutho-hdnd", "baophutho"} <= set(children)
    assert children["baophutho"]["level"] == "newspaper"
    assert {children[n]["level"] for n in ("phutho-sokhcn", "phutho-sonoivu")} == {"department"}


def test_table_groups_by_level_and_counts(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, tmp_path)
    assert code == 0
    lines = out.splitlines()
    headings = [line for line in lines if line and not line.startswith(" ")][:-1]
    assert headings == ["province (34)", "department (3)", "newspaper (1)", "agency (2)",
                        "fixture (1)"]
    assert "aliases: vinhphuc.gov.vn, hoabinh.gov.vn" in out
    assert lines[-1].startswith(f"{len(list(BUILTIN_DIR.glob('*.toml')))} profiles valid")


def test_level_filter_shows_only_that_level(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, tmp_path, "--level", "newspaper")
    assert code == 0
    assert out.splitlines()[0] == "newspaper (1)" and "baophutho" in out
    assert "phutho-sokhcn" not in out


def test_a_bad_profile_fails_naming_file_and_key(tmp_path: Path, capsys) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    source = (BUILTIN_DIR / "tuyenquang.toml").read_text(encoding="utf-8")
    (profiles / "tuyenquang.toml").write_text(source.replace('level = "province"',
                                                             'level = "district"'),
                                              encoding="utf-8")
    (tmp_path / "portalfeed.toml").write_text(f'profiles_dir = "{profiles}"\n', encoding="utf-8")
    code, out, err = run(capsys, tmp_path, "--json")
    assert (code, out) == (2, "")
    assert "tuyenquang.toml: level" in err and "district" in err


def test_an_unverified_enabled_profile_is_refused(tmp_path: Path, capsys) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    source = (BUILTIN_DIR / "hanoi.toml").read_text(encoding="utf-8")
    (profiles / "hanoi.toml").write_text(source.replace("enabled = false", "enabled = true"),
                                         encoding="utf-8")
    (tmp_path / "portalfeed.toml").write_text(f'profiles_dir = "{profiles}"\n', encoding="utf-8")
    code, _, err = run(capsys, tmp_path)
    assert code == 2 and "hanoi.toml: verified" in err
