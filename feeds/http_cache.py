"""Files of the public directory held in memory, ready to send.

Each file is read once per version (device, inode, size, mtime): the publisher
replaces files by rename, so a new version always has a new inode. With the
bytes the cache keeps their gzip form and both strong ETags, so a request costs
a `stat` and a dictionary lookup.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG

from feeds.http_rules import INDEX_FILE, compressible, content_type, http_date

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
GZIP_LEVEL = 6


@dataclass(frozen=True)
class Variant:
    """One representation of a file: its bytes, strong ETag and ready header lines."""

    body: bytes
    etag: str
    head_ok: bytes  # the header lines of a 200, except Date and Connection
    head_not_modified: bytes  # the same for a 304


@dataclass(frozen=True)
class CachedFile:
    identity: Variant
    gzipped: Variant | None  # None when gzip would not help (images, tiny files)
    content_type: str
    mtime: int  # whole seconds: what Last-Modified and If-Modified-Since can express
    last_modified: str
    version: tuple[int, int, int, int]

    @property
    def size(self) -> int:
        return len(self.identity.body) + (len(self.gzipped.body) if self.gzipped else 0)

    def variant(self, gzip_ok: bool) -> Variant:
        return self.gzipped if gzip_ok and self.gzipped else self.identity


def load_file(name: str, data: bytes, stat: os.stat_result, cache_control: str) -> CachedFile:
    """Pure: the cached form of `data`, the bytes of file `name` whose stat is `stat`."""
    name = os.path.basename(name)
    digest = hashlib.blake2b(data, digest_size=12).hexdigest()
    common = _Common(content_type(name), http_date(int(stat.st_mtime)), cache_control,
                     compressible(name))
    identity = common.variant(data, f'"{digest}"', None)
    gzipped = None
    if common.vary and data:
        packed = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
        if len(packed) < len(data):
            # A different strong ETag: the gzip bytes are a different representation.
            gzipped = common.variant(packed, f'"{digest}-gz"', "gzip")
    return CachedFile(identity, gzipped, common.content_type, int(stat.st_mtime),
                      common.last_modified, _version(stat))


@dataclass(frozen=True)
class _Common:
    content_type: str
    last_modified: str
    cache_control: str
    vary: bool  # compressible types vary by Accept-Encoding, whichever variant is sent

    def variant(self, body: bytes, etag: str, encoding: str | None) -> Variant:
        validators = [f"ETag: {etag}", f"Last-Modified: {self.last_modified}",
                      f"Cache-Control: {self.cache_control}"]
        if self.vary:
            validators.append("Vary: Accept-Encoding")
        entity = [f"Content-Type: {self.content_type}", f"Content-Length: {len(body)}"]
        if encoding:
            entity.append(f"Content-Encoding: {encoding}")
        entity.append("X-Content-Type-Options: nosniff")
        return Variant(body, etag, _lines(entity + validators), _lines(validators))


def _lines(headers: list[str]) -> bytes:
    return "".join(f"{line}\r\n" for line in headers).encode("latin-1")


def _version(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


class FileCache:
    """Regular files under `root` by path segments; least recently used evicted first."""

    def __init__(self, root: Path, cache_control: str,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = os.path.realpath(root)
        self.cache_control = cache_control
        self.max_bytes = max_bytes
        self._files: OrderedDict[str, CachedFile] = OrderedDict()
        self._bytes = 0

    def get(self, parts: tuple[str, ...]) -> CachedFile | None:
        """The file `parts` names (a directory means its index.html), or None.

        None also for anything whose real path leaves the root, e.g. through a symlink.
        The real path is checked when a file version is loaded; a later request for the
        same path is served from memory only while `stat` (which follows symlinks) still
        finds that very inode, so re-pointing a symlink outside is noticed.
        """
        path = os.path.join(self.root, *parts)
        stat = _stat(path)
        if stat is not None and S_ISDIR(stat.st_mode):
            path = os.path.join(path, INDEX_FILE)
            stat = _stat(path)
        if stat is None or not S_ISREG(stat.st_mode):
            return None  # missing, or a FIFO or device that would block or never end
        cached = self._files.get(path)
        if cached is not None and cached.version == _version(stat):
            self._files.move_to_end(path)
            return cached
        real = self._inside(path)
        return self._load(path, real) if real is not None else None

    def _inside(self, path: str) -> str | None:
        real = os.path.realpath(path)
        return real if real.startswith(self.root + os.sep) else None

    def _load(self, path: str, real: str) -> CachedFile | None:
        try:
            with open(real, "rb") as handle:  # stat and bytes of the same inode
                stat = os.fstat(handle.fileno())
                if not S_ISREG(stat.st_mode):
                    return None
                data = handle.read()
        except OSError:
            return None
        cached = load_file(path, data, stat, self.cache_control)
        self._store(path, cached)
        return cached

    def _store(self, path: str, cached: CachedFile) -> None:
        old = self._files.pop(path, None)
        if old is not None:
            self._bytes -= old.size
        if cached.size > self.max_bytes:
            return  # served, but too big to keep
        self._files[path] = cached
        self._bytes += cached.size
        while self._bytes > self.max_bytes:
            _, evicted = self._files.popitem(last=False)
            self._bytes -= evicted.size



def _stat(path: str | None) -> os.stat_result | None:
    if path is None:
        return None
    try:
        return os.stat(path)
    except OSError:
        return None
