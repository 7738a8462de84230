"""Atomic writes: a file appears complete under its final name, or not at all.

The temporary file carries the writer's process id (`.NAME.PID.xxxx.part`); a killed writer's
leftover is removed by the next write of the same file once that process is gone.
"""

from __future__ import annotations

import os
import tempfile
from glob import escape as glob_escape
from pathlib import Path

from .errors import Diagnostic, Pos, ReportError


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush to disk, then rename over it."""
    write_all([(path, data)])


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write several files so that none replaces its old version unless all were written: each goes
    to a temporary file beside its path first, flushed to disk; only then are they renamed over
    their paths (the editions of a build: a full disk while writing the print edition keeps the
    previous screen edition too)."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            staged.append((_stage(path, data), path))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise ReportError([Diagnostic(f"cannot write {path.name}: {exc.strerror}", Pos(path),
                                              "check the output folder's permissions")]) from None
    finally:
        for tmp, _path in staged:
            Path(tmp).unlink(missing_ok=True)  # (gone once renamed)


def _stage(path: Path, data: bytes) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ReportError([Diagnostic(f"cannot write to {path.parent}: {exc.strerror}", Pos(path),
                                      "choose another output folder with -o, or check its permissions")]) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; the PDF is meant to be shared
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ReportError([Diagnostic(f"cannot write {path.name}: {exc.strerror}", Pos(path),
                                      "check free disk space and permissions; the previous file was kept")]) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def remove_stale_parts(path: Path) -> None:
    """Remove `.part` files of `path` left by writers that no longer run (killed mid-write)."""
    for part in path.parent.glob(f".{glob_escape(path.name)}.*.part"):
        pid = part.name[len(path.name) + 2:].split(".", 1)[0]
        if not pid.isdigit() or not pid_alive(int(pid)):
            try:
                part.unlink()
            except OSError:
                pass


def pid_alive(pid: int) -> bool:
    """Does process `pid` still run (a writer whose temp file may still be in use)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
