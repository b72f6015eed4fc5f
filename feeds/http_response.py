"""Request heads in, response bytes out: the HTTP/1.1 side of `portalfeed serve`.

Pure but for the file cache's `stat` and the clock of the Date header; the
transport (sockets, keep-alive, timeouts) is `feeds.serve`.
"""

from __future__ import annotations

import time
from pathlib import Path

from feeds.http_cache import DEFAULT_MAX_BYTES, CachedFile, FileCache
from feeds.http_rules import accepts_gzip, http_date, not_modified, target_parts

REASONS = {200: "OK", 304: "Not Modified", 400: "Bad Request", 404: "Not Found",
           405: "Method Not Allowed", 431: "Request Header Fields Too Large",
           505: "HTTP Version Not Supported"}


def cache_control(max_age_s: int) -> str:
    return f"public, max-age={max(0, max_age_s)}"


class Responder:
    """Request head in, response bytes out; holds the file cache."""

    def __init__(self, root: Path, max_age_s: int, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.files = FileCache(root, cache_control(max_age_s), max_bytes)
        self._date_second = -1
        self._date_line = b""

    def handle(self, head: bytes) -> tuple[bytes, bool]:
        """The response to one request head, and whether the connection stays open."""
        lines = head.decode("latin-1").split("\r\n")
        request = lines[0].split(" ")
        if len(request) != 3 or not request[2].startswith("HTTP/1."):
            return self.error(400, keep=False), False
        method, target, version = request
        headers = _headers(lines[1:])
        if headers is None:
            return self.error(400, keep=False), False
        keep = _keep_alive(version, headers) and not _has_body(headers)
        if method not in ("GET", "HEAD"):
            return self.error(405, keep=False), False
        return self.file_response(method, target, headers, keep), keep

    def file_response(self, method: str, target: str, headers: dict[str, str],
                      keep: bool) -> bytes:
        parts = target_parts(target)
        found = self.files.get(parts) if parts is not None else None
        if found is None:
            return self.error(404, keep=keep, head=method == "HEAD")
        return self.found(found, method, headers, keep)

    def found(self, found: CachedFile, method: str, headers: dict[str, str], keep: bool) -> bytes:
        variant = found.variant(accepts_gzip(headers.get("accept-encoding")))
        if not_modified(headers, variant.etag, found.mtime):
            return self.status_line(304, keep) + variant.head_not_modified + b"\r\n"
        body = b"" if method == "HEAD" else variant.body
        return self.status_line(200, keep) + variant.head_ok + b"\r\n" + body

    def error(self, status: int, *, keep: bool, head: bool = False) -> bytes:
        body = f"{status} {REASONS[status]}\n".encode("ascii")
        lines = ["Content-Type: text/plain; charset=utf-8", f"Content-Length: {len(body)}"]
        if status == 405:
            lines.append("Allow: GET, HEAD")
        extra = "".join(f"{line}\r\n" for line in lines).encode("ascii")
        return self.status_line(status, keep) + extra + b"\r\n" + (b"" if head else body)

    def status_line(self, status: int, keep: bool) -> bytes:
        connection = b"" if keep else b"Connection: close\r\n"
        return (f"HTTP/1.1 {status} {REASONS[status]}\r\n".encode("ascii")
                + self._date() + b"Server: portalfeed\r\n" + connection)

    def _date(self) -> bytes:
        # One Date line per second: formatting a date per request costs more than the rest.
        now = int(time.time())
        if now != self._date_second:
            self._date_second, self._date_line = now, f"Date: {http_date(now)}\r\n".encode()
        return self._date_line


def _headers(lines: list[str]) -> dict[str, str] | None:
    headers: dict[str, str] = {}
    for line in lines:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            return None  # obs-fold and whitespace before the colon are refused (RFC 9112)
        name = name.lower()
        value = value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _keep_alive(version: str, headers: dict[str, str]) -> bool:
    tokens = {t.strip() for t in headers.get("connection", "").lower().split(",")}
    if version == "HTTP/1.0":
        return "keep-alive" in tokens
    return "close" not in tokens


def _has_body(headers: dict[str, str]) -> bool:
    return "transfer-encoding" in headers or headers.get("content-length", "0").strip() != "0"
