"""Each TrueType file parsed once per process (and again only when the file changes).

The theme checks that its fonts can be read, the glyph check asks which characters they have, and
the layout registers them with reportlab: three users, one parse (reportlab's parse of six Lato
files is ~60 ms). Keyed by path, size and time, so a warm `report watch` sees a replaced font; and
by the bytes, so that the same font in two places (the package's Lato, which measures chart labels,
and a project's copy of it) is parsed once.
"""

from __future__ import annotations

import hashlib
import struct
from functools import lru_cache
from pathlib import Path
from typing import Any


def parsed(path: Path) -> Any | None:
    """reportlab's TTFont for the file, or None when reportlab cannot read it."""
    try:
        st = path.stat()
    except OSError:
        return None
    return _parse(path, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=64)
def _parse(path: Path, size: int, mtime_ns: int) -> Any | None:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont
    try:
        digest = hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None
    if digest in _by_bytes:
        return _by_bytes[digest]
    name = f"{path.stem}-{hashlib.sha1(f'{path}|{size}|{mtime_ns}'.encode()).hexdigest()[:6]}"
    try:
        font = TTFont(name, str(path))
    except (TTFError, OSError, ValueError, IndexError, KeyError, struct.error):
        font = None
    if len(_by_bytes) >= 64:  # `report watch` with fonts replaced again and again: no pile
        _by_bytes.clear()
    _by_bytes[digest] = font
    return font


_by_bytes: dict[bytes, Any] = {}  # SHA-256 of a file → its parse (or None)
