"""`portalfeed doctor` end to end: real HTTP on 127.0.0.1 (FixtureServer), the real
extractor, the verdict and its exit code."""

from __future__ import annotations

import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
FAMILIES = REPO / "seeds" / "families"


def fixture_portals() -> list[tuple[str, Path, Path]]:
    """(id, site folder, profile file): the Drupal fixture and every family fixture."""
    found = [("phutho-fixture", REPO / "seeds" / "fixture_portal" / "site",
              REPO / "crawler" / "portals" / "phutho-fixture.toml")]
    for folder in sorted(FAMILIES.glob("*/")) if FAMILIES.is_dir() else []:
        if (folder / "profile.toml").is_file() and (folder / "site").is_dir():
            found.append((folder.name, folder / "site", folder / "profile.toml"))
    return found


@pytest.mark.parametrize(("site", "profile"), [p[1:] for p in fixture_portals()],
                         ids=[p[0] for p in fixture_portals()])
def test_doctor_passes_on_every_fixture_portal(doctor_json, served, site, profile) -> None:
    with served(site) as base:
        code, report = doctor_json("--profile", str(profile), "--fetch-base", base)
    assert (code, report["verdict"]) == (0, "ok"), (report["reasons"], report["drift"])
    extracted = [s for s in report["samples"] if s["rejected"] is None]
    assert len(extracted) >= 2
    for sample in extracted:
        assert sample["values"]["title"] and sample["values"]["body_chars"] > 0


def test_doctor_by_portal_name_reads_the_bundled_profile(doctor, served) -> None:
    with served() as base:
        code, out, err = doctor("phutho-fixture", "--fetch-base", base, "--samples", "2")
    assert code == 0, out + err
    assert out.rstrip().splitlines()[-1].startswith("verdict: ok")


def test_json_report_says_what_was_fetched_and_which_rule_gave_each_field(
        doctor_json, served, make_profile) -> None:
    with served() as base:
        code, report = doctor_json("--profile", str(make_profile()), "--fetch-base", base)
    assert code == 0 and report["exit_code"] == 0
    assert report["robots"]["url"] == base + "robots.txt"
    assert [p["status"] for p in report["start_pages"]] == [200] * 4
    assert all(p["article_links"] > 0 and p["bytes"] > 1000 for p in report["start_pages"])
    assert len(report["samples"]) == 5
    assert report["requests"] == 1 + 4 + 5
    sample = next(s for s in report["samples"] if s["rejected"] is None)
    assert sample["url"].startswith("https://phutho.fixture.test/vi/")
    assert sample["layout"] == "default" and sample["extractor"] == "profile"
    fields = sample["fields"]
    assert fields["title"]["source"] == "layout:default:h2.post__title"
    assert fields["body"]["source"] == "layout:default:div#post__content"
    assert not any(f["missed"] for f in fields.values())
    assert sample["values"]["published"].endswith("+07:00")


def test_drifted_layout_is_reported_by_field_with_exit_2(
        doctor, doctor_json, served, make_profile, drifted_site) -> None:
    profile = str(make_profile())
    with served(drifted_site) as base:
        code, report = doctor_json("--profile", profile, "--fetch-base", base)
        text_code, out, _ = doctor("--profile", profile, "--fetch-base", base)
    assert (code, report["verdict"], text_code) == (2, "drift", 2)
    assert {"title", "body", "published"} <= set(report["drift"])
    assert "h2.post__title" in report["drift"]["title"]
    assert any(s["rejected"] is None for s in report["samples"])  # articles still came out
    for name in ("title", "body", "published"):
        assert re.search(rf"^drift: {name}: ", out, re.MULTILINE), out
    assert "verdict: drift" in out and "title, published, body" in out


def test_start_page_404_fails_with_exit_1(doctor_json, served, make_profile) -> None:
    profile = make_profile(start_paths='["/vi/khong-co-trang-nay"]')
    with served() as base:
        code, report = doctor_json("--profile", str(profile), "--fetch-base", base)
    assert (code, report["verdict"]) == (1, "fail")
    assert report["start_pages"][0]["status"] == 404
    assert "khong-co-trang-nay (http_404)" in report["reasons"][0]
    assert report["samples"] == []


def test_no_article_links_fails_with_exit_1(doctor, served, make_profile) -> None:
    profile = make_profile(listing="a.khong-co-lien-ket")
    with served() as base:
        code, out, _ = doctor("--profile", str(profile), "--fetch-base", base)
    assert code == 1
    assert "verdict: fail — no article links found on the start pages" in out


def test_header_clock_as_published_date_is_flagged(doctor_json, served, make_profile) -> None:
    profile = make_profile(published="div.current-date")  # the clock in the page header
    with served() as base:
        code, report = doctor_json("--profile", str(profile), "--fetch-base", base)
    assert (code, report["verdict"]) == (2, "drift")
    assert "header clock" in report["drift"]["published"]
    extracted = [s for s in report["samples"] if s["rejected"] is None]
    assert extracted and all(
        any(p["field"] == "published" and p["severity"] == "error" for p in s["problems"])
        for s in extracted)


def test_missing_byline_is_a_warning_where_the_profile_selects_one(
        doctor_json, served, make_profile) -> None:
    profile = make_profile(author="span.khong-co-tac-gia")
    with served() as base:
        code, report = doctor_json("--profile", str(profile), "--fetch-base", base)
    assert (code, report["verdict"]) == (2, "drift")  # it misses on every sample
    assert "author" in report["drift"]
    sample = next(s for s in report["samples"] if s["rejected"] is None)
    assert sample["fields"]["author"]["missed"]


def test_one_article_url_checks_that_page_only(doctor_json, served) -> None:
    url = "https://phutho.fixture.test/vi/buoi-doan-hung-vao-mua-thu-hoach"
    with served() as base:
        code, report = doctor_json("--url", url, "--fetch-base", base, "--profile",
                                   str(REPO / "crawler" / "portals" / "phutho-fixture.toml"))
    assert (code, report["verdict"]) == (0, "ok")
    assert report["start_pages"] == [] and [s["url"] for s in report["samples"]] == [url]
    assert report["samples"][0]["values"]["author"] == "Thanh Nga"


def test_robots_txt_is_obeyed_for_samples(doctor_json, served, make_profile, tmp_path) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO / "seeds" / "fixture_portal" / "site", site)
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /vi/hoi-\n", encoding="utf-8")
    with served(site) as base:
        code, report = doctor_json("--profile", str(make_profile()), "--fetch-base", base)
    assert code == 0
    assert report["robots"]["rules"] is True and report["robots_skipped"] >= 1
    denied = [u for u, ok in report["robots"]["checked"].items() if not ok]
    assert denied and all("/vi/hoi-" in u for u in denied)
    assert not any("/vi/hoi-" in s["url"] for s in report["samples"])


def test_usage_errors_exit_2(doctor, make_profile) -> None:
    assert doctor("--profile", str(make_profile()), "--samples", "0")[0] == 2
    code, _, err = doctor("--url", "https://khong-ai-so-huu.example/vi/x")
    assert code == 2 and "no profile owns" in err


class _OffsiteHandler(BaseHTTPRequestHandler):
    """The fixture's economy section, whose articles all redirect to another host."""

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        if self.path == "/vi/kinh-te":
            body = (REPO / "seeds/fixture_portal/site/vi/kinh-te/index.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        elif self.path.startswith("/vi/"):
            body = b""
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{port}/elsewhere")
        else:
            body = b"<html><body><p>elsewhere</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_articles_redirected_off_the_portal_are_not_extracted(doctor_json,
                                                              make_profile) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OffsiteHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        profile = make_profile(start_paths='["/vi/kinh-te"]')
        code, report = doctor_json("--profile", str(profile), "--fetch-base", base)
    finally:
        server.shutdown()
        server.server_close()
    assert (code, report["verdict"]) == (1, "fail")
    assert report["samples"] and {s["rejected"] for s in report["samples"]} == {
        "offsite_redirect"}
