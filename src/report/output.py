"""Atomic writes: a file appears complete under its final name, or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import Diagnostic, Pos, ReportError


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush to disk, then rename over it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ReportError([Diagnostic(f"cannot write to {path.parent}: {exc.strerror}", Pos(path),
                                      "choose another output folder with -o, or check its permissions")]) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; the PDF is meant to be shared
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ReportError([Diagnostic(f"cannot write {path.name}: {exc.strerror}", Pos(path),
                                      "check free disk space and permissions; the previous file was kept")]) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
