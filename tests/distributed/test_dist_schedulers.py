"""Two `portalfeed schedule` processes against one deployment (same configuration, a
short `--interval`): one leads and enqueues, the other stands by; each portal's job is
enqueued exactly once per interval; when the leader is SIGKILLed, the standby takes over
within the lock's TTL and the slots go on, none missed, none doubled.

No worker runs: the jobs stay on the `crawl` queue in Redis, where the test reads every
message the schedulers sent (Celery's message headers carry the task id, which is the
job id `crawl:<portal>:<slot>`).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

PORTALS = 4
INTERVAL_S = 6  # the slot grid: one job per portal every 6 s
LOCK_TTL_S = 3  # a dead leader's lock expires within this: less than an interval
SLOTS_EACH = 2  # intervals observed under each leader
START_LIMIT_S = 120  # until a scheduler process leads or stands by (imports on a busy CI)
SLOT_FORMAT = "%Y%m%dT%H%M%SZ"


@dataclass
class Schedulers:
    deployment: Any
    fleet: Any
    first: Any  # the first leader (killed)
    second: Any  # the standby that took over
    before_kill: list[str]  # job ids on the queue when the leader was killed
    jobs: list[str]  # every job id on the queue at the end, in enqueue order


def queued_jobs(broker_url: str) -> list[str]:
    """Job ids of every crawl message waiting on the `crawl` queue, oldest first."""
    import redis

    with redis.Redis.from_url(broker_url) as client:
        messages = [json.loads(raw) for raw in reversed(client.lrange("crawl", 0, -1))]
    for message in messages:
        assert message["headers"]["task"] == "portalfeed.crawl_portal", message["headers"]
    return [message["headers"]["id"] for message in messages]


def slots_of(jobs: list[str]) -> dict[str, list[datetime]]:
    slots: dict[str, list[datetime]] = {}
    for job in jobs:
        _, portal, stamp = job.split(":", 2)
        slots.setdefault(portal, []).append(datetime.strptime(stamp, SLOT_FORMAT)
                                            .replace(tzinfo=UTC))
    return slots


def logged(service: Any, text: str) -> bool:
    return text in service.log.read_text(errors="replace")


def complete_slots(broker_url: str) -> int:
    """Slots whose job is on the queue for every portal."""
    per_slot = Counter(job.rsplit(":", 1)[1] for job in queued_jobs(broker_url))
    return sum(1 for n in per_slot.values() if n >= PORTALS)


@pytest.fixture(scope="module")
def schedulers(dist: SimpleNamespace, deploy: Any) -> Schedulers:
    wait_for = dist.deployment.wait_for
    with dist.fleet.Fleet(dist.fleet.FleetSpec(portals=PORTALS)) as fleet:
        deployment = deploy(fleet, lock_ttl_s=LOCK_TTL_S)
        args = ("schedule", "--interval", str(INTERVAL_S))
        first = deployment.start("scheduler-1", *args)
        wait_for(lambda: logged(first, "leading:"), START_LIMIT_S, "the first scheduler leads",
                 deployment.logs)
        second = deployment.start("scheduler-2", *args)
        wait_for(lambda: logged(second, "standby:"), START_LIMIT_S,
                 "the second scheduler stands by", deployment.logs)
        url = deployment.broker_url
        start = complete_slots(url)
        wait_for(lambda: complete_slots(url) >= start + SLOTS_EACH, INTERVAL_S * (SLOTS_EACH + 2),
                 f"{SLOTS_EACH} more slots enqueued by the leader", deployment.logs)
        before_kill = queued_jobs(url)  # killed just after a slot: the next is the standby's
        first.kill()
        wait_for(lambda: logged(second, "leading:"), LOCK_TTL_S + 10,
                 "the standby takes over", deployment.logs)
        taken = complete_slots(url)
        wait_for(lambda: complete_slots(url) >= taken + SLOTS_EACH,
                 INTERVAL_S * (SLOTS_EACH + 2), f"{SLOTS_EACH} more slots after the handover",
                 deployment.logs)
        deployment.stop_all()
        return Schedulers(deployment, fleet, first, second, before_kill, queued_jobs(url))


def test_only_one_scheduler_leads_at_a_time(schedulers: Schedulers) -> None:
    first_log = schedulers.first.log.read_text(errors="replace")
    second_log = schedulers.second.log.read_text(errors="replace")
    assert first_log.count("leading:") == 1
    assert second_log.index("standby:") < second_log.index("leading:")


def test_each_job_is_enqueued_once(schedulers: Schedulers) -> None:
    assert Counter(schedulers.jobs).most_common(1)[0][1] == 1
    assert schedulers.jobs[:len(schedulers.before_kill)] == schedulers.before_kill


def test_each_portal_has_one_job_per_interval_and_no_gap(schedulers: Schedulers) -> None:
    slots = slots_of(schedulers.jobs)
    assert sorted(slots) == schedulers.fleet.names
    step = timedelta(seconds=INTERVAL_S)
    for portal, times in slots.items():
        expected = [times[0] + k * step for k in range(len(times))]
        assert times == expected, portal  # consecutive slots: none missed, none doubled
        assert len(times) >= 2 * SLOTS_EACH, portal
    # Every portal from the same first slot; at the end a slot may be half enqueued.
    assert len({times[0] for times in slots.values()}) == 1
    assert len({len(times) for times in slots.values()}) <= 2

def test_the_standby_enqueued_after_the_handover(schedulers: Schedulers) -> None:
    after = schedulers.jobs[len(schedulers.before_kill):]
    assert len({job.rsplit(":", 1)[1] for job in after}) >= SLOTS_EACH
    assert all(t.timestamp() % INTERVAL_S == 0 for ts in slots_of(after).values() for t in ts)
