"""`portalfeed enqueue`: crawl jobs for portals now, on the broker, for the workers.

Prints each enqueued job id (`crawl:<portal>:<UTC timestamp>`), one a line; a job
whose id was already enqueued (the same portal in the same second) is skipped.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import Any

from crawler.errors import ConfigError
from crawler.profiles import Profile, get_profile, load_profiles
from portalfeed.commands.schedule import fetch_bases
from portalfeed.commands.worker import require_broker
from portalfeed.config import Config


def register(sub: Any) -> None:
    enqueue = sub.add_parser("enqueue", help="enqueue crawl jobs for the workers now")
    enqueue.add_argument("portals", nargs="*", metavar="PORTAL")
    enqueue.add_argument("--all", action="store_true", help="every enabled portal")
    enqueue.add_argument("--fetch-base", action="append", default=[], metavar="NAME=URL",
                         help="the job fetches that portal from this mirror URL (repeatable)")
    enqueue.set_defaults(run=cmd_enqueue)


def cmd_enqueue(args: argparse.Namespace, config: Config) -> int:
    require_broker(config, "enqueue")
    profiles = _profiles(args, config)
    bases = fetch_bases(args.fetch_base, profiles)
    from portalfeed.distributed.app import make_app
    from portalfeed.distributed.jobs import enqueue_crawl
    from portalfeed.distributed.locks import redis_client

    app = make_app(config)
    client = redis_client(config.lock_redis_url)
    slot = datetime.now(UTC).replace(microsecond=0)
    try:
        for profile in profiles:
            job = enqueue_crawl(app, client, profile.name, slot, profile.interval_minutes * 60,
                                bases.get(profile.name, ""))
            if job:
                print(job, flush=True)
            else:
                print(f"crawl:{profile.name}: already enqueued in this second, skipped",
                      file=sys.stderr)
    finally:
        client.close()
    return 0


def _profiles(args: argparse.Namespace, config: Config) -> list[Profile]:
    if args.all == bool(args.portals):
        raise ConfigError("name portals to enqueue, or --all (every enabled portal)")
    if args.portals:
        return [get_profile(name, config.profiles_path) for name in dict.fromkeys(args.portals)]
    profiles = [p for p in load_profiles(config.profiles_path).values() if p.enabled]
    if not profiles:
        raise ConfigError(f"no enabled portal in {config.profiles_path}")
    return profiles
