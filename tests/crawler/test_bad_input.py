"""Bad input gives a named rejection from the API and one clear line from the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler import extract_page
from crawler.errors import Rejected

PROFILE = "phutho-fixture"
NO_TITLE = """<!DOCTYPE html><html lang="vi"><body><article class="post post-detail">
<h2 class="post__title">  </h2><div id="post__content"><p>Nội dung.</p></div>
</article></body></html>"""
NO_BODY = """<!DOCTYPE html><html lang="vi"><body><article class="post post-detail">
<h2 class="post__title">Tiêu đề</h2><div id="post__content"> </div></article></body></html>"""
SECTION_PAGE = """<!DOCTYPE html><html lang="vi"><body><h1>Kinh tế</h1>
<ul><li><a href="/vi/a">Bài một</a></li></ul></body></html>"""


@pytest.mark.parametrize(
    ("data", "content_type", "reason"),
    [
        (b"", None, "empty_page"),
        (b"   \n\t ", "text/html", "empty_page"),
        (NO_TITLE.encode(), "text/html", "no_title"),
        (SECTION_PAGE.encode(), "text/html", "not_article"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf", "not_html"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "not_html"),
        ("Tiêu đề một dòng".encode(), "text/plain", "empty_body"),
    ],
)
def test_rejections_have_reasons(data: bytes, content_type: str | None, reason: str) -> None:
    with pytest.raises(Rejected) as info:
        extract_page(data, "https://phutho.fixture.test/vi/x", PROFILE, content_type=content_type)
    assert info.value.reason == reason


def test_profile_page_without_body_falls_back_or_is_rejected() -> None:
    # The profile finds no body: the generic extractor gets its chance and finds nothing.
    with pytest.raises(Rejected) as info:
        extract_page(NO_BODY, "https://phutho.fixture.test/vi/x", PROFILE)
    assert info.value.reason in ("not_article", "empty_body")


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "portalfeed", *args], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ}, timeout=120)


def test_cli_unknown_portal(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(NO_TITLE, encoding="utf-8")
    out = run_cli("extract", str(page), "--portal", "khong-co", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1
    assert "unknown portal 'khong-co'" in out.stderr
    crawl = run_cli("crawl", "khong-co", cwd=tmp_path)
    assert crawl.returncode == 2 and "unknown portal" in crawl.stderr


def test_cli_unreadable_file(tmp_path: Path) -> None:
    out = run_cli("extract", str(tmp_path / "missing.html"), cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.startswith("portalfeed: error: cannot read")
    assert out.stderr.count("\n") == 1
    directory = run_cli("extract", str(tmp_path), cwd=tmp_path)
    assert directory.returncode == 2 and "cannot read" in directory.stderr


def test_cli_not_an_article(tmp_path: Path) -> None:
    page = tmp_path / "section.html"
    page.write_text(SECTION_PAGE, encoding="utf-8")
    out = run_cli("extract", str(page), "--portal", PROFILE, cwd=tmp_path)
    assert out.returncode == 1
    assert out.stdout == ""
    assert "is not an article (not_article" in out.stderr
    assert out.stderr.count("\n") == 1
