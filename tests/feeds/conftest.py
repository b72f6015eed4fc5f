"""Hand-made stored articles covering what feeds must survive.

Fixtures only: tests run with --import-mode=importlib, so they cannot import a
sibling helper module.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from crawler.model import Article, Image, PortalInfo, StoredArticle

VN = timezone(timedelta(hours=7))
BASE_URL = "https://tin.example.vn/"
TRICKY_LEAD = "Người dân đón Tết trong ‹niềm vui> & hy vọng <mới>"


def stored(article: Article, guid: str, first_seen: datetime, revised: datetime | None = None
           ) -> StoredArticle:
    return StoredArticle(article=article, guid=guid, first_seen=first_seen,
                         revised=revised or first_seen)


def full_article() -> StoredArticle:
    article = Article(
        title="Liên hiệp các Hội Khoa học & Kỹ thuật tỉnh: chỉ tiêu <2022>",
        url="https://phutho.gov.vn/tin/lien-hiep-hoi-2022",
        portal="phutho",
        published=datetime(2022, 1, 19, 8, 30, tzinfo=VN),
        published_precision="datetime",
        author="Thu Hương",
        lead=TRICKY_LEAD,
        body=["Đoạn một.", "Đoạn hai."],
        body_html="<p>Đoạn một.</p><p>Đoạn hai &amp; ba.</p>",
        images=[Image("https://phutho.gov.vn/anh/hoi-nghi.JPG", "Quang cảnh hội nghị")],
        topics=["khoa-hoc-cong-nghe", "kinh-te"],
    )
    return stored(article, "urn:uuid:2b1f0c52-0d6a-4f6e-9f63-2f9a3c1e0a01",
                  datetime(2022, 1, 19, 9, 0, tzinfo=VN))


def date_only_article() -> StoredArticle:
    """Date-only, no author, no images, no body_html, a control character in the title."""
    article = Article(
        title="Thông báo\x0blịch tiếp công dân tháng 1",
        url="https://phutho.gov.vn/tin/lich-tiep-cong-dan",
        portal="phutho",
        published=datetime(2022, 1, 18, tzinfo=VN),
        published_precision="date",
        lead="Lịch tiếp công dân định kỳ.",
        body=["Lịch tiếp công dân định kỳ.", "Chủ tịch UBND tỉnh tiếp công dân ngày 20/1."],
        topics=["kinh-te"],
    )
    return stored(article, "urn:uuid:7c0d1e2f-3a4b-4c5d-8e6f-708192a3b4c5",
                  datetime(2022, 1, 18, 15, 0, tzinfo=VN))


def utc_article() -> StoredArticle:
    """Dated in UTC; its guid is its URL, so the RSS guid is a permalink."""
    url = "https://hagiang.gov.vn/tin/du-lich-mua-hoa"
    article = Article(
        title="Du lịch mùa hoa tam giác mạch",
        url=url,
        portal="hagiang",
        published=datetime(2022, 1, 19, 1, 30, tzinfo=UTC),
        published_precision="datetime",
        author="Minh Đức",
        lead="Hà Giang đón khách.",
        body_html="<p>Hà Giang đón khách.</p>",
        images=[Image("https://hagiang.gov.vn/img/hoa.png")],
        topics=["kinh-te"],
    )
    return stored(article, url, datetime(2022, 1, 19, 9, 0, tzinfo=VN),
                  revised=datetime(2022, 1, 20, 10, 0, tzinfo=VN))


@pytest.fixture
def articles() -> list[StoredArticle]:
    return [date_only_article(), utc_article(), full_article()]


@pytest.fixture
def portals() -> dict[str, PortalInfo]:
    return {
        "phutho": PortalInfo("phutho", "Cổng TTĐT tỉnh Phú Thọ", "https://phutho.gov.vn/",
                             ttl_minutes=30,
                             last_success=datetime(2022, 1, 20, 1, 5, tzinfo=UTC)),
        "hagiang": PortalInfo("hagiang", "Cổng TTĐT tỉnh Hà Giang", "https://hagiang.gov.vn/"),
    }


@pytest.fixture
def base_url() -> str:
    return BASE_URL


@pytest.fixture
def tricky_lead() -> str:
    return TRICKY_LEAD
