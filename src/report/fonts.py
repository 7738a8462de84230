"""House fonts as delivered → TrueType files that reportlab and matplotlib can embed.

Brands ship fonts as TrueType (.ttf), OpenType with CFF outlines (.otf), variable fonts or only
as web fonts (.woff2/.woff). reportlab embeds TrueType outlines only, so everything else is
converted once and kept in the cache folder ($XDG_CACHE_HOME/report/fonts):

- CFF outlines → quadratic TrueType outlines with fontTools' cu2qu (max. error 1 unit per em);
- a variable font → a static instance at the role's weight (regular 400, bold 700 …) with
  fontTools.varLib.instancer;
- WOFF/WOFF2 → the plain font inside (then as above).

A font's embedding permission (OS/2 fsType) is read first: "restricted" and "bitmap only" fonts
cannot be embedded and are refused; "no subsetting" is refused because PDFs carry subsets;
"preview & print" may be embedded in a print file, which the caller warns about for the screen
edition. A plain .ttf that needs no conversion is used as it is (same path, same PDF bytes).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .cache import default_dir

# role → (weight class, italic); a variable font is instanced at this weight
ROLE_STYLE: dict[str, tuple[int, bool]] = {
    "regular": (400, False), "italic": (400, True), "bold": (700, False), "bold_italic": (700, True),
    "black": (900, False), "light": (300, False), "heading": (700, False),
}
# a role the theme leaves out is set in the first of these that it has (with a warning)
FALLBACK: dict[str, tuple[str, ...]] = {
    "italic": ("regular",),
    "bold": ("regular",),
    "bold_italic": ("bold", "italic", "regular"),
    "black": ("bold", "regular"),
    "light": ("regular",),
}
# The bundled text font (the default theme's) sets, glyph by glyph, the characters a house font
# lacks (glyphs.py decides, fontfiles.py draws): the file of the matching weight and style
TEXT_FONT = "Lato"
TEXT_FONT_DIR = Path(__file__).parent / "data" / "assets" / "fonts"
TEXT_FONT_STYLES: dict[tuple[int, bool], str] = {
    (300, False): "Lato-Light.ttf", (400, False): "Lato-Regular.ttf", (700, False): "Lato-Bold.ttf",
    (900, False): "Lato-Black.ttf", (400, True): "Lato-Italic.ttf", (700, True): "Lato-BoldItalic.ttf",
}
MAX_ERR = 1.0  # cu2qu: largest distance between the cubic and its quadratic approximation (font units)
CONVERTER_VERSION = "2"  # part of the cache key: bump when the conversion changes

# OS/2 fsType bits (OpenType spec, OS/2 table)
FS_RESTRICTED, FS_PREVIEW_PRINT, FS_EDITABLE = 0x0002, 0x0004, 0x0008
FS_NO_SUBSETTING, FS_BITMAP_ONLY = 0x0100, 0x0200

_SIGNATURES = {b"\x00\x01\x00\x00": "truetype", b"true": "truetype", b"OTTO": "cff", b"wOF2": "woff2",
               b"wOFF": "woff", b"ttcf": "collection"}


class FontError(ValueError):
    """A font file that cannot be used; message names the problem, hint the fix."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class PreparedFont:
    path: Path  # a TrueType file to embed: the source itself or a converted copy in the cache
    source: Path
    steps: tuple[str, ...]  # what was done to it, for the build output ("CFF → TrueType", …)
    embedding: str  # "installable", "editable" or "preview & print"
    warning: str | None = None  # something the designer should know (an italic role set upright …)


def embedding_permission(fs_type: int, name: str) -> str:
    """The fsType's meaning for a PDF; raises FontError where embedding is not allowed."""
    if fs_type & FS_BITMAP_ONLY:
        raise FontError(f"font {name!r} allows embedding its bitmaps only (OS/2 fsType {fs_type:#06x}); "
                        "a PDF needs its outlines", "ask the font's vendor for a licence that permits embedding, "
                        "or choose another font")
    if fs_type & FS_NO_SUBSETTING:
        raise FontError(f"font {name!r} forbids subsetting (OS/2 fsType {fs_type:#06x}); the PDF embeds only "
                        "the characters used", "ask the font's vendor for a version that permits subsetting")
    if fs_type & FS_EDITABLE:
        return "editable"
    if fs_type & FS_PREVIEW_PRINT:
        return "preview & print"
    if fs_type & FS_RESTRICTED:
        raise FontError(f"font {name!r} forbids embedding (OS/2 fsType {fs_type:#06x}: restricted licence)",
                        "a PDF must carry its fonts: ask the font's vendor for a licence that permits embedding, "
                        "or choose another font")
    return "installable"


def font_cache_dir() -> Path:
    path = default_dir() / "fonts"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return path
    except OSError:  # a read-only home: converted fonts live as long as /tmp keeps them
        path = Path(tempfile.gettempdir()) / f"report-fonts-{os.getuid() if hasattr(os, 'getuid') else 0}"
        path.mkdir(parents=True, exist_ok=True)
        return path


def prepare_font(source: Path, role: str, name: str | None = None) -> PreparedFont:
    """The TrueType file to embed for `role` from any font file; raises FontError."""
    name = name or source.name
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise FontError(f"font {name!r} cannot be read: {exc.strerror}", "check the file's permissions") from None
    kind = _SIGNATURES.get(data[:4])
    if kind is None:
        raise FontError(f"{name!r} is not a font file (TrueType, OpenType, WOFF or WOFF2)",
                        "copy the .ttf, .otf or .woff2 file of the font again")
    if kind == "collection":
        raise FontError(f"{name!r} is a font collection (.ttc) with several fonts in one file",
                        "extract the single fonts (e.g. with fontTools' ttx or a font manager) and name each one")
    if kind == "truetype" and (plain := _plain_truetype(data)) is not None:
        return PreparedFont(source, source, (), embedding_permission(plain, name))
    from fontTools.ttLib import TTFont, TTLibError
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # notes about old 'created' dates are noise
    try:
        # the source's 'modified' date is kept: fontTools would set the time of conversion (or of
        # SOURCE_DATE_EPOCH), which the cached file would then carry into later builds' PDFs
        font = TTFont(io.BytesIO(data), lazy=False, recalcTimestamp=False)
        fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    except ImportError:  # WOFF2 needs brotli
        raise FontError(f"{name!r} is a WOFF2 web font and the brotli module is missing",
                        "pip install brotli, or use the .ttf/.otf file of the font") from None
    except (TTLibError, KeyError, ValueError, AssertionError, IndexError, EOFError) as exc:
        raise FontError(f"font {name!r} is damaged or not a TrueType/OpenType font",
                        f"copy the font file again (fontTools: {str(exc)[:80]})") from None
    embedding = embedding_permission(fs_type, name)
    weight, italic = ROLE_STYLE[role]
    steps: list[str] = []
    if kind in ("woff", "woff2"):
        steps.append(f"{kind.upper()} unpacked")
    warning = None
    if "fvar" in font:
        steps.append(f"variable font instanced at {_instance_label(font, weight, italic)}")
        if italic and "ital" not in {a.axisTag for a in font["fvar"].axes}:
            warning = "the variable font has no italic axis (ital); the italic is set upright"
    if "CFF " in font or "CFF2" in font:
        steps.append("CFF outlines converted to TrueType (cu2qu)")
    if not steps:
        return PreparedFont(source, source, (), embedding)
    digest = hashlib.sha256(data).hexdigest()[:16]
    variant = f"w{weight}{'i' if italic else ''}" if "fvar" in font else "static"
    target = font_cache_dir() / f"{digest}-{CONVERTER_VERSION}" / f"{source.stem}-{variant}.ttf"
    if not target.is_file():
        try:
            out = _convert(font, weight, italic)
        except Exception as exc:  # fontTools raises many kinds for fonts it cannot convert
            raise FontError(f"font {name!r} could not be converted to TrueType ({type(exc).__name__}: {exc})",
                            "use the font's .ttf version if the vendor ships one") from None
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(out)
        os.replace(tmp, target)
    return PreparedFont(target, source, tuple(steps), embedding, warning)


def _plain_truetype(data: bytes) -> int | None:
    """The OS/2 fsType of a static TrueType font that needs no conversion, read from its table
    directory (no fontTools import: most themes use such fonts); None when it is variable, has
    CFF outlines or a table directory this does not understand — fontTools then decides."""
    try:
        count = struct.unpack_from(">H", data, 4)[0]
        tables = {data[12 + 16 * i:16 + 16 * i]: struct.unpack_from(">II", data, 20 + 16 * i) for i in range(count)}
        if b"fvar" in tables or b"CFF " in tables or b"CFF2" in tables or b"glyf" not in tables:
            return None
        if b"OS/2" not in tables:
            return 0
        offset, length = tables[b"OS/2"]
        if length < 10 or offset + 10 > len(data):
            return None
        return struct.unpack_from(">H", data, offset + 8)[0]
    except struct.error:
        return None


def text_font_for(data: bytes) -> Path:
    """The bundled text font's file closest in weight and style to the TrueType font `data` (its
    OS/2 weight class and italic bits, read from the table directory): what sets the characters
    that font lacks. The weight a file declares, not the role it was named for, decides: a bold
    role set in the regular file (a missing weight) gets the regular fallback, as its text looks."""
    weight, italic = 400, False
    try:
        count = struct.unpack_from(">H", data, 4)[0]
        tables = {data[12 + 16 * i:16 + 16 * i]: struct.unpack_from(">II", data, 20 + 16 * i)[0] for i in range(count)}
        if b"OS/2" in tables:
            weight, selection = (struct.unpack_from(">H", data, tables[b"OS/2"] + o)[0] for o in (4, 62))
            italic = bool(selection & 1)  # fsSelection bit 0: italic
        if b"head" in tables:
            italic = italic or bool(struct.unpack_from(">H", data, tables[b"head"] + 44)[0] & 2)  # macStyle
    except struct.error:
        pass
    styles = [w for w, i in TEXT_FONT_STYLES if i == italic]
    nearest = min(styles, key=lambda w: (abs(w - weight), -w))  # between two, the heavier
    return TEXT_FONT_DIR / TEXT_FONT_STYLES[nearest, italic]


def _instance_label(font: object, weight: int, italic: bool) -> str:
    axes = {a.axisTag: a for a in font["fvar"].axes}
    parts = []
    if "wght" in axes:
        parts.append(f"wght {_clamp(weight, axes['wght']):g}")
    if italic and "ital" in axes:
        parts.append("ital 1")
    return ", ".join(parts) or "its default"


def _clamp(value: float, axis: object) -> float:
    return min(max(value, axis.minValue), axis.maxValue)


def _convert(font: object, weight: int, italic: bool) -> bytes:
    from fontTools.varLib import instancer
    if "fvar" in font:
        location = {}
        for axis in font["fvar"].axes:
            if axis.axisTag == "wght":
                location["wght"] = _clamp(weight, axis)
            elif axis.axisTag == "ital":
                location["ital"] = _clamp(1 if italic else 0, axis)
            else:
                location[axis.axisTag] = axis.defaultValue
        font = instancer.instantiateVariableFont(font, location)
        if "wght" in location:
            font["OS/2"].usWeightClass = round(location["wght"])
        _rename(font, f"W{round(location.get('wght', weight))}{'It' if italic else ''}")
    if "CFF " in font or "CFF2" in font:
        _cff_to_truetype(font)
    font.flavor = None
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def _rename(font: object, suffix: str) -> None:
    """A PostScript name per instance, so that the PDF's font list tells the weights apart."""
    names = font["name"]
    ps = names.getDebugName(6) or "Font"
    for record in names.names:
        if record.nameID == 6:
            record.string = f"{ps.split('-')[0]}-{suffix}"


def _cff_to_truetype(font: object) -> None:
    """Replace CFF/CFF2 outlines by TrueType ones (after fontTools' otf2ttf snippet)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType's clockwise
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        glyph.recalcBounds(glyf)
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones, maxp.maxTwilightPoints, maxp.maxStorage = 1, 0, 0
    maxp.maxFunctionDefs = maxp.maxInstructionDefs = maxp.maxStackElements = maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max((len(getattr(g, "components", [])) for g in glyphs.values()), default=0)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\x00\x01\x00\x00"
