"""Render the WebCenter family fixture portal: content.toml -> site/ + expected/.

The markup is written for this project from public knowledge of the platform (see
README.md); the expected JSON says what each page shows, derived from content.toml
only, never from extraction code.

    python seeds/families/webcenter/build.py          # (re)write site/ and expected/
    python seeds/families/webcenter/build.py --check  # exit 1 if they are out of date

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

SITE = "Cổng thông tin điện tử tỉnh (bản mô phỏng WebCenter)"
CLOCK = "Chủ Nhật, ngày 29/11/2026"
PORTAL = "/webcenter/portal/quangnam"
LISTING = f"{PORTAL}/pages_tin-tuc"
PAGE_SIZE = 3


def key(a):
    d, m, y = a["when"].split(" ")[0].split("/")
    return (y, m, d, a["when"].split(" ")[1])


ARTS = sorted(load_articles(), key=key, reverse=True)


def url(a):
    return f"{LISTING}/chi-tiet?dDocName={a['id']}"


def day(a):
    return a["when"].split(" ")[0]


def page(title, action, main, head=""):
    nav = "\n".join(
        f'          <a class="af_commandNavigationItem" href="{h}">{esc(t)}</a>'
        for h, t in ((f"{PORTAL}/home", "Trang chủ"), (f"{PORTAL}/pages_gioi-thieu", "Giới thiệu"),
                     (LISTING, "Tin tức"), (f"{PORTAL}/pages_van-ban", "Văn bản")))
    return f"""<!DOCTYPE html>
<html lang="vi-VN" dir="ltr" class="p_AFMaximized">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>{head}
<link rel="stylesheet" charset="UTF-8" type="text/css" href="/webcenter/afr/alta-v1/alta-v1-desktop-2mbi6w-vi.css">
<script type="text/javascript" src="/webcenter/afr/partition/gecko/default/opt/boot-SHEPHERD-PS3-9287.js"></script>
</head>
<body class="af_document p_AFMaximized" onload="AdfPage.PAGE.onload()">
<div id="T:d1" class="af_document">
<form id="f1" name="f1" style="margin:0px" method="POST" onkeypress="return _checkSubmit(event, 'f1')" action="{attr(action)}" class="af_form">
<div id="T:pt1" class="af_pageTemplate">
  <div id="T:pt1:pgl2" class="af_panelGroupLayout wc-header">
    <a id="T:pt1:gil1" class="af_goImageLink" href="{PORTAL}/home"><img src="/webcenter/content/conn/UCM/path/Contribution%20Folders/quangnam/giao-dien/logo.png" alt="{attr(SITE)}"></a>
    <span id="T:pt1:ot5" class="af_outputText wc-ngay-hien-tai">{CLOCK}</span>
  </div>
  <div id="T:pt1:nav" class="af_navigationPane wc-menu">
{nav}
  </div>
  <div id="T:pt1:r1" class="af_region">
    <div id="T:pt1:r1:0:pgl1" class="af_panelGroupLayout">
{main}
    </div>
  </div>
  <div id="T:pt1:pgl9" class="af_panelGroupLayout wc-footer">
    <span class="af_outputText">{esc(SITE)} — trang mô phỏng dùng cho kiểm thử, không phải trang chính thức.</span>
  </div>
</div>
<input type="hidden" name="org.apache.myfaces.trinidad.faces.FORM" value="f1">
<input type="hidden" name="javax.faces.ViewState" value="!-1k3v9q2x7d">
<span id="f1::postscript"><input type="hidden" name="event"><input type="hidden" name="event.T:pt1:r1:0:pager"></span>
</form>
</div>
<script type="text/javascript">AdfPage.PAGE.__initializePage({{"_adf.ctrl-state": "1a2b3c4d5e_4"}});</script>
</body>
</html>
"""


def other_news(a):
    items = [o for o in ARTS if o is not a][:3]
    lis = "\n".join(f'          <li><a href="{attr(url(o))}">{esc(o["title"])}</a> <span class="af_outputText">({day(o)})</span></li>' for o in items)
    return f"""      <div id="T:pt1:r1:0:pgl3" class="af_panelGroupLayout cp-tin-khac">
        <h3 class="af_panelHeader_title-text0">Các tin khác</h3>
        <ul>
{lis}
        </ul>
      </div>"""


def detail_new(a):
    author = (f'\n          <div class="cp-tac-gia">{esc(a["author"])}</div>' if a["author"] else "")
    return f"""      <div id="T:pt1:r1:0:cp1" class="af_contentPresenter">
        <div class="cp-chi-tiet">
          <span class="cp-chuyen-muc">{esc(a["section"])}</span>
          <h1 class="cp-tieu-de">{esc(a["title"])}</h1>
          <div class="cp-thong-tin"><span class="cp-ngay-dang">{a["when"]}</span> <span class="cp-luot-xem">Lượt xem: 1.024</span></div>
          <div class="cp-trich-dan">{esc(a["lead"])}</div>
          <div class="cp-noi-dung">
{body_paragraphs(a, byline=False)}
          </div>{author}
          <div class="cp-cong-cu"><a href="#" onclick="window.print();return false;">In trang</a> <a href="#" onclick="AdfPage.PAGE.queueEvent('share');return false;">Chia sẻ</a></div>
        </div>
      </div>"""


def detail_old(a):
    """Items migrated from the portal's pre-2020 version keep their old content template."""
    date, time = a["when"].split(" ")
    return f"""      <div id="T:pt1:r1:0:cp1" class="af_contentPresenter">
        <table class="tblChiTietTin" width="100%" cellpadding="0" cellspacing="0">
          <tr><td class="ChuyenMucTin">{esc(a["section"])}</td></tr>
          <tr><td class="TieuDeTin">{esc(a["title"])}</td></tr>
          <tr><td class="NgayDangTin">Cập nhật lúc {time} ngày {date}</td></tr>
          <tr><td class="NoiDungTin">
<p><b>{esc(a["lead"])}</b></p>
{body_paragraphs(a, byline=False)}
<p align="right"><b>{esc(a["author"])}</b></p>
          </td></tr>
        </table>
      </div>"""


def article_page(a):
    detail = detail_old(a) if a.get("layout") == "truoc-2020" else detail_new(a)
    return page(a["title"], url(a) + "&_adf.ctrl-state=1a2b3c4d5e_4", detail + "\n" + other_news(a),
                head=og_tags(a))


def og_tags(a):
    """The page template writes Open Graph tags for sharing, whatever the content template."""
    return (f'\n<meta property="og:type" content="article">'
            f'\n<meta property="og:title" content="{attr(a["title"])}">'
            f'\n<meta property="og:description" content="{attr(a["lead"][:200])}">')


def teaser(a):
    img = next((p for p in a["paras"] if not isinstance(p, str)), None)
    pic = (f'<a class="cp-tin-anh" href="{attr(url(a))}"><img src="{attr(img[1])}" alt=""></a>'
           if img else "")
    return f"""        <div class="cp-tin-item af_iterator_row">
          {pic}
          <a class="cp-tin-tieu-de" href="{attr(url(a))}">{esc(a["title"])}</a>
          <span class="cp-tin-ngay">{day(a)}</span>
          <div class="cp-tin-tom-tat">{esc(a["lead"][:150])}...</div>
        </div>"""


def pager(current, pages):
    parts = ['<a class="af_commandLink" href="#" onclick="AdfPage.PAGE.queueEvent(\'prev\');return false;">« Trang trước</a>']
    for n in range(1, pages + 1):
        parts.append(f'<span class="p_AFSelected">{n}</span>' if n == current
                     else f'<a class="af_commandLink" href="?page={n}">{n}</a>')
    if current < pages:
        parts.append(f'<a class="af_commandLink" href="?page={current + 1}">Trang sau »</a>')
    return '<div id="T:pt1:r1:0:pager" class="cp-phan-trang">' + " ".join(parts) + "</div>"


def listing_page(n, pages):
    items = "\n".join(teaser(a) for a in ARTS[(n - 1) * PAGE_SIZE: n * PAGE_SIZE])
    main = f"""      <div id="T:pt1:r1:0:pgl5" class="af_panelGroupLayout cp-danh-sach">
        <h2 class="af_panelHeader_title-text0">Tin tức - Sự kiện</h2>
{items}
        {pager(n, pages)}
      </div>"""
    return page("Tin tức", LISTING + (f"?page={n}" if n > 1 else ""), main)


def home():
    top = "\n".join(f'          <li><a class="wc-tin-moi" href="{attr(url(a))}">{esc(a["title"])}</a></li>' for a in ARTS[:3])
    main = f"""      <div id="T:pt1:r1:0:pgl7" class="af_panelGroupLayout wc-tin-noi-bat">
        <h2 class="af_panelHeader_title-text0">Tin nổi bật</h2>
        <ul>
{top}
        </ul>
        <a class="af_goLink" href="{LISTING}">Xem thêm</a>
      </div>"""
    return page("Trang chủ", f"{PORTAL}/home", main)


def render_all() -> dict[str, Any]:
    pages = -(-len(ARTS) // PAGE_SIZE)
    files, routes = {}, {}
    files["site/index.html"] = home()
    files[f"site{PORTAL}/home.html"] = home()
    files[f"site{LISTING}/index.html"] = listing_page(1, pages)
    for n in range(1, pages + 1):
        files[f"site{LISTING}/page-{n}.html"] = listing_page(n, pages)
    for a in ARTS:
        name = f"{LISTING.strip('/')}/chi-tiet/{a['id']}.html"
        files["site/" + name] = article_page(a)
        routes[url(a)] = name
        files[f"expected/{a['id']}.json"] = expected(a, url(a))
    files["site/_routes.json"] = dict(sorted(routes.items()))
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
