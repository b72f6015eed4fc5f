"""Which URLs doctor fetches: the portal's public URLs mapped onto the fetch base, and
the article links of a listing page found exactly as the spider finds them
(`crawler.spiders.portal.PortalSpider._article_links`: the profile's
`listing_links` CSS, its own hosts, `is_article_url`, canonical URLs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from scrapy.http import TextResponse

from crawler.extract.attachments import document_type
from crawler.profiles import Profile
from crawler.urls import absolute, canonical_url, rebase


@dataclass(frozen=True)
class Site:
    """A profile and where it is fetched from (its home, or a mirror: `--fetch-base`)."""

    profile: Profile
    fetch_base: str

    @classmethod
    def of(cls, profile: Profile, fetch_base: str = "") -> Site:
        base = fetch_base.rstrip("/") + "/" if fetch_base else profile.base_url
        return cls(profile, base)

    def public_of(self, url: str) -> str:
        public = rebase(url, self.fetch_base, self.profile.base_url)
        return canonical_url(public, home=self.profile.base_url)

    def fetch_of(self, url: str) -> str:
        return rebase(url, self.profile.base_url, self.fetch_base)

    def allows(self, url: str) -> bool:
        return self.profile.owns(url) or url.startswith(self.fetch_base)

    def start_urls(self) -> list[str]:
        return [absolute(self.fetch_base, p) or self.fetch_base
                for p in self.profile.discovery.start_paths]

    @property
    def robots_url(self) -> str:
        return urljoin(self.fetch_base, "/robots.txt")


def article_links(response: TextResponse, site: Site) -> list[str]:
    """Public URLs of the article links on a listing page, in page order, once each."""
    found: list[str] = []
    css = site.profile.discovery.listing_links
    for href in response.css(css).xpath("@href").getall():
        url = absolute(response.url, href)
        if not url or not site.allows(url) or not site.profile.is_article_url(url):
            continue
        if document_type(url):  # attachments are never articles
            continue
        public = site.public_of(canonical_url(url))
        if public not in found:
            found.append(public)
    return found


def pager_links(response: TextResponse, site: Site) -> int:
    css = site.profile.discovery.pagination
    return len(response.css(css).xpath("@href").getall()) if css else 0


def pick_samples(per_page: list[list[str]], n: int,
                 keep: Callable[[str], bool] = lambda url: True) -> list[str]:
    """N links taken in turn from each start page, so every section is sampled;
    links `keep` refuses (robots.txt) are passed over."""
    picked: list[str] = []
    for depth in range(max((len(links) for links in per_page), default=0)):
        for links in per_page:
            url = links[depth] if depth < len(links) else None
            if url and url not in picked and keep(url):
                picked.append(url)
                if len(picked) == n:
                    return picked
    return picked
