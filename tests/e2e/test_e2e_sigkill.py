"""A crawl killed with SIGKILL midway and started again: every article stored
exactly once, and nothing stored before the kill is lost or changed."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

faultserver = sys.modules["faultserver"]  # loaded by tests/e2e/conftest.py
PUBLIC = faultserver.PUBLIC


def stored(db: Path) -> dict[str, tuple[str, str]]:
    """url -> (guid, first_seen), read with plain SQL so a crash leaves nothing cached."""
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT url, guid, first_seen FROM articles"))
            return {url: (guid, str(first)) for url, guid, first in rows}
    finally:
        engine.dispose()


def wait_for_articles(db: Path, child: subprocess.Popen, at_least: int) -> int:
    for _ in range(600):  # polls the store: at most a minute
        if child.poll() is not None:
            break
        if db.exists():
            try:
                count = len(stored(db))
            except Exception:  # the schema may not exist yet
                count = 0
            if count >= at_least:
                return count
        time.sleep(0.1)
    return -1


@pytest.fixture(scope="module")
def killed_then_resumed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    workdir = tmp_path_factory.mktemp("sigkill")
    db = workdir / "data" / "portalfeed.sqlite3"
    profiles = faultserver.write_profile(workdir / "profiles", faults=False,
                                         concurrency=2).parent
    behaviour = faultserver.Behaviour(faults=False, article_delay_s=0.3)
    with faultserver.FaultServer(behaviour) as server:
        command = faultserver.crawl_command(workdir, profiles, server.url)
        child = subprocess.Popen(command, env=faultserver.crawl_env(profiles),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen = wait_for_articles(db, child, at_least=5)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        before = stored(db)
        behaviour.article_delay_s = 0.0
        resumed = faultserver.run_crawl(workdir, profiles, server.url)
    return {"seen": seen, "before": before, "after": stored(db), "resumed": resumed,
            "exit": child.returncode}


def test_the_crawl_was_killed_midway(killed_then_resumed: dict) -> None:
    assert killed_then_resumed["exit"] == -signal.SIGKILL
    count = len(killed_then_resumed["before"])
    assert 5 <= count < len(faultserver.expected_slugs()), count


def test_the_restarted_crawl_stores_every_article_exactly_once(killed_then_resumed: dict) -> None:
    resumed = killed_then_resumed["resumed"]
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    after = killed_then_resumed["after"]
    assert sorted(after) == sorted(f"{PUBLIC}/vi/{s}" for s in faultserver.expected_slugs())
    assert len({guid for guid, _ in after.values()}) == len(after)


def test_nothing_stored_before_the_kill_is_lost_or_reminted(killed_then_resumed: dict) -> None:
    before, after = killed_then_resumed["before"], killed_then_resumed["after"]
    for url, identity in before.items():
        assert after[url] == identity, url
