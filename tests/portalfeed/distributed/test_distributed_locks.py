"""Token locks in a real Redis: one holder, only the holder releases or renews, a renewer
that keeps it alive and notices when it is gone."""

from __future__ import annotations

import threading

import pytest
import redis
from redis.exceptions import LockNotOwnedError

from portalfeed.distributed.locks import Renewer, TokenLock, portal_lock_key

KEY = portal_lock_key("phutho")


def test_one_holder_at_a_time(redis_client: redis.Redis) -> None:
    first, second = TokenLock(redis_client, KEY, 30), TokenLock(redis_client, KEY, 30)
    assert first.acquire()
    assert not second.acquire()
    assert first.release()
    assert second.acquire()


def test_only_the_holder_releases(redis_client: redis.Redis) -> None:
    holder, other = TokenLock(redis_client, KEY, 30), TokenLock(redis_client, KEY, 30)
    assert holder.acquire()
    assert not other.release()  # never held: nothing released
    assert redis_client.exists(KEY)
    assert holder.owned() and not other.owned()


def test_a_lock_taken_over_after_expiry_is_not_released_by_the_old_holder(
        redis_client: redis.Redis) -> None:
    old, new = TokenLock(redis_client, KEY, 30), TokenLock(redis_client, KEY, 30)
    assert old.acquire()
    redis_client.delete(KEY)  # what its TTL does when the holder stops renewing
    assert new.acquire()
    with pytest.raises(LockNotOwnedError):
        old.renew()
    assert not old.release()
    assert new.owned()


def test_the_lock_carries_its_ttl_and_renewal_resets_it(redis_client: redis.Redis) -> None:
    lock = TokenLock(redis_client, KEY, 30)
    assert lock.acquire()
    assert 0 < redis_client.pttl(KEY) <= 30_000
    redis_client.pexpire(KEY, 1_000)
    lock.renew()
    assert redis_client.pttl(KEY) > 1_000


def test_renewer_keeps_the_lock_alive(redis_client: redis.Redis) -> None:
    lock = TokenLock(redis_client, KEY, 3)  # renewed every second
    assert lock.acquire()
    with Renewer(lock, lambda why: None) as renewer:
        redis_client.pexpire(KEY, 2_500)  # would expire before the third renewal
        threading.Event().wait(4.5)  # four renewals
        assert lock.owned()
        assert not renewer.lost.is_set()
    assert lock.release()


def test_renewer_reports_a_lost_lock(redis_client: redis.Redis) -> None:
    lock = TokenLock(redis_client, KEY, 0.9)
    reasons: list[str] = []
    assert lock.acquire()
    with Renewer(lock, reasons.append) as renewer:
        redis_client.set(KEY, "someone-else")  # taken over after an expiry
        assert renewer.lost.wait(10)
    assert reasons and "held by someone else" in reasons[0]
    assert redis_client.get(KEY) == b"someone-else"  # the new holder's lock is untouched
