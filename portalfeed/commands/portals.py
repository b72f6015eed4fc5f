"""`portalfeed portals [--json] [--level LEVEL]`: the registry of portal profiles.

Loading validates every profile, so a bad file fails the command with its name,
key and problem (exit 2) before anything is listed.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from crawler.profiles import LEVELS, Profile, load_profiles
from portalfeed.config import Config


def register(sub: Any) -> None:
    portals = sub.add_parser("portals", help="list portals and validate every profile")
    portals.add_argument("--json", action="store_true",
                         help="a JSON list of every profile's registry entry")
    portals.add_argument("--level", choices=LEVELS, default=None,
                         help="only portals of this level (province, department, ...)")
    portals.set_defaults(run=cmd_portals)


def cmd_portals(args: argparse.Namespace, config: Config) -> int:
    profiles = load_profiles(config.profiles_path)
    rows = [portal_row(p) for p in sorted(profiles.values(), key=_order)
            if args.level is None or p.level == args.level]
    print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else render(rows))
    return 0


def portal_row(profile: Profile) -> dict[str, Any]:
    """One profile's registry entry, JSON-ready."""
    return {
        "name": profile.name,
        "title": profile.title,
        "home": profile.base_url,
        "level": profile.level,
        "family": profile.family,
        "aliases": list(profile.aliases),
        "verified": profile.verified,
        "enabled": profile.enabled,
        "parent": profile.parent or None,
        "merged_from": list(profile.merged_from),
        "interval_minutes": profile.interval_minutes,
        "fixture": is_fixture(profile),
    }


def is_fixture(profile: Profile) -> bool:
    """A fixture portal (its origin is a reserved `.test` name): no unit of the registry."""
    return (urlsplit(profile.base_url).hostname or "").endswith(".test")


def _order(profile: Profile) -> tuple[int, str]:
    return LEVELS.index(profile.level) if profile.level in LEVELS else len(LEVELS), profile.name


def render(rows: Sequence[dict[str, Any]]) -> str:
    """A table per level: name, state, family, home, title; aliases under the row.
    Fixture portals come last, apart, so a level's count is the registry's."""
    lines: list[str] = []
    for level in _levels(rows):
        group = [r for r in rows if _group(r) == level]
        lines.append(f"{level} ({len(group)})")
        lines += [_line(r) for r in group]
        lines.append("")
    unverified = sum(not r["verified"] for r in rows)
    lines.append(f"{len(rows)} profiles valid ({unverified} unverified, "
                 f"{sum(r['enabled'] for r in rows)} enabled)")
    return "\n".join(lines)


def _levels(rows: Iterable[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(_group(r) for r in sorted(rows, key=lambda r: r["fixture"])))


def _group(row: dict[str, Any]) -> str:
    return "fixture" if row["fixture"] else row["level"]


def _line(row: dict[str, Any]) -> str:
    state = ("enabled " if row["enabled"] else "disabled") + (
        "" if row["verified"] else " unverified")
    text = (f"  {row['name']:<20} {state:<19} {row['family'] or '-':<13} "
            f"{row['home']:<38} {row['title']}")
    extra = [f"aliases: {', '.join(row['aliases'])}"] if row["aliases"] else []
    extra += [f"part of: {row['parent']}"] if row["parent"] else []
    return text + "".join(f"\n  {'':<20} {item}" for item in extra)
