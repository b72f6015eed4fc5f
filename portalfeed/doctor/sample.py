"""One sample article: fetched bytes in, what the crawl would store and how, out.

The Article comes from `crawler.api.extract_page`, called as the spider calls it
(same text, canonical URL, content type); the RawArticle behind it (with its
`sources`) from `crawler.extract.page.extract_html`, the function extract_page
runs.  Pure: the page and `now` are given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from scrapy.http import TextResponse

from crawler.api import extract_page
from crawler.errors import Rejected
from crawler.extract.page import extract_html, parse_html
from crawler.model import Article, RawArticle
from crawler.normalize.dates import VN_TZ
from crawler.spiders import checks
from crawler.urls import absolute
from portalfeed.doctor.fetch import Fetched
from portalfeed.doctor.links import Site
from portalfeed.doctor.probe import (
    FieldCheck,
    choose_layout,
    field_checks,
    layouts_of,
    missed_layout_checks,
)

# The header clock of a portal prints the time of the request: a "published" date
# this close to now is that clock, not the article's date.
CLOCK_WINDOW = timedelta(minutes=15)
EARLIEST = datetime(1995, 1, 1, tzinfo=VN_TZ)  # before any Vietnamese government portal
SHORT_BODY_CHARS = 200


@dataclass(frozen=True)
class Problem:
    severity: str  # "error": the profile produces a wrong value; "warning": worth a look
    field: str
    message: str

    def to_dict(self) -> dict:
        return {"severity": self.severity, "field": self.field, "message": self.message}


@dataclass
class Sample:
    url: str  # the portal's public URL
    fetched: Fetched
    layout: str | None = None
    extractor: str | None = None
    checks: list[FieldCheck] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rejected: str | None = None  # why no article came out: a rejection or a fetch error
    inferred: bool = False  # the extractor gave no `sources`: doctor inferred them

    @property
    def extracted(self) -> bool:
        return self.rejected is None

    def check(self, name: str) -> FieldCheck | None:
        return next((c for c in self.checks if c.field == name), None)


def examine(fetched: Fetched, site: Site, now: datetime) -> Sample:
    """Everything doctor says about one sampled article page."""
    sample = Sample(site.public_of(fetched.url), fetched)
    if fetched.problem:
        return _refused(sample, fetched.problem, "the page could not be fetched")
    response = fetched.as_response()
    problem = checks.body_problem(fetched.body, fetched.content_type, "article")
    if problem or not isinstance(response, TextResponse):
        return _refused(sample, problem or "not_html", "the response is not a web page")
    if checks.looks_truncated(fetched.body):
        return _refused(sample, "truncated_html", "the page stops before </html>")
    text = checks.utf8_instead(fetched.body, response.encoding) or response.text
    sample.url = _public_url(response, site)
    try:
        article = extract_page(text, sample.url, site.profile,
                               content_type=fetched.content_type, now=now)
        raw = extract_html(text, sample.url, site.profile)
    except Rejected as exc:
        return _refused(sample, exc.reason, exc.detail or "rejected by the extractor")
    _describe(sample, text, raw, article, site)
    sample.problems += article_problems(article, sample.checks, now)
    return sample


def _refused(sample: Sample, reason: str, detail: str) -> Sample:
    sample.rejected = reason
    sample.problems.append(Problem("warning", "page", f"no article: {reason} ({detail})"))
    return sample


def _public_url(response: TextResponse, site: Site) -> str:
    """The page's rel=canonical when it stays on the portal (as the spider does)."""
    declared = absolute(response.url, response.css("link[rel=canonical]::attr(href)").get())
    return site.public_of(declared if declared and site.allows(declared) else response.url)


def _describe(sample: Sample, text: str, raw: RawArticle, article: Article, site: Site) -> None:
    root = parse_html(text)
    layouts = layouts_of(site.profile)
    layout = choose_layout(root, layouts)
    sample.layout = layout[0] if layout else None
    sample.extractor = article.extractor
    sample.inferred = not getattr(raw, "sources", None)
    if layout is None and layouts:
        sample.checks = missed_layout_checks(layouts[0][1])
        sample.problems.append(Problem("warning", "article", "no layout's article selector "
                                       f"matches (first: `{layouts[0][1].article}`)"))
    else:
        sample.checks = field_checks(root, layout, raw, article)
    sample.values = article_values(article)


def article_values(article: Article) -> dict[str, Any]:
    body_chars = sum(len(p) for p in article.body)
    return {"title": article.title, "published": _iso(article.published),
            "published_precision": article.published_precision, "author": article.author,
            "lead": article.lead, "category": article.category,
            "body_paragraphs": len(article.body), "body_chars": body_chars,
            "captions": len(article.captions), "images": len(article.images)}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def article_problems(article: Article, checks: list[FieldCheck],
                     now: datetime) -> list[Problem]:
    found = date_problems(article, now)
    selects = {c.field for c in checks if c.css}
    if "author" in selects and not article.author:
        found.append(Problem("warning", "author", "no byline, though the profile selects one"))
    chars = sum(len(p) for p in article.body)
    if chars < SHORT_BODY_CHARS:
        found.append(Problem("warning", "body", f"short body: {chars} characters"))
    return found


def date_problems(article: Article, now: datetime) -> list[Problem]:
    """Dates no article has: the header clock, the future, before the portals existed."""
    value = article.published
    if value is None:
        return [Problem("warning", "published", "no publication date")]
    if article.published_precision == "datetime" and abs(value - now) <= CLOCK_WINDOW:
        return [Problem("error", "published", f"{value.isoformat()} is the time of the "
                        "request: the header clock, not the article's date")]
    if value > now + CLOCK_WINDOW:
        return [Problem("error", "published", f"{value.isoformat()} is in the future")]
    if value < EARLIEST:
        return [Problem("error", "published", f"{value.isoformat()} is before 1995")]
    return []
