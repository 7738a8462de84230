"""Watch mode: rebuild whenever a file under content/ or assets/ is saved.

The process stays warm (imports, registered fonts, the hyphenation dictionary,
the chart cache), so a text edit rebuilds in a fraction of a cold build. A broken
intermediate save reports its errors and keeps the last good PDF.

The file system's own change notices (inotify, FSEvents, … through watchfiles) wake the
watcher the moment a file is saved; a scan of the folders (a project's few hundred files
take about a millisecond) then decides whether anything changed, so a notice about an
unrelated file or a missed notice never matters. Without notices (watchfiles missing, or
a folder it cannot watch) the folders are scanned every 50 ms. Folders created, removed
or moved away while scanning or building are simply seen as changes. The output folder
is never watched, even inside content/ (`-o content/out` would otherwise rebuild forever
on its own PDFs).
"""

from __future__ import annotations

import gc
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build import BuildResult, PreflightFailed, build, warm_up
from .cache import Cache
from .errors import Diagnostic, Pos, ReportError
from .paths import project_paths

Snapshot = dict[str, tuple[int, int, int]]
SETTLE = 0.01  # seconds between the scans that must agree before a rebuild (an editor mid-save)
NOTICED_INTERVAL = 0.5  # seconds between scans while change notices arrive


class _Notices:
    """The file system's change notices for `folders`, as a wake-up call (a background thread of
    watchfiles); `active` is False where they are not available and the watcher polls instead."""

    def __init__(self, folders: list[Path]):
        self._wake = threading.Event()
        self._stop = threading.Event()
        self.active = False
        try:
            import watchfiles
        except ImportError:
            return
        self.active = True
        self._thread = threading.Thread(target=self._run, args=(watchfiles, folders), daemon=True)
        self._thread.start()

    def _run(self, watchfiles: Any, folders: list[Path]) -> None:
        try:
            for _changes in watchfiles.watch(*folders, watch_filter=None, debounce=0, step=1,
                                             stop_event=self._stop, raise_interrupt=False):
                self._wake.set()
        except Exception:  # a folder it cannot watch, too many watches: scanning alone
            pass
        self.active = False
        self._wake.set()

    def wait(self, timeout: float) -> None:
        self._wake.wait(timeout)
        self._wake.clear()

    def close(self) -> None:
        self._stop.set()


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
        first = self.rebuild()
        yield first
        if first.result is not None and first.result.unchanged:
            self._warm_up()  # answered from its stamp: nothing of the pipeline is loaded yet
        # what the first build left (modules, fonts, the hyphenation dictionary, caches) lives as
        # long as the watcher: the garbage collector need not walk it again on every rebuild
        gc.freeze()
        notices = _Notices(self.folders())
        try:
            yield from self._changes(interval, stop, notices)
        finally:
            notices.close()

    def _warm_up(self) -> None:
        try:
            warm_up(self.content_dir)
        except Exception:  # noqa: BLE001 - the next rebuild meets it again and reports it
            pass

    def _changes(self, interval: float, stop: Callable[[], bool], notices: _Notices) -> Iterator[Cycle]:
        while not stop():
            # with notices, the scan still runs every half second: a notice lost (a folder made
            # while a build ran, an editor's rename dance) costs half a second, never a change
            notices.wait(NOTICED_INTERVAL if notices.active else interval)
            if self.changed():
                time.sleep(SETTLE)
                while self.changed():  # still being written: wait until two scans agree
                    time.sleep(SETTLE)
                yield self.rebuild()
