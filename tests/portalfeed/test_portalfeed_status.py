"""`portalfeed status` on a real store with a hand-made run history; health on index.html."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crawler.model import PortalInfo
from crawler.normalize.dates import VN_TZ
from crawler.profiles import BUILTIN_DIR, load_profiles
from crawler.store.store import RunRecord, Store
from feeds.index_page import render_index
from portalfeed.cli import main
from portalfeed.commands.status import portal_status
from portalfeed.health import HealthPolicy

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=VN_TZ)
KEYS = ["portal", "health", "last_run", "last_outcome", "runs_ok", "runs_failed",
        "new_articles", "next_run"]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with an enabled copy of the Phú Thọ profile (every 30 min)."""
    for key in [k for k in os.environ if k.startswith("PORTALFEED_")]:
        monkeypatch.delenv(key)
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    text = (BUILTIN_DIR / "phutho.toml").read_text(encoding="utf-8")
    text = text.replace("enabled = false", "enabled = true")
    text = text.replace("interval_minutes = 60", "interval_minutes = 30")
    (profiles / "phutho.toml").write_text(text, encoding="utf-8")
    (tmp_path / "portalfeed.toml").write_text(f'profiles_dir = "{profiles}"\n', encoding="utf-8")
    return tmp_path


def add_run(workdir: Path, portal: str, hour: float, outcome: str, new: int = 0,
            stats: dict | None = None) -> None:
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    started = T0 + timedelta(hours=hour)
    run_id = store.start_run(portal, started)
    if outcome != "running":
        store.finish_run(run_id, started + timedelta(minutes=3), outcome, pages=30,
                         counts={"new": new, "unchanged": 20 - new},
                         stats=stats if stats is not None
                         else {"portalfeed/extractor/profile": 20},
                         error="no page could be fetched" if outcome == "failed" else None)
    store.close()


def status(workdir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--workdir", str(workdir), "status", *args]) == 0
    return capsys.readouterr().out


def by_portal(workdir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    return {row["portal"]: row for row in json.loads(status(workdir, capsys, "--json"))}


def test_json_lists_every_portal_with_the_documented_keys(workdir, capsys) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    rows = json.loads(status(workdir, capsys, "--json"))
    assert [r["portal"] for r in rows] == ["phutho"]
    assert list(rows[0])[: len(KEYS)] == KEYS


def test_counts_and_times_of_a_history(workdir, capsys) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    add_run(workdir, "phutho", 1, "failed")
    add_run(workdir, "phutho", 2, "ok", new=3)
    row = by_portal(workdir, capsys)["phutho"]
    assert row["health"] == "ok"
    assert row["last_run"] == "2026-03-01T10:00:00+07:00"
    assert row["last_outcome"] == "ok"
    assert (row["runs_ok"], row["runs_failed"], row["new_articles"]) == (2, 1, 23)


def history(workdir: Path) -> list[RunRecord]:
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    runs = store.runs("phutho")
    store.close()
    return runs


def test_next_run_is_the_profiles_interval_after_the_last_ended_run(workdir) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    add_run(workdir, "phutho", 0.1, "interrupted")  # 08:06; redone at once, not counted from
    profile = load_profiles(workdir / "profiles")["phutho"]
    now = T0 + timedelta(minutes=10)
    row = portal_status("phutho", profile, history(workdir), HealthPolicy(), now)
    assert row["next_run"] == "2026-03-01T08:30:00+07:00"  # last start + the profile's 30 min


def test_next_run_overdue_is_now(workdir) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    profile = load_profiles(workdir / "profiles")["phutho"]
    now = T0 + timedelta(hours=5)
    row = portal_status("phutho", profile, history(workdir), HealthPolicy(), now)
    assert row["next_run"] == "2026-03-01T13:00:00+07:00"  # due while down: at once


def test_disabled_portal_has_no_next_run(workdir) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    profile = load_profiles(BUILTIN_DIR)["phutho"]  # shipped disabled
    row = portal_status("phutho", profile, history(workdir), HealthPolicy(), T0)
    assert row["next_run"] is None


def test_consecutive_failures_show_failing_with_the_reason(workdir, capsys) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    for hour in (1, 2, 3):
        add_run(workdir, "phutho", hour, "failed")
    row = by_portal(workdir, capsys)["phutho"]
    assert row["health"] == "failing"
    assert "3 failed runs in a row" in row["reasons"][0]


def test_failing_threshold_comes_from_the_configuration(workdir, capsys, monkeypatch) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    add_run(workdir, "phutho", 1, "failed")
    monkeypatch.setenv("PORTALFEED_HEALTH_FAILING_AFTER", "1")
    assert by_portal(workdir, capsys)["phutho"]["health"] == "failing"


def test_generic_extraction_shows_degraded(workdir, capsys) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20,
            stats={"portalfeed/extractor/generic": 18, "portalfeed/extractor/profile": 2})
    assert by_portal(workdir, capsys)["phutho"]["health"] == "degraded"


def test_running_crawl_is_the_last_run_but_not_judged(workdir, capsys) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    add_run(workdir, "phutho", 1, "running")
    row = by_portal(workdir, capsys)["phutho"]
    assert (row["last_outcome"], row["health"]) == ("running", "ok")


def test_never_crawled_portal_is_unknown_and_due(workdir, capsys) -> None:
    row = by_portal(workdir, capsys)["phutho"]
    assert (row["health"], row["last_run"], row["runs_ok"]) == ("unknown", None, 0)
    assert row["next_run"] is not None


def test_runs_of_a_portal_without_profile_are_listed_unscheduled(workdir, capsys) -> None:
    add_run(workdir, "old-portal", 0, "ok", new=5)
    row = by_portal(workdir, capsys)["old-portal"]
    assert (row["runs_ok"], row["next_run"]) == (1, None)


def test_table_has_a_row_per_portal_and_the_reasons(workdir, capsys) -> None:
    add_run(workdir, "phutho", 0, "failed")
    lines = status(workdir, capsys).splitlines()
    assert lines[0].split() == ["portal", "health", "last", "run", "outcome", "new", "next",
                                "run"]
    assert lines[1].split()[:2] == ["phutho", "degraded"]
    assert "2026-03-01 08:00" in lines[1]
    assert lines[2].strip() == "phutho: the last run failed: no page could be fetched"


def test_index_page_shows_each_portals_health() -> None:
    portals = {"a": PortalInfo("a", "Cổng A", "https://a.test/", health="degraded"),
               "b": PortalInfo("b", "Cổng B", "https://b.test/", health="ok")}
    page = render_index({}, base_url="https://feeds.test/", portals=portals).decode()
    section_a = page.split('id="portal-a"')[1].split("</section>")[0]
    section_b = page.split('id="portal-b"')[1].split("</section>")[0]
    assert 'class="meta health-degraded"' in section_a
    assert 'class="meta health-ok"' in section_b
