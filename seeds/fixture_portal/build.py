"""Render the fixture portal: content/*.toml -> site/ (static HTML) + expected/ (JSON).

The fixture portal is a small static copy of a Drupal 8 site in the markup of the
Phú Thọ provincial portal theme (cttdt_phutho).  Tests and the offline demo serve
site/ on 127.0.0.1 and crawl it with the real spider; expected/<slug>.json holds,
for every real article, what the crawler should extract.  Both are derived from the
content files only, never from extraction code.

    python seeds/fixture_portal/build.py           # (re)write site/ and expected/
    python seeds/fixture_portal/build.py --check   # exit 1 if they are out of date

Standard library only; the output is byte-for-byte deterministic.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import runpy
import sys
import tomllib
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from string import Template
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content"
VN_TZ = timezone(timedelta(hours=7))
DATELINE = "PhuthoPortal - "
IMG_DIR = "/sites/default/files/users/user200/"
PDF_PATH = "/sites/default/files/thong-bao/ke-hoach-2024.pdf"
CSS_PATH = "/themes/custom/cttdt_phutho/css/style.css"
SUMMARY_CUT = 200  # node--article--teaser.html.twig: slice(0, 200) ~ '...'


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Block:
    kind: str  # "p" or "img"
    text: str = ""  # paragraph text, or the caption of an image
    src: str = ""
    width: int = 600
    height: int = 400


@dataclass(frozen=True)
class Article:
    slug: str
    section: str
    title: str
    datetime: str  # as printed: dd/mm/YYYY HH:MM, Vietnam time
    lead: str
    author: str
    blocks: tuple[Block, ...]
    node_id: int | None = None  # set => also served unaliased at /node/<id>
    draft: bool = False  # a broken page: listed, but no expected JSON

    @property
    def url(self) -> str:
        return f"/vi/{self.slug}"

    @property
    def when(self) -> datetime:
        return parse_when(self.datetime)

    @property
    def images(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "img"]


@dataclass(frozen=True)
class ListingItem:
    """One teaser in a section listing (an article, or a link set by an editor)."""

    section: str
    title: str
    datetime: str
    summary: str
    href: str
    image: str | None = None


@dataclass(frozen=True)
class Site:
    raw: dict
    sections: dict[str, dict]  # slug -> {slug, name, term_id}, in menu order
    articles: tuple[Article, ...]  # every article file, drafts included
    links: tuple[ListingItem, ...]

    @property
    def published(self) -> list[Article]:
        return newest_first(a for a in self.articles if not a.draft)


def parse_when(text: str) -> datetime:
    return datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=VN_TZ)


def newest_first(items):
    return sorted(items, key=lambda x: (parse_when(x.datetime), x.title, getattr(x, "slug", "")),
                  reverse=True)


# ------------------------------------------------------------------------ loading

ARTICLE_KEYS = {"slug", "section", "title", "datetime", "lead", "author", "blocks",
                "node_id", "draft"}


def load_block(raw: dict, where: str) -> Block:
    if set(raw) == {"p"}:
        return Block("p", raw["p"])
    if {"img", "caption"} <= set(raw) <= {"img", "caption", "width", "height"}:
        if not raw["img"].startswith(IMG_DIR):
            raise ValueError(f"{where}: images live under {IMG_DIR}")
        return Block("img", raw["caption"], raw["img"], raw.get("width", 600),
                     raw.get("height", 400))
    raise ValueError(f"{where}: a block is {{ p = ... }} or {{ img = ..., caption = ... }}")


def load_article(path: Path) -> Article:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(raw) - ARTICLE_KEYS
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    if raw["slug"] != path.stem:
        raise ValueError(f"{path.name}: slug must equal the file name")
    parse_when(raw["datetime"])
    blocks = tuple(load_block(b, path.name) for b in raw["blocks"])
    return Article(raw["slug"], raw["section"], raw["title"], raw["datetime"], raw["lead"],
                   raw["author"], blocks, raw.get("node_id"), raw.get("draft", False))


def load_site(content: Path = CONTENT) -> Site:
    raw = tomllib.loads((content / "site.toml").read_text(encoding="utf-8"))
    sections = {s["slug"]: s for s in raw["sections"]}
    articles = tuple(load_article(p) for p in sorted((content / "articles").glob("*.toml")))
    links = tuple(ListingItem(**item) for item in raw.get("listing_links", []))
    for item in (*articles, *links):
        if item.section not in sections:
            raise ValueError(f"unknown section {item.section!r}")
    return Site(raw, sections, articles, links)


# ------------------------------------------------------------------------ helpers


def text(s: str) -> str:
    """Escape element text the way CKEditor stores it (NBSP as &nbsp;)."""
    return html.escape(s, quote=False).replace("\xa0", "&nbsp;")


def attr(s: str) -> str:
    return html.escape(s, quote=True).replace("\xa0", "&nbsp;")


def clean(s: str) -> str:
    """Text as a reader sees it: NBSP -> space, runs of whitespace collapsed."""
    return " ".join(s.replace("\xa0", " ").split())


def teaser_summary(s: str) -> str:
    return s[:SUMMARY_CUT] + "..." if len(s) > SUMMARY_CUT else s


def split_dateline(lead: str) -> tuple[str | None, str]:
    if lead.startswith(DATELINE):
        return DATELINE.split(" - ")[0], lead[len(DATELINE):]
    return None, lead


def day(dt: str) -> str:
    return dt.split(" ")[0]


def link_of(article: Article, unaliased: bool = False) -> str:
    if unaliased and article.node_id is not None:
        return f"/node/{article.node_id}"
    return article.url


def listing_items(site: Site, section: str) -> list[ListingItem]:
    items = [ListingItem(a.section, a.title, a.datetime, a.lead, a.url,
                         a.images[0].src if a.images else None)
             for a in site.articles if a.section == section]
    items += [i for i in site.links if i.section == section]
    return newest_first(items)


def page_count(site: Site, section: str) -> int:
    return max(1, math.ceil(len(listing_items(site, section)) / site.raw["page_size"]))


def other_news(site: Site, article: Article) -> list[Article]:
    """Left column 'Các tin khác': same section first, then the newest elsewhere."""
    others = [a for a in site.published if a.slug != article.slug]
    same = [a for a in others if a.section == article.section]
    rest = [a for a in others if a.section != article.section]
    return (same + rest)[: site.raw["other_news"]]


def related(site: Site, article: Article) -> list[Article]:
    """'Tin liên quan': the same-section articles nearest in time, then the newest."""
    others = [a for a in site.published if a.slug != article.slug]
    same = sorted((a for a in others if a.section == article.section),
                  key=lambda a: (abs((a.when - article.when).total_seconds()), a.slug))
    rest = [a for a in others if a.section != article.section]
    return (same + rest)[: site.raw["related"]]


# ----------------------------------------------------------------------- templates

PAGE = Template("""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
$head<meta name="Generator" content="Drupal 8 (https://www.drupal.org)">
<meta name="MobileOptimized" content="width">
<meta name="HandheldFriendly" content="true">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>$title</title>
<link rel="stylesheet" media="all" href="$css">
</head>
<body class="$body_class">
<a href="#main-content" class="visually-hidden focusable skip-link">Chuyển đến nội dung chính</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
$header
<div role="main" class="main-container container js-quickedit-main-content">
  <div class="row">
$datebar
$breadcrumb
$main
  </div>
</div>
$footer
</div>
</body>
</html>
""")

HEADER = Template("""<header class="navbar navbar-default container" id="navbar" role="banner">
  <div class="hero-top">
    <div class="container">
      <div class="hero-banner">
        <div class="col-12 hero-text">
          <div class="row">
            <div class="col-12 col-sm-2 col-md-2 col-lg-3 d-none d-md-block">
              <div class="hero-banner__logo"><a href="/" rel="home" \
class="logo-text">$logo</a></div>
            </div>
            <div class="col-10 col-sm-10 col-md-10 col-lg-9 m-pl-0">
              <div class="hero-banner__site-name">
                <h1 style="float: inside" class="c-red">$site</h1>
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  </div>
  <div class="main-menu">
    <div class="navbar-header">
      <div class="container">
        <nav role="navigation" aria-labelledby="block-cttdt-phutho-main-menu-menu" \
id="block-cttdt-phutho-main-menu">
          <h2 class="visually-hidden" id="block-cttdt-phutho-main-menu-menu">Main navigation</h2>
          <ul class="menu menu--main nav navbar-nav">
$items
          </ul>
        </nav>
      </div>
    </div>
  </div>
</header>""")

DATEBAR = Template("""    <div class="current-date-bar col-12">
      <div class="row">
        <div class="date col-5 col-md-4 col-lg-3">
          <div class="current-date">$clock</div>
        </div>
        <div class="col-7 col-md-8 col-lg-9">
          <marquee scrollamount="4">
            <div id="block-textrunrighttoleft" class="block block-block-content">
              <div class="field__items">
$items
              </div>
            </div>
          </marquee>
        </div>
      </div>
    </div>""")

FOOTER = Template("""<footer id="footer" class="footer">
  <div class="footer__top">
    <div class="container">
      <div class="row">
        <div class="col-md-7 offset-md-5 custom-space">
          <ul>
            <li><a href="/">Trang chủ</a></li>
            <li><a href="/vi/gioi-thieu">Giới thiệu</a></li>
          </ul>
        </div>
      </div>
    </div>
  </div>
  <div class="footer-group-bottom">
    <div class="footer__menus">
      <div class="container">
        <div class="row">
          <div class="col-md-7 offset-md-5 copyright custom-space">
            <h4>$heading</h4>
          </div>
        </div>
      </div>
    </div>
    <div class="footer__bottom">
      <div class="container">
        <div class="row">
          <div class="col-md-7 offset-md-5 custom-space">
            <p>$address</p>
            <span>$contact</span>
            <p class="footer__notice">$notice</p>
          </div>
        </div>
      </div>
    </div>
  </div>
</footer>""")

TOOLS = Template("""  <div class="my-3 text-align-right social-media-share-block">
    <div class="detail-icon font-control">View by font size
      <span class="font-item increase-font">
         <span class="icon"><i class="fa fa-font"></i></span>
      </span>
      <span class="font-item decrease-font">
        <span class="icon_small"><i class="fa fa-font"></i></span>
      </span>
      <div class="print-page d-inline-block">
        <i class="fa fa-print"></i>
        Print
      </div>
    </div>
    <div class="social-media-sharing">
      <ul>
        <li><a class="facebook-share share" target="_blank" rel="noopener" title="Facebook" \
href="https://www.facebook.com/sharer/sharer.php?u=$u"><i class="fa fa-facebook"></i></a></li>
        <li><a class="twitter share" target="_blank" rel="noopener" title="Twitter" \
href="https://twitter.com/intent/tweet?url=$u"><i class="fa fa-twitter"></i></a></li>
      </ul>
    </div>
  </div>""")

ARTICLE = Template("""\
<article class="post post-detail node node--type-article node--view-mode-full">
  <div class="post__category">
    <div id="taxonomy-term-$term_id" class="taxonomy-term vocabulary-danh-muc">
      <h2 class="head-danh-muc"><a href="$section_url" hreflang="vi">$section</a></h2>
    </div>
  </div>

  <h2 class="post__title">$title</h2>

  <div class="post__datetime post__item">
    $datetime
  </div>

$tools

  <strong id="post__summary" class="post__summary post__item mt-3">$lead</strong>
  <div id="post__content" class="post__content post__item mt-2">
    $body
  </div>

</article>""")

TEASER_ROW = Template("""          <div class="col-12 has-left-menu post-item">
            <div class="views-row">
$teaser
            </div>
          </div>""")

TEASER = Template("""\
<article class="node node--type-article node--view-mode-teaser pt-post clearfix">
  <div class="content">
$image    <div class="pt-post__title">
      <a href="$href" rel="bookmark">$title</a>
    </div>
    <div class="pt-post__datetime">
      <a href="$href">$datetime</a>
    </div>
    <div class="pt-post__summary">
      <a href="$href">
        $summary
      </a>
    </div>
  </div>
</article>""")

TEASER_IMAGE = Template("""      <div class="pt-post__image">
        <a href="$href">
          <img src="$src" style="width: 250px; height: auto" alt="">
        </a>
      </div>
""")


# ------------------------------------------------------------------ page chrome


def render_header(site: Site) -> str:
    items = ['            <li class="nav-item"><a href="/" '
             'data-drupal-link-system-path="&lt;front&gt;">Trang chủ</a></li>']
    for page in site.raw["pages"]:
        items.append(f'            <li class="nav-item"><a href="/vi/{page["slug"]}" '
                     f'data-drupal-link-system-path="node/{page["node_id"]}">'
                     f'{text(page["menu"])}</a></li>')
    for s in site.sections.values():
        items.append(f'            <li class="nav-item"><a href="/vi/{s["slug"]}" '
                     f'data-drupal-link-system-path="taxonomy/term/{s["term_id"]}">'
                     f'{text(s["name"])}</a></li>')
    return HEADER.substitute(logo=text(site.raw["logo_text"]), site=text(site.raw["title"]),
                             items="\n".join(items))


def render_datebar(site: Site) -> str:
    items = [f'                <div class="field__item"><a href="{attr(m["href"])}">'
             f'{text(m["text"])}</a></div>' for m in site.raw["marquee"]]
    return DATEBAR.substitute(clock=text(site.raw["clock"]), items="\n".join(items))


def render_breadcrumb(trail: list[tuple[str, str | None]]) -> str:
    if not trail:
        return ""
    items = ['          <li class="breadcrumb-item"><a href="/">Trang chủ</a></li>']
    for label, href in trail:
        if href is None:
            items.append(f'          <li class="breadcrumb-item active">{text(label)}</li>')
        else:
            items.append(f'          <li class="breadcrumb-item"><a href="{attr(href)}">'
                         f'{text(label)}</a></li>')
    return ('    <div class="col-sm-12" role="heading">\n'
            '      <nav role="navigation" aria-labelledby="system-breadcrumb">\n'
            '        <h2 id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2>\n'
            '        <ol class="breadcrumb">\n' + "\n".join(items) + "\n"
            '        </ol>\n      </nav>\n    </div>')


def render_footer(site: Site) -> str:
    lines = site.raw["footer"]
    return FOOTER.substitute(heading=" <br> ".join(text(x) for x in lines[:2]),
                             address=text(lines[2]), contact=text(site.raw["footer_contact"]),
                             notice=text(site.raw["footer_notice"]))


def render_page(site: Site, *, title: str, body_class: str, main: str, head: str = "",
                trail: list[tuple[str, str | None]] | None = None) -> str:
    return PAGE.substitute(
        head=head, title=attr(f"{title} | {site.raw['title']}"), css=CSS_PATH,
        body_class=body_class, header=render_header(site), datebar=render_datebar(site),
        breadcrumb=render_breadcrumb(trail or []), main=main, footer=render_footer(site))


# ---------------------------------------------------------------- article pages


def render_body(article: Article) -> str:
    parts = []
    for b in article.blocks:
        if b.kind == "p":
            parts.append(f'<p style="text-align:justify">{text(b.text)}</p>')
        else:
            parts.append(f'<p style="text-align:center"><img alt="" src="{attr(b.src)}" '
                         f'width="{b.width}" height="{b.height}"></p>\n\n'
                         f'<p style="text-align:center"><em>{text(b.text)}</em></p>')
    parts.append(f'<p style="text-align:right"><strong>{text(article.author)}</strong></p>')
    return "\n\n".join(parts)


def render_article_node(site: Site, article: Article) -> str:
    section = site.sections[article.section]
    return ARTICLE.substitute(
        term_id=section["term_id"], section_url=f"/vi/{section['slug']}",
        section=text(section["name"]), title=text(article.title),
        datetime=article.datetime, tools=TOOLS.substitute(u=quote(article.url, safe="")),
        lead=text(article.lead), body=render_body(article))


def render_other_news(site: Site, article: Article) -> str:
    rows = [f'              <div class="views-row"><div class="views-field views-field-title">'
            f'<span class="field-content"><a href="{a.url}" hreflang="vi">{text(a.title)}</a>'
            f'</span></div></div>' for a in other_news(site, article)]
    return ('    <div class="col-md-3 content-sidebar-left">\n'
            '      <div class="article-content-left">\n'
            '        <h2 class="head-danh-muc">Các tin khác</h2>\n'
            '        <div class="views-element-container other-news"><div class="view '
            'view-tin-tuc-lien-quan view-id-tin_tuc_lien_quan view-display-id-block_1">\n'
            '          <div class="view-content">\n' + "\n".join(rows) + "\n"
            '          </div>\n        </div></div>\n      </div>\n    </div>')


def render_related(site: Site, article: Article) -> str:
    rows = [f'            <li><a href="{link_of(a, unaliased=True)}" hreflang="vi">'
            f'{text(a.title)}</a> <span class="date">({day(a.datetime)})</span></li>'
            for a in related(site, article)]
    return ('      <div class="views-element-container block block-views related-posts '
            'block-views-blocktin-lien-quan-block-1" id="block-views-block-tin-lien-quan">\n'
            '        <h2 class="block-title">Tin liên quan</h2>\n'
            '        <div class="view view-tin-lien-quan view-id-tin_lien_quan '
            'view-display-id-block_1">\n          <div class="item-list">\n'
            '          <ul>\n' + "\n".join(rows) + "\n"
            '          </ul>\n          </div>\n        </div>\n      </div>')


def article_head(site: Site, article: Article) -> str:
    lines = [f'<link rel="canonical" href="{article.url}">']
    if article.node_id is not None:
        lines.append(f'<link rel="shortlink" href="/node/{article.node_id}">')
    lines += [
        f'<meta name="description" content="{attr(article.lead)}">',
        f'<meta property="og:site_name" content="{attr(site.raw["title"])}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{article.url}">',
        f'<meta property="og:title" content="{attr(article.title)}">',
        f'<meta property="og:description" content="{attr(article.lead)}">',
    ]
    if article.images:
        lines.append(f'<meta property="og:image" content="{attr(article.images[0].src)}">')
    return "".join(line + "\n" for line in lines)


def render_article_page(site: Site, article: Article) -> str:
    section = site.sections[article.section]
    main = (render_other_news(site, article) + "\n"
            '    <section class="col-md-9 article-content">\n'
            '      <a id="main-content" tabindex="-1"></a>\n'
            '      <div class="article-content__inner">\n'
            '      <div class="region region-content">\n'
            '      <div id="block-cttdt-phutho-content" class="block block-system '
            'block-system-main-block">\n' + render_article_node(site, article) + "\n"
            '      </div>\n' + render_related(site, article) + "\n"
            '      </div>\n      </div>\n    </section>')
    return render_page(site, title=article.title, main=main, head=article_head(site, article),
                       body_class="path-node page-node-type-article",
                       trail=[(section["name"], f"/vi/{section['slug']}"),
                              (article.title, None)])


def render_basic_page(site: Site, page: dict) -> str:
    url = f"/vi/{page['slug']}"
    body = "\n".join(f"<p>{text(p)}</p>" for p in page["paragraphs"])
    node = (f'<article class="node node--type-page node--view-mode-full basic-content">\n'
            '  <div class="basic-content__head-top">\n  </div>\n'
            '  <div class="basic-content__inner">\n'
            f'    <h1 class="basic-content__title">{text(page["title"])}</h1>\n'
            + TOOLS.substitute(u=quote(url, safe="")) + "\n"
            '    <div class="content"><div class="clearfix text-formatted field '
            'field--name-body field--type-text-with-summary field--label-hidden field__item">\n'
            f'{body}\n    </div></div>\n  </div>\n</article>')
    main = ('    <section class="col-sm-12">\n      <a id="main-content" tabindex="-1"></a>\n'
            '      <div class="region region-content">\n' + node + "\n      </div>\n"
            "    </section>")
    head = (f'<link rel="canonical" href="{url}">\n'
            f'<meta property="og:url" content="{url}">\n'
            f'<meta property="og:title" content="{attr(page["title"])}">\n')
    return render_page(site, title=page["title"], main=main, head=head,
                       body_class="path-node page-node-type-page",
                       trail=[(page["title"], None)])


# ------------------------------------------------------------------ listing pages


def render_teaser(item: ListingItem) -> str:
    href = attr(item.href)
    image = TEASER_IMAGE.substitute(href=href, src=attr(item.image)) if item.image else ""
    return TEASER.substitute(image=image, href=href, title=text(item.title),
                             datetime=item.datetime,
                             summary=attr(teaser_summary(clean(item.summary))))


def render_teaser_row(item: ListingItem) -> str:
    return TEASER_ROW.substitute(teaser=render_teaser(item))


def pager_link(kind: str, page: int, label: str, title: str, rel: str = "") -> str:
    cls = f"pager__item pager__item--{kind}" if kind else "pager__item"
    rel_attr = f' rel="{rel}"' if rel else ""
    return (f'    <li class="{cls}">\n      <a href="?page={page}" title="{title}"{rel_attr}>'
            f"{label}</a>\n    </li>")


def render_pager(current: int, pages: int) -> str:
    if pages < 2:
        return ""
    items = []
    if current > 0:
        items.append(pager_link("first", 0, '<span class="visually-hidden">Trang đầu</span>'
                                '<span aria-hidden="true">« Đầu</span>', "Đến trang đầu"))
        items.append(pager_link("previous", current - 1,
                                '<span class="visually-hidden">Trang trước</span>'
                                '<span aria-hidden="true">‹ Trước</span>',
                                "Đến trang trước", "prev"))
    for n in range(pages):
        if n == current:
            items.append(f'    <li class="pager__item is-active">\n      <a href="?page={n}" '
                         f'title="Trang hiện tại"><span class="visually-hidden">Trang hiện tại'
                         f"</span>{n + 1}</a>\n    </li>")
        else:
            items.append(pager_link("", n, f'<span class="visually-hidden">Trang</span>{n + 1}',
                                    f"Đến trang {n + 1}"))
    if current < pages - 1:
        items.append(pager_link("next", current + 1, '<span class="visually-hidden">Trang sau'
                                '</span><span aria-hidden="true">Tiếp ›</span>',
                                "Đến trang sau", "next"))
        items.append(pager_link("last", pages - 1, '<span class="visually-hidden">Trang cuối'
                                '</span><span aria-hidden="true">Cuối »</span>',
                                "Đến trang cuối"))
    return ('        <nav class="pager" role="navigation" aria-labelledby="pagination-heading">\n'
            '  <h4 id="pagination-heading" class="visually-hidden">Phân trang</h4>\n'
            '  <ul class="pager__items js-pager__items">\n' + "\n".join(items) + "\n"
            "  </ul>\n</nav>")


def render_section_menu(site: Site) -> str:
    rows = [f'            <li class="nav-item"><a href="/vi/{s["slug"]}" class="">'
            f'{text(s["name"])}</a></li>' for s in site.sections.values()]
    return ('        <div class="col-md-3">\n'
            '          <ul id="menu-chuyen-trang" class="nav flex-column menu-chuyen-trang">\n'
            '            <li class="nav-item"><h3>Chuyên mục</h3></li>\n' + "\n".join(rows)
            + "\n          </ul>\n        </div>")


def render_listing_page(site: Site, slug: str, current: int) -> str:
    section, size = site.sections[slug], site.raw["page_size"]
    items = listing_items(site, slug)[current * size:(current + 1) * size]
    view = ('        <div class="view view-post-by-category view-taxonomy-term '
            'view-id-taxonomy_term view-display-id-page_1 col-md-9">\n'
            '          <div class="view-header">\n'
            f'            <div id="taxonomy-term-{section["term_id"]}" class="taxonomy-term '
            'vocabulary-danh-muc">\n'
            f'              <h2 class="head-danh-muc">{text(section["name"])}</h2>\n'
            '            </div>\n          </div>\n'
            '          <div class="view-content">\n<div class="row">\n'
            + "\n".join(render_teaser_row(i) for i in items) + "\n</div>\n          </div>\n"
            + render_pager(current, page_count(site, slug)) + "\n        </div>")
    main = ('    <section class="col-sm-12">\n      <a id="main-content" tabindex="-1"></a>\n'
            '      <div class="region region-content">\n'
            '      <div class="views-element-container"><div class="row">\n'
            + render_section_menu(site) + "\n" + view + "\n      </div></div>\n"
            "      </div>\n    </section>")
    head = f'<link rel="canonical" href="/vi/{slug}">\n'
    return render_page(site, title=section["name"], main=main, head=head,
                       body_class="path-taxonomy", trail=[(section["name"], None)])


# ---------------------------------------------------------------------- home page


def render_slide(a: Article) -> str:
    return (f'          <div class="views-row news-slider__item">\n'
            f'            <div class="news-slider__image"><a href="{a.url}"><img '
            f'src="{attr(a.images[0].src)}" alt="" width="600" height="400"></a></div>\n'
            f'            <div class="news-slider__title"><a href="{a.url}">{text(a.title)}'
            f'</a></div>\n'
            f'            <div class="news-slider__datetime">{a.datetime}</div>\n'
            f"          </div>")


def render_box(site: Site, section: dict) -> str:
    url = f"/vi/{section['slug']}"
    newest = [a for a in site.published if a.section == section["slug"]][: site.raw["home_box"]]
    rows = []
    for i, a in enumerate(newest):
        if i == 0:
            rows.append(render_teaser(ListingItem(a.section, a.title, a.datetime, a.lead, a.url,
                                                  a.images[0].src if a.images else None)))
        else:
            rows.append(f'          <div class="views-row"><a href="{a.url}" hreflang="vi">'
                        f'{text(a.title)}</a> <span class="date">({day(a.datetime)})</span></div>')
    return (f'      <div class="col-md-6">\n'
            f'      <div class="view-tin-tuc-box" id="block-tin-tuc-box-{section["slug"]}">\n'
            f'        <h2><a href="{url}">{text(section["name"])}</a></h2>\n'
            f'        <div class="view-content">\n' + "\n".join(rows) + "\n        </div>\n"
            f'        <div class="view-footer"><a href="{url}">Xem thêm</a></div>\n'
            f"      </div>\n      </div>")


def render_home(site: Site) -> str:
    with_images = [a for a in site.published if a.images][: site.raw["home_slider"]]
    latest = [f'            <li><a href="{a.url}">{text(a.title)}</a></li>'
              for a in site.published[:5]]
    sections = [f'          <li class="nav-item"><a href="/vi/{s["slug"]}">{text(s["name"])}'
                f"</a></li>" for s in site.sections.values()]
    main = ('    <section class="col-sm-12">\n      <a id="main-content" tabindex="-1"></a>\n'
            '    <div class="region region-content-home-first row">\n'
            '      <div class="col-md-8" id="block-views-block-news-slider-block-1">\n'
            '        <div class="view view-news-slider view-id-news_slider '
            'view-display-id-block_1">\n        <div class="view-content news-slider">\n'
            + "\n".join(render_slide(a) for a in with_images) + "\n        </div>\n"
            '        </div>\n      </div>\n'
            '      <div class="col-md-4 view-tin-tuc-box" id="block-tin-moi-nhat">\n'
            '        <h2>Tin mới nhất</h2>\n          <ul>\n' + "\n".join(latest) + "\n"
            '          </ul>\n      </div>\n    </div>\n'
            '    <div class="region region-content-home-secondary row">\n'
            + "\n".join(render_box(site, s) for s in site.sections.values()) + "\n"
            '    </div>\n    <div class="block-danh-muc" id="block-danh-muc">\n'
            '      <h2>Chuyên mục</h2>\n        <ul class="nav flex-column">\n'
            + "\n".join(sections) + "\n        </ul>\n    </div>\n    </section>")
    return render_page(site, title="Trang chủ", main=main, body_class="path-frontpage")


# --------------------------------------------------------------- binary fixtures


class BitWriter:
    def __init__(self) -> None:
        self.bits: list[int] = []

    def put(self, value: int, length: int) -> None:
        self.bits += [(value >> i) & 1 for i in range(length - 1, -1, -1)]

    def data(self) -> bytes:
        bits = self.bits + [1] * (-len(self.bits) % 8)
        out = bytearray()
        for i in range(0, len(bits), 8):
            byte = int("".join(map(str, bits[i:i + 8])), 2)
            out += b"\xff\x00" if byte == 0xFF else bytes([byte])
        return bytes(out)


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def solid_jpeg(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A baseline JPEG of one flat colour (DC-only blocks, quantiser 1)."""
    r, g, b = rgb
    ycc = (0.299 * r + 0.587 * g + 0.114 * b,
           128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
           128 + 0.5 * r - 0.418688 * g - 0.081312 * b)
    dcs = [8 * (round(v) - 128) for v in ycc]
    cats = sorted({0} | {abs(d).bit_length() for d in dcs})
    code = {cat: i for i, cat in enumerate(cats)}  # all DC codes are 3 bits long
    dht = (bytes([0x00]) + bytes([0, 0, len(cats)] + [0] * 13) + bytes(cats)
           + bytes([0x10]) + bytes([1] + [0] * 15) + b"\x00")  # AC: only EOB, code "0"
    sof = bytes([8]) + height.to_bytes(2, "big") + width.to_bytes(2, "big") + bytes(
        [3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0])
    sos = bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])
    w = BitWriter()
    for mcu in range(math.ceil(width / 8) * math.ceil(height / 8)):
        for dc in dcs:
            diff = dc if mcu == 0 else 0
            cat = abs(diff).bit_length()
            w.put(code[cat], 3)
            if cat:
                w.put(diff if diff > 0 else diff + (1 << cat) - 1, cat)
            w.put(0, 1)  # EOB
    return (b"\xff\xd8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + segment(0xDB, b"\x00" + b"\x01" * 64) + segment(0xC0, sof) + segment(0xC4, dht)
            + segment(0xDA, sos) + w.data() + b"\xff\xd9")


PALETTE = ((121, 158, 96), (170, 140, 98), (96, 128, 160), (180, 120, 110), (140, 140, 150))


def placeholder_image(path: str) -> bytes:
    """Every image the pages show exists: a flat 240x160 placeholder."""
    return solid_jpeg(240, 160, PALETTE[zlib.crc32(path.encode()) % len(PALETTE)])


def tiny_pdf(lines: list[str]) -> bytes:
    stream = "BT /F1 14 Tf 72 770 Td " + " 0 -22 Td ".join(f"({s}) Tj" for s in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode("ascii")
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode("ascii")
    return out


STYLE = """body { font-family: Arial, sans-serif; margin: 0; color: #222; }
.container { max-width: 1140px; margin: 0 auto; padding: 0 12px; }
.row { display: flex; flex-wrap: wrap; gap: 12px; }
.col-12, .col-sm-12 { flex: 1 1 100%; }
.col-md-3 { flex: 0 0 24%; } .col-md-9 { flex: 1 1 70%; }
.col-md-8 { flex: 1 1 64%; } .col-md-4 { flex: 0 0 32%; } .col-md-6 { flex: 1 1 45%; }
.visually-hidden { position: absolute; left: -9999px; }
.c-red { color: #b00; margin: 12px 0; }
.main-menu { background: #b00; } .main-menu a { color: #fff; text-decoration: none; }
.menu--main { display: flex; gap: 18px; list-style: none; margin: 0; padding: 10px 0; }
.current-date { font-size: 13px; color: #555; padding: 6px 0; }
.breadcrumb { display: flex; list-style: none; padding: 0; gap: 6px; }
.breadcrumb-item + .breadcrumb-item::before { content: "/"; padding-right: 6px; }
.post__title { font-size: 24px; } .post__datetime { color: #777; font-size: 13px; }
.post__summary { display: block; margin: 12px 0; }
.post__content img { max-width: 100%; height: auto; }
.pt-post .content { overflow: hidden; margin-bottom: 16px; }
.pt-post__image { float: left; margin-right: 12px; }
.pager__items { display: flex; gap: 8px; list-style: none; padding: 0; }
.pager__item.is-active a { font-weight: bold; }
.footer { background: #f2f2f2; margin-top: 24px; padding: 12px 0; font-size: 13px; }
"""


# ------------------------------------------------------------------ expected data


def expected_json(site: Site, a: Article) -> dict:
    label, lead = split_dateline(a.lead)
    return {
        "title": clean(a.title),
        "url": a.url,
        "section": site.sections[a.section]["name"],
        "source_label": label,
        "published": a.when.isoformat(),
        "published_precision": "datetime",
        "author": clean(a.author),
        "lead": clean(lead),
        "body": [clean(lead)] + [clean(b.text) for b in a.blocks if b.kind == "p"],
        "captions": [clean(b.text) for b in a.images],
        "images": [{"url": b.src, "caption": clean(b.text)} for b in a.images],
    }


# ---------------------------------------------------------------------- assembly


def render_all(site: Site) -> dict[str, bytes]:
    """Every output file, keyed by its path relative to this folder."""
    out: dict[str, str | bytes] = {"site/index.html": render_home(site), f"site{CSS_PATH}": STYLE}
    for a in site.articles:
        out[f"site/vi/{a.slug}.html"] = page = render_article_page(site, a)
        if a.node_id is not None:
            out[f"site/node/{a.node_id}.html"] = page
        for b in a.images:
            out[f"site{b.src}"] = placeholder_image(b.src)
        if not a.draft:
            data = json.dumps(expected_json(site, a), ensure_ascii=False, indent=2)
            out[f"expected/{a.slug}.json"] = data + "\n"
    for page in site.raw["pages"]:
        out[f"site/vi/{page['slug']}.html"] = render_basic_page(site, page)
    for slug in site.sections:
        for n in range(page_count(site, slug)):
            name = "index" if n == 0 else f"page-{n}"
            out[f"site/vi/{slug}/{name}.html"] = render_listing_page(site, slug, n)
    out[f"site{PDF_PATH}"] = tiny_pdf(["Ke hoach trien khai nhiem vu chuyen doi so nam 2024",
                                       "(Ban mo phong - tep dung cho kiem thu)"])
    check_links(site, out)
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in sorted(out.items())}


def check_links(site: Site, out: dict) -> None:
    for a in site.articles:
        if a.node_id is not None and not any(
                f'href="/node/{a.node_id}"' in v for v in out.values() if isinstance(v, str)):
            raise ValueError(f"nothing links to /node/{a.node_id} ({a.slug})")
    clock_day = site.raw["clock"].split(", ")[1].split(" ")[0]
    if clock_day in {day(a.datetime) for a in site.articles}:
        raise ValueError("the header clock shows an article date")


# Reading, comparing and writing site/ and expected/ is the family fixtures' kit's
# (seeds/families/fixturekit.py), run by path as the families' build.py files run it.
KIT = runpy.run_path(str(HERE.parent / "families" / "fixturekit.py"), run_name="fixturekit")
on_disk, diff, write = KIT["on_disk"], KIT["diff"], KIT["write"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if site/ or expected/ differ from a fresh build")
    args = parser.parse_args(argv)
    wanted = render_all(load_site())
    if args.check:
        problems = diff(wanted, on_disk(HERE))
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print("fixture portal out of date: run python seeds/fixture_portal/build.py",
                  file=sys.stderr)
            return 1
        print(f"fixture portal up to date ({len(wanted)} files)")
        return 0
    changed = write(HERE, wanted)
    print(f"fixture portal built: {len(wanted)} files, {changed} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
