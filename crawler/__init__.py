"""portalfeed crawler: profiles, spider, extraction, normalisation, pipelines, store."""

from __future__ import annotations

from typing import Any

__all__ = ["extract_page"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `scrapy` loading crawler.settings does not import the extractors.
    if name == "extract_page":
        from crawler.api import extract_page

        return extract_page
    raise AttributeError(name)
