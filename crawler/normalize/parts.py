"""Body blocks -> parts: paragraph, caption, heading, image, byline or source.

Bylines sit at the end of the body (`Thu Hương`), sometimes at the top
(`Thực hiện: …`), and on many portals the body goes on after them with
related-article teasers and page tools (`Tin liên quan`, `In bài`, `Lượt xem`).
Those trailing blocks are dropped first, then the byline and `Theo …` /
`Nguồn: …` source lines are looked for among the last few blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.model import Block
from crawler.normalize.byline import is_source_line, looks_like_byline
from crawler.normalize.captions import is_photo_credit, looks_like_caption
from crawler.normalize.text import fold

CAPTION_SIGNALS = frozenset({"figcaption", "after_image"})
# Headings that open a list of other articles: everything from them on is not the article.
_RELATED = re.compile(
    r"^(?:cac |nhung )?(?:tin|bai|bai viet|tin bai|tin tuc)(?: da dang)? (?:lien quan|khac|cung"
    r" chuyen muc|moi|moi nhat|noi bat)|^(?:xem|doc) them|^y kien ban doc|^binh luan|"
    r"^other news|^related|^tin doc nhieu"
)
# Page tools printed inside the body: print/e-mail links, view counters, tags, ratings.
_TOOLS = re.compile(
    r"^(?:in bai|ban in|gui email|gui bai|chia se|luot xem|so lan xem|luot doc|tu khoa|tags?"
    r"|danh gia bai viet|quay lai|tro ve|len dau trang|print|email|share|top)\b"
)
_DATE_ONLY = re.compile(r"^[(\[]?\s*\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?\s*[)\]]?$")
_TAIL_WINDOW = 3  # bylines and source lines are among the last few text blocks
_MIN_PARAGRAPH = 80  # characters: teaser titles are shorter and carry no full stop


@dataclass(frozen=True)
class Part:
    """A block once we know what it is."""

    role: str  # "paragraph" | "caption" | "heading" | "image" | "byline" | "source"
    block: Block


def without_tail_chrome(blocks: list[Block]) -> list[Block]:
    """Blocks without related-article lists (`Tin liên quan`, `Xem thêm`: at the end, or
    boxed in the middle of the text) and the page tools that follow the article."""
    kept: list[Block] = []
    in_list = False
    for i, block in enumerate(blocks):
        if i > 0 and block.kind != "image" and _RELATED.match(fold(block.text)):
            in_list = True  # the list's heading; its entries follow
            continue
        # A list of teasers ends where the article's text resumes: a full paragraph.
        in_list = in_list and (block.kind == "image" or not _is_paragraph(block))
        if not in_list:
            kept.append(block)
    blocks = kept
    end = len(blocks)
    while end > 1 and _is_tail_chrome(blocks[end - 1]):
        end -= 1
    return blocks[:end]


def _is_paragraph(block: Block) -> bool:
    text = block.text
    return "link" not in block.hints and len(text) >= _MIN_PARAGRAPH and text.endswith(
        (".", "!", "?", "…", "”", '"', ")"))


def _is_tail_chrome(block: Block) -> bool:
    if block.kind == "image":
        return False
    folded = fold(block.text)
    return "link" in block.hints or bool(_TOOLS.match(folded) or _DATE_ONLY.match(folded))


def classify(blocks: list[Block], layout: str) -> list[Part]:
    """Each block's role; the first text block is always a paragraph (the lead)."""
    texts = [i for i, b in enumerate(blocks) if b.kind == "text"]
    tail = _tail_roles(blocks, texts)
    top = _top_byline(blocks, texts) if "byline" not in tail.values() else None
    parts: list[Part] = []
    for i, block in enumerate(blocks):
        if block.kind != "text":
            parts.append(Part("image" if block.kind == "image" else "heading", block))
        elif i in tail:
            parts.append(Part(tail[i], block))
        elif i == top:
            parts.append(Part("byline", block))
        elif _may_be_caption(block, i == texts[0]) and _is_caption(
            block, layout, is_last=i == texts[-1]
        ):
            parts.append(Part("caption", block))
        else:
            parts.append(Part("paragraph", block))
    return _with_credits(parts)


def _tail_roles(blocks: list[Block], texts: list[int]) -> dict[int, str]:
    """Byline and source lines among the last text blocks, never the first one."""
    roles: dict[int, str] = {}
    for i in reversed(texts[1:][-_TAIL_WINDOW:]):
        text = blocks[i].text
        if is_source_line(text):
            roles[i] = "source"
        elif "byline" not in roles.values() and looks_like_byline(text):
            roles[i] = "byline"
        else:
            break
    return roles


def _top_byline(blocks: list[Block], texts: list[int]) -> int | None:
    """A byline printed above the article (`Thực hiện: Minh Hà`); needs a body after it."""
    for i in texts[:2]:
        if len(texts) > 2 and looks_like_byline(blocks[i].text):
            return i
    return None


def _may_be_caption(block: Block, first: bool) -> bool:
    """The first text block is the lead, unless it is plainly the caption of a picture
    printed above the article."""
    return not first or bool(block.hints & CAPTION_SIGNALS)


def _is_caption(block: Block, layout: str, *, is_last: bool) -> bool:
    if layout == "text":
        return not is_last and looks_like_caption(block.text, frozenset())
    signalled = block.hints & CAPTION_SIGNALS or {"italic", "centered"} <= block.hints
    return bool(signalled) and looks_like_caption(block.text, block.hints)


def _with_credits(parts: list[Part]) -> list[Part]:
    """A photo credit on its own line joins the caption above it (or becomes the caption
    of the image above it): credits stay with their pictures, out of the body."""
    merged: list[Part] = []
    for part in parts:
        prev = merged[-1] if merged else None
        if part.role in ("paragraph", "caption") and prev and is_photo_credit(part.block.text):
            if prev.role == "caption":
                text = f"{prev.block.text} {part.block.text}"
                merged[-1] = Part("caption", Block("text", text, None, prev.block.hints))
                continue
            if prev.role == "image":
                part = Part("caption", part.block)
        merged.append(part)
    return merged
