"""Family profiles, layout versions and the registry keys of the profile format."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.errors import ProfileError
from crawler.profile_families import BUILTIN_FAMILIES, deep_merge, family_names
from crawler.profiles import BUILTIN_DIR, Layout, Profile, Selectors, load_profile, load_profiles

SITE = """
name = "demo"
title = "Cổng demo"
base_url = "https://demo.gov.vn"
family = "shop"
[discovery]
start_paths = ["/", "/tin-tuc"]
"""

FAMILY = """
# a platform: what every site on it shares
[discovery]
start_paths = ["/"]
article_pattern = '^/tin/\\d+$'
exclude_patterns = ['^/tin/0$']
listing_links = ".list a"
pagination = ".pager a"
[selectors]
article = "div.detail"
title = "h1.title"
body = "div.content"
published = "span.date"
remove = [".share"]
[[layouts]]
name = "2015"
article = "table.news"
title = "td.tieude"
body = "td.noidung"
[politeness]
download_delay = 5.0
concurrency = 1
"""


def setup(tmp_path: Path, site: str = SITE, family: str = FAMILY) -> Path:
    (tmp_path / "families").mkdir(exist_ok=True)
    (tmp_path / "families" / "shop.toml").write_text(family, encoding="utf-8")
    path = tmp_path / "demo.toml"
    path.write_text(site, encoding="utf-8")
    return path


def error_of(path: Path) -> ProfileError:
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    return info.value


def test_site_inherits_the_family_tables(tmp_path: Path) -> None:
    profile = load_profile(setup(tmp_path))
    assert profile.family == "shop"
    assert profile.discovery.start_paths == ("/", "/tin-tuc")  # the site's own
    assert profile.discovery.listing_links == ".list a"  # the family's
    assert profile.is_article_url("https://demo.gov.vn/tin/12")
    assert not profile.is_article_url("https://demo.gov.vn/tin/0")
    assert profile.politeness.download_delay == 5.0
    assert profile.selectors.title == "h1.title"
    assert [lay.name for lay in profile.layouts] == ["default", "2015"]


def test_a_site_key_replaces_the_family_value_lists_included(tmp_path: Path) -> None:
    site = SITE + "exclude_patterns = ['^/tin/9$']\n[politeness]\nconcurrency = 3\n"
    profile = load_profile(setup(tmp_path, site))
    assert [p.pattern for p in profile.discovery.exclude_patterns] == ["^/tin/9$"]
    assert profile.politeness.concurrency == 3
    assert profile.politeness.download_delay == 5.0  # the rest of the table stays


def test_site_selectors_merge_key_by_key_into_the_default_layout(tmp_path: Path) -> None:
    site = SITE + '[selectors]\nbody = "div.noi-dung"\nremove = [".print"]\n'
    profile = load_profile(setup(tmp_path, site))
    default = profile.layouts[0]
    assert default.name == "default"
    assert default.selectors.body == "div.noi-dung"
    assert default.selectors.title == "h1.title"
    assert default.selectors.remove == (".print",)
    assert profile.selectors == default.selectors


def test_site_layouts_come_before_the_familys(tmp_path: Path) -> None:
    site = SITE + '[[layouts]]\nname = "2025"\narticle = "main.article"\ntitle = "h1"\n' \
        'body = ".body"\n'
    profile = load_profile(setup(tmp_path, site))
    assert [lay.name for lay in profile.layouts] == ["2025", "default", "2015"]
    assert profile.selectors.article == "main.article"  # the first layout's
    assert profile.article_css == "main.article, div.detail, table.news"


def test_site_layout_of_the_same_name_replaces_the_familys(tmp_path: Path) -> None:
    site = SITE + '[[layouts]]\nname = "2015"\narticle = "table.tin"\ntitle = "h1"\n' \
        'body = ".body"\n'
    profile = load_profile(setup(tmp_path, site))
    assert [(lay.name, lay.selectors.article) for lay in profile.layouts] == [
        ("2015", "table.tin"), ("default", "div.detail")]


def test_a_plain_selectors_table_is_the_default_layout(tmp_path: Path) -> None:
    text = SITE.replace('family = "shop"\n', "") + "article_pattern = '^/x$'\n" + (
        '[selectors]\narticle = "a1"\ntitle = "t1"\nbody = "b1"\n'
        '[[layouts]]\nname = "moi"\narticle = "a2"\ntitle = "t2"\nbody = "b2"\n')
    path = tmp_path / "plain.toml"
    path.write_text(text, encoding="utf-8")
    profile = load_profile(path)
    assert profile.family == ""
    assert profile.layouts == (
        Layout("default", Selectors("a1", "t1", "b1")), Layout("moi", Selectors("a2", "t2", "b2")))


def test_a_profile_without_selectors_extracts_generically(tmp_path: Path) -> None:
    family = FAMILY.split("[selectors]")[0]
    profile = load_profile(setup(tmp_path, family=family))
    assert profile.layouts == ()
    assert profile.selectors.article == ""
    assert profile.article_css == ""


def test_a_profile_built_in_code_has_its_selectors_as_the_one_layout() -> None:
    base = load_profile(BUILTIN_DIR / "phutho-fixture.toml")
    profile = Profile(name="x", title="x", base_url="https://x.vn/", domains=("x.vn",),
                      selectors=Selectors("a", "t", "b"), discovery=base.discovery)
    assert profile.layouts == (Layout("default", Selectors("a", "t", "b")),)


def test_the_operators_families_folder_comes_before_the_builtin(tmp_path: Path) -> None:
    site = SITE.replace('"shop"', '"drupal"')
    path = setup(tmp_path, site)
    (tmp_path / "families" / "drupal.toml").write_text(FAMILY, encoding="utf-8")
    assert load_profile(path).selectors.article == "div.detail"
    (tmp_path / "families" / "drupal.toml").unlink()
    builtin = load_profile(path)
    assert builtin.selectors.article == "article.post-detail"


def test_family_files_are_not_portals(tmp_path: Path) -> None:
    setup(tmp_path)
    assert set(load_profiles(tmp_path)) == {"demo"}


def test_deep_merge_merges_tables_and_replaces_lists() -> None:
    base = {"a": {"x": 1, "y": [1, 2], "t": {"k": 1}}, "b": 2}
    over = {"a": {"y": [3], "t": {"j": 2}}, "c": 3}
    assert deep_merge(base, over) == {"a": {"x": 1, "y": [3], "t": {"k": 1, "j": 2}},
                                      "b": 2, "c": 3}
    assert base["a"]["y"] == [1, 2]  # inputs untouched


def test_new_top_level_keys(tmp_path: Path) -> None:
    site = SITE.replace('family = "shop"\n', 'family = "shop"\nverified = false\n'
                        'enabled = false\nlevel = "department"\nparent = "phutho"\n'
                        'aliases = ["vinhphuc.gov.vn", "https://www.HoaBinh.gov.vn/"]\n'
                        'merged_from = ["vinhphuc", "hoabinh"]\n')
    profile = load_profile(setup(tmp_path, site))
    assert (profile.verified, profile.enabled, profile.level) == (False, False, "department")
    assert profile.parent == "phutho"
    assert profile.aliases == ("vinhphuc.gov.vn", "www.hoabinh.gov.vn")
    assert profile.merged_from == ("vinhphuc", "hoabinh")
    assert profile.owns("https://vinhphuc.gov.vn/tin/1")
    assert profile.owns("https://www.vinhphuc.gov.vn/tin/1")
    assert not profile.owns("https://baovinhphuc.vn/tin/1")


def test_defaults_of_the_new_keys(tmp_path: Path) -> None:
    profile = load_profile(setup(tmp_path))
    assert (profile.verified, profile.level, profile.aliases, profile.parent,
            profile.merged_from) == (True, "province", (), "", ())


@pytest.mark.parametrize(
    ("site_edit", "family", "key", "problem"),
    [
        (lambda s: s.replace('"shop"', '"nope"'), FAMILY, "family", "unknown family 'nope'"),
        (lambda s: s.replace('"shop"', '"../shop"'), FAMILY, "family", "unknown family"),
        (lambda s: s.replace('"shop"', "3"), FAMILY, "family", "must be str"),
        (lambda s: s + '[[layouts]]\narticle = "a"\ntitle = "t"\nbody = "b"\n', FAMILY,
         "layouts[0].name", "is required"),
        (lambda s: s + '[[layouts]]\nname = " "\narticle = "a"\ntitle = "t"\nbody = "b"\n',
         FAMILY, "layouts[0].name", "must not be empty"),
        (lambda s: s + ('[[layouts]]\nname = "v"\narticle = "a"\ntitle = "t"\nbody = "b"\n' * 2),
         FAMILY, "layouts[1].name", "duplicate layout name 'v'"),
        (lambda s: s + '[[layouts]]\nname = "v"\narticle = "a"\ntitle = "t..x"\nbody = "b"\n',
         FAMILY, "layouts[0].title", "invalid CSS"),
        (lambda s: s + '[[layouts]]\nname = "v"\narticle = "a"\nbody = "b"\n', FAMILY,
         "layouts[0].title", "is required"),
        (lambda s: s.replace('family = "shop"', 'family = "shop"\nverified = false'), FAMILY,
         "verified", "enabled = false"),
        (lambda s: s.replace('family = "shop"', 'family = "shop"\nlevel = "city"'), FAMILY,
         "level", "must be one of"),
        (lambda s: s.replace('family = "shop"', 'family = "shop"\naliases = ["a.vn/x"]'),
         FAMILY, "aliases", "must list domains"),
        (lambda s: s.replace('family = "shop"', 'family = "shop"\nlayouts = 3'), FAMILY,
         "layouts", "array of tables"),
    ],
)
def test_bad_family_or_layout_names_file_key_and_problem(tmp_path: Path, site_edit, family,
                                                          key, problem) -> None:
    path = setup(tmp_path, site_edit(SITE), family)
    error = error_of(path)
    assert error.key == key
    assert problem in error.problem
    assert error.source == str(path)


def test_duplicate_layout_names_in_the_family_file(tmp_path: Path) -> None:
    family = FAMILY + '[[layouts]]\nname = "2015"\narticle = "a"\ntitle = "t"\nbody = "b"\n'
    error = error_of(setup(tmp_path, family=family))
    assert "duplicate layout name '2015'" in error.problem
    assert "shop.toml" in error.key


@pytest.mark.parametrize("key", ["name", "base_url", "family", "domains"])
def test_a_family_must_not_carry_a_portals_identity(tmp_path: Path, key: str) -> None:
    family = f'{key} = "x"\n' + FAMILY
    error = error_of(setup(tmp_path, family=family))
    assert error.source.endswith("shop.toml")
    assert error.key == key


def test_a_family_that_is_not_toml_names_its_file(tmp_path: Path) -> None:
    error = error_of(setup(tmp_path, family="[discovery"))
    assert error.source.endswith("shop.toml") and "not valid TOML" in error.problem


@pytest.mark.parametrize("family", family_names(BUILTIN_DIR))
def test_every_builtin_family_validates_under_a_site(tmp_path: Path, family: str) -> None:
    site = SITE.replace('"shop"', f'"{family}"')
    path = tmp_path / "site.toml"
    path.write_text(site, encoding="utf-8")
    profile = load_profile(path)
    assert profile.family == family
    assert profile.discovery.article_pattern.pattern


def test_the_builtin_families_cover_the_contract() -> None:
    names = {p.stem for p in BUILTIN_FAMILIES.glob("*.toml")}
    assert {"drupal", "liferay-vcms", "dotnetnuke", "sharepoint", "webcenter", "aspnet",
            "slug-nid", "generic"} <= names


def test_the_generic_family_has_no_selectors_and_a_broad_pattern(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    path.write_text(SITE.replace('"shop"', '"generic"'), encoding="utf-8")
    profile = load_profile(path)
    assert profile.layouts == ()
    articles = [
        "/tin-tuc/hoi-nghi-tong-ket-cong-tac-cai-cach-hanh-chinh-nam-2024.html",
        "/vi/lien-hiep-cac-hoi-khoa-hoc-va-ky-thuat-tinh-trien-khai-nhiem-vu",
        "/ung-dung-cong-nghe-moi-n8447", "/startup/khoi-nghiep-n879.html", "/article/123456",
        "/node/27315", "/Trang/ChiTietTinTuc.aspx?nid=4521",
        "/webcenter/portal/qnp/pages_tin-tuc/chi-tiet?dDocName=PORTAL123456",
        "/default.aspx?nid=88&cat=2", "/?details=5012&menuID=3&CongID=1",
        "/Chuyenmuctin/Chitiettin/tabid/92/title/1234/ctitle/5/Default.aspx",
        "/web/guest/tin-tuc/-/vcmsviewcontent/Q16u/10405/lich-su.html",
    ]
    others = ["/", "/tin-tuc-su-kien", "/khoa-hoc-cong-nghe", "/van-hoa-xa-hoi",
              "/tin-hoat-dong/tin-tuc-chung/trang-302.html", "/upload/2024/ke-hoach-so-123.pdf",
              "/tim-kiem?q=hoi-nghi-tong-ket-cong-tac-nam-2024", "/lien-he", "/gioi-thieu"]
    for path_ in articles:
        assert profile.is_article_url("https://demo.gov.vn" + path_), path_
    for path_ in others:
        assert not profile.is_article_url("https://demo.gov.vn" + path_), path_
