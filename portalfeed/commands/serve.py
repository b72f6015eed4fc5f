"""`portalfeed serve [--host H] [--port P]`: serve public/ with HTTP caching (feeds.serve)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any

from crawler.profiles import Profile, load_profiles
from portalfeed.config import Config

DEFAULT_MAX_AGE_S = 3600  # without any portal profile


def register(sub: Any) -> None:
    serve = sub.add_parser("serve", help="serve public/ over HTTP (ETag, 304, gzip)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8080, help="port (0: any free port)")
    # Also accepted after the command; the global option stays the default.
    serve.add_argument("--workdir", default=argparse.SUPPRESS,
                       help="where public/ lives (default: .)")
    serve.set_defaults(run=cmd_serve)


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    from feeds.serve import serve_forever

    root = config.public_path
    if not root.is_dir():
        print(f"portalfeed: error: {root} is not a directory; run `portalfeed publish` first",
              file=sys.stderr)
        return 2
    max_age = config.cache_max_age_s or shortest_interval_s(load_profiles(config.profiles_path))

    def ready(url: str) -> None:
        print(f"serving {root} at {url} (Cache-Control max-age={max_age})", flush=True)

    try:
        serve_forever(root, args.host, args.port, max_age, ready)
    except OSError as exc:  # port in use, address not available
        print(f"portalfeed: error: cannot listen on {args.host}:{args.port}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


def shortest_interval_s(profiles: Mapping[str, Profile]) -> int:
    """Feeds change at most once per crawl, so the shortest schedule bounds freshness;
    the same rule as the feeds' <ttl> (portalfeed.publishing)."""
    minutes = [p.interval_minutes for p in profiles.values()]
    return min(minutes) * 60 if minutes else DEFAULT_MAX_AGE_S
