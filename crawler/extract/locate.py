"""Where in the page trafilatura's article text lives.

trafilatura decides what the article is, but its output loses the layout we
read captions, bylines and lazy images from, and on table-laid pages it keeps
whole layout tables.  So we find the original elements that carry its
paragraphs and take the deepest element holding nearly all of that text: the
article's container, which `body_blocks` then reads like a profile's body.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree, html

from crawler.extract.blocks import BLOCK_TAGS
from crawler.extract.pagedate import in_chrome

_KEY_CHARS = 40
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"))
_MIN_CHARS = 25  # shorter texts (menus, dates, clocks) are too common to locate anything
# The container must hold nearly all the located text: a summary printed above the
# body element (Drupal's `post__summary`) is part of the article.  Not all of it: a
# layout table cell trafilatura kept (a clock, a footer) must not pull in the page.
_SHARE = 0.95
_TEXT_TAGS = ("p", "head", "cell", "item", "quote", "list")
_LEAF_TAGS = ("p", "div", "td", "li", "span", "font", "blockquote", "h2", "h3", "h4", "section",
              "strong", "b", "em")
_INLINE = frozenset({"span", "font", "strong", "b", "em"})


def text_key(text: str) -> str:
    """A paragraph's matching key.  trafilatura drops soft hyphens, which TCVN3 text
    uses as the letter `ư`, so they are dropped on both sides."""
    return " ".join(text.translate(_INVISIBLE).split())[:_KEY_CHARS].casefold()


def output_keys(main: etree._Element) -> set[str]:
    """Keys of the paragraphs trafilatura kept."""
    keys = set()
    for el in main.iter(*_TEXT_TAGS):
        keys.add(text_key("".join(el.itertext())))
    # Loose text between paragraphs (a summary in a <strong> becomes such a tail).
    keys.update(text_key(el.tail or "") for el in main.iter())
    keys.add(text_key(main.text or ""))
    return {k for k in keys if len(k) >= min(_MIN_CHARS, _KEY_CHARS)}


def locate(root: html.HtmlElement, keys: set[str]) -> html.HtmlElement | None:
    """The deepest element holding most of the text trafilatura kept, or None."""
    weights: dict[html.HtmlElement, int] = {}
    total = 0
    for el, text in _kept(root, keys):
        # Squared length: article paragraphs outweigh the short cells (a clock, a menu
        # line) trafilatura sometimes keeps from layout tables.
        weight = len(text) ** 2
        total += weight
        for ancestor in el.iterancestors():
            weights[ancestor] = weights.get(ancestor, 0) + weight
    if not total:
        return None
    holding = [el for el, weight in weights.items() if weight >= _SHARE * total]
    return max(holding, key=_depth, default=None)


def first_kept(root: html.HtmlElement, keys: set[str]) -> html.HtmlElement | None:
    """The first page element (document order) holding a paragraph trafilatura kept."""
    return next((el for el, _ in _kept(root, keys)), None)


def _kept(root: html.HtmlElement, keys: set[str]) -> Iterator[tuple[html.HtmlElement, str]]:
    """Leaf elements of the page whose text trafilatura kept, with that text."""
    for el in root.iter(*_LEAF_TAGS):
        if any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el):
            continue
        text = " ".join(el.text_content().split())
        if len(text) < _MIN_CHARS or text_key(text) not in keys or _inside_match(el, text):
            continue
        if not in_chrome(el):  # a footer or clock cell of a layout table trafilatura kept
            yield el, text


def _inside_match(el: html.HtmlElement, text: str) -> bool:
    """An inline element that is all of its parent's text: the parent counts, not both."""
    parent = el.getparent()
    return el.tag in _INLINE and parent is not None and " ".join(
        parent.text_content().split()) == text


def _depth(el: html.HtmlElement) -> int:
    return sum(1 for _ in el.iterancestors())
