"""The seed article, as text: the Article of DESIGN.md, field by field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler import extract_page
from crawler.model import Article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_f1f44bc26ae30840.txt"

TITLE = "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh triển khai nhiệm vụ năm 2022"
LEAD = (
    "Ngày 19/1/2022, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh (Liên hiệp Hội) tổ chức hội "
    "nghị tổng kết công tác năm 2021 và triển khai nhiệm vụ năm 2022."
)
CAPTIONS = [
    "Các hội thành viên của Liên hiệp Hội ký giao ước thi đua năm 2022",
    "Lãnh đạo Liên hiệp Hội tặng Cờ thi đua cho tập thể có thành tích xuất sắc năm 2021",
    "Lãnh đạo Liên hiệp Hội tặng Giấy khen cho các tập thể có thành tích xuất sắc trong năm 2021",
]
# The opening words of the nine body paragraphs, in order.
BODY_STARTS = [
    "Ngày 19/1/2022, Liên hiệp các Hội",
    "Dự hội nghị có đại diện lãnh đạo",
    "Hiện nay, Liên hiệp Hội có 1 cơ quan",
    "Nội dung, phương thức hoạt động Hội",
    "Hoạt động khoa học công nghệ, truyền thông",
    "Liên hiệp Hội tiếp tục đổi mới các hoạt động",
    "Công tác tổ chức các cuộc thi, hội thi",
    "Năm 2022, Liên hiệp Hội đoàn kết",
    "Trong dịp này, Liên hiệp Hội đã tặng",
]


@pytest.fixture(scope="module")
def seed() -> Article:
    return extract_page(SEED.read_bytes(), content_type="text/plain")


def test_title(seed: Article) -> None:
    assert seed.title == TITLE


def test_source_label(seed: Article) -> None:
    assert seed.source_label == "PhuthoPortal"


def test_published_is_the_dateline_day_in_vietnam_time(seed: Article) -> None:
    assert seed.published is not None
    assert seed.published.isoformat() == "2022-01-19T00:00:00+07:00"
    assert seed.published_precision == "date"


def test_lead_is_first_paragraph_without_dateline(seed: Article) -> None:
    assert seed.lead == LEAD


def test_body_is_the_nine_paragraphs_in_order(seed: Article) -> None:
    assert len(seed.body) == 9
    for paragraph, start in zip(seed.body, BODY_STARTS, strict=True):
        assert paragraph.startswith(start)
    assert seed.body[0] == LEAD
    assert not any(p in CAPTIONS or p == "Thu Hương" for p in seed.body)


def test_body_text_is_nfc_without_nbsp(seed: Article) -> None:
    import unicodedata

    text = " ".join(seed.body)
    assert unicodedata.is_normalized("NFC", text)
    assert "\xa0" not in text
    assert "cho đội ngũ trí thức" in text  # the seed has NBSPs around "ngũ"


def test_captions_in_order(seed: Article) -> None:
    assert seed.captions == CAPTIONS


def test_author(seed: Article) -> None:
    assert seed.author == "Thu Hương"


def test_topics_and_language(seed: Article) -> None:
    assert "khoa-hoc-cong-nghe" in seed.topics
    assert seed.language == "vi"


def test_body_html_holds_paragraphs_not_byline(seed: Article) -> None:
    assert seed.body_html.count("<p>") >= 9
    assert "Thu Hương" not in seed.body_html


def test_cli_extract_prints_the_same_article(seed: Article) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "portalfeed", "extract", str(SEED)],
        capture_output=True, text=True, check=True,
    )
    data = json.loads(out.stdout)
    for key in ("title", "url", "source_label", "published", "published_precision", "updated",
                "author", "lead", "body", "body_html", "captions", "images", "category",
                "topics", "language", "extractor"):
        assert key in data, key
    assert data["title"] == TITLE
    assert data["published"] == "2022-01-19T00:00:00+07:00"
    assert data["captions"] == CAPTIONS
    assert data["body"] == seed.body
