"""`portalfeed status` on a real store with a hand-made run history; health on index.html."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from crawler.model import PortalInfo
from crawler.normalize.dates import VN_TZ
from crawler.profiles import BUILTIN_DIR, load_profiles
from crawler.store.schema import CrawlRunRow
from crawler.store.store import RunRecord, RunTotals, Store
from feeds.index_page import render_index
from portalfeed.cli import main
from portalfeed.commands.status import portal_status
from portalfeed.health import HISTORY, HealthPolicy

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
    text = text.replace("verified = false", "verified = true")
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


def history(workdir: Path) -> tuple[RunTotals, list[RunRecord]]:
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    totals, runs = store.run_totals()["phutho"], store.runs("phutho", limit=HISTORY)
    store.close()
    return totals, runs


def test_next_run_is_the_profiles_interval_after_the_last_ended_run(workdir) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    add_run(workdir, "phutho", 0.1, "interrupted")  # 08:06; redone at once, not counted from
    profile = load_profiles(workdir / "profiles")["phutho"]
    now = T0 + timedelta(minutes=10)
    row = portal_status("phutho", profile, *history(workdir), HealthPolicy(), now)
    assert row["next_run"] == "2026-03-01T08:30:00+07:00"  # last start + the profile's 30 min


def test_next_run_overdue_is_now(workdir) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    profile = load_profiles(workdir / "profiles")["phutho"]
    now = T0 + timedelta(hours=5)
    row = portal_status("phutho", profile, *history(workdir), HealthPolicy(), now)
    assert row["next_run"] == "2026-03-01T13:00:00+07:00"  # due while down: at once


def test_disabled_portal_has_no_next_run(workdir) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    profile = load_profiles(BUILTIN_DIR)["phutho"]  # shipped disabled
    row = portal_status("phutho", profile, *history(workdir), HealthPolicy(), T0)
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
    Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}").close()  # a store, no runs
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


# -- totals from one GROUP BY, health from a bounded window ----------------------------

def bulk_runs(workdir: Path, portal: str, count: int, *, outcome: str = "ok", new: int = 1,
              start_hour: float = 0, step: timedelta = timedelta(hours=1)) -> None:
    """`count` runs of a portal inserted at once, `step` apart from T0 + start_hour."""
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    first = T0 + timedelta(hours=start_hour)
    rows = [dict(portal=portal, started=first + i * step, finished=first + i * step,
                 outcome=outcome, pages=5, new=new, updated=0, unchanged=0, rejected=0,
                 stats={"portalfeed/extractor/profile": 5}, error=None)
            for i in range(count)]
    with store.engine.begin() as connection:
        connection.execute(insert(CrawlRunRow), rows)
    store.close()


def test_run_totals_sum_each_portals_whole_history(workdir) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    add_run(workdir, "phutho", 1, "failed")
    add_run(workdir, "phutho", 2, "interrupted", new=2)
    add_run(workdir, "phutho", 3, "running")
    add_run(workdir, "other", 5, "ok", new=4)
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    totals = store.run_totals()
    store.close()
    assert totals["phutho"] == RunTotals("phutho", runs_ok=1, runs_failed=1, new_articles=22,
                                         last_run=T0 + timedelta(hours=3),
                                         last_ended=T0 + timedelta(hours=1))
    assert (totals["other"].runs_ok, totals["other"].last_ended) == (1, T0 + timedelta(hours=5))


def test_run_totals_of_an_empty_store_are_empty(workdir) -> None:
    store = Store(f"sqlite:///{workdir / 'data' / 'portalfeed.sqlite3'}")
    assert store.run_totals() == {}
    store.close()


def test_status_reads_only_the_newest_runs_of_each_portal(workdir, capsys, monkeypatch) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    limits: list[int | None] = []
    real_runs = Store.runs

    def recording_runs(self: Store, portal: str | None = None, limit: int = 100) -> list:
        limits.append(limit)
        return real_runs(self, portal, limit)

    monkeypatch.setattr(Store, "runs", recording_runs)
    by_portal(workdir, capsys)
    assert limits
    assert all(limit is not None and limit <= HISTORY for limit in limits)


def test_totals_count_runs_beyond_the_health_window(workdir, capsys) -> None:
    bulk_runs(workdir, "phutho", HISTORY + 70, new=2)
    add_run(workdir, "phutho", HISTORY + 70, "failed")
    row = by_portal(workdir, capsys)["phutho"]
    assert (row["runs_ok"], row["runs_failed"], row["new_articles"]) == (
        HISTORY + 70, 1, 2 * (HISTORY + 70))
    assert row["last_outcome"] == "failed"


def test_a_portal_whose_runs_are_all_old_is_still_listed(workdir, capsys) -> None:
    add_run(workdir, "old-portal", 0, "ok", new=5)
    bulk_runs(workdir, "phutho", 1001, start_hour=1)  # every later run belongs to phutho
    rows = by_portal(workdir, capsys)
    assert rows["old-portal"]["runs_ok"] == 1
    assert rows["phutho"]["runs_ok"] == 1001


def test_next_run_counts_from_an_ended_run_older_than_the_window(workdir) -> None:
    add_run(workdir, "phutho", 0, "ok", new=20)
    # Then more interrupted runs (stopped at once, 08:00:10 ... 08:10:00) than health reads.
    bulk_runs(workdir, "phutho", HISTORY + 10, outcome="interrupted", new=0,
              start_hour=0, step=timedelta(seconds=10))
    profile = load_profiles(workdir / "profiles")["phutho"]
    totals, recent = history(workdir)
    assert all(r.outcome == "interrupted" for r in recent)
    row = portal_status("phutho", profile, totals, recent, HealthPolicy(),
                        T0 + timedelta(minutes=15))
    assert row["next_run"] == "2026-03-01T08:30:00+07:00"


# -- no store: a clear error, nothing created -------------------------------------------

def files_under(path: Path) -> set[Path]:
    return {p.relative_to(path) for p in path.rglob("*")}


@pytest.mark.parametrize("args", [["status"], ["status", "--json"], ["publish"]])
def test_without_a_store_commands_fail_and_create_nothing(workdir, capsys, args) -> None:
    before = files_under(workdir)
    assert main(["--workdir", str(workdir), *args]) == 1
    out, err = capsys.readouterr()
    store_path = workdir / "data" / "portalfeed.sqlite3"
    assert err == (f"portalfeed: error: no store at {store_path}: "
                   "run `portalfeed demo` or `portalfeed crawl` first\n")
    assert out == ""
    assert files_under(workdir) == before


def test_an_empty_database_file_is_no_store(workdir, capsys) -> None:
    (workdir / "data").mkdir()
    (workdir / "data" / "portalfeed.sqlite3").touch()
    before = files_under(workdir)
    assert main(["--workdir", str(workdir), "status"]) == 1
    assert "no store at" in capsys.readouterr().err
    assert files_under(workdir) == before
    assert (workdir / "data" / "portalfeed.sqlite3").stat().st_size == 0


def test_publish_with_a_store_writes_the_feeds(workdir, capsys) -> None:
    add_run(workdir, "phutho", 0, "ok")
    assert main(["--workdir", str(workdir), "publish"]) == 0
    assert (workdir / "public" / "index.html").is_file()
    assert capsys.readouterr().out.startswith("published: ")


# -- scheduler defaults ------------------------------------------------------------------

def test_misfire_grace_default_outlasts_a_crawl(workdir, capsys) -> None:
    assert main(["--workdir", str(workdir), "config", "check"]) == 0
    assert "misfire_grace_s = 1800  (default)" in capsys.readouterr().out
