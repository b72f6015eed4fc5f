"""Redirects that must not be followed: loops, and hops off the portal's hosts.

Runs before Scrapy's RedirectMiddleware sees the response.  Scrapy would drop a
loop's second visit silently in its duplicate filter and follow an offsite hop
until its own offsite filter; here both become a `Refused` with a reason the
spider's errback counts.
"""

from __future__ import annotations

from collections.abc import Callable

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from w3lib.url import safe_url_string

from crawler.urls import absolute, canonical_url

REDIRECTS = frozenset({301, 302, 303, 307, 308})


class Refused(IgnoreRequest):
    """A response we will not follow; `reason` is its stats key."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        super().__init__(f"{reason}: {detail}" if detail else reason)


def redirect_problem(request: Request, response: Response,
                     allowed: Callable[[str], bool]) -> str | None:
    """`redirect_loop`, `offsite_redirect` or None for a redirect we may follow."""
    location = response.headers.get(b"Location")
    if response.status not in REDIRECTS or not location:
        return None
    target = absolute(request.url, safe_url_string(location.decode("latin-1")))
    if target is None or not allowed(target):
        return "offsite_redirect"
    visited = [*request.meta.get("redirect_urls", []), request.url]
    if canonical_url(target) in {canonical_url(u) for u in visited}:
        return "redirect_loop"
    return None


class RedirectGuardMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        spider = self.crawler.spider
        allowed = getattr(spider, "allows", None)
        problem = redirect_problem(request, response, allowed or (lambda _url: True))
        if problem:
            raise Refused(problem, f"{request.url} -> {response.headers.get(b'Location')!r}")
        return response
