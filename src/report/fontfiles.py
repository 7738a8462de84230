"""Each TrueType file parsed once per process (and again only when the file changes).

The theme checks that its fonts can be read, the glyph check asks which characters they have, and
the layout registers them with reportlab: three users, one parse (reportlab's parse of six Lato
files is ~60 ms). Keyed by path, size and time, so a warm `report watch` sees a replaced font; and
by the bytes, so that the same font in two places (the package's Lato, which measures chart labels,
and a project's copy of it) is parsed once.

A build hands its cache over (`use`): what reportlab read from a file (widths, glyph table, metrics)
is kept there, keyed by the file's bytes and reportlab's version, and a fresh process reads it back
(~3 ms a font, where parsing takes ~14 ms): JSON for the attributes, the long tables as machine
arrays. Like every cache entry it is data, never code: a payload of the wrong shape is a miss.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import sys
import time
from array import array
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from .cache import Cache, digest_of, file_status, key

FORMAT = "report-font-parse 1"
_SCALARS = (int, float, str, bool, type(None))
# what reportlab's width and subsetting code reads of a parse, and of what type: a restored entry
# lacking one of them (or holding it in another type) is not used
_SHAPE = {"charToGlyph": dict, "glyphToChar": dict, "charWidths": dict, "hmetrics": list, "glyphPos": list,
          "table": dict, "unitsPerEm": int, "defaultWidth": (int, float), "numGlyphs": int, "name": bytes}
_store: Cache | None = None  # where parses are kept between processes (None: not kept)


def use(cache: Cache | None) -> None:
    """Keep parses in `cache` from now on (None, or a disabled cache: parse every time)."""
    global _store
    _store = cache if cache is not None and cache.enabled else None


def parsed(path: Path) -> Any | None:
    """reportlab's TTFont for the file, or None when reportlab cannot read it."""
    try:
        st = path.stat()
    except OSError:
        return None
    return _parse(path, st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=64)
def _parse(path: Path, size: int, mtime_ns: int) -> Any | None:
    from reportlab.pdfbase.ttfonts import TTFError
    began, status = time.time_ns(), file_status(path)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest = bytes.fromhex(digest_of(path, data, status, began))  # the input stamp's, where it read the file
    if digest in _by_bytes:
        return _by_bytes[digest]
    name = f"{path.stem}-{hashlib.sha1(f'{path}|{size}|{mtime_ns}'.encode()).hexdigest()[:6]}"
    store = _store
    k = _entry_key(digest) if store is not None else ""
    font = _restored(store.get("fonts", k), name, path, data) if store is not None else None
    if font is None:
        try:
            font = _font_class()(name, str(path))
        except (TTFError, OSError, ValueError, IndexError, KeyError, struct.error):
            font = None
        if font is not None and store is not None and (kept := _kept(font)) is not None:
            store.put("fonts", k, kept)
    if len(_by_bytes) >= 64:  # `report watch` with fonts replaced again and again: no pile
        _by_bytes.clear()
    _by_bytes[digest] = font
    return font


_by_bytes: dict[bytes, Any] = {}  # SHA-256 of a file → its parse (or None)


def _entry_key(digest: bytes) -> str:
    from reportlab import Version
    return key(FORMAT, Version, sys.byteorder, digest.hex())  # arrays in the machine's order


def _kept(font: Any) -> bytes | None:
    """What a fresh process needs to rebuild `font` without parsing: its face's attributes, less
    the file's bytes (read anyway, for the digest), its path and its scaling function (both made
    again); None when an attribute is of a kind this does not know (a newer reportlab's)."""
    face = {k: v for k, v in vars(font.face).items() if k not in ("_ttf_data", "filename", "_pdfScale")}
    tail = bytearray()
    try:
        head = json.dumps({k: _pack(v, tail) for k, v in face.items()}, separators=(",", ":")).encode()
    except TypeError:
        return None
    return len(head).to_bytes(4, "little") + head + tail


def _restored(entry: bytes | None, name: str, path: Path, data: bytes) -> Any | None:
    """The TTFont that parsing `path` would give, rebuilt from a kept entry (None: not usable)."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFontFace
    if entry is None:
        return None
    try:
        size = int.from_bytes(entry[:4], "little")
        tail = memoryview(entry)[4 + size:]
        attrs = {k: _unpack(v, tail) for k, v in json.loads(entry[4:4 + size]).items()}
    except (TypeError, KeyError, ValueError, IndexError, AttributeError):
        return None
    if any(not isinstance(attrs.get(k), t) or isinstance(attrs[k], bool) for k, t in _SHAPE.items()) \
            or attrs["unitsPerEm"] <= 0:
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(attrs)
    face.filename, face._ttf_data, face._pdfScale = str(path), data, _scale(attrs["unitsPerEm"])
    cls = _font_class()
    font = cls.__new__(cls)  # as TTFont.__init__ makes it around its face
    font.fontName, font.face, font.encoding, font.state = name, face, TTEncoding(), WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
    return font


@lru_cache(maxsize=1)
def _font_class() -> type:
    """reportlab's TTFont with a faster `splitString` (a class made on first use: reportlab is
    imported only by builds that lay out)."""
    from reportlab.pdfbase.ttfonts import TTFont

    class LayoutFont(TTFont):
        """Text reaches the PDF through `splitString`, which turns every character into its code in
        one of the font's subsets, in a Python loop per character (4.5 % of a warm 185-page
        edition). Text whose characters all have codes in the first subset already — nearly every
        line, once the first few have been set — is turned into them by one `str.translate`; any
        other goes through reportlab's loop, which assigns the new codes. Same results."""

        fallback: Any = None  # the font that sets the characters this one lacks (`set_fallback`)
        _lacking: Any = None  # a pattern matching runs of those characters

        def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # noqa: N802
            state = self.state.get(doc)
            if state is None or not isinstance(text, str) or not text:
                return self._split(text, doc, encoding)
            coded = text.translate(_first_subset(state))
            if _NO_CODE in coded:
                return self._split(text, doc, encoding)
            return [(0, coded.encode("latin-1"))]

        def _split(self, text: Any, doc: Any, encoding: str) -> list[tuple[int, bytes]]:
            """reportlab's split; with a fallback, the runs of characters this font lacks are the
            fallback's, in subsets numbered from FALLBACK_SUBSETS on (`getSubsetInternalName`)."""
            lacking = self._lacking
            if lacking is None or not isinstance(text, str) or lacking.search(text) is None:
                return super().splitString(text, doc, encoding)
            out: list[tuple[int, bytes]] = []
            for i, part in enumerate(lacking.split(text)):  # the pattern's group: odd parts are lacking runs
                if not part:
                    continue
                if i % 2:
                    _FROM_FALLBACK.update(part)
                    out += [(FALLBACK_SUBSETS + n, t) for n, t in self.fallback.splitString(part, doc, encoding)]
                else:
                    out += super().splitString(part, doc, encoding)
            return out

        def getSubsetInternalName(self, subset: int, doc: Any) -> str:  # noqa: N802
            if subset >= FALLBACK_SUBSETS and self.fallback is not None:
                return self.fallback.getSubsetInternalName(subset - FALLBACK_SUBSETS, doc)
            return super().getSubsetInternalName(subset, doc)

    return LayoutFont


FALLBACK_SUBSETS = 1 << 16  # a font's subsets have 256 characters each: far fewer than this many
_FROM_FALLBACK: set[str] = set()  # the characters drawn from a fallback since `forget_fallback_chars`


def fallback_chars() -> frozenset[str]:
    """The characters this process drew from a fallback font since `forget_fallback_chars`."""
    return frozenset(_FROM_FALLBACK)


def forget_fallback_chars() -> None:
    _FROM_FALLBACK.clear()


def set_fallback(font: Any, fallback: Any) -> bool:
    """Let `fallback` (a parse of the bundled text font) set the characters `font` lacks, glyph by
    glyph at the same size: their widths become `font`'s (so every measurement includes them) and
    `splitString` hands them to `fallback`, whose subsets the PDF embeds beside `font`'s. What a font
    file lacks and which fallback fits it (fonts.text_font_for) follow from its bytes, so this is
    done once per parse and holds for every document. False where it cannot be done (a font
    reportlab parsed without our class, or the fallback itself)."""
    if not isinstance(font, _font_class()) or fallback is font:
        return False
    if font.fallback is not None:
        return True
    has, widths = font.face.charToGlyph, font.face.charWidths
    lacking = sorted(c for c in fallback.face.charToGlyph if c not in has and c not in (0, 0xA0))  # U+00A0: a space
    if not lacking:
        return False
    fallback_widths = fallback.face.charWidths
    for c in lacking:
        widths[c] = fallback_widths.get(c, fallback.face.defaultWidth)
    font._lacking = re.compile(f"([{_char_class(lacking)}]+)")
    font.fallback = fallback
    return True


def _char_class(codes: list[int]) -> str:
    """A regular expression character class (without brackets) of sorted code points, as ranges."""
    parts, start = [], 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] != codes[i - 1] + 1:
            a, b = re.escape(chr(codes[start])), re.escape(chr(codes[i - 1]))
            parts.append(a if start == i - 1 else f"{a}-{b}")
            start = i
    return "".join(parts)


_NO_CODE = "\uffff"  # what a character without a code in the first subset translates to


class _Codes(dict):
    """A character's code in a font's first subset, as a one-character string; `_NO_CODE` for others."""

    __slots__ = ("size",)

    def __missing__(self, key: int) -> str:
        return _NO_CODE


def _first_subset(state: Any) -> _Codes:
    """The codes reportlab has assigned in a document's first subset of a font (remade when it
    assigned more). A no-break space is set as a space (as reportlab does)."""
    codes = getattr(state, "_report_codes", None)
    assignments = state.assignments
    if codes is None or codes.size != len(assignments):
        codes = _Codes({c: chr(n) for c, n in assignments.items() if n < 256 and c != _NO_CODE_ORD})
        if 32 in codes:
            codes[0xA0] = codes[32]
        codes.size = len(assignments)
        state._report_codes = codes
    return codes


_NO_CODE_ORD = ord(_NO_CODE)


def _scale(units_per_em: int) -> Any:
    """reportlab's scaling of font units to thousandths of an em (as its parser makes it)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _pack(v: Any, tail: bytearray) -> Any:
    """`v` as JSON that `_unpack` turns back into a value of the same types; long lists of integers
    (or of floats) go into `tail` as machine arrays (the tables: most of a font's entry, read back
    without parsing). TypeError for a kind of value this does not know."""
    t = type(v)
    if t in _SCALARS:
        return v
    if t is list:
        if len(v) >= 16 and all(type(e) in (int, float) for e in v):
            floats = [i for i, e in enumerate(v) if type(e) is float]
            code, odd = ("d", [i for i, e in enumerate(v) if type(e) is int]) if len(floats) * 2 > len(v) \
                else ("q", floats)  # the few of the other type go into the JSON (hmetrics: one float)
            if len(odd) * 16 <= len(v):
                others = set(odd)
                values = [0 if i in others else e for i, e in enumerate(v)] if odd else v
                start = len(tail)
                try:
                    tail += array(code, values).tobytes()
                except OverflowError:
                    return ["l", v]
                return ["a", code, start, len(v), [[i, v[i]] for i in odd]]
        if v and all(type(e) is tuple for e in v) and len({len(e) for e in v}) == 1:
            return ["lt", len(v[0]), _pack([x for e in v for x in e], tail)]
        if v and all(type(e) is list for e in v):
            return ["ll", _pack([len(e) for e in v], tail), _pack([x for e in v for x in e], tail)]
        return ["l", [_pack(e, tail) for e in v]]
    if t is tuple:
        return ["t", [_pack(e, tail) for e in v]]
    if t is dict:
        return ["d", _pack(list(v), tail), _pack(list(v.values()), tail)]
    if isinstance(v, bytes) and t.__name__ in ("bytes", "TTFNameBytes"):
        return ["b", v.decode("latin-1"), t.__name__]
    raise TypeError(f"cannot keep a {t.__name__}")


def _unpack(v: Any, tail: memoryview) -> Any:
    if not isinstance(v, list):
        return v
    tag = v[0]
    if tag == "a":
        if v[1] not in ("q", "d"):
            raise ValueError("not an array of this entry")
        values = array(v[1])
        end = v[2] + v[3] * values.itemsize
        if end > len(tail):
            raise ValueError("not an array of this entry")
        values.frombytes(tail[v[2]:end])
        out = values.tolist()
        for i, e in v[4]:
            out[i] = e
        return out
    if tag == "lt":
        flat = _unpack(v[2], tail)
        return list(zip(*[iter(flat)] * v[1], strict=True))
    if tag == "ll":
        ends, flat = list(accumulate(_unpack(v[1], tail))), _unpack(v[2], tail)
        if (ends[-1] if ends else 0) != len(flat):
            raise ValueError("lengths that do not add up")
        return [flat[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]
    if tag == "l":
        return [_unpack(e, tail) for e in v[1]]
    if tag == "t":
        return tuple(_unpack(e, tail) for e in v[1])
    if tag == "d":
        return dict(zip(_unpack(v[1], tail), _unpack(v[2], tail), strict=True))
    if tag == "b":
        from reportlab.pdfbase.ttfonts import TTFNameBytes
        raw = v[1].encode("latin-1")
        return TTFNameBytes(raw) if v[2] == "TTFNameBytes" else raw
    raise ValueError(f"unknown tag {tag!r}")
