"""`portalfeed profile draft`: from URLs (over 127.0.0.1), from saved files, and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.profiles import load_profile
from portalfeed.cli import main
from portalfeed.fixture_server import FixtureServer

REPO = Path(__file__).resolve().parents[3]
SITE = REPO / "seeds" / "fixture_portal" / "site"
PUBLIC = "https://phutho.fixture.test"
ARTICLE = "/vi/hat-xoan-phu-tho-duoc-luu-giu-va-lan-toa"
LISTING = "/vi/van-hoa-xa-hoi"


@pytest.fixture(scope="module")
def server() -> FixtureServer:
    with FixtureServer(site=SITE) as running:
        yield running


def draft(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--workdir", str(tmp_path), "profile", "draft", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_draft_from_saved_files_equals_the_draft_from_the_served_pages(
        server: FixtureServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    served = draft(tmp_path, capsys, PUBLIC + ARTICLE, "--listing", PUBLIC + LISTING,
                   "--fetch-base", server.url)
    saved = draft(tmp_path, capsys, "--article-file", str(SITE / (ARTICLE[1:] + ".html")),
                  "--url", PUBLIC + ARTICLE,
                  "--listing-file", str(SITE / LISTING[1:] / "index.html"),
                  "--listing-url", PUBLIC + LISTING)
    assert served[0] == saved[0] == 0, served[2] + saved[2]
    assert served[1] == saved[1]
    assert served[1].startswith("# DRAFT")
    assert "re-extraction differs on no field" in served[2]


def test_paths_may_stand_in_for_urls_and_the_output_loads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "drafts" / "phutho.toml"
    code, stdout, err = draft(tmp_path, capsys, str(SITE / (ARTICLE[1:] + ".html")),
                              "--url", PUBLIC + ARTICLE,
                              "--listing", str(SITE / LISTING[1:] / "index.html"),
                              "--listing-url", PUBLIC + LISTING, "--name", "phutho-draft",
                              "-o", str(out))
    assert code == 0, err
    assert stdout == ""
    profile = load_profile(out)
    assert profile.name == "phutho-draft"
    assert not profile.enabled and not profile.verified
    assert profile.is_article_url(PUBLIC + ARTICLE)
    assert not profile.is_article_url(PUBLIC + LISTING)


def test_a_listing_given_as_the_article_is_a_clear_error(
        server: FixtureServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = draft(tmp_path, capsys, PUBLIC + LISTING, "--listing", PUBLIC + LISTING,
                           "--fetch-base", server.url)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"portalfeed: error: {PUBLIC + LISTING}: ")
    assert "no article" in err


def test_the_home_page_given_as_the_article_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = draft(tmp_path, capsys, "--article-file", str(SITE / "index.html"),
                           "--url", PUBLIC + "/")
    assert (code, out) == (1, "")
    assert "no article" in err and err.count("\n") == 1


def test_a_missing_page_or_url_is_a_usage_error(
        server: FixtureServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    no_url = draft(tmp_path, capsys, "--article-file", str(SITE / "index.html"))
    assert no_url[0] == 2 and "--url" in no_url[2]
    missing = draft(tmp_path, capsys, str(tmp_path / "nope.html"), "--url", PUBLIC + ARTICLE)
    assert missing[0] == 2 and "cannot read" in missing[2]
    gone = draft(tmp_path, capsys, PUBLIC + "/vi/khong-co", "--fetch-base", server.url)
    assert gone[0] == 1 and "HTTP 404" in gone[2]


def test_a_sample_of_another_layout_adds_a_layout_version(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A redesigned page (every class renamed) given with --also: the draft gains a second
    [[layouts]] that reads it as the hand-written profile reads the original."""
    from crawler.api import extract_page

    other = "/vi/day-manh-chuyen-doi-so-cap-xa"
    original = (SITE / (other[1:] + ".html")).read_text(encoding="utf-8")
    redesigned = original.replace("post-detail", "tin-chi-tiet").replace("post__", "tin__")
    (tmp_path / "redesign.html").write_text(redesigned, encoding="utf-8")
    out = tmp_path / "draft.toml"
    code, _, err = draft(tmp_path, capsys, "--article-file", str(SITE / (ARTICLE[1:] + ".html")),
                         "--url", PUBLIC + ARTICLE, "--also", str(tmp_path / "redesign.html"),
                         "--listing-file", str(SITE / LISTING[1:] / "index.html"),
                         "--listing-url", PUBLIC + LISTING, "-o", str(out))
    assert code == 0, err
    profile = load_profile(out)
    assert [lay.name for lay in profile.layouts] == ["draft-1", "draft-2"]
    assert "tin__" in profile.layouts[1].selectors.title
    mine = extract_page(redesigned, PUBLIC + other, profile).to_dict()
    theirs = extract_page(original, PUBLIC + other, "phutho-fixture").to_dict()
    for field in ("title", "published", "author", "lead", "body", "captions"):
        assert mine[field] == theirs[field], field


def test_robots_txt_is_obeyed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "vi").mkdir(parents=True)
    page = SITE / (ARTICLE[1:] + ".html")
    (site / (ARTICLE[1:] + ".html")).write_bytes(page.read_bytes())
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /vi/\n", encoding="utf-8")
    with FixtureServer(site=site) as mirror:
        code, out, err = draft(tmp_path, capsys, PUBLIC + ARTICLE, "--fetch-base", mirror.url)
    assert (code, out) == (1, "")
    assert "robots.txt forbids" in err
