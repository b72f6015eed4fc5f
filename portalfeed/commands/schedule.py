"""`portalfeed schedule`: the scheduler in the foreground, for systemd or a container.

Runs until SIGTERM or SIGINT (exit 0 once the running crawl is stopped and recorded
as interrupted), or, with `--rounds N`, until every portal ran N times.  With
`broker_url` set it only enqueues crawl jobs for `portalfeed worker` processes, while
it holds the deployment's scheduler lock (`portalfeed.distributed.leader`); `--rounds N`
then counts the slots it handled as leader.
"""

from __future__ import annotations

import argparse
import logging
import threading
from typing import Any

from crawler.errors import ConfigError
from crawler.profiles import Profile, get_profile, load_profiles
from portalfeed.config import Config


def register(sub: Any) -> None:
    schedule = sub.add_parser(
        "schedule", help="crawl every enabled portal on its schedule, in the foreground "
        "(stops on SIGTERM or SIGINT)")
    schedule.add_argument("--portal", action="append", default=[], metavar="NAME",
                          help="schedule only this portal, even a disabled one (repeatable)")
    schedule.add_argument("--fetch-base", action="append", default=[], metavar="NAME=URL",
                          help="fetch a portal from this mirror URL (repeatable)")
    schedule.add_argument("--rounds", type=_positive(int), default=None, metavar="N",
                          help="stop after every portal ran N times (default: run until stopped)")
    schedule.add_argument("--interval", type=_positive(float), default=None, metavar="SECONDS",
                          help="run every portal this often instead of its profile's schedule")
    schedule.set_defaults(run=cmd_schedule)


def cmd_schedule(args: argparse.Namespace, config: Config) -> int:
    from scheduler import Plan, run_scheduler, stop_on_signals

    profiles = _profiles(args.portal, config)
    plan = Plan(tuple(profiles), fetch_bases(args.fetch_base, profiles), args.interval,
                args.rounds)
    logging.basicConfig(level=config.log_level,
                        format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    stopping = threading.Event()
    if config.broker_url:  # distributed: enqueue only, workers crawl (docs/deployment.md)
        from portalfeed.commands.worker import require_distributed_packages

        require_distributed_packages()
        from portalfeed.distributed.leader import run_leader

        with stop_on_signals(stopping):
            run_leader(config, plan, stopping)
        return 0
    with stop_on_signals(stopping):
        results = run_scheduler(config, plan, stopping)
    failed = args.rounds is not None and any(r.outcome == "failed" for r in results)
    return 1 if failed else 0


def _profiles(names: list[str], config: Config) -> list[Profile]:
    if names:
        return [get_profile(name, config.profiles_path) for name in dict.fromkeys(names)]
    profiles = [p for p in load_profiles(config.profiles_path).values() if p.enabled]
    if not profiles:
        raise ConfigError(f"no enabled portal to schedule in {config.profiles_path} "
                          "(enable one in its profile, or name it with --portal)")
    return profiles


def fetch_bases(pairs: list[str], profiles: list[Profile]) -> dict[str, str]:
    names = {p.name for p in profiles}
    bases = {}
    for pair in pairs:
        name, _, url = pair.partition("=")
        if name not in names or not url.startswith(("http://", "https://")):
            raise ConfigError(f"--fetch-base {pair!r}: expected NAME=URL with NAME one of the "
                              f"scheduled portals ({', '.join(sorted(names))})")
        bases[name] = url
    return bases


def _positive(kind: type) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
        return value

    return parse
