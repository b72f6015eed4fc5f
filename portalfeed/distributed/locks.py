"""Redis token locks: one portal crawled by one worker, one scheduler enqueuing.

A lock is a key holding its holder's random token, with a TTL (redis-py's `Lock`, whose
release and extend are Lua scripts that check the token: only the holder releases or
renews it).  A `Renewer` thread resets the TTL every third of it while the holder
works, so a dead holder's lock expires within `ttl` and someone else may take it.  A
renewal that finds another token (or cannot reach Redis until the lock must have
expired) calls `on_lost`: the holder must stop, it can no longer claim the lock.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import redis
from redis.exceptions import LockError, LockNotOwnedError, RedisError

log = logging.getLogger("portalfeed.distributed")
PREFIX = "portalfeed:"


def redis_client(url: str) -> redis.Redis:
    # Short socket timeouts: a renewal must fail, not hang, when Redis is gone.
    return redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)


def portal_lock_key(portal: str) -> str:
    return f"{PREFIX}lock:portal:{portal}"


SCHEDULER_LOCK_KEY = f"{PREFIX}lock:scheduler"


class TokenLock:
    """A non-blocking token lock with a TTL (seconds)."""

    def __init__(self, client: redis.Redis, key: str, ttl_s: float) -> None:
        self.key, self.ttl_s = key, ttl_s
        self._lock = client.lock(key, timeout=ttl_s, thread_local=False)

    def acquire(self) -> bool:
        return bool(self._lock.acquire(blocking=False))

    def renew(self) -> None:
        """Reset the TTL; LockNotOwnedError when another holder has it now."""
        self._lock.reacquire()

    def release(self) -> bool:
        """Let go if still ours; False when it had expired or was taken meanwhile."""
        try:
            self._lock.release()
        except LockError:
            return False
        except RedisError as exc:  # it expires by itself within ttl
            log.warning("could not release %s: %s", self.key, exc)
            return False
        return True

    def owned(self) -> bool:
        return bool(self._lock.owned())


class Renewer:
    """Renews a held lock every ttl/3 in a daemon thread until stopped or lost."""

    def __init__(self, lock: TokenLock, on_lost: Callable[[str], None]) -> None:
        self.lock, self.on_lost = lock, on_lost
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"renew {lock.key}",
                                        daemon=True)

    def __enter__(self) -> Renewer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        period = self.lock.ttl_s / 3
        renewed = time.monotonic()
        while not self._stop.wait(period):
            why = self._renew_once(renewed)
            if why is None:
                renewed = time.monotonic()
            elif why:
                self._lose(why)
                return

    def _renew_once(self, renewed: float) -> str | None:
        """None: renewed; "": not now but keep trying; else why the lock is lost."""
        try:
            self.lock.renew()
        except LockNotOwnedError:
            return f"{self.lock.key} is held by someone else now"
        except LockError as exc:
            return f"{self.lock.key}: {exc}"
        except RedisError as exc:
            if time.monotonic() - renewed >= self.lock.ttl_s:
                return f"{self.lock.key} not renewed for {self.lock.ttl_s:g} s ({exc})"
            log.warning("renewing %s failed, retrying: %s", self.lock.key, exc)
            return ""
        return None

    def _lose(self, why: str) -> None:
        log.warning("lock lost: %s", why)
        self.lost.set()
        self.on_lost(why)
