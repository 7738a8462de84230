"""The methods `dataclasses` writes for every model, theme and layout class, compiled once and kept
beside the package's bytecode.

A dataclass's `__init__`, `__repr__`, `__eq__` (and a frozen class's `__setattr__`, `__delattr__`,
`__hash__`) are written as source text and compiled by `exec` when the class is defined. For the
~100 classes a build defines that was ~40 ms of every fresh process (230 M of the 1 250 M
instructions its imports took, measured with callgrind): a tenth of a one-word rebuild. Here the
`exec` that the `dataclasses` module calls is one that looks the text up in a table of code objects
first, compiled exactly as `exec` compiles it (no future flags: the module has none), and the table
is kept in this module's `__pycache__` folder, where Python keeps the package's bytecode: its
trust is theirs (whoever can write there can already change what the package runs). That is also
why it is not in the build's cache folder, which holds data only. A Python that does not write
bytecode (`-B`, PYTHONDONTWRITEBYTECODE) does not write the table either; PYTHONPYCACHEPREFIX moves it
with the bytecode.

The table's key is the whole source text, so a changed class simply misses and is compiled; a table
that cannot be read is an empty one. Where `dataclasses` does not call `exec` by that name (another
Python), nothing changes but time.
"""

from __future__ import annotations

import atexit
import dataclasses
import marshal
import os
import sys
from importlib.util import cache_from_source
from pathlib import Path
from types import CodeType
from typing import Any

MAX_ENTRIES = 2000  # more: texts of classes since changed; the table starts again from this process's

_codes: dict[str, CodeType] = {}
_used: set[str] = set()
_added = False


def table_path() -> Path:
    """Where the table is kept: beside this module's own bytecode (its name and Python's tag)."""
    return Path(cache_from_source(__file__)).with_suffix(".dataclasses")


def install() -> None:
    """Read the table and make `dataclasses` compile through it (once per process)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    try:
        with open(table_path(), "rb") as f:
            table = marshal.loads(f.read())  # (marshal.load reads a file a few bytes per call: 12× slower)
        if isinstance(table, dict):
            _codes.update((k, v) for k, v in table.items() if isinstance(k, str) and isinstance(v, CodeType))
    except (OSError, EOFError, ValueError, TypeError):
        pass  # none yet, or not one that this Python reads: compiled as they come
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # the module's global, looked up before the builtin
    atexit.register(keep)


def _exec(source: Any, globals: dict | None = None, locals: dict | None = None) -> Any:
    """`exec` as `dataclasses` calls it, from a compiled text where there is one."""
    global _added
    if isinstance(source, str):
        code = _codes.get(source)
        if code is None:
            # as the builtin compiles a string: in the caller's future flags, which are none
            code = _codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
            _added = True
        _used.add(source)
        source = code
    return exec(source, vars(dataclasses) if globals is None else globals, locals)  # (None: the caller's)


def keep() -> None:
    """Write the table where a text was compiled that it did not hold (atomically: another build may
    read it meanwhile). Nothing is lost but time where it cannot be written."""
    global _added
    if not _added or sys.dont_write_bytecode:
        return
    table = _codes if len(_codes) <= MAX_ENTRIES else {k: _codes[k] for k in _used}
    path = table_path()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(marshal.dumps(table))
        os.replace(tmp, path)
        _added = False
    except (OSError, ValueError):
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
