"""Render the ASP.NET family fixture portal: content.toml -> site/ + expected/.

The markup is written for this project from public knowledge of the platform (see
README.md); the expected JSON says what each page shows, derived from content.toml
only, never from extraction code.  What every family does alike (content, expected
JSON, writing and checking the files) is in ../fixturekit.py.

    python seeds/families/aspnet/build.py          # (re)write site/ and expected/
    python seeds/families/aspnet/build.py --check  # exit 1 if they are out of date

Standard library only; the output is deterministic.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
kit = SimpleNamespace(**runpy.run_path(str(HERE.parent / "fixturekit.py"), run_name="fixturekit"))
esc, attr, day, body_paragraphs = kit.esc, kit.attr, kit.day, kit.body_paragraphs

# ------------------------------------------------------------------ the site

SITE = "Cổng thông tin điện tử thành phố (bản mô phỏng ASP.NET)"
CLOCK = "Chủ nhật, ngày 29/11/2026"
LISTING = "/tin-tuc-su-kien.aspx"
PAGE_SIZE = 3
ARTS = sorted(kit.load_articles(HERE), key=lambda a: a["id"], reverse=True)
VIEWSTATE = ("/wEPDwULLTE2NjY4ODk3NjUPZBYCZg9kFgICAw9kFgQCAQ9kFgICAQ8WAh4EVGV4dAUYQ2jhu6cgbmjhuq10LC"
             "BuZ8OgeSAyOS8xMS8yMDI2ZAIDD2QWAgIBD2QWAmYPZBYCAgEPFgIfAAUMVGluIHThu6ljZBgBBR5fX0NvbnRyb2xzUmVx")


def url(a):
    return f"/default.aspx?nid={a['id']}"


def friendly(a):
    return f"/p-UBNDTP/d{a['id']}/{a['friendly']}.aspx"


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
    items = kit.others(ARTS, a)
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
    img = kit.first_image(a)
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
        files[f"expected/{a['id']}.json"] = kit.expected(a, url(a))
    files["site/_routes.json"] = dict(sorted(routes.items()))
    files["site/robots.txt"] = "User-agent: *\nDisallow: /Portal/PrintItem.aspx\nDisallow: /Admin/\n"
    return files


if __name__ == "__main__":
    sys.exit(kit.main(HERE, render_all, __doc__))
