"""docs/nginx.conf serves public/ with the same headers as `portalfeed serve`.

The same checks run against both servers over the same published directory:
nginx (/usr/sbin/nginx, Debian package `nginx`) runs on a free loopback port
with a configuration generated from docs/nginx.conf, its prefix, pid and logs
in a temporary directory.
"""

from __future__ import annotations

import gzip
import http.client
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import formatdate
from pathlib import Path

import pytest

from crawler.model import Article, PortalInfo, StoredArticle
from feeds.grouping import group_items
from feeds.publish import publish
from feeds.serve import ServerThread

REPO = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"
DOC_CONF = REPO / "docs" / "nginx.conf"
DOC_LISTEN = "listen 8080;"
DOC_ROOT = "root /srv/portalfeed/public;"
MAX_AGE = 3600  # the value in docs/nginx.conf
SECRET = b"outside public/: never served\n"
TYPES = {
    "/feeds/all.rss": "application/rss+xml; charset=utf-8",
    "/feeds/all.atom": "application/atom+xml; charset=utf-8",
    "/feeds/all.json": "application/feed+json; charset=utf-8",
    "/feeds.opml": "text/x-opml; charset=utf-8",
    "/index.html": "text/html; charset=utf-8",
    "/": "text/html; charset=utf-8",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_conf(prefix: Path, public: Path, port: int) -> str:
    """docs/nginx.conf's server block inside a self-contained main configuration."""
    server = DOC_CONF.read_text(encoding="utf-8")
    assert server.count(DOC_LISTEN) == 1 and server.count(DOC_ROOT) == 1, "docs/nginx.conf"
    server = server.replace(DOC_LISTEN, f"listen 127.0.0.1:{port};")
    server = server.replace(DOC_ROOT, f"root {public};")
    temp = " ".join(f"{kind}_temp_path {prefix / kind};"
                    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # One process without privilege drop: it can read a private temporary directory.
    return (f"daemon off;\nmaster_process off;\npid {prefix / 'nginx.pid'};\n"
            f"error_log {prefix / 'error.log'} warn;\nevents {{ worker_connections 256; }}\n"
            f"http {{\naccess_log off;\n{temp}\n{server}\n}}\n")


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx exited: {log.read_text() if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("nginx did not start listening")


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Module scope: both servers serve one directory, so mtimes and bytes are the same.
    base = tmp_path_factory.mktemp("site")
    root = base / "public"
    article = Article(title="Chuyển đổi số ở Phú Thọ", url="https://phutho.gov.vn/tin/cds",
                      portal="phutho", published=datetime(2024, 5, 1, 1, 0, tzinfo=UTC),
                      lead="Chuyển đổi số " * 40, body=["Đoạn văn. " * 80], topics=["kinh-te"])
    stored = StoredArticle(article, "tag:phutho.gov.vn,2024-05-01:/tin/cds",
                           datetime(2024, 5, 1, 2, 0, tzinfo=UTC),
                           datetime(2024, 5, 1, 2, 0, tzinfo=UTC))
    portals = {"phutho": PortalInfo("phutho", "Cổng TTĐT tỉnh Phú Thọ", "https://phutho.gov.vn/")}
    publish(group_items([stored]), root, base_url="https://tin.example.vn/", portals=portals)
    (base / "secret.txt").write_bytes(SECRET)
    (root / "feeds" / ".all.rss.abc123.tmp").write_bytes(b"half-written")
    return root


@pytest.fixture(scope="module")
def nginx_url(public: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(nginx_conf(prefix, public, port), encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(conf)],
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    assert "[warn]" not in checked.stderr, checked.stderr
    process = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process, prefix / "error.log")
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def portalfeed_url(public: Path) -> Iterator[str]:
    with ServerThread(public, max_age_s=MAX_AGE) as running:
        yield running.url


@pytest.fixture(params=["portalfeed", "nginx"])
def url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue(f"{request.param}_url")


def get(url: str, path: str, headers: dict[str, str] | None = None,
        method: str = "GET") -> tuple[http.client.HTTPResponse, bytes]:
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def raw_get(url: str, target: str) -> bytes:
    host, port = url.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("path", sorted(TYPES))
def test_types_with_charset(url: str, public: Path, path: str) -> None:
    response, body = get(url, path)
    assert response.status == 200
    assert response.getheader("Content-Type") == TYPES[path]
    assert body == (public / (path.lstrip("/") or "index.html")).read_bytes()
    assert response.getheader("Cache-Control") == f"public, max-age={MAX_AGE}"
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_validators_and_304(url: str, public: Path) -> None:
    response, _ = get(url, "/feeds/all.atom")
    etag = response.getheader("ETag")
    assert etag and not etag.startswith("W/")
    mtime = int((public / "feeds" / "all.atom").stat().st_mtime)
    assert response.getheader("Last-Modified") == formatdate(mtime, usegmt=True)
    by_tag, body = get(url, "/feeds/all.atom", {"If-None-Match": etag})
    assert (by_tag.status, body) == (304, b"")
    assert by_tag.getheader("Cache-Control") == f"public, max-age={MAX_AGE}"
    by_date, _ = get(url, "/feeds/all.atom",
                     {"If-Modified-Since": response.getheader("Last-Modified")})
    assert by_date.status == 304
    stale, _ = get(url, "/feeds/all.atom", {"If-None-Match": '"stale"'})
    assert stale.status == 200


def test_gzip(url: str, public: Path) -> None:
    plain, _ = get(url, "/feeds/all.rss")
    packed, body = get(url, "/feeds/all.rss", {"Accept-Encoding": "gzip"})
    assert packed.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == (public / "feeds" / "all.rss").read_bytes()
    assert plain.getheader("Vary") == packed.getheader("Vary") == "Accept-Encoding"
    assert packed.getheader("ETag") != plain.getheader("ETag")
    again, _ = get(url, "/feeds/all.rss",
                   {"Accept-Encoding": "gzip", "If-None-Match": packed.getheader("ETag")})
    assert again.status == 304


def test_head(url: str) -> None:
    response, body = get(url, "/feeds/all.json", method="HEAD")
    assert (response.status, body) == (200, b"")
    assert response.getheader("Content-Type") == TYPES["/feeds/all.json"]
    assert response.getheader("ETag")


def test_post_not_allowed(url: str) -> None:
    response, _ = get(url, "/feeds/all.rss", method="POST")
    assert response.status == 405


@pytest.mark.parametrize("target", ["/../secret.txt", "/%2e%2e/secret.txt",
                                    "/feeds/..%2f..%2fsecret.txt", "/feeds/.all.rss.abc123.tmp",
                                    "/nothing.rss"])
def test_nothing_outside_public(url: str, target: str) -> None:
    response = raw_get(url, target)
    # nginx refuses a path above its root as malformed (400); portalfeed says 404.
    assert response.split(b" ", 2)[1] in (b"400", b"404")
    assert SECRET not in response

