"""The sample article page -> a selector for each field.

The generic extractor's Article says what each field is; `crawler.draft.fields`
finds the elements printing them, `crawler.draft.css` names those elements.
Where the generic extractor read the page wrong in a way the markup shows (the
site name for the title, a sapo or byline it left out, a date in a table row),
the draft selects the printed element instead and says so in a comment.
The `article` selector is the smallest box holding title and body whose
selector the listing page does not match (it tells article pages apart).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import html

from crawler.draft.boilerplate import remove_list
from crawler.draft.css import Pick, best_selector, own_selectors, select
from crawler.draft.fields import (
    better_title,
    body_container,
    body_keys,
    category_element,
    common_ancestor,
    date_element,
    missed_author,
    missed_date,
    missed_lead,
    short_element,
    text_of,
)
from crawler.model import Article

_LINK_SHARE = 0.5  # a "body" mostly made of links is a list of teasers, not an article
_MAX_UP = 4


class NotAnArticle(ValueError):
    """The sample page holds no article (a listing, a home page)."""


@dataclass(frozen=True)
class FieldPick:
    """One field's selector (None: left to metadata or the body) and a note for people."""

    pick: Pick | None
    note: str = ""


@dataclass(frozen=True)
class ArticleDraft:
    picks: dict[str, FieldPick]
    remove: list[str]
    # What the draft reads where the generic extractor read otherwise: field -> the
    # printed text (title, lead, author, published); re-extraction must give it.
    printed: dict[str, str] = field(default_factory=dict)
    body_keys: frozenset[str] = frozenset()  # the prose the body element must hold
    boxes: tuple[html.HtmlElement | None, ...] = ()  # candidates for `article`, best first


def article_picks(root: html.HtmlElement, article: Article,
                  absent: list[html.HtmlElement]) -> ArticleDraft:
    """Selectors of every field, and the `remove` list of the body.  The `article`
    selector must match none of the `absent` pages (the listing, other layouts)."""
    title, title_el = better_title(root, article.title, article.body)
    body_el = body_container(root, article.body)
    if body_el is None or _mostly_links(body_el):
        raise NotAnArticle("the page holds no article: its main text is a list of links "
                           "(a listing or home page?)")
    date_el = date_element(root, article.published, title_el)
    lead_el = short_element(root, article.lead, body_el)
    lead_el = None if lead_el is title_el or article.lead == title else lead_el
    author_el = short_element(root, article.author, body_el)
    box = common_ancestor(title_el, body_el, date_el)
    picks = _picks(root, article, {"title": title_el, "published": date_el, "lead": lead_el,
                                   "author": author_el, "body": body_el, "box": box})
    picks["article"] = article_pick(root, absent, (box, body_el, title_el))
    printed = {"title": title} if title != article.title else {}
    first_date = missed_date(root, title_el)
    _missed(root, picks, printed, "published",
            _earlier(first_date, body_el) and not _earlier(date_el, body_el),
            lambda: first_date, "the first date after the title")
    _missed(root, picks, printed, "lead", lead_el is None,
            lambda: missed_lead(root, title_el, body_el), "printed between title and body")
    _missed(root, picks, printed, "author", author_el is None and not article.author,
            lambda: missed_author(box, body_el), "printed outside the body")
    kept = [*article.body, *article.captions, article.author or printed.get("author", "")]
    return ArticleDraft(picks, remove_list(body_el, kept), printed,
                        frozenset(body_keys(root, article.body)), (box, body_el, title_el))


def _picks(root: html.HtmlElement, article: Article,
           found: dict[str, html.HtmlElement | None]) -> dict[str, FieldPick]:
    """A selector for each element found, or a note saying why there is none."""
    missing = {
        "title": "the generic extractor's title is printed nowhere as a whole: check",
        "published": "no printed date: taken from page metadata" if article.published
        else "no date found",
        "lead": "the first paragraph of the body",
        "author": "the byline is read from the body" if article.author else "no byline found",
        "body": "no body element found",
    }
    picks = {key: _field(root, found[key], note) for key, note in missing.items()}
    category = category_element(root, found["box"])
    picks["category"] = _field(root, category, "no category element found")
    return picks


def _missed(root: html.HtmlElement, picks: dict[str, FieldPick], printed: dict[str, str],
            key: str, wanted: bool, find: object, where: str) -> None:
    """Select a field the generic extractor missed, when the page prints it."""
    el = find() if wanted and callable(find) else None
    field_pick = _field(root, el, "") if el is not None else FieldPick(None)
    if field_pick.pick is None:
        return
    picks[key] = FieldPick(field_pick.pick, f"{where}; the generic extractor read otherwise: "
                           "check")
    printed[key] = text_of(el)


def _earlier(el: html.HtmlElement | None, body: html.HtmlElement) -> bool:
    """Printed before the body element (a date under the title, not in a list below)."""
    if el is None:
        return False
    order = {node: i for i, node in enumerate(body.getroottree().getroot().iter())}
    return order[el] < order[body] and body not in el.iterancestors()


def _field(root: html.HtmlElement, el: html.HtmlElement | None, missing: str) -> FieldPick:
    if el is None:
        return FieldPick(None, missing)
    pick = best_selector(root, el)
    if pick is None:
        return FieldPick(None, f"matched by text only ({text_of(el)[:40]!r}): no stable "
                         "selector, check")
    return FieldPick(pick)


def _mostly_links(el: html.HtmlElement) -> bool:
    text = len(text_of(el))
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return text == 0 or linked / text > _LINK_SHARE


def article_pick(root: html.HtmlElement, absent: list[html.HtmlElement],
                 boxes: tuple[html.HtmlElement | None, ...]) -> FieldPick:
    """The first box (or one of its few ancestors) with a selector that is on this page
    and on none of the `absent` pages."""
    for box in (b for b in boxes if b is not None):
        for el in [box, *list(box.iterancestors())[:_MAX_UP]]:
            pick = _absent_from(root, el, absent)
            if pick:
                return FieldPick(pick)
    return FieldPick(None, "every box of the article is on the listing page too: check")


def _absent_from(root: html.HtmlElement, el: html.HtmlElement,
                 absent: list[html.HtmlElement]) -> Pick | None:
    def rank(option: tuple[str, bool]) -> tuple[bool, bool, int, str]:
        css, by_id = option
        return (select(root, css) != [el], not by_id, len(css), css)

    for css, by_id in sorted(own_selectors(el), key=rank):
        if select(root, css)[:1] != [el]:
            continue
        if not absent:
            return Pick(css, "low", "no listing page to check it is absent from: check")
        if not any(select(page, css) for page in absent):
            level = "high" if by_id else "medium"
            return Pick(css, level, "on this page, absent from the listing page"
                        + (" and the other layouts' samples" if len(absent) > 1 else ""))
    return None
