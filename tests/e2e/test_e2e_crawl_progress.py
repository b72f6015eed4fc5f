"""`portalfeed crawl` output: a live line on a terminal, plain log lines in a pipe, JSON
lines with `--log-format json`; real crawls of the fixture portal in a subprocess."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

PORTAL = "phutho-fixture"
WIPE = "\r\x1b[K"  # carriage return + erase line: how the live line redraws


def command(workdir: Path, fixture_portal: str, *options: str) -> list[str]:
    return [sys.executable, "-m", "portalfeed", "--workdir", str(workdir), *options,
            "crawl", PORTAL, "--fetch-base", fixture_portal, "--no-publish"]


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PORTALFEED_")}


def run_in_pipe(args: list[str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, env=clean_env(), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def run_on_terminal(args: list[str]) -> str:
    """stderr on a pseudo-terminal, as when an operator runs the command by hand."""
    leader, follower = pty.openpty()
    child = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=follower, env=clean_env())
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert child.wait(timeout=300) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_pipe_gets_plain_progress_lines(tmp_path: Path, fixture_portal: str) -> None:
    err = run_in_pipe(command(tmp_path, fixture_portal)).stderr
    final = [line for line in err.splitlines() if "[portalfeed.progress]" in line]
    assert final and f"crawl {PORTAL}: " in final[-1] and "finished (finished)" in final[-1]
    assert " 0 pages" not in final[-1]
    assert WIPE not in err


def test_json_format_makes_every_line_json(tmp_path: Path, fixture_portal: str) -> None:
    err = run_in_pipe(command(tmp_path, fixture_portal, "--log-format", "json")).stderr
    records = [json.loads(line) for line in err.splitlines() if line.strip()]
    assert len(records) > 5
    assert {"time", "level", "logger", "message"} <= set(records[0])
    final = [r for r in records if r["logger"] == "portalfeed.progress"][-1]
    assert final["portal"] == PORTAL and final["finish_reason"] == "finished"
    assert final["pages"] > 10 and final["articles"] >= 10 and final["errors"] >= 1


def test_terminal_gets_a_live_line(tmp_path: Path, fixture_portal: str) -> None:
    out = run_on_terminal(command(tmp_path, fixture_portal))
    assert WIPE in out
    assert f"crawl {PORTAL}: " in out and "finished (finished)" in out
