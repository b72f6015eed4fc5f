"""The SharePoint, WebCenter, ASP.NET and slug-nid family profiles: what a site gets
by naming its family, and which URLs each family takes for articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.profiles import Profile, load_profile

SITE = """name = "probe"
title = "Probe"
base_url = "https://probe.example.vn/"
family = "{family}"
enabled = false
"""


def bare_site(tmp_path: Path, family: str) -> Profile:
    """A site profile that names the family and sets nothing else it could inherit."""
    path = tmp_path / f"{family}.toml"
    path.write_text(SITE.format(family=family), encoding="utf-8")
    return load_profile(path)


@pytest.mark.parametrize("family", ["sharepoint", "webcenter", "aspnet", "slug-nid"])
def test_a_bare_site_profile_inherits_a_working_family(tmp_path: Path, family: str) -> None:
    profile = bare_site(tmp_path, family)
    assert profile.family == family
    assert profile.layouts and all(lay.selectors.body for lay in profile.layouts)
    assert profile.discovery.start_paths and profile.discovery.listing_links != "a"
    assert profile.discovery.pagination
    assert profile.politeness.download_delay >= 2.0  # real portals: polite by default


ARTICLE_URLS = [
    ("sharepoint", "/Trang/ChiTietTinTuc.aspx?nid=38211", True),
    ("sharepoint", "/So/soxaydung/Trang/ChiTietTinTuc.aspx?nid=12", True),
    ("sharepoint", "/trang/chitiettintuc.aspx?nid=12", True),  # SharePoint ignores case
    ("sharepoint", "/Trang/ChiTietTinTuc.aspx?cid=3&nid=12", True),
    ("sharepoint", "/Trang/ChiTietTinTuc.aspx?nidx=12", False),
    ("sharepoint", "/Trang/tin-tuc-su-kien.aspx?Page=2", False),
    ("sharepoint", "/_layouts/15/Authenticate.aspx?Source=%2FTrang%2FChiTietTinTuc.aspx", False),
    ("webcenter", "/webcenter/portal/quangnam/pages_tin-tuc/chi-tiet?dDocName=PORTAL241507", True),
    ("webcenter", "/webcenter/portal/queson/pages_thong-bao/chi-tiet"
                  "?_adf.ctrl-state=1a2b_4&dDocName=PORTAL1", True),
    ("webcenter", "/webcenter/portal/quangnam/pages_tin-tuc?page=2", False),
    ("webcenter", "/webcenter/portal/quangnam/pages_tin-tuc/chi-tiet?dDocName=UCM001", False),
    ("webcenter", "/cs/groups/quangnam/documents/image/portal241507-1.jpg", False),
    ("aspnet", "/default.aspx?nid=51023", True),
    ("aspnet", "/Default.aspx?tabid=4&NID=51023", True),
    ("aspnet", "/p-UBNDTP/d51107/cang-bien-don-tau-container-trong-tai-lon.aspx", True),
    ("aspnet", "/p-UBNDTP/d51107", True),
    ("aspnet", "/Portal/PrintItem.aspx?ContentID=51023", False),
    ("aspnet", "/tin-tuc-su-kien.aspx?trang=2", False),
    ("aspnet", "/default.aspx?tabid=5", False),
    ("slug-nid", "/hoi-nghi-trien-khai-nhiem-vu-khoa-hoc-cong-nghe-sau-hop-nhat-n8447.html", True),
    ("slug-nid", "/hoi-thao-khoa-hoc-ve-bao-ton-nguon-gen-cay-che-shan-n1325", True),
    ("slug-nid", "/tin-tuc-su-kien", False),
    ("slug-nid", "/tin-tuc-su-kien?page=2", False),
    ("slug-nid", "/uploads/news/2025_07/hoi-nghi-trien-khai-nhiem-vu.jpg", False),
]


@pytest.mark.parametrize(("family", "path", "is_article"), ARTICLE_URLS,
                         ids=[f"{f}:{p}" for f, p, _ in ARTICLE_URLS])
def test_article_pattern(tmp_path: Path, family: str, path: str, is_article: bool) -> None:
    profile = bare_site(tmp_path, family)
    assert profile.is_article_url("https://probe.example.vn" + path) is is_article
