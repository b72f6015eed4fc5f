"""The pure parts of doctor: implausible dates, which misses are drift, sampling."""

from __future__ import annotations

from datetime import datetime, timedelta

from crawler.model import Article
from crawler.normalize.dates import VN_TZ
from portalfeed.doctor.fetch import Fetched
from portalfeed.doctor.judge import StartPage, field_drift, judge
from portalfeed.doctor.links import pick_samples
from portalfeed.doctor.probe import FieldCheck, date_source
from portalfeed.doctor.sample import Sample, date_problems

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=VN_TZ)


def article(published: datetime | None, precision: str = "datetime") -> Article:
    return Article(title="T", published=published,
                   published_precision=precision if published else None)


def test_plausible_dates_pass() -> None:
    assert date_problems(article(datetime(2024, 5, 1, 8, 0, tzinfo=VN_TZ)), NOW) == []
    midnight_today = NOW.replace(hour=0, minute=0)
    assert date_problems(article(midnight_today, "date"), NOW) == []


def test_header_clock_future_and_ancient_dates_are_errors() -> None:
    for value, words in ((NOW - timedelta(minutes=3), "header clock"),
                         (NOW + timedelta(days=2), "future"),
                         (datetime(1990, 1, 1, tzinfo=VN_TZ), "before 1995")):
        (problem,) = date_problems(article(value), NOW)
        assert (problem.severity, problem.field) == ("error", "published")
        assert words in problem.message


def test_no_date_is_a_warning() -> None:
    (problem,) = date_problems(article(None), NOW)
    assert problem.severity == "warning"


def sample(**sources: str) -> Sample:
    checks = [FieldCheck(name, f"css-{name}", src.startswith("layout:"), src)
              for name, src in sources.items()]
    return Sample("https://x.test/a", Fetched("https://x.test/a", status=200), "default",
                  "profile", checks)


def test_an_optional_field_drifts_only_when_every_sample_misses_it() -> None:
    some = [sample(author="layout:default:css-author"), sample(author="absent")]
    assert field_drift(some) == {}
    every = [sample(author="absent"), sample(author="generic")]
    assert "css-author" in field_drift(every)["author"]


def test_title_drifts_when_any_sample_misses_it() -> None:
    drift = field_drift([sample(title="layout:default:css-title"), sample(title="generic")])
    assert "on 1 of 2 sample articles" in drift["title"]


def test_verdicts() -> None:
    page = StartPage("https://x.test/", 200, 100, 0.1, None, links=3)
    assert judge([page], [sample(title="layout:default:t")], True).verdict == "ok"
    assert judge([page], [sample(title="generic")], True).exit_code == 2
    down = StartPage("https://x.test/", 503, 0, 0.1, "http_503")
    assert judge([down], [], True).exit_code == 1
    rejected = sample(title="generic")
    rejected.rejected = "not_article"
    verdict = judge([page], [rejected], True)
    assert verdict.verdict == "fail" and "not_article: 1" in verdict.reasons[0]


def test_samples_are_taken_in_turn_from_each_start_page() -> None:
    pages = [["a1", "a2", "a3"], ["b1"], ["a1", "c2"]]
    assert pick_samples(pages, 4) == ["a1", "b1", "a2", "c2"]
    assert pick_samples(pages, 3, keep=lambda url: url != "b1") == ["a1", "a2", "c2"]


def test_date_sources_in_the_provenance_vocabulary() -> None:
    assert date_source("json-ld:datePublished") == "metadata:json-ld"
    assert date_source("meta:article:published_time") == "metadata:og"
    assert date_source("generic:div") == "pagedate"


def test_one_sample_without_a_byline_is_no_drift() -> None:
    assert field_drift([sample(author="absent")]) == {}
