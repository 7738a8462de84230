"""One program per chart font in a finished PDF (the finishing stage).

Every chart embeds its chart fonts whole, glyph ids as they are (charts/render.py): a PDF with
sixty charts would hold 120 copies of two small fonts. Here the copies become one stream per
font, cut to the glyphs the charts draw (the union of their CIDToGIDMaps) with the glyph ids kept
(fontTools' `retain_gids`): every chart's CIDToGIDMap, widths and ToUnicode stay valid as they
are, and the glyphs are the same outlines. The cut is kept in the cache under the font's bytes and
the glyphs, so a rebuild neither imports fontTools nor cuts again. A font that cannot be cut is
shared whole.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pikepdf

from .cache import Cache, file_digest, key

FORMAT = "chart-font-cut 1"
LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "kern", "morx", "kerx", "BASE", "JSTF", "MATH")  # a PDF places every glyph
_SFNT = (b"\x00\x01\x00\x00", b"true")


def share_fonts(pdf: pikepdf.Pdf, forms: Iterable[Any], cache: Cache | None) -> None:
    """The TrueType programs embedded by `forms` (charts placed in `pdf`): one stream per program,
    cut to the glyphs they use."""
    users: dict[bytes, tuple[list[Any], set[int], Any]] = {}  # program digest → (descriptors, gids, stream)
    for form in forms:
        resources = form.get("/Resources")
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        for font in (fonts.values() if isinstance(fonts, pikepdf.Dictionary) else []):
            found = _program(font)
            if found is None:
                continue
            descriptor, stream, gids = found
            digest = hashlib.sha256(stream.read_raw_bytes() + repr(stream.get("/Filter")).encode()).digest()
            descriptors, used, _ = users.setdefault(digest, ([], set(), stream))
            descriptors.append(descriptor)
            used |= gids
    for digest, (descriptors, gids, stream) in users.items():
        program = _cut(stream, digest, gids, cache or Cache(enabled=False))
        if program is not None:
            shared = pdf.make_stream(program)
            shared.Length1 = len(program)
        else:
            shared = stream
        for descriptor in descriptors:
            descriptor.FontFile2 = shared


def _program(font: Any) -> tuple[Any, Any, set[int]] | None:
    """(font descriptor, FontFile2 stream, glyph ids its CIDToGIDMap names) of a Type 0 font with a
    TrueType program and a CIDToGIDMap stream (what matplotlib writes); None for any other."""
    try:
        if font.get("/Subtype") != "/Type0":
            return None
        cid_font = font.DescendantFonts[0]
        descriptor = cid_font.get("/FontDescriptor")
        stream = descriptor.get("/FontFile2") if isinstance(descriptor, pikepdf.Dictionary) else None
        ids = cid_font.get("/CIDToGIDMap")
        if not isinstance(stream, pikepdf.Stream) or not isinstance(ids, pikepdf.Stream):
            return None
        data = ids.read_bytes()
    except (AttributeError, IndexError, KeyError, TypeError, pikepdf.PdfError):
        return None
    return descriptor, stream, {int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)}


def _cut(stream: Any, digest: bytes, gids: set[int], cache: Cache) -> bytes | None:
    k = key(FORMAT, file_digest(Path(__file__)), digest.hex(), sorted(gids))  # this module makes it
    kept = cache.get("font-cuts", k, valid=lambda data: data[:4] in _SFNT)
    if kept is not None:
        return kept
    try:
        program = _subset(stream.read_bytes(), gids)
    except Exception:  # noqa: BLE001 - fontTools on a font it cannot read: shared whole
        return None
    cache.put("font-cuts", k, program)
    return program


def _subset(data: bytes, gids: set[int]) -> bytes:
    from fontTools import subset
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # notes on old dates and the like
    options = subset.Options(retain_gids=True, glyph_names=False, recommended_glyphs=True, notdef_outline=True)
    options.drop_tables += list(LAYOUT_TABLES)
    options.layout_features = []
    font = subset.load_font(io.BytesIO(data), options)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(gids=sorted(gids))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out, reorderTables=False)
    return out.getvalue()
