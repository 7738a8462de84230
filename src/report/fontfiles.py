"""Each TrueType file parsed once per process (and again only when the file changes).

The theme checks that its fonts can be read, the glyph check asks which characters they have, and
the layout registers them with reportlab: three users, one parse (reportlab's parse of six Lato
files is ~60 ms). Keyed by path, size and time, so a warm `report watch` sees a replaced font.
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
    name = f"{path.stem}-{hashlib.sha1(f'{path}|{size}|{mtime_ns}'.encode()).hexdigest()[:6]}"
    try:
        return TTFont(name, str(path))
    except (TTFError, OSError, ValueError, IndexError, KeyError, struct.error):
        return None
