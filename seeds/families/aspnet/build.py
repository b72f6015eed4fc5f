"""The ASP.NET Web Forms city portal fixture (README.md): content.toml -> site/ + expected/.

Its own are the Web Forms chrome (one postback <form>, __VIEWSTATE and the other hidden
fields, __doPostBack), `default.aspx?nid=` article URLs, a friendly URL serving the same
item with rel=canonical, and a pager of postback links beside plain `?trang=N` links.
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

SITE = "Cổng thông tin điện tử thành phố (bản mô phỏng ASP.NET)"
LISTING = "/tin-tuc-su-kien.aspx"
ARTS = sorted(kit.load_articles(HERE), key=lambda a: a["id"], reverse=True)
PAGES = kit.chunks(ARTS, 3)  # the listing's pages
VIEWSTATE = ("/wEPDwULLTE2NjY4ODk3NjUPZBYCZg9kFgICAw9kFgQCAQ9kFgICAQ8WAh4EVGV4dAUYQ2jhu6cgbmjh"
             "uq10LCBuZ8OgeSAyOS8xMS8yMDI2ZAIDD2QWAgIBD2QWAmYPZBYCAgEPFgIfAAUMVGluIHThu6ljZBgBBR5f"
             "X0NvbnRyb2xzUmVx")


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
    <div id="divNgayThang" class="header-date">Chủ nhật, ngày 29/11/2026</div>
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


def other_item(o):
    return (f'          <li><a href="{attr(url(o))}">{esc(o["title"])}</a>'
            f' <span class="date">({day(o)})</span></li>')


def other_news(a):
    return f"""      <div class="divOtherNews">
        <div class="divOtherNews_Title">Các tin khác</div>
        <ul>
{kit.others(ARTS, a, other_item)}
        </ul>
      </div>"""


def article_page(a, canonical=""):
    author = (f'\n        <div class="divDetail_Author">{esc(a["author"])}</div>'
              if a["author"] else "")
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


def pager(current):
    parts = kit.pager_parts(
        current, len(PAGES), lambda n: f'<span class="pageCurrent">{n}</span>',
        lambda n: "<a href=\"javascript:__doPostBack('ctl00$ContentPlaceHolder1$ctl00$rptPaging"
                  f"$ctl0{n}$lbtPage','')\">{n}</a>"
                  f' <a class="pageLink" href="{LISTING}?trang={n}">Trang {n}</a>')
    return '<div class="divPaging">' + " ".join(parts) + "</div>"


def listing_page(n):
    items = "\n".join(teaser(a) for a in PAGES[n - 1])
    main = f"""      <div class="divNewsList">
        <div class="divNewsList_Title">Tin tức - Sự kiện</div>
{items}
        {pager(n)}
      </div>"""
    return page("Tin tức - Sự kiện", "." + LISTING + (f"?trang={n}" if n > 1 else ""), main)


def home():
    hot = next(a for a in ARTS if a.get("friendly"))
    top = "\n".join(f'          <li><a class="lnkNewsTitle" href="{attr(url(a))}">'
                    f'{esc(a["title"])}</a></li>' for a in ARTS[:3] if a is not hot)
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
    routed = {f"{LISTING}?trang={n}": (f"tin-tuc-su-kien-trang-{n}.html", listing_page(n))
              for n in range(1, len(PAGES) + 1)}
    routed |= {url(a): (f"nid/{a['id']}.html", article_page(a)) for a in ARTS}
    # The friendly URL serves the same item, with rel=canonical to the nid URL.
    friendly_pages = {f"site{friendly(a)}.html": article_page(a, canonical=url(a))
                      for a in ARTS if a.get("friendly")}
    return {"site/index.html": home(), "site/tin-tuc-su-kien.aspx.html": listing_page(1),
            "site/robots.txt": "User-agent: *\nDisallow: /Portal/PrintItem.aspx\n"
                               "Disallow: /Admin/\n",
            **kit.routed(routed), **friendly_pages,
            **kit.expected_files(ARTS, url, lambda a: a["id"])}


if __name__ == "__main__":
    raise SystemExit(kit.main(HERE, render_all, __doc__))
