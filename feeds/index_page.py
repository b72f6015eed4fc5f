"""index.html: the page for people, in Vietnamese; pure, every time comes from the inputs."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime

from crawler.model import PortalInfo, StoredArticle
from feeds.items import item_published, sort_newest_first, to_vn
from feeds.meta import feed_title
from feeds.paths import (
    FORMAT_LABELS,
    FORMATS,
    MEDIA_TYPES,
    OPML_PATH,
    FeedSpec,
    public_url,
    topic_name,
)
from feeds.text import clean_line

Groups = Mapping[FeedSpec, Sequence[StoredArticle]]

PAGE_TITLE = "Tin từ các cổng thông tin điện tử tỉnh"
NEVER = "chưa có"
# portalfeed.health states, for readers: is this portal's feed still being filled?
HEALTH_NAMES = {"ok": "bình thường", "degraded": "có dấu hiệu lỗi (bố cục trang có thể đã đổi)",
                "failing": "đang lỗi, chưa thu thập được tin mới", "unknown": "chưa thu thập"}
# Dark text on a light background; every pair is above WCAG AA's 4.5:1.
CSS = """
body{margin:0 auto;max-width:60rem;padding:1rem 1.25rem;background:#fbfbf8;color:#1a1a1a;
font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
h1{font-size:1.7rem;margin:.5rem 0}h2{font-size:1.35rem;margin:0 0 .25rem}
h3{font-size:1.1rem;margin:1rem 0 .25rem}
a{color:#0a4a94}a:visited{color:#5b2a86}a:focus{outline:2px solid #0a4a94;outline-offset:2px}
section{border-top:1px solid #c8c8c0;padding:1rem 0}
.meta{color:#3d3d3d;margin:.25rem 0}.feeds{margin:.25rem 0}
.feeds a{display:inline-block;padding:0 .35rem;border:1px solid #0a4a94;border-radius:.25rem;
text-decoration:none;margin-right:.25rem}
ol{padding-left:1.5rem;margin:.25rem 0}time{color:#3d3d3d;font-size:.9rem}
""".strip()


def render_index(groups: Groups, *, base_url: str, portals: Mapping[str, PortalInfo],
                 headlines: int = 5) -> bytes:
    """The page: autodiscovery links, the shared feeds, then one section per portal."""
    page = Page(groups, base_url, portals, headlines)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        *page.head(),
        "<body>",
        "<main>",  # the landmark screen readers jump to
        f"<h1>{esc(PAGE_TITLE)}</h1>",
        *page.intro(),
        *page.shared_section(),
        *(line for portal in page.portal_names() for line in page.portal_section(portal)),
        "</main>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def esc(value: str | None) -> str:
    return html.escape(clean_line(value), quote=True)


def format_vn_time(value: datetime | None) -> str:
    return to_vn(value).strftime("%d/%m/%Y %H:%M (GMT+7)") if value else NEVER


class Page:
    """The inputs of one render, so the section helpers need not pass them around."""

    def __init__(self, groups: Groups, base_url: str, portals: Mapping[str, PortalInfo],
                 headlines: int) -> None:
        self.groups, self.base_url, self.portals = groups, base_url, portals
        self.headlines = headlines
        self.specs = sorted(groups, key=FeedSpec.sort_key)

    def head(self) -> list[str]:
        shared = [spec for spec in self.specs if spec.portal is None]
        return [
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(PAGE_TITLE)}</title>",
            *(f'<link rel="alternate" type="{MEDIA_TYPES["rss"]}" title="{esc(self.title(spec))}"'
              f' href="{esc(spec.url(self.base_url, "rss"))}">' for spec in shared),
            f"<style>{CSS}</style>",
            "</head>",
        ]

    def intro(self) -> list[str]:
        opml = esc(public_url(self.base_url, OPML_PATH))
        return [
            '<p class="meta">Theo dõi tin bài mới bằng trình đọc tin (Feedly, Inoreader, '
            "Thunderbird…): chọn định dạng RSS, Atom hoặc JSON Feed bên dưới, hoặc nhập "
            f'<a href="{opml}">toàn bộ danh sách nguồn tin (OPML)</a>.</p>'
        ]

    def shared_section(self) -> list[str]:
        lines = ['<section id="tong-hop">', "<h2>Tổng hợp các cổng</h2>"]
        for spec in (s for s in self.specs if s.portal is None):
            lines += self.feed_block(spec, level=3)
        return [*lines, "</section>"]

    def portal_names(self) -> list[str]:
        named = {spec.portal for spec in self.specs if spec.portal is not None}
        return sorted(named | set(self.portals))

    def portal_section(self, portal: str) -> list[str]:
        info = self.portals.get(portal)
        lines = [
            f'<section id="portal-{esc(portal)}">',
            f"<h2>{esc(info.title if info else portal)}</h2>",
            '<p class="meta">Lần thu thập thành công gần nhất: '
            f"{esc(format_vn_time(info.last_success if info else None))}</p>",
        ]
        if info:
            lines.append(f'<p class="meta">Trang chủ: <a href="{esc(info.home)}">'
                         f"{esc(info.home)}</a></p>")
        if info and info.health in HEALTH_NAMES:
            lines.append(f'<p class="meta health-{info.health}">Tình trạng thu thập: '
                         f"{HEALTH_NAMES[info.health]}</p>")
        specs = [spec for spec in self.specs if spec.portal == portal]
        if not specs:
            lines.append('<p class="meta">Chưa có tin bài.</p>')
        for spec in specs:
            with_news = spec.topic is not None or len(specs) == 1
            lines += self.feed_block(spec, level=3, with_news=with_news)
        return [*lines, "</section>"]

    def feed_block(self, spec: FeedSpec, *, level: int, with_news: bool = False) -> list[str]:
        name = topic_heading(spec) if spec.portal else self.title(spec)
        lines = [f"<h{level}>{esc(name)}</h{level}>", self.feed_links(spec)]
        return lines + self.news_list(spec) if with_news else lines

    def feed_links(self, spec: FeedSpec) -> str:
        title = self.title(spec)
        links = " ".join(
            f'<a href="{esc(spec.url(self.base_url, fmt))}" type="{MEDIA_TYPES[fmt]}"'
            f' aria-label="{esc(f"{title} – {FORMAT_LABELS[fmt]}")}">{FORMAT_LABELS[fmt]}</a>'
            for fmt in FORMATS
        )
        return f'<p class="feeds">Đăng ký nhận tin: {links}</p>'

    def news_list(self, spec: FeedSpec) -> list[str]:
        latest = sort_newest_first(self.groups.get(spec, ()))[: self.headlines]
        if not latest:
            return ['<p class="meta">Chưa có tin bài.</p>']
        return ["<ol>", *(headline(stored) for stored in latest), "</ol>"]

    def title(self, spec: FeedSpec) -> str:
        return feed_title(spec, self.portals)


def topic_heading(spec: FeedSpec) -> str:
    return topic_name(spec.topic) if spec.topic else "Tất cả chủ đề"


def headline(stored: StoredArticle) -> str:
    article = stored.article
    published = item_published(stored)
    shown = published.strftime("%d/%m/%Y" if article.published_precision == "date"
                               else "%d/%m/%Y %H:%M")
    title = esc(article.title) or "(không có tiêu đề)"
    link = f'<a href="{esc(article.url)}">{title}</a>' if article.url else title
    return f'<li>{link} <time datetime="{published.isoformat()}">{shown}</time></li>'
