"""Dates as Vietnamese portals print them."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.normalize.dates import (
    VN_TZ,
    ParsedDate,
    dateline_date,
    implausible_reason,
    parse_all,
    parse_date,
)

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_f1f44bc26ae30840.txt"
SEVEN = timedelta(hours=7)


def vn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày 19/1/2022", vn(2022, 1, 19)),
        ("(19/01/2022)", vn(2022, 1, 19)),
        ("T4, 19/01/2022", vn(2022, 1, 19)),
        ("Thứ 4, 19-01-2022", vn(2022, 1, 19)),
        ("thứ bảy, 22.01.2022", vn(2022, 1, 22)),
        ("ngày 19 tháng 1 năm 2022", vn(2022, 1, 19)),
        ("Ngày 19 tháng 01, 2022", vn(2022, 1, 19)),
        ("Ngày đăng: 19/01/22", vn(2022, 1, 19)),  # two-digit year: 2000+yy
        ("2022-01-19", vn(2022, 1, 19)),
        ("19/01/2022 | Lượt xem: 1234 | In bài", vn(2022, 1, 19)),
        ("19/01/2022 (GMT+7)", vn(2022, 1, 19)),
    ],
)
def test_date_only_values_have_date_precision_and_midnight(text: str, expected: datetime) -> None:
    assert parse_date(text) == ParsedDate(expected, "date")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19/01/2022 08:30", vn(2022, 1, 19, 8, 30)),
        ("Thứ Tư, 19/01/2022 - 08:30 (GMT+7)", vn(2022, 1, 19, 8, 30)),
        ("08:30 | 19/01/2022", vn(2022, 1, 19, 8, 30)),
        ("Cập nhật: 08:30 19-01-2022", vn(2022, 1, 19, 8, 30)),
        ("Cập nhật lúc 08:30, ngày 19/01/2022", vn(2022, 1, 19, 8, 30)),
        ("Đăng lúc: 19.01.2022 08:30:15", vn(2022, 1, 19, 8, 30, 15)),
        ("Gửi lúc 19/01/2022 lúc 08:30", vn(2022, 1, 19, 8, 30)),
        ("Thời gian: 19/01/2022, 08h30", vn(2022, 1, 19, 8, 30)),
        ("[19/01/2022 08:30]", vn(2022, 1, 19, 8, 30)),
        ("19/01/2022 08:30 | Lượt xem: 1234 | In bài", vn(2022, 1, 19, 8, 30)),
        ("19/01/2022 08:30 - Print", vn(2022, 1, 19, 8, 30)),
        ("08:30 CH, 19/01/2022", vn(2022, 1, 19, 20, 30)),
        ("8:30 PM 19/01/2022", vn(2022, 1, 19, 20, 30)),
        ("12:05 SA 19/01/2022", vn(2022, 1, 19, 0, 5)),
        ("12:30 PM, 19/01/2022", vn(2022, 1, 19, 12, 30)),
        ("Chủ Nhật, 23/01/2022, 7:05 SA", vn(2022, 1, 23, 7, 5)),
        ("CN, 23/01/2022 | 19:05", vn(2022, 1, 23, 19, 5)),
        ("Sunday, 29/11/2026 09:15", vn(2026, 11, 29, 9, 15)),
        ("Wed, 19/01/2022 08:30 AM", vn(2022, 1, 19, 8, 30)),
        ("8 giờ 30 phút, ngày 19 tháng 1 năm 2022", vn(2022, 1, 19, 8, 30)),
        ("Lúc 8h ngày 19/1/2022", vn(2022, 1, 19, 8, 0)),
        ("(19/01/2022 - 08:30 GMT+7)", vn(2022, 1, 19, 8, 30)),
        ("08:30 (GMT+7) - 19/01/2022", vn(2022, 1, 19, 8, 30)),
        ("08:30 | 19/01/2022 (UTC+07:00)", vn(2022, 1, 19, 8, 30)),
    ],
)
def test_date_with_time_has_datetime_precision(text: str, expected: datetime) -> None:
    assert parse_date(text) == ParsedDate(expected, "datetime")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-01-19T08:30:00+07:00", vn(2022, 1, 19, 8, 30)),
        ("2022-01-19T01:30:00Z", vn(2022, 1, 19, 8, 30)),
        ("2022-01-19T01:30:00.123Z", vn(2022, 1, 19, 8, 30)),
        ("2022-01-19T02:30:00+0100", vn(2022, 1, 19, 8, 30)),
        ("2022-01-19 08:30:00", vn(2022, 1, 19, 8, 30)),  # no offset: Vietnam time
        ("19/01/2022 09:30 GMT+8", vn(2022, 1, 19, 8, 30)),  # explicit offset honoured
        ("19/01/2022 01:30 UTC", vn(2022, 1, 19, 8, 30)),
        ("19/01/2022 08:30 UTC+07:00", vn(2022, 1, 19, 8, 30)),
    ],
)
def test_offsets_are_honoured_and_converted_to_vietnam_time(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert parsed.value == expected
    assert parsed.value.utcoffset() == SEVEN
    assert parsed.value.tzinfo is VN_TZ


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2022",
        "29/02/2023",
        "19/13/2022",
        "19/01/2022 25:00",
        "19/01/2022 08:61",
        "2022-01-19T08:30:00+15:00",
        "19/01",  # no year: never guessed
        "Sáng 19/1",
        "08:30",
        "Lượt xem: 1234",
        "Nghị định số 15/2022/NĐ-CP",
        "nhiệm kỳ 2022 - 2027",
        "94.936 hội viên",
        "",
    ],
)
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_parse_date_returns_the_first_of_two() -> None:
    parsed = parse_date("Ngày đăng: 19/01/2022 08:30 | Cập nhật: 20/01/2022 09:15")
    assert parsed == ParsedDate(vn(2022, 1, 19, 8, 30), "datetime")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ngày đăng: 19/01/2022 08:30 | Cập nhật: 20/01/2022 09:15",
            [vn(2022, 1, 19, 8, 30), vn(2022, 1, 20, 9, 15)],
        ),
        (
            "08:30 19/01/2022 | 09:15 20/01/2022",
            [vn(2022, 1, 19, 8, 30), vn(2022, 1, 20, 9, 15)],
        ),
        (
            "Ngày đăng 19/01/2022 | Cập nhật 09:15 20/01/2022",
            [vn(2022, 1, 19), vn(2022, 1, 20, 9, 15)],
        ),
        ("31/02/2022 | Cập nhật 01/03/2022", [vn(2022, 3, 1)]),
    ],
)
def test_parse_all(text: str, expected: list[datetime]) -> None:
    assert [p.value for p in parse_all(text)] == expected


def test_parse_all_keeps_each_precision() -> None:
    found = parse_all("Ngày đăng 19/01/2022 | Cập nhật 09:15 20/01/2022")
    assert [p.precision for p in found] == ["date", "datetime"]


@settings(database=None, max_examples=300)
@given(st.text())
def test_parse_date_never_raises(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is None or parsed.value.tzinfo is VN_TZ


@settings(database=None, max_examples=300)
@given(st.text(alphabet=st.sampled_from("0123456789/-.: ,|()hTZ+GMTSACHPthángnăm")))
def test_parse_date_never_raises_on_date_like_soup(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is None or parsed.precision in ("date", "datetime")


NOW = vn(2022, 1, 19, 10, 0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (vn(2022, 1, 19, 8, 30), None),
        (vn(2022, 1, 19, 11, 59), None),  # within the two-hour tolerance
        (vn(2022, 1, 19, 12, 1), "future"),
        (vn(2030, 1, 1), "future"),
        (vn(1990, 1, 1), None),
        (vn(1989, 12, 31, 23, 59), "too_old"),
        (datetime.fromisoformat("1989-12-31T17:30:00+00:00"), None),  # 1990-01-01 00:30 in Vietnam
    ],
)
def test_implausible_reason(value: datetime, expected: str | None) -> None:
    assert implausible_reason(value, now=NOW) == expected


def test_implausible_reason_options() -> None:
    assert implausible_reason(vn(2005, 1, 1), now=NOW, earliest_year=2010) == "too_old"
    late = vn(2022, 1, 19, 10, 30)
    assert implausible_reason(late, now=NOW, future_tolerance=timedelta(0)) == "future"


def test_implausible_reason_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        implausible_reason(datetime(2022, 1, 19), now=datetime(2022, 1, 20))


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("PhuthoPortal - Ngày 19/1/2022, Liên hiệp các Hội Khoa học", vn(2022, 1, 19)),
        ("Ngày 19/1/2022, Liên hiệp các Hội Khoa học", vn(2022, 1, 19)),
        ("Chiều ngày 20/3/2023, tại Việt Trì", vn(2023, 3, 20)),
        ("(HBĐT) - Sáng 19/1/2022, tại hội trường", vn(2022, 1, 19)),
        ("Ngày 19 tháng 1 năm 2022, Sở Khoa học", vn(2022, 1, 19)),
        ("PTĐT – Vào lúc 8 giờ 30 sáng ngày 19/1/2022, UBND tỉnh", vn(2022, 1, 19)),
        ("Sáng 19/1, tại Hà Nội", None),  # the year is not printed
        ("Sáng 19/1, Sở tổng kết kế hoạch ban hành ngày 20/12/2021", None),
        ("Theo kế hoạch, từ ngày 19/1/2022 tỉnh sẽ", None),  # a date in a sentence
        ("PhuthoPortal - Hội nghị đã diễn ra", None),
        (
            "PhuthoPortal - Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh đã tổng kết công tác "
            "năm 2021 vào ngày 19/1/2022",
            None,
        ),
    ],
)
def test_dateline_date(lead: str, expected: datetime | None) -> None:
    parsed = dateline_date(lead)
    assert (parsed.value if parsed else None) == expected
    assert parsed is None or parsed.precision == "date"


def test_seed_lead_dateline_is_the_day_in_vietnam_time() -> None:
    lead = SEED.read_text(encoding="utf-8").split("\n\n")[1]
    parsed = dateline_date(lead)
    assert parsed is not None
    assert parsed.precision == "date"
    assert parsed.value.isoformat() == "2022-01-19T00:00:00+07:00"
    assert parsed.value.utcoffset() == SEVEN
