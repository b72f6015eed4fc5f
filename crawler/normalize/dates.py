"""Dates as Vietnamese portals print them, parsed into Asia/Ho_Chi_Minh datetimes.

Portals print one line with a date, maybe a time, and clutter around it:
`Thứ Tư, 19/01/2022 - 08:30 (GMT+7)`, `08:30 CH, 19/01/2022`,
`Cập nhật: 08:30 19-01-2022 | Lượt xem: 1234 | In bài`, `ngày 19 tháng 1 năm 2022`,
or ISO 8601 in metadata.  We scan the folded line (lowercase, no diacritics) for
dates, then attach the time printed right before or right after each date,
separated only by punctuation, `lúc`, `ngày` or a weekday.

Rules callers rely on: numeric dates are always day-first (year-first only when
the first number has four digits); a two-digit year is 2000+yy; a date without a
time has precision "date" and time 00:00, never an invented time; no offset means
Vietnam time, an explicit one (`Z`, `+00:00`, `GMT+8`) is honoured and converted;
an impossible date or time (31/02/2022, 25:00) gives None.  Weekday names are
skipped, not checked against the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from crawler.model import Precision
from crawler.normalize.dateline import split_dateline
from crawler.normalize.text import clean_text, fold

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class ParsedDate:
    value: datetime  # tz-aware, in VN_TZ
    precision: Precision


# All patterns run on fold()ed text: lowercase ASCII letters, digits and punctuation.
_NOT_AFTER_NUMBER = r"(?<![\d.,/\-])"
_DMY = re.compile(
    _NOT_AFTER_NUMBER
    + r"(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})"
    r"(?!\d|\.\d)"
)
_YMD = re.compile(
    _NOT_AFTER_NUMBER + r"(?P<y>\d{4})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
)
_WORDS = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})(?:\s*[,/]\s*|\s+nam\s+|\s+)(?P<y>\d{4})(?!\d)"
)

_AMPM = r"(?P<ampm>a\.?m\.?|p\.?m\.?|sa|ch|sang|chieu|toi)(?![a-z])"
_ISO_ZONE = r"(?P<iso>z(?![a-z])|[+-]\d{2}:?\d{2}(?!\d))"
_GMT = (
    r"[\s,\-–—]*[(\[]?\s*(?P<gmt>gmt|utc)"
    r"(?:\s*(?P<sign>[+-])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?(?!\d)\s*[)\]]?"
)
_GMT_AFTER = re.compile(_GMT)
_TIME = re.compile(
    r"(?<![\d.,:/])(?P<h>\d{1,2})"
    r"(?::(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"  # 08:30, 08:30:15, 08:30:15.123
    r"|\s*(?:h|gio|g(?=\s*\d))(?![a-z])"  # 08h30, 8 giờ 30 (phút), 8g30, 8h
    r"\s*(?:(?P<hm>\d{1,2})(?!\d)(?:\s*(?:phut|p)(?![a-z]))?)?)"
    r"(?!\d)"
    rf"(?:\s*{_AMPM})?"
    rf"(?:{_ISO_ZONE}|{_GMT})?"
)

_WEEKDAY = (
    r"thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|cn|t[2-7]"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)
# What may stand between a date and its time: punctuation, `lúc`, `ngày`, a
# weekday, or the `T` of ISO 8601.  Anything else (a label such as `Cập nhật`)
# means the time belongs to something else.
_GAP = re.compile(rf"(?:[\s,|/\-–—:;·•()\[\]]|luc|vao|ngay|{_WEEKDAY}|t)*")
_MAX_GAP = 40
# What may precede the date at the start of a lead: `Sáng`, `Chiều ngày`, `Hôm nay`…
_DATELINE_LEAD_IN = re.compile(
    rf"(?:[\s,(\[]|sang|trua|chieu|toi|dem|hom nay|hom|nay|vao|luc|ngay|{_WEEKDAY})*"
)
_DATELINE_WINDOW = 80


def _find_dates(text: str) -> list[re.Match[str]]:
    found = [m for p in (_YMD, _WORDS, _DMY) for m in p.finditer(text)]
    found.sort(key=lambda m: (m.start(), -m.end()))
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def _find_times(text: str, dates: list[re.Match[str]]) -> list[re.Match[str]]:
    times = _TIME.finditer(text)
    return [t for t in times if all(t.end() <= d.start() or t.start() >= d.end() for d in dates)]


def _is_gap(text: str) -> bool:
    return len(text) <= _MAX_GAP and _GAP.fullmatch(text) is not None


def _adjacent(text: str, day: re.Match[str], times: list[re.Match[str]]) -> dict[str, int]:
    """Indexes of the times printed right before and right after the date."""
    sides: dict[str, int] = {}
    for index, time in enumerate(times):
        if time.end() <= day.start() and _is_gap(text[time.end() : day.start()]):
            sides["before"] = index  # keep the nearest one
        elif time.start() >= day.end() and _is_gap(text[day.end() : time.start()]):
            sides.setdefault("after", index)
    return sides


def _pair(
    text: str, dates: list[re.Match[str]], times: list[re.Match[str]]
) -> list[tuple[re.Match[str], re.Match[str] | None]]:
    # A line keeps one layout (`08:30 19/01 | 09:00 20/01` or `19/01 08:30 | 20/01 09:00`):
    # once a date took the time on one side, later dates look on that side first.
    used: set[int] = set()
    prefer = "before"
    pairs: list[tuple[re.Match[str], re.Match[str] | None]] = []
    for day in dates:
        sides = _adjacent(text, day, times)
        order = (prefer, "after" if prefer == "before" else "before")
        side = next((s for s in order if s in sides and sides[s] not in used), None)
        if side is not None:
            prefer = side
            used.add(sides[side])
        pairs.append((day, times[sides[side]] if side is not None else None))
    return pairs


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _clock(time: re.Match[str]) -> tuple[int, int, int]:
    hour = int(time["h"])
    minute = int(time["mi"] or time["hm"] or 0)
    second = int(time["s"] or 0)
    ampm = time["ampm"]
    if ampm and ampm.startswith(("p", "ch", "toi")) and hour < 12:
        hour += 12
    elif ampm and not ampm.startswith(("p", "ch", "toi")) and hour == 12:
        hour = 0  # 12:05 SA is five past midnight
    return hour, minute, second


def _zone(match: re.Match[str] | None) -> tzinfo | None:
    """The offset a time or a `(GMT+7)` suffix states; None when it states none."""
    groups = match.groupdict() if match else {}
    if groups.get("iso") == "z" or (groups.get("gmt") and not groups.get("sign")):
        return UTC
    if groups.get("iso"):
        sign, hours, minutes = groups["iso"][0], groups["iso"][1:3], groups["iso"][-2:]
    elif groups.get("sign"):
        sign, hours, minutes = groups["sign"], groups["oh"], groups["om"] or "0"
    else:
        return None
    if int(hours) > 14 or int(minutes) > 59:
        raise ValueError(f"impossible UTC offset {sign}{hours}:{minutes}")
    offset = timedelta(hours=int(hours), minutes=int(minutes))
    return timezone(-offset if sign == "-" else offset)


def _build(text: str, day: re.Match[str], time: re.Match[str] | None) -> ParsedDate | None:
    try:
        calendar = date(_year(day["y"]), int(day["m"]), int(day["d"]))
        if time is None:
            midnight = datetime(calendar.year, calendar.month, calendar.day, tzinfo=VN_TZ)
            return ParsedDate(midnight, "date")
        zone = _zone(time) or _zone(_GMT_AFTER.match(text, day.end())) or VN_TZ
        value = datetime(calendar.year, calendar.month, calendar.day, *_clock(time), tzinfo=zone)
    except ValueError:  # 31/02, 25:00, an offset beyond ±14:00
        return None
    return ParsedDate(value.astimezone(VN_TZ), "datetime")


def parse_all(text: str) -> list[ParsedDate]:
    """Every valid date in `text`, in order, each with the time printed beside it.

    `Ngày đăng: 19/01/2022 08:30 | Cập nhật: 20/01/2022 09:15` gives two values.
    Impossible dates are skipped.
    """
    folded = fold(text)
    dates = _find_dates(folded)
    pairs = _pair(folded, dates, _find_times(folded, dates))
    parsed = (_build(folded, day, time) for day, time in pairs)
    return [p for p in parsed if p is not None]


def parse_date(text: str) -> ParsedDate | None:
    """The first valid date (and its time, if printed) in a line; None if there is none."""
    found = parse_all(text)
    return found[0] if found else None


def implausible_reason(
    value: datetime,
    *,
    now: datetime,
    earliest_year: int = 1990,
    future_tolerance: timedelta = timedelta(hours=2),
) -> str | None:
    """Why `value` cannot be a publication time: "future", "too_old", or None if plausible.

    The tolerance absorbs clock skew and portals that stamp the scheduled time.
    """
    if value.utcoffset() is None or now.utcoffset() is None:
        raise ValueError("implausible_reason needs timezone-aware datetimes")
    if value > now + future_tolerance:
        return "future"
    if value.astimezone(VN_TZ).year < earliest_year:
        return "too_old"
    return None


def dateline_date(lead: str) -> ParsedDate | None:
    """The date a lead opens with (`PhuthoPortal - Ngày 19/1/2022, …`), as precision "date".

    Only a full date (with year) that starts within the first ~80 characters after
    any source label, preceded by nothing but words like `Sáng`, `Chiều ngày` or a
    time, counts: `Sáng 19/1, …` gives None because the year is not printed.
    A time in the dateline is the event's, not the publication's, so it is dropped.
    """
    _, rest = split_dateline(clean_text(lead))
    folded = fold(rest)
    dates = _find_dates(folded)
    if not dates or dates[0].start() > _DATELINE_WINDOW:
        return None
    lead_in = _TIME.sub(" ", folded[: dates[0].start()])
    if not _DATELINE_LEAD_IN.fullmatch(lead_in):
        return None
    return _build(folded, dates[0], None)
