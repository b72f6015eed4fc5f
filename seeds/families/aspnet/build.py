"""Render the ASP.NET family fixture portal: content.toml -> site/ + expected/.

The markup is written for this project from public knowledge of the platform (see
README.md); the expected JSON says what each page shows, derived from content.toml
only, never from extraction code.

    python seeds/families/aspnet/build.py          # (re)write site/ and expected/
    python seeds/families/aspnet/build.py --check  # exit 1 if they are out of date

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

SITE = "Cổng thông tin điện tử thành phố (bản mô phỏng ASP.NET)"
CLOCK = "Chủ nhật, ngày 29/11/2026"
LISTING = "/tin-tuc-su-kien.aspx"
PAGE_SIZE = 3
ARTS = sorted(load_articles(), key=lambda a: a["id"], reverse=True)
VIEWSTATE = ("/wEPDwULLTE2NjY4ODk3NjUPZBYCZg9kFgICAw9kFgQCAQ9kFgICAQ8WAh4EVGV4dAUYQ2jhu6cgbmjhuq10LC"
             "BuZ8OgeSAyOS8xMS8yMDI2ZAIDD2QWAgIBD2QWAmYPZBYCAgEPFgIfAAUMVGluIHThu6ljZBgBBR5fX0NvbnRyb2xzUmVx")


def url(a):
    return f"/default.aspx?nid={a['id']}"


def friendly(a):
    return f"/p-UBNDTP/d{a['id']}/{a['friendly']}.aspx"


def day(a):
    return a["when"].split(" ")[0]


def page(title, action, main, canonical=""):
    link = f'\n<link rel="canonical" href="{attr(canonical)}" />' if canonical else ""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head id="Head1"><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>
	{esc(title)}
</title>{link}
<link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" /></head>
<body>
<form name="form1" method="post" action="{attr(action)}" id="form1">
<div>
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{VIEWSTATE}" />
</div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['form1'];
if (!theForm) {{ theForm = document.form1; }}
function __doPostBack(eventTarget, eventArgument) {{
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {{
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.__EVENTARGUMENT.value = eventArgument;
        theForm.submit();
    }}
}}
//]]>
</script>
<div id="wrapper">
  <div id="header">
    <a href="/"><img src="/App_Themes/Default/images/banner.jpg" alt="{attr(SITE)}" /></a>
    <div id="divNgayThang" class="header-date">{CLOCK}</div>
  </div>
  <div id="menu">
    <ul>
      <li><a href="/">Trang chủ</a></li>
      <li><a href="/gioi-thieu.aspx">Giới thiệu</a></li>
      <li><a href="{LISTING}">Tin tức - Sự kiện</a></li>
      <li><a href="/van-ban.aspx">Văn bản chỉ đạo điều hành</a></li>
    </ul>
  </div>
  <div id="main">
    <div id="leftcol">
{main}
    </div>
    <div id="rightcol">
      <div class="boxRight"><div class="boxRight_Title">Liên kết website</div>
        <select onchange="window.open(this.value)"><option value="">-- Chọn --</option><option value="https://chinhphu.fixture.test/">Cổng TTĐT Chính phủ</option></select>
      </div>
      <div class="boxRight"><div class="boxRight_Title">Thống kê truy cập</div><span id="ctl00_ucThongKe_lblOnline">Đang truy cập: 126</span></div>
    </div>
  </div>
  <div id="footer">{esc(SITE)} — trang mô phỏng dùng cho kiểm thử, không phải trang chính thức.</div>
</div>
<div>
<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="CA0B0334" />
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAAPxGzL6q4Xv3uU1dQ8n0cQ2b9dE+Xk0vWj7tQm3rF3y1hCk" />
</div>
</form>
</body>
</html>
"""


def other_news(a):
    items = [o for o in ARTS if o is not a][:3]
    lis = "\n".join(f'          <li><a href="{attr(url(o))}">{esc(o["title"])}</a> <span class="date">({day(o)})</span></li>' for o in items)
    return f"""      <div class="divOtherNews">
        <div class="divOtherNews_Title">Các tin khác</div>
        <ul>
{lis}
        </ul>
      </div>"""


def article_page(a, canonical=""):
    author = f'\n        <div class="divDetail_Author">{esc(a["author"])}</div>' if a["author"] else ""
    main = f"""      <div class="divDetail">
        <div class="divDetail_Category"><a href="{LISTING}">{esc(a["section"])}</a></div>
        <div class="divDetail_Title">{esc(a["title"])}</div>
        <div class="divDetail_DateCreate">{a["when"]}</div>
        <div class="divDetail_Summary">{esc(a["lead"])}</div>
        <div class="divDetail_Content" id="ctl00_ContentPlaceHolder1_ctl00_divContent">
{body_paragraphs(a, byline=False)}
        </div>{author}
        <div class="divDetail_Tool"><a href="/Portal/PrintItem.aspx?ContentID={a["id"]}" target="_blank">In bài viết</a> | <a href="javascript:__doPostBack('ctl00$ContentPlaceHolder1$ctl00$lbtGuiEmail','')">Gửi email</a> | <a href="#top">Về đầu trang</a></div>
      </div>
{other_news(a)}"""
    return page(a["title"], f"./default.aspx?nid={a['id']}", main, canonical)


def teaser(a):
    img = next((p for p in a["paras"] if not isinstance(p, str)), None)
    pic = (f'<a href="{attr(url(a))}"><img class="imgNews" src="{attr(img[1])}" alt="" /></a>'
           if img else "")
    return f"""        <div class="divNewsItem">
          {pic}
          <a class="lnkNewsTitle" href="{attr(url(a))}">{esc(a["title"])}</a>
          <span class="spanNewsDate">({day(a)})</span>
          <div class="divNewsSummary">{esc(a["lead"][:180])}...</div>
        </div>"""


def pager(current, pages):
    parts = []
    for n in range(1, pages + 1):
        if n == current:
            parts.append(f'<span class="pageCurrent">{n}</span>')
        else:
            parts.append(f'<a href="javascript:__doPostBack(\'ctl00$ContentPlaceHolder1$ctl00$rptPaging$ctl0{n}$lbtPage\',\'\')">{n}</a>')
            parts.append(f'<a class="pageLink" href="{LISTING}?trang={n}">Trang {n}</a>')
    return '<div class="divPaging">' + " ".join(parts) + "</div>"


def listing_page(n, pages):
    items = "\n".join(teaser(a) for a in ARTS[(n - 1) * PAGE_SIZE: n * PAGE_SIZE])
    main = f"""      <div class="divNewsList">
        <div class="divNewsList_Title">Tin tức - Sự kiện</div>
{items}
        {pager(n, pages)}
      </div>"""
    return page("Tin tức - Sự kiện", "." + LISTING + (f"?trang={n}" if n > 1 else ""), main)


def home():
    hot = next(a for a in ARTS if a.get("friendly"))
    top = "\n".join(f'          <li><a class="lnkNewsTitle" href="{attr(url(a))}">{esc(a["title"])}</a></li>'
                    for a in ARTS[:3] if a is not hot)
    main = f"""      <div class="divHotNews">
        <a class="lnkHotNews" href="{attr(friendly(hot))}">{esc(hot["title"])}</a>
        <div class="divNewsSummary">{esc(hot["lead"][:180])}...</div>
      </div>
      <div class="divNewsList">
        <div class="divNewsList_Title">Tin mới</div>
        <ul>
{top}
        </ul>
        <a href="{LISTING}">Xem tiếp</a>
      </div>"""
    return page("Trang chủ", "./default.aspx", main)


def render_all() -> dict[str, Any]:
    pages = -(-len(ARTS) // PAGE_SIZE)
    files, routes = {}, {}
    files["site/index.html"] = home()
    files["site/tin-tuc-su-kien.aspx.html"] = listing_page(1, pages)
    for n in range(1, pages + 1):
        name = f"tin-tuc-su-kien-trang-{n}.html"
        files["site/" + name] = listing_page(n, pages)
        routes[f"{LISTING}?trang={n}"] = name
    for a in ARTS:
        name = f"nid/{a['id']}.html"
        files["site/" + name] = article_page(a)
        routes[url(a)] = name
        if a.get("friendly"):
            # The friendly URL serves the same item, with rel=canonical to the nid URL.
            files[f"site{friendly(a)}.html"] = article_page(a, canonical=url(a))
        files[f"expected/{a['id']}.json"] = expected(a, url(a))
    files["site/_routes.json"] = dict(sorted(routes.items()))
    files["site/robots.txt"] = "User-agent: *\nDisallow: /Portal/PrintItem.aspx\nDisallow: /Admin/\n"
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
