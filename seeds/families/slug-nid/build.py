"""The slug-nid department-site fixture (README.md): content.toml -> site/ + expected/.

Its own are `/<slug>-n<id>[.html]` article URLs, two sections with `?page=N` pagers, the
accessibility toolbar and agency header, and two skins (the current one, and the legacy
one of old posts: no sapo, a labelled date, a rating widget), both with Open Graph tags.
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
esc, attr, day, body_paragraphs = kit.esc, kit.attr, kit.day, kit.body_paragraphs

ARTS = sorted(kit.load_articles(HERE), key=lambda a: int(a["id"]), reverse=True)
LISTING = "/tin-tuc-su-kien"  # every post; the second section lists its own
SECTIONS = {"Tin tức - Sự kiện": LISTING, "Hoạt động KH&CN cơ sở": "/hoat-dong-khcn-co-so"}


def url(a):
    return f"/{a['slug']}-n{a['id']}" + (".html" if a["url_html"] else "")


def page(title, main, canonical="", breadcrumb=None, og=""):
    link = f'\n<link rel="canonical" href="{attr(canonical)}">' if canonical else ""
    link += og
    crumbs = ""
    if breadcrumb:
        items = "".join(f'<li><a href="{attr(h)}">{esc(t)}</a></li>' for t, h in breadcrumb)
        crumbs = f'\n      <ul class="breadcrumb"><li><a href="/">Trang chủ</a></li>{items}</ul>'
    menu = "".join(f'<li><a href="{h}">{esc(t)}</a></li>' for t, h in SECTIONS.items())
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>{link}
<link rel="stylesheet" href="/assets/css/style.css?v=2025">
</head>
<body>
<div class="top-bar">
  <div class="container">
    <div class="accessibility-toolbar">
      <span class="tool">Từ viết tắt</span> <span class="tool">Xem với cỡ chữ</span> <a href="#" class="font-down">A-</a> <a href="#" class="font-up">A+</a>
      <span class="tool">Đọc bài viết</span> <span class="tool">Tương phản</span>
    </div>
  </div>
</div>
<header class="header">
  <div class="container">
    <a class="logo" href="/"><img src="/assets/images/quoc-huy.png" alt="Quốc huy" width="80" height="80"></a>
    <div class="header-title">
      <p class="header-line1">ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ</p>
      <p class="header-line2">SỞ KHOA HỌC VÀ CÔNG NGHỆ</p>
      <p class="header-date">Chủ Nhật, 29/11/2026</p>
    </div>
  </div>
</header>
<nav class="main-menu"><div class="container"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>{menu}<li><a href="/van-ban">Văn bản</a></li></ul></div></nav>
<main class="container">
  <div class="row">
    <div class="col-main">{crumbs}
{main}
    </div>
    <aside class="col-side">
      <div class="box-side"><h3 class="box-title">Thông báo</h3><ul><li><a href="/van-ban">Lịch tiếp công dân tháng 12</a></li></ul></div>
      <div class="box-side"><h3 class="box-title">Liên kết</h3><ul><li><a href="https://phutho.fixture.test/">Cổng TTĐT tỉnh</a></li></ul></div>
    </aside>
  </div>
</main>
<footer class="footer"><div class="container">
  <p>SỞ KHOA HỌC VÀ CÔNG NGHỆ (bản mô phỏng dùng cho kiểm thử, không phải trang chính thức)</p>
  <p>Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p>
</div></footer>
</body>
</html>
"""


def other_item(o):
    return (f'          <li><a href="{attr(url(o))}">{esc(o["title"])}</a>'
            f' <span class="date">{day(o)}</span></li>')


def related(a):
    return f"""      <div class="related-news">
        <h3 class="box-title">Tin khác</h3>
        <ul>
{kit.others(ARTS, a, other_item)}
        </ul>
      </div>"""


def detail_new(a):
    return f"""      <div class="detail-news">
        <h1 class="detail-title">{esc(a["title"])}</h1>
        <div class="detail-meta"><span class="detail-time">{a["when"]}</span> <span class="detail-view">Lượt xem: 152</span></div>
        <div class="detail-sapo">{esc(a["lead"])}</div>
        <div class="detail-content">
{body_paragraphs(a)}
        </div>
        <div class="detail-toolbar"><a href="#" class="print">In bài</a> <a href="#" class="share-fb">Chia sẻ</a></div>
      </div>"""


def detail_old(a):
    """The CMS's earlier skin, still serving old posts: no sapo, the date printed with a
    label, and a rating widget at the end of the post."""
    return f"""      <div class="chitiet-baiviet">
        <h2 class="title-detail">{esc(a["title"])}</h2>
        <div class="date-detail">Ngày đăng: {a["when"]}</div>
        <div class="noidung-chitiet">
<p>{esc(a["lead"])}</p>
{body_paragraphs(a)}
          <div class="danhgia">ĐÁNH GIÁ BÀI VIẾT (<span class="sao"></span>)</div>
        </div>
      </div>"""


def article_page(a):
    detail = detail_old(a) if a.get("layout") == "legacy" else detail_new(a)
    return page(a["title"], detail + "\n" + related(a), canonical=url(a),
                breadcrumb=[(a["section"], SECTIONS[a["section"]])], og=og_tags(a))


def og_tags(a):
    """The site-wide head writes Open Graph tags for sharing (both skins)."""
    img = kit.first_image(a)
    return kit.og_tags(a, image=img[1] if img else "/assets/images/share.jpg")


def teaser(a):
    img = kit.first_image(a)
    pic = (f'<a class="news-thumb" href="{attr(url(a))}"><img src="{attr(img[1])}" alt=""></a>'
           if img else "")
    return f"""        <div class="news-item">
          {pic}
          <h3 class="news-title"><a href="{attr(url(a))}">{esc(a["title"])}</a></h3>
          <div class="news-date">{day(a)}</div>
          <p class="news-desc">{esc(a["lead"][:160])}...</p>
        </div>"""


def pager(base, current, pages):
    parts = kit.pager_parts(current, pages, lambda n: f'<li class="active"><span>{n}</span></li>',
                            lambda n: f'<li><a href="{base}?page={n}">{n}</a></li>',
                            lambda n: f'<li><a href="{base}?page={n}" aria-label="Trang sau">'
                                      '›</a></li>')
    return '<ul class="pagination">' + "".join(parts) + "</ul>"


def listing_page(name, base, pages, n):
    items = "\n".join(teaser(a) for a in pages[n - 1])
    main = f"""      <div class="list-news">
        <h2 class="list-title">{esc(name)}</h2>
{items}
        {pager(base, n, len(pages))}
      </div>"""
    return page(name, main, breadcrumb=[(name, base)])


def home():
    top = "\n".join(teaser(a) for a in ARTS[:3])
    main = f"""      <div class="home-news">
        <h2 class="list-title">Tin mới</h2>
{top}
      </div>"""
    return page("Sở Khoa học và Công nghệ", main)


def render_all() -> dict[str, Any]:
    files = {"site/index.html": home()}
    for name, base in SECTIONS.items():
        arts = ARTS if base == LISTING else [a for a in ARTS if a["section"] == name]
        pages = kit.chunks(arts, 3)
        files[f"site{base}/index.html"] = listing_page(name, base, pages, 1)
        files |= {f"site{base}/page-{n}.html": listing_page(name, base, pages, n)
                  for n in range(1, len(pages) + 1)}
    files |= {f"site/{a['slug']}-n{a['id']}.html": article_page(a) for a in ARTS}
    return files | kit.expected_files(ARTS, url, lambda a: f"n{a['id']}")


if __name__ == "__main__":
    raise SystemExit(kit.main(HERE, render_all, __doc__))
