"""Keyword feeds: operator-defined feeds of articles that mention words or phrases.

Matching is tone-insensitive and case-insensitive: an article matches a phrase
when `crawler.normalize.text.fold` of its title, lead or body contains the
folded phrase (so `chuyển đổi số`, `Chuyen doi so` and `CHUYỂN ĐỔI SỐ` are the
same phrase), on whole words only (`so` does not match inside `sonla`). Pure:
articles in, groups out; the caller decides how many of the newest articles to
look at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from crawler.model import Article, StoredArticle
from crawler.normalize.text import fold
from feeds.paths import FeedSpec, is_slug

KEYS = ("slug", "title", "words")


@dataclass(frozen=True)
class KeywordFeed:
    """One `[[keyword_feeds]]` table of the configuration."""

    slug: str  # the feed's file name: feeds/keyword/<slug>.{rss,atom,json}
    title: str
    words: tuple[str, ...]  # an article matches if any of these words or phrases occurs

    @property
    def spec(self) -> FeedSpec:
        return FeedSpec(keyword=self.slug, keyword_title=self.title)

    def pattern(self) -> re.Pattern[str]:
        """Any of the words or phrases, tone- and case-insensitively (see `occurs`)."""
        phrases = sorted({fold(word) for word in self.words}, key=len, reverse=True)
        return re.compile("|".join(phrase_pattern(p) for p in phrases))


def occurs(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` matches `text` as whole words.

    The boundaries are checked here rather than with lookarounds in the pattern:
    a pattern without them is searched about five times faster.
    """
    match = pattern.search(text)
    while match is not None:
        start, end = match.span()
        if not (_is_word(text, start - 1) or _is_word(text, end)):
            return True
        match = pattern.search(text, start + 1)
    return False


def _is_word(text: str, index: int) -> bool:
    if index < 0 or index >= len(text):
        return False
    return text[index].isalnum() or text[index] == "_"


def parse_keyword_feeds(raw: object) -> tuple[KeywordFeed, ...]:
    """Validate the configuration's list of tables; ValueError names the bad entry."""
    if not isinstance(raw, list):
        raise ValueError("keyword_feeds must be a list of tables ([[keyword_feeds]])")
    feeds = tuple(_parse_one(i, entry) for i, entry in enumerate(raw))
    slugs = [feed.slug for feed in feeds]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise ValueError(f"keyword_feeds: slug {duplicates[0]!r} is used twice")
    return feeds


def _parse_one(index: int, entry: object) -> KeywordFeed:
    where = f"keyword_feeds[{index}]"
    if not isinstance(entry, Mapping):
        raise ValueError(f"{where} must be a table with {', '.join(KEYS)}")
    unknown = sorted(set(entry) - set(KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
    slug, title, words = entry.get("slug"), entry.get("title"), entry.get("words")
    if not isinstance(slug, str) or not is_slug(slug):
        raise ValueError(f"{where}: slug must be lowercase ASCII [a-z0-9-], got {slug!r}")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"{where}: title must be a non-empty string, got {title!r}")
    if isinstance(words, str):
        words = [words]
    if (not isinstance(words, list) or not words
            or not all(isinstance(w, str) and fold(w).strip() for w in words)):
        raise ValueError(f"{where}: words must be a non-empty list of words or phrases")
    return KeywordFeed(slug, title.strip(), tuple(words))


def searchable_text(article: Article) -> str:
    """The text a keyword is looked for in: title, lead and body paragraphs, NFC."""
    text = " ".join([article.title, article.lead or "", *article.body])
    return unicodedata.normalize("NFC", text)  # stored text is NFC already: a quick check


def phrase_pattern(phrase: str) -> str:
    """A regular expression matching, in NFC text, whatever `fold`s to `fold(phrase)`.

    Each letter becomes the class of every character folding to it (`o` stands for
    `oòóỏõọôồốổỗộơờớởỡợ` and their capitals), so articles are searched as they are,
    without folding thousands of them on every publish.
    """
    words = fold(phrase).split()
    return r"\s+".join("".join(_letter(ch) for ch in word) for word in words)


def _letter(ch: str) -> str:
    variants = _variants().get(ch)
    return f"[{re.escape(variants)}]" if variants else re.escape(ch)


@cache
def _variants() -> dict[str, str]:
    # Latin, Latin-1 and Latin Extended Additional (Vietnamese) lie below U+3000.
    table: dict[str, str] = {}
    for code in range(0x3000):
        key = fold(chr(code))
        if len(key) == 1 and key.isascii() and key.isalnum():
            table[key] = table.get(key, "") + chr(code)
    return table


def match_keyword_feeds(
    newest_first: Iterable[StoredArticle], feeds: Iterable[KeywordFeed], limit: int
) -> dict[FeedSpec, list[StoredArticle]]:
    """Each keyword feed with its first `limit` matches among `newest_first`.

    Every article is folded once for all feeds; the walk stops as soon as every
    feed is full, so a store larger than the window costs nothing more.
    """
    patterns = [(feed.spec, feed.pattern()) for feed in feeds]
    groups: dict[FeedSpec, list[StoredArticle]] = {spec: [] for spec, _ in patterns}
    open_feeds = list(patterns)
    if not open_feeds:
        return groups
    for stored in newest_first:
        text = searchable_text(stored.article)
        for spec, pattern in open_feeds:
            if occurs(pattern, text):
                groups[spec].append(stored)
        open_feeds = [(s, p) for s, p in open_feeds if len(groups[s]) < limit]
        if not open_feeds:
            break
    return groups
