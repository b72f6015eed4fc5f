"""What a real reader (feedparser) makes of an RSS or Atom file."""

from __future__ import annotations

import calendar
from datetime import datetime
from email.utils import parsedate_to_datetime

import feedparser

from .common import html_text, parsed, texts, xpath
from .doc import Doc

VN_SUFFIXES = ("+0700", "+07:00")


@parsed
def feedparser_reads(doc: Doc) -> list[str]:
    """Not bozo; every item, its title and text intact; dates are +07:00 instants."""
    result = feedparser.parse(doc.data)
    if result.bozo:
        return [f"feedparser bozo: {result.get('bozo_exception')!r}"]
    nodes = xpath(doc.root, "//item | //atom:entry")
    if len(result.entries) != len(nodes):
        return [f"feedparser sees {len(result.entries)} entries, the file has {len(nodes)}"]
    problems = []
    for i, (entry, node) in enumerate(zip(result.entries, nodes, strict=True)):
        problems += [f"entry {i}: {p}" for p in _entry_problems(entry, node)]
    return problems


def _entry_problems(entry: feedparser.FeedParserDict, node: object) -> list[str]:
    problems = []
    title = "".join(texts(node, "title | atom:title"))
    if entry.get("title") != title:
        problems.append(f"title {entry.get('title')!r} != {title!r}")
    raw = "".join(texts(node, "description | content:encoded | atom:content"))
    shown = " ".join(c.value for c in entry.get("content", [])) or entry.get("summary", "")
    if not shown or html_text(shown) not in html_text(raw):
        problems.append(f"text lost: {html_text(shown)[:60]!r} vs {html_text(raw)[:60]!r}")
    for key in ("published", "updated"):
        problems += _date_problems(entry, key)
    return problems


def _date_problems(entry: feedparser.FeedParserDict, key: str) -> list[str]:
    # dict.get: feedparser's own get() maps a missing `updated` to `published`, with a
    # DeprecationWarning.
    raw, parsed_time = dict.get(entry, key), dict.get(entry, f"{key}_parsed")
    if raw is None:
        return []
    if not raw.endswith(VN_SUFFIXES) or parsed_time is None:
        return [f"{key} {raw!r} is not a +07:00 instant feedparser understands"]
    ours = _instant(raw)
    theirs = calendar.timegm(parsed_time)
    if ours is None or int(ours.timestamp()) != theirs:
        return [f"{key} {raw!r} read as {parsed_time}"]
    return []


def _instant(raw: str) -> datetime | None:
    try:  # RSS dates open with a weekday name, Atom dates with the year
        return parsedate_to_datetime(raw) if raw[:1].isalpha() else datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        return None
