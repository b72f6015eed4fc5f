"""The progress extension's parts, built without a crawler; JSON log lines."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest

from crawler.extensions.json_logs import FIELDS, JsonFormatter, install_json_logging
from crawler.extensions.progress import LiveLine, Progress, render, snapshot

STATS = {
    "response_received_count": 30,
    "portalfeed/articles/new": 8,
    "portalfeed/articles/unchanged": 4,
    "portalfeed/rejected/no_title": 1,
    "portalfeed/rejected/not_article": 2,
    "portalfeed/errors/http_404": 1,
    "portalfeed/extractor/profile": 12,  # not an outcome: not counted twice
}


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_snapshot_counts_what_a_person_watches() -> None:
    snap = snapshot("phutho", STATS, elapsed_s=60)
    assert (snap.pages, snap.articles, snap.new, snap.rejected, snap.errors) == (30, 12, 8, 3, 1)
    assert snap.pages_per_min == 30.0


def test_snapshot_at_time_zero_has_no_rate() -> None:
    assert snapshot("phutho", {}, elapsed_s=0).pages_per_min == 0.0


def test_render_is_one_readable_line() -> None:
    assert render(snapshot("phutho", STATS, 30)) == (
        "phutho: 30 pages, 12 articles (8 new), 3 rejected, 1 errors, 60 pages/min")


def test_live_line_redraws_in_place_with_every_portal() -> None:
    stream, clock = io.StringIO(), Clock()
    line = LiveLine(stream)
    a = Progress("a", lambda: STATS, line, clock)
    b = Progress("b", lambda: {}, line, clock)
    clock.now += 30
    a.tick()
    b.tick()
    last = stream.getvalue().split("\r\x1b[K")[-1]
    assert last.startswith("a: 30 pages") and " | b: 0 pages" in last
    assert "\n" not in stream.getvalue()


def test_live_line_finishes_with_a_log_record(caplog: pytest.LogCaptureFixture) -> None:
    stream = io.StringIO()
    progress = Progress("a", lambda: STATS, LiveLine(stream), Clock())
    progress.tick()
    with caplog.at_level(logging.INFO, logger="portalfeed.progress"):
        progress.close("finished")
    assert stream.getvalue().endswith("\r\x1b[K")  # the status line is wiped
    record = caplog.records[-1]
    assert "a: 30 pages" in record.getMessage() and "finished (finished)" in record.getMessage()
    assert getattr(record, FIELDS)["finish_reason"] == "finished"


def test_without_a_terminal_progress_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    progress = Progress("a", lambda: STATS, None, Clock())
    with caplog.at_level(logging.INFO, logger="portalfeed.progress"):
        progress.tick()
    assert caplog.records[-1].getMessage().startswith("progress a: 30 pages")
    assert getattr(caplog.records[-1], FIELDS)["pages"] == 30


def test_json_formatter_keeps_vietnamese_and_fields() -> None:
    record = logging.LogRecord("portalfeed.progress", logging.INFO, __file__, 1,
                               "crawl %s", ("Phú Thọ",), None)
    setattr(record, FIELDS, {"pages": 3})
    data = json.loads(JsonFormatter().format(record))
    assert data["message"] == "crawl Phú Thọ"
    assert (data["level"], data["logger"], data["pages"]) == ("INFO", "portalfeed.progress", 3)
    assert data["time"].endswith("+07:00")


def test_json_formatter_carries_the_exception() -> None:
    try:
        raise ValueError("bad page")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    data = json.loads(JsonFormatter().format(record))
    assert "ValueError: bad page" in data["exception"]


@pytest.fixture
def root_handlers() -> Iterator[None]:
    before = list(logging.getLogger().handlers)
    level = logging.getLogger().level
    yield
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
    logging.getLogger().setLevel(level)


def test_json_logging_is_installed_once(root_handlers: None) -> None:
    stream = io.StringIO()
    first = install_json_logging("INFO", stream)
    assert install_json_logging("DEBUG", io.StringIO()) is first
    logging.getLogger("portalfeed.test").info("hello %s", "Thọ")
    logging.getLogger("portalfeed.test").debug("not at INFO")
    lines = stream.getvalue().splitlines()
    assert [json.loads(line)["message"] for line in lines] == ["hello Thọ"]
