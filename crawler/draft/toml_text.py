"""The drafted profile as TOML text, with a comment on how sure each line is."""

from __future__ import annotations

import json
from dataclasses import dataclass

from crawler.draft.article import FieldPick
from crawler.draft.css import Pick
from crawler.draft.listing import ListingDraft, alternatives
from crawler.draft.urlshape import pattern, target

_SELECTOR_ORDER = ("article", "title", "published", "lead", "body", "author", "category")
_LEGEND = """\
# Confidence of each selector: high = a unique id; medium = class names used once
# on the page; low = the first of several matches, or found by its text only: check."""


@dataclass(frozen=True)
class SiteInfo:
    name: str
    title: str
    base_url: str
    domains: tuple[str, ...]
    article_urls: tuple[str, ...]  # the samples, one per layout version
    listing_url: str
    family: str  # a guess, for the reader only


Layouts = list[tuple[dict[str, FieldPick], list[str]]]


def render(info: SiteInfo, layouts: Layouts, listing: ListingDraft | None,
           agreement: dict[str, bool]) -> str:
    """The profile: one layout as `[selectors]`, several as named `[[layouts]]`."""
    lines = _header(info, agreement) + _top(info) + _discovery(info, listing)
    for i, (picks, remove) in enumerate(layouts):
        if len(layouts) == 1:
            lines += ["", "[selectors]"]
        else:
            lines += ["", "[[layouts]]", f"# drafted from {info.article_urls[i]}",
                      f'name = "draft-{i + 1}"']
        lines += _selectors(picks, remove)
    return "\n".join(lines) + "\n"


def _header(info: SiteInfo, agreement: dict[str, bool]) -> list[str]:
    lines = [
        "# DRAFT written by `portalfeed profile draft`: review every line before use.",
        *[f"# Sample article: {url}" for url in info.article_urls],
        f"# Sample listing: {info.listing_url or '(none given)'}",
        _LEGEND,
    ]
    if info.family:
        lines.append(f"# The markup looks like the `{info.family}` family; this draft does not "
                     f"use its profile (try `family = \"{info.family}\"` instead).")
    if agreement:
        same = [f for f, ok in agreement.items() if ok]
        differ = [f for f, ok in agreement.items() if not ok]
        lines.append("# Re-extracting the sample with this draft reproduces its "
                     f"{', '.join(same) or 'nothing'}; differs on: {', '.join(differ) or 'none'}.")
    return lines


def _top(info: SiteInfo) -> list[str]:
    return [
        f"name = {_string(info.name)}",
        f"title = {_string(info.title)}",
        f"base_url = {_string(info.base_url)}",
        f"domains = [{', '.join(_string(d) for d in info.domains)}]",
        'language = "vi"',
        "# Nobody has checked this draft against the live site: it stays unverified and",
        "# disabled until a person has reviewed it and `portalfeed doctor` passes on it.",
        "verified = false",
        "enabled = false",
        "",
        "[schedule]",
        "interval_minutes = 60",
        "",
        "[politeness]",
        "download_delay = 1.0",
        "concurrency = 2",
    ]


def _discovery(info: SiteInfo, found: ListingDraft | None) -> list[str]:
    starts = ["/"] + ([target(info.listing_url)] if info.listing_url else [])
    paths = ", ".join(_string(p) for p in dict.fromkeys(starts))
    lines = ["", "[discovery]", f"start_paths = [{paths}]"]
    if found is None:
        guess = _literal(alternatives([pattern(u, []) for u in info.article_urls]))
        return [*lines, "# low: from the sample's URL alone (no listing given): check",
                f"article_pattern = {guess}"]
    others = [target(u) for u in found.section_links if target(u) not in starts]
    if others:
        lines.append("# Sections seen in the listing's menus (add those to follow to "
                     "start_paths):")
        lines += [f"#   {_string(path)}" for path in others]
    lines.append(f"# The sample's URL shape: accepts the {len(found.article_links)} article links "
                 f"of the listing, rejects {len(found.section_links)} section and "
                 f"{len(found.pager_links)} pager links.")
    lines.append(f"article_pattern = {_literal(found.article_pattern)}")
    if found.exclude_patterns:
        lines.append(f"exclude_patterns = [{', '.join(map(_literal, found.exclude_patterns))}]")
    lines += _pick_line("listing_links", found.listing_links,
                        "no article links found: every link, filtered by the pattern",
                        keep_empty=False)
    lines += _pick_line("pagination", found.pagination, "no pager found on the listing",
                        keep_empty=False)
    return lines


def _selectors(picks: dict[str, FieldPick], remove: list[str]) -> list[str]:
    lines = []
    for key in _SELECTOR_ORDER:
        field = picks[key]
        required = key in ("article", "title", "body")
        if field.pick is None and not required:
            lines.append(f"# {key}: {field.note}")
            continue
        lines += _pick_line(key, field.pick, field.note, keep_empty=required,
                            note=field.note if field.pick else "")
    if remove:
        lines.append("# medium: boilerplate inside the body (share, print, rating, related boxes)")
        lines.append(f"remove = [{', '.join(_string(r) for r in remove)}]")
    return lines


def _pick_line(key: str, pick: Pick | None, missing: str, keep_empty: bool = True,
               note: str = "") -> list[str]:
    if pick is None or not pick.css:
        why = pick.why if pick else missing
        return [f"# {key}: {why}"] + ([f"{key} = \"\""] if keep_empty else [])
    extra = f" ({note})" if note else ""
    return [f"# {pick.confidence}: {pick.why}{extra}", f"{key} = {_string(pick.css)}"]


def _string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _literal(value: str) -> str:
    """A regex as a TOML literal string when it can be one (no escaping to read through)."""
    return f"'{value}'" if "'" not in value and "\n" not in value else _string(value)
