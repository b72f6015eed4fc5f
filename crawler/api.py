"""`extract_page`: one page (HTML or the seed's plain-text layout) -> Article.

The edge where the clock is read and profiles are loaded; everything below it is
pure.  The spider, `portalfeed extract` and the tests all come through here.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from crawler.errors import Rejected
from crawler.extract.page import decode_html, extract_html
from crawler.extract.scrambled import reject_scrambled
from crawler.extract.text import extract_text
from crawler.model import Article
from crawler.normalize.article import normalize
from crawler.normalize.dates import VN_TZ
from crawler.profiles import BUILTIN_DIR, Profile, get_profile

MARKUP_RE = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype|html|head|body|meta|div|article|p)\b",
                       re.IGNORECASE | re.DOTALL)
BINARY_RE = re.compile(rb"[\x00-\x08\x0e-\x1a]")
# Portal article pages weigh 50 KB - 1 MB; anything far beyond is not an article
# (a file dump, a runaway page) and would only cost memory and parse time.
MAX_PAGE_BYTES = 5_000_000


def extract_page(
    data: bytes | str,
    url: str | None = None,
    portal: str | Profile | None = None,
    *,
    content_type: str | None = None,
    now: datetime | None = None,
    profiles_dir: Path = BUILTIN_DIR,
) -> Article:
    """The Article of one page; raises Rejected (with a reason) when there is none."""
    profile = get_profile(portal, profiles_dir) if isinstance(portal, str) else portal
    raw_bytes = data.encode("utf-8", "replace") if isinstance(data, str) else data
    if len(raw_bytes) > MAX_PAGE_BYTES:
        raise Rejected("too_large", f"{len(raw_bytes)} bytes, more than {MAX_PAGE_BYTES}")
    if not raw_bytes.strip():
        raise Rejected("empty_page", "the page is empty")
    if _is_html(raw_bytes, content_type):
        text = data if isinstance(data, str) else decode_html(data, content_type)
        raw = extract_html(text, url or "", profile)
        raw.url = url
    else:
        if BINARY_RE.search(raw_bytes[:4096]):
            raise Rejected("not_html", "binary content is neither HTML nor text")
        text = data if isinstance(data, str) else raw_bytes.decode("utf-8", "replace")
        raw = extract_text(text, url, profile.name if profile else None)
    now = now or datetime.now(VN_TZ)
    article = normalize(raw, now=now, topic_map=profile.topics if profile else None)
    # Bodies a page decodes by script in the browser are gibberish here: never publish them.
    reject_scrambled(article.body + article.captions, raw.language)
    return article


def _is_html(data: bytes, content_type: str | None) -> bool:
    if content_type:
        kind = content_type.split(";")[0].strip().lower()
        if kind in ("text/html", "application/xhtml+xml"):
            return True
        if kind != "text/plain":
            raise Rejected("not_html", f"content type {kind!r} is not a web page")
    return bool(MARKUP_RE.match(data.lstrip(b"\xef\xbb\xbf")[:2048]))
