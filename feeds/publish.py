"""The I/O edge of feeds: render everything, write what changed, remove what vanished.

Feeds without items. A topic or portal feed exists because stored articles call
for it (`feeds.paths.feed_specs`), so one without items is no feed: it is not
written nor listed, and its old files are removed as for a vanished topic. The
`all` feed and keyword feeds are promised whatever the store holds (an empty
store, a keyword nothing matches yet), so they are written without items. Such
a feed has no item to date it by, and a constant date would be implausible
(readers and the W3C validator flag 1970), so it is dated by the publish that
made it item-less: the `now` the caller passes (the clock when none is given).
A later publish that finds that same item-less feed on disk, with a plausible
date (not before 1990, not after `now`), leaves the file untouched. So the date
changes only when the feed does, and an unchanged publish writes no byte.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from lxml import etree

from crawler.model import PortalInfo, StoredArticle
from feeds.atomic import write_atomic
from feeds.build import PreparedFeed, prepare_feed
from feeds.index_page import render_index
from feeds.opml import render_opml
from feeds.paths import FEEDS_DIR, FORMATS, INDEX_PATH, OPML_PATH, FeedSpec, parse_feed_path
from feeds.rss_atom import ATOM_NS

# The W3C Feed Validation Service calls earlier dates implausible.
PLAUSIBLE_SINCE = datetime(1990, 1, 1, tzinfo=UTC)


@dataclass
class PublishReport:
    """Relative paths (POSIX style) under the public directory, each list sorted."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    hub_pings_sent: int = 0  # WebSub pings the hub accepted (feeds.websub)
    hub_pings_failed: int = 0  # pings refused or not sent; they never fail a publish

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def publish(
    groups: Mapping[FeedSpec, Sequence[StoredArticle]],
    public_dir: Path,
    *,
    base_url: str,
    portals: Mapping[str, PortalInfo],
    ttl_minutes: int = 60,
    hub_url: str | None = None,
    now: datetime | None = None,
) -> PublishReport:
    """Write every feed of `groups` in every format, feeds.opml and index.html.

    A file is replaced only when its bytes change, so an idle publish touches
    nothing. Feed files of specs no longer in `groups` are removed; files under
    `feeds/` that our URL scheme does not name are left alone. Feeds without
    items follow the module docstring; `now` dates them and nothing else.
    """
    report = PublishReport()
    groups = feeds_to_write(groups)
    now = datetime.now(UTC) if now is None else now
    for spec in sorted(groups, key=FeedSpec.sort_key):
        feed = prepare_feed(spec, groups[spec], base_url=base_url, portals=portals,
                            ttl_minutes=ttl_minutes, hub_url=hub_url, empty_updated=now)
        for fmt in FORMATS:
            path = spec.path(fmt)
            data = feed.render(fmt) if feed.items else render_empty(feed, fmt, public_dir / path)
            _write(report, public_dir, path, data)
    _write(report, public_dir, OPML_PATH, render_opml(groups, base_url=base_url, portals=portals))
    _write(report, public_dir, INDEX_PATH,
           render_index(groups, base_url=base_url, portals=portals))
    report.removed = remove_stale(public_dir, set(groups))
    report.written.sort()
    report.unchanged.sort()
    return report


def feeds_to_write(
    groups: Mapping[FeedSpec, Sequence[StoredArticle]],
) -> dict[FeedSpec, Sequence[StoredArticle]]:
    """`groups` without the topic and portal feeds that hold no items."""
    return {spec: items for spec, items in groups.items() if items or always_written(spec)}


def always_written(spec: FeedSpec) -> bool:
    """The `all` feed and keyword feeds exist even without items."""
    return spec.keyword is not None or (spec.portal is None and spec.topic is None)


def render_empty(feed: PreparedFeed, fmt: str, path: Path) -> bytes:
    """An item-less feed: the file at `path` if it is this feed, plausibly dated, else
    `feed` as dated by the caller (see the module docstring)."""
    existing = _read(path)
    stamped = stamped_date(existing, fmt) if existing is not None else None
    if stamped is not None and PLAUSIBLE_SINCE <= stamped <= feed.meta.updated:
        kept = feed.dated(stamped).render(fmt)
        if kept == existing:
            return kept
    return feed.render(fmt)


def stamped_date(data: bytes, fmt: str) -> datetime | None:
    """The feed-level date of an RSS or Atom file (JSON Feed has none), if readable."""
    if fmt not in ("rss", "atom"):
        return None
    try:
        # A parser per call: lxml parsers must not be shared between threads.
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(data, parser=parser)
        if fmt == "rss":
            stamped = parsedate_to_datetime(root.findtext("channel/lastBuildDate"))
        else:
            stamped = datetime.fromisoformat(root.findtext(f"{{{ATOM_NS}}}updated"))
    except (etree.XMLSyntaxError, TypeError, ValueError):
        return None  # not a file we wrote: it will simply be replaced
    return stamped if stamped.tzinfo is not None else None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def remove_stale(public_dir: Path, keep: Collection[FeedSpec]) -> list[str]:
    """Delete feed files whose spec is not in `keep`; returns their relative paths."""
    removed = []
    for relative in _feed_files(public_dir):
        parsed = parse_feed_path(relative)
        if parsed is not None and parsed[0] not in keep:
            (public_dir / relative).unlink()
            removed.append(relative)
    _remove_empty_portal_dirs(public_dir)
    return sorted(removed)


def _write(report: PublishReport, public_dir: Path, relative: str, data: bytes) -> None:
    written = write_atomic(public_dir / relative, data)
    (report.written if written else report.unchanged).append(relative)


def _feed_files(public_dir: Path) -> list[str]:
    # os.walk does not follow symlinked directories, so nothing outside is reached.
    root = public_dir / FEEDS_DIR
    found = []
    for directory, _, files in os.walk(root):
        relative_dir = Path(directory).relative_to(public_dir)
        found += [(relative_dir / name).as_posix() for name in files]
    return sorted(found)


def _remove_empty_portal_dirs(public_dir: Path) -> None:
    portal_root = public_dir / FEEDS_DIR / "portal"
    if not portal_root.is_dir():
        return
    for directory in sorted(portal_root.iterdir()):
        if directory.is_dir() and not directory.is_symlink() and not any(directory.iterdir()):
            directory.rmdir()
