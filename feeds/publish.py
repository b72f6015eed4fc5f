"""The I/O edge of feeds: render everything, write what changed, remove what vanished."""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crawler.model import PortalInfo, StoredArticle
from feeds.atomic import write_atomic
from feeds.build import build_feed
from feeds.index_page import render_index
from feeds.opml import render_opml
from feeds.paths import FEEDS_DIR, FORMATS, INDEX_PATH, OPML_PATH, FeedSpec, parse_feed_path


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
) -> PublishReport:
    """Write every feed of `groups` in every format, feeds.opml and index.html.

    A file is replaced only when its bytes change, so an idle publish touches
    nothing. Feed files of specs no longer in `groups` are removed; files under
    `feeds/` that our URL scheme does not name are left alone.
    """
    report = PublishReport()
    for spec in sorted(groups, key=FeedSpec.sort_key):
        for fmt in FORMATS:
            data = build_feed(spec, groups[spec], fmt, base_url=base_url, portals=portals,
                              ttl_minutes=ttl_minutes, hub_url=hub_url)
            _write(report, public_dir, spec.path(fmt), data)
    _write(report, public_dir, OPML_PATH, render_opml(groups, base_url=base_url, portals=portals))
    _write(report, public_dir, INDEX_PATH,
           render_index(groups, base_url=base_url, portals=portals))
    report.removed = remove_stale(public_dir, set(groups))
    report.written.sort()
    report.unchanged.sort()
    return report


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
