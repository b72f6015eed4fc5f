"""A listing page -> `[discovery]`: article_pattern, exclude_patterns, listing_links,
pagination.

The article links of a listing are the repeated teaser links shaped like the
sample article's URL; menu and breadcrumb links of the same shape (a Drupal
section `/vi/kinh-te` looks like an article `/vi/<slug>`) are sections, and
pager links are told by their page parameter.  The pattern is the sample's URL
shape; the sections it would also accept become exclude_patterns.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from urllib.parse import parse_qsl, urldefrag, urlsplit

from lxml import html

from crawler.draft.css import Pick, own_selectors, select, stable_classes
from crawler.draft.urlshape import escape, pattern, shape, target
from crawler.urls import SESSION_RE, absolute

_WORD = re.compile(r"[^\W\d_]+")
_SECTION_WORDS = 4  # menu entries are short (`Khoa học - Công nghệ`); titles are longer
_PAGE_KEYS = re.compile(r"^(page|p|pg|trang|pageindex|pagenumber|pagenum|cur|_cur|start|"
                        r"offset|paged|currentpage)$|_cur$|page", re.IGNORECASE)
# `/page/2`, `/trang-2`, DotNetNuke's `/currentpage/2/Default.aspx`.
_PAGE_PATH = re.compile(r"[/-](page|trang|p|pg|currentpage|pageindex|pagenumber)[-/_]?\d+(/|\.|$)",
                        re.IGNORECASE)
_GROUP_DEPTH = 3
_MAX_LEVELS = 6


@dataclass(frozen=True)
class ListingDraft:
    article_pattern: str
    exclude_patterns: tuple[str, ...]
    listing_links: Pick | None
    pagination: Pick | None
    article_links: tuple[str, ...]  # what the draft takes for the listing's articles
    section_links: tuple[str, ...]  # same-shape links it rejects (menus, breadcrumbs)
    pager_links: tuple[str, ...]


def draft_listing(root: html.HtmlElement, listing_url: str,
                  sample_urls: list[str]) -> ListingDraft:
    """The discovery rules of the listing `root` for articles shaped like the samples."""
    links = _links(root, listing_url)
    samples = [urldefrag(u)[0] for u in sample_urls]
    shapes = {shape(u) for u in samples}
    # `?p=123` may be an article (a sample's shape), not a page of the listing.
    pager = {u for _, u in links if _is_pager(u, listing_url) and shape(u) not in shapes}
    sections = {u for a, u in links if _is_section(a)} - pager
    articles = _article_group(links, samples, sections | pager | {listing_url})
    # Java portals append `;jsessionid=…` to links; the spider matches links as printed.
    session = any(SESSION_RE.search(a.get("href") or "") for a, u in links if u in articles)
    regex = alternatives([pattern(u, sorted(articles), session) for u in samples])
    excludes = _excludes(regex, sections | {listing_url}, pager, articles)
    return ListingDraft(
        article_pattern=regex,
        exclude_patterns=excludes,
        listing_links=_covering(root, links, articles),
        pagination=_covering(root, links, pager, also={listing_url}),
        article_links=tuple(sorted(articles)),
        section_links=tuple(sorted(u for u in sections if re.search(regex, target(u)))),
        pager_links=tuple(sorted(pager)),
    )


def _links(root: html.HtmlElement, base: str) -> list[tuple[html.HtmlElement, str]]:
    host = urlsplit(base).hostname
    found = []
    for a in root.iter("a"):
        url = absolute(base, a.get("href"))
        if url and urlsplit(url).hostname == host:
            found.append((a, SESSION_RE.sub("", urldefrag(url)[0])))
    return found


def _words(a: html.HtmlElement) -> int:
    return len(_WORD.findall(a.text_content()))


def _is_section(a: html.HtmlElement) -> bool:
    """A menu, breadcrumb or other short navigation entry."""
    if 0 < _words(a) <= _SECTION_WORDS:
        return True
    return any(n.tag in ("nav", "header", "footer") or "breadcrumb" in (n.get("class") or "")
               for n in a.iterancestors())


def _is_pager(url: str, listing_url: str) -> bool:
    parts = urlsplit(url)
    if _PAGE_PATH.search(parts.path):
        return True
    keys = [k for k, v in parse_qsl(parts.query) if v.isdigit()]
    same_page = parts.path == urlsplit(listing_url).path
    return any(_PAGE_KEYS.search(k) for k in keys) or (same_page and bool(keys))


def alternatives(patterns: list[str]) -> str:
    """One regex accepting any of the anchored patterns (samples of different shapes)."""
    unique = list(dict.fromkeys(patterns))
    if len(unique) == 1:
        return unique[0]
    return "^(?:" + "|".join(p.removeprefix("^").removesuffix("$") for p in unique) + ")$"


def _article_group(links: list[tuple[html.HtmlElement, str]], samples: list[str],
                   not_articles: set[str]) -> set[str]:
    """URLs of the biggest group of sample-shaped links printed in one repeated structure
    (a teaser's title, picture and summary links form one group each; groups sharing
    URLs with the best one join it)."""
    wanted = {shape(u, loose=True) for u in samples}
    groups: dict[tuple, list[tuple[html.HtmlElement, str]]] = {}
    for a, url in links:
        if url not in not_articles and shape(url, loose=True) in wanted:
            groups.setdefault(_structure(a), []).append((a, url))
    if not groups:
        return set()

    def score(members: list[tuple[html.HtmlElement, str]]) -> tuple[bool, int, float]:
        urls = {u for _, u in members}
        return (bool(urls & set(samples)), len(urls),
                statistics.median(_words(a) for a, _ in members))

    best = {u for _, u in max(groups.values(), key=score)}
    joined = set(best)
    for members in groups.values():
        urls = {u for _, u in members}
        if urls & best:
            joined |= urls
    return joined


def _structure(a: html.HtmlElement) -> tuple:
    chain = [a, *list(a.iterancestors())[:_GROUP_DEPTH]]
    return tuple((el.tag, tuple(stable_classes(el))) for el in chain)


def _excludes(regex: str, sections: set[str], pager: set[str],
              articles: set[str]) -> tuple[str, ...]:
    """Exact paths of the section links the pattern would take, and the pager's page
    parameter when pager links would pass too."""
    found = []
    accepted = sorted({target(u) for u in sections - articles if re.search(regex, target(u))})
    if accepted:
        found.append("^(" + "|".join(escape(t) for t in accepted) + ")$")
    keys = sorted({k for u in pager if re.search(regex, target(u))
                   for k, _ in parse_qsl(urlsplit(u).query) if _PAGE_KEYS.search(k)})
    found += [rf"[?&]{escape(k)}=" for k in keys]
    return tuple(found)


def _covering(root: html.HtmlElement, links: list[tuple[html.HtmlElement, str]],
              urls: set[str], also: frozenset[str] | set[str] = frozenset()) -> Pick | None:
    """The shortest `<container> a` selector whose links are all of `urls` and nothing
    else (links back to `also`, such as a pager's `href="#"`, are harmless)."""
    if not urls:
        return None
    options: dict[str, tuple[int, bool]] = {}  # css -> (levels above the link, by id)
    for a, url in links:
        if url in urls:
            for level, el in enumerate([a, *list(a.iterancestors())[:_MAX_LEVELS]]):
                for css, by_id in own_selectors(el):
                    options.setdefault(css if el is a else f"{css} a", (level, by_id))
    href = {a: u for a, u in links}
    valid = []
    for css, (level, by_id) in options.items():
        chosen = select(root, css)
        got = {href.get(a) for a in chosen} - {None}  # `javascript:;` is no link
        if urls <= got <= urls | set(also):
            # Links with words (a teaser's title), not pictures: some teasers have none.
            pictures = any(not _words(a) for a in chosen)
            valid.append((pictures, level, len(css), css, by_id))
    if not valid:
        return Pick("", "low", "no container holds only these links: check")
    # The nearest container (a teaser's title box), not a wide one that on article pages
    # would also hold the article's own links.
    *_, css, by_id = min(valid)
    confidence = "high" if by_id else "medium"
    return Pick(css, confidence, f"selects exactly the {len(urls)} links found")
