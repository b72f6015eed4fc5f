"""The verdict of a doctor run, from what was fetched and extracted.  Pure.

- `fail` (exit 1): a start page could not be fetched, the start pages link no
  article, or no sampled page gave an article.
- `drift` (exit 2): articles came out, but the profile's selectors no longer
  produce some fields (or produce impossible dates): the profile needs work.
- `ok` (exit 0): warnings, if any, are worth a look but do not block.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from portalfeed.doctor.probe import CORE, FIELDS
from portalfeed.doctor.sample import Sample

EXIT_CODES = {"ok": 0, "fail": 1, "drift": 2}
# One article without a byline proves nothing; the same miss on every one of several does.
MIN_SAMPLES_OPTIONAL = 2


@dataclass(frozen=True)
class StartPage:
    url: str
    status: int | None
    size: int
    seconds: float
    error: str | None  # http_<status>, a fetch error or robots_forbidden; None when fine
    links: int = 0  # article links found with the profile's discovery rules
    pager: int = 0  # pager links

    def to_dict(self) -> dict:
        return {"url": self.url, "status": self.status, "bytes": self.size,
                "seconds": self.seconds, "error": self.error, "article_links": self.links,
                "pager_links": self.pager}


@dataclass
class Verdict:
    verdict: str
    reasons: list[str] = field(default_factory=list)
    drift: dict[str, str] = field(default_factory=dict)  # field -> what went wrong

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]


def judge(start_pages: list[StartPage], samples: list[Sample], need_links: bool) -> Verdict:
    failed = fail_reasons(start_pages, samples, need_links)
    drift = field_drift(samples)  # reported with a failure too: it may explain it
    if failed:
        return Verdict("fail", failed, drift)
    if drift:
        return Verdict("drift", [f"the profile's selectors fail on: {', '.join(drift)}"], drift)
    done = sum(1 for s in samples if s.extracted)
    return Verdict("ok", [f"{done} of {len(samples)} sample articles extracted"])


def fail_reasons(start_pages: list[StartPage], samples: list[Sample],
                 need_links: bool) -> list[str]:
    reasons = [f"start page unreachable: {p.url} ({p.error})" for p in start_pages if p.error]
    if need_links and not reasons and not any(p.links for p in start_pages):
        reasons.append("no article links found on the start pages")
    if not reasons and not any(s.extracted for s in samples):
        why = Counter(s.rejected for s in samples)
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(why.items())) or "nothing sampled"
        reasons.append(f"no article could be extracted ({detail})")
    return reasons


def field_drift(samples: list[Sample]) -> dict[str, str]:
    """Fields the profile selects but did not produce: title and body on any sample,
    the others on every sample, of two or more (a page may lack a byline);
    impossible dates too."""
    extracted = [s for s in samples if s.extracted]
    drift: dict[str, str] = {}
    for name in FIELDS:
        checks = [c for s in extracted if (c := s.check(name)) and c.css]
        missed = [c for c in checks if c.missed]
        every = len(missed) == len(checks) >= MIN_SAMPLES_OPTIONAL
        if missed and (name in CORE or every):
            came = Counter(c.source for c in missed)
            drift[name] = (f"selector `{missed[0].css}` produced it on "
                           f"{len(checks) - len(missed)} of {len(checks)} sample articles; "
                           "it came from " + ", ".join(f"{k} ({v})" for k, v in came.items()))
    for sample in extracted:
        for problem in sample.problems:
            if problem.severity == "error":
                drift.setdefault(problem.field, problem.message)
    return drift
