"""Portal health on hand-made run histories."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from crawler.normalize.dates import VN_TZ
from crawler.store.store import RunRecord
from portalfeed.health import HealthPolicy, articles_found, portal_health

T0 = datetime(2026, 1, 1, 6, 0, tzinfo=VN_TZ)


def run(i: int, outcome: str = "ok", *, profile: int = 20, generic: int = 0, new: int = 0,
        missing: dict[str, int] | None = None, error: str | None = None) -> RunRecord:
    """The i-th hourly run; `profile`/`generic` articles extracted each way, `new` stored."""
    stats = {"portalfeed/extractor/profile": profile, "portalfeed/extractor/generic": generic}
    stats.update({f"portalfeed/missing/{k}": v for k, v in (missing or {}).items()})
    if outcome == "failed":
        stats, error = {}, error or "no page could be fetched"
    started = T0 + timedelta(hours=i)
    return RunRecord(i, "p", started, started + timedelta(minutes=5), outcome,
                     pages=profile + generic + 5, new=new, updated=0,
                     unchanged=profile + generic - new, rejected=0, stats=stats, error=error)


def healthy_history(n: int = 6) -> list[RunRecord]:
    return [run(i) for i in range(n)]


def test_no_runs_is_unknown() -> None:
    assert portal_health([]).state == "unknown"


def test_only_a_running_or_interrupted_run_is_unknown() -> None:
    assert portal_health([run(0, "running"), run(1, "interrupted")]).state == "unknown"


def test_steady_history_is_ok() -> None:
    health = portal_health(healthy_history())
    assert health.state == "ok"
    assert health.reasons == ()


def test_first_run_alone_is_ok() -> None:
    assert portal_health([run(0)]).state == "ok"


def test_order_of_the_runs_does_not_matter() -> None:
    history = [*healthy_history(), run(6, "failed")]
    assert portal_health(history) == portal_health(list(reversed(history)))


def test_most_pages_from_the_generic_extractor_is_degraded() -> None:
    health = portal_health([*healthy_history(), run(6, profile=2, generic=18)])
    assert health.state == "degraded"
    assert "18 of 20 articles needed the generic extractor" in health.reasons[0]


def test_some_generic_pages_are_still_ok() -> None:
    assert portal_health([*healthy_history(), run(6, profile=15, generic=5)]).state == "ok"


def test_generic_share_is_judged_even_on_a_first_run() -> None:
    assert portal_health([run(0, profile=0, generic=12)]).state == "degraded"


def test_a_tiny_run_is_not_judged_on_shares() -> None:
    assert portal_health([run(0, profile=0, generic=2)]).state == "ok"


def test_date_missing_on_most_pages_is_degraded() -> None:
    health = portal_health([*healthy_history(), run(6, missing={"published": 15})])
    assert health.state == "degraded"
    assert health.reasons == ("published missing on 15 of 20 articles",)


def test_body_missing_on_a_first_run_is_degraded() -> None:
    assert portal_health([run(0, missing={"body": 20})]).state == "degraded"


def test_author_missing_on_a_first_run_is_not_judged() -> None:
    # Some portals never sign their articles; without history that is no change.
    assert portal_health([run(0, missing={"author": 20})]).state == "ok"


def test_author_gone_against_the_portals_own_history_is_degraded() -> None:
    history = [*healthy_history(), run(6, missing={"author": 19})]
    assert portal_health(history).reasons == ("author missing on 19 of 20 articles",)


def test_field_the_portal_never_had_is_not_a_change() -> None:
    history = [run(i, missing={"author": 20}) for i in range(7)]
    assert portal_health(history).state == "ok"


def test_small_runs_are_judged_together() -> None:
    # Known articles are not fetched again: a run may extract one or two new ones.
    history = [*healthy_history(), *(run(6 + i, profile=0, generic=1) for i in range(3))]
    health = portal_health(history)
    assert health.state == "degraded"
    assert "3 of 3 articles needed the generic extractor" in health.reasons[0]


def test_old_generic_runs_do_not_count_once_enough_new_evidence_is_in() -> None:
    history = [run(0, profile=0, generic=20), run(1, profile=1), run(2, profile=2)]
    assert portal_health(history).state == "ok"


def publishing_history(window_new: int, before: int = 12) -> list[RunRecord]:
    """A backfill run, `before` ok runs with 3 new articles each, then 6 runs."""
    history = [run(0, new=20), *(run(1 + i, new=3) for i in range(before))]
    return history + [run(1 + before + i, new=window_new) for i in range(6)]


def test_yield_drop_against_own_history_is_degraded() -> None:
    health = portal_health(publishing_history(window_new=0))
    assert health.state == "degraded"
    assert health.reasons == ("0 new articles in the last 6 runs, against about 18 usually",)


def test_small_dip_in_yield_is_ok() -> None:
    assert portal_health(publishing_history(window_new=2)).state == "ok"


def test_yield_needs_history_to_compare_against() -> None:
    assert portal_health(publishing_history(window_new=0, before=4)).state == "ok"


def test_first_crawls_backfill_is_not_the_usual_yield() -> None:
    history = [run(0, new=200), *(run(1 + i, new=0) for i in range(11))]
    assert portal_health(history).state == "ok"


def test_portal_that_rarely_publishes_is_not_judged_on_yield() -> None:
    history = [run(i, new=1 if i % 4 == 0 else 0) for i in range(18)]
    history += [run(18 + i) for i in range(6)]
    assert portal_health(history).state == "ok"


def test_one_failed_run_is_degraded_with_its_error() -> None:
    health = portal_health([*healthy_history(), run(6, "failed", error="timeout")])
    assert health.state == "degraded"
    assert health.reasons == ("the last run failed: timeout",)


@pytest.mark.parametrize("failed, state", [(2, "degraded"), (3, "failing"), (5, "failing")])
def test_consecutive_failures_turn_failing(failed: int, state: str) -> None:
    history = healthy_history() + [run(6 + i, "failed") for i in range(failed)]
    assert portal_health(history).state == state


def test_failing_threshold_is_a_policy() -> None:
    history = [*healthy_history(), run(6, "failed")]
    assert portal_health(history, HealthPolicy(failing_after=1)).state == "failing"


def test_interrupted_runs_neither_break_nor_extend_a_failure_streak() -> None:
    history = [*healthy_history(), run(6, "failed"), run(7, "interrupted"),
               run(8, "failed"), run(9, "failed")]
    assert portal_health(history).state == "failing"


def test_a_success_ends_the_failure_streak() -> None:
    history = [run(0, "failed"), run(1, "failed"), run(2, "failed"), run(3)]
    assert portal_health(history).state == "ok"


def test_articles_found_falls_back_to_store_counts() -> None:
    record = RunRecord(1, "p", T0, T0, "ok", 9, new=3, updated=1, unchanged=2, rejected=0,
                       stats={}, error=None)
    assert articles_found(record) == 6


def test_pages_that_crash_the_spider_are_degraded() -> None:
    last = run(6)
    last.stats.update({"spider_exceptions/TypeError": 22, "spider_exceptions/count": 22})
    health = portal_health([*healthy_history(), last])
    assert health.reasons == ("22 pages crashed the spider (TypeError: 22)",)
