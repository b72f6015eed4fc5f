"""The canonical topic taxonomy, section mapping and keyword classifier.

Every feed topic is one of these slugs; display names are what readers see.

| slug                 | display name          |
|----------------------|-----------------------|
| `thoi-su`            | Thời sự               |
| `chinh-tri`          | Chính trị             |
| `kinh-te`            | Kinh tế               |
| `van-hoa-xa-hoi`     | Văn hóa - Xã hội      |
| `giao-duc`           | Giáo dục              |
| `y-te`               | Y tế                  |
| `khoa-hoc-cong-nghe` | Khoa học - Công nghệ  |
| `nong-nghiep`        | Nông nghiệp           |
| `du-lich`            | Du lịch               |
| `quoc-phong-an-ninh` | Quốc phòng - An ninh  |
| `chi-dao-dieu-hanh`  | Chỉ đạo điều hành     |
| `thong-bao`          | Thông báo             |
| `chuyen-doi-so`      | Chuyển đổi số         |
| `the-thao`           | Thể thao              |

A portal profile maps its own section names onto slugs (`topic_for_section`);
`classify` is the fallback for sections the profile does not map.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from crawler.normalize.text import clean_text, fold

TOPICS: dict[str, str] = {
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

# Keywords are written with diacritics so they stay readable.  Phrases of two or
# more syllables match tone-insensitively (folded); single syllables match with
# their tones, because folding merges unrelated words (lúa "rice", lửa "fire",
# lừa "cheat" all fold to `lua`).
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "thoi-su": ("thời sự", "sự kiện", "thiên tai", "bão", "lũ", "lụt", "mưa lũ", "sạt lở",
                "tai nạn giao thông", "cháy nổ"),
    "chinh-tri": ("chính trị", "đảng bộ", "đảng ủy", "tỉnh ủy", "hội đồng nhân dân", "hđnd",
                  "đại hội đảng", "xây dựng đảng", "mặt trận tổ quốc", "mttq", "kỳ họp",
                  "đại biểu quốc hội", "cử tri", "bầu cử", "nghị quyết"),
    "kinh-te": ("kinh tế", "đầu tư", "doanh nghiệp", "xuất khẩu", "nhập khẩu", "ngân sách",
                "tăng trưởng", "grdp", "thương mại", "công nghiệp", "khu công nghiệp",
                "thị trường"),
    "van-hoa-xa-hoi": ("văn hóa", "xã hội", "lễ hội", "di sản", "nghệ thuật", "an sinh",
                       "lao động", "việc làm", "giảm nghèo", "hộ nghèo", "bảo hiểm xã hội",
                       "gia đình", "trẻ em", "người cao tuổi", "hát xoan", "nghệ nhân",
                       "phi vật thể", "unesco", "tín ngưỡng"),
    "giao-duc": ("giáo dục", "đào tạo", "học sinh", "sinh viên", "trường học", "giáo viên",
                 "nhà trường", "tuyển sinh", "kỳ thi", "thi tốt nghiệp", "năm học", "mầm non",
                 "tiểu học", "thcs", "thpt"),
    "y-te": ("y tế", "bệnh viện", "dịch bệnh", "covid", "tiêm chủng", "vắc xin", "vaccine",
             "bác sĩ", "bác sỹ", "khám chữa bệnh", "sức khỏe", "bệnh nhân",
             "an toàn thực phẩm"),
    "khoa-hoc-cong-nghe": ("khoa học", "công nghệ", "kỹ thuật", "sáng tạo", "nghiên cứu",
                           "sáng kiến", "khoa học và kỹ thuật", "đề tài", "sở hữu trí tuệ",
                           "trí thức"),
    "nong-nghiep": ("nông nghiệp", "cây chè", "chè", "lúa", "chăn nuôi", "nông dân", "ocop",
                    "nông thôn mới", "thủy sản", "trồng trọt", "lâm nghiệp", "trồng rừng",
                    "vật nuôi", "cây trồng", "thu hoạch", "hợp tác xã"),
    "du-lich": ("du lịch", "du khách", "điểm đến", "danh lam", "thắng cảnh", "lữ hành",
                "homestay"),
    "quoc-phong-an-ninh": ("quốc phòng", "an ninh", "quân sự", "bộ đội", "công an",
                           "biên phòng", "tội phạm", "ma túy", "trật tự", "phòng cháy chữa cháy",
                           "pccc", "giao quân", "tuyển quân", "nghĩa vụ quân sự",
                           "dân quân tự vệ", "lực lượng vũ trang", "quân đội"),
    "chi-dao-dieu-hanh": ("chỉ đạo", "điều hành", "chủ tịch ubnd", "ubnd tỉnh", "công điện",
                          "chỉ thị", "cải cách hành chính", "thủ tục hành chính", "giao ban"),
    "thong-bao": ("thông báo", "mời thầu", "tuyển dụng", "đấu giá", "lấy ý kiến",
                  "thông cáo", "thi tuyển"),
    "chuyen-doi-so": ("chuyển đổi số", "số hóa", "chính quyền số", "kinh tế số", "xã hội số",
                      "chính phủ số", "dịch vụ công trực tuyến", "hạ tầng số", "dữ liệu số"),
    "the-thao": ("thể thao", "bóng đá", "giải đấu", "vận động viên", "huy chương",
                 "sea games", "thể dục", "tdtt", "giải chạy", "võ thuật", "cầu lông",
                 "bóng chuyền"),
}
_TITLE_WEIGHT = 2  # a title names the subject; a lead mentions side topics too
_MAX_TOPICS = 2
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_SYLLABLE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")


def _key(text: str) -> str:
    """Folded words joined by single spaces; `và`/`&` dropped, so `Khoa học & Công nghệ`,
    `khoa hoc - cong nghe` and `KHOA HỌC VÀ CÔNG NGHỆ` share a key."""
    words = re.findall(r"[^\W_]+", fold(text))
    return " ".join(w for w in words if w != "va")


def _toned(text: str) -> str:
    """Lowercase words with the tone mark moved to the end of each syllable.

    Tones stay significant, but `hoà` and `hòa` (old and new tone placement) agree.
    """
    decomposed = unicodedata.normalize("NFD", clean_text(text).casefold())
    syllables = []
    for syllable in _SYLLABLE.findall(decomposed):
        tones = "".join(ch for ch in syllable if ch in _TONES)
        syllables.append("".join(ch for ch in syllable if ch not in _TONES) + tones)
    return " ".join(syllables)


def topic_for_section(section: str, topic_map: Mapping[str, str]) -> str | None:
    """The topic slug for a portal section name, or None when it is not mapped.

    Matches `topic_map` keys and the TOPICS display names on folded text, so case,
    diacritics, tone placement and dash style do not matter.  Raises ValueError when
    the map names a slug that is not in TOPICS (a profile error to fix, not to hide).
    """
    wanted = _key(section)
    for name, slug in topic_map.items():
        if _key(name) == wanted:
            if slug not in TOPICS:
                raise ValueError(f"topic map sends {name!r} to unknown topic {slug!r}")
            return slug
    return next((slug for slug, name in TOPICS.items() if _key(name) == wanted), None)


_Needle = tuple[bool, str, re.Pattern[str]]


def _needles(keywords: tuple[str, ...]) -> tuple[_Needle, ...]:
    """Each keyword as (is a phrase, its key, a whole-word pattern of the key): phrases
    match folded, single syllables with their tones."""
    keys = [(" " in k, _key(k) if " " in k else _toned(k)) for k in keywords]
    return tuple((multi, key, re.compile(rf"(?<!\S){re.escape(key)}(?!\S)")) for multi, key in keys)


# Keys of the keywords, computed once: classify runs for every article.
_NEEDLES = {slug: _needles(words) for slug, words in _KEYWORDS.items()}


def _score(folded: str, toned: str, needles: tuple[_Needle, ...]) -> int:
    total = 0
    for multi, key, pattern in needles:
        text = folded if multi else toned
        if key in text:  # a substring test spares the regex for the many absent keywords
            total += len(pattern.findall(text))
    return total


def classify(title: str, lead: str | None) -> list[str]:
    """Up to two topic slugs for an article, best first; [] when no keyword matches.

    Scores count whole-word keyword hits, title hits weighing double.  Ties keep
    TOPICS order.  A second topic is kept only if it scores at least half the first.
    """
    texts = [(_key(t), _toned(t)) for t in (title, lead or "")]
    scores = {
        slug: _TITLE_WEIGHT * _score(*texts[0], needles) + _score(*texts[1], needles)
        for slug, needles in _NEEDLES.items()
    }
    ranked = sorted((s for s in TOPICS if scores.get(s, 0) > 0), key=lambda s: -scores[s])
    return [s for s in ranked[:_MAX_TOPICS] if 2 * scores[s] >= scores[ranked[0]]]
