"""A small content-addressed cache in $XDG_CACHE_HOME/report (default ~/.cache/report).

Entries are written atomically (temp file + rename), so concurrent builds never see half an
entry; each entry carries a SHA-256 of its payload, so a corrupt entry is detected, dropped
and rebuilt. The cache is an optimisation only: any problem with it means a cache miss.

Entries are data only (PDF, JPEG, TrueType, gzip'd text, JSON), never pickles: anyone who can
write the cache directory (a shared CI cache) can make a build slower or its output wrong, but
cannot run code. The checksum does not authenticate; so every reader parses what it gets and
treats a payload that does not parse as a miss (`get(..., valid=...)`). Only regular files are
read (a FIFO planted as an entry would block the build forever).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .output import pid_alive

DIGEST = 32  # bytes of SHA-256 in front of every entry
MAX_ENTRY = 256 * 1024 * 1024  # bytes: larger "entries" are not ours
STALE_TMP = 3600  # seconds after which a temp file of a crashed writer is removed
BUDGET_MB = 1024  # what the entries may take before the least recently used go (REPORT_CACHE_MB; 0: no limit)
PRUNE_EVERY = 24 * 3600  # seconds between looks at the entries' size
PRUNED = ".pruned"  # the marker file whose time says when the cache was last looked at


# A file changed less than this long ago may be written again within the same tick of the kernel's
# file clock, leaving size, times and inode as they were: what was read of it is not kept in memory
# (git calls such a file "racily clean").
RACY_NS = 100_000_000


def file_status(path: str | Path) -> tuple[int, int, int, int, int] | None:
    """(size, mtime, ctime, inode, device) of a file, links followed; None where there is none. Any
    write changes ctime, which (unlike mtime) no program can set back: within one process, a file
    whose status is unchanged has not been written (see `settled` for the one exception)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # missing, unreadable, a NUL in the name
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev


def settled(status: tuple[int, ...] | None, since: int) -> bool:
    """Whether a file of `status` (from file_status) last changed RACY_NS or more before `since`
    (time.time_ns()), so that what was read of it may be kept while its status stays the same."""
    return status is None or status[2] < since - RACY_NS


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "report"


def key(*parts: Any) -> str:
    """A stable key from plain data and dataclasses (source positions are not part of it)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(plain(part) if is_dataclass(part) else part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def plain(obj: Any) -> Any:
    """What `dataclasses.asdict` makes of `obj`, with the same repr, without its deep copy of every
    value (a key only reads it: the 63 chart keys of a long report took ~40 ms in asdict)."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # a named tuple, as asdict keeps it
        return type(obj)(*[plain(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(plain(v) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((plain(k), plain(v)) for k, v in obj.items())
    return obj


def file_digest(path: Path) -> str:
    """The SHA-256 (hex) of a file's bytes: remembered while its status stays the same (a file
    rewritten to the same size with its time set back has another ctime)."""
    status = file_status(path)
    known = known_digest(status)
    if known is not None:
        return known
    began = time.time_ns()
    return digest_of(path, path.read_bytes(), status, began)


# The SHA-256 of files this process has read, by (device, inode), with the file's status when it
# was read: the input stamp hashes the project's files (the fonts among them), and the layout's
# fonts and the charts' keys need the same digests. Kept only for files settled when read (see
# `settled`); used only while the status is the same.
_DIGESTS: dict[tuple[int, int], tuple[tuple[int, ...], str]] = {}


def digest_of(path: str | Path, data: bytes, status: tuple[int, ...] | None, began: int) -> str:
    """The SHA-256 (hex) of `data`, the bytes of `path` read after `began` (time.time_ns()) while
    its status was `status`: the digest remembered for that status, else computed — and remembered
    when the file is still as it was and settled."""
    unchanged = status is not None and file_status(path) == status
    known = known_digest(status) if unchanged else None
    if known is not None:
        return known
    digest = hashlib.sha256(data).hexdigest()
    if unchanged and settled(status, began):
        if len(_DIGESTS) >= 4096:  # `report watch` over months of edits: no pile
            _DIGESTS.clear()
        _DIGESTS[status[4], status[3]] = (status, digest)
    return digest


def known_digest(status: tuple[int, ...] | None) -> str | None:
    """The digest remembered for the file of `status`, if it has not changed since."""
    if status is None:
        return None
    seen = _DIGESTS.get((status[4], status[3]))
    return seen[1] if seen is not None and seen[0] == status else None


@lru_cache(maxsize=8)
def code_version(package_dir: Path) -> str:
    """Changes whenever the code that produces an entry changes."""
    h = hashlib.sha256(__version__.encode())
    for src in sorted(package_dir.rglob("*.py")):
        h.update(src.read_bytes())
    return h.hexdigest()[:16]


class Cache:
    def __init__(self, root: Path | None = None, enabled: bool = True):
        self.root = root or default_dir()
        self.enabled = enabled
        self.hits = self.misses = 0

    def _path(self, kind: str, k: str) -> Path:
        return self.root / kind / k[:2] / k

    def get(self, kind: str, k: str, valid: Callable[[bytes], bool] | None = None) -> bytes | None:
        """The payload, or None. `valid` says whether a payload parses as what the reader expects."""
        if not self.enabled:
            return None
        path = self._path(kind, k)
        data = read_regular(path, MAX_ENTRY)
        payload = data[DIGEST:] if data is not None else b""
        if data is None or len(data) < DIGEST or hashlib.sha256(payload).digest() != data[:DIGEST] \
                or (valid is not None and not _safe(valid, payload)):
            if data is not None or path.is_symlink() or (path.exists() and not path.is_file()):
                _unlink(path)  # corrupt, truncated, foreign or a special file: forget it
            self.misses += 1
            return None
        self.hits += 1
        return payload

    def put(self, kind: str, k: str, payload: bytes) -> None:
        if not self.enabled:
            return
        path = self._path(kind, k)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temps(path.parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{os.getpid()}-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
        except OSError:
            if tmp is not None:
                _unlink(Path(tmp))  # a full disk leaves no half-written temp file behind
            # a read-only or full cache only costs speed

    def prune(self, budget: int | None = None, now: float | None = None) -> int:
        """Once a day at most (the time of a marker file in the folder): when the entries take more
        than `budget` bytes (default: REPORT_CACHE_MB, else BUDGET_MB), remove the least recently
        used — last read or written: access time, else modification time — until they take 80 %
        of it. Only entries go (`kind/xx/key`): a chart font a build has open, a temp file being
        written and anything else in the folder stay. Returns the bytes removed."""
        budget = _budget() if budget is None else budget
        now = time.time() if now is None else now
        marker = self.root / PRUNED
        if not self.enabled or budget <= 0:
            return 0
        try:
            if now - marker.stat().st_mtime < PRUNE_EVERY:
                return 0
        except OSError:
            pass
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            marker.touch()
            os.utime(marker, (now, now))
        except OSError:
            return 0
        entries = sorted(_entries(self.root))
        total = sum(size for _used, size, _path in entries)
        removed = 0
        for _used, size, path in entries:
            if total - removed <= budget * 0.8:
                break
            try:
                os.unlink(path)
            except OSError:
                continue
            removed += size
        return removed

    def get_json(self, kind: str, k: str) -> Any:
        """A value stored with `put_json`, or None: missing, or not zlib-compressed JSON (a miss; the
        reader still checks the value's shape)."""
        data = self.get(kind, k)
        if data is None:
            return None
        try:
            return json.loads(zlib.decompress(data))
        except (ValueError, zlib.error):
            return None

    def put_json(self, kind: str, k: str, value: Any) -> None:
        """`value` as compact JSON, zlib-compressed (fast level: line breaks and words of long reviews)."""
        self.put(kind, k, zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), 1))


def _budget() -> int:
    """REPORT_CACHE_MB in bytes (a whole number of MiB, 0 for no limit), else BUDGET_MB."""
    try:
        mb = int(os.environ.get("REPORT_CACHE_MB", BUDGET_MB))
    except ValueError:
        mb = BUDGET_MB
    return max(mb, 0) * 1024 * 1024


def _entries(root: Path) -> list[tuple[float, int, str]]:
    """(last use, size, path) of every entry under `root` (`kind/xx/key`, xx the key's first two
    characters); links and special files are not entries, and are not followed."""
    found = []
    for kind in _dirs(str(root)):
        for sub in _dirs(kind.path):
            if len(sub.name) != 2:
                continue
            try:
                with os.scandir(sub.path) as files:
                    for f in files:
                        if f.name.startswith(sub.name) and f.is_file(follow_symlinks=False):
                            st = f.stat(follow_symlinks=False)
                            found.append((max(st.st_atime, st.st_mtime), st.st_size, f.path))
            except OSError:
                continue
    return found


def _dirs(path: str) -> list[os.DirEntry]:
    try:
        with os.scandir(path) as entries:
            return [e for e in entries if e.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes, else None: never blocks on a FIFO
    or a device, never follows a link out of the cache."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _safe(valid: Callable[[bytes], bool], payload: bytes) -> bool:
    try:
        return bool(valid(payload))
    except Exception:  # a validator that cannot parse the payload: not valid, whatever it raised
        return False


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def remove_stale_temps(folder: Path) -> None:
    """Temp files of writers that died (killed, or their disk filled up before they could clean up)."""
    now = time.time()
    for tmp in folder.glob(".tmp-*"):
        pid = tmp.name.split("-")[1] if tmp.name.count("-") >= 2 else ""
        try:
            if (pid.isdigit() and not pid_alive(int(pid))) or now - tmp.lstat().st_mtime > STALE_TMP:
                tmp.unlink()
        except OSError:
            pass
