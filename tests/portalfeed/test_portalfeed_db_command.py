"""`portalfeed db upgrade` / `portalfeed db current` on SQLite and PostgreSQL, and the
one-line errors when there is no database to talk to."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from crawler.store.migrate import HEAD
from crawler.store.schema import Base
from portalfeed.cli import main


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh database named by PORTALFEED_DB_URL, with no other setting around."""
    for key in [k for k in os.environ if k.startswith("PORTALFEED_")]:
        monkeypatch.delenv(key)
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'data' / 'store.sqlite3'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database(f"cli_{uuid.uuid4().hex[:12]}")
    monkeypatch.setenv("PORTALFEED_DB_URL", url)
    return url


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--workdir", str(tmp_path), "db", *args])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_upgrade_creates_the_schema_then_has_nothing_to_do(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, capsys, "upgrade")[:2] == (
        0, f"{_shown(db_url)}: upgraded from revision none to {HEAD} (head)")
    assert run(tmp_path, capsys, "upgrade")[:2] == (
        0, f"{_shown(db_url)}: at revision {HEAD} (head), nothing to do")
    assert run(tmp_path, capsys, "current") == (0, f"{_shown(db_url)}: {HEAD} (head)", "")


def test_current_names_a_database_from_before_migrations(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data").mkdir(exist_ok=True)
    engine = create_engine(db_url)
    Base.metadata.create_all(engine)  # tables, no version table
    engine.dispose()
    code, out, _ = run(tmp_path, capsys, "current")
    assert code == 0 and out.endswith("none (created before migrations: "
                                      "`portalfeed db upgrade` adopts it)"), out
    assert run(tmp_path, capsys, "upgrade")[1].endswith(f"from revision none to {HEAD} (head)")


def test_current_of_a_missing_sqlite_file_creates_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTALFEED_DB_URL", raising=False)
    code, out, err = run(tmp_path, capsys, "current")
    assert (code, out) == (1, "")
    assert err == f"portalfeed: error: no database at {tmp_path / 'data' / 'portalfeed.sqlite3'}"
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("action", ["current", "upgrade"])
def test_an_unreachable_server_is_exit_1_and_one_line(
        action: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:  # a free port: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("PORTALFEED_DB_URL",
                       f"postgresql+psycopg://feeds:secret@127.0.0.1:{port}/portalfeed")
    code, out, err = run(tmp_path, capsys, action)
    assert (code, out) == (1, "")
    assert err.startswith("portalfeed: error: cannot open the database "
                          f"postgresql+psycopg://feeds:***@127.0.0.1:{port}/portalfeed: ")
    assert "\n" not in err and "secret" not in err


def _shown(url: str) -> str:
    return url.removeprefix("sqlite:///")


def test_copy_moves_a_sqlite_store_into_the_configured_database(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import UTC, datetime

    from crawler.model import Article
    from crawler.store.store import Store

    source = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    store = Store(source)
    store.upsert(Article(title="Tin", url="https://p.vn/vi/tin", portal="p", body=["Đoạn."],
                         topics=["kinh-te"]), datetime(2026, 1, 1, tzinfo=UTC))
    guid = store.get("https://p.vn/vi/tin").guid
    store.close()
    assert run(tmp_path, capsys, "copy", source) == (0, (
        f"copied 1 articles, 1 article_topics, 0 crawl_runs, 0 pages from "
        f"{tmp_path / 'old.sqlite3'} into {_shown(db_url)}"), "")
    copied = Store(db_url)
    assert copied.get("https://p.vn/vi/tin").guid == guid
    copied.close()
    code, _, err = run(tmp_path, capsys, "copy", source)  # the target is no longer empty
    assert code == 1 and "already holds articles" in err


def test_copy_from_a_missing_file_creates_nothing(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(tmp_path, capsys, "copy", f"sqlite:///{tmp_path / 'nope.sqlite3'}")
    assert (code, err) == (1, f"portalfeed: error: no database at {tmp_path / 'nope.sqlite3'}")
    assert not (tmp_path / "nope.sqlite3").exists()
