from pathlib import Path

import pytest

from crawler.errors import ProfileError, UnknownPortalError
from crawler.profiles import BUILTIN_DIR, get_profile, load_profile, load_profiles

VALID = """
name = "demo"
title = "Cổng demo"
base_url = "https://demo.gov.vn"
[discovery]
start_paths = ["/"]
article_pattern = '^/vi/[^/]+$'
[selectors]
article = "article.post-detail"
title = "h2.post__title"
body = "div#post__content"
[topics]
"Kinh tế" = "kinh-te"
"""


def write(tmp_path: Path, text: str, name: str = "demo.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_profiles_validate() -> None:
    profiles = load_profiles(BUILTIN_DIR)
    assert {"phutho", "phutho-fixture"} <= set(profiles)
    fixture = profiles["phutho-fixture"]
    assert fixture.is_article_url("https://phutho.fixture.test/vi/bai-viet-moi")
    assert fixture.is_article_url("https://phutho.fixture.test/node/123")
    assert not fixture.is_article_url("https://phutho.fixture.test/vi/kinh-te")
    assert fixture.owns("https://phutho.fixture.test/vi/x")
    assert not fixture.owns("https://evil.test/vi/x")


def test_minimal_profile_gets_defaults(tmp_path: Path) -> None:
    profile = load_profile(write(tmp_path, VALID))
    assert profile.base_url == "https://demo.gov.vn/"
    assert profile.domains == ("demo.gov.vn",)
    assert profile.politeness.concurrency == 2
    assert profile.start_urls == ["https://demo.gov.vn/"]
    assert profile.topics == {"Kinh tế": "kinh-te"}


@pytest.mark.parametrize(
    ("edit", "key", "problem"),
    [
        (lambda t: t.replace('name = "demo"', 'name = "Demo Portal"'), "name", "lowercase"),
        (lambda t: t.replace('base_url = "https://demo.gov.vn"', 'base_url = "demo.gov.vn"'),
         "base_url", "absolute"),
        (lambda t: t.replace("'^/vi/[^/]+$'", "'^/vi/([^/]+$'"), "discovery.article_pattern",
         "regular expression"),
        (lambda t: t.replace('"h2.post__title"', '"h2..post__title"'), "selectors.title", "CSS"),
        (lambda t: t.replace('body = "div#post__content"\n', ""), "selectors.body", "required"),
        (lambda t: t.replace('"kinh-te"', '"kinh-te-xa-hoi"'), "topics.Kinh tế", "unknown topic"),
        (lambda t: t + "\n[politeness]\nconcurrency = 0\n", "politeness.concurrency",
         "greater than 0"),
        (lambda t: t.replace('start_paths = ["/"]', 'start_paths = "/"'),
         "discovery.start_paths", "must be list"),
    ],
)
def test_bad_profile_names_file_key_and_problem(tmp_path: Path, edit, key, problem) -> None:
    path = write(tmp_path, edit(VALID))
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert info.value.key == key
    assert problem in info.value.problem
    assert str(path) in str(info.value)


def test_invalid_toml_is_a_profile_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile(write(tmp_path, "name = [unclosed"))


def test_unknown_portal_lists_known_ones(tmp_path: Path) -> None:
    write(tmp_path, VALID)
    with pytest.raises(UnknownPortalError, match="known: demo"):
        get_profile("nope", tmp_path)
