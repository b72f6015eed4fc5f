"""Rules every XML feed shares, and the helpers the RSS and Atom rules use."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from .doc import Doc
from .values import char_problem, nfc_problem

Rule = Callable[[Doc], list[str]]
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "media": "http://search.yahoo.com/mrss/",
}
MIME_RE = re.compile(r"[^\s()<>,;:\\\"/\[\]?=]+/[^\s()<>,;:\\\"/\[\]?=]+")
HTML_END_TAG = re.compile(r"</\w+>")


def parsed(rule: Callable[[Doc], list[str]]) -> Rule:
    """Rules other than well_formed report an unparseable file instead of passing it."""
    def wrapper(doc: Doc) -> list[str]:
        return rule(doc) if doc.root is not None else ["cannot check: file did not parse"]
    wrapper.__name__ = rule.__name__
    return wrapper


def well_formed(doc: Doc) -> list[str]:
    return list(doc.errors)


def characters(doc: Doc) -> list[str]:
    """No character XML 1.0 forbids or the validator flags; all text NFC."""
    return [p for p in (char_problem(doc.text), nfc_problem(doc.text)) if p]


def xpath(node: object, path: str) -> list:
    return node.xpath(path, namespaces=NS)  # type: ignore[attr-defined]


def texts(node: object, path: str) -> list[str]:
    return [(e.text or "") for e in xpath(node, path)]


def duplicates(values: Iterable[str]) -> list[str]:
    return sorted(v for v, n in Counter(values).items() if n > 1)


def repeated_children(node: object, names: Iterable[str], where: str) -> list[str]:
    problems = []
    for name in names:
        count = len(xpath(node, name))
        if count > 1:
            problems.append(f"{where}: {count} <{name}> elements")
    return problems


def non_increasing(stamps: list[datetime], what: str) -> list[str]:
    return [f"{what} {i} is newer than the one before it"
            for i in range(1, len(stamps)) if stamps[i] > stamps[i - 1]]


def rfc822_instant(value: str) -> datetime:
    return parsedate_to_datetime(value)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(fragment: str) -> str:
    """What a person reads of an HTML fragment, whitespace collapsed."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split())
