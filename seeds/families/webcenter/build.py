"""The Oracle WebCenter Portal fixture (README.md): content.toml -> site/ + expected/.

Its own are the ADF Faces chrome (af_document, af_form with javax.faces.ViewState,
T:pt1:... component ids), `pages_tin-tuc/chi-tiet?dDocName=` article URLs, two content
templates (the table one of items migrated from before 2020), Open Graph tags and the
`?page=N` pager with JavaScript commands.
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

ARTS = sorted(kit.load_articles(HERE), key=lambda a: kit.parse_when(a["when"]), reverse=True)
PAGES = kit.chunks(ARTS, 3)  # the listing's pages
PORTAL = "/webcenter/portal/quangnam"
LISTING = f"{PORTAL}/pages_tin-tuc"
SITE = "Cổng thông tin điện tử tỉnh (bản mô phỏng WebCenter)"


def url(a):
    return f"{LISTING}/chi-tiet?dDocName={a['id']}"


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
    <span id="T:pt1:ot5" class="af_outputText wc-ngay-hien-tai">Chủ Nhật, ngày 29/11/2026</span>
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


def other_item(o):
    return (f'          <li><a href="{attr(url(o))}">{esc(o["title"])}</a>'
            f' <span class="af_outputText">({day(o)})</span></li>')


def other_news(a):
    return f"""      <div id="T:pt1:r1:0:pgl3" class="af_panelGroupLayout cp-tin-khac">
        <h3 class="af_panelHeader_title-text0">Các tin khác</h3>
        <ul>
{kit.others(ARTS, a, other_item)}
        </ul>
      </div>"""


def detail_new(a):
    author = (f'\n          <div class="cp-tac-gia">{esc(a["author"])}</div>'
              if a["author"] else "")
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
                head=kit.og_tags(a))  # the page template's, whatever the content template


def teaser(a):
    img = kit.first_image(a)
    pic = (f'<a class="cp-tin-anh" href="{attr(url(a))}"><img src="{attr(img[1])}" alt=""></a>'
           if img else "")
    return f"""        <div class="cp-tin-item af_iterator_row">
          {pic}
          <a class="cp-tin-tieu-de" href="{attr(url(a))}">{esc(a["title"])}</a>
          <span class="cp-tin-ngay">{day(a)}</span>
          <div class="cp-tin-tom-tat">{esc(a["lead"][:150])}...</div>
        </div>"""


def pager(current):
    parts = kit.pager_parts(current, len(PAGES), lambda n: f'<span class="p_AFSelected">{n}</span>',
                            lambda n: f'<a class="af_commandLink" href="?page={n}">{n}</a>',
                            lambda n: f'<a class="af_commandLink" href="?page={n}">Trang sau »</a>')
    previous = ('<a class="af_commandLink" href="#" onclick="AdfPage.PAGE.queueEvent(\'prev\');'
                'return false;">« Trang trước</a>')
    return ('<div id="T:pt1:r1:0:pager" class="cp-phan-trang">' + " ".join([previous, *parts])
            + "</div>")


def listing_page(n):
    items = "\n".join(teaser(a) for a in PAGES[n - 1])
    main = f"""      <div id="T:pt1:r1:0:pgl5" class="af_panelGroupLayout cp-danh-sach">
        <h2 class="af_panelHeader_title-text0">Tin tức - Sự kiện</h2>
{items}
        {pager(n)}
      </div>"""
    return page("Tin tức", LISTING + (f"?page={n}" if n > 1 else ""), main)


def home():
    top = "\n".join(f'          <li><a class="wc-tin-moi" href="{attr(url(a))}">{esc(a["title"])}'
                    '</a></li>' for a in ARTS[:3])
    main = f"""      <div id="T:pt1:r1:0:pgl7" class="af_panelGroupLayout wc-tin-noi-bat">
        <h2 class="af_panelHeader_title-text0">Tin nổi bật</h2>
        <ul>
{top}
        </ul>
        <a class="af_goLink" href="{LISTING}">Xem thêm</a>
      </div>"""
    return page("Trang chủ", f"{PORTAL}/home", main)


def render_all() -> dict[str, Any]:
    listing = {f"site{LISTING}/page-{n}.html": listing_page(n) for n in range(1, len(PAGES) + 1)}
    details = {url(a): (f"{LISTING.strip('/')}/chi-tiet/{a['id']}.html", article_page(a))
               for a in ARTS}
    return {"site/index.html": home(), f"site{PORTAL}/home.html": home(),
            f"site{LISTING}/index.html": listing_page(1), **listing, **kit.routed(details),
            **kit.expected_files(ARTS, url, lambda a: a["id"])}


if __name__ == "__main__":
    raise SystemExit(kit.main(HERE, render_all, __doc__))
