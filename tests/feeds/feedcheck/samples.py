"""Hand-made articles with the input that breaks feeds, stored through the real Store."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta, timezone

from crawler.model import Article, Image

VN = timezone(timedelta(hours=7))
HOME = "https://phutho.gov.vn"
TRICKY = "Người dân đón Tết trong ‹niềm vui> & hy vọng <mới>"
LONG_TITLE = "Hội nghị tổng kết công tác chuyển đổi số " * 60
DUPLICATE_TITLE = "Thông báo lịch tiếp công dân"
FIRST_SEEN = datetime(2024, 3, 1, 8, 0, tzinfo=VN)
EDITED_AT = FIRST_SEEN + timedelta(days=2)


def _article(slug: str, **fields: object) -> Article:
    defaults: dict[str, object] = {
        "title": f"Tin {slug}", "url": f"{HOME}/vi/{slug}", "portal": "phutho",
        "published": datetime(2024, 2, 20, 9, 30, tzinfo=VN), "published_precision": "datetime",
        "body": [f"Nội dung của tin {slug}."], "topics": ["kinh-te"],
    }
    return Article(**{**defaults, **fields})  # type: ignore[arg-type]


def nasty_articles() -> list[Article]:
    return [
        _article("ky-tu-dieu-khien", title="Hội nghị\x00 tổng kết\x1b năm\x85 2024\ufffd",
                 lead="Dòng một\x0bdòng hai\x0c hết.", author="Thu\x01 Hương",
                 body=["Đoạn\x08 một.", "Đoạn \x7fhai."], topics=["van-hoa-xa-hoi"]),
        _article("ky-tu-html", title="Giá lúa tăng 5% & <kỷ lục> ‹niềm vui> ]]> --",
                 lead=TRICKY, author="Minh Đức & <Ban biên tập>",
                 body_html='<p>A &amp; B &lt;c&gt; ‹niềm vui&gt; ]]&gt;</p>'
                           '<p><a href="https://phutho.gov.vn/x?a=1&amp;b=2">liên kết</a></p>',
                 images=[Image(f"{HOME}/anh/gia-lua.png", "Giá lúa & <mới>")],
                 topics=["kinh-te", "nong-nghiep"]),
        _article("tieu-de-dai", title=LONG_TITLE, lead=LONG_TITLE),
        _article("chi-co-ngay", title="Lịch tiếp công dân tháng 3",
                 published=datetime(2024, 2, 19, tzinfo=VN), published_precision="date"),
        _article("khong-tac-gia", title="Tin không có tác giả, ảnh, tóm tắt",
                 body=["Chỉ có thân bài.", "Hai đoạn."]),
        _article("trung-tieu-de-1", title=DUPLICATE_TITLE, body=["Lần một."]),
        _article("trung-tieu-de-2", title=DUPLICATE_TITLE, body=["Lần hai."]),
        _article("tin-tức/lễ hội", title="Lễ hội đền Hùng",
                 url=f"{HOME}/vi/tin-tức/lễ hội?trang=1&x=ý",
                 images=[Image(f"{HOME}/Ảnh tin/lễ hội.JPG", "Ảnh lễ hội")]),
        # As the sanitiser leaves a page's HTML: absolute, but with spaces and diacritics.
        _article("anh-co-dau-cach", title="Ảnh có dấu cách trong đường dẫn",
                 body_html=f'<p>Xem <a href="{HOME}/vi/tin tức?a=1&amp;b=ý" rel="noopener">'
                           f'tin</a>.</p><figure><img src="{HOME}/Ảnh tin/hội nghị 2.jpg" '
                           'alt="Hội nghị"></figure>'),
        _article("nfd", title=unicodedata.normalize("NFD", "Thành phố Việt Trì đổi mới"),
                 lead=unicodedata.normalize("NFD", "Tóm tắt viết ở dạng NFD.")),
        _article("gio-utc", title="Giờ UTC", published=datetime(2024, 2, 18, 23, 30, tzinfo=UTC),
                 updated=datetime(2024, 2, 1, tzinfo=UTC), topics=[]),
        _article("khong-ngay", title="Không có ngày đăng", published=None,
                 published_precision=None),
        _article("cong-khac", title="Tin của một cổng chưa có hồ sơ", portal="hagiang",
                 url="https://hagiang.gov.vn/tin/mua-hoa", topics=["du-lich"]),
    ]


def edited_article() -> Article:
    """The second version of `khong-tac-gia`: same URL, new body."""
    first = next(a for a in nasty_articles() if a.url and a.url.endswith("khong-tac-gia"))
    first.body = [*first.body, "Đoạn bổ sung sau khi sửa."]
    return first
