"""A small content-addressed cache in $XDG_CACHE_HOME/report (default ~/.cache/report).

Entries are written atomically (temp file + rename), so concurrent builds never see half an
entry; each entry carries a SHA-256 of its payload, so a corrupt entry is detected, dropped
and rebuilt. The cache is an optimisation only: any problem with it means a cache miss.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import asdict, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__

DIGEST = 32  # bytes of SHA-256 in front of every entry


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "report"


def key(*parts: Any) -> str:
    """A stable key from plain data and dataclasses (source positions are not part of it)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(asdict(part) if is_dataclass(part) else part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


@lru_cache(maxsize=256)
def _file_digest(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_digest(path: Path) -> str:
    st = path.stat()
    return _file_digest(path, st.st_mtime_ns, st.st_size)


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

    def get(self, kind: str, k: str) -> bytes | None:
        if not self.enabled:
            return None
        path = self._path(kind, k)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        payload = data[DIGEST:]
        if len(data) < DIGEST or hashlib.sha256(payload).digest() != data[:DIGEST]:
            path.unlink(missing_ok=True)  # corrupt or truncated: forget it
            self.misses += 1
            return None
        self.hits += 1
        return payload

    def put(self, kind: str, k: str, payload: bytes) -> None:
        if not self.enabled:
            return
        path = self._path(kind, k)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full cache only costs speed
