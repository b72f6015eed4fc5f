"""An article body element -> `Block`s in reading order, with layout hints.

Editors on government portals write bodies in CKEditor: images sit alone in a
centred paragraph, the caption is the next (italic, centred) paragraph, the
byline a right-aligned bold line at the end.  We keep those layout signals as
hints and let the normaliser decide what each block is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree, html

from crawler.model import Block
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
IMAGE_ATTRS = ("data-src", "data-original", "data-lazy-src", "src")
ALIGN_RE = re.compile(r"text-align\s*:\s*(center|right)", re.IGNORECASE)


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
    if el.tag == "figcaption":
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
    for img in el.iter("img"):
        src = _image_src(img, base)
        if src:
            yield Block("image", (img.get("alt") or "").strip(), src)
    text = _text_of(el)
    if not text:
        return
    kind = "heading" if el.tag in HEADINGS else "text"
    yield Block(kind, text, None, hints | _emphasis_hints(el, text), _inner_html(el))


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
    for attr in IMAGE_ATTRS:
        src = absolute(base, img.get(attr))
        if src:
            return src
    srcset = img.get("srcset") or img.get("data-srcset")
    if srcset:
        return absolute(base, srcset.split(",")[0].split()[0])
    return None
