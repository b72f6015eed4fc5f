"""The short reason a failed request is counted under (`portalfeed/errors/<reason>`)."""

from __future__ import annotations

from scrapy import exceptions as sx
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived
from twisted.web.client import ResponseFailed

from crawler.middlewares.redirects import Refused

# Scrapy 2.13+ wraps Twisted's errors in its own; both are listed, most specific first.
BY_TYPE: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((sx.DownloadTimeoutError, net.TimeoutError, net.TCPTimedOutError), "timeout"),
    ((sx.DownloadConnectionRefusedError, net.ConnectionRefusedError), "connection_refused"),
    ((sx.CannotResolveHostError, net.DNSLookupError), "dns"),
    ((sx.DownloadCancelledError, CancelledError), "too_large"),  # DOWNLOAD_MAXSIZE
    ((sx.ResponseDataLossError,), "truncated"),  # closed before the whole body arrived
    ((ResponseNeverReceived, net.ConnectionLost, net.ConnectionDone, sx.DownloadFailedError),
     "connection_reset"),
)


def failure_reason(failure: Failure) -> str:
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, Refused):
        return exc.reason
    if isinstance(exc, IgnoreRequest):
        return _ignored(str(exc))
    if isinstance(exc, ResponseFailed | sx.DownloadFailedError) and "DataLoss" in repr(exc):
        return "truncated"
    for kinds, reason in BY_TYPE:
        if isinstance(exc, kinds):
            return reason
    return type(exc).__name__


def _ignored(message: str) -> str:
    if "robots.txt" in message:
        return "robots_forbidden"
    if "max redirections" in message:
        return "redirect_loop"
    return "ignored"


def is_transient(reason: str) -> bool:
    """Failures worth another try in a later crawl (the page may be fine next time)."""
    if reason.startswith("http_"):
        return reason not in ("http_404", "http_410", "http_403", "http_401")
    return reason in ("timeout", "connection_refused", "connection_reset", "dns", "truncated")
