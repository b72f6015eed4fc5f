"""A plain-text article (the seed's layout) -> RawArticle.

Layout: the title on the first line, then blocks separated by blank lines
(lead, paragraphs, caption lines, the byline last).  Nothing marks which block
is which: the normaliser decides, exactly as it does for HTML blocks.
"""

from __future__ import annotations

import re

from crawler.errors import Rejected
from crawler.model import Block, RawArticle

BLANK_LINES = re.compile(r"\n[ \t\xa0]*\n")


def extract_text(text: str, url: str | None = None, portal: str | None = None) -> RawArticle:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    chunks = [" ".join(c.split()) for c in BLANK_LINES.split(text)]
    chunks = [c for c in chunks if c]
    if not chunks:
        raise Rejected("empty_page", "the text file is empty")
    if len(chunks) < 2:
        raise Rejected("empty_body", "the text has a title line but no body")
    return RawArticle(
        url=url,
        title=chunks[0],
        blocks=[Block("text", c) for c in chunks[1:]],
        portal=portal,
        extractor="profile" if portal else "generic",
        layout="text",
    )
