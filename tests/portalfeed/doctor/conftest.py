"""Fixtures of the doctor tests: a standalone test profile of the fixture portal,
drifted copies of its site, and `portalfeed doctor` run in this process (doctor
needs no Twisted reactor) against a FixtureServer on a free port of 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from portalfeed.cli import main

REPO = Path(__file__).resolve().parents[3]
FIXTURE_SITE = REPO / "seeds" / "fixture_portal" / "site"
FIXTURE_PROFILE = REPO / "crawler" / "portals" / "phutho-fixture.toml"

# The fixture portal's profile spelled out without a family, so these tests do not
# depend on how the bundled profile is split between site and family files.
PROFILE = """\
# A registry entry as nobody has checked it yet (doctor tests).
name = "doctor-fixture"
title = "Fixture portal (doctor tests)"
base_url = "https://phutho.fixture.test/"
domains = ["phutho.fixture.test"]
verified = false   # doctor --accept sets this
enabled = false

[politeness]
download_delay = 0.0
timeout_s = 10

[discovery]
start_paths = {start_paths}
article_pattern = '^/(vi/[^/?#]+|node/\\d+)$'
exclude_patterns = [
    '^/vi/(tin-tuc-su-kien|kinh-te|van-hoa-xa-hoi|khoa-hoc-cong-nghe)$',
    '^/vi/(nong-nghiep|thong-bao|gioi-thieu)$',
]
listing_links = "{listing}"
pagination = "nav.pager a"

[selectors]
article = "article.post-detail"
title = "h2.post__title"
published = "{published}"
lead = "strong#post__summary"
body = "div#post__content"
category = "div.post__category"
author = "{author}"
remove = [".social-media-share-block", ".post__tools"]
"""
START_PATHS = '["/", "/vi/tin-tuc-su-kien", "/vi/kinh-te", "/vi/van-hoa-xa-hoi"]'
LISTING = ".pt-post__title a, .post-item a[rel=bookmark]"


@pytest.fixture
def make_profile(tmp_path: Path) -> Callable[..., Path]:
    """A profile file in tmp_path; keyword arguments change its placeholders."""
    def write(**changes: str) -> Path:
        values = {"start_paths": START_PATHS, "listing": LISTING,
                  "published": "div.post__datetime", "author": ""} | changes
        path = tmp_path / "doctor-fixture.toml"
        path.write_text(PROFILE.format(**values), encoding="utf-8")
        return path
    return write


@pytest.fixture
def drifted_site(tmp_path: Path) -> Path:
    """The fixture portal after a redesign: the title, body and date classes renamed
    in every page (listing markup and the article wrapper stay)."""
    site = tmp_path / "drifted-site"
    shutil.copytree(FIXTURE_SITE, site)
    renames = {"post__title": "entry-heading", "post__content": "entry-text",
               "post__datetime": "entry-date"}
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for old, new in renames.items():
            text = re.sub(rf"(?<![\w-]){old}(?![\w-])", new, text)
        page.write_text(text, encoding="utf-8")
    return site


@pytest.fixture
def doctor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple]:
    """`portalfeed doctor ARGS` in this process: (exit code, stdout, stderr)."""
    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--workdir", str(tmp_path), "doctor", *args])
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def doctor_json(doctor: Callable[..., tuple]) -> Callable[..., tuple[int, dict]]:
    """`portalfeed doctor ARGS --json`: (exit code, the parsed report)."""
    def run(*args: str) -> tuple[int, dict]:
        code, out, err = doctor(*args, "--json")
        assert out.strip(), err
        return code, json.loads(out)
    return run


@pytest.fixture
def served() -> Callable[[Path], object]:
    """`with served(site) as base_url:` a FixtureServer of that folder."""
    from contextlib import contextmanager

    from portalfeed.fixture_server import FixtureServer

    @contextmanager
    def serve(site: Path = FIXTURE_SITE):
        with FixtureServer(site=site) as server:
            yield server.url
    return serve
