"""Tabular figures: numbers in a table column line up only when every digit is equally wide.

reportlab cannot switch on the OpenType feature `tnum`, so the fonts' default digits are what
tables get. Lato's are tabular (all ten 1160 units wide); a theme font whose digits differ in
width gets a warning naming the theme's font entry.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Diagnostic, Pos
from .theme import Theme

TABLE_FONTS = ("regular", "bold")  # body and total rows of tables
_DIGITS = "0123456789"


def digit_widths(path: Path) -> dict[str, float] | None:
    """Advance width of each digit in thousandths of an em; None when the font lacks one."""
    from .fontfiles import parsed
    font = parsed(path)
    if font is None:
        return None
    font = font.face  # the parse the theme check made
    if any(ord(d) not in font.charWidths for d in _DIGITS):
        return None
    return {d: round(font.charWidths[ord(d)], 1) for d in _DIGITS}


def _written(theme: Theme, role: str, path: Path) -> str:
    """The font's file name as theme.yaml writes it: a converted one (an .otf, a variable font's instance)
    lives in the cache under a name of its own (Brand-Bold-static.ttf)."""
    from .fonts import font_cache_dir
    written = getattr(theme.fonts, role, None)
    return Path(written).name if written and path.is_relative_to(font_cache_dir()) else path.name


def check_digits(theme: Theme, fonts: dict[str, Path]) -> list[Diagnostic]:
    """A warning per table font whose default digits are proportional."""
    found = []
    for role in TABLE_FONTS:
        path = fonts.get(role)
        widths = digit_widths(path) if path else None
        if not widths or len(set(widths.values())) == 1:
            continue
        pos = theme.fonts.field_pos.get(role, Pos())
        narrow, wide = min(widths, key=widths.get), max(widths, key=widths.get)
        found.append(Diagnostic(
            f"the {role} font {_written(theme, role, path)} has proportional digits ('{narrow}' is "
            f"{widths[narrow]:g}/1000 em wide, '{wide}' {widths[wide]:g}): numbers in table columns will not line up",
            pos, "choose a font whose default figures are tabular (Lato's are); reportlab cannot switch on "
                 "OpenType 'tnum'", "warning"))
    return found
