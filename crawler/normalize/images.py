"""Which images belong to the article: not icons, logos, spacers or tracking pixels.

Portals put share icons, `spacer.gif`, print buttons and counters inside the
body, and lazy-loading scripts leave a 1x1 placeholder in `src` with the real
address in `data-src` or `srcset`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_JUNK_NAME = re.compile(
    r"(?:^|[/_\-.])(?:icons?|logo|logos|spacer|blank|pixel|tracking|tracker|transparent|"
    r"loading|loader|lazy|placeholder|print|email|share|facebook|twitter|zalo|rss|"
    r"button|btn|arrow|bullet|counter|avatar|emoji|emoticons?|star|rating|1x1)"
    r"(?:$|[/_\-.\d])",
    re.IGNORECASE,
)
_TRACKING_HOSTS = ("google-analytics.", "doubleclick.", "facebook.com", "statcounter.",
                   "histats.", "scorecardresearch.")
_MIN_SIDE = 48  # pixels; below this an image is decoration


def is_junk_image(url: str, width: str | None = None, height: str | None = None) -> bool:
    """True for icons, logos, spacers, placeholders and tracking pixels."""
    parts = urlsplit(url)
    if parts.scheme == "data" or not parts.path or parts.path.endswith("/"):
        return True
    if any(h in (parts.hostname or "") for h in _TRACKING_HOSTS):
        return True
    if _JUNK_NAME.search(parts.path.rsplit("/", 2)[-1]) or _JUNK_NAME.search(parts.path):
        return True
    return any(_small(side) for side in (width, height))


def _small(value: str | None) -> bool:
    match = re.match(r"\s*(\d+)\s*(?:px)?\s*$", value or "")
    return bool(match) and int(match.group(1)) < _MIN_SIDE


def best_from_srcset(srcset: str) -> str | None:
    """The widest candidate of a `srcset` (`a.jpg 480w, b.jpg 1024w`), else the first."""
    best, best_width = None, -1.0
    for candidate in srcset.split(","):
        pieces = candidate.split()
        if not pieces:
            continue
        width = _descriptor(pieces[1] if len(pieces) > 1 else "")
        if width > best_width:
            best, best_width = pieces[0], width
    return best


def _descriptor(text: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([wx])", text.strip())
    if not match:
        return 0.0
    return float(match.group(1)) * (1 if match.group(2) == "w" else 1000)
