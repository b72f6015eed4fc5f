"""The generic-family commune fixture (README.md): content.toml -> site/ + expected/.

A commune website on a CMS nobody has identified: no profile selectors, so the crawl
relies on the generic family's broad article pattern and the generic extractor (the
expected JSON says `"extractor": "generic"`); <figure> images, a `?page=N` pager.
"""

import runpy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

# The page templates keep the platform's long lines as its pages have them.
# ruff: noqa: E501
HERE = Path(__file__).resolve().parent
# What every family's build does alike (content, expected JSON, output): the kit.
kit = SimpleNamespace(**runpy.run_path(str(HERE.parent / "fixturekit.py"), run_name="fixturekit"))
esc = kit.attr  # this site escapes quotes in text too
UPLOADS = "/uploads/2025/"
IMAGE_SOURCE = {"ra-quan-lam-duong.jpg": "kiem-tra-de-song-lo.jpg"}
MENU = (("/", "Trang chủ"), ("/gioi-thieu", "Giới thiệu"), ("/tin-tuc", "Tin tức"),
        ("/thu-tuc-hanh-chinh", "Thủ tục hành chính"), ("/lien-he", "Liên hệ"))


def article_path(art: dict[str, Any]) -> str:
    return f"/tin-tuc/{art['slug']}.html"


def page(site: dict[str, Any], title: str, main: str, side: str, description: str = "") -> str:
    menu = "".join(f'<li><a href="{href}">{esc(label)}</a></li>' for href, label in MENU)
    meta = f'<meta name="description" content="{esc(description)}">\n' if description else ""
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} | {esc(site['title'])}</title>
{meta}<link rel="stylesheet" href="/assets/css/style.css">
</head>
<body>
<header class="site-header">
 <div class="top-bar"><span class="today">{esc(site['clock'])}</span> <a href="/lien-he">Liên hệ</a></div>
 <div class="brand"><a href="/"><img src="/assets/img/quoc-huy.png" alt="Quốc huy" width="60" height="60"></a> <span class="brand-name">{esc(site['title'])}</span></div>
 <nav class="main-menu"><ul>{menu}</ul></nav>
</header>
<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/tin-tuc">Tin tức</a></div>
<main class="container">
<div class="col-main">
{main}
</div>
<aside class="sidebar">
{side}
<div class="box links"><h3>Liên kết website</h3><ul><li><a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công quốc gia</a></li></ul></div>
</aside>
</main>
<footer class="site-footer"><p>Ủy ban nhân dân xã Hương Cần. Địa chỉ: khu 3, xã Hương Cần. Điện thoại: 0210 3 111 222.</p></footer>
</body>
</html>
"""


def figure(block: dict[str, str]) -> str:
    return (f'<figure class="image"><img src="{UPLOADS}{block["img"]}" width="640" '
            f'height="427" alt=""><figcaption>{esc(block["caption"])}</figcaption></figure>')


def body_html(art: dict[str, Any]) -> str:
    parts = kit.blocks(art["body"], lambda p: f"<p>{esc(p)}</p>", figure)
    if art["author"]:
        parts.append(f'<p style="text-align: right;"><strong>{esc(art["author"])}</strong></p>')
    return "\n".join(parts)


def detail(art: dict[str, Any]) -> str:
    return f"""<div class="news-detail">
<h1 class="news-title">{esc(art['title'])}</h1>
<div class="news-meta"><span class="news-date">Ngày đăng: {art['date']}</span> <span class="views">Lượt xem: 152</span></div>
<div class="news-sapo"><strong>{esc(art['lead'])}</strong></div>
<div class="news-content">
{body_html(art)}
</div>
<div class="share">Chia sẻ: <a href="https://www.facebook.com/sharer/sharer.php?u={article_path(art)}">Facebook</a> <a href="javascript:window.print()">In bài</a></div>
</div>"""


def other_news(arts: list[dict[str, Any]], current: str) -> str:
    items = "".join(f'<li><a href="{article_path(a)}">{esc(a["title"])}</a> '
                    f'<span>({a["date"][:10]})</span></li>'
                    for a in arts if a["slug"] != current)
    return f'<div class="other-news"><h3>Tin khác</h3><ul>{items}</ul></div>'


def teaser(art: dict[str, Any]) -> str:
    return f"""<div class="news-item">
<h3><a href="{article_path(art)}">{esc(art['title'])}</a></h3>
<span class="date">{art['date'][:10]}</span>
<p>{esc(art['lead'][:140])}...</p>
</div>"""


def pager(current: int, last: int) -> str:
    def href(n: int) -> str:
        return "/tin-tuc" if n == 1 else f"/tin-tuc?page={n}"

    items = kit.pager_parts(current, last,
                            lambda n: f'<li class="active"><a href="{href(n)}">{n}</a></li>',
                            lambda n: f'<li><a href="{href(n)}">{n}</a></li>')
    return f'<ul class="pagination">{"".join(items)}</ul>'


def render_all() -> dict[str, Any]:
    content = kit.read_content(HERE)
    site = content["site"]
    arts = sorted(content["articles"], key=lambda a: kit.parse_when(a["date"]), reverse=True)
    latest = ('<div class="box latest"><h3>Tin mới</h3><ul>'
              + "".join(f'<li><a href="{article_path(a)}">{esc(a["title"])}</a></li>'
                        for a in arts) + "</ul></div>")
    files: dict[str, Any] = kit.drupal_images(UPLOADS, IMAGE_SOURCE)
    for art in arts:
        main = detail(art) + "\n" + other_news(arts, art["slug"])
        files["site" + article_path(art)] = page(site, art["title"], main, latest, art["lead"])
        files[f"expected/{art['slug']}.json"] = expected(art)
    chunks = kit.chunks(arts, site["page_size"])
    for number, chunk in enumerate(chunks, start=1):
        main = ('<h2 class="section-title">Tin tức</h2>\n'
                + "\n".join(teaser(a) for a in chunk) + "\n" + pager(number, len(chunks)))
        rel = "tin-tuc/index.html" if number == 1 else f"tin-tuc/page-{number}.html"
        files["site/" + rel] = page(site, "Tin tức", main, "")
    home = "\n".join(teaser(a) for a in arts[:2])
    files["site/index.html"] = page(site, "Trang chủ", f'<h2 class="section-title">Tin mới nhất'
                                    f'</h2>\n{home}\n<a href="/tin-tuc">Xem thêm</a>', latest)
    return files


def expected(art: dict[str, Any]) -> dict[str, Any]:
    return kit.record(
        title=art["title"], url=article_path(art), source_label=None,
        published=kit.when_iso(art["date"])[0], published_precision="datetime",
        author=art["author"] or None, lead=art["lead"],
        body=[art["lead"], *kit.body_texts(art["body"])],
        images=kit.body_images(art["body"], UPLOADS), extractor="generic")


if __name__ == "__main__":
    raise SystemExit(kit.main(HERE, render_all, __doc__))
