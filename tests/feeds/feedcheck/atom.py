"""Atom 1.0 rules (RFC 4287, as the W3C validator applies them)."""

from __future__ import annotations

from datetime import datetime

from .common import (
    MIME_RE,
    Rule,
    characters,
    duplicates,
    non_increasing,
    parsed,
    repeated_children,
    texts,
    well_formed,
    xpath,
)
from .doc import Doc
from .html import html_problems
from .values import RFC3339_VN, id_problem, rfc3339_problem, url_problem

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_ONCE = ("atom:id", "atom:title", "atom:updated", "atom:subtitle", "atom:generator")
ENTRY_ONCE = ("atom:id", "atom:title", "atom:updated", "atom:published", "atom:summary",
              "atom:content")


@parsed
def feed_required(doc: Doc) -> list[str]:
    feed = doc.root
    if feed.tag != "{http://www.w3.org/2005/Atom}feed":
        return [f"root element is {feed.tag}, not atom:feed"]
    problems = [f"feed {name}: {p}" for name, p in (
        ("id", id_problem("".join(texts(feed, "atom:id")))),
        ("updated", rfc3339_problem("".join(texts(feed, "atom:updated")), doc.now)),
    ) if p]
    if not "".join(texts(feed, "atom:title")).strip():
        problems.append("feed has no title")
    if feed.get(XML_LANG) != "vi":
        problems.append(f"xml:lang {feed.get(XML_LANG)!r} != 'vi'")
    feed_author = any(n.strip() for n in texts(feed, "atom:author/atom:name"))
    problems += [f"entry {i} has no author and neither has the feed"
                 for i, entry in enumerate(xpath(feed, "atom:entry"))
                 if not feed_author and not any(texts(entry, "atom:author/atom:name"))]
    return problems + repeated_children(feed, FEED_ONCE, "feed")


@parsed
def self_link(doc: Doc) -> list[str]:
    """rel=self is the public URL of this file; rel=alternate is the web page."""
    links = xpath(doc.root, "atom:link")
    selves = [link for link in links if link.get("rel") == "self"]
    if len(selves) != 1:
        return [f"expected one link rel=self, found {len(selves)}"]
    problems = []
    if selves[0].get("href") != doc.self_url:
        problems.append(f"self link {selves[0].get('href')!r} != {doc.self_url!r}")
    if selves[0].get("type") != "application/atom+xml":
        problems.append(f"self link type {selves[0].get('type')!r}")
    if not [link for link in links if link.get("rel") in (None, "alternate")]:
        problems.append("feed has no alternate link")
    keys = [f"{link.get('rel')}|{link.get('type')}|{link.get('hreflang')}" for link in links]
    return problems + [f"duplicate atom:link {k}" for k in duplicates(keys)]


@parsed
def entries(doc: Doc) -> list[str]:
    ids = texts(doc.root, "atom:entry/atom:id")
    problems = [f"duplicate entry id {i!r}" for i in duplicates(ids)]
    for i, entry in enumerate(xpath(doc.root, "atom:entry")):
        problems += [f"entry {i}: {p}" for p in _entry_problems(entry, doc.now)]
    return problems


def _entry_problems(entry: object, now: datetime) -> list[str]:
    problems = [p for p in (id_problem("".join(texts(entry, "atom:id"))),) if p]
    if not "".join(texts(entry, "atom:title")).strip():
        problems.append("no title")
    updated, published = texts(entry, "atom:updated"), texts(entry, "atom:published")
    problems += [p for p in (rfc3339_problem(v, now) for v in [*updated, *published]) if p]
    if not updated:
        problems.append("no updated")
    elif published and _instant(published[0]) and _instant(updated[0]) and (
            _instant(published[0]) > _instant(updated[0])):
        problems.append(f"published {published[0]} after updated {updated[0]}")
    alternates = [n for n in xpath(entry, "atom:link") if n.get("rel") in (None, "alternate")]
    if len(alternates) != 1:
        problems.append(f"{len(alternates)} alternate links")
    return problems + repeated_children(entry, ENTRY_ONCE, "entry")


@parsed
def content(doc: Doc) -> list[str]:
    """content type="html" in every entry, well-formed and safe; summaries plain text."""
    problems = []
    for i, entry in enumerate(xpath(doc.root, "atom:entry")):
        nodes = xpath(entry, "atom:content")
        if len(nodes) != 1 or nodes[0].get("type") != "html" or not (nodes[0].text or "").strip():
            problems.append(f"entry {i} lacks one non-empty content type='html'")
        for node in nodes:
            problems += [f"entry {i} content: {p}" for p in html_problems(node.text or "")]
        for node in xpath(entry, "atom:summary | atom:title"):
            if node.get("type") not in (None, "text"):
                problems.append(f"entry {i} {node.tag} type {node.get('type')!r}, expected text")
    return problems


@parsed
def urls(doc: Doc) -> list[str]:
    hrefs = [n.get("href") for n in xpath(doc.root, "//atom:link")]
    problems = [p for p in map(url_problem, hrefs) if p]
    for node in xpath(doc.root, "//media:content"):
        problem = url_problem(node.get("url"))
        if problem:
            problems.append(f"media:content url: {problem}")
        if not MIME_RE.fullmatch(node.get("type") or ""):
            problems.append(f"media:content {node.get('url')!r} has no valid type")
    return problems


@parsed
def order(doc: Doc) -> list[str]:
    stamps = [_instant(v) for v in texts(doc.root, "atom:entry/atom:published")]
    return non_increasing([s for s in stamps if s], "entry")


def _instant(value: str) -> datetime | None:
    return datetime.fromisoformat(value) if RFC3339_VN.fullmatch(value) else None


ATOM_RULES: dict[str, Rule] = {rule.__name__: rule for rule in (
    well_formed, characters, feed_required, self_link, entries, content, urls, order,
)}
