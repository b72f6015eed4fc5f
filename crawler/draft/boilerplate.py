"""The `remove` list: what sits inside the body element but is no part of the article.

Share buttons, print links, font-size and rating widgets, "tin liên quan" boxes
inside the content area: elements whose class or id names them, or whose text
the generic extractor left out of the article.  Each is named by a selector
that works inside the body element alone (extraction prunes a copy of it) and
that never matches an element holding article text.
"""

from __future__ import annotations

import re

from lxml import html

from crawler.draft.css import own_selectors, select
from crawler.draft.fields import norm, text_of

_WIDGET = re.compile(
    r"share|social|sharing|print|in-?bai|rating|rate|vote|font-?(size|control)|zoom|"
    r"like|facebook|zalo|twitter|tags?\b|tool|comment|binh-?luan|related|lien-?quan|"
    r"tin-?khac|other|audio|listen|bookmark", re.IGNORECASE)
_KEY = 30


def remove_list(body: html.HtmlElement, kept: list[str]) -> list[str]:
    """Selectors of the boilerplate elements inside `body`, in document order."""
    kept_keys = [norm(k).casefold() for k in kept if norm(k)]
    found: list[str] = []
    for el in _boilerplate(body, kept_keys):
        css = _selector(body, el, kept_keys)
        if css and css not in found:
            found.append(css)
    return found


def _boilerplate(body: html.HtmlElement, kept: list[str]) -> list[html.HtmlElement]:
    """Top-most elements inside `body` that are widgets or hold no kept text."""
    found: list[html.HtmlElement] = []
    stack = [c for c in body if isinstance(c.tag, str)]
    while stack:
        el = stack.pop(0)
        if _is_boilerplate(el, kept):
            found.append(el)
        else:
            stack[0:0] = [c for c in el if isinstance(c.tag, str)]
    return found


def _is_boilerplate(el: html.HtmlElement, kept: list[str]) -> bool:
    """A widget named by its class or id, or text the article does not hold."""
    if _holds_kept(el, kept):
        return False
    label = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_WIDGET.search(label) or text_of(el))


def _holds_kept(el: html.HtmlElement, kept: list[str]) -> bool:
    text = text_of(el).casefold()
    if not text:
        return bool(el.xpath(".//img"))  # a picture (its caption is kept text)
    return any(k[:_KEY] in text or text[:_KEY] in k for k in kept)


def _selector(body: html.HtmlElement, el: html.HtmlElement, kept: list[str]) -> str | None:
    """The shortest own selector of `el` that, inside `body`, picks only boilerplate."""
    for css, _ in sorted(own_selectors(el), key=lambda c: (len(c[0]), c[0])):
        matches = select(body, css)
        if el in matches and not any(_holds_kept(m, kept) or m is body for m in matches):
            return css
    return None
