"""A small synchronous HTTP client for doctor and `profile draft`: polite, capped, timed.

Why not Scrapy: doctor makes a short, ordered list of requests (robots.txt, the
start pages, then N articles chosen from what they link) and reports status,
size and time of each; a crawl engine in a child process would cost seconds per
run and hide that order.  What the crawl would see is kept: the operator's
User-Agent, the profile's time-out and page-size cap, and the body is turned into
a Scrapy `Response` (`as_response`), so charset detection, CSS selection and the
body checks are Scrapy's own.  Not mirrored: retries and backoff (doctor reports
the first answer).
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

MAX_REDIRECTS = 5  # as crawler.settings REDIRECT_MAX_TIMES


@dataclass(frozen=True)
class Fetched:
    """One request's outcome: a response (any status) or an error reason."""

    url: str
    final_url: str = ""
    status: int | None = None
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0
    error: str | None = None  # timeout, connection_refused, too_large, robots_forbidden, ...

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def problem(self) -> str | None:
        """`http_<status>` or the error reason; None for a 200."""
        if self.error:
            return self.error
        return None if self.status == 200 else f"http_{self.status}"

    @property
    def content_type(self) -> str | None:
        return next((v for k, v in self.headers if k.lower() == "content-type"), None)

    def as_response(self) -> Response:
        """The Scrapy response the crawl would have got (HtmlResponse for HTML)."""
        headers = Headers(dict(self.headers))
        url = self.final_url or self.url
        cls = responsetypes.from_args(headers=headers, url=url, body=self.body)
        return cls(url=url, status=self.status or 0, headers=headers, body=self.body)


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


class Fetcher:
    """GET with a delay between requests and a cap on their number."""

    def __init__(self, user_agent: str, *, timeout_s: float, max_bytes: int, delay_s: float,
                 max_requests: int, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.user_agent, self.timeout_s, self.max_bytes = user_agent, timeout_s, max_bytes
        self.delay_s, self.max_requests = delay_s, max_requests
        self.sleep, self.clock = sleep, clock
        self.count = 0
        self._last: float | None = None
        self._opener = urllib.request.build_opener(_Redirects())

    def get(self, url: str) -> Fetched:
        if self.count >= self.max_requests:
            return Fetched(url, error="request_cap")
        self._wait()
        self.count += 1
        start = self.clock()
        try:
            fetched = self._get(url)
        finally:
            self._last = self.clock()
        return _timed(fetched, self._last - start)

    def _wait(self) -> None:
        if self._last is not None and self.delay_s > 0:
            pause = self.delay_s - (self.clock() - self._last)
            if pause > 0:
                self.sleep(pause)

    def _get(self, url: str) -> Fetched:
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent, "Accept-Language": "vi,en;q=0.5",
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        try:
            with self._opener.open(request, timeout=self.timeout_s) as resp:
                return self._read(url, resp, resp.status)
        except urllib.error.HTTPError as exc:
            if 300 <= exc.code < 400:  # urllib gives up on too many redirects this way
                return Fetched(url, status=exc.code, error="redirect_loop")
            return self._read(url, exc, exc.code)
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            return Fetched(url, error=error_reason(exc))

    def _read(self, url: str, resp, status: int) -> Fetched:  # resp: a file-like response
        body = resp.read(self.max_bytes + 1)
        headers = tuple((k, v) for k, v in resp.headers.items())
        final = resp.geturl() or url
        if len(body) > self.max_bytes:
            return Fetched(url, final, status, b"", headers, error="too_large")
        return Fetched(url, final, status, body, headers)


def _timed(fetched: Fetched, seconds: float) -> Fetched:
    return Fetched(fetched.url, fetched.final_url, fetched.status, fetched.body,
                   fetched.headers, round(seconds, 3), fetched.error)


def error_reason(exc: BaseException) -> str:
    """The crawl's reason names (crawler.middlewares.reasons) for a failed request."""
    inner = getattr(exc, "reason", exc) if isinstance(exc, urllib.error.URLError) else exc
    for kinds, reason in (((TimeoutError, socket.timeout), "timeout"),
                          (ConnectionRefusedError, "connection_refused"),
                          ((ConnectionResetError, http.client.RemoteDisconnected),
                           "connection_reset"),
                          (socket.gaierror, "dns"), (ssl.SSLError, "tls_error"),
                          (http.client.IncompleteRead, "truncated")):
        if isinstance(inner, kinds):
            return reason
    return "connection_error"
