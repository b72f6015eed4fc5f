"""A doctor run, in order: robots.txt, the start pages and the article links they
hold, then N sampled articles.  The fetcher is passed in; the rest is pure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from scrapy.http import TextResponse

from crawler.normalize.dates import VN_TZ
from portalfeed.doctor.fetch import Fetched, Fetcher
from portalfeed.doctor.judge import StartPage, Verdict, judge
from portalfeed.doctor.links import Site, article_links, pager_links, pick_samples
from portalfeed.doctor.robots import Robots, read_robots
from portalfeed.doctor.sample import Sample, examine

MAX_START_PAGES = 12  # politeness: doctor looks at a sample, it does not crawl
MAX_SAMPLES = 20


@dataclass
class Report:
    site: Site
    user_agent: str
    robots: Robots
    start_pages: list[StartPage] = field(default_factory=list)
    links_found: int = 0
    robots_skipped: int = 0  # sampled links robots.txt forbids
    samples: list[Sample] = field(default_factory=list)
    requests: int = 0
    verdict: Verdict = field(default_factory=lambda: Verdict("fail"))


def run_doctor(site: Site, fetcher: Fetcher, samples: int, url: str | None = None,
               now: Callable[[], datetime] = lambda: datetime.now(VN_TZ)) -> Report:
    """Check a portal (its start pages), or one URL of it: an article or a listing."""
    report = Report(site, fetcher.user_agent, read_robots(fetcher.get(site.robots_url)))
    one_article = bool(url) and site.profile.is_article_url(url or "")
    if one_article:
        picks = [site.public_of(url)]
    else:
        starts = [site.fetch_of(url)] if url else site.start_urls()[:MAX_START_PAGES]
        per_page = [_start_page(report, fetcher, u) for u in starts]
        report.links_found = len({link for links in per_page for link in links})
        picks = pick_samples(per_page, min(samples, MAX_SAMPLES), keep=_allowed(report))
    report.samples = [_sample(report, fetcher, u, now) for u in picks]
    report.requests = fetcher.count
    report.verdict = judge(report.start_pages, report.samples, need_links=not one_article)
    return report


def _start_page(report: Report, fetcher: Fetcher, url: str) -> list[str]:
    if not report.robots.allows(url, report.user_agent):
        report.start_pages.append(StartPage(url, None, 0, 0.0, "robots_forbidden"))
        return []
    fetched = _stay_on_site(fetcher.get(url), report.site)
    response = fetched.as_response() if fetched.ok else None
    if response is not None and not isinstance(response, TextResponse):
        fetched = Fetched(fetched.url, fetched.final_url, fetched.status, error="not_html")
        response = None
    links = article_links(response, report.site) if response is not None else []
    pager = pager_links(response, report.site) if response is not None else 0
    report.start_pages.append(StartPage(url, fetched.status, len(fetched.body),
                                        fetched.seconds, fetched.problem, len(links), pager))
    return links


def _allowed(report: Report) -> Callable[[str], bool]:
    def keep(public: str) -> bool:
        allowed = report.robots.allows(report.site.fetch_of(public), report.user_agent)
        report.robots_skipped += not allowed
        return allowed
    return keep


def _sample(report: Report, fetcher: Fetcher, public: str,
            now: Callable[[], datetime]) -> Sample:
    fetch_url = report.site.fetch_of(public)
    if not report.robots.allows(fetch_url, report.user_agent):
        fetched = Fetched(fetch_url, error="robots_forbidden")
    else:
        fetched = _stay_on_site(fetcher.get(fetch_url), report.site)
    return examine(fetched, report.site, now())


def _stay_on_site(fetched: Fetched, site: Site) -> Fetched:
    """A redirect off the portal is an error, as in the crawl (`offsite_redirect`)."""
    if fetched.final_url and not site.allows(fetched.final_url):
        return Fetched(fetched.url, fetched.final_url, fetched.status, error="offsite_redirect")
    return fetched
