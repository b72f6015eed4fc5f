"""JSON Feed 1.1 rules (https://www.jsonfeed.org/version/1.1/)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from .common import Rule, characters, duplicates, non_increasing, well_formed
from .doc import Doc
from .html import html_problems
from .values import RFC3339_VN, char_problem, rfc3339_problem, url_problem

VERSION = "https://jsonfeed.org/version/1.1"
FEED_KEYS = {"version", "title", "home_page_url", "feed_url", "description", "user_comment",
             "next_url", "icon", "favicon", "authors", "language", "expired", "hubs", "items"}
ITEM_KEYS = {"id", "url", "external_url", "title", "content_html", "content_text", "summary",
             "image", "banner_image", "date_published", "date_modified", "authors", "tags",
             "language", "attachments"}
URL_KEYS = ("home_page_url", "feed_url", "next_url", "icon", "favicon", "url", "external_url",
            "image", "banner_image", "avatar")


def parsed_json(rule: Rule) -> Rule:
    def wrapper(doc: Doc) -> list[str]:
        return rule(doc) if isinstance(doc.root, dict) else ["cannot check: not a JSON object"]
    wrapper.__name__ = rule.__name__
    return wrapper


@parsed_json
def top_level(doc: Doc) -> list[str]:
    feed = doc.root
    problems = [f"unknown key {k!r}" for k in sorted(set(feed) - FEED_KEYS) if k[:1] != "_"]
    if feed.get("version") != VERSION:
        problems.append(f"version {feed.get('version')!r}")
    if feed.get("feed_url") != doc.self_url:
        problems.append(f"feed_url {feed.get('feed_url')!r} != {doc.self_url!r}")
    if not isinstance(feed.get("title"), str) or not feed["title"].strip():
        problems.append("no title")
    if feed.get("language") != "vi":
        problems.append(f"language {feed.get('language')!r}")
    if not isinstance(feed.get("items"), list):
        return [*problems, "items is not an array"]
    return problems + _authors_problems(feed.get("authors"), "feed")


@parsed_json
def items(doc: Doc) -> list[str]:
    entries = doc.root.get("items") or []
    ids = [e.get("id") for e in entries if isinstance(e, dict)]
    problems = [f"duplicate item id {i!r}" for i in duplicates(map(str, ids))]
    for i, entry in enumerate(entries):
        problems += [f"item {i}: {p}" for p in _item_problems(entry, doc.now)]
    return problems


def _item_problems(entry: Any, now: datetime) -> list[str]:
    if not isinstance(entry, dict):
        return ["not an object"]
    problems = [f"unknown key {k!r}" for k in sorted(set(entry) - ITEM_KEYS) if k[:1] != "_"]
    if not isinstance(entry.get("id"), str) or not entry["id"]:
        problems.append("id is not a non-empty string")
    if not isinstance(entry.get("content_html"), str) or not entry["content_html"].strip():
        problems.append("no content_html")
    else:
        problems += [f"content_html: {p}" for p in html_problems(entry["content_html"])]
    for key in ("title", "summary"):
        if key in entry and not isinstance(entry[key], str):
            problems.append(f"{key} is not a string")
    problems += [p for p in (rfc3339_problem(entry.get(k), now)
                             for k in ("date_published", "date_modified")) if p]
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        problems.append(f"tags {tags!r} are not non-empty strings")
    return problems + _authors_problems(entry.get("authors", []), "item")


def _authors_problems(authors: Any, where: str) -> list[str]:
    if not isinstance(authors, list) or not all(
            isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"].strip()
            for a in authors):
        return [f"{where} authors {authors!r} are not objects with a name"]
    return []


def _walk(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v, key)
    else:
        yield key, value


@parsed_json
def values(doc: Doc) -> list[str]:
    """No nulls; absolute URLs; no forbidden characters in any string."""
    problems = []
    for key, value in _walk(doc.root):
        if value is None:
            problems.append(f"{key} is null (leave optional keys out)")
        elif key in URL_KEYS:
            problems += [p for p in (url_problem(value),) if p]
        elif isinstance(value, str):
            problems += [f"{key}: {p}" for p in (char_problem(value),) if p]
    return problems


@parsed_json
def order(doc: Doc) -> list[str]:
    stamps = [e.get("date_published") for e in doc.root.get("items") or []
              if isinstance(e, dict)]
    return non_increasing([datetime.fromisoformat(s) for s in stamps
                           if isinstance(s, str) and RFC3339_VN.fullmatch(s)], "item")


JSON_RULES: dict[str, Rule] = {rule.__name__: rule for rule in (
    well_formed, characters, top_level, items, values, order,
)}
