"""Source labels at the start of a lead."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.normalize.dateline import split_dateline

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_f1f44bc26ae30840.txt"


@pytest.mark.parametrize(
    ("lead", "label", "rest"),
    [
        ("PhuthoPortal - Ngày 19/1/2022, Liên hiệp", "PhuthoPortal", "Ngày 19/1/2022, Liên hiệp"),
        ("PTĐT – Sáng 19/1, tại Việt Trì", "PTĐT", "Sáng 19/1, tại Việt Trì"),
        ("PTO- Chiều 19/1, Sở Y tế", "PTO", "Chiều 19/1, Sở Y tế"),
        ("(HBĐT) - Sáng 19/1, UBND tỉnh", "HBĐT", "Sáng 19/1, UBND tỉnh"),
        ("(HBĐT) – Sáng 19/1, UBND tỉnh", "HBĐT", "Sáng 19/1, UBND tỉnh"),
        ("(HBĐT)- Sáng 19/1", "HBĐT", "Sáng 19/1"),
        ("TTO - Sáng 19/1, Thủ tướng", "TTO", "Sáng 19/1, Thủ tướng"),
        ("(PTO) – Ngày 19/1, Sở", "PTO", "Ngày 19/1, Sở"),
        ("VOV.VN -Sáng nay, Quốc hội", "VOV.VN", "Sáng nay, Quốc hội"),
        ("VOV.VN — Sáng nay, Quốc hội", "VOV.VN", "Sáng nay, Quốc hội"),
        ("baohoabinh.vn - Chiều 19/1", "baohoabinh.vn", "Chiều 19/1"),
        ("Baophutho.vn - Chiều 19/1", "Baophutho.vn", "Chiều 19/1"),
        ("(Chinhphu.vn) - Thủ tướng Chính phủ", "Chinhphu.vn", "Thủ tướng Chính phủ"),
        ("( Chinhphu.vn ) - Thủ tướng", "Chinhphu.vn", "Thủ tướng"),
        ("(TTXVN) Sáng 19/1, tại Hà Nội", "TTXVN", "Sáng 19/1, tại Hà Nội"),
        ("(Báo Phú Thọ) - Sáng 19/1", "Báo Phú Thọ", "Sáng 19/1"),
        ("  PhuthoPortal  -   Ngày 19/1/2022", "PhuthoPortal", "Ngày 19/1/2022"),
    ],
)
def test_source_label_is_split_off(lead: str, label: str, rest: str) -> None:
    assert split_dateline(lead) == (label, rest)


@pytest.mark.parametrize(
    "lead",
    [
        "Sáng 19/1 - ngày làm việc đầu tiên, Sở đã",
        "Năm 2022 - năm bản lề của kế hoạch 5 năm",
        "Hà Nội - Thủ đô ngàn năm văn hiến",
        "HÀ NỘI - Sáng 19/1, Quốc hội",  # a place dateline, not a source
        "TP.HCM - Sáng 19/1, Thành phố",
        "COVID-19 - dịch bệnh vẫn diễn biến phức tạp",
        "UBND tỉnh - cơ quan hành chính nhà nước cao nhất",
        "Đồng chí Bùi Văn Quang - Bí thư Tỉnh ủy",
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Phú Thọ - một tổ chức",
        "(Ảnh minh họa) Hội nghị diễn ra",
        "(19/1) - Hội nghị diễn ra",
        "Ngày 19/1/2022, Liên hiệp các Hội",
        "PhuthoPortal -",
        "",
    ],
)
def test_ordinary_openings_are_not_split(lead: str) -> None:
    assert split_dateline(lead) == (None, lead)


def test_seed_lead_splits_to_phutho_portal() -> None:
    lead = SEED.read_text(encoding="utf-8").split("\n\n")[1]
    label, rest = split_dateline(lead)
    assert label == "PhuthoPortal"
    assert rest.startswith("Ngày 19/1/2022, Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh")
    assert rest.endswith("triển khai nhiệm vụ năm 2022.")
