"""`portalfeed doctor`: check a portal profile against its live site.

Exit codes: 0 `ok`, 2 `drift` (the profile's selectors no longer produce some
fields), 1 `fail` (start pages unreachable, no article links, no article
extracted).  Usage and profile errors exit 2 as everywhere in portalfeed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crawler.errors import UnknownPortalError
from crawler.profiles import Profile, get_profile, load_profile, load_profiles, owner_of
from portalfeed.config import Config

DEFAULT_SAMPLES = 5


def register(sub: argparse._SubParsersAction) -> None:
    doctor = sub.add_parser(
        "doctor", help="check a portal against its site: robots.txt, start pages, article "
        "links, sample articles and which selector produced each field; verdict ok / drift / "
        "fail (exit 0 / 2 / 1)")
    doctor.add_argument("portal", nargs="?", metavar="PORTAL", help="a portal's name")
    doctor.add_argument("--url", default=None,
                        help="check this article (or listing) URL only")
    doctor.add_argument("--profile", type=Path, default=None, metavar="FILE",
                        help="use this profile file (a draft, a registry entry)")
    doctor.add_argument("--fetch-base", default="", metavar="URL",
                        help="fetch the portal from this mirror URL (as `crawl --fetch-base`)")
    doctor.add_argument("--samples", type=int, default=DEFAULT_SAMPLES, metavar="N",
                        help=f"sample articles to extract (default {DEFAULT_SAMPLES}, at most 20)")
    doctor.add_argument("--json", action="store_true", help="the report as one JSON object")
    doctor.add_argument("--accept", action="store_true",
                        help="on an ok verdict, set verified = true and enabled = true in the "
                        "profile file")
    doctor.add_argument("--keep-disabled", action="store_true",
                        help="with --accept: set verified only, leave enabled as it is")
    doctor.set_defaults(run=run)


def run(args: argparse.Namespace, config: Config) -> int:
    from portalfeed.doctor.fetch import Fetcher
    from portalfeed.doctor.links import Site
    from portalfeed.doctor.run import MAX_SAMPLES, MAX_START_PAGES, run_doctor

    if not 1 <= args.samples <= MAX_SAMPLES:
        return _fail(f"--samples must be between 1 and {MAX_SAMPLES}")
    if args.portal and args.profile:
        return _fail("give a PORTAL or --profile FILE, not both")
    profile = _profile(args, config)
    polite = profile.politeness
    fetcher = Fetcher(config.user_agent, timeout_s=polite.timeout_s,
                      max_bytes=polite.max_page_bytes, delay_s=polite.download_delay,
                      max_requests=1 + MAX_START_PAGES + args.samples)
    report = run_doctor(Site.of(profile, args.fetch_base), fetcher, args.samples, args.url)
    accepted = _accept(args, profile, report.verdict.verdict)
    _print(args, report, accepted)
    return report.verdict.exit_code


def _profile(args: argparse.Namespace, config: Config) -> Profile:
    if args.profile:
        return load_profile(args.profile)
    if args.portal:
        return get_profile(args.portal, config.profiles_path)
    if not args.url:
        raise UnknownPortalError("name a PORTAL, a --profile FILE or a --url")
    owner = owner_of(load_profiles(config.profiles_path).values(), args.url)
    if owner is None:
        raise UnknownPortalError(f"no profile owns {args.url}; name one with --profile FILE")
    return owner


def _accept(args: argparse.Namespace, profile: Profile, verdict: str) -> list[str] | None:
    """None without --accept; the changes made otherwise ([] when already accepted)."""
    if not args.accept:
        return None
    if verdict != "ok":
        print(f"portalfeed: error: not accepted: the verdict is {verdict}, not ok; "
              f"{profile.source} is unchanged", file=sys.stderr)
        return None
    from portalfeed.doctor.accept import accept_file

    return accept_file(Path(profile.source), enable=not args.keep_disabled)


def _print(args: argparse.Namespace, report, accepted: list[str] | None) -> None:
    from portalfeed.doctor.render import to_dict, to_text

    if args.json:
        data = to_dict(report)
        if accepted is not None:
            data["accepted"] = accepted
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    print(to_text(report))
    if accepted is not None:
        source = report.site.profile.source
        print(f"accepted: {source}: " + ("; ".join(accepted) or "already verified, unchanged"))


def _fail(message: str) -> int:
    print(f"portalfeed: error: {message}", file=sys.stderr)
    return 2
