"""The theme's fonts as charts use them: one small subset of each, made once, shared by every chart.

matplotlib subsets the embedded font of every chart from the full TrueType file; for Lato that is
three quarters of a chart's time (fontTools re-reads the big kerning tables each time). Charts are
therefore drawn with a *chart font*: the theme font cut down once to the characters charts can
contain (Latin, punctuation, currency, the chart's own text) and cached. The chart font
- is the same for every chart of a document: every chart embeds it whole (charts/render.py), and
  the finished PDF keeps one program of it, cut to the glyphs the charts draw (shared_fonts.py); a
  chart font with extra characters gets its own PostScript name;
- has no ligature lookups: matplotlib (which shapes text with libraqm, GSUB and GPOS applied) gives
  a ligature glyph ("ti", "ft") no character of its own and puts it at character id 0 of an extra
  subset of the same name, which checkers read as a missing glyph; the letters are set one by one
  instead (as the layout's reportlab does);
- has its own family name, so matplotlib never picks a system-wide copy of the same family.
Outlines, advance widths and kerning are the original's: charts look the same.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._n_a_m_e import NameRecordVisitor

from ..cache import remove_stale_temps

LIGATURES = {"liga", "clig", "dlig", "hlig", "rlig"}

# what chart text is usually made of: Basic Latin, Latin-1, dashes, quotes, spaces, ellipsis,
# per mille, euro, minus, arrows, ≈ ≤ ≥ (fewer glyphs make the chart font faster to make)
BASE_CHARS = frozenset([*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2002, 0x200B), *range(0x2010, 0x2023),
                        0x2026, 0x202F, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122, 0x2190, 0x2191, 0x2192,
                        0x2193, 0x2212, 0x2248, 0x2260, 0x2264, 0x2265])
FORMAT = "chart-font 1"
ROLES = ("regular", "bold")  # the weights chart text uses; others fall back to the nearest of these


def chart_fonts(fonts: dict[str, Path], digests: dict[str, str], chars: frozenset[int],
                folder: Path, only: tuple[str, ...] = ROLES) -> dict[str, Path]:
    """The chart fonts (per role in ROLES) of the theme's `fonts` (SHA-256 `digests`) for text made
    of `chars`: files in `folder` (the cache), made on first use. Text with characters beyond
    BASE_CHARS gets fonts of its own (rare). Not shipped with the package: a modified font may
    not carry a reserved font name (Lato's OFL), and these are made on the user's machine."""
    extra = "".join(sorted(chr(c) for c in chars - BASE_CHARS))
    roles = [r for r in ROLES if r in fonts]
    family = "R" + _hash(FORMAT, *(digests[r] for r in roles), extra)[:8]
    return {r: _chart_font(fonts[r], _hash(FORMAT, digests[r], extra, family)[:24], extra, family, folder)
            for r in roles if r in only}


def _hash(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _chart_font(source: Path, name: str, extra: str, family: str, folder: Path) -> Path:
    path = folder / f"{name}.ttf"
    if _usable(path):
        return path
    data = make(source, BASE_CHARS | {ord(c) for c in extra}, family, rename=bool(extra))
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(folder)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".tmp-{os.getpid()}-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _usable(path: Path) -> bool:
    """A cached chart font is data from a shared folder: it must parse as a font, else it is remade."""
    try:
        if not path.is_file() or path.is_symlink():
            return False
        with TTFont(io.BytesIO(path.read_bytes())) as font:
            font["name"]
    except Exception:  # whatever fontTools raises for a damaged file: remake it
        return False
    return True


def make(source: Path, chars: frozenset[int], family_suffix: str, rename: bool = False) -> bytes:
    """The chart font: `chars` of `source` with outlines, widths and layout features but no
    ligatures (see the module docstring), under a private family name."""
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # notes about old 'created' dates are noise
    options = subset.Options(glyph_names=True, recommended_glyphs=True, notdef_outline=True)
    options.layout_features = [f for f in options.layout_features if f not in LIGATURES]
    font = subset.load_font(io.BytesIO(source.read_bytes()), options)
    cmap = font.getBestCmap()
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=[c for c in chars if c in cmap])
    # fontTools prunes the name table by walking every GSUB/GPOS record for name ids the features
    # might use (half the time of the whole subset): the table is taken out and pruned here as
    # fontTools does (ids 0–6, Unicode, English) plus the ids the kept features name
    names = font["name"]
    del font["name"]
    subsetter.subset(font)
    keep = set(options.name_IDs) | _named_ids(font)
    names.names = [n for n in names.names if n.nameID in keep and n.isUnicode() and n.langID in options.name_languages]
    font["name"] = names
    for record in names.names:
        if record.nameID in (1, 16):  # family names: a private family, see the module docstring
            record.string = f"{record.toUnicode()} {family_suffix}"
        elif record.nameID == 6 and rename:  # PostScript name: distinct when the glyphs differ
            record.string = f"{record.toUnicode()}-{family_suffix}"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _named_ids(font: TTFont) -> set[int]:
    """The name ids the subset font's tables use: feature names (stylistic sets, character
    variants, optical sizes) from the kept features' parameters, axis and style names from
    fvar/STAT/CPAL — what fontTools' NameRecordVisitor finds, without walking every lookup."""
    visitor = NameRecordVisitor()
    for tag in ("fvar", "CPAL", "STAT"):
        if tag in font:
            visitor.visit(font[tag], font)
    for tag in ("GSUB", "GPOS"):
        features = font[tag].table.FeatureList if tag in font else None
        for record in (features.FeatureRecord if features else []):
            if record.Feature.FeatureParams is not None:
                visitor.visit(record.Feature.FeatureParams, font)
    return visitor.seen
