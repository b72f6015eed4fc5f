"""Drafting's building blocks on small pages: stable selectors, URL shapes, listings,
boilerplate."""

from __future__ import annotations

import re

import pytest
from lxml import html

from crawler.draft.boilerplate import remove_list
from crawler.draft.css import best_selector, stable_classes, stable_id
from crawler.draft.listing import draft_listing
from crawler.draft.urlshape import pattern


def page(body: str) -> html.HtmlElement:
    return html.document_fromstring(f"<html><body>{body}</body></html>")


def test_a_unique_id_is_high_confidence() -> None:
    root = page('<div class="box"><div id="noidung" class="box">text</div></div>')
    pick = best_selector(root, root.get_element_by_id("noidung"))
    assert (pick.css, pick.confidence) == ("#noidung", "high")


def test_a_class_used_once_is_medium_and_the_shortest_wins() -> None:
    root = page('<h1 class="site">Portal</h1><h2 class="post__title title">Bài</h2>'
                '<p class="title">x</p>')
    pick = best_selector(root, root.xpath("//h2")[0])
    # `.title` alone would also pick the <p>; `h2.title` is shorter than `.post__title`.
    assert (pick.css, pick.confidence) == ("h2.title", "medium")


def test_generated_ids_utility_classes_and_positions_are_never_used() -> None:
    root = page('<div id="node-21437" class="col-md-9 mt-3 clearfix">'
                '<p>one</p><p>two</p></div><div class="content"><p>three</p></div>')
    el = root.xpath("//div[1]/p[2]")[0]
    assert stable_id(root.xpath("//div[1]")[0]) is None
    assert stable_classes(root.xpath("//div[1]")[0]) == []
    pick = best_selector(root, el)
    assert pick is None or ":nth" not in pick.css


def test_the_first_of_several_matches_is_low() -> None:
    root = page('<div class="tin"><p class="sapo">a</p><p class="sapo">b</p></div>')
    pick = best_selector(root, root.xpath("//p")[0])
    assert pick.confidence == "low" and "2 matches" in pick.why


@pytest.mark.parametrize(("sample", "other", "not_article"), [
    ("https://x.vn/vi/day-manh-chuyen-doi-so", "https://x.vn/vi/kim-ngach-tang-kha",
     "https://x.vn/vi/kinh-te?page=1"),
    ("https://x.vn/Trang/ChiTietTinTuc.aspx?nid=42", "https://x.vn/Trang/ChiTietTinTuc.aspx?nid=7",
     "https://x.vn/Trang/TinTuc.aspx?page=2"),
    ("https://x.vn/tabid/92/title/1187/ctitle/5/Default.aspx",
     "https://x.vn/tabid/92/title/9/ctitle/3/Default.aspx",
     "https://x.vn/tabid/91/ctitle/5/currentpage/2/Default.aspx"),
    ("https://x.vn/tin-tuc/hoi-thao-che-shan-n1325.html", "https://x.vn/tin-tuc/khac-n9.html",
     "https://x.vn/tin-tuc/trang-2.html"),
    ("https://x.vn/p/chi-tiet?dDocName=PORTAL198342", "https://x.vn/p/chi-tiet?dDocName=PORTAL7",
     "https://x.vn/p/chi-tiet?page=2"),
    ("https://x.vn/w/tin/-/vcmsviewcontent/Q16u/10405/bai-a.html",
     "https://x.vn/w/tin/-/vcmsviewcontent/Q16u/10406/bai-b.html", "https://x.vn/w/tin"),
])
def test_the_pattern_is_the_samples_url_shape(sample: str, other: str, not_article: str) -> None:
    regex = re.compile(pattern(sample, []))
    for url, wanted in ((sample, True), (other, True), (not_article, False)):
        parts = url.split("://", 1)[1].split("/", 1)[1]
        assert bool(regex.search("/" + parts)) is wanted, (regex.pattern, url)


LISTING = """
<nav><ul class="menu"><li><a href="/vi/kinh-te">Kinh tế</a></li>
<li><a href="/vi/van-hoa-xa-hoi">Văn hóa - Xã hội</a></li></ul></nav>
<div class="list">
 <div class="teaser"><h3 class="t"><a href="/vi/bai-mot-ve-kinh-te-tinh-nha">
 Bài một về kinh tế của tỉnh nhà</a></h3>
 <a class="pic" href="/vi/bai-mot-ve-kinh-te-tinh-nha"><img src="/a.jpg"></a></div>
 <div class="teaser"><h3 class="t"><a href="/vi/bai-hai-ve-van-hoa-xa-hoi">
 Bài hai về văn hóa xã hội của tỉnh</a></h3></div>
 <div class="teaser"><h3 class="t"><a href="/vi/bai-ba-ve-nong-nghiep-nong-thon">
 Bài ba về nông nghiệp nông thôn mới</a></h3></div>
</div>
<ul class="pagination"><li><a href="?page=1">2</a></li><li><a href="?page=1">Tiếp</a></li></ul>
"""


def test_a_listing_gives_pattern_exclusions_links_and_pager() -> None:
    found = draft_listing(page(LISTING), "https://x.vn/vi/kinh-te",
                          ["https://x.vn/vi/bai-bon-ve-giao-duc"])
    regex = re.compile(found.article_pattern)
    excludes = [re.compile(p) for p in found.exclude_patterns]

    def accepted(path: str) -> bool:
        return bool(regex.search(path)) and not any(p.search(path) for p in excludes)

    assert len(found.article_links) == 3
    assert all(accepted(u.removeprefix("https://x.vn")) for u in found.article_links)
    assert not accepted("/vi/kinh-te") and not accepted("/vi/van-hoa-xa-hoi")
    assert not accepted("/vi/kinh-te?page=1")
    assert found.listing_links.css == ".t a"
    assert found.pagination.css == ".pagination a"


def test_widgets_and_text_outside_the_article_are_removed_never_article_text() -> None:
    body = page("""<div id="content">
      <div class="share-tools"><a href="#">Facebook</a> <a href="#">In bài</a></div>
      <p>Đoạn văn thứ nhất của bài viết, đủ dài để là nội dung.</p>
      <p class="note">Đoạn văn thứ hai của bài viết.</p>
      <div class="rating">Đánh giá: 0 (0 phiếu)</div></div>""").get_element_by_id("content")
    kept = ["Đoạn văn thứ nhất của bài viết, đủ dài để là nội dung.",
            "Đoạn văn thứ hai của bài viết."]
    assert remove_list(body, kept) == [".share-tools", ".rating"]


def test_only_folders_with_a_profile_are_family_fixtures(tmp_path) -> None:
    """A stray folder (Python's __pycache__ after running a build.py) is not a family."""
    from crawler.draft.measure import fixtures

    for name in ("webcenter", "__pycache__"):
        (tmp_path / "seeds" / "families" / name).mkdir(parents=True)
    (tmp_path / "seeds" / "families" / "webcenter" / "profile.toml").write_text("")
    assert [f.name for f in fixtures(tmp_path)] == ["phutho-fixture", "webcenter"]
