"""index.html as a person sees it: published from a real store, served over HTTP on
127.0.0.1, rendered by headless Chromium (Debian's `chromium`), checked in the
rendered DOM and in a screenshot kept under test-artifacts/."""

from __future__ import annotations

import itertools
import re
import shutil
import struct
import subprocess
import threading
import urllib.request
import zlib
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html
import pytest

from crawler.model import Article
from crawler.profiles import load_profiles
from crawler.store.store import Store
from portalfeed.config import Config
from portalfeed.publishing import publish_from_store

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
VN = timezone(timedelta(hours=7))
SEEN = datetime(2024, 3, 1, 8, 0, tzinfo=VN)
CRAWLED = datetime(2024, 3, 2, 6, 30, tzinfo=VN)
TRICKY_TITLE = "Giá lúa tăng 5% & <kỷ lục> ‹niềm vui>"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
FORMAT_TEXTS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}


def articles() -> list[Article]:
    def one(slug: str, title: str, topics: list[str], portal: str = "phutho",
            home: str = "https://phutho.gov.vn") -> Article:
        return Article(title=title, url=f"{home}/vi/{slug}", portal=portal,
                       published=SEEN - timedelta(hours=len(slug)),
                       published_precision="datetime", body=[f"Nội dung {slug}."],
                       topics=topics)
    return [
        one("chuyen-doi-so", "Đẩy mạnh chuyển đổi số cấp xã", ["khoa-hoc-cong-nghe"]),
        one("gia-lua", TRICKY_TITLE, ["kinh-te", "nong-nghiep"]),
        one("le-hoi", "Lễ hội Đền Hùng năm 2024", ["van-hoa-xa-hoi"]),
        one("mua-hoa", "Mùa hoa tam giác mạch", ["du-lich"], "hagiang", "https://hagiang.gov.vn"),
    ]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """public/ published from a store, served by a threaded static server."""
    workdir = tmp_path_factory.mktemp("index")
    public = workdir / "public"
    public.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(QuietHandler, directory=str(public)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    store = Store(f"sqlite:///{workdir / 'store.sqlite3'}")
    try:
        for article in articles():
            store.upsert(article, SEEN)
        store.finish_run(store.start_run("phutho", CRAWLED), CRAWLED, "ok", pages=4)
        publish_from_store(store, Config(workdir=workdir, base_url=base), load_profiles())
        yield {"base": base, "public": public, "workdir": workdir}
    finally:
        store.close()
        server.shutdown()
        server.server_close()


def chromium(site: dict, *args: str) -> subprocess.CompletedProcess[bytes]:
    binary = shutil.which("chromium")
    assert binary, "Debian's chromium package is required (apt-get install chromium)"
    profile = site["workdir"] / f"chromium-{len(list(site['workdir'].glob('chromium-*')))}"
    done = subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args,
                           site["base"] + "index.html"], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done


@pytest.fixture(scope="module")
def dom(site: dict) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(chromium(site, "--dump-dom").stdout)


@pytest.fixture(scope="module")
def screenshot(site: dict) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "index-page.png"
    path.unlink(missing_ok=True)
    chromium(site, f"--screenshot={path}", "--window-size=1280,2000")
    return path


def text_of(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def test_page_is_vietnamese_and_titled(dom: lxml.html.HtmlElement) -> None:
    assert dom.get("lang") == "vi"
    assert text_of(dom.find("head/title")) == "Tin từ các cổng thông tin điện tử tỉnh"
    assert [text_of(h) for h in dom.iter("h1")] == ["Tin từ các cổng thông tin điện tử tỉnh"]


def test_each_portal_has_a_section_with_its_last_crawl(dom: lxml.html.HtmlElement) -> None:
    headings = [text_of(h) for h in dom.iter("h2")]
    assert headings[0] == "Tổng hợp các cổng"
    assert "Cổng Thông tin điện tử tỉnh Phú Thọ" in headings
    assert "hagiang" in headings  # a portal in the store without a profile still shows
    phutho = dom.get_element_by_id("portal-phutho")
    assert "Lần thu thập thành công gần nhất: 02/03/2024 06:30 (GMT+7)" in text_of(phutho)


def test_latest_headlines_are_links(dom: lxml.html.HtmlElement) -> None:
    headlines = {text_of(a): a.get("href") for a in dom.xpath("//ol/li/a")}
    for article in articles():
        assert headlines.get(article.title) == article.url, article.title
    assert TRICKY_TITLE in headlines  # escaped in the source, shown as written


def test_every_feed_is_linked_with_its_format_name(site: dict, dom: lxml.html.HtmlElement
                                                   ) -> None:
    links = {a.get("href"): a for a in dom.xpath("//p[@class='feeds']/a")}
    published = sorted(p.relative_to(site["public"]).as_posix()
                       for p in (site["public"] / "feeds").rglob("*") if p.is_file())
    assert published
    for relative in published:
        link = links.get(site["base"] + relative)
        assert link is not None, relative
        assert text_of(link) == FORMAT_TEXTS[relative.rsplit(".", 1)[1]]
        # The accessible name says which feed, and contains the visible text.
        assert text_of(link) in link.get("aria-label", "") != text_of(link)


def test_autodiscovery_links_resolve(site: dict, dom: lxml.html.HtmlElement) -> None:
    found = dom.xpath("/html/head/link[@rel='alternate']")
    assert any(link.get("href") == site["base"] + "feeds/all.rss" for link in found)
    for link in found:
        assert link.get("type") == "application/rss+xml" and link.get("title")
        with urllib.request.urlopen(link.get("href"), timeout=10) as response:
            assert response.status == 200 and response.read(5) == b"<?xml"


def test_works_without_javascript(dom: lxml.html.HtmlElement) -> None:
    assert dom.xpath("//script | //noscript") == []
    assert [a for el in dom.iter() for a in el.attrib if a.startswith("on")] == []
    assert not [h for h in dom.xpath("//@href") if h.strip().lower().startswith("javascript:")]


def test_headings_do_not_skip_levels(dom: lxml.html.HtmlElement) -> None:
    levels = [int(h.tag[1]) for h in dom.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_content_sits_in_a_main_landmark(dom: lxml.html.HtmlElement) -> None:
    (main,) = dom.xpath("/html/body/main")
    assert main.xpath(".//h1") and len(main.xpath(".//section")) >= 3


def test_every_link_has_a_name(dom: lxml.html.HtmlElement) -> None:
    assert [lxml.html.tostring(a) for a in dom.iter("a")
            if not (text_of(a) or a.get("aria-label"))] == []


def css_declarations(dom: lxml.html.HtmlElement) -> list[tuple[str, str, str]]:
    """(selector, property, value) of every rule in the page's style sheets."""
    css = " ".join(style.text or "" for style in dom.iter("style"))
    found = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for declaration in body.split(";"):
            prop, _, value = declaration.partition(":")
            found += [(s.strip(), prop.strip(), value.strip()) for s in selectors.split(",")]
    return found


def rgb(value: str) -> tuple[int, int, int]:
    digits = re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value.split()[0])
    assert digits, f"colour {value!r} is not a hex colour this test can check"
    h = digits.group(1)
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(colour: tuple[int, int, int]) -> float:
    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = map(linear, colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_wcag_aa_contrast(dom: lxml.html.HtmlElement) -> None:
    declarations = css_declarations(dom)
    backgrounds = {rgb(v) for _, p, v in declarations if p in ("background", "background-color")}
    colours = {s: rgb(v) for s, p, v in declarations if p == "color"}
    assert len(backgrounds) == 1 and {"body", "a", ".meta"} <= set(colours)
    (background,) = backgrounds
    low = {s: round(contrast(c, background), 2) for s, c in colours.items()
           if contrast(c, background) < 4.5}
    assert low == {}


def png_pixels(path: Path, rows: int) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and the RGB pixels of the top `rows` of an 8-bit, non-interlaced
    RGB(A) PNG (decoding in pure Python is slow; the top of the page is enough)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    assert depth == 8 and colour_type in (2, 6) and interlace == 0
    chunks, at = [], 8
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at:at + 4]), data[at + 4:at + 8]
        if kind == b"IDAT":
            chunks.append(data[at + 8:at + 8 + length])
        at += 12 + length
    size = 4 if colour_type == 6 else 3
    lines = unfilter(zlib.decompress(b"".join(chunks)), width * size, min(rows, height), size)
    return width, height, [tuple(line[i:i + 3]) for line in lines
                           for i in range(0, len(line), size)]


def unfilter(raw: bytes, stride: int, height: int, size: int) -> list[bytes]:
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            line[i] = (line[i] + (0, left, up, (left + up) // 2, paeth(left, up, corner))[kind]
                       ) & 0xFF
        rows.append(bytes(line))
        previous = line
    return rows


def paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def test_screenshot_shows_the_page(dom: lxml.html.HtmlElement, screenshot: Path) -> None:
    width, height, pixels = png_pixels(screenshot, rows=500)
    assert (width, height) == (1280, 2000)
    counts: dict[tuple[int, int, int], int] = {}
    for pixel in pixels:
        counts[pixel] = counts.get(pixel, 0) + 1
    colours = {s: rgb(v) for s, p, v in css_declarations(dom) if p == "color"}
    background = next(rgb(v) for s, p, v in css_declarations(dom) if s == "body"
                      and p == "background")
    assert max(counts, key=counts.__getitem__) == background
    for selector in ("body", "a"):  # text and links were painted in their own colours
        assert counts.get(colours[selector], 0) > 200, selector
