"""The Liferay / vPortal VCMS fixture (README.md): content.toml -> site/ + expected/.

Its own are Liferay's portlet chrome, two article layouts (the VCMS view-content portlet
and the asset publisher), `;jsessionid=` and redirect-query links, the page iterator
routed through _routes.json, and a `SonlamPortal - ` dateline.
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
ORIGIN = "https://sonlam.fixture.test"
SECTION = "/web/guest/tin-tuc-su-kien"
DOCS = "/documents/10181/0/"
IMAGE_SOURCE = {"hoi-nghi-chuyen-doi-so-2024.jpg": "trung-tam-dieu-hanh-thong-minh.jpg",
                "dan-van-kheo-huong-can.jpg": "lhh-tang-co-thi-dua-2021.jpg"}
SESSION = ";jsessionid=6F2C1A0B9D3E4F5A6B7C8D9E0F1A2B3C"
PUBLISHER = "101_INSTANCE_{inst}"
LABEL = "SonlamPortal - "


def article_path(site: dict[str, Any], art: dict[str, Any]) -> str:
    if art["layout"] == "vcms":
        return f"{SECTION}/-/vcmsviewcontent/{site['instance']}/{art['category_id']}/" \
               f"{art['slug']}.html"
    return f"{SECTION}/-/asset_publisher/{site['publisher']}/content/{art['slug']}"


def pager_href(site: dict[str, Any], page: int) -> str:
    """The asset publisher's page-iterator link, query and all, as Liferay 6.2 writes it."""
    pid = PUBLISHER.format(inst=site["publisher"])
    query = (f"p_p_id={pid}&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view&"
             f"p_p_col_id=column-1&p_p_col_count=1&_{pid}_cur={page}&"
             f"_{pid}_delta={site['page_size']}")
    return f"{SECTION}?{query}"


def page(site: dict[str, Any], title: str, main: str, side: str, canonical: str = "") -> str:
    link = f'<link href="{ORIGIN}{esc(canonical)}" rel="canonical" />\n' if canonical else ""
    return f"""<!DOCTYPE html>
<html class="ltr" dir="ltr" lang="vi-VN">
<head>
<title>{esc(title)} - {esc(site['title'])}</title>
<meta content="text/html; charset=UTF-8" http-equiv="content-type" />
{link}<link class="lfr-css-file" href="/sonlam-theme/css/main.css?browserId=other&amp;themeId=sonlam_WAR_sonlamtheme&amp;languageId=vi_VN&amp;b=6210" rel="stylesheet" type="text/css" />
<script type="text/javascript">var themeDisplay = {{getLanguageId: function() {{ return "vi_VN"; }}, getPlid: function() {{ return "10185"; }}}};</script>
</head>
<body class="yui3-skin-sam controls-visible signed-out public-page site">
<a href="#main-content" id="skip-to-content">Bỏ qua nội dung</a>
<div class="container-fluid" id="wrapper">
<header id="banner" role="banner">
 <div id="heading">
  <h1 class="site-title"><a class="logo custom-logo" href="/web/guest/trang-chu" title="Về trang chủ"><img alt="Logo" height="90" src="/image/company_logo?img_id=10197&amp;t=1" width="90" /></a> <span class="site-name">{esc(site['title'])}</span></h1>
  <div class="date-time">{esc(site['clock'])}</div>
 </div>
 <nav class="sort-pages modify-pages" id="navigation" role="navigation">
  <ul aria-label="Trang web" role="menubar">
   <li><a href="/web/guest/trang-chu"><span>Trang chủ</span></a></li>
   <li class="selected"><a href="{SECTION}"><span>Tin tức - Sự kiện</span></a></li>
   <li><a href="/web/guest/gioi-thieu"><span>Giới thiệu</span></a></li>
   <li><a href="/c/portal/login?p_l_id=10185" rel="nofollow">Đăng nhập</a></li>
  </ul>
 </nav>
</header>
<div id="content">
<div class="columns-2" id="main-content" role="main">
<div class="portlet-layout row-fluid">
 <div class="portlet-column portlet-column-first span8" id="column-1">
  <div class="portlet-dropzone portlet-column-content portlet-column-content-first" id="layout-column_column-1">
{main}
  </div>
 </div>
 <div class="portlet-column portlet-column-last span4" id="column-2">
  <div class="portlet-dropzone portlet-column-content portlet-column-content-last" id="layout-column_column-2">
{side}
  </div>
 </div>
</div>
</div>
</div>
<footer id="footer" role="contentinfo">
 <p class="powered-by">Cơ quan chủ quản: Ủy ban nhân dân tỉnh Sơn Lâm. Ghi rõ nguồn khi phát hành lại thông tin từ cổng thông tin này.</p>
</footer>
</div>
</body>
</html>
"""


def portlet(pid: str, inst: str, extra: str, content: str) -> str:
    return f"""<div class="portlet-boundary portlet-boundary_{pid}_ portlet-static portlet-static-end portlet-borderless {extra}" id="p_p_id_{pid}_INSTANCE_{inst}_">
<span id="p_{pid}_INSTANCE_{inst}"></span>
<div class="portlet-borderless-container"><div class="portlet-body">
{content}
</div></div>
</div>"""


def vcms_image(block: dict[str, str]) -> str:
    """The VCMS editor's picture: centred, its italic caption in the next paragraph."""
    return (f'<p style="text-align: center;"><img alt="" src="{DOCS}{block["img"]}" '
            'style="width: 600px; height: 400px;" /></p>\n'
            f'<p style="text-align: center;"><em>{esc(block["caption"])}</em></p>')


def asset_image(block: dict[str, str]) -> str:
    return (f'<figure class="image"><img alt="" height="400" src="{DOCS}{block["img"]}" '
            f'width="600" /><figcaption>{esc(block["caption"])}</figcaption></figure>')


def body_html(art: dict[str, Any]) -> str:
    image = vcms_image if art["layout"] == "vcms" else asset_image
    return "\n".join(kit.blocks(art["body"],
                                lambda p: f'<p style="text-align: justify;">{esc(p)}</p>', image))


def other_news(site: dict[str, Any], arts: list[dict[str, Any]], current: str) -> str:
    """"Các tin khác": the VCMS list of older items; the first link carries the session id
    Liferay appends for a visitor without cookies, the second a portlet query string."""
    items = []
    for i, art in enumerate(a for a in arts if a["slug"] != current):
        href = article_path(site, art)
        if i == 0 and art["layout"] == "vcms":
            href += SESSION
        elif i == 1 and art["layout"] == "vcms":
            href += f"?_vcmsviewcontent_WAR_VCMSportlet_INSTANCE_{site['instance']}_redirect=" \
                    "%2Fweb%2Fguest%2Ftin-tuc-su-kien"
        items.append(f'<a href="{esc(href)}">{esc(art["title"])}</a> '
                     f'<span class="date">({art["date"][:10]})</span><br />')
    return ('<p class="no-bot"><b class="news-other"><u>Các tin khác:</u></b></p>\n'
            '<p class="org2 indent u">' + "\n".join(items) + "</p>")


def vcms_detail(site: dict[str, Any], art: dict[str, Any], arts: list[dict[str, Any]]) -> str:
    author = (f'<p class="author" style="text-align: right;"><strong>{esc(art["author"])}'
              '</strong></p>') if art["author"] else ""
    return f"""<p class="bread-crum no-top"><a href="{SECTION}">{esc(art['section'])}</a></p>
<table width="98%" class="chanel-news no-bot j-align" border="0" cellspacing="0" cellpadding="0">
<tr><td>
<p class="title01 f-s16 no-top">{esc(art['title'])}</p>
<span class="time">{art['date']}</span>
<div class="print-article"><a href="javascript:window.print();">In bài viết</a> | <a href="mailto:?subject={esc(art['slug'])}">Gửi email</a></div>
<b class="hot-line m5">{esc(art['lead'])}</b>
<div class="news-content">
{body_html(art)}
</div>
{author}
<div class="share-social">Chia sẻ: <a href="https://www.facebook.com/sharer/sharer.php?u={ORIGIN}{article_path(site, art)}">Facebook</a></div>
</td></tr>
<tr><td>&nbsp;</td></tr>
</table>
{other_news(site, arts, art['slug'])}"""


def asset_detail(site: dict[str, Any], art: dict[str, Any], arts: list[dict[str, Any]]) -> str:
    return f"""<div class="asset-full-content clearfix default-asset-publisher show-asset-title">
<div class="taglib-header"><span class="header-back-to"><a href="{SECTION}">« Quay lại</a></span>
<h3 class="header-title"><span>{esc(art['title'])}</span></h3></div>
<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{art['date']}</span>
<span class="metadata-entry metadata-author">{esc(art['author'])}</span></div>
<div class="asset-content"><div class="journal-content-article">
{body_html(art)}
</div></div>
<div class="taglib-social-bookmarks"><a href="https://twitter.com/intent/tweet?url={ORIGIN}{article_path(site, art)}">Twitter</a></div>
<div class="taglib-ratings stars">Đánh giá: 0 (0 phiếu)</div>
</div>
<div class="asset-links"><h2 class="asset-links-title">Tin liên quan</h2>
{other_news(site, arts, art['slug'])}</div>"""


def abstract(site: dict[str, Any], art: dict[str, Any], session: bool) -> str:
    href = article_path(site, art) + (SESSION if session and art["layout"] == "vcms" else "")
    summary = art["lead"].removeprefix(LABEL) or next(b for b in art["body"] if isinstance(b, str))
    return f"""<div class="asset-abstract default-asset-publisher">
<h3 class="asset-title"><a href="{esc(href)}"><img alt="" src="/html/icons/journal.png" /> {esc(art['title'])}</a></h3>
<div class="asset-content"><div class="asset-summary">{esc(summary[:160])}...</div>
<div class="asset-more"><a href="{esc(href)}">Xem thêm <span class="hide-accessible">về {esc(art['title'])}</span> »</a></div></div>
<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{art['date'][:10]}</span></div>
</div>"""


def iterator(site: dict[str, Any], current: int, last: int) -> str:
    def item(label: str, target: int, cls: str = "") -> str:
        if target == current or not 1 <= target <= last:
            return f'<li class="disabled {cls}"><a href="javascript:;">{label}</a></li>'
        return f'<li class="{cls}"><a href="{esc(pager_href(site, target))}">{label}</a></li>'

    return f"""<div class="taglib-page-iterator" id="_{PUBLISHER.format(inst=site['publisher'])}_pageIteratorBottom">
<div class="clearfix lfr-pagination"><div class="lfr-pagination-config"><div class="lfr-pagination-page-selector">Trang {current} / {last}</div></div>
<ul class="lfr-pagination-buttons pager">
{item("← Đầu", 1, "first")}{item("Trước", current - 1)}{item("Tiếp", current + 1)}{item("Cuối →", last, "last")}
</ul></div></div>"""


def latest_box(site: dict[str, Any], arts: list[dict[str, Any]]) -> str:
    links = "".join(f'<li><a href="{esc(article_path(site, a))}">{esc(a["title"])}</a></li>'
                    for a in arts[:3])
    return portlet("vcmslatest_WAR_VCMSportlet", "x9Tk", "tin-moi",
                   f'<div class="title"><div>Tin mới</div></div><ul class="list-news">{links}</ul>')


def article_files(site: dict[str, Any], arts: list[dict[str, Any]], side: str) -> dict[str, Any]:
    files: dict[str, Any] = {}
    for art in arts:
        vcms = art["layout"] == "vcms"
        detail = (vcms_detail if vcms else asset_detail)(site, art, arts)
        pid, inst = ("vcmsviewcontent_WAR_VCMSportlet", site["instance"]) if vcms else \
            ("101", site["publisher"])
        main = portlet(pid, inst, "vcmsviewconent-portlet", detail)
        rel = "site" + article_path(site, art) + ("" if vcms else ".html")
        files[rel] = page(site, art["title"], main, side, article_path(site, art))
        files[f"expected/{art['slug']}.json"] = expected(site, art)
    return files


def listing_files(site: dict[str, Any], arts: list[dict[str, Any]], side: str) -> dict[str, Any]:
    """The asset publisher's pages, which the server finds by their page links' URLs."""
    routed = {}
    pages = kit.chunks(arts, site["page_size"])
    for number, chunk in enumerate(pages, start=1):
        items = "\n".join(abstract(site, a, number == 1) for a in chunk)
        main = portlet("101", site["publisher"], "asset-publisher",
                       f'<h2 class="portlet-title">Tin tức - Sự kiện</h2>\n{items}\n'
                       f'{iterator(site, number, len(pages))}')
        rel = SECTION.lstrip("/") + ("/index.html" if number == 1 else f"/trang-{number}.html")
        routed[pager_href(site, number)] = (rel, page(site, "Tin tức - Sự kiện", main, side))
    return kit.routed(routed)


def render_all() -> dict[str, Any]:
    content = kit.read_content(HERE)
    site = content["site"]
    arts = sorted(content["articles"], key=lambda a: kit.parse_when(a["date"]), reverse=True)
    side = latest_box(site, arts)
    home = "\n".join(abstract(site, a, True) for a in arts[:3])
    files = {"site/index.html": page(site, "Trang chủ", portlet(
        "101", "trangchu", "asset-publisher",
        f'<h2 class="portlet-title">Tin mới nhất</h2>\n{home}\n'
        f'<p class="view-all"><a href="{SECTION}">Xem tất cả</a></p>'), side)}
    return (files | kit.drupal_images(DOCS, IMAGE_SOURCE) | article_files(site, arts, side)
            | listing_files(site, arts, side))


def expected(site: dict[str, Any], art: dict[str, Any]) -> dict[str, Any]:
    texts = kit.body_texts(art["body"])
    label, lead = kit.split_label(art["lead"], LABEL)
    return kit.record(
        title=art["title"], url=article_path(site, art), section=art["section"] or None,
        source_label=label, published=kit.when_iso(art["date"])[0],
        published_precision="datetime", author=art["author"] or None, lead=lead or texts[0],
        body=([lead] if lead else []) + texts, images=kit.body_images(art["body"], DOCS))


if __name__ == "__main__":
    raise SystemExit(kit.main(HERE, render_all, __doc__))
