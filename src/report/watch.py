"""Watch mode: rebuild whenever a file under content/ or assets/ is saved.

The process stays warm (imports, registered fonts, the hyphenation dictionary,
the chart cache), so a text edit rebuilds in a fraction of a cold build. A broken
intermediate save reports its errors and keeps the last good PDF.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .build import BuildResult, PreflightFailed, build
from .cache import Cache
from .content import project_paths
from .errors import ReportError

Snapshot = dict[Path, tuple[int, int]]


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
        files: Snapshot = {}
        for folder in self.folders():
            if folder.is_dir():
                for path in folder.rglob("*"):
                    if path.is_file() and not path.name.startswith("."):
                        st = path.stat()
                        files[path] = (st.st_mtime_ns, st.st_size)
        return files

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

    def cycles(self, interval: float = 0.3, stop: Callable[[], bool] = lambda: False) -> Iterator[Cycle]:
        """Build now, then after every change, until `stop()` says so."""
        self.changed()
        yield self.rebuild()
        while not stop():
            time.sleep(interval)
            if self.changed():
                time.sleep(0.05)  # let an editor finish writing
                self.changed()
                yield self.rebuild()
