"""The fixture server serves any static site folder, with `_routes.json` for CMSs whose
pages differ only by query string."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from portalfeed.fixture_server import FixtureServer, resolve, route_key

ROUTES = {
    "/Trang/ChiTietTinTuc.aspx?nid=12": "articles/12.html",
    "/tin-tuc?p_p_id=101_INSTANCE_ab&_101_INSTANCE_ab_cur=2": "tin-tuc/trang-2.html",
    "/escape?x=1": "../outside.html",
}


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for rel, text in {
        "index.html": "home", "articles/12.html": "bai 12", "tin-tuc/index.html": "tin 1",
        "tin-tuc/trang-2.html": "tin 2", "tin-tuc/page-1.html": "drupal page 1",
        "bai/Default.aspx": "<html>dnn</html>",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (tmp_path / "outside.html").write_text("secret", encoding="utf-8")
    (root / "_routes.json").write_text(json.dumps(ROUTES), encoding="utf-8")
    return root


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], ""


def test_route_keys_sort_the_query_and_drop_path_parameters() -> None:
    assert route_key("/a", "b=2&a=1") == route_key("/a", "a=1&b=2") == "/a?a=1&b=2"
    assert route_key("/a.html;jsessionid=XYZ", "") == "/a.html"
    assert route_key("/T%E1%BB%A9c", "") == "/Tức"


@pytest.mark.parametrize(("path", "expected"), [
    ("/Trang/ChiTietTinTuc.aspx?nid=12", "bai 12"),
    ("/tin-tuc?_101_INSTANCE_ab_cur=2&p_p_id=101_INSTANCE_ab", "tin 2"),  # any order
    ("/tin-tuc;jsessionid=0A1B?p_p_id=101_INSTANCE_ab&_101_INSTANCE_ab_cur=2", "tin 2"),
    ("/tin-tuc", "tin 1"),
    ("/tin-tuc?page=1", "drupal page 1"),  # ?page=N keeps its rule
    ("/", "home"),
])
def test_routes_and_static_files(site: Path, path: str, expected: str) -> None:
    target = resolve(site, path)
    assert target is not None and target.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("path", [
    "/_routes.json", "/Trang/ChiTietTinTuc.aspx?nid=13", "/escape?x=1", "/../outside.html",
])
def test_unknown_routes_the_routes_file_and_escapes_are_404(site: Path, path: str) -> None:
    assert resolve(site, path) is None


def test_served_over_http_with_page_types(site: Path) -> None:
    with FixtureServer(site=site) as server:
        status, ctype, text = fetch(server.url + "Trang/ChiTietTinTuc.aspx?nid=12")
        assert (status, text) == (200, "bai 12")
        assert ctype.startswith("text/html")
        status, ctype, _ = fetch(server.url + "bai/Default.aspx")
        assert status == 200 and ctype == "text/html; charset=utf-8"
        assert fetch(server.url + "_routes.json")[0] == 404


def test_a_missing_site_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="fixture portal not found"):
        FixtureServer(site=tmp_path / "nope")
