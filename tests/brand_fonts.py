"""House fonts for the brand tests, made from the shipped Lato (SIL OFL) with fontTools.

Nothing is downloaded: an OpenType/CFF font is Lato's outlines drawn into a CFF table, a
variable font is built with designspaceLib + varLib from two interpolation-compatible masters
(Lato, and Lato with every outline widened, standing in for a heavier weight). Both are subset
to Latin and punctuation first, without layout tables, which keeps the conversion fast; the
sample's text needs no more.
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.designspaceLib import AxisDescriptor, DesignSpaceDocument, SourceDescriptor
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

UNICODES = [*range(0x20, 0x17F), *range(0x2000, 0x2070), 0x20AC, 0x2212, 0x2122]


def latin_subset(source: Path) -> TTFont:
    font = TTFont(str(source))
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["GPOS", "GSUB", "GDEF"]  # reportlab sets no kerning or ligatures: half the time
    sub = subset.Subsetter(options)
    sub.populate(unicodes=UNICODES)
    sub.subset(font)
    return font


def make_otf(source: Path, target: Path, family: str = "Brand", style: str = "Regular", fs_type: int = 0) -> Path:
    """An OpenType font with CFF outlines (sfnt 'OTTO') from a TrueType file."""
    tt = latin_subset(source)
    order = tt.getGlyphOrder()
    glyphs = tt.getGlyphSet()
    charstrings = {}
    for name in order:
        pen = T2CharStringPen(glyphs[name].width, glyphs)
        glyphs[name].draw(pen)  # quadratic curves become cubic ones (BasePen's qCurveTo)
        charstrings[name] = pen.getCharString()
    fb = FontBuilder(tt["head"].unitsPerEm, isTTF=False)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(tt.getBestCmap())
    ps = f"{family}-{style}"
    fb.setupCFF(ps, {"FullName": f"{family} {style}"}, charstrings, {})
    fb.setupHorizontalMetrics({n: tt["hmtx"][n] for n in order})
    hhea = tt["hhea"]
    fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    fb.setupNameTable({"familyName": family, "styleName": style, "psName": ps})
    os2 = tt["OS/2"]
    fb.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                sTypoLineGap=os2.sTypoLineGap, usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent,
                sCapHeight=getattr(os2, "sCapHeight", 1433), sxHeight=getattr(os2, "sxHeight", 1013),
                usWeightClass=os2.usWeightClass, fsType=fs_type)
    fb.setupPost()
    fb.save(str(target))
    return target


def _widened(tt: TTFont, factor: float) -> TTFont:
    """The same font with every outline scaled horizontally (same points: interpolation-compatible)."""
    glyf, hmtx = tt["glyf"], tt["hmtx"]
    for name in tt.getGlyphOrder():
        glyph = glyf[name]
        if glyph.numberOfContours > 0:
            glyph.coordinates.scale((factor, 1))
            glyph.recalcBounds(glyf)
        width, _ = hmtx[name]
        hmtx[name] = (round(width * factor), getattr(glyph, "xMin", 0))
    return tt


def _decomposed(font: TTFont) -> TTFont:
    """Composite glyphs drawn out into simple ones, so that both masters have plain outlines."""
    glyph_set = font.getGlyphSet()
    glyf = font["glyf"]
    flat = {}
    for name in font.getGlyphOrder():
        if glyf[name].isComposite():
            pen = TTGlyphPen(glyph_set)
            glyph_set[name].draw(pen)
            flat[name] = pen.glyph()
    for name, glyph in flat.items():
        glyf[name] = glyph
    return font


def make_variable(source: Path, target: Path, family: str = "BrandVar") -> Path:
    """A variable TrueType font with a wght axis 400–900 (default 400)."""
    light = _decomposed(latin_subset(source))
    heavy = _widened(_decomposed(latin_subset(source)), 1.25)
    for font in (light, heavy):
        names = font["name"]
        names.setName(family, 1, 3, 1, 0x409)
        names.setName(f"{family}-Regular", 6, 3, 1, 0x409)
    doc = DesignSpaceDocument()
    axis = AxisDescriptor()
    axis.tag, axis.name, axis.minimum, axis.default, axis.maximum = "wght", "Weight", 400, 400, 900
    doc.addAxis(axis)
    for font, weight in ((light, 400), (heavy, 900)):
        src = SourceDescriptor()
        src.font = font
        src.location = {"Weight": weight}
        doc.addSource(src)
    from fontTools import varLib
    varfont, _, _ = varLib.build(doc)
    varfont.save(str(target))
    return target


def set_fs_type(source: Path, target: Path, fs_type: int) -> Path:
    font = TTFont(str(source))
    font["OS/2"].fsType = fs_type
    font.save(str(target))
    return target



def make_lacking(source: Path, target: Path, drop: str, family: str = "Brand") -> Path:
    """A TrueType house font: `source` without the characters `drop` in its character map (the
    outlines stay, unreachable: fast, where subsetting Lato takes a second a font), under the
    family's own names (so that a PDF's font list tells its glyphs from the fallback's)."""
    font = TTFont(str(source))
    for table in font["cmap"].tables:
        for ch in drop:
            table.cmap.pop(ord(ch), None)
    for record in font["name"].names:
        if record.nameID in (1, 3, 4, 6, 16):
            record.string = record.toUnicode().replace("Lato", family)
    font.save(str(target))
    return target
