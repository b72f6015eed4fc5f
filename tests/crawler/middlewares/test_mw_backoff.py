from datetime import UTC, datetime

import pytest
from scrapy.http import Request, Response

from crawler.middlewares.backoff import retry_after_seconds
from crawler.middlewares.redirects import redirect_problem

NOW = datetime(2026, 11, 29, 8, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (b"120", 120.0),
        (" 5 ", 5.0),
        (b"Sun, 29 Nov 2026 08:01:30 GMT", 90.0),
        (b"Sun, 29 Nov 2026 07:00:00 GMT", 0.0),  # already past: no wait
        (b"soon", None),
        (None, None),
    ],
)
def test_retry_after_seconds(value: bytes | str | None, expected: float | None) -> None:
    assert retry_after_seconds(value, NOW) == expected


def ours(url: str) -> bool:
    return url.startswith("http://127.0.0.1:8000/")


def redirect(url: str, location: str, visited: tuple[str, ...] = ()) -> str | None:
    request = Request(url, meta={"redirect_urls": list(visited)})
    response = Response(url, status=302, headers={"Location": location})
    return redirect_problem(request, response, ours)


def test_a_redirect_on_the_portal_is_followed() -> None:
    assert redirect("http://127.0.0.1:8000/vi/a", "/vi/b") is None


def test_a_redirect_back_to_a_visited_url_is_a_loop() -> None:
    assert redirect("http://127.0.0.1:8000/vi/b", "/vi/a/",
                    ("http://127.0.0.1:8000/vi/a",)) == "redirect_loop"
    assert redirect("http://127.0.0.1:8000/vi/a", "/vi/a#top") == "redirect_loop"


def test_a_redirect_off_the_portal_is_refused() -> None:
    assert redirect("http://127.0.0.1:8000/vi/a", "https://elsewhere.example/") == \
        "offsite_redirect"
    assert redirect("http://127.0.0.1:8000/vi/a", "javascript:alert(1)") == "offsite_redirect"


def test_a_plain_response_is_no_redirect() -> None:
    response = Response("http://127.0.0.1:8000/vi/a", status=200)
    assert redirect_problem(Request(response.url), response, ours) is None
