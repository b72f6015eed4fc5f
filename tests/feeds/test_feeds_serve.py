"""`portalfeed serve`: a real server on a free loopback port, spoken to with http.client."""

from __future__ import annotations

import gzip
import http.client
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import pytest

from crawler.model import PortalInfo, StoredArticle
from feeds.atomic import write_atomic
from feeds.grouping import group_items
from feeds.http_rules import accepts_gzip, etag_matches, not_modified, target_parts
from feeds.publish import publish
from feeds.serve import ServerThread

MAX_AGE = 1800
REPO = Path(__file__).resolve().parents[2]
SECRET = b"outside public/: never served\n"


@pytest.fixture
def public(tmp_path: Path, articles: list[StoredArticle], portals: dict[str, PortalInfo],
           base_url: str) -> Path:
    """Published feeds, plus a secret beside public/ and symlinks in and out of it."""
    root = tmp_path / "public"
    publish(group_items(articles), root, base_url=base_url, portals=portals)
    (tmp_path / "secret.txt").write_bytes(SECRET)
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (root / "leakdir").symlink_to(tmp_path)
    (root / "latest.rss").symlink_to(root / "feeds" / "all.rss")
    (root / "feeds" / ".all.rss.abc123.tmp").write_bytes(b"half-written")
    return root


@pytest.fixture
def server(public: Path) -> Iterator[ServerThread]:
    with ServerThread(public, max_age_s=MAX_AGE) as running:
        yield running


def request(server: ServerThread, method: str, target: str,
            headers: dict[str, str] | None = None) -> tuple[http.client.HTTPResponse, bytes]:
    host, port = server.url.removeprefix("http://").rstrip("/").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request(method, target, headers=headers or {})
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def raw_exchange(server: ServerThread, data: bytes) -> bytes:
    """Send raw bytes, read until the server closes the connection."""
    host, port = server.url.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(("path", "media_type"), [
    ("/feeds/all.rss", "application/rss+xml; charset=utf-8"),
    ("/feeds/all.atom", "application/atom+xml; charset=utf-8"),
    ("/feeds/all.json", "application/feed+json; charset=utf-8"),
    ("/feeds/portal/phutho/kinh-te.rss", "application/rss+xml; charset=utf-8"),
    ("/feeds.opml", "text/x-opml; charset=utf-8"),
    ("/index.html", "text/html; charset=utf-8"),
    ("/", "text/html; charset=utf-8"),
])
def test_content_types_and_bytes(server: ServerThread, public: Path, path: str,
                                 media_type: str) -> None:
    response, body = request(server, "GET", path)
    assert response.status == 200
    assert response.getheader("Content-Type") == media_type
    on_disk = public / (path.lstrip("/") or "index.html")
    assert body == on_disk.read_bytes()
    assert response.getheader("Content-Length") == str(len(body))


def test_validators_and_cache_control(server: ServerThread, public: Path) -> None:
    response, _ = request(server, "GET", "/feeds/all.atom")
    etag = response.getheader("ETag")
    assert etag.startswith('"') and etag.endswith('"')  # strong, not W/"..."
    mtime = int((public / "feeds" / "all.atom").stat().st_mtime)
    assert response.getheader("Last-Modified") == formatdate(mtime, usegmt=True)
    assert response.getheader("Cache-Control") == f"public, max-age={MAX_AGE}"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert response.getheader("Date")


def test_if_none_match_gives_304(server: ServerThread) -> None:
    first, _ = request(server, "GET", "/feeds/all.rss")
    etag = first.getheader("ETag")
    again, body = request(server, "GET", "/feeds/all.rss", {"If-None-Match": etag})
    assert again.status == 304
    assert body == b""
    assert again.getheader("ETag") == etag
    assert again.getheader("Cache-Control") == f"public, max-age={MAX_AGE}"
    listed, _ = request(server, "GET", "/feeds/all.rss", {"If-None-Match": f'"x", {etag}'})
    assert listed.status == 304
    other, _ = request(server, "GET", "/feeds/all.rss", {"If-None-Match": '"stale"'})
    assert other.status == 200


def test_if_modified_since(server: ServerThread, public: Path) -> None:
    mtime = int((public / "feeds" / "all.json").stat().st_mtime)
    same, _ = request(server, "GET", "/feeds/all.json",
                      {"If-Modified-Since": formatdate(mtime, usegmt=True)})
    assert same.status == 304
    older, _ = request(server, "GET", "/feeds/all.json",
                       {"If-Modified-Since": formatdate(mtime - 10, usegmt=True)})
    assert older.status == 200
    garbage, _ = request(server, "GET", "/feeds/all.json", {"If-Modified-Since": "yesterday"})
    assert garbage.status == 200


def test_if_none_match_wins_over_if_modified_since(server: ServerThread, public: Path) -> None:
    mtime = int((public / "feeds" / "all.json").stat().st_mtime)
    response, _ = request(server, "GET", "/feeds/all.json", {
        "If-None-Match": '"stale"', "If-Modified-Since": formatdate(mtime + 60, usegmt=True)})
    assert response.status == 200


def test_gzip_variant(server: ServerThread, public: Path) -> None:
    plain, _ = request(server, "GET", "/feeds/all.rss")
    packed, body = request(server, "GET", "/feeds/all.rss", {"Accept-Encoding": "br, gzip"})
    assert packed.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == (public / "feeds" / "all.rss").read_bytes()
    assert packed.getheader("Vary") == "Accept-Encoding"
    assert packed.getheader("ETag") != plain.getheader("ETag")
    assert not packed.getheader("ETag").startswith("W/")
    again, _ = request(server, "GET", "/feeds/all.rss",
                       {"Accept-Encoding": "gzip", "If-None-Match": packed.getheader("ETag")})
    assert again.status == 304
    refused, _ = request(server, "GET", "/feeds/all.rss", {"Accept-Encoding": "gzip;q=0"})
    assert refused.getheader("Content-Encoding") is None


def test_head_has_headers_without_body(server: ServerThread) -> None:
    get, _ = request(server, "GET", "/feeds/all.rss")
    head, nothing = request(server, "HEAD", "/feeds/all.rss")
    assert head.status == 200
    assert nothing == b""
    for name in ("Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control"):
        assert head.getheader(name) == get.getheader(name)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
def test_other_methods_405(server: ServerThread, method: str) -> None:
    response, _ = request(server, method, "/feeds/all.rss")
    assert response.status == 405
    assert response.getheader("Allow") == "GET, HEAD"


@pytest.mark.parametrize("target", [
    "/../secret.txt",
    "/feeds/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/..%2fsecret.txt",
    "/feeds/..%2f..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt",
    "/feeds%2f%2e%2e%2f%2e%2e%2fsecret.txt",
    "/..\\secret.txt",
    "/%5c..%5csecret.txt",
    "//etc/passwd",
    "/etc/passwd",
    "http://example.com/../secret.txt",
    "/leak.txt",
    "/leakdir/secret.txt",
    "/feeds/.all.rss.abc123.tmp",
    "/%252e%252e/secret.txt",
    "/feeds/all.rss%00.html",
    "/nothing-here.rss",
])
def test_nothing_outside_public(server: ServerThread, target: str) -> None:
    response = raw_exchange(server, f"GET {target} HTTP/1.1\r\nHost: x\r\n"
                                    "Connection: close\r\n\r\n".encode())
    assert response.startswith(b"HTTP/1.1 404 ")
    assert SECRET not in response
    assert b"root:" not in response


def test_symlink_inside_public_is_served(server: ServerThread, public: Path) -> None:
    response, body = request(server, "GET", "/latest.rss")
    assert response.status == 200
    assert body == (public / "feeds" / "all.rss").read_bytes()


def test_changed_file_is_served_fresh(server: ServerThread, public: Path) -> None:
    first, _ = request(server, "GET", "/feeds/all.json")
    write_atomic(public / "feeds" / "all.json", b'{"version": "changed"}\n')
    second, body = request(server, "GET", "/feeds/all.json",
                           {"If-None-Match": first.getheader("ETag")})
    assert second.status == 200
    assert body == b'{"version": "changed"}\n'
    assert second.getheader("ETag") != first.getheader("ETag")


def test_removed_file_is_gone(server: ServerThread, public: Path) -> None:
    assert request(server, "GET", "/feeds/all.atom")[0].status == 200
    (public / "feeds" / "all.atom").unlink()
    assert request(server, "GET", "/feeds/all.atom")[0].status == 404


def test_keep_alive_and_pipelining(server: ServerThread) -> None:
    one = b"GET /feeds/all.rss HTTP/1.1\r\nHost: x\r\n\r\n"
    last = b"HEAD /feeds.opml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    response = raw_exchange(server, one + one + last)
    assert response.count(b"HTTP/1.1 200 OK\r\n") == 3
    assert response.count(b"Content-Type: text/x-opml; charset=utf-8") == 1


def test_http_1_0_closes_by_default(server: ServerThread) -> None:
    response = raw_exchange(server, b"GET /feeds/all.rss HTTP/1.0\r\n\r\n")
    assert response.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"Connection: close\r\n" in response


@pytest.mark.parametrize(("data", "status"), [
    (b"GARBAGE\r\n\r\n", b"400"),
    (b"GET /feeds/all.rss SPDY/3\r\n\r\n", b"400"),
    (b"GET /feeds/all.rss HTTP/1.1\r\nNo colon here\r\n\r\n", b"400"),
    (b"GET / HTTP/1.1\r\nX: " + b"a" * 20000 + b"\r\n\r\n", b"431"),
])
def test_malformed_requests(server: ServerThread, data: bytes, status: bytes) -> None:
    response = raw_exchange(server, data)
    assert response.startswith(b"HTTP/1.1 " + status)


def test_request_with_body_is_answered_and_closed(server: ServerThread) -> None:
    response = raw_exchange(server, b"GET /feeds/all.rss HTTP/1.1\r\nHost: x\r\n"
                                    b"Content-Length: 5\r\n\r\nhello")
    assert response.count(b"HTTP/1.1 ") == 1
    assert b"Connection: close\r\n" in response


# -- pure rules --------------------------------------------------------------------------


def test_target_parts() -> None:
    assert target_parts("/feeds/all.rss?x=1#y") == ("feeds", "all.rss")
    assert target_parts("/") == ()
    assert target_parts("/feeds/chuy%E1%BB%83n.rss") == ("feeds", "chuyển.rss")
    for bad in ("*", "feeds/all.rss", "/%ff", "/a/%2e%2e/b", "/a/../b", "/.hidden"):
        assert target_parts(bad) is None, bad


def test_accepts_gzip() -> None:
    assert accepts_gzip("gzip, deflate, br")
    assert accepts_gzip("*")
    assert accepts_gzip("GZIP;q=0.5")
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("br")
    assert not accepts_gzip(None)
    assert not accepts_gzip("*;q=0")


def test_etag_and_date_conditions() -> None:
    assert etag_matches('W/"a"', '"a"')
    assert etag_matches("*", '"a"')
    assert not etag_matches('"a-gz"', '"a"')
    assert not_modified({"if-modified-since": formatdate(100, usegmt=True)}, '"a"', 100)
    assert not not_modified({"if-modified-since": formatdate(99, usegmt=True)}, '"a"', 100)
    assert not not_modified({}, '"a"', 100)


# -- the command -------------------------------------------------------------------------


def start_cli(workdir: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "portalfeed", "serve", "--workdir", str(workdir), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, **env})
    assert process.stdout is not None
    line = process.stdout.readline()
    return process, line


def test_cli_serves_workdir_and_stops_on_sigterm(tmp_path: Path, public: Path) -> None:
    process, line = start_cli(tmp_path, {"PORTALFEED_CACHE_MAX_AGE_S": "120"})
    try:
        assert "serving" in line, process.stderr.read() if process.stderr else line
        url = line.split(" at ", 1)[1].split()[0]
        host, port = url.removeprefix("http://").rstrip("/").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", "/feeds/all.rss")
        response = conn.getresponse()
        assert response.read() == (public / "feeds" / "all.rss").read_bytes()
        assert response.getheader("Cache-Control") == "public, max-age=120"
        conn.close()
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)  # also closes the pipes
    assert process.returncode == 0


def test_cli_without_public_dir_fails_cleanly(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "portalfeed", "--workdir", str(tmp_path), "serve", "--port", "0"],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "publish" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_repointed_symlink_is_checked_again(tmp_path: Path, public: Path,
                                            server: ServerThread) -> None:
    link = public / "moving.rss"
    link.symlink_to(public / "feeds" / "all.rss")
    assert request(server, "GET", "/moving.rss")[0].status == 200
    link.unlink()
    link.symlink_to(tmp_path / "secret.txt")
    response, body = request(server, "GET", "/moving.rss")
    assert response.status == 404
    assert SECRET not in body


def test_cli_max_age_follows_the_shortest_schedule(tmp_path: Path, public: Path) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    builtin = (REPO / "crawler" / "portals" / "phutho.toml").read_text(encoding="utf-8")
    for name, minutes in (("nhanh", 15), ("cham", 240)):
        text = builtin.replace('name = "phutho"', f'name = "{name}"')
        text = text.replace("interval_minutes = 60", f"interval_minutes = {minutes}")
        (profiles / f"{name}.toml").write_text(text, encoding="utf-8")
    process, line = start_cli(tmp_path, {"PORTALFEED_PROFILES_DIR": str(profiles)})
    try:
        assert "max-age=900" in line, line
        url = line.split(" at ", 1)[1].split()[0]
        host, port = url.removeprefix("http://").rstrip("/").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("HEAD", "/feeds/all.atom")
        assert conn.getresponse().getheader("Cache-Control") == "public, max-age=900"
        conn.close()
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)
