"""Article images versus icons, logos, spacers, placeholders and tracking pixels."""

from __future__ import annotations

import pytest

from crawler.normalize.images import best_from_srcset, is_junk_image


@pytest.mark.parametrize(
    ("url", "width", "height"),
    [
        ("https://portal.gov.vn/themes/portal/images/icons/facebook.png", None, None),
        ("https://portal.gov.vn/images/logo.png", None, None),
        ("https://portal.gov.vn/images/spacer.gif", "1", "1"),
        ("https://portal.gov.vn/Portal/Images/print.gif", None, None),
        ("https://www.google-analytics.com/collect?v=1", None, None),
        ("https://portal.gov.vn/upload/anh.jpg", "16", "16"),
        ("data:image/gif;base64,R0lGODlhAQABAAAAACw=", None, None),
        ("https://portal.gov.vn/images/loading.gif", None, None),
    ],
)
def test_junk(url: str, width: str | None, height: str | None) -> None:
    assert is_junk_image(url, width, height)


@pytest.mark.parametrize(
    "url",
    [
        "https://phutho.gov.vn/sites/default/files/users/user200/tr1.jpg",
        "https://baophutho.vn/upload/images/2024/che-1.jpg",
        "https://quangninh.gov.vn/PublishingImages/2024/hoi-nghi-tong-ket.jpg",
    ],
)
def test_article_images(url: str) -> None:
    assert not is_junk_image(url, "600", "400")
    assert not is_junk_image(url)


def test_srcset_takes_the_widest() -> None:
    assert best_from_srcset("a-480.jpg 480w, a.jpg 1024w, a-800.jpg 800w") == "a.jpg"
    assert best_from_srcset("a.jpg 1x, a@2x.jpg 2x") == "a@2x.jpg"
    assert best_from_srcset("only.jpg") == "only.jpg"
    assert best_from_srcset(" , ") is None
