"""Scrambled bodies are rejected as `scrambled_body`; real articles never are.

The pages under tests/fixtures/pages/scrambled/rejected were written for the
project in the shape public crawler rules describe for baophutho.vn and
baothanhhoa.vn (a clear lead, then base64 lines in `#dcontent` that a script
decodes in the browser), plus cipher text in other shapes; `clear/` holds the
same articles decoded, so a rejection is due to the scrambling alone.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from crawler import extract_page
from crawler.errors import Rejected
from crawler.extract.scrambled import is_syllable, reject_scrambled, scrambled_reason
from crawler.normalize.dates import VN_TZ

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
SCRAMBLED = FIXTURES / "pages" / "scrambled" / "site"
REJECTED = sorted((SCRAMBLED / "rejected").glob("*.html"))
CLEAR = sorted((SCRAMBLED / "clear").glob("*.html"))
NORMAL = sorted((FIXTURES / "pages").glob("*/*.html"))  # every family's fixture pages
EXPECTED = sorted(ROOT.glob("seeds/**/expected/*.json"))  # fixture portals' articles
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VN_TZ)
URL = "https://baophutho.vn/nong-dan-thanh-ba-thu-hoach-che-vu-xuan-241873.htm"
PROSE = ("Những ngày giữa tháng Tư, nông dân các xã vùng chè tất bật thu hái lứa chè xuân "
         "đầu tiên. Theo Phòng Kinh tế, toàn vùng hiện có gần 2.700 héc-ta chè, trong đó hơn "
         "một nửa diện tích đã chuyển sang giống mới. UBND và HĐND tỉnh Đắk Lắk cùng "
         "PhuthoPortal đưa tin về mô hình này từ năm 2024.")
ENGLISH = ("Phu Tho province is located in the northern midlands of Vietnam. The province "
           "is known as the land of the Hung Kings, the founders of the nation. Every year, "
           "millions of visitors come to the temple during the festival in the third lunar "
           "month, and the provincial government promotes tourism and investment.")


def test_there_are_scrambled_and_clear_fixtures() -> None:
    assert len(REJECTED) >= 5 and len(CLEAR) >= 2
    assert len(NORMAL) >= 40


@pytest.mark.parametrize("page", REJECTED, ids=[p.stem for p in REJECTED])
def test_scrambled_pages_are_rejected(page: Path) -> None:
    with pytest.raises(Rejected) as caught:
        extract_page(page.read_bytes(), URL, now=NOW)
    assert caught.value.reason == "scrambled_body"
    assert caught.value.detail


@pytest.mark.parametrize("page", CLEAR, ids=[p.stem for p in CLEAR])
def test_the_same_articles_decoded_are_published(page: Path) -> None:
    article = extract_page(page.read_bytes(), URL, now=NOW)
    assert len(article.body) >= 5
    assert article.captions


@pytest.mark.parametrize("page", NORMAL, ids=[f"{p.parent.name}/{p.stem}" for p in NORMAL])
def test_no_fixture_page_is_taken_for_scrambled(page: Path) -> None:
    want = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    article = extract_page(page.read_bytes(), want["url"], want["profile"], now=NOW,
                           profiles_dir=FIXTURES / "profiles")
    # Judged as Vietnamese whatever the page declares: the strictest check.
    assert scrambled_reason(article.body + article.captions, "vi") is None


@pytest.mark.parametrize("path", EXPECTED, ids=[f"{p.parents[1].name}/{p.stem}"
                                                for p in EXPECTED])
def test_no_fixture_portal_article_is_taken_for_scrambled(path: Path) -> None:
    want = json.loads(path.read_text(encoding="utf-8"))
    body = want["body"] if isinstance(want["body"], list) else [want["body"]]
    assert scrambled_reason(body + list(want.get("captions") or []), "vi") is None


def test_the_seed_article_is_not_taken_for_scrambled() -> None:
    seed = next((ROOT / "seeds").glob("000_*.txt"))
    article = extract_page(seed.read_bytes(), None, now=NOW)
    assert scrambled_reason(article.body + article.captions, "vi") is None


def test_prose_passes_and_a_base64_line_in_it_does_not() -> None:
    assert scrambled_reason([PROSE, PROSE], "vi") is None
    line = "OOG7j+G6r8OjaOG7m+G6qXh4feG6o+G7r1nDtXnhu5vDrOG6oznhu47DtW7hu6PDo+G7j8SCw73Do"
    reason = scrambled_reason([PROSE, line, PROSE], "vi")
    assert reason and "base64" in reason
    with pytest.raises(Rejected):
        reject_scrambled([PROSE, line], "vi")


def test_links_and_rules_are_not_encoded_runs() -> None:
    link = "https://phutho.gov.vn/sites/default/files/users/user200/" + "a1b2c3d4" * 10
    rule = "=" * 80 + " " + "-·" * 40
    attachment = "Quyet-dinh-so-1234-QD-UBND-ngay-12-5-2024-ve-viec-phe-duyet-ke-hoach.pdf"
    assert scrambled_reason([PROSE, link, rule, attachment], "vi") is None


def test_english_is_judged_by_shape_unless_declared_vietnamese() -> None:
    assert scrambled_reason([ENGLISH, ENGLISH], "en") is None
    assert scrambled_reason([ENGLISH, ENGLISH], None) is None
    reason = scrambled_reason([ENGLISH, ENGLISH], "vi-VN")
    assert reason and "syllables" in reason


def test_a_short_body_is_never_judged_by_shares() -> None:
    assert scrambled_reason(["xq zzv ỏắã hớẩxx"], "vi") is None


@pytest.mark.parametrize("word", ["người", "nghiêng", "quốc", "khuya", "Đắk", "giữa", "chuyện",
                                  "Hương", "oanh", "ý"])
def test_vietnamese_syllables(word: str) -> None:
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["ỏắã", "hớẩxx", "strength", "UBND", "xq", "ảá"])
def test_not_vietnamese_syllables(word: str) -> None:
    assert not is_syllable(word)
