"""RSS 2.0 rules (RSS Board profile, as the W3C validator applies them)."""

from __future__ import annotations

import re

from .common import (
    HTML_END_TAG,
    MIME_RE,
    Rule,
    characters,
    duplicates,
    non_increasing,
    parsed,
    repeated_children,
    rfc822_instant,
    texts,
    well_formed,
    xpath,
)
from .doc import Doc
from .html import html_problems
from .values import id_problem, rfc822_problem, url_problem

EMAIL_RE = re.compile(r"[A-Z0-9_\-+.']+@([A-Z0-9\-]+\.)+[A-Z0-9][-A-Z0-9]*( \(.*\))?", re.I)
CHANNEL_ONCE = ("title", "link", "description", "language", "ttl", "lastBuildDate", "generator")
ITEM_ONCE = ("title", "link", "description", "guid", "pubDate", "content:encoded", "author")


@parsed
def channel_required(doc: Doc) -> list[str]:
    channels = xpath(doc.root, "/rss[@version='2.0']/channel")
    if len(channels) != 1:
        return [f"expected one channel in <rss version='2.0'>, found {len(channels)}"]
    channel = channels[0]
    problems = [f"channel <{name}> missing or empty" for name in ("title", "link", "description")
                if not "".join(texts(channel, name)).strip()]
    if texts(channel, "language") != ["vi"]:
        problems.append(f"channel language {texts(channel, 'language')} != ['vi']")
    ttl = texts(channel, "ttl")
    if len(ttl) != 1 or not ttl[0].isdigit() or int(ttl[0]) < 1:
        problems.append(f"ttl {ttl} is not one positive whole number")
    return problems + repeated_children(channel, CHANNEL_ONCE, "channel")


@parsed
def self_link(doc: Doc) -> list[str]:
    """atom:link rel=self names the feed's public URL; <link> is the page, not the feed."""
    selves = xpath(doc.root, "/rss/channel/atom:link[@rel='self']")
    if len(selves) != 1:
        return [f"expected one atom:link rel=self, found {len(selves)}"]
    problems = []
    if selves[0].get("href") != doc.self_url:
        problems.append(f"self link {selves[0].get('href')!r} != {doc.self_url!r}")
    if selves[0].get("type") != "application/rss+xml":
        problems.append(f"self link type {selves[0].get('type')!r}")
    if texts(doc.root, "/rss/channel/link") == [doc.self_url]:
        problems.append("channel <link> is the feed itself, not its web page")
    return problems


@parsed
def dates(doc: Doc) -> list[str]:
    values = texts(doc.root, "/rss/channel/lastBuildDate") + texts(doc.root, "//item/pubDate")
    if len(texts(doc.root, "//item/pubDate")) != len(xpath(doc.root, "//item")):
        values.append("(an item without pubDate)")
    return [p for p in (rfc822_problem(v, doc.now) for v in values) if p]


@parsed
def guids(doc: Doc) -> list[str]:
    items = xpath(doc.root, "//item")
    problems = [f"item {i} has no guid" for i, item in enumerate(items) if not texts(item, "guid")]
    problems += [f"duplicate guid {g!r}" for g in duplicates(texts(doc.root, "//item/guid"))]
    for item in items:
        for guid in xpath(item, "guid"):
            links = texts(item, "link")
            problems += _guid_problems(guid.text or "", guid.get("isPermaLink"), links)
    return problems


def _guid_problems(guid: str, permalink: str | None, links: list[str]) -> list[str]:
    if permalink not in (None, "true", "false"):
        return [f"isPermaLink={permalink!r} is not a boolean"]
    if permalink == "false":
        problem = id_problem(guid)
        return [f"guid: {problem}"] if problem else []
    problem = url_problem(guid)
    if problem:
        return [f"permalink guid: {problem}"]
    return [] if links == [guid] else [f"permalink guid {guid!r} is not the item link {links}"]


@parsed
def authors(doc: Doc) -> list[str]:
    """<author> only with an e-mail address; bylines go to dc:creator."""
    problems = [f"<author> without an e-mail address: {a!r}"
                for a in texts(doc.root, "//item/author") if not EMAIL_RE.fullmatch(a)]
    return problems + [f"empty dc:creator in item {i}"
                       for i, c in enumerate(texts(doc.root, "//item/dc:creator")) if not c.strip()]


@parsed
def media(doc: Doc) -> list[str]:
    problems = []
    for node in xpath(doc.root, "//item/media:content"):
        problem = url_problem(node.get("url"))
        if problem:
            problems.append(f"media:content url: {problem}")
        if not MIME_RE.fullmatch(node.get("type") or ""):
            problems.append(f"media:content {node.get('url')!r} has no valid type")
        if node.get("medium") not in (None, "image", "audio", "video", "document", "executable"):
            problems.append(f"media:content medium {node.get('medium')!r}")
    return problems


@parsed
def content(doc: Doc) -> list[str]:
    """Every item has content:encoded; it and description are well-formed, safe HTML."""
    problems = []
    for i, item in enumerate(xpath(doc.root, "//item")):
        encoded = texts(item, "content:encoded")
        if not encoded or not encoded[0].strip():
            problems.append(f"item {i} has no content:encoded")
        for name in ("content:encoded", "description"):
            for fragment in texts(item, name):
                problems += [f"item {i} {name}: {p}" for p in html_problems(fragment)]
    return problems


@parsed
def titles(doc: Doc) -> list[str]:
    """Every item titled; no markup in titles (the validator's ContainsHTML)."""
    items = xpath(doc.root, "//item")
    problems = [f"item {i} has no title" for i, item in enumerate(items)
                if not "".join(texts(item, "title")).strip()]
    return problems + [f"title looks like HTML: {t[:60]!r}"
                       for t in texts(doc.root, "//title") if HTML_END_TAG.search(t)]


@parsed
def urls(doc: Doc) -> list[str]:
    values = texts(doc.root, "//link") + texts(doc.root, "//docs")
    values += [n.get("href") for n in xpath(doc.root, "//atom:link")]
    return [p for p in map(url_problem, values) if p]


@parsed
def items_once(doc: Doc) -> list[str]:
    problems = []
    for i, item in enumerate(xpath(doc.root, "//item")):
        problems += repeated_children(item, ITEM_ONCE, f"item {i}")
    return problems


@parsed
def order(doc: Doc) -> list[str]:
    stamps = [rfc822_instant(v) for v in texts(doc.root, "//item/pubDate")
              if rfc822_problem(v, doc.now) is None]
    return non_increasing(stamps, "item")


RSS_RULES: dict[str, Rule] = {rule.__name__: rule for rule in (
    well_formed, characters, channel_required, self_link, dates, guids, authors, media,
    content, titles, urls, items_once, order,
)}
