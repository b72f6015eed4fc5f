"""The topic taxonomy, section mapping and keyword classifier."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.topics import TOPICS, classify, topic_for_section

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_f1f44bc26ae30840.txt"

PROFILE_MAP = {
    "Khoa học - Công nghệ": "khoa-hoc-cong-nghe",
    "Nông nghiệp - Nông thôn": "nong-nghiep",
    "Tin hoạt động của lãnh đạo tỉnh": "chi-dao-dieu-hanh",
    "Giáo dục - Đào tạo": "giao-duc",
}


def test_taxonomy_has_the_canonical_slugs() -> None:
    required = {
        "thoi-su": "Thời sự",
        "chinh-tri": "Chính trị",
        "kinh-te": "Kinh tế",
        "van-hoa-xa-hoi": "Văn hóa - Xã hội",
        "giao-duc": "Giáo dục",
        "y-te": "Y tế",
        "khoa-hoc-cong-nghe": "Khoa học - Công nghệ",
        "nong-nghiep": "Nông nghiệp",
        "du-lich": "Du lịch",
        "quoc-phong-an-ninh": "Quốc phòng - An ninh",
        "chi-dao-dieu-hanh": "Chỉ đạo điều hành",
        "thong-bao": "Thông báo",
        "chuyen-doi-so": "Chuyển đổi số",
        "the-thao": "Thể thao",
    }
    assert {slug: TOPICS.get(slug) for slug in required} == required


@pytest.mark.parametrize("slug", sorted(TOPICS))
def test_slugs_are_ascii_and_url_safe(slug: str) -> None:
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", slug)


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("Khoa học - Công nghệ", "khoa-hoc-cong-nghe"),
        ("khoa hoc - cong nghe", "khoa-hoc-cong-nghe"),
        ("KHOA HỌC – CÔNG NGHỆ", "khoa-hoc-cong-nghe"),
        ("Khoa học & Công nghệ", "khoa-hoc-cong-nghe"),
        ("  Khoa\u00a0học  -  Công nghệ ", "khoa-hoc-cong-nghe"),
        ("Nông nghiệp – nông thôn", "nong-nghiep"),
        ("TIN HOẠT ĐỘNG CỦA LÃNH ĐẠO TỈNH", "chi-dao-dieu-hanh"),
        # Not in the profile's map, but named like a topic.
        ("Y tế", "y-te"),
        ("Văn hoá - Xã hội", "van-hoa-xa-hoi"),  # old tone placement
        ("Văn hóa và Xã hội", "van-hoa-xa-hoi"),
        ("THỂ THAO", "the-thao"),
        ("Quốc phòng – An ninh", "quoc-phong-an-ninh"),
        # Neither.
        ("Tin tức - Sự kiện", None),
        ("Khoa học", None),
        ("", None),
    ],
)
def test_topic_for_section(section: str, expected: str | None) -> None:
    assert topic_for_section(section, PROFILE_MAP) == expected


def test_topic_map_with_an_unknown_slug_is_an_error() -> None:
    with pytest.raises(ValueError, match="khoa-hoc"):
        topic_for_section("Khoa học", {"Khoa học": "khoa-hoc"})


@pytest.mark.parametrize(
    ("title", "lead", "expected"),
    [
        ("Nông dân Thanh Sơn thu hoạch lúa xuân", None, ["nong-nghiep"]),
        ("Phát triển cây chè gắn với sản phẩm OCOP", "", ["nong-nghiep"]),
        ("Đẩy mạnh chuyển đổi số, xây dựng chính quyền số", None, ["chuyen-doi-so"]),
        ("Tiêm vắc xin phòng COVID-19 cho người dân", None, ["y-te"]),
        ("Tiêm vắc xin phòng COVID-19 cho trẻ em", None, ["y-te", "van-hoa-xa-hoi"]),
        ("Khai mạc giải bóng đá thiếu niên", None, ["the-thao"]),
        ("Thông báo tuyển dụng viên chức năm 2022", None, ["thong-bao"]),
        ("Học sinh Phú Thọ đoạt giải kỳ thi học sinh giỏi quốc gia", None, ["giao-duc"]),
        ("Thu hút khách du lịch về Đền Hùng", None, ["du-lich"]),
        ("Trao giải Hội thi sáng tạo kỹ thuật", None, ["khoa-hoc-cong-nghe"]),
        # Tone-insensitive for phrases: old tone placement and missing diacritics.
        ("So hoa ho so trong chuyen doi so", None, ["chuyen-doi-so"]),
        ("Số hoá hồ sơ hành chính", None, ["chuyen-doi-so"]),
        # Tones count for single syllables: lửa (fire) and lừa (cheat) are not lúa (rice).
        ("Ngọn lửa thiêu rụi nhà kho", None, []),
        ("Cảnh giác với chiêu lừa qua mạng", None, []),
        # Whole words only: `y te` must not match inside `quy tế`-like runs of words.
        ("Hội nghị quý tế", None, []),
        ("", None, []),
    ],
)
def test_classify(title: str, lead: str | None, expected: list[str]) -> None:
    assert classify(title, lead) == expected


def test_classify_returns_at_most_two_best_first() -> None:
    topics = classify(
        "Ứng dụng công nghệ cao trong nông nghiệp",
        "Nông dân ứng dụng khoa học, công nghệ vào trồng trọt và chăn nuôi.",
    )
    assert topics == ["nong-nghiep", "khoa-hoc-cong-nghe"]


def test_title_outweighs_lead() -> None:
    lead = "Sở Y tế bố trí cán bộ y tế tại các điểm thi."
    assert classify("Kỳ thi tốt nghiệp THPT", lead)[0] == "giao-duc"


def test_a_weak_second_topic_is_dropped() -> None:
    lead = "Hội nghị khoa học về công nghệ sinh học, nghiên cứu và sáng kiến của doanh nghiệp."
    assert classify("Hội thảo khoa học công nghệ", lead) == ["khoa-hoc-cong-nghe"]


def test_seed_classifies_as_science_and_technology() -> None:
    title, lead = SEED.read_text(encoding="utf-8").split("\n\n")[:2]
    topics = classify(title, lead)
    assert "khoa-hoc-cong-nghe" in topics
    assert topics[0] == "khoa-hoc-cong-nghe"
