"""`portalfeed status [--json]` and `portalfeed config check`: the operator's view.

Status reads the run history in the store and the profiles; it never crawls.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from crawler.errors import ConfigError
from crawler.normalize.dates import VN_TZ
from crawler.profiles import Profile, load_profiles
from crawler.store.store import RunRecord, RunTotals, Store, store_exists
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
    missing = no_store_error(config)
    if missing:
        print(f"portalfeed: error: {missing}", file=sys.stderr)
        return 1
    profiles = load_profiles(config.profiles_path)
    store = Store(config.database_url)
    try:
        # Totals in one GROUP BY, health from the newest runs only: the cost of status
        # follows the number of portals, not months of hourly runs.
        totals = store.run_totals()
        names = sorted(set(profiles) | set(totals))
        recent = {name: store.runs(name, limit=HISTORY) for name in names}
    finally:
        store.close()
    policy = HealthPolicy(failing_after=config.health_failing_after)
    now = datetime.now(VN_TZ)
    rows = [portal_status(n, profiles.get(n), totals.get(n), recent[n], policy, now)
            for n in names]
    print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else render_table(rows))
    return 0


def no_store_error(config: Config) -> str | None:
    """The one-line error of a command that only reads the store, when there is none
    (opening it would create an empty one and report a misleading "nothing yet")."""
    if store_exists(config.database_url):
        return None
    return (f"no store at {_where(config.database_url)}: "
            "run `portalfeed demo` or `portalfeed crawl` first")


def _where(url: str) -> str:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def portal_status(name: str, profile: Profile | None, totals: RunTotals | None,
                  recent: Sequence[RunRecord], policy: HealthPolicy,
                  now: datetime) -> dict[str, Any]:
    """One portal's line of `status`: JSON-ready values, times in +07:00.  `totals`
    sums the whole history; `recent` is its newest runs, enough to judge health."""
    recent = newest_first(recent)
    last = recent[0] if recent else None
    health = portal_health(recent[:HISTORY], policy)
    return {
        "portal": name,
        "health": health.state,
        "last_run": _iso(totals.last_run) if totals else None,
        "last_outcome": last.outcome if last else None,
        "runs_ok": totals.runs_ok if totals else 0,
        "runs_failed": totals.runs_failed if totals else 0,
        "new_articles": totals.new_articles if totals else 0,
        "next_run": _iso(next_run(profile, totals.last_ended if totals else None, now)),
        "reasons": list(health.reasons),
        # Who ran the newest run: a hostname, or a worker's node name (`celery@host`).
        "last_run_host": last.host if last else None,
        "last_run_pid": last.pid if last else None,
    }


def next_run(profile: Profile | None, last_ended: datetime | None,
             now: datetime) -> datetime | None:
    """The scheduler's own plan (interval or cron, before its jitter); None when the
    portal is not scheduled.  Counted from the start of the last run that ended
    (`RunTotals.last_ended`), as the scheduler does after a restart."""
    from scheduler import next_run_time

    if profile is None or not profile.enabled:
        return None
    return next_run_time(profile, last_ended, now)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(VN_TZ).isoformat(timespec="seconds") if value else None


def render_table(rows: Sequence[dict[str, Any]], here: str | None = None) -> str:
    """The text of `status`; a last run made elsewhere than on `here` (this machine's
    hostname by default) names its host or worker."""
    here = here or socket.gethostname()
    cells = [COLUMNS] + [
        (r["portal"], r["health"], _last_run_cell(r, here), r["last_outcome"] or "-",
         str(r["new_articles"]), _short(r["next_run"]) if r["next_run"] else "not scheduled")
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)).rstrip()
             for cell in cells]
    lines += [f"  {r['portal']}: {reason}" for r in rows for reason in r["reasons"]
              if r["health"] != "unknown"]
    return "\n".join(lines) if rows else "no portals"


def _last_run_cell(row: dict[str, Any], here: str) -> str:
    host = row.get("last_run_host")
    when = _short(row["last_run"])
    return f"{when} on {host}" if host and host != here and row["last_run"] else when


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
