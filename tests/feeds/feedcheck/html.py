"""Escaped HTML in feeds: what html5lib's strict parser (the validator's) would accept.

Every element closed and properly nested, no stray `<` or ambiguous `&` in text,
entity and character references that resolve, nothing scriptable, and every
`href`/`src` absolute.
"""

from __future__ import annotations

import re
from html.entities import html5
from html.parser import HTMLParser

from .values import char_problem, url_problem

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})
# The validator's SecurityRisk elements, and those no reader should ever get from us.
UNSAFE = frozenset({"script", "style", "iframe", "object", "embed", "applet", "meta", "link",
                    "base", "form", "frame", "frameset", "noframes", "template", "svg", "math"})
URL_ATTRS = frozenset({"href", "src", "cite", "poster", "longdesc"})
AMBIGUOUS_AMP = re.compile(r"&(?=[A-Za-z0-9#])")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_element(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_element(tag, attrs)
        if tag not in VOID:
            self.problems.append(f"self-closing non-void element <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"end tag </{tag}> does not close {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data:
            self.problems.append(f"unescaped '<' in text {data[:40]!r}")
        if AMBIGUOUS_AMP.search(data):
            self.problems.append(f"unescaped '&' in text {data[:40]!r}")

    def handle_entityref(self, name: str) -> None:
        if f"{name};" not in html5:
            self.problems.append(f"unknown entity &{name};")

    def handle_charref(self, name: str) -> None:
        problem = char_problem(f"&#{name};")
        if problem:
            self.problems.append(problem)

    def _check_element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNSAFE:
            self.problems.append(f"unsafe element <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"unsafe attribute {name} on <{tag}>")
            elif name in URL_ATTRS and not (value or "").startswith("mailto:"):
                problem = url_problem(value, iri=True)
                if problem:
                    self.problems.append(f"<{tag} {name}>: {problem}")


def html_problems(fragment: str) -> list[str]:
    """Problems of one HTML fragment (as a reader gets it after XML/JSON unescaping)."""
    checker = _Checker()
    checker.feed(fragment)
    checker.close()
    if checker.stack:
        checker.problems.append(f"unclosed elements {checker.stack}")
    problem = char_problem(fragment)
    return checker.problems + ([problem] if problem else [])
