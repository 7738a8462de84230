"""The input stamp: a hash of everything a build reads, checked before anything heavy is imported.

An unchanged build — same content, assets, theme, fonts, code, libraries and options, and its
output files untouched since — returns the previous build's result in a few milliseconds instead
of importing reportlab and laying out again. The stamp reads every content and asset file (files
up to 1 MiB by their bytes, larger ones — images, fonts — by size, time and inode, which any
edit or replacement changes; the package's own files by size, times and inode too) and skips the
output folder when it lies inside the project. Fonts and images the build read from elsewhere in
the project (`../fonts/…`) are listed in the record and compared too. Records are JSON in the
cache; one that does not parse is a miss.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import time
from importlib.util import find_spec
from pathlib import Path

from .cache import Cache, digest_of, file_status, key, known_digest, read_regular
from .errors import Diagnostic, Pos
from .paths import project_paths
from .result import BuildResult, Output

FORMAT = 1
SMALL = 1024 * 1024  # bytes: files up to this size are hashed by content
LIBRARIES = ("reportlab", "_rl_accel", "matplotlib", "pikepdf", "pyphen", "fontTools", "PIL", "yaml", "pypdf")
PACKAGE = Path(__file__).resolve().parent


def input_stamp(content_dir: Path, out_dir: Path, options: object) -> str:
    h = hashlib.sha256(repr((FORMAT, sys.version, options, os.environ.get("SOURCE_DATE_EPOCH"),
                             str(Path.cwd()))).encode())
    try:
        st = os.stat(out_dir)
        skip = (st.st_dev, st.st_ino)
    except OSError:
        skip = None
    for folder in (PACKAGE, content_dir, project_paths(content_dir)[1]):
        h.update(f"\0folder {folder}\0".encode())
        _tree(str(folder), h, skip, read=folder != PACKAGE)
    for name in LIBRARIES:  # an upgraded library rewrites its files: new times
        spec = find_spec(name)
        origin = Path(spec.origin) if spec and spec.origin else None
        h.update(f"{name} {origin} {_stat(origin) if origin else None}\0".encode())
    return h.hexdigest()


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except OSError:
        return None


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _tree(top: str, h: hashlib._Hash, skip: tuple[int, int] | None, read: bool = True) -> None:
    """Every file under `top` (links followed, each folder once, the folder `skip` — device and
    inode — left out), in a stable order: a folder's files, then its subfolders, by name. Without
    `read`, files are described by their status (size, times, inode) alone, as Python checks its
    bytecode against its sources: the package's own ~200 files, which an install or edit rewrites."""
    seen: set[tuple[int, int]] = set()

    def walk(folder: str, rel: str) -> None:
        try:
            st = os.stat(folder)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:  # removed meanwhile: its files are simply not in the stamp
            return
        here = (st.st_dev, st.st_ino)
        if here in seen or here == skip:
            return
        seen.add(here)
        folders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if not is_dir:
                h.update(f"{rel}{entry.name}\0{_describe(entry.path) if read else file_status(entry.path)}\0".encode())
            elif entry.name != "__pycache__":
                folders.append(entry)
        for entry in folders:
            walk(entry.path, f"{rel}{entry.name}/")

    walk(top, "")


def _slot(content_dir: Path, out_dir: Path, options: object) -> str:
    return key("stamp", str(_resolved(content_dir)), str(_resolved(out_dir)), options)


def _describe(path: str | Path) -> str:
    began = time.time_ns()
    status = file_status(path)
    if status is None:
        return str(None)
    size, mtime, _ctime, inode, _device = status
    # in one process (`report watch`) a file whose status did not change is not read again; its
    # digest also serves the fonts' parses and the charts' keys (cache.digest_of)
    known = known_digest(status) if size <= SMALL else None
    if known is not None:
        return known
    data = read_regular(path, SMALL) if size <= SMALL else None
    return digest_of(path, data, status, began) if data is not None else str((size, mtime, inode))


def recall(cache: Cache, content_dir: Path, out_dir: Path, options: object, stamp: str) -> BuildResult | None:
    """The previous result if the stamp matches and every file it wrote is still as written."""
    data = cache.get("stamps", _slot(content_dir, out_dir, options))
    try:
        record = json.loads(data) if data else None
        if not record or record["stamp"] != stamp:
            return None
        if any(_describe(Path(path)) != described for path, described in record["elsewhere"].items()):
            return None
        outputs = [Output(o["edition"], Path(o["path"]), int(o["size"]), int(o["pages"]), str(o.get("part", "")))
                   for o in record["outputs"]]
        if [list(_stat(o.path) or ()) for o in outputs] != record["stats"]:
            return None
        warnings = [Diagnostic(w["message"], Pos(Path(w["file"]) if w["file"] else None, w["line"], w["col"]),
                               w["hint"], w["severity"]) for w in record["warnings"]]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # not a record of ours: a miss
    return BuildResult(outputs, warnings, unchanged=True)


def record(cache: Cache, content_dir: Path, out_dir: Path, options: object, stamp: str, result: BuildResult) -> None:
    inside = [_resolved(content_dir), _resolved(project_paths(content_dir)[1])]
    elsewhere = {str(p): _describe(p) for p in map(Path, result.inputs)
                 if not any(root and _resolved(p) and _resolved(p).is_relative_to(root) for root in inside)}
    entry = {"stamp": stamp, "elsewhere": elsewhere,
             "outputs": [{"edition": o.edition, "path": str(o.path), "size": o.size, "pages": o.pages,
                          **({"part": o.part} if o.part else {})} for o in result.outputs],
             "stats": [list(_stat(o.path) or ()) for o in result.outputs],
             "warnings": [{"message": w.message, "file": str(w.pos.file) if w.pos.file else None,
                           "line": w.pos.line, "col": w.pos.col, "hint": w.hint, "severity": w.severity}
                          for w in result.warnings]}
    cache.put("stamps", _slot(content_dir, out_dir, options), json.dumps(entry).encode())


def asset_files(*models: object) -> list[Path]:
    """The files the models name (images, a logo; resolved paths), found by walking them."""
    found, todo, seen = set(), list(models), set()
    while todo:
        value = todo.pop()
        if isinstance(value, Path):
            found.add(value)
        elif id(value) in seen:
            continue
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            seen.add(id(value))
            todo += [getattr(value, f.name) for f in dataclasses.fields(value)]
        elif isinstance(value, list | tuple):
            todo += value
        elif isinstance(value, dict):
            todo += value.values()
    return sorted(p for p in found if p.is_file())
