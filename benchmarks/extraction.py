"""Extraction accuracy and speed on the fixture pages (tests/fixtures/pages).

Per-field accuracy (title, published, author, source_label, captions, topics) and
body token precision / recall / F1, separately for the profile path (pages with
a profile) and the generic path (pages no profile knows); then speed: pages per
second of `extract_page` beside a bare `lxml.html` parse of the same bytes, on
the pages as they are and padded with page chrome to a portal-sized ~120 KB
(menus, scripts, footers: what real portal pages mostly consist of).  The
generic path is also timed against trafilatura's own `extract` on the same page.

    python benchmarks/extraction.py [--repeat 20]

The last line is `RESULT key=value ...`; its `speed_ratio_vs_lxml` is the
portal-sized figure (on the bare ~3 KB fixture pages a fixed ~1.5 ms of
normalisation dominates and the ratio says little).  Two more groups check the
generic path on pages it was not tuned on: the fixture portal's articles
(seeds/fixture_portal) and the profiled fixture pages, both read without a profile.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import trafilatura
from lxml import html

from crawler import extract_page
from crawler.errors import Rejected
from crawler.model import Article
from crawler.normalize.dates import VN_TZ
from crawler.profiles import Profile, load_profiles

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VN_TZ)
FIELDS = ("title", "published", "author", "source_label", "captions", "topics")
PORTAL_SIZE = 120_000


def load() -> list[tuple[Path, bytes, dict[str, Any]]]:
    pages = sorted((FIXTURES / "pages").glob("*/*.html"))
    return [(p, p.read_bytes(), json.loads(p.with_suffix(".json").read_text("utf-8")))
            for p in pages]


def load_fixture_portal() -> list[tuple[Path, bytes, dict[str, Any]]]:
    """The fixture portal's articles (seeds/fixture_portal), to be read WITHOUT a profile:
    pages written for the crawl tests, not for this benchmark."""
    portal = FIXTURES.parents[1] / "seeds" / "fixture_portal"
    pages = []
    for path in sorted((portal / "expected").glob("*.json")):
        want = json.loads(path.read_text("utf-8"))
        page = portal / "site" / (want["url"].lstrip("/") + ".html")
        want.update(url="https://phutho.gov.vn" + want["url"], profile=None)
        pages.append((page, page.read_bytes(), want))
    return pages


def without_profiles(pages: list[tuple[Path, bytes, dict[str, Any]]]
                     ) -> list[tuple[Path, bytes, dict[str, Any]]]:
    """The profiled pages read as if no profile knew them (topics then come from the
    keyword classifier, not the section map, so they are not scored)."""
    stripped = []
    for path, data, want in pages:
        if want["profile"]:
            copy = {k: v for k, v in want.items() if k != "topics"}
            stripped.append((path, data, {**copy, "profile": None}))
    return stripped


def extract(data: bytes, want: dict[str, Any], profiles: dict[str, Profile]) -> Article | None:
    profile = profiles[want["profile"]] if want["profile"] else None
    try:
        return extract_page(data, want["url"], profile, now=NOW)
    except Rejected:
        return None


def tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def body_scores(got: list[str], want: list[str]) -> tuple[float, float, float]:
    found, truth = tokens(" ".join(got)), tokens(" ".join(want))
    common = sum((found & truth).values())
    precision = common / max(sum(found.values()), 1)
    recall = common / max(sum(truth.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def accuracy(pages: list[tuple[Path, bytes, dict[str, Any]]],
             profiles: dict[str, Profile]) -> dict[str, float]:
    hits: Counter[str] = Counter()
    scores = []
    for _path, data, want in pages:
        article = extract(data, want, profiles)
        got = article.to_dict() if article else {}
        for name in FIELDS:
            hits[name] += got.get(name) == want.get(name)
        scores.append(body_scores(got.get("body", []), want["body"]))
    fields = [name for name in FIELDS if name in pages[0][2]]
    result = {f"{name}_acc": hits[name] / len(pages) for name in fields}
    for i, name in enumerate(("body_precision", "body_recall", "body_f1")):
        result[name] = statistics.mean(s[i] for s in scores)
    return result


def padded(data: bytes) -> bytes:
    """The page grown to portal size with chrome: a mega-menu, scripts, a footer."""
    menu = "".join(f'<li class="menu-item"><a href="/vi/muc-{i}">Chuyên mục số {i}</a>'
                   f'<ul><li><a href="/vi/muc-{i}/con">Mục con {i}</a></li></ul></li>'
                   for i in range(40))
    script = "<script>var cfg = {" + ",".join(f'"k{i}": {i}' for i in range(200)) + "};</script>"
    chunk = f'<nav class="mega-menu"><ul>{menu}</ul></nav>{script}'.encode()
    filler = b""
    while len(data) + len(filler) < PORTAL_SIZE:
        filler += chunk
    for mark in (b"<footer", b"</body>"):
        if mark in data:
            return data.replace(mark, filler + mark, 1)
    return data + filler


def paired(ours: Any, theirs: Any, items: list[Any], repeat: int) -> tuple[float, float]:
    """Seconds per page of two functions, passes interleaved so both see the same load;
    the fastest pass of each (the least disturbed by other work on the machine)."""
    runs: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for func, times in ((ours, runs[0]), (theirs, runs[1])):
            start = time.perf_counter()
            for item in items:
                func(item)
            times.append((time.perf_counter() - start) / len(items))
    return min(runs[0]), min(runs[1])


def trafilatura_alone(data: bytes) -> None:
    """trafilatura as the generic path calls it, on the page's text."""
    trafilatura.extract(data.decode("utf-8", "replace"), output_format="xml",
                        include_images=True, include_tables=True, include_comments=False)


def speeds(pages: list[tuple[Path, bytes, dict[str, Any]]], profiles: dict[str, Profile],
           repeat: int) -> dict[str, float]:
    result: dict[str, float] = {}
    profiled = [(d, w) for _p, d, w in pages if w["profile"]]
    generic = [(d, w) for _p, d, w in pages if not w["profile"]]
    for label, items in (("", profiled), ("portal_size_", [(padded(d), w) for d, w in profiled])):
        ours, bare = paired(lambda item: extract(item[0], item[1], profiles),
                            lambda item: html.document_fromstring(item[0]), items, repeat)
        result[f"{label}mean_page_kb"] = statistics.mean(len(d) for d, _w in items) / 1000
        result[f"{label}profile_ms"] = ours * 1000
        result[f"{label}lxml_ms"] = bare * 1000
        result[f"{label}speed_ratio_vs_lxml"] = ours / bare
    for label, items in (("", generic), ("portal_size_", [(padded(d), w) for d, w in generic])):
        ours, theirs = paired(lambda item: extract(item[0], item[1], profiles),
                              lambda item: trafilatura_alone(item[0]), items, repeat)
        result[f"{label}generic_ms"] = ours * 1000
        result[f"{label}trafilatura_ms"] = theirs * 1000
        result[f"{label}generic_ratio_vs_trafilatura"] = ours / theirs
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    pages = load()
    profiles = load_profiles(FIXTURES / "profiles")
    groups = {"profile": [p for p in pages if p[2]["profile"]],
              "generic": [p for p in pages if not p[2]["profile"]],
              "generic on the fixture portal": load_fixture_portal(),
              "generic on the profiled pages": without_profiles(pages)}
    scores = {name: accuracy(group, profiles) for name, group in groups.items()}
    for name, group in groups.items():
        print(f"{name}: {len(group)} pages")
        for key, value in scores[name].items():
            print(f"  {key:16} {value:.3f}")
    speed = speeds(pages, profiles, args.repeat)
    for key, value in speed.items():
        print(f"  {key:32} {value:.3f}")
    p, g = scores["profile"], scores["generic"]
    print(f"RESULT profile_body_f1={p['body_f1']:.3f} generic_body_f1={g['body_f1']:.3f} "
          f"profile_title_acc={p['title_acc']:.3f} profile_published_acc={p['published_acc']:.3f} "
          f"profile_author_acc={p['author_acc']:.3f} profile_captions_acc={p['captions_acc']:.3f} "
          f"generic_published_acc={g['published_acc']:.3f} "
          f"speed_ratio_vs_lxml={speed['portal_size_speed_ratio_vs_lxml']:.2f}")


if __name__ == "__main__":
    main()
