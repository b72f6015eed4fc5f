"""`portalfeed` command line.

Every command prints one clear line on stderr and exits non-zero on failure:
1 when the input was understood but is not usable (not an article, a crawl
that failed), 2 for usage and configuration errors.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from dataclasses import replace
from pathlib import Path

from crawler.errors import PortalfeedError, Rejected, UnknownPortalError
from portalfeed.config import Config, config_sources, load_config

FIXTURE_PORTAL = "phutho-fixture"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        config = load_config(Path(args.workdir))
        if args.log_format:
            config = replace(config, log_format=args.log_format)
        if config.log_format == "json":
            from crawler.extensions.json_logs import install_json_logging

            install_json_logging(config.log_level)
        return args.run(args, config)
    except UnknownPortalError as exc:
        return _fail(str(exc), 2)
    except PortalfeedError as exc:
        return _fail(str(exc), 2)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portalfeed",
        description="Crawl Vietnamese provincial government portals and publish their news "
        "as RSS, Atom and JSON feeds.",
    )
    parser.add_argument("--workdir", default=".", help="where data/ and public/ live (default: .)")
    parser.add_argument("--log-format", choices=("text", "json"), default=None,
                        help="text (live progress on a terminal) or json, one object a line, "
                        "for log collectors (default: the log_format setting, text)")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="crawl the bundled fixture portal offline and publish")
    demo.add_argument("--rounds", type=int, default=1, metavar="N",
                      help="let the scheduler crawl it N times (default: 1)")
    demo.add_argument("--interval", type=float, default=10.0, metavar="SECONDS",
                      help="seconds between the starts of two rounds (default: 10)")
    demo.set_defaults(run=cmd_demo)

    crawl = sub.add_parser("crawl", help="crawl portals now, then publish what changed")
    crawl.add_argument("portals", nargs="+", metavar="PORTAL")
    crawl.add_argument("--fetch-base", default="",
                       help="fetch the portal from this mirror URL (one portal only)")
    crawl.add_argument("--no-publish", action="store_true", help="store only, publish nothing")
    crawl.set_defaults(run=cmd_crawl)

    pub = sub.add_parser("publish", help="write every feed, OPML and index.html into public/")
    pub.set_defaults(run=cmd_publish)

    extract = sub.add_parser("extract", help="print the Article of one saved page as JSON")
    extract.add_argument("path", type=Path)
    extract.add_argument("--url", default=None, help="the page's URL (resolves relative links)")
    extract.add_argument("--portal", default=None, help="use this portal's profile")
    extract.set_defaults(run=cmd_extract)

    from importlib import import_module

    from portalfeed.commands import MODULES

    for name in MODULES:
        import_module(name).register(sub)
    return parser


def _fail(message: str, code: int) -> int:
    print(f"portalfeed: error: {message}", file=sys.stderr)
    return code


def cmd_extract(args: argparse.Namespace, config: Config) -> int:
    from crawler.api import extract_page

    try:
        data = args.path.read_bytes()
    except OSError as exc:
        return _fail(f"cannot read {args.path}: {exc.strerror or exc}", 2)
    suffix = args.path.suffix.lower()
    content_type = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}.get(suffix)
    try:
        article = extract_page(data, args.url, args.portal, content_type=content_type,
                               profiles_dir=config.profiles_path)
    except Rejected as exc:
        return _fail(f"{args.path} is not an article ({exc})", 1)
    print(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
    return 0


def cmd_crawl(args: argparse.Namespace, config: Config) -> int:
    from crawler.profiles import get_profile
    from portalfeed.crawl import run_crawls

    for name in args.portals:
        get_profile(name, config.profiles_path)  # unknown names fail before any fetch
    if args.fetch_base and len(args.portals) != 1:
        return _fail("--fetch-base needs exactly one portal", 2)
    bases = {args.portals[0]: args.fetch_base} if args.fetch_base else {}
    results = run_crawls(config, args.portals, bases)
    for result in results:
        _print_result(result)
    if not args.no_publish:
        # Always: publishing rewrites only feeds whose bytes changed, and it also repairs
        # feeds left stale by an earlier publish that failed.
        _publish(config)
    return 0 if all(r.outcome == "ok" for r in results) else 1


def cmd_publish(args: argparse.Namespace, config: Config) -> int:
    from portalfeed.commands.status import no_store_error

    missing = no_store_error(config)  # publishing nothing would empty public/ of feeds
    if missing:
        return _fail(missing, 1)
    _publish(config)
    return 0


def cmd_demo(args: argparse.Namespace, config: Config) -> int:
    from crawler.profiles import BUILTIN_DIR, get_profile
    from portalfeed.fixture_server import FixtureServer
    from scheduler import Plan, run_scheduler, stop_on_signals

    if args.rounds < 1 or args.interval <= 0:
        return _fail("--rounds and --interval must be greater than 0", 2)
    # The real scheduler, on the fixture portal only, with no jitter: rounds start on time.
    config = replace(config, profiles_dir=str(BUILTIN_DIR), jitter_s=0)
    if config_sources(config.workdir)["log_level"] == "default":
        # The demo's own summary says what happened; Scrapy's INFO stream would bury it.
        config = replace(config, log_level="WARNING")
    profile = get_profile(FIXTURE_PORTAL, BUILTIN_DIR)
    stopping = threading.Event()
    with FixtureServer() as server, stop_on_signals(stopping):
        print(f"fixture portal served at {server.url}; {args.rounds} round(s), "
              f"every {args.interval:g} s")
        plan = Plan((profile,), {FIXTURE_PORTAL: server.url}, args.interval, args.rounds)
        results = run_scheduler(config, plan, stopping, report=_print_result)
    # The scheduler published after each round; this one only makes sure (and counts).
    report = _publish(config, quiet=True)
    files = len(report.written) + len(report.unchanged)
    print(f"published: {files} files in {config.public_path}"
          f"  (index: {config.public_path / 'index.html'})")
    print(f"  e.g. {config.public_path / 'feeds' / 'all.rss'}; serve them with "
          f"`portalfeed serve`")
    return 0 if results and all(r.outcome == "ok" for r in results) else 1


def _publish(config: Config, quiet: bool = False):  # -> feeds.publish.PublishReport
    from crawler.profiles import load_profiles
    from crawler.store.store import Store
    from portalfeed.publishing import publish_from_store

    store = Store(config.database_url)
    try:
        report = publish_from_store(store, config, load_profiles(config.profiles_path))
    finally:
        store.close()
    if not quiet:
        print(f"published: {len(report.written)} written, {len(report.unchanged)} unchanged, "
              f"{len(report.removed)} removed")
    return report


def _print_result(result) -> None:  # result: portalfeed.crawl.CrawlResult
    print(result.summary())


if __name__ == "__main__":
    sys.exit(main())
