"""Offline stand-in for the W3C Feed Validation Service: its rules that apply to our output.

Every rule is a function from a `Doc` (one published feed file) to a list of
problems, so a test failure names the rule, the file and the offending value.
The rules follow the validator's own checks (RFC 2822 dates with a plausible
year and the right weekday, tag:/urn: syntax, ASCII-only URIs, HTML that
html5lib parses strictly, no script or event handlers, no relative references,
no C1 controls or U+FFFD) plus the issue's own (self link equals the public URL,
content:encoded in every item, +07:00 everywhere).

Loaded by path (tests run with --import-mode=importlib and cannot import a
sibling module); see `load_feedcheck` in the test modules.
"""

from .atom import ATOM_RULES
from .doc import Doc, load_doc
from .jsonfeed import JSON_RULES
from .readers import feedparser_reads
from .rss import RSS_RULES

RULES = {
    "rss": {**RSS_RULES, "feedparser_reads": feedparser_reads},
    "atom": {**ATOM_RULES, "feedparser_reads": feedparser_reads},
    "json": JSON_RULES,
}

__all__ = ["RULES", "Doc", "load_doc"]
