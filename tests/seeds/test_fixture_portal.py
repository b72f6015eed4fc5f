"""The fixture portal (seeds/fixture_portal): in sync with its content, shaped like the
Phú Thọ Drupal theme, and faithful to the seed text.

These tests read the content files and the generated site directly; they check the
fixture itself, not the crawler.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import subprocess
import sys
import tomllib
from datetime import datetime
from functools import cache
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qs, urljoin, urlsplit

import lxml.html
import pytest

REPO = Path(__file__).resolve().parents[2]
PORTAL = REPO / "seeds" / "fixture_portal"
SITE = PORTAL / "site"
EXPECTED = PORTAL / "expected"
SEED = REPO / "seeds" / "000_f1f44bc26ae30840.txt"
SEED_SLUG = "lien-hiep-cac-hoi-khoa-hoc-va-ky-thuat-tinh-trien-khai-nhiem-vu-nam-2022"
PDF_URL = "/sites/default/files/thong-bao/ke-hoach-2024.pdf"
GONE_URL = "/vi/thong-bao-da-go"
DRAFT_URL = "/vi/bai-viet-chua-hoan-thien"
DATELINE = "PhuthoPortal - "
SECTION_NAMES = {
    "tin-tuc-su-kien": "Tin tức - Sự kiện",
    "kinh-te": "Kinh tế",
    "van-hoa-xa-hoi": "Văn hóa - Xã hội",
    "khoa-hoc-cong-nghe": "Khoa học - Công nghệ",
    "thong-bao": "Thông báo",
}


# ----------------------------------------------------------------------- helpers


@cache
def site_toml() -> dict:
    return tomllib.loads((PORTAL / "content" / "site.toml").read_text(encoding="utf-8"))


@cache
def all_articles() -> tuple[dict, ...]:
    paths = sorted((PORTAL / "content" / "articles").glob("*.toml"))
    return tuple(tomllib.loads(p.read_text(encoding="utf-8")) for p in paths)


def real_articles() -> list[dict]:
    return [a for a in all_articles() if not a.get("draft")]


def real_slugs() -> list[str]:
    return [a["slug"] for a in real_articles()]


def by_slug(slug: str) -> dict:
    return next(a for a in all_articles() if a["slug"] == slug)


def resolve(url: str) -> Path | None:
    """The file served for a site-relative URL (the mapping in the README), or None."""
    parts = urlsplit(url)
    rel = parts.path.strip("/")
    page = parse_qs(parts.query).get("page", ["0"])[0]
    if page.isdigit() and int(page) > 0:
        candidates = [f"{rel}/page-{int(page)}.html"]
    else:
        candidates = [rel or "index.html", f"{rel}.html", f"{rel}/index.html"]
    for candidate in candidates:
        path = SITE / candidate
        if candidate and path.is_file():
            return path
    return None


@cache
def parse(url: str) -> lxml.html.HtmlElement:
    path = resolve(url)
    assert path is not None, url
    return lxml.html.fromstring(path.read_bytes())


def only(tree: lxml.html.HtmlElement, css: str) -> lxml.html.HtmlElement:
    found = tree.cssselect(css)
    assert len(found) == 1, (css, len(found))
    return found[0]


def seed_blocks() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n\n")


def load_build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fixture_portal_build", PORTAL / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def html_pages() -> list[Path]:
    return sorted(SITE.rglob("*.html"))


def url_of(path: Path) -> str:
    rel = path.relative_to(SITE).as_posix()
    if rel == "index.html":
        return "/"
    match = re.fullmatch(r"(.+)/page-(\d+)\.html", rel)
    if match:
        return f"/{match[1]}?page={match[2]}"
    return "/" + rel.removesuffix(".html").removesuffix("/index")


def listing_pages(section: str) -> list[Path]:
    pages = [SITE / "vi" / section / "index.html"]
    pages += sorted((SITE / "vi" / section).glob("page-*.html"), key=lambda p: int(p.stem[5:]))
    return [p for p in pages if p.is_file()]


def teaser_hrefs(section: str) -> list[str]:
    hrefs = []
    for path in listing_pages(section):
        tree = lxml.html.fromstring(path.read_bytes())
        hrefs += [a.get("href") for a in tree.cssselect(".pt-post__title a[rel=bookmark]")]
    return hrefs


# ------------------------------------------------------------------- the build


def test_build_check_passes() -> None:
    result = subprocess.run([sys.executable, str(PORTAL / "build.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_build_is_deterministic_and_matches_disk() -> None:
    build = load_build()
    first = build.render_all(build.load_site())
    second = build.render_all(build.load_site())
    assert first == second
    assert build.diff(first, build.on_disk(PORTAL)) == []


def test_check_reports_drift(tmp_path: Path) -> None:
    build = load_build()
    wanted = build.render_all(build.load_site())
    build.write(tmp_path, wanted)
    assert build.diff(wanted, build.on_disk(tmp_path)) == []
    (tmp_path / "site" / "index.html").write_text("changed", encoding="utf-8")
    (tmp_path / "expected" / "stray.json").write_text("{}", encoding="utf-8")
    assert build.diff(wanted, build.on_disk(tmp_path)) == [
        "differs: site/index.html", "extra:   expected/stray.json"]


# --------------------------------------------------------------------- content


def test_content_covers_the_brief() -> None:
    sections = {s["slug"]: s["name"] for s in site_toml()["sections"]}
    assert SECTION_NAMES.items() <= sections.items()
    articles = real_articles()
    assert len(articles) >= 16
    counts = {s: sum(a["section"] == s for a in articles) for s in sections}
    assert sum(n >= 4 for n in counts.values()) >= 4
    years = {a["datetime"][6:10] for a in articles}
    assert {"2022", "2023", "2024", "2025"} <= years
    assert sum(not a["lead"].startswith(DATELINE) for a in articles) == 2
    authors = {a["author"] for a in articles}
    assert "Minh Hà – Quốc Việt" in authors
    assert any(a.isupper() for a in authors)
    texts = " ".join(a["title"] + a["lead"] + " ".join(b.get("p", "") for b in a["blocks"])
                     for a in articles)
    for tricky in ("&", "<", '"', "“", "‹niềm vui>"):
        assert tricky in texts, tricky
    assert len({a["datetime"] for a in all_articles()}) == len(all_articles())


def test_seed_text_round_trips_through_the_content_file() -> None:
    blocks = seed_blocks()
    article = by_slug(SEED_SLUG)
    assert article["section"] == "khoa-hoc-cong-nghe"
    assert article["datetime"] == "19/01/2022 16:05"
    assert article["title"] == blocks[0]
    assert article["lead"] == blocks[1]
    assert article["author"] == blocks[-1] == "Thu Hương"
    body = []
    for block in article["blocks"]:
        if "img" in block:
            body.append(block["caption"])
        else:
            body.append(block["p"])
    assert body == blocks[2:-1]  # exact, no-break spaces included
    captions = [b["caption"] for b in article["blocks"] if "img" in b]
    assert captions == [blocks[2], blocks[7], blocks[10]]
    nbsp = sum(s.count("\xa0") for s in blocks)
    assert nbsp > 0
    assert nbsp == sum(s.count("\xa0") for s in [*body, article["title"], article["lead"]])


def test_seed_page_shows_the_seed_text() -> None:
    blocks = seed_blocks()
    tree = parse(f"/vi/{SEED_SLUG}")
    assert only(tree, "h2.post__title").text_content() == blocks[0]
    assert only(tree, "strong#post__summary").text_content() == blocks[1]
    lines = [p.text_content() for p in tree.cssselect("div#post__content > p")]
    lines = [line for line in lines if line]  # the image paragraphs have no text
    assert lines == blocks[2:]
    raw = resolve(f"/vi/{SEED_SLUG}").read_bytes().decode("utf-8")
    assert "\xa0" not in raw
    assert raw.count("&nbsp;") == sum(s.count("\xa0") for s in blocks)


# ---------------------------------------------------------------- article pages


@pytest.mark.parametrize("slug", real_slugs())
def test_article_page_has_the_theme_markup(slug: str) -> None:
    article = by_slug(slug)
    tree = parse(f"/vi/{slug}")
    assert tree.get("lang") == "vi"
    assert tree.cssselect("head meta[charset=utf-8]")
    node = only(tree, "article.post.post-detail.node.node--type-article.node--view-mode-full")
    category = only(node, "div.post__category a")
    assert category.get("href") == f"/vi/{article['section']}"
    assert only(node, "h2.post__title").text_content() == article["title"]
    assert only(node, "div.post__datetime.post__item").text_content().strip() == (
        article["datetime"])
    share = only(node, ".social-media-share-block")
    assert share.cssselect(".font-control") and share.cssselect(".print-page")
    assert only(node, "strong#post__summary.post__summary").text_content() == article["lead"]
    content = only(node, "div#post__content.post__content")
    last = content.cssselect("p")[-1]
    assert last.get("style") == "text-align:right"
    assert only(last, "strong").text_content() == article["author"]


@pytest.mark.parametrize("slug", real_slugs())
def test_article_body_pairs_images_with_captions(slug: str) -> None:
    article = by_slug(slug)
    paragraphs = only(parse(f"/vi/{slug}"), "div#post__content").cssselect("p")
    got = []
    for p in paragraphs[:-1]:
        if p.cssselect("img"):
            img = only(p, "img")
            assert p.get("style") == "text-align:center"
            assert (img.get("width"), img.get("height"), img.get("alt")) == ("600", "400", "")
            got.append({"img": img.get("src")})
        elif p.cssselect("em"):
            assert p.get("style") == "text-align:center"
            assert "img" in got[-1] and "caption" not in got[-1], "caption follows its image"
            got[-1]["caption"] = p.text_content()
        else:
            assert p.get("style") == "text-align:justify"
            got.append({"p": p.text_content()})
    assert got == article["blocks"]


@pytest.mark.parametrize("slug", real_slugs())
def test_article_head_and_chrome(slug: str) -> None:
    article = by_slug(slug)
    tree = parse(f"/vi/{slug}")
    assert only(tree, "head link[rel=canonical]").get("href") == f"/vi/{slug}"
    assert only(tree, 'meta[property="og:title"]').get("content") == article["title"]
    assert only(tree, 'meta[property="og:url"]').get("content") == f"/vi/{slug}"
    assert not tree.cssselect('meta[property="article:published_time"]')
    sections = {s["slug"]: s["name"] for s in site_toml()["sections"]}
    crumbs = [li.text_content() for li in tree.cssselect("ol.breadcrumb li")]
    assert crumbs == ["Trang chủ", sections[article["section"]], article["title"]]
    assert only(tree, ".content-sidebar-left h2").text_content() == "Các tin khác"
    assert len(tree.cssselect(".content-sidebar-left a")) == site_toml()["other_news"]
    related = only(tree, ".related-posts")
    assert only(related, "h2").text_content() == "Tin liên quan"
    assert len(related.cssselect("li a")) == 3
    assert tree.cssselect("header marquee, marquee")
    footer = only(tree, "footer").text_content()
    assert "Ghi rõ nguồn" in footer and "khi phát hành lại thông tin từ website này" in footer
    assert "Điện thoại" in footer and "Địa chỉ" in footer


def test_every_page_has_the_menu_with_every_section() -> None:
    for path in html_pages():
        tree = lxml.html.fromstring(path.read_bytes())
        menu = {a.text_content(): a.get("href") for a in tree.cssselect("ul.menu--main a")}
        for slug, name in SECTION_NAMES.items():
            assert menu[name] == f"/vi/{slug}", path
        assert menu["Giới thiệu"] == "/vi/gioi-thieu", path


# ------------------------------------------------------------------ header clock


def test_header_clock_differs_from_every_article_date() -> None:
    dates = {a["datetime"].split()[0] for a in all_articles()}
    for path in html_pages():
        tree = lxml.html.fromstring(path.read_bytes())
        clock = only(tree, "div.current-date").text_content()
        stamp = datetime.strptime(clock, "%A, %d/%m/%Y %H:%M")
        assert clock == site_toml()["clock"], path
        assert stamp.strftime("%d/%m/%Y") not in dates
    raw = (SITE / "index.html").read_bytes()
    assert len(re.findall(rb'<div class="current-date">[^<]*</div>', raw)) == 1


# --------------------------------------------------------------------- listings


@pytest.mark.parametrize("section", [s["slug"] for s in site_toml()["sections"]])
def test_section_listing_paginates(section: str) -> None:
    size = site_toml()["page_size"]
    pages = listing_pages(section)
    hrefs = teaser_hrefs(section)
    assert len(pages) == max(1, math.ceil(len(hrefs) / size))
    articles = [a for a in all_articles() if a["section"] == section]
    assert {f"/vi/{a['slug']}" for a in articles} <= set(hrefs)
    for n, path in enumerate(pages):
        tree = lxml.html.fromstring(path.read_bytes())
        items = tree.cssselect("div.col-12.has-left-menu.post-item article.pt-post > div.content")
        assert len(items) == (size if n < len(pages) - 1 else len(hrefs) - size * n)
        pager = tree.cssselect("nav.pager ul.pager__items.js-pager__items")
        assert bool(pager) == (len(pages) > 1)
        if n < len(pages) - 1:
            assert only(tree, "li.pager__item--next a").get("href") == f"?page={n + 1}"
            assert only(tree, "li.pager__item--last a").get("href") == (
                f"?page={len(pages) - 1}")
        if n > 0:
            assert only(tree, "li.pager__item--previous a").get("href") == f"?page={n - 1}"
        for href in (a.get("href") for a in tree.cssselect("nav.pager a")):
            assert href.startswith("?page=")
            assert resolve(urljoin(f"/vi/{section}", href)) is not None


def test_listings_are_newest_first_with_theme_teasers() -> None:
    leads = {f"/vi/{a['slug']}": a["lead"] for a in all_articles()}
    for section in (s["slug"] for s in site_toml()["sections"]):
        stamps = []
        for path in listing_pages(section):
            tree = lxml.html.fromstring(path.read_bytes())
            for item in tree.cssselect("article.pt-post > div.content"):
                href = only(item, "div.pt-post__title a[rel=bookmark]").get("href")
                when = only(item, "div.pt-post__datetime a").text_content()
                stamps.append(datetime.strptime(when, "%d/%m/%Y %H:%M"))
                summary = only(item, "div.pt-post__summary a").text_content().strip()
                if href in leads:
                    lead = " ".join(leads[href].split())
                    assert summary == (lead[:200] + "..." if len(lead) > 200 else lead)
                for img in item.cssselect("div.pt-post__image a img"):
                    assert resolve(img.get("src")) is not None
        assert stamps == sorted(stamps, reverse=True), section


def test_at_least_four_sections_have_several_pages() -> None:
    many = [s["slug"] for s in site_toml()["sections"] if len(listing_pages(s["slug"])) > 1]
    assert len(many) >= 4


# ------------------------------------------------------------- special pages


def test_notices_list_a_pdf_and_a_removed_page() -> None:
    hrefs = teaser_hrefs("thong-bao")
    assert PDF_URL in hrefs and GONE_URL in hrefs
    pdf = resolve(PDF_URL)
    assert pdf is not None
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-1.4\n") and data.endswith(b"%%EOF\n")
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref:].startswith(b"xref\n")
    assert resolve(GONE_URL) is None


def test_broken_draft_is_listed_with_an_empty_title() -> None:
    tree = parse(DRAFT_URL)
    assert only(tree, "article.post-detail h2.post__title").text_content() == ""
    assert DRAFT_URL in teaser_hrefs(by_slug(DRAFT_URL.rsplit("/", 1)[1])["section"])
    assert not (EXPECTED / "bai-viet-chua-hoan-thien.json").exists()


def test_node_pages_duplicate_their_alias() -> None:
    nodes = sorted((SITE / "node").glob("*.html"))
    assert len(nodes) == 2
    linked = "\n".join(p.read_text(encoding="utf-8") for p in html_pages())
    for path in nodes:
        article = next(a for a in all_articles() if str(a.get("node_id")) == path.stem)
        alias = SITE / "vi" / f"{article['slug']}.html"
        assert path.read_bytes() == alias.read_bytes()
        canonical = only(lxml.html.fromstring(path.read_bytes()), "link[rel=canonical]")
        assert canonical.get("href") == f"/vi/{article['slug']}"
        assert f'href="/node/{path.stem}"' in linked
    assert by_slug(SEED_SLUG).get("node_id") is not None


def test_about_page_is_a_page_node() -> None:
    tree = parse("/vi/gioi-thieu")
    assert tree.cssselect("article.node--type-page")
    assert not tree.cssselect(".post-detail")


def test_home_page_links_every_section_and_recent_articles() -> None:
    tree = parse("/")
    hrefs = {a.get("href") for a in tree.cssselect("a")}
    assert {f"/vi/{s['slug']}" for s in site_toml()["sections"]} <= hrefs
    assert len(tree.cssselect(".news-slider__item img")) >= 3


def test_every_internal_link_resolves_except_the_removed_page() -> None:
    broken = set()
    for path in html_pages():
        tree = lxml.html.fromstring(path.read_bytes())
        base = url_of(path)
        for _el, _attr, link, _pos in tree.iterlinks():
            url = urljoin(base, link)
            if url.startswith("/") and not link.startswith("#") and resolve(url) is None:
                broken.add(url)
    assert broken == {GONE_URL}


def test_every_image_is_a_jpeg() -> None:
    for path in (SITE / "sites/default/files/users").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert path.suffix == ".jpg" and data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9"


# ------------------------------------------------------------- expected JSON


def test_expected_json_exists_for_every_real_article_only() -> None:
    assert sorted(p.stem for p in EXPECTED.glob("*.json")) == sorted(real_slugs())


@pytest.mark.parametrize("slug", real_slugs())
def test_expected_json_agrees_with_the_content(slug: str) -> None:
    article = by_slug(slug)
    data = json.loads((EXPECTED / f"{slug}.json").read_text(encoding="utf-8"))
    assert list(data) == ["title", "url", "section", "source_label", "published",
                          "published_precision", "author", "lead", "body", "captions",
                          "images"]
    assert data["url"] == f"/vi/{slug}"
    assert data["title"] == article["title"]
    when = datetime.strptime(article["datetime"], "%d/%m/%Y %H:%M")
    assert data["published"] == when.strftime("%Y-%m-%dT%H:%M:00+07:00")
    assert data["published_precision"] == "datetime"
    assert data["author"] == article["author"]
    dated = article["lead"].startswith(DATELINE)
    assert data["source_label"] == ("PhuthoPortal" if dated else None)
    lead = article["lead"].removeprefix(DATELINE)
    assert data["lead"] == " ".join(lead.replace("\xa0", " ").split())
    paragraphs = [b["p"] for b in article["blocks"] if "p" in b]
    assert data["body"][0] == data["lead"]
    assert len(data["body"]) == len(paragraphs) + 1
    captions = [b["caption"] for b in article["blocks"] if "img" in b]
    assert data["captions"] == captions
    assert data["images"] == [{"url": b["img"], "caption": b["caption"]}
                              for b in article["blocks"] if "img" in b]
    assert "\xa0" not in json.dumps(data, ensure_ascii=False)


def test_expected_json_for_the_seed() -> None:
    data = json.loads((EXPECTED / f"{SEED_SLUG}.json").read_text(encoding="utf-8"))
    blocks = [" ".join(b.replace("\xa0", " ").split()) for b in seed_blocks()]
    assert data["title"] == blocks[0]
    assert data["section"] == "Khoa học - Công nghệ"
    assert data["source_label"] == "PhuthoPortal"
    assert data["published"] == "2022-01-19T16:05:00+07:00"
    assert data["lead"] == blocks[1].removeprefix(DATELINE)
    assert data["body"] == [data["lead"], *(blocks[i] for i in (3, 4, 5, 6, 8, 9, 11, 12))]
    assert len(data["body"]) == 9
    assert data["captions"] == [blocks[2], blocks[7], blocks[10]]
    assert data["author"] == "Thu Hương"
