"""`portalfeed status [--json]` and `portalfeed config check`: the operator's view.

Status reads the run history in the store and the profiles; it never crawls.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from crawler.errors import ConfigError
from crawler.normalize.dates import VN_TZ
from crawler.profiles import Profile, load_profiles
from crawler.store.store import RunRecord, Store
from portalfeed.config import Config, config_sources
from portalfeed.health import HISTORY, HealthPolicy, newest_first, portal_health

COLUMNS = ("portal", "health", "last run", "outcome", "new", "next run")


def register(sub: Any) -> None:
    status = sub.add_parser("status", help="each portal's health, last run and next run")
    status.add_argument("--json", action="store_true", help="a JSON list, for monitoring")
    status.set_defaults(run=cmd_status)
    config = sub.add_parser("config", help="configuration tools")
    actions = config.add_subparsers(required=True, metavar="ACTION")
    check = actions.add_parser("check", help="show every setting with its source and validate")
    check.set_defaults(run=cmd_config_check)


def cmd_status(args: argparse.Namespace, config: Config) -> int:
    profiles = load_profiles(config.profiles_path)
    store = Store(config.database_url)
    try:
        names = sorted(set(profiles) | {r.portal for r in store.runs(limit=1000)})
        histories = {name: store.runs(name, limit=None) for name in names}
    finally:
        store.close()
    policy = HealthPolicy(failing_after=config.health_failing_after)
    now = datetime.now(VN_TZ)
    rows = [portal_status(n, profiles.get(n), histories[n], policy, now) for n in names]
    print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else render_table(rows))
    return 0


def portal_status(name: str, profile: Profile | None, runs: Sequence[RunRecord],
                  policy: HealthPolicy, now: datetime) -> dict[str, Any]:
    """One portal's line of `status`: JSON-ready values, times in +07:00."""
    runs = newest_first(runs)
    last = runs[0] if runs else None
    health = portal_health(runs[:HISTORY], policy)
    return {
        "portal": name,
        "health": health.state,
        "last_run": _iso(last.started) if last else None,
        "last_outcome": last.outcome if last else None,
        "runs_ok": sum(r.outcome == "ok" for r in runs),
        "runs_failed": sum(r.outcome == "failed" for r in runs),
        "new_articles": sum(r.new for r in runs),
        "next_run": _iso(next_run(profile, runs, now)),
        "reasons": list(health.reasons),
    }


def next_run(profile: Profile | None, runs: Sequence[RunRecord],
             now: datetime) -> datetime | None:
    """The scheduler's own plan (interval or cron, before its jitter); None when the
    portal is not scheduled.  Counted from the last run that ended, as after a restart."""
    from scheduler import next_run_time

    if profile is None or not profile.enabled:
        return None
    ended = [r.started for r in runs if r.outcome in ("ok", "failed")]
    return next_run_time(profile, max(ended, default=None), now)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(VN_TZ).isoformat(timespec="seconds") if value else None


def render_table(rows: Sequence[dict[str, Any]]) -> str:
    cells = [COLUMNS] + [
        (r["portal"], r["health"], _short(r["last_run"]), r["last_outcome"] or "-",
         str(r["new_articles"]), _short(r["next_run"]) if r["next_run"] else "not scheduled")
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)).rstrip()
             for cell in cells]
    lines += [f"  {r['portal']}: {reason}" for r in rows for reason in r["reasons"]
              if r["health"] != "unknown"]
    return "\n".join(lines) if rows else "no portals"


def _short(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else "never"


def cmd_config_check(args: argparse.Namespace, config: Config) -> int:
    """Every key, its value and its source; then what a crawl would trip on."""
    sources = config_sources(config.workdir)
    database = _database(config.database_url)  # a bad URL fails before anything is printed
    for key, source in sources.items():
        value = _database(config.db_url) if key == "db_url" and config.db_url else getattr(
            config, key)
        print(f"{key} = {_show(value)}  ({source})")
    print(f"database: {database}")
    profiles = load_profiles(config.profiles_path)  # ProfileError names file, key, problem
    print(f"profiles: {len(profiles)} valid in {config.profiles_path}")
    warnings = unknown_variables(os.environ, sources)
    for warning in warnings:
        print(f"warning: {warning}")
    problem = _unusable_dir(config.public_path)
    if problem:
        print(f"portalfeed: error: public_dir {problem}", file=sys.stderr)
        return 2
    print("configuration OK")
    return 0


def _database(url: str) -> str:
    """The store's URL as it may be printed: parsed, password hidden."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError as exc:
        raise ConfigError(f"db_url is not a database URL: {exc}") from None


def _show(value: object) -> str:
    """A value as TOML-ish JSON; tables (keyword feeds) as objects."""
    def plain(item: object) -> object:
        return asdict(item) if is_dataclass(item) and not isinstance(item, type) else str(item)

    return json.dumps(value, ensure_ascii=False, default=plain)


def unknown_variables(env: Mapping[str, str], known: Mapping[str, str]) -> list[str]:
    """PORTALFEED_* variables that set nothing: usually a typo."""
    names = {f"PORTALFEED_{k.upper()}" for k in known} | {"PORTALFEED_CONFIG"}
    return [f"{v} is set but is no portalfeed setting (ignored)"
            for v in sorted(env) if v.startswith("PORTALFEED_") and v not in names]


def _unusable_dir(path: Path) -> str | None:
    existing = next((p for p in (path, *path.parents) if p.exists()), None)
    if existing is None or not existing.is_dir():
        return f"{path}: {existing} is not a directory"
    if not os.access(existing, os.W_OK):
        return f"{path}: {existing} is not writable"
    return None
