"""An article body element -> `Block`s in reading order, with layout hints.

Editors on government portals write bodies in CKEditor: images sit alone in a
centred paragraph, the caption is the next (italic, centred) paragraph, the
byline a right-aligned bold line at the end.  We keep those layout signals as
hints and let the normaliser decide what each block is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lxml import etree, html
from lxml.cssselect import CSSSelector

from crawler.model import Block
from crawler.normalize.images import best_from_srcset, is_junk_image
from crawler.urls import absolute

BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "figure", "figcaption", "table", "tbody", "thead",
        "tr", "td", "th", "ul", "ol", "li", "blockquote", "center", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "footer", "aside", "main", "dl", "dd", "dt", "pre",
    }
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
ITALIC_TAGS = frozenset({"em", "i"})
BOLD_TAGS = frozenset({"strong", "b"})
# Lazy-loading scripts keep the real address in one of these.
IMAGE_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "src")
ALIGN_RE = re.compile(r"text-align\s*:\s*(center|right)", re.IGNORECASE)
_BREAK = re.compile(r"(?:<br\s*/?>\s*)+", re.IGNORECASE)
_DOUBLE_BREAK = re.compile(r"<br\s*/?>\s*(?:<br\s*/?>\s*)+", re.IGNORECASE)


def pruned_copy(el: html.HtmlElement, remove: tuple[str, ...], url: str) -> html.HtmlElement:
    """A copy of a body without share buttons, print links and scripts, links absolute."""
    copy = html.fromstring(etree.tostring(el, encoding="unicode"))
    copy.make_links_absolute(url, resolve_base_href=False, handle_failures="discard")
    for css in (*remove, "script", "style", "noscript", "iframe", "button"):
        for junk in _compiled(css)(copy):
            if junk is not copy:
                junk.drop_tree()
    return copy


@lru_cache(maxsize=256)
def _compiled(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def body_blocks(root: html.HtmlElement, base_url: str) -> list[Block]:
    """Blocks of a body element; the element itself is not modified."""
    blocks: list[Block] = []
    for block in _walk(root, base_url, frozenset()):
        if blocks and blocks[-1].kind == "image" and block.kind == "text":
            block = Block("text", block.text, None, block.hints | {"after_image"}, block.html)
        blocks.append(block)
    return blocks


def _walk(el: html.HtmlElement, base: str, inherited: frozenset[str]) -> Iterator[Block]:
    hints = inherited | _own_hints(el)
    if el.tag == "figcaption" or _is_caption_cell(el):
        hints |= {"figcaption"}
    if _has_block_children(el):
        yield from _text_block(el.text, "", hints)
        for child in el:
            if isinstance(child.tag, str):
                yield from _walk(child, base, hints if child.tag != "figure" else inherited)
            yield from _text_block(child.tail, "", hints)
        return
    yield from _leaf(el, base, hints)


def _leaf(el: html.HtmlElement, base: str, hints: frozenset[str]) -> Iterator[Block]:
    pieces = _broken_lines(el)
    if len(pieces) > 1:
        for piece in pieces:
            yield from _leaf(piece, base, hints)
        return
    for img in el.iter("img"):
        src = _image_src(img, base)
        if src:
            yield Block("image", (img.get("alt") or "").strip(), src)
    text = _text_of(el)
    if not text:
        return
    kind = "heading" if el.tag in HEADINGS else "text"
    hints = hints | _emphasis_hints(el, text)
    if _all_one_link(el, text):
        hints |= {"link"}
    yield Block(kind, text, None, hints, _inner_html(el))


def _broken_lines(el: html.HtmlElement) -> list[html.HtmlElement]:
    """Old editors write a whole article in one cell, paragraphs split by `<br>`: the
    pieces, each a `<div>`; in a `<p>` only a blank line (two `<br>`) splits."""
    if next(el.iter("br"), None) is None:
        return [el]
    pattern = _DOUBLE_BREAK if el.tag == "p" else _BREAK
    pieces = [p for p in pattern.split(_inner_html(el)) if p.strip()]
    if len(pieces) < 2:
        return [el]
    return [html.fragment_fromstring(p, create_parent="div") for p in pieces]


def _text_block(text: str | None, markup: str, hints: frozenset[str]) -> Iterator[Block]:
    if text and text.strip():
        yield Block("text", " ".join(text.split()), None, hints, markup)


def _has_block_children(el: html.HtmlElement) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)


def _own_hints(el: html.HtmlElement) -> frozenset[str]:
    found = set()
    match = ALIGN_RE.search(el.get("style") or "")
    align = (match.group(1) if match else el.get("align") or "").lower()
    if el.tag == "center" or align == "center":
        found.add("centered")
    elif align == "right":
        found.add("right")
    return frozenset(found)


def _emphasis_hints(el: html.HtmlElement, text: str) -> frozenset[str]:
    """'italic' / 'bold' when the whole text of the block sits inside such tags."""
    found = set()
    for tags, hint in ((ITALIC_TAGS, "italic"), (BOLD_TAGS, "bold")):
        if el.tag in tags or _covered_by(el, tags) == len(text.replace(" ", "")):
            found.add(hint)
    return frozenset(found)


def _covered_by(el: html.HtmlElement, tags: frozenset[str]) -> int:
    covered = 0
    for node in el.iter(*tags):
        if not any(a.tag in tags for a in node.iterancestors() if a is not el):
            covered += len("".join(node.itertext()).replace(" ", "").replace("\xa0", ""))
    return covered


def _text_of(el: html.HtmlElement) -> str:
    parts: list[str] = []
    _collect_text(el, parts)
    return " ".join("".join(parts).replace("\xa0", " ").split())


def _collect_text(node: html.HtmlElement, parts: list[str]) -> None:
    parts.append(node.text or "")
    for child in node:
        if child.tag == "br":
            parts.append(" ")
        elif isinstance(child.tag, str) and child.tag not in ("script", "style"):
            _collect_text(child, parts)
        parts.append(child.tail or "")


def _inner_html(el: html.HtmlElement) -> str:
    pieces = [_escape(el.text or "")]
    pieces += [etree.tostring(c, encoding="unicode", with_tail=True) for c in el]
    return "".join(pieces).strip()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _image_src(img: html.HtmlElement, base: str) -> str | None:
    """The image's real address, or None for icons, spacers and tracking pixels."""
    src = _lazy_src(img, base)
    if src is None or is_junk_image(src, img.get("width"), img.get("height")):
        return None
    return src


def _lazy_src(img: html.HtmlElement, base: str) -> str | None:
    for attr in IMAGE_ATTRS[:-1]:
        src = absolute(base, img.get(attr))
        if src:
            return src
    srcset = img.get("data-srcset") or img.get("srcset")
    if srcset:
        src = absolute(base, best_from_srcset(srcset))
        if src:
            return src
    # A `src` that is a placeholder (data: URI, 1x1 gif) is dropped by the caller.
    return absolute(base, img.get("src"))


def _is_caption_cell(el: html.HtmlElement) -> bool:
    """A table cell with text and no image, in a small table whose other cell holds one."""
    if el.tag not in ("td", "th") or next(el.iter("img"), None) is not None:
        return False
    table = next((a for a in el.iterancestors("table")), None)
    if table is None or len(table.xpath(".//td|.//th")) > 4:
        return False
    return next(table.iter("img"), None) is not None


def _all_one_link(el: html.HtmlElement, text: str) -> bool:
    """The block's whole text is inside one link: a teaser, a `Xem thêm` entry."""
    links = [a for a in el.iter("a") if a.get("href")]
    if el.tag == "a" and el.get("href"):
        links = [el]
    if len(links) != 1:
        return False
    inside = " ".join(links[0].text_content().split())
    return len(inside) >= len(text) - 2
