"""The doctor report for people (text) and for machines (`--json`).  Pure."""

from __future__ import annotations

from typing import Any

from portalfeed.doctor.run import Report
from portalfeed.doctor.sample import Sample

SHOWN_CHARS = 60


def to_dict(report: Report) -> dict[str, Any]:
    profile = report.site.profile
    return {
        "portal": profile.name, "profile": profile.source, "home": profile.base_url,
        "fetch_base": report.site.fetch_base, "user_agent": report.user_agent,
        "verdict": report.verdict.verdict, "exit_code": report.verdict.exit_code,
        "reasons": report.verdict.reasons, "drift": report.verdict.drift,
        "robots": report.robots.to_dict(),
        "start_pages": [p.to_dict() for p in report.start_pages],
        "article_links": report.links_found, "robots_skipped": report.robots_skipped,
        "samples": [_sample_dict(s) for s in report.samples],
        "requests": report.requests,
    }


def _sample_dict(sample: Sample) -> dict[str, Any]:
    f = sample.fetched
    return {"url": sample.url, "fetched": f.url, "status": f.status, "bytes": len(f.body),
            "seconds": f.seconds, "rejected": sample.rejected, "layout": sample.layout,
            "extractor": sample.extractor, "sources_inferred": sample.inferred,
            "fields": {c.field: c.to_dict() for c in sample.checks},
            "values": sample.values, "problems": [p.to_dict() for p in sample.problems]}


def to_text(report: Report) -> str:
    return "\n".join([*_head(report), *_starts(report), *_samples(report), *_end(report)])


def _head(report: Report) -> list[str]:
    p = report.site.profile
    return [f"doctor {p.name} ({p.source or 'profile'})",
            f"  home {p.base_url}, fetched from {report.site.fetch_base}",
            f"robots.txt {report.robots.url}: {report.robots.summary()}"]


def _starts(report: Report) -> list[str]:
    if not report.start_pages:
        return []
    lines = ["start pages:"]
    for page in report.start_pages:
        state = page.error or str(page.status)
        lines.append(f"  {state:<8} {page.size / 1024:7.1f} KB {page.seconds:6.2f} s "
                     f"{page.links:4d} article links {page.pager:3d} pager  {page.url}")
    skipped = f", {report.robots_skipped} forbidden by robots.txt" if report.robots_skipped else ""
    lines.append(f"  {report.links_found} distinct article links{skipped}")
    return lines


def _samples(report: Report) -> list[str]:
    lines = [f"samples ({len(report.samples)}):"] if report.samples else []
    for sample in report.samples:
        lines += _sample_lines(sample)
    return lines


def _sample_lines(sample: Sample) -> list[str]:
    f = sample.fetched
    head = f"  {sample.url}  {f.status or '-'} {len(f.body) / 1024:.1f} KB {f.seconds:.2f} s"
    if not sample.extracted:
        return [head, *(f"    ! {p.message}" for p in sample.problems)]
    inferred = " (sources inferred)" if sample.inferred else ""
    lines = [f"{head}  layout {sample.layout or '-'}, extractor {sample.extractor}{inferred}"]
    for check in sample.checks:
        mark = "x" if check.missed else " "
        lines.append(f"   {mark} {check.field:<10} {check.source:<44} "
                     f"{_value(sample, check.field)}")
    lines += [f"    ! {p.severity}: {p.field}: {p.message}" for p in sample.problems]
    return lines


def _value(sample: Sample, name: str) -> str:
    values = sample.values
    if name == "body":
        return f"{values['body_paragraphs']} paragraphs, {values['body_chars']} characters"
    text = str(values.get(name) or "-")
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"


def _end(report: Report) -> list[str]:
    verdict = report.verdict
    lines = [f"drift: {name}: {why}" for name, why in verdict.drift.items()]
    lines.append(f"{report.requests} requests")
    lines.append(f"verdict: {verdict.verdict} — {'; '.join(verdict.reasons)}")
    return lines
