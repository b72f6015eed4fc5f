"""The DotNetNuke People's Council fixture (README.md): content.toml -> site/ + expected/.

Its own are DNN's friendly `tabid/<n>/.../Default.aspx` URLs, skin panes and module
containers, the news module's labels, the editor's image tables, and dates in the vi-VN
`dd/MM/yyyy h:mm:ss SA|CH` format.
"""

import base64
import hashlib
import runpy
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

# The page templates keep the platform's long lines as its pages have them.
# ruff: noqa: E501
HERE = Path(__file__).resolve().parent
# What every family's build does alike (content, expected JSON, output): the kit.
kit = SimpleNamespace(**runpy.run_path(str(HERE.parent / "fixturekit.py"), run_name="fixturekit"))
esc = kit.attr  # this site escapes quotes in text too
IMAGES = "/Portals/0/Images/2025/"
IMAGE_SOURCE = {"ky-hop-thu-21.jpg": "lhh-giao-uoc-thi-dua-2022.jpg"}


def article_path(site: dict[str, Any], art: dict[str, Any]) -> str:
    return (f"/Chuyenmuctin/Chitiettin/tabid/{site['detail_tab']}/title/{art['id']}/"
            f"ctitle/{site['category_id']}/Default.aspx")


def listing_path(site: dict[str, Any], page: int) -> str:
    pager = f"currentpage/{page}/" if page > 1 else ""
    return (f"/Chuyenmuctin/tabid/{site['list_tab']}/ctitle/{site['category_id']}/"
            f"{pager}Default.aspx")


def viewstate(seed: str) -> str:
    """An opaque `__VIEWSTATE` value, as every ASP.NET WebForms page carries."""
    digest = b"".join(hashlib.sha256(f"{seed}{i}".encode()).digest() for i in range(6))
    return "/wEPDwUKMTY1NDU2MTA1Mg9kFgYCAQ8WAh4EVGV4dAUG" + base64.b64encode(digest).decode()


def page(site: dict[str, Any], action: str, title: str, module: str, content: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xml:lang="vi-VN" lang="vi-VN" xmlns="http://www.w3.org/1999/xhtml">
<head id="Head">
<!-- DotNetNuke - http://www.dotnetnuke.com -->
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />
<meta id="MetaDescription" name="DESCRIPTION" content="{esc(site['title'])}" />
<meta id="MetaGenerator" name="GENERATOR" content="DotNetNuke " />
<meta id="MetaRobots" name="ROBOTS" content="INDEX, FOLLOW" />
<title>{esc(title)}</title>
<link href="/Portals/_default/default.css?cdv=45" type="text/css" rel="stylesheet" />
<link href="/Portals/_default/Skins/HDND/skin.css?cdv=45" type="text/css" rel="stylesheet" />
</head>
<body id="Body">
<form method="post" action="{esc(action)}" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate(action)}" />
</div>
<script src="/js/dnncore.js?cdv=45" type="text/javascript"></script>
<div id="skin_wrapper">
 <div id="skin_header">
  <div class="banner"><a href="/Trangchu/tabid/36/Default.aspx"><img src="/Portals/0/banner-hdnd.png" alt="{esc(site['title'])}" /></a></div>
  <div class="topbar">
   <span id="dnn_dnnCURRENTDATE_lblDate" class="DateTime">{esc(site['clock'])}</span>
   <div id="dnn_dnnSEARCH_ClassicSearch"><input name="dnn$dnnSEARCH$txtSearch" type="text" maxlength="255" size="20" id="dnn_dnnSEARCH_txtSearch" class="NormalTextBox" /> <a id="dnn_dnnSEARCH_cmdSearch" class="SkinObject" href="javascript:__doPostBack('dnn$dnnSEARCH$cmdSearch','')">Tìm kiếm</a></div>
  </div>
  <div id="dnn_pnav" class="menu"><ul class="dnnmega">
   <li><a href="/Trangchu/tabid/36/Default.aspx">Trang chủ</a></li>
   <li><a href="{listing_path(site, 1)}">{esc(site['category'])}</a></li>
   <li><a href="/Login/tabid/40/Default.aspx?returnurl=%2f">Đăng nhập</a></li>
  </ul></div>
 </div>
 <div id="skin_breadcrumb"><span id="dnn_dnnBREADCRUMB_lblBreadCrumb"><a href="{listing_path(site, 1)}" class="Breadcrumb">Chuyên mục tin</a> › <span class="Breadcrumb">{esc(title)}</span></span></div>
 <div id="skin_content">
  <div id="dnn_ContentPane" class="contentPane">
   <div class="DnnModule DnnModule-TinTucCMS DnnModule-{module}"><a name="{module}"></a>
    <div class="c_container c_head_grey">
     <div class="c_title"><h2 class="c_titleh2"><span id="dnn_ctr{module}_dnnTITLE_titleLabel" class="Head">{esc(title)}</span></h2></div>
     <div id="dnn_ctr{module}_ContentPane" class="c_content">
      <div id="dnn_ctr{module}_ModuleContent" class="DNNModuleContent ModTinTucCMSC">
{content}
      </div>
     </div>
    </div>
   </div>
  </div>
  <div id="dnn_RightPane" class="rightPane">
   <div class="DnnModule DnnModule-DNN_HTML DnnModule-377"><a name="377"></a>
    <div id="dnn_ctr377_ModuleContent" class="DNNModuleContent ModDNNHTMLC"><div id="dnn_ctr377_HtmlModule_lblContent" class="Normal"><p><strong>Đường dây nóng:</strong> 0210 3 000 000</p></div></div>
   </div>
  </div>
 </div>
 <div id="skin_footer"><div class="footer">Cơ quan chủ quản: Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Sơn Lâm. <a id="dnn_dnnCOPYRIGHT_lblCopyright" class="footer">Bản quyền thuộc HĐND tỉnh Sơn Lâm</a></div></div>
</div>
<input name="ScrollTop" type="hidden" id="ScrollTop" />
<input name="__dnnVariable" type="hidden" id="__dnnVariable" value="`{{`__scdoff`:`1`}}" />
</form>
</body>
</html>
"""


def image_table(block: dict[str, str]) -> str:
    """The editor's image table: the picture, then its caption cell."""
    return (f'<table class="image" align="center" border="0" cellpadding="3">'
            f'<tbody><tr><td><img src="{IMAGES}{block["img"]}" width="500" '
            f'height="333" alt="" /></td></tr><tr><td class="image_desc">'
            f'<em>{esc(block["caption"])}</em></td></tr></tbody></table>')


def body_html(art: dict[str, Any]) -> str:
    parts = kit.blocks(art["body"], lambda p: f'<p style="text-align: justify;">{esc(p)}</p>',
                       image_table)
    if art["body_byline"]:
        parts.append(f'<p style="text-align: right;"><strong>{esc(art["body_byline"])}'
                     '</strong></p>')
    return "\n".join(parts)


def detail(site: dict[str, Any], art: dict[str, Any], arts: list[dict[str, Any]]) -> str:
    ctr = f"dnn_ctr{site['module']}_ChiTietTin"
    others = "".join(f'<li><a href="{esc(article_path(site, a))}">{esc(a["title"])}</a> '
                     f'<span class="ngay">({a["date"][:10]})</span></li>'
                     for a in arts if a["id"] != art["id"])
    return f"""<div class="chitiettin">
<span id="{ctr}_lblChuyenMuc" class="chuyenmuc">{esc(site['category'])}</span>
<h1 class="tieude"><span id="{ctr}_lblTieuDe">{esc(art['title'])}</span></h1>
<div class="ngaydang">Ngày đăng: <span id="{ctr}_lblNgayDang">{art['date']}</span></div>
<div class="print-email"><a href="javascript:window.print()">In trang</a> | <a href="mailto:?subject={art['id']}">Gửi email</a></div>
<div class="tomtat"><span id="{ctr}_lblTomTat">{esc(art['lead'])}</span></div>
<div class="noidung"><span id="{ctr}_lblNoiDung">
{body_html(art)}
</span></div>
<div class="tacgia"><span id="{ctr}_lblTacGia">{esc(art['author'])}</span></div>
<div class="tinlienquan"><h3>Các tin khác</h3><ul>{others}</ul></div>
</div>"""


def teaser(site: dict[str, Any], art: dict[str, Any]) -> str:
    href = esc(article_path(site, art))
    return f"""<div class="tin-item">
<a class="tieude" href="{href}">{esc(art['title'])}</a> <span class="ngay">({art['date'][:10]})</span>
<div class="tomtat">{esc(art['lead'][:150])}...</div>
</div>"""


def pager(site: dict[str, Any], current: int, last: int) -> str:
    links = kit.pager_parts(
        current, last, lambda n: f'<span class="current">{n}</span>',
        lambda n: f'<a class="CommandButton" href="{listing_path(site, n)}">{n}</a>',
        lambda n: f'<a class="CommandButton" href="{listing_path(site, n)}">Sau »</a>')
    return ('<table class="PagingTable"><tr><td><span class="pagingtext">Trang:</span> '
            + " ".join(links) + "</td></tr></table>")


def render_all() -> dict[str, Any]:
    content = kit.read_content(HERE)
    site = content["site"]
    arts = sorted(content["articles"], key=lambda a: published(a["date"]), reverse=True)
    files: dict[str, Any] = kit.drupal_images(IMAGES, IMAGE_SOURCE)
    for art in arts:
        path = article_path(site, art)
        files["site" + path] = page(site, path, "Chi tiết tin", site["module"],
                                    detail(site, art, arts))
        files[f"expected/{art['id']}.json"] = expected(site, art)
    chunks = kit.chunks(arts, site["page_size"])
    for number, chunk in enumerate(chunks, start=1):
        path = listing_path(site, number)
        items = "\n".join(teaser(site, a) for a in chunk)
        body = f'<div class="danhsachtin">\n{items}\n</div>\n{pager(site, number, len(chunks))}'
        files["site" + path] = page(site, path, site["category"], 405, body)
    home = "\n".join(teaser(site, a) for a in arts[:3])
    files["site/index.html"] = page(site, "/Default.aspx", "Trang chủ", 380,
                                    f'<div class="tinmoi">\n{home}\n<a class="xemtiep" '
                                    f'href="{listing_path(site, 1)}">Xem tiếp</a></div>')
    return files


def published(text: str) -> datetime:
    """`dd/MM/yyyy h:mm:ss SA|CH` (vi-VN, SA = a.m., CH = p.m.) in Vietnam time."""
    day, month, rest = text.split("/")
    year, clock, half = rest.split(" ")
    hour, minute, _ = (int(x) for x in clock.split(":"))
    hour = hour % 12 + (12 if half == "CH" else 0)
    return datetime(int(year), int(month), int(day), hour, minute, tzinfo=kit.VN)


def expected(site: dict[str, Any], art: dict[str, Any]) -> dict[str, Any]:
    return kit.record(
        title=art["title"], url=article_path(site, art), section=site["category"],
        source_label=None, published=published(art["date"]).isoformat(),
        published_precision="datetime", author=art["author"] or art["body_byline"] or None,
        lead=art["lead"], body=[art["lead"], *kit.body_texts(art["body"])],
        images=kit.body_images(art["body"], IMAGES))


if __name__ == "__main__":
    raise SystemExit(kit.main(HERE, render_all, __doc__))
