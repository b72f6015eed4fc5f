import pytest

from crawler.urls import absolute, canonical_url, rebase


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://PhuTho.gov.vn:443/vi/bai-viet/", "https://phutho.gov.vn/vi/bai-viet"),
        ("http://phutho.gov.vn:80/vi/a#binh-luan", "http://phutho.gov.vn/vi/a"),
        ("http://phutho.gov.vn:8080/vi/a", "http://phutho.gov.vn:8080/vi/a"),
        ("https://x.gov.vn/tin?utm_source=zalo&b=2&a=1&fbclid=z", "https://x.gov.vn/tin?a=1&b=2"),
        ("https://x.gov.vn/home;jsessionid=ABC123?p=1", "https://x.gov.vn/home?p=1"),
        ("https://x.gov.vn/", "https://x.gov.vn/"),
        (
            "https://q.gov.vn/webcenter/portal/x/pages_tin-tuc/chi-tiet?dDocName=PORTAL1"
            "&_adf.ctrl-state=13xq_4&_afrLoop=8812&_afrWindowMode=0",
            "https://q.gov.vn/webcenter/portal/x/pages_tin-tuc/chi-tiet?dDocName=PORTAL1",
        ),
        ("https://x.gov.vn", "https://x.gov.vn/"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent() -> None:
    once = canonical_url("HTTP://A.vn/x/?b=1&a=2#f")
    assert canonical_url(once) == once


def test_rebase_maps_mirror_onto_public_origin() -> None:
    got = rebase("http://127.0.0.1:5000/vi/a?page=1", "http://127.0.0.1:5000/", "https://p.vn/")
    assert got == "https://p.vn/vi/a?page=1"
    assert rebase("https://other.vn/x", "http://127.0.0.1:5000/", "https://p.vn/") == (
        "https://other.vn/x"
    )


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/vi/a", "https://p.vn/vi/a"),
        ("javascript:void(0)", None),
        ("mailto:a@p.vn", None),
        ("", None),
        (None, None),
    ],
)
def test_absolute(href: str | None, expected: str | None) -> None:
    assert absolute("https://p.vn/vi/x", href) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.phutho.gov.vn/vi/a", "https://phutho.gov.vn/vi/a"),
        ("http://WWW.Phutho.gov.vn:80/vi/a/", "https://phutho.gov.vn/vi/a"),
        ("http://phutho.gov.vn/vi/a;jsessionid=1?utm_medium=x#top", "https://phutho.gov.vn/vi/a"),
        ("https://sxd.phutho.gov.vn/vi/a", "https://sxd.phutho.gov.vn/vi/a"),
        ("https://www.other.vn/vi/a", "https://www.other.vn/vi/a"),
    ],
)
def test_canonical_url_takes_the_home_origin(url: str, expected: str) -> None:
    assert canonical_url(url, home="https://phutho.gov.vn/") == expected


def test_canonical_url_keeps_www_when_home_has_it() -> None:
    got = canonical_url("http://phutho.gov.vn/vi/a", home="https://www.phutho.gov.vn/")
    assert got == "https://www.phutho.gov.vn/vi/a"
