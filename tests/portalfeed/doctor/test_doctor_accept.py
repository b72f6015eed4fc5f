"""`doctor --accept`: only the verified / enabled lines of the profile change, and only
after an ok verdict."""

from __future__ import annotations

from crawler.profiles import load_profile
from portalfeed.doctor.accept import accepted_text

REGISTRY_ENTRY = """\
# Tỉnh X: not checked live.
name = "x"
verified = false   # nobody checked it
enabled=false
title = "X"

[schedule]
enabled = false
"""


def test_accepted_text_changes_only_the_two_top_level_lines() -> None:
    text, changes = accepted_text(REGISTRY_ENTRY)
    assert text == REGISTRY_ENTRY.replace("verified = false", "verified = true").replace(
        "enabled=false\n", "enabled=true\n")
    assert "[schedule]\nenabled = false\n" in text  # a table's key is not the profile's
    assert changes == ["line 3: verified = false -> verified = true",
                       "line 4: enabled = false -> enabled = true"]


def test_accepted_text_can_keep_the_portal_disabled() -> None:
    text, changes = accepted_text(REGISTRY_ENTRY, enable=False)
    assert "verified = true   # nobody checked it\nenabled=false\n" in text
    assert len(changes) == 1


def test_accepted_text_of_an_accepted_file_is_unchanged() -> None:
    done, _ = accepted_text(REGISTRY_ENTRY)
    assert accepted_text(done) == (done, [])


def test_accept_marks_the_file_verified_after_ok(doctor, served, make_profile) -> None:
    profile = make_profile()
    before = profile.read_text(encoding="utf-8")
    with served() as base:
        code, out, _ = doctor("--profile", str(profile), "--fetch-base", base, "--accept")
    assert code == 0
    after = profile.read_text(encoding="utf-8")
    assert after == before.replace("verified = false", "verified = true").replace(
        "enabled = false", "enabled = true")
    assert "# doctor --accept sets this" in after
    loaded = load_profile(profile)
    assert loaded.enabled and getattr(loaded, "verified", True)
    assert f"accepted: {profile}: line 6: verified = false -> verified = true" in out


def test_accept_refuses_on_drift_and_leaves_the_file(doctor_json, served, make_profile,
                                                      drifted_site, capsys) -> None:
    profile = make_profile()
    before = profile.read_bytes()
    with served(drifted_site) as base:
        code, report = doctor_json("--profile", str(profile), "--fetch-base", base, "--accept")
    assert (code, report["verdict"]) == (2, "drift")
    assert "accepted" not in report
    assert profile.read_bytes() == before


def test_accept_refuses_on_fail(doctor, served, make_profile) -> None:
    profile = make_profile(start_paths='["/vi/khong-co-trang-nay"]')
    before = profile.read_bytes()
    with served() as base:
        code, _, err = doctor("--profile", str(profile), "--fetch-base", base, "--accept")
    assert code == 1 and "not accepted: the verdict is fail" in err
    assert profile.read_bytes() == before
