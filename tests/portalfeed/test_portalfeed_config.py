"""Configuration: the documented example, validation, and `portalfeed config check`."""

from __future__ import annotations

import os
import re
from dataclasses import fields
from pathlib import Path

import pytest

from crawler.errors import ConfigError
from crawler.profiles import BUILTIN_DIR
from portalfeed.cli import main
from portalfeed.config import Config, config_sources, load_config

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "portalfeed.example.toml"
OPERATIONS = REPO / "docs" / "operations.md"
KEYS = [f.name for f in fields(Config) if f.name != "workdir"]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [k for k in os.environ if k.startswith("PORTALFEED_")]:
        monkeypatch.delenv(key)


@pytest.mark.parametrize("key", KEYS)
def test_example_file_documents_every_key(key: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert re.search(rf"^(# )?({key} = |\[\[{key}\]\])", text, re.M), key


def test_example_file_sets_only_the_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path, {"PORTALFEED_CONFIG": str(EXAMPLE)})
    assert config == Config(workdir=tmp_path.resolve())


@pytest.mark.parametrize("key", KEYS)
def test_operations_guide_lists_every_key(key: str) -> None:
    assert f"| `{key}` |" in OPERATIONS.read_text(encoding="utf-8"), key


@pytest.mark.parametrize("env, message", [
    ({"PORTALFEED_LOG_LEVEL": "LOUD"}, "log_level must be one of"),
    ({"PORTALFEED_LOG_FORMAT": "xml"}, "log_format must be text or json"),
    ({"PORTALFEED_CRAWL_TIMEOUT_S": "0"}, "crawl_timeout_s must be at least 1"),
    ({"PORTALFEED_HEALTH_FAILING_AFTER": "0"}, "health_failing_after must be at least 1"),
])
def test_bad_values_are_refused_with_the_key(tmp_path: Path, env: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path, env)


def test_sources_say_default_file_or_variable(tmp_path: Path) -> None:
    (tmp_path / "portalfeed.toml").write_text("feed_limit = 10\nlog_level = \"DEBUG\"\n")
    sources = config_sources(tmp_path, {"PORTALFEED_LOG_LEVEL": "INFO"})
    assert sources["feed_limit"] == str(tmp_path.resolve() / "portalfeed.toml")
    assert sources["log_level"] == "PORTALFEED_LOG_LEVEL"
    assert sources["base_url"] == "default"


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--workdir", str(tmp_path), "config", "check"])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_prints_every_value_with_its_source(tmp_path, capsys, monkeypatch) -> None:
    (tmp_path / "portalfeed.toml").write_text('base_url = "https://feeds.example.vn/"\n')
    monkeypatch.setenv("PORTALFEED_FEED_LIMIT", "20")
    code, out, _ = check(tmp_path, capsys)
    assert code == 0
    assert 'base_url = "https://feeds.example.vn/"  (' in out
    assert "feed_limit = 20  (PORTALFEED_FEED_LIMIT)" in out
    assert 'log_format = "text"  (default)' in out
    assert all(re.search(rf"^{k} = ", out, re.M) for k in KEYS)
    assert f"profiles: {len(list(BUILTIN_DIR.glob('*.toml')))} valid" in out
    assert out.rstrip().endswith("configuration OK")


def test_check_warns_of_a_misspelt_variable(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PORTALFEED_FEED_LIMT", "20")
    code, out, _ = check(tmp_path, capsys)
    assert code == 0
    assert "warning: PORTALFEED_FEED_LIMT is set but is no portalfeed setting" in out


def test_check_fails_on_an_unknown_key_in_one_line(tmp_path, capsys) -> None:
    (tmp_path / "portalfeed.toml").write_text("feed_limitt = 3\n")
    code, _, err = check(tmp_path, capsys)
    assert code == 2
    assert err.count("\n") == 1 and "unknown key 'feed_limitt'" in err


def test_check_fails_naming_the_bad_profile(tmp_path, capsys, monkeypatch) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "broken.toml").write_text('name = "broken"\n', encoding="utf-8")
    monkeypatch.setenv("PORTALFEED_PROFILES_DIR", str(profiles))
    code, _, err = check(tmp_path, capsys)
    assert code == 2
    assert "broken.toml" in err and err.count("\n") == 1


def test_check_fails_when_public_dir_cannot_be_a_directory(tmp_path, capsys) -> None:
    (tmp_path / "blocker").write_text("a file where a directory should be")
    (tmp_path / "portalfeed.toml").write_text('public_dir = "blocker/public"\n')
    code, _, err = check(tmp_path, capsys)
    assert code == 2
    assert "public_dir" in err and "is not a directory" in err


def test_check_hides_the_database_password(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PORTALFEED_DB_URL", "postgresql://feeds:s3cret@db.internal/portalfeed")
    code, out, _ = check(tmp_path, capsys)
    assert code == 0 and "s3cret" not in out
    assert 'db_url = "postgresql://feeds:***@db.internal/portalfeed"' in out


def test_check_refuses_a_url_that_is_no_database(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PORTALFEED_DB_URL", "not a url")
    code, _, err = check(tmp_path, capsys)
    assert code == 2 and "db_url is not a database URL" in err
