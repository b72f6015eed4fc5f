"""Which of the profile's rules produced each field of one article page.

The crawl's extractor says so itself in `RawArticle.sources` (values such as
`layout:<name>:<css>`, `metadata:og`, `generic`, `pagedate`, `absent`); where an
older extractor leaves it empty, the same labels are inferred from the page.
Independently of that, every selector of the layout in use is tried on the page:
a selector that finds nothing is the first sign of a redesign.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lxml import html
from lxml.cssselect import CSSSelector

from crawler.model import Article, RawArticle
from crawler.profiles import Profile, Selectors

FIELDS = ("title", "published", "author", "lead", "body", "category")
CORE = ("title", "body")  # an article without them is not one: a miss is always drift


@dataclass(frozen=True)
class FieldCheck:
    field: str
    css: str  # the selector of the layout in use; "" when the layout has none
    matched: bool  # the selector found an element holding text
    source: str  # the rule that produced the value

    @property
    def missed(self) -> bool:
        """The profile has a selector for this field, and it did not produce it."""
        return bool(self.css) and (not self.matched or self.source == "generic")

    def to_dict(self) -> dict:
        return {"css": self.css, "matched": self.matched, "source": self.source,
                "missed": self.missed}


def layouts_of(profile: Profile | None) -> list[tuple[str, Selectors]]:
    """(name, selectors) of every layout version, in the order they are tried."""
    if profile is None:
        return []
    layouts = getattr(profile, "layouts", None)
    if layouts is not None:
        return [(layout.name, layout.selectors) for layout in layouts]
    return [("default", profile.selectors)] if profile.selectors.article else []


def choose_layout(root: html.HtmlElement,
                  layouts: list[tuple[str, Selectors]]) -> tuple[str, Selectors] | None:
    """The first layout whose `article` selector matches the page, as extraction does."""
    return next(((name, sel) for name, sel in layouts if _select(root, sel.article)), None)


def field_checks(root: html.HtmlElement, layout: tuple[str, Selectors] | None,
                 raw: RawArticle | None, article: Article | None) -> list[FieldCheck]:
    """One check per field; with no layout matching, the first layout's selectors
    are the ones that missed."""
    name, sel = layout if layout else ("", None)
    sources = dict(getattr(raw, "sources", None) or {})
    checks = []
    for field in FIELDS:
        css = getattr(sel, field, "") if sel else ""
        matched = bool(css) and _has_text(root, css)
        source = sources.get(field) or infer_source(field, name, css, matched, raw, article)
        checks.append(FieldCheck(field, css, matched, source))
    return checks


def missed_layout_checks(first: Selectors) -> list[FieldCheck]:
    """The page matched no layout: every field the profile selects is a miss."""
    return [FieldCheck(f, getattr(first, f, ""), False, "generic") for f in FIELDS]


def infer_source(field: str, layout: str, css: str, matched: bool,
                 raw: RawArticle | None, article: Article | None) -> str:
    if css and matched:
        return f"layout:{layout}:{css}"
    if field == "published" and raw is not None and raw.dates:
        return date_source(raw.dates[0].source)
    return "generic" if article is not None and getattr(article, field) else "absent"


def date_source(label: str) -> str:
    """`DateText.source` in the provenance vocabulary."""
    kind, _, name = label.partition(":")
    if kind == "json-ld":
        return "metadata:json-ld"
    if kind in ("meta", "microdata"):
        return "metadata:og" if name.startswith(("og:", "article:")) else "metadata:meta"
    if kind == "generic":
        return "generic" if name == "htmldate" else "pagedate"
    return "layout:default:" + name if kind == "selector" else "generic"


@lru_cache(maxsize=256)
def _compiled(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def _select(root: html.HtmlElement, css: str) -> list[html.HtmlElement]:
    return _compiled(css)(root) if css else []


def _has_text(root: html.HtmlElement, css: str) -> bool:
    return any("".join(el.itertext()).strip() for el in _select(root, css))
