"""`portalfeed status` names who ran each portal's last run: `last_run_host` and
`last_run_pid` in JSON; the host in the text when it is not this machine."""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crawler.normalize.dates import VN_TZ
from crawler.store.store import Store
from portalfeed.cli import main
from portalfeed.commands.status import render_table

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=VN_TZ)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key in [k for k in os.environ if k.startswith("PORTALFEED_")]:
        monkeypatch.delenv(key)
    return tmp_path


def add_run(workdir: Path, portal: str, hour: float, host: str | None, pid: int | None,
            outcome: str = "ok") -> None:
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    started = T0 + timedelta(hours=hour)
    run_id = store.start_run(portal, started, host=host, pid=pid)
    if outcome != "running":
        store.finish_run(run_id, started + timedelta(minutes=3), outcome, pages=3,
                         counts={"new": 1})
    store.close()


def status(workdir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--workdir", str(workdir), "status", *args]) == 0
    return capsys.readouterr().out


def test_json_names_the_host_and_pid_of_the_newest_run(workdir, capsys) -> None:
    add_run(workdir, "phutho", 0, "celery@w1", 101)
    add_run(workdir, "phutho", 1, "celery@w2", 202, outcome="failed")
    add_run(workdir, "hanoi", 0, None, None)  # recorded before revision 0003
    rows = {r["portal"]: r for r in json.loads(status(workdir, capsys, "--json"))}
    assert (rows["phutho"]["last_run_host"], rows["phutho"]["last_run_pid"]) == ("celery@w2", 202)
    assert (rows["hanoi"]["last_run_host"], rows["hanoi"]["last_run_pid"]) == (None, None)


def test_text_shows_a_host_other_than_this_machine(workdir, capsys) -> None:
    add_run(workdir, "phutho", 0, "celery@w9", 9)
    add_run(workdir, "hanoi", 0, socket.gethostname(), 8)
    lines = {line.split()[0]: line for line in status(workdir, capsys).splitlines()[1:]}
    assert "2026-03-01 08:00 on celery@w9" in lines["phutho"]
    assert " on " not in lines["hanoi"] and "2026-03-01 08:00" in lines["hanoi"]


def test_the_table_compares_with_the_given_machine() -> None:
    row = {"portal": "p", "health": "ok", "last_run": "2026-03-01T08:00:00+07:00",
           "last_outcome": "ok", "new_articles": 1, "next_run": None, "reasons": [],
           "last_run_host": "box-a", "last_run_pid": 1}
    assert " on box-a" not in render_table([row], here="box-a")
    assert "2026-03-01 08:00 on box-a" in render_table([row], here="box-b")
    assert " on " not in render_table([{**row, "last_run_host": None}], here="box-b")
