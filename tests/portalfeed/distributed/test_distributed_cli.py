"""The distributed commands and settings refuse bad input with one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.errors import ConfigError
from crawler.profiles import BUILTIN_DIR
from portalfeed.config import load_config


def portalfeed(workdir: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PORTALFEED_")}
    return subprocess.run([sys.executable, "-m", "portalfeed", "--workdir", str(workdir), *args],
                          capture_output=True, text=True, env={**clean, **env}, timeout=120)


@pytest.mark.parametrize("command", [["worker"], ["enqueue", "--all"]])
def test_without_a_broker_the_commands_say_what_to_set(tmp_path: Path, command: list) -> None:
    done = portalfeed(tmp_path, {}, *command)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("portalfeed: error: ")
    assert "broker_url" in done.stderr


@pytest.mark.parametrize("args, message", [
    (["worker", "--queues", "crawl,feeds"], "--queues: expected some of crawl, publish"),
    (["worker", "--concurrency", "0"], "--concurrency must be at least 1"),
    (["enqueue"], "name portals to enqueue, or --all"),
    (["enqueue", "phutho", "--all"], "name portals to enqueue, or --all"),
    (["enqueue", "no-such-portal"], "no-such-portal"),
    (["enqueue", "phutho", "--fetch-base", "phutho=ftp://x"], "--fetch-base"),
])
def test_bad_arguments_are_refused(tmp_path: Path, make_env: Callable, args: list,
                                   message: str) -> None:
    done = portalfeed(tmp_path, make_env(), *args)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr


@pytest.mark.parametrize("env, message", [
    ({"PORTALFEED_BROKER_URL": "amqp://x"}, "broker_url must be a Redis URL"),
    ({"PORTALFEED_BROKER_URL": "redis://x", "PORTALFEED_LOCK_URL": "http://x"},
     "lock_url must be a Redis URL"),
    ({"PORTALFEED_LOCK_URL": "redis://x"}, "lock_url is set but broker_url is not"),
    ({"PORTALFEED_WORKER_CONCURRENCY": "0"}, "worker_concurrency must be at least 1"),
    ({"PORTALFEED_LOCK_TTL_S": "0"}, "lock_ttl_s must be at least 1"),
    ({"PORTALFEED_BROKER_VISIBILITY_TIMEOUT_S": "-1"}, "broker_visibility_timeout_s must be"),
])
def test_bad_settings_are_refused_with_the_key(tmp_path: Path, env: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path, env)


def test_the_defaults_are_local_mode(tmp_path: Path) -> None:
    config = load_config(tmp_path, {})
    assert config.broker_url == "" and config.lock_redis_url == ""
    assert config.visibility_timeout_s == config.crawl_timeout_s + 300
    tuned = load_config(tmp_path, {"PORTALFEED_BROKER_URL": "redis://a:6379/0",
                                   "PORTALFEED_BROKER_VISIBILITY_TIMEOUT_S": "90"})
    assert tuned.lock_redis_url == "redis://a:6379/0" and tuned.visibility_timeout_s == 90


@pytest.mark.parametrize("command", [["worker"], ["enqueue", "--all"], ["schedule"]])
def test_without_the_distributed_extra_the_error_says_what_to_install(
        command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from portalfeed.cli import main

    monkeypatch.setitem(sys.modules, "celery", None)  # as if Celery were not installed
    monkeypatch.setenv("PORTALFEED_BROKER_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setenv("PORTALFEED_PROFILES_DIR", str(BUILTIN_DIR))
    code = main(["--workdir", str(tmp_path), *command, *(
        ["--portal", "phutho-fixture"] if command == ["schedule"] else [])])
    assert code == 2
    assert "pip install 'portalfeed[distributed]'" in capsys.readouterr().err
