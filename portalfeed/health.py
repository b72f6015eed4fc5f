"""Portal health from its crawl-run history: pure, so hand-made histories test it.

    ok        the last finished run worked and shows no sign of a changed layout
    degraded  the last run failed, or signs of a changed layout in the newest ok runs:
              most articles came from the generic extractor, a field (date, body...)
              went missing on most pages, or far fewer new articles than the portal's
              own usual rate
    failing   `failing_after` finished runs in a row failed
    unknown   no run has finished yet

Interrupted runs (the operator stopped them) and running ones are not evidence
either way and are skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from crawler.store.store import RunRecord

State = Literal["ok", "degraded", "failing", "unknown"]
EXTRACTOR_PREFIX = "portalfeed/extractor/"
MISSING_PREFIX = "portalfeed/missing/"
CRASH_PREFIX = "spider_exceptions/"  # Scrapy's count of exceptions raised in callbacks
# Every article of every portal has these; missing on most pages means the selectors
# broke, even with no history to compare against.  Others (author, lead) are judged
# against the portal's own history only, since some portals never print them.
ALWAYS_EXPECTED = ("published", "body")
HISTORY = 50  # newest runs read to judge health: more than the policy's windows need


@dataclass(frozen=True)
class HealthPolicy:
    failing_after: int = 3  # consecutive failed runs before `failing`
    generic_share: float = 0.5  # more generic-extractor articles than this share: degraded
    missing_share: float = 0.5  # a field missing on more than this share of articles
    # Crawls skip articles they already stored, so one run may extract only a few: shares
    # are judged on the newest ok runs that together extracted at least `min_articles`,
    # looking back at most `recent_runs` runs (also the window of the yield comparison).
    min_articles: int = 3
    recent_runs: int = 6
    baseline_runs: int = 30  # the portal's usual: up to this many ok runs before the window
    yield_drop: float = 0.5  # new articles in the window below this share of the usual
    min_expected_new: float = 5.0  # fewer expected in the window: too few to judge a drop


@dataclass(frozen=True)
class Health:
    state: State
    reasons: tuple[str, ...] = ()


def portal_health(runs: Sequence[RunRecord], policy: HealthPolicy | None = None) -> Health:
    """Health of one portal from its runs (any order)."""
    policy = policy or HealthPolicy()
    finished = [r for r in newest_first(runs) if r.outcome in ("ok", "failed")]
    if not finished:
        return Health("unknown", ("no finished run yet",))
    streak = failed_streak(finished)
    last_error = finished[0].error or "no error recorded"
    if streak >= policy.failing_after:
        return Health("failing", (f"{streak} failed runs in a row; last: {last_error}",))
    reasons = [f"the last run failed: {last_error}"] if streak else []
    reasons += layout_signs([r for r in finished if r.outcome == "ok"], policy)
    return Health("degraded" if reasons else "ok", tuple(reasons))


def newest_first(runs: Sequence[RunRecord]) -> list[RunRecord]:
    return sorted(runs, key=lambda r: (r.started, r.id), reverse=True)


def failed_streak(finished: Sequence[RunRecord]) -> int:
    """How many of the newest finished runs failed in a row."""
    count = 0
    for run in finished:
        if run.outcome != "failed":
            break
        count += 1
    return count


def layout_signs(ok_runs: Sequence[RunRecord], policy: HealthPolicy) -> list[str]:
    """What the newest successful runs (newest first) suggest about a changed layout."""
    recent, used = evidence(ok_runs[: policy.recent_runs], policy.min_articles)
    usual, _ = evidence(ok_runs[used: used + policy.baseline_runs], policy.min_articles)
    return [*_crash_signs(ok_runs[:1]), *_generic_signs(recent, policy),
            *_missing_signs(recent, usual, policy), *_yield_signs(ok_runs, policy)]


def articles_found(run: RunRecord) -> int:
    """Article pages extracted in the run (before validation and storage)."""
    counted = sum(int(v) for k, v in run.stats.items() if k.startswith(EXTRACTOR_PREFIX))
    return counted or run.new + run.updated + run.unchanged


def evidence(runs: Sequence[RunRecord], enough: int) -> tuple[Counter[str], int]:
    """Extractor and missing-field counts summed over the newest runs until `enough`
    articles were extracted; and how many runs that took."""
    total: Counter[str] = Counter()
    for used, run in enumerate(runs, start=1):
        total["articles"] += articles_found(run)
        total.update({k: int(v) for k, v in run.stats.items()
                      if k.startswith((EXTRACTOR_PREFIX, MISSING_PREFIX))})
        if total["articles"] >= enough:
            return total, used
    return total, len(runs)


def _crash_signs(last: Sequence[RunRecord]) -> list[str]:
    """Pages of the newest ok run whose callback raised (a bug, or markup we cannot read)."""
    crashes = {k.removeprefix(CRASH_PREFIX): int(v) for run in last
               for k, v in run.stats.items()
               if k.startswith(CRASH_PREFIX) and k != f"{CRASH_PREFIX}count"}
    if not crashes:
        return []
    kinds = ", ".join(f"{name}: {n}" for name, n in sorted(crashes.items()))
    return [f"{sum(crashes.values())} pages crashed the spider ({kinds})"]


def _generic_signs(recent: Counter[str], policy: HealthPolicy) -> list[str]:
    found, generic = recent["articles"], recent[f"{EXTRACTOR_PREFIX}generic"]
    if found < policy.min_articles or generic <= found * policy.generic_share:
        return []
    return [f"{generic} of {found} articles needed the generic extractor "
            "(the profile's selectors no longer match)"]


def _missing_signs(recent: Counter[str], usual: Counter[str],
                   policy: HealthPolicy) -> list[str]:
    found = recent["articles"]
    if found < policy.min_articles:
        return []
    signs = []
    for key in sorted(k for k in recent if k.startswith(MISSING_PREFIX)):
        name, share = key.removeprefix(MISSING_PREFIX), recent[key] / found
        if share <= policy.missing_share:
            continue
        if usual["articles"] >= policy.min_articles:
            if usual[key] / usual["articles"] > policy.missing_share:
                continue  # this portal never had it: not a change
        elif name not in ALWAYS_EXPECTED:
            continue  # no history to tell a change from a portal that never prints it
        signs.append(f"{name} missing on {recent[key]} of {found} articles")
    return signs


def _yield_signs(ok_runs: Sequence[RunRecord], policy: HealthPolicy) -> list[str]:
    """New articles in the recent window against the portal's usual rate.  The largest
    earlier run is left out of the usual: it is typically the first crawl's backfill."""
    window = ok_runs[: policy.recent_runs]
    before = [r.new for r in ok_runs[policy.recent_runs: policy.recent_runs
                                     + policy.baseline_runs]]
    if len(window) < policy.recent_runs or len(before) < policy.recent_runs:
        return []
    rate = (sum(before) - max(before)) / (len(before) - 1)
    expected, got = rate * len(window), sum(r.new for r in window)
    if expected < policy.min_expected_new or got >= expected * policy.yield_drop:
        return []
    return [f"{got} new articles in the last {len(window)} runs, "
            f"against about {expected:.0f} usually"]
