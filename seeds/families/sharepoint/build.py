"""The SharePoint 2013 provincial portal fixture (README.md): content.toml -> site/ + expected/.

Its own are the seattle.master chrome (suite bar, ribbon, web part zones, the
aspnetForm with __REQUESTDIGEST), `/Trang/ChiTietTinTuc.aspx?nid=` article URLs, the
`?Page=N` pager, and the byline printed as the body's last line.
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

ARTS = sorted(kit.load_articles(HERE), key=lambda a: a["id"], reverse=True)  # newest first
PAGES = kit.chunks(ARTS, 3)  # the listing's pages
SITE = "Cổng thông tin điện tử tỉnh (bản mô phỏng SharePoint)"
LISTING = "/Trang/tin-tuc-su-kien.aspx"


def url(a):
    return f"/Trang/ChiTietTinTuc.aspx?nid={a['id']}"


def page(title, action, main, side=""):
    return f"""<!DOCTYPE html>
<html dir="ltr" lang="vi-VN">
<head>
<meta http-equiv="X-UA-Compatible" content="IE=10" />
<meta name="GENERATOR" content="Microsoft SharePoint" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<meta name="author" content="Cổng thông tin điện tử tỉnh" />
<title>
	{esc(title)}
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css?rev=OqAycmyMLoQIDkAlzHdMhQ%3D%3D" />
<script type="text/javascript" src="/_layouts/15/init.js?rev=ZGRodZMdJIMpWtqR4OaSxw%3D%3D"></script>
</head>
<body>
<div id="imgPrefetch" style="display:none">
<img src="/_layouts/15/images/spcommon.png?rev=40" />
</div>
<form method="post" action="{attr(action)}" id="aspnetForm">
<div class="aspNetHidden">
<input type="hidden" name="_wpcmWpid" id="_wpcmWpid" value="" />
<input type="hidden" name="wpcmVal" id="wpcmVal" value="" />
<input type="hidden" name="MSOWebPartPage_PostbackSource" id="MSOWebPartPage_PostbackSource" value="" />
<input type="hidden" name="MSOTlPn_SelectedWpId" id="MSOTlPn_SelectedWpId" value="" />
<input type="hidden" name="__REQUESTDIGEST" id="__REQUESTDIGEST" value="0x3F6A1C0E5B7D42A9C1E08F2B6D9A4C7E1F3B5D8A0C2E4F6A8B0D2C4E6F8A1B3C5D7E9,29 Nov 2026 02:15:00 -0000" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWBAIBD2QWAgIFD2QWAgIBDxYCHhNQcmV2aW91c0NvbnRyb2xNb2RlCymIAU1pY3Jvc29mdC5TaGFyZVBvaW50LldlYkNvbnRyb2xzLlNQQ29udHJvbE1vZGU=" />
</div>
<div id="ms-designer-ribbon">
  <div id="suiteBar" class="ms-dialogHidden noindex">
    <div id="suiteBarLeft"><span class="ms-core-brandingText">SharePoint</span></div>
    <div id="suiteBarRight"><span id="ctl00_IdWelcome" class="ms-core-menu-root"><a href="/_layouts/15/Authenticate.aspx?Source=%2F">Đăng nhập</a></span></div>
  </div>
  <div id="s4-ribbonrow" class="ms-dialogHidden" style="display:none">
    <div id="globalNavBox"><div id="ribbonBox"><span class="ms-cui-tt-span">Duyệt</span> <span class="ms-cui-tt-span">Trang</span></div></div>
  </div>
</div>
<div id="s4-workspace" class="ms-core-overlay">
<div id="s4-bodyContainer">
  <div id="s4-titlerow" class="qn-header">
    <a id="ctl00_onetidProjectPropertyTitleGraphic" href="/"><img src="/Style%20Library/portal/images/logo.png" alt="{attr(SITE)}" /></a>
    <div class="qn-header-date">Chủ Nhật, 29/11/2026</div>
    <div class="qn-search"><input type="text" title="Tìm kiếm" class="ms-sbplain" /></div>
  </div>
  <div class="qn-topnav ms-core-listMenu-horizontalBox">
    <ul class="root ms-core-listMenu-root static">
      <li class="static"><a class="static menu-item ms-core-listMenu-item" href="/">Trang chủ</a></li>
      <li class="static"><a class="static menu-item ms-core-listMenu-item" href="/Trang/gioi-thieu.aspx">Giới thiệu</a></li>
      <li class="static"><a class="static menu-item ms-core-listMenu-item" href="{LISTING}">Tin tức - Sự kiện</a></li>
      <li class="static"><a class="static menu-item ms-core-listMenu-item" href="/Trang/van-ban.aspx">Văn bản</a></li>
    </ul>
  </div>
  <div id="contentRow">
    <div id="sideNavBox" class="ms-dialogHidden ms-forceWrap ms-noList">
{side}
    </div>
    <div id="contentBox" aria-live="polite" aria-relevant="all">
      <div id="DeltaPlaceHolderMain">
        <div class="ms-webpart-zone ms-fullWidth">
          <div id="MSOZoneCell_WebPartWPQ2" class="s4-wpcell-plain ms-webpartzone-cell ms-webpart-cell-vertical ms-fullWidth">
            <div class="ms-webpart-chrome ms-webpart-chrome-vertical ms-webpart-chrome-fullWidth">
              <div webpartid="7c2f4b1e-5d3a-4e8f-9b6c-1a2d3e4f5a6b" haspers="false" id="WebPartWPQ2" width="100%" class="ms-WPBody" allowdelete="false" style="">
{main}
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  </div>
  <div class="qn-footer ms-dialogHidden">
    <p>{esc(SITE)} — trang mô phỏng dùng cho kiểm thử, không phải trang chính thức.</p>
    <p>Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p>
  </div>
</div>
</div>
<script type="text/javascript">
//<![CDATA[
var _spPageContextInfo = {{webServerRelativeUrl: "\\u002f", webLanguage: 1066, currentLanguage: 1066}};
//]]>
</script>
</form>
</body>
</html>
"""


def other_item(o):
    return (f'        <li><a href="{attr(url(o))}">{esc(o["title"])}</a>'
            f' <span class="news-other-date">({day(o)})</span></li>')


def other_news(a):
    return f"""      <div class="news-other">
        <h3 class="ms-webpart-titleText">Tin khác</h3>
        <ul>
{kit.others(ARTS, a, other_item)}
        </ul>
      </div>"""


def article_page(a):
    main = f"""<div class="news-detail">
  <div class="news-detail-category"><a href="{LISTING}">{esc(a["section"])}</a></div>
  <h1 class="news-detail-title">{esc(a["title"])}</h1>
  <div class="news-detail-date">{day(a)} | {a["when"].split(" ")[1]}</div>
  <div class="news-detail-tools"><a href="javascript:window.print();">In bài</a> <a href="mailto:?subject={attr(a["title"])}">Gửi email</a></div>
  <div class="news-detail-sapo"><strong>{esc(a["lead"])}</strong></div>
  <div class="news-detail-content ms-rtestate-field">
{body_paragraphs(a)}
  </div>
</div>
{other_news(a)}"""
    return page(a["title"], f"./ChiTietTinTuc.aspx?nid={a['id']}", main, side=side_box())


def side_box():
    return """      <div class="qn-side-box">
        <h3 class="ms-webpart-titleText">Liên kết</h3>
        <ul><li><a href="https://chinhphu.fixture.test/">Cổng TTĐT Chính phủ</a></li>
        <li><a href="/Trang/lich-cong-tac.aspx">Lịch công tác</a></li></ul>
      </div>"""


def teaser(a):
    img = kit.first_image(a)
    pic = (f'<a class="news-item-image" href="{attr(url(a))}"><img src="{attr(img[1])}"'
           ' alt="" /></a>' if img else "")
    sapo = a["lead"][:160] + ("..." if len(a["lead"]) > 160 else "")
    return f"""  <div class="news-item">
    {pic}
    <h3 class="news-item-title"><a href="{attr(url(a))}">{esc(a["title"])}</a></h3>
    <span class="news-item-date">{day(a)}</span>
    <p class="news-item-sapo">{esc(sapo)}</p>
  </div>"""


def pager(current):
    parts = kit.pager_parts(current, len(PAGES), lambda n: f'<span class="current">{n}</span>',
                            lambda n: f'<a href="?Page={n}">{n}</a>',
                            lambda n: f'<a href="?Page={n}" title="Trang sau">»</a>')
    return '<div class="news-pager">' + " ".join(parts) + "</div>"


def listing_page(n):
    body = "\n".join(teaser(a) for a in PAGES[n - 1])
    main = f"""<div class="news-list">
  <h2 class="news-list-heading">Tin tức - Sự kiện</h2>
{body}
  {pager(n)}
</div>"""
    return page("Tin tức - Sự kiện", "./tin-tuc-su-kien.aspx" + (f"?Page={n}" if n > 1 else ""),
                main, side=side_box())


def home():
    top = "\n".join(f'      <li><a href="{attr(url(a))}">{esc(a["title"])}</a></li>'
                    for a in ARTS[:3])
    main = f"""<div class="home-news">
  <h2 class="ms-webpart-titleText">Tin mới</h2>
  <ul>
{top}
  </ul>
  <a class="home-more" href="{LISTING}">Xem tất cả</a>
</div>
<div class="home-banner"><img src="/PublishingImages/banner/chuyen-doi-so.jpg" alt="Chuyển đổi số" /></div>"""
    return page("Trang chủ", "./", main, side=side_box())


def render_all() -> dict[str, Any]:
    routed = {f"{LISTING}?Page={n}": (f"Trang/tin-tuc-su-kien-trang-{n}.html", listing_page(n))
              for n in range(1, len(PAGES) + 1)}
    routed |= {url(a): (f"Trang/ChiTietTinTuc/{a['id']}.html", article_page(a)) for a in ARTS}
    robots = ("User-agent: *\nDisallow: /_layouts/\nDisallow: /_vti_bin/\n"
              "Disallow: /_catalogs/\nDisallow: /Lists/\n")
    return {"site/index.html": home(), "site/Trang/tin-tuc-su-kien.aspx.html": listing_page(1),
            "site/robots.txt": robots, **kit.routed(routed),
            **kit.expected_files(ARTS, url, lambda a: a["id"])}


if __name__ == "__main__":
    raise SystemExit(kit.main(HERE, render_all, __doc__))
