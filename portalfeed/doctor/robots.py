"""robots.txt as the crawl reads it: Scrapy's default parser (Protego), the crawl's
User-Agent.  A missing or failing robots.txt allows everything, as in Scrapy."""

from __future__ import annotations

from dataclasses import dataclass, field

from protego import Protego

from portalfeed.doctor.fetch import Fetched


@dataclass
class Robots:
    url: str
    status: int | None
    error: str | None
    rules: bool  # a robots.txt with content was fetched and parsed
    parser: Protego | None = field(default=None, repr=False)
    checked: dict[str, bool] = field(default_factory=dict)  # url -> allowed

    def allows(self, url: str, user_agent: str) -> bool:
        allowed = self.parser is None or self.parser.can_fetch(url, user_agent)
        self.checked[url] = allowed
        return allowed

    def summary(self) -> str:
        if self.error:
            return f"not fetched ({self.error}): everything allowed, as the crawl does"
        if not self.rules:
            return f"{self.status}, no rules: everything allowed"
        denied = sum(1 for ok in self.checked.values() if not ok)
        return f"{self.status}, parsed; {len(self.checked)} URLs checked, {denied} disallowed"

    def to_dict(self) -> dict:
        return {"url": self.url, "status": self.status, "error": self.error,
                "rules": self.rules, "checked": dict(self.checked)}


def read_robots(fetched: Fetched) -> Robots:
    if not fetched.ok or not fetched.body.strip():
        return Robots(fetched.url, fetched.status, fetched.error, False)
    text = fetched.body.decode("utf-8", "replace")
    return Robots(fetched.url, fetched.status, None, True, Protego.parse(text))
