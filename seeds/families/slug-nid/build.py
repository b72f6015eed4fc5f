"""Render the slug-nid family fixture portal: content.toml -> site/ + expected/.

The markup is written for this project from public knowledge of the platform (see
README.md); the expected JSON says what each page shows, derived from content.toml
only, never from extraction code.

    python seeds/families/slug-nid/build.py          # (re)write site/ and expected/
    python seeds/families/slug-nid/build.py --check  # exit 1 if they are out of date

Standard library only; the output is deterministic.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tomllib
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
VN = ZoneInfo("Asia/Ho_Chi_Minh")
LABEL = "PhuthoPortal - "
OUTPUT_DIRS = ("site", "expected")

# ------------------------------------------------------------------ content and helpers


def load_articles() -> list[dict[str, Any]]:
    """content.toml's articles; a body item is a paragraph or ("img", src, caption)."""
    data = tomllib.loads((HERE / "content.toml").read_text(encoding="utf-8"))
    articles = data["articles"]
    for a in articles:
        a["paras"] = [p if isinstance(p, str) else ("img", p["img"], p["caption"])
                      for p in a.pop("body")]
        a["author"] = a.get("author") or None
    return articles


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def attr(s: str) -> str:
    return html.escape(s, quote=True)


def clean(s: str) -> str:
    """Text as a reader sees it: NBSP -> space, runs of whitespace collapsed."""
    return " ".join(s.replace("\xa0", " ").split())


def split_label(lead: str) -> tuple[str | None, str]:
    if lead.startswith(LABEL):
        return LABEL.split(" - ")[0], lead[len(LABEL):]
    return None, lead


def when_iso(when: str) -> tuple[str, str]:
    """The printed date as ISO 8601 in Vietnam time, and its precision."""
    text = when.replace(" - ", " ")
    if ":" in text:
        value = datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=VN)
        return value.isoformat(), "datetime"
    return datetime.strptime(text, "%d/%m/%Y").replace(tzinfo=VN).isoformat(), "date"


def images(a: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [p for p in a["paras"] if not isinstance(p, str)]


def expected(a: dict[str, Any], url: str) -> dict[str, Any]:
    """What the page shows, field by field (from the content, never from extraction)."""
    label, lead = split_label(a["lead"])
    published, precision = when_iso(a["when"])
    return {
        "title": clean(a["title"]),
        "url": url,
        "section": a["section"],
        "source_label": label,
        "published": published,
        "published_precision": precision,
        "author": a["author"],
        "lead": clean(lead),
        "body": [clean(lead)] + [clean(p) for p in a["paras"] if isinstance(p, str)],
        "captions": [clean(i[2]) for i in images(a)],
        "images": [{"url": i[1], "caption": clean(i[2])} for i in images(a)],
    }


def body_paragraphs(a: dict[str, Any], *, byline: bool = True) -> str:
    """CKEditor-style body: each image alone in a centred paragraph, its italic caption
    next, the byline (when the site prints it in the body) right-aligned and bold last."""
    out = []
    for p in a["paras"]:
        if isinstance(p, str):
            out.append(f'<p style="text-align: justify;">{esc(p)}</p>')
            continue
        _, src, cap = p
        out.append(f'<p style="text-align: center;"><img alt="{attr(cap)}" src="{attr(src)}"'
                   ' style="width: 600px; height: 400px;" /></p>')
        out.append(f'<p style="text-align: center;"><em>{esc(cap)}</em></p>')
    if byline and a["author"]:
        out.append(f'<p style="text-align: right;"><strong>{esc(a["author"])}</strong></p>')
    return "\n".join(out)


# ------------------------------------------------------------------ the site

CLOCK = "Chủ Nhật, 29/11/2026"
SECTIONS = {"Tin tức - Sự kiện": "/tin-tuc-su-kien", "Hoạt động KH&CN cơ sở": "/hoat-dong-khcn-co-so"}
LISTING = "/tin-tuc-su-kien"
PAGE_SIZE = 3
ARTS = sorted(load_articles(), key=lambda a: int(a["id"]), reverse=True)


def url(a):
    return f"/{a['slug']}-n{a['id']}" + (".html" if a["url_html"] else "")


def day(a):
    return a["when"].split(" ")[0]


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
      <p class="header-date">{CLOCK}</p>
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


def related(a):
    items = [o for o in ARTS if o is not a][:3]
    lis = "\n".join(f'          <li><a href="{attr(url(o))}">{esc(o["title"])}</a> <span class="date">{day(o)}</span></li>' for o in items)
    return f"""      <div class="related-news">
        <h3 class="box-title">Tin khác</h3>
        <ul>
{lis}
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
    img = next((p[1] for p in a["paras"] if not isinstance(p, str)), "/assets/images/share.jpg")
    return (f'\n<meta property="og:type" content="article">'
            f'\n<meta property="og:title" content="{attr(a["title"])}">'
            f'\n<meta property="og:description" content="{attr(a["lead"][:200])}">'
            f'\n<meta property="og:image" content="{attr(img)}">')


def teaser(a):
    img = next((p for p in a["paras"] if not isinstance(p, str)), None)
    pic = (f'<a class="news-thumb" href="{attr(url(a))}"><img src="{attr(img[1])}" alt=""></a>'
           if img else "")
    return f"""        <div class="news-item">
          {pic}
          <h3 class="news-title"><a href="{attr(url(a))}">{esc(a["title"])}</a></h3>
          <div class="news-date">{day(a)}</div>
          <p class="news-desc">{esc(a["lead"][:160])}...</p>
        </div>"""


def pager(base, current, pages):
    parts = []
    for n in range(1, pages + 1):
        parts.append(f'<li class="active"><span>{n}</span></li>' if n == current
                     else f'<li><a href="{base}?page={n}">{n}</a></li>')
    if current < pages:
        parts.append(f'<li><a href="{base}?page={current + 1}" aria-label="Trang sau">›</a></li>')
    return '<ul class="pagination">' + "".join(parts) + "</ul>"


def listing_page(name, base, arts, n, pages):
    items = "\n".join(teaser(a) for a in arts[(n - 1) * PAGE_SIZE: n * PAGE_SIZE])
    main = f"""      <div class="list-news">
        <h2 class="list-title">{esc(name)}</h2>
{items}
        {pager(base, n, pages)}
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
        pages = -(-len(arts) // PAGE_SIZE)
        files[f"site{base}/index.html"] = listing_page(name, base, arts, 1, pages)
        for n in range(1, pages + 1):
            files[f"site{base}/page-{n}.html"] = listing_page(name, base, arts, n, pages)
    for a in ARTS:
        files[f"site/{a['slug']}-n{a['id']}.html"] = article_page(a)
        files[f"expected/n{a['id']}.json"] = expected(a, url(a))
    return files


# ---------------------------------------------------------------------- output


def encoded(files: dict[str, Any]) -> dict[str, bytes]:
    out = {}
    for rel, data in sorted(files.items()):
        if isinstance(data, dict):
            data = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if not unicodedata.is_normalized("NFC", data):
            raise ValueError(f"{rel}: text is not NFC")
        out[rel] = data.encode("utf-8")
    return out


def on_disk() -> dict[str, bytes]:
    return {p.relative_to(HERE).as_posix(): p.read_bytes()
            for name in OUTPUT_DIRS for p in sorted((HERE / name).rglob("*")) if p.is_file()}


def diff(wanted: dict[str, bytes], present: dict[str, bytes]) -> list[str]:
    problems = [f"missing: {k}" for k in wanted if k not in present]
    problems += [f"differs: {k}" for k in wanted if k in present and present[k] != wanted[k]]
    problems += [f"extra:   {k}" for k in present if k not in wanted]
    return sorted(problems)


def write(wanted: dict[str, bytes]) -> int:
    present = on_disk()
    for rel in present.keys() - wanted.keys():
        (HERE / rel).unlink()
    for rel, data in wanted.items():
        if present.get(rel) != data:
            (HERE / rel).parent.mkdir(parents=True, exist_ok=True)
            (HERE / rel).write_bytes(data)
    for name in OUTPUT_DIRS:
        for d in sorted((HERE / name).rglob("*"), reverse=True):
            if d.is_dir() and not any(d.iterdir()):
                d.rmdir()
    return len(diff(wanted, present))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if site/ or expected/ differ from a fresh build")
    args = parser.parse_args(argv)
    wanted = encoded(render_all())
    if args.check:
        problems = diff(wanted, on_disk())
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print(f"out of date: run python {Path(__file__).relative_to(HERE.parents[2])}",
                  file=sys.stderr)
            return 1
        print(f"{HERE.name} fixture up to date ({len(wanted)} files)")
        return 0
    print(f"{HERE.name} fixture built: {len(wanted)} files, {write(wanted)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
