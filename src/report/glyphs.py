"""Every character of the content must be printable: in the document's fonts, or in the bundled
text font that stands in for the glyphs a house font lacks.

Without this check a character the fonts lack (a Chinese name, an emoji pasted from a chat) is
printed as an empty box by reportlab and as a warning by matplotlib: the build "succeeds" and the
print shop gets tofu. It runs after the theme is known, before the layout.

House fonts (theme.yaml's `fonts:`) often lack a few characters a text uses: „ “ in a font made
for English, €, ≥, −, ←, a Polish or Turkish name. Those are set glyph by glyph from the bundled
text font (Lato) in the weight and style closest to the house font's, at the same size
(fontfiles.set_fallback), and one warning names them, at the first text that has one. Characters
the layout makes of the text are included (straight quotes become „ “, -3 becomes −3), and so are
those it adds itself (list bullets, labels, number separators). A character neither font has is an
error, as before. Fonts that have every character the document needs are left as they are: the
check then costs what it always did.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics

from .errors import Diagnostic, Diagnostics, Pos
from .fonts import TEXT_FONT, text_font_for
from .locale import Locale
from .model import Document, Node
from .units import MINUS

_SKIP = {"kind", "name", "language"}  # checked elsewhere, never printed as text
_SHOWN = 5
_LISTED = 12  # characters a fallback warning names
_SPACES = frozenset(map(ord, " \t\n\r\u00a0"))  # never drawn as a glyph (reportlab sets U+00A0 as a space)
# what the layout makes of a text (typographic quotes come from the locale) and adds on its own:
# dashes, minus, ellipsis, list bullets, the running head's separator, table note marks
_SHAPED = "’–—−…"
_ADDED = "•–·" + MINUS + "¹²³⁴⁵⁶⁷⁸⁹⁰"


def _font(path: Path) -> Any:
    # the font reportlab registers for the layout anyway (fontfiles.parsed): parsing a TrueType
    # file twice costs ~10 ms per font on every build
    from .layout.styles import register_font
    return pdfmetrics.getFont(register_font(path))


def _coverage(path: Path) -> frozenset[int]:
    return _characters(_font(path).face)


@cache
def _characters(face: object) -> frozenset[int]:
    return frozenset(face.charToGlyph)


def covered(fonts: dict[str, Path]) -> frozenset[int]:
    """Code points every font of the theme has (text may be set in any of them)."""
    sets = [_coverage(p) for p in fonts.values()]
    return frozenset.intersection(*sets) if sets else frozenset()


def check_glyphs(doc: Document, fonts: dict[str, Path], locale: Locale | None = None,
                 at: Pos = Pos()) -> list[Diagnostic]:
    """Raise a ReportError naming each text with characters neither the fonts nor the fallback
    can print; give the fonts that lack some the fallback, and return the warning that names those
    characters (none where the fonts have them all). `at`: the theme's fonts, where a character
    only the layout adds is reported."""
    have = covered(fonts)
    family = next(iter(fonts.values())).stem.split("-")[0] if fonts else "the theme's font"
    shaped = None
    if locale is not None and _shaped(locale) - have:  # only then: typographic() on every text costs
        shaped = locale.typographic
    found: list[tuple[Pos, str, list[str]]] = []
    nodes: list[Node] = [doc.report, *doc.sections, *doc.charts.values()]
    for node in nodes:
        _walk(node, node.pos, have, shaped, found)
    added = sorted(_added(locale) - have) if locale is not None else []
    if not found and not added:
        return []
    fallbacks = _fallbacks(fonts)
    printable = frozenset.intersection(*(_coverage(p) | (_characters(fb.face) if fb else frozenset())
                                         for p, fb in fallbacks.items()))
    diag = Diagnostics()
    first: dict[str, Pos] = {}  # each character set from the fallback, and where it is first
    for pos, field, missing in found:
        bad = [c for c in missing if ord(c) not in printable and not c.isspace()]
        for c in missing:
            if ord(c) in printable:
                first.setdefault(c, pos)
        if bad:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in bad[:_SHOWN])
            more = f" and {len(bad) - _SHOWN} more" if len(bad) > _SHOWN else ""
            who = f"the font {family} has" if not any(fallbacks.values()) \
                else f"neither the font {family} nor {TEXT_FONT}, the fallback, has"
            diag.error(pos, f"{field}: {who} no glyph for {shown}{more}",
                       "replace the characters (e.g. an emoji or a symbol from another script), "
                       "or choose fonts in theme.yaml that have them")
    diag.raise_if_errors()
    layout = [chr(c) for c in added if c in printable and chr(c) not in first]
    needed = {ord(c) for c in first} | {ord(c) for c in layout}
    from .fontfiles import set_fallback
    for path, fb in fallbacks.items():
        if fb is not None and needed - _coverage(path):
            set_fallback(_font(path), fb)
    if not first and not layout:
        return []
    return [_warning(family, list(first), layout, next(iter(first.values()), at))]


def _warning(family: str, chars: list[str], layout: list[str], pos: Pos) -> Diagnostic:
    shown = ", ".join(_name(c) for c in chars[:_LISTED])
    more = f" and {len(chars) - _LISTED} more" if len(chars) > _LISTED else ""
    also = ", ".join(_name(c) for c in layout)
    if shown and also:
        message = f"the font {family} has no glyph for {shown}{more} (nor for {also}, where the layout sets them)"
    elif shown:
        message = f"the font {family} has no glyph for {shown}{more}"
    else:
        message = f"the font {family} has no glyph for {also}, which the layout sets (bullets, numbers, labels)"
    return Diagnostic(f"{message}: they are set in {TEXT_FONT}, the bundled text font, in the nearest weight "
                      "and style at the same size", pos,
                      "choose house fonts in theme.yaml that have these characters (a newer version of the "
                      "font may), or replace them in the text", "warning")


def _name(c: str) -> str:
    if c.isspace():  # invisible between quotes
        return f"U+{ord(c):04X} ({unicodedata.name(c, 'space').lower()})"
    return f"'{c}' (U+{ord(c):04X})"


def _fallbacks(fonts: dict[str, Path]) -> dict[Path, Any]:
    """Each theme font file's fallback (reportlab's parse of the bundled text font in its weight and
    style); None where the file is that font."""
    out: dict[Path, Any] = {}
    for path in fonts.values():
        if path not in out:
            font = _font(path)
            fallback = _font(text_font_for(font.face._ttf_data))
            out[path] = None if fallback is font else fallback
    return out


def _shaped(locale: Locale) -> frozenset[int]:
    """The characters the layout may make of a text's (its quotes, dashes, minus, ellipsis)."""
    return frozenset(map(ord, _SHAPED + "".join(locale.quotes) + "".join(locale.inner_quotes)))


def _added(locale: Locale) -> frozenset[int]:
    """The characters the layout adds to the content: its fixed words and number separators too."""
    return frozenset(map(ord, _ADDED + locale.thousands + locale.decimal + "".join(locale.labels.values()))) - _SPACES


def _walk(value: Any, pos: Pos, have: frozenset[int], shaped: Any, found: list, field: str = "") -> None:
    if isinstance(value, Node):
        for f in dataclasses.fields(value):
            if f.name not in _SKIP:
                _walk(getattr(value, f.name), value.field_pos.get(f.name, pos), have, shaped, found, f.name)
    elif isinstance(value, list):
        for item in value:
            _walk(item, pos, have, shaped, found, field)
    elif isinstance(value, str):
        text = value if shaped is None else value + shaped(value)
        missing = sorted({c for c in text if ord(c) not in have and ord(c) not in _SPACES})
        if missing:
            found.append((pos, field, missing))
