"""How well `portalfeed profile draft` stands in for the hand-written profiles.

For every fixture portal (seeds/fixture_portal and seeds/families/*/), served on
127.0.0.1: draft a profile from one listing page and one article page per layout
version (and, for comparison, from the first article page only), extract every
expected article with the draft and with the hand-written profile, and print the
share of equal fields (title, published, author, body, captions) per family.

    python benchmarks/draft.py
"""

from __future__ import annotations

import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.draft.measure import Fixture, Score, fixtures, measure  # noqa: E402
from crawler.normalize.dates import VN_TZ  # noqa: E402
from portalfeed.fixture_server import FixtureServer  # noqa: E402


def scores(fixture: Fixture, now: datetime) -> tuple[Score, Score, float]:
    with FixtureServer(site=fixture.site) as server:
        def fetch(path: str) -> bytes:
            with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=30) as reply:
                return reply.read()

        started = time.perf_counter()
        full = measure(fixture, fetch, now)
        seconds = time.perf_counter() - started
        return full, measure(fixture, fetch, now, per_layout=False), seconds


def main() -> int:
    now = datetime.now(VN_TZ)
    full_min = one_min = 1.0
    total_s = 0.0
    found = fixtures(REPO)
    print(f"{'family':16} {'per layout':>16} {'one sample':>16} {'samples':>7} "
          f"{'by draft':>8} {'seconds':>7}")
    for fixture in found:
        full, one, seconds = scores(fixture, now)
        total_s += seconds
        full_min, one_min = min(full_min, full.agreement), min(one_min, one.agreement)
        print(f"{fixture.name:16} {full.equal:>4}/{full.total:<4} {full.agreement:6.3f} "
              f"{one.equal:>4}/{one.total:<4} {one.agreement:6.3f} {len(full.samples):>7} "
              f"{full.from_selectors:>3}/{full.articles:<4} {seconds:7.2f}")
        for difference in full.differences:
            print(f"    differs: {difference}")
    print(f"RESULT draft_field_agreement={full_min:.3f} "
          f"draft_field_agreement_one_sample={one_min:.3f} families={len(found)} "
          f"seconds_per_fixture={total_s / max(len(found), 1):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
