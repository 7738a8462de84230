"""Watch mode: rebuild whenever a file under content/ or assets/ is saved.

The process stays warm (imports, registered fonts, the hyphenation dictionary,
the chart cache), so a text edit rebuilds in a fraction of a cold build. A broken
intermediate save reports its errors and keeps the last good PDF.

Changes are found by polling every 50 ms (a scan of a project's few hundred files
takes about a millisecond); folders created, removed or moved away while scanning or
building are simply seen as changes. The output folder is never watched, even inside
content/ (`-o content/out` would otherwise rebuild forever on its own PDFs).
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .build import BuildResult, PreflightFailed, build
from .cache import Cache
from .errors import Diagnostic, Pos, ReportError
from .paths import project_paths

Snapshot = dict[str, tuple[int, int, int]]
SETTLE = 0.02  # seconds between the scans that must agree before a rebuild (an editor mid-save)


@dataclass
class Cycle:
    """One rebuild: its result or its errors, and how long it took."""

    seconds: float
    result: BuildResult | None = None
    error: ReportError | PreflightFailed | None = None


@dataclass
class Watcher:
    content_dir: Path
    out_dir: Path
    editions: list[str] | None = None
    cache: Cache = field(default_factory=Cache)
    snapshot: Snapshot = field(default_factory=dict)

    def folders(self) -> list[Path]:
        return [self.content_dir, project_paths(self.content_dir)[1]]

    def scan(self) -> Snapshot:
        """Every visible file under the watched folders with its size, time and inode."""
        try:
            skip = os.path.realpath(self.out_dir)
        except OSError:
            skip = ""
        files: Snapshot = {}
        for folder in self.folders():
            self._scan(str(folder), files, skip, set())
        return files

    def _scan(self, folder: str, files: Snapshot, skip: str, seen: set[tuple[int, int]]) -> None:
        try:
            entries = list(os.scandir(folder))
            st = os.stat(folder)
        except OSError:  # removed or moved away meanwhile: its files are gone from the snapshot
            return
        if (st.st_dev, st.st_ino) in seen or os.path.realpath(folder) == skip:
            return
        seen.add((st.st_dev, st.st_ino))
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            if stat.S_ISDIR(info.st_mode):
                self._scan(entry.path, files, skip, seen)
            else:
                files[entry.path] = (info.st_mtime_ns, info.st_size, info.st_ino)

    def changed(self) -> bool:
        current = self.scan()
        if current != self.snapshot:
            self.snapshot = current
            return True
        return False

    def rebuild(self) -> Cycle:
        start = time.perf_counter()
        try:
            result = build(self.content_dir, self.out_dir, self.editions, cache=self.cache)
            return Cycle(time.perf_counter() - start, result=result)
        except (ReportError, PreflightFailed) as exc:
            return Cycle(time.perf_counter() - start, error=exc)
        except Exception as exc:  # files moved while building, or a bug: report it, keep watching
            why = f"{type(exc).__name__}: {exc}"
            hint = "files changed while building; the next save rebuilds" if isinstance(exc, OSError) else \
                "this is a bug in report; the next save tries again"
            error = ReportError([Diagnostic(f"the build stopped: {why}", Pos(self.content_dir), hint)])
            return Cycle(time.perf_counter() - start, error=error)

    def cycles(self, interval: float = 0.05, stop: Callable[[], bool] = lambda: False) -> Iterator[Cycle]:
        """Build now, then after every change, until `stop()` says so."""
        self.changed()
        yield self.rebuild()
        while not stop():
            time.sleep(interval)
            if self.changed():
                time.sleep(SETTLE)
                while self.changed():  # still being written: wait until two scans agree
                    time.sleep(SETTLE)
                yield self.rebuild()
