"""Every character of the content must be printable: in the document's fonts, or in the bundled
text font that stands in for the glyphs a house font lacks.

Without this check a character the fonts lack (a Chinese name, an emoji pasted from a chat) is
printed as an empty box by reportlab and as a warning by matplotlib: the build "succeeds" and the
print shop gets tofu. It runs after the theme is known, before the layout.

House fonts (theme.yaml's `fonts:`) often lack a few characters a text uses: „ “ in a font made
for English, €, ≥, −, ←, a Polish or Turkish name. Those are set glyph by glyph from the bundled
text font (Lato) in the weight and style closest to the house font's, at the same size
(fontfiles.set_fallback; charts: charts._render_one). The check looks for them in the content and
in what the layout makes of it (straight quotes become „ “, -3 becomes −3), and takes those the
layout adds itself (list bullets, labels, number separators) into account; a character neither
font has is an error, as before. After the layout one warning names the characters that were set
from the fallback, at the first text that has one (`fallback_warning`). Fonts that have every
character the document needs are left as they are, and the check costs what it always did.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Fallback:
    """What the check found for the warning that follows the layout (`fallback_warning`)."""

    family: str  # the house font's family, as the messages name it
    first: dict[str, Pos]  # each character of the content set from the fallback, and where it is first
    charts: frozenset[str]  # those of them that chart text has (matplotlib draws it, not the layout)
    at: Pos  # the theme's fonts: where a character only the layout adds is reported
    # each font file of the theme: its name as theme.yaml writes it, its roles, where it is named, what it has
    files: tuple[tuple[str, tuple[str, ...], Pos, frozenset[int]], ...] = ()


def check_glyphs(doc: Document, fonts: dict[str, Path], locale: Locale | None = None,
                 at: Pos = Pos(), given: Node | None = None) -> Fallback | None:
    """Raise a ReportError naming each text with characters neither the fonts nor the fallback
    can print; give the fonts that lack some the fallback. None where the fonts have them all.
    `given`: the theme's fonts block (file names as written and their lines, for the warning)."""
    have = covered(fonts)
    family = next(iter(fonts.values())).stem.split("-")[0] if fonts else "the theme's font"
    shaped = None
    if locale is not None and _shaped(locale) - have:  # only then: typographic() on every text costs
        shaped = locale.typographic
    found: list[tuple[Pos, str, list[str], bool]] = []
    for node in [doc.report, *doc.sections]:
        _walk(node, node.pos, have, shaped, found)
    for node in doc.charts.values():
        _walk(node, node.pos, have, shaped, found, chart=True)
    added = sorted(_added(locale) - have) if locale is not None else []
    if not found and not added:
        return None
    fallbacks = _fallbacks(fonts)
    printable = frozenset.intersection(*(_coverage(p) | (_characters(fb.face) if fb else frozenset())
                                         for p, fb in fallbacks.items()))
    diag = Diagnostics()
    first: dict[str, Pos] = {}
    charts: set[str] = set()
    for pos, field, missing, chart in found:
        bad = [c for c in missing if ord(c) not in printable and not c.isspace()]
        for c in missing:
            if ord(c) in printable:
                first.setdefault(c, pos)
                if chart and field != "alt":
                    charts.add(c)
        if bad:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in bad[:_SHOWN])
            more = f" and {len(bad) - _SHOWN} more" if len(bad) > _SHOWN else ""
            who = f"the font {family} has no glyph" if not any(fallbacks.values()) \
                else f"neither the font {family} nor {TEXT_FONT}, the fallback, has a glyph"
            diag.error(pos, f"{field}: {who} for {shown}{more}",
                       "replace the characters (e.g. an emoji or a symbol from another script), "
                       "or choose fonts in theme.yaml that have them")
    diag.raise_if_errors()
    needed = {ord(c) for c in first} | {c for c in added if c in printable}
    from .fontfiles import forget_fallback_chars, set_fallback
    forget_fallback_chars()  # what this build's layout draws from the fallback is counted anew
    for path, fb in fallbacks.items():
        if fb is not None and needed - _coverage(path):
            set_fallback(_font(path), fb)
    return Fallback(family, first, frozenset(charts), at, _files(fonts, given, at))


def _files(fonts: dict[str, Path], given: Node | None, at: Pos) -> tuple:
    """The theme's font files with their roles: a weight that falls back shares its file."""
    roles: dict[Path, list[str]] = {}
    for role, path in fonts.items():
        roles.setdefault(path, []).append(role)
    out = []
    for path, names in roles.items():
        written = next((getattr(given, r) for r in names if getattr(given, r, None)), None)
        pos = next((given.field_pos[r] for r in names if given is not None and r in given.field_pos), at)
        out.append((Path(written).name if written else path.name, tuple(names), pos, _coverage(path)))
    return tuple(out)


def fallback_warning(found: Fallback | None) -> list[Diagnostic]:
    """After the layout: one warning naming the characters set from the fallback — those the layout
    drew from it (in this process: the first edition, which the others share their text with) and
    those of chart text — at the first text that has one; none where nothing was."""
    if found is None:
        return []
    from .fontfiles import fallback_chars
    drawn = fallback_chars()
    chars = [c for c in found.first if c in drawn or c in found.charts]
    layout = sorted(c for c in drawn if c not in found.first)
    if not chars and not layout:
        return []
    shown = ", ".join(_name(c) for c in chars[:_LISTED])
    more = f" and {len(chars) - _LISTED} more" if len(chars) > _LISTED else ""
    also = ", ".join(_name(c) for c in layout)
    who, has, at = f"the font {found.family}", "has", found.first[chars[0]] if chars else found.at
    lacking = [f for f in found.files if any(ord(c) not in f[3] for c in [*chars, *layout])]
    if lacking and len(lacking) < len(found.files):
        # some of the theme's files lack them (a heading face beside a complete text family): name those,
        # at their line in theme.yaml, not the family (whose other fonts set the characters themselves)
        who = " and ".join(f"the {' and '.join(roles)} font {name}" for name, roles, _, _ in lacking)
        has, at = "have" if len(lacking) > 1 else "has", lacking[0][2]
    if shown and also:
        message = f"{who} {has} no glyph for {shown}{more}, nor for {also} of the layout's own text"
    elif shown:
        message = f"{who} {has} no glyph for {shown}{more}"
    else:
        message = f"{who} {has} no glyph for {also}, which the layout sets (bullets, numbers, labels)"
    return [Diagnostic(f"{message}: they are set in {TEXT_FONT}, the bundled text font, in the nearest weight "
                       "and style at the same size", at,
                       "choose house fonts in theme.yaml that have these characters (a newer version of the "
                       "font may), or replace them in the text", "warning")]


def lend_glyphs(fonts: dict[str, Path], text: str) -> dict[str, str]:
    """For text drawn outside a document (the specimen's samples): each theme font that lacks some of
    its characters sets them from the bundled text font, as a build's text does (check_glyphs), instead
    of reportlab's empty boxes. Returns role → the characters lent to it, for the specimen to name."""
    need = {ord(c) for c in text} - _SPACES
    fallbacks = _fallbacks(fonts)
    lent: dict[str, str] = {}
    for role, path in fonts.items():
        fallback = fallbacks[path]
        lacking = sorted(need - _coverage(path))
        if not lacking or fallback is None:
            continue
        from .fontfiles import set_fallback
        set_fallback(_font(path), fallback)
        if chars := "".join(chr(c) for c in lacking if c in _characters(fallback.face)):
            lent[role] = chars
    return lent


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


def _walk(value: Any, pos: Pos, have: frozenset[int], shaped: Any, found: list, field: str = "",
          chart: bool = False) -> None:
    if isinstance(value, Node):
        for f in dataclasses.fields(value):
            if f.name not in _SKIP:
                _walk(getattr(value, f.name), value.field_pos.get(f.name, pos), have, shaped, found, f.name, chart)
    elif isinstance(value, list):
        for item in value:
            _walk(item, pos, have, shaped, found, field, chart)
    elif isinstance(value, str):
        text = value if shaped is None else value + shaped(value)
        missing = sorted(c for c in set(text) if ord(c) not in have and ord(c) not in _SPACES)
        if missing:
            found.append((pos, field, missing, chart))
