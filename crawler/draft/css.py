"""Stable CSS selectors for one element of a page.

A drafted selector must survive the next article: it names the element by its
id or class names, never by its position (`:nth-child`), and ids or classes
that look generated (`node-21437`, `INSTANCE_aB3x9Q`) or are layout utilities
(`col-md-3`, `mt-2`) are not used.  Of the selectors that pick exactly the
element, the shortest wins; how it picks the element sets its confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from lxml import html
from lxml.cssselect import CSSSelector

Confidence = Literal["high", "medium", "low"]

_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_GENERATED = re.compile(r"\d{3,}|^(css|sc|jss|ng|svelte|ember)-|_INSTANCE_")
# Layout utilities (Bootstrap, Tailwind-like) say where a box sits, not what it holds.
_UTILITY = re.compile(
    r"^([mp][tblrxyse]?-(\d|auto|n\d)|(col|row|container|clearfix|d|text|float|justify|align|"
    r"flex|w|h|g|gx|gy|order|offset|hidden|visible|visually|pull|push|font|bg|border|rounded|"
    r"shadow|position|overflow|js|is|active|show|fade|in|open|first|last|odd|even|f|fs|fw|"
    r"lh|no)(-|$)|[mp][tblrxy]?\d+$|(f-?s|fs)\d+$)",
    re.IGNORECASE)
_MAX_ANCESTORS = 6


@dataclass(frozen=True)
class Pick:
    """A selector for a field and how sure the draft is of it."""

    css: str
    confidence: Confidence
    why: str


@lru_cache(maxsize=1024)
def compiled(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def select(root: html.HtmlElement, css: str) -> list[html.HtmlElement]:
    return compiled(css)(root) if css else []


def stable_id(el: html.HtmlElement) -> str | None:
    value = (el.get("id") or "").strip()
    return value if _TOKEN.match(value) and not _GENERATED.search(value) else None


def stable_classes(el: html.HtmlElement) -> list[str]:
    """Class names that describe the element, in the page's order."""
    tokens = (el.get("class") or "").split()
    return [t for t in dict.fromkeys(tokens)
            if _TOKEN.match(t) and not _GENERATED.search(t) and not _UTILITY.match(t)]


def own_selectors(el: html.HtmlElement) -> list[tuple[str, bool]]:
    """Selectors naming the element by itself: (css, by_id)."""
    tag = el.tag if isinstance(el.tag, str) else "*"
    found: list[tuple[str, bool]] = []
    ident = stable_id(el)
    if ident:
        found += [(f"#{ident}", True), (f"{tag}#{ident}", True)]
    classes = stable_classes(el)
    for cls in classes:
        found += [(f".{cls}", False), (f"{tag}.{cls}", False)]
    found += [(f"{tag}.{a}.{b}", False) for a, b in pairwise(classes)]
    return found


def candidates(el: html.HtmlElement) -> list[tuple[str, int]]:
    """(css, rank): the element's own id (0), its own classes (1), then the forms named
    by an ancestor, `<ancestor> <own>` and `<ancestor> <tag>` (2)."""
    own = own_selectors(el)
    tag = el.tag if isinstance(el.tag, str) else "*"
    found = [(css, 0 if by_id else 1) for css, by_id in own]
    for ancestor in list(el.iterancestors())[:_MAX_ANCESTORS]:
        for outer, _ in own_selectors(ancestor)[:4]:
            found += [(f"{outer} {inner}", 2) for inner, _ in own[:4]]
            found.append((f"{outer} {tag}", 2))
    return found


def best_selector(root: html.HtmlElement, el: html.HtmlElement) -> Pick | None:
    """The best-ranked, then shortest, stable selector whose matches are exactly `el`;
    else the shortest whose first match is `el` (extraction reads the first), marked low."""
    exact: list[tuple[int, int, str]] = []
    first: list[tuple[int, str, int]] = []
    for css, rank in dict.fromkeys(candidates(el)):
        found = select(root, css)
        if found == [el]:
            exact.append((rank, len(css), css))
        elif found and found[0] is el:
            first.append((len(css), css, len(found)))
    if exact:
        rank, _, css = min(exact)
        if rank == 0:
            return Pick(css, "high", "a unique id")
        return Pick(css, "medium", "class names used once on the page")
    if first:
        _, css, count = min(first)
        return Pick(css, "low", f"the first of {count} matches: check")
    return None
