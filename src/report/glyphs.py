"""Every character of the content must be in the document's fonts.

Without this check a character the fonts lack (a Chinese name, an emoji pasted from a chat) is
printed as an empty box by reportlab and as a warning by matplotlib: the build "succeeds" and the
print shop gets tofu. It runs after the theme is known, before charts and layout.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics

from .errors import Diagnostics, Pos
from .model import Document, Node

_SKIP = {"kind", "name", "language"}  # checked elsewhere, never printed as text
_SHOWN = 5


def _coverage(path: Path) -> frozenset[int]:
    # the font reportlab registers for the layout anyway (fontfiles.parsed): parsing a TrueType
    # file twice costs ~10 ms per font on every build
    from .layout.styles import register_font
    return _characters(pdfmetrics.getFont(register_font(path)).face)


@cache
def _characters(face: object) -> frozenset[int]:
    return frozenset(face.charToGlyph)


def covered(fonts: dict[str, Path]) -> frozenset[int]:
    """Code points every font of the theme has (text may be set in any of them)."""
    sets = [_coverage(p) for p in fonts.values()]
    return frozenset.intersection(*sets) if sets else frozenset()


def check_glyphs(doc: Document, fonts: dict[str, Path]) -> None:
    """Raise a ReportError naming each text with characters the fonts cannot print."""
    have = covered(fonts)
    family = next(iter(fonts.values())).stem.split("-")[0] if fonts else "the theme's font"
    diag = Diagnostics()
    nodes: list[Node] = [doc.report, *doc.sections, *doc.charts.values()]
    for node in nodes:
        _walk(node, node.pos, have, family, diag)
    diag.raise_if_errors()


def _walk(value: Any, pos: Pos, have: frozenset[int], family: str, diag: Diagnostics, field: str = "") -> None:
    if isinstance(value, Node):
        for f in dataclasses.fields(value):
            if f.name not in _SKIP:
                _walk(getattr(value, f.name), value.field_pos.get(f.name, pos), have, family, diag, f.name)
    elif isinstance(value, list):
        for item in value:
            _walk(item, pos, have, family, diag, field)
    elif isinstance(value, str):
        missing = sorted({c for c in value if ord(c) not in have and not c.isspace()})
        if missing:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:_SHOWN])
            more = f" and {len(missing) - _SHOWN} more" if len(missing) > _SHOWN else ""
            diag.error(pos, f"{field}: the font {family} has no glyph for {shown}{more}",
                       "replace the characters (e.g. an emoji or a symbol from another script), "
                       "or choose fonts in theme.yaml that have them")
