"""The profile keys of discovery and politeness that the spider reads."""

from pathlib import Path

import pytest

from crawler.errors import ProfileError
from crawler.profiles import BUILTIN_DIR, load_profile

FIXTURE = (BUILTIN_DIR / "phutho-fixture.toml").read_text(encoding="utf-8")


def profile_with(tmp_path: Path, discovery: str = "", politeness: str = "") -> Path:
    text = FIXTURE.replace("max_listing_pages = 50", "max_listing_pages = 50\n" + discovery)
    text = text.replace("timeout_s = 10", "timeout_s = 10\n" + politeness)
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_absent() -> None:
    profile = load_profile(BUILTIN_DIR / "phutho-fixture.toml")
    assert profile.discovery.sitemaps == () and profile.discovery.feeds == ()
    assert profile.discovery.recheck_days is None
    assert profile.politeness.autothrottle is True
    assert profile.politeness.max_page_bytes == 5_000_000


def test_keys_are_read(tmp_path: Path) -> None:
    path = profile_with(tmp_path, 'sitemaps = ["/sitemap.xml"]\nfeeds = ["/rss.xml"]\n'
                        "recheck_days = 2", "autothrottle = false\nmax_page_bytes = 1000")
    profile = load_profile(path)
    assert profile.discovery.sitemaps == ("/sitemap.xml",)
    assert profile.discovery.feeds == ("/rss.xml",)
    assert profile.discovery.recheck_days == 2.0
    assert profile.politeness.autothrottle is False
    assert profile.politeness.max_page_bytes == 1000


@pytest.mark.parametrize(
    ("discovery", "politeness", "key"),
    [
        ("recheck_days = -1", "", "discovery.recheck_days"),
        ('sitemaps = "/sitemap.xml"', "", "discovery.sitemaps"),
        ("feeds = [1]", "", "discovery.feeds"),
        ("", 'autothrottle = "no"', "politeness.autothrottle"),
        ("", "max_page_bytes = 0", "politeness.max_page_bytes"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path: Path, discovery: str, politeness: str,
                                      key: str) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(profile_with(tmp_path, discovery, politeness))
    assert caught.value.key == key
    assert caught.value.source.endswith("p.toml")


def test_the_spider_allows_the_portals_former_domains() -> None:
    """Phú Thọ's merged provinces' portals (aliases) hold old links of the same portal."""
    from crawler.spiders.portal import PortalSpider

    spider = PortalSpider(portal="phutho")
    assert {"vinhphuc.gov.vn", "hoabinh.gov.vn"} <= set(spider.allowed_domains)
    assert "phutho.gov.vn" in spider.allowed_domains
