"""WebSub publisher pings: tell the hub which feed URLs changed (W3C WebSub).

A hub that cannot be reached never fails a publish: every ping that was not
accepted is logged and counted. After a connection-level failure the remaining
pings are not attempted (and counted as failed), so a dead hub costs one
timeout per publish, not one per feed.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from feeds.paths import parse_feed_path, public_url

log = logging.getLogger(__name__)

TIMEOUT_S = 10.0


@dataclass
class PingReport:
    """Feed URLs the hub accepted, and those it did not (or that were not sent)."""

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def changed_feed_urls(written: Iterable[str], base_url: str) -> list[str]:
    """Public URLs of the feed files among `written` (relative paths); OPML and index.html
    are not feeds and are left out."""
    return [public_url(base_url, path) for path in sorted(written)
            if parse_feed_path(path) is not None]


def ping_hub(hub_url: str, feed_urls: Iterable[str], *, user_agent: str = "portalfeed",
             timeout_s: float = TIMEOUT_S) -> PingReport:
    """POST `hub.mode=publish&hub.url=<feed>` to the hub, once per feed URL."""
    report = PingReport()
    pending = list(feed_urls)
    while pending:
        url = pending.pop(0)
        error = _post(hub_url, url, user_agent, timeout_s)
        if error is None:
            report.sent.append(url)
            continue
        report.failed.append(url)
        log.warning("WebSub hub %s refused the ping for %s: %s", hub_url, url, error)
        if not isinstance(error, _HubAnswered):
            report.failed += pending  # unreachable: the rest would only wait for timeouts
            pending = []
    if report.failed:
        log.warning("WebSub: %d of %d pings not accepted by %s", len(report.failed),
                    len(report.failed) + len(report.sent), hub_url)
    return report


class _HubAnswered(Exception):
    """The hub answered, but not with a 2xx status."""


def _post(hub_url: str, feed_url: str, user_agent: str, timeout_s: float) -> Exception | None:
    body = urlencode({"hub.mode": "publish", "hub.url": feed_url}).encode("ascii")
    request = urllib.request.Request(hub_url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        exc.close()
        return _HubAnswered(f"HTTP {exc.code}")
    except (OSError, ValueError) as exc:  # URLError, timeouts, refused connections, bad URL
        return exc
    return None
