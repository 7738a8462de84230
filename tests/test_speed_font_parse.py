"""Fonts' parses kept in the cache: a fresh process rebuilds reportlab's TTFont from the entry
instead of parsing the file, and what it rebuilds is the very font parsing gives — the same
attributes of the same types, the same widths, the same embedded subsets, byte for byte."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from report import fontfiles
from report.build import build
from report.cache import Cache

from .conftest import ASSETS

FONTS = [ASSETS / "fonts" / "Lato-Regular.ttf", ASSETS / "fonts" / "Lato-BoldItalic.ttf"]
TEXT = "Größere Märkte, „Zölle“ – 1.234,5 € · ﬁ Œuvre ½ ÆØÅ Ωμ"


@pytest.fixture
def fresh(tmp_path: Path):
    """Parses as a fresh process makes them, with a cache of the test's own (put back afterwards)."""
    kept = fontfiles._store

    def forget() -> None:
        fontfiles._parse.cache_clear()
        fontfiles._by_bytes.clear()

    forget()
    cache = Cache(tmp_path / "cache")
    fontfiles.use(cache)
    yield cache, forget
    forget()
    fontfiles._store = kept


def _copies(tmp_path: Path) -> list[Path]:
    """The fonts under a new path each (an mtime of their own: no earlier parse is reused)."""
    out = []
    for font in FONTS:
        shutil.copy(font, tmp_path / font.name)
        out.append(tmp_path / font.name)
    return out


def _same(a: object, b: object, where: str) -> None:
    assert type(a) is type(b), where
    if isinstance(a, dict):
        assert list(a) == list(b), where  # the same keys in the same order
        for k in a:
            _same(k, next(x for x in b if x == k), f"{where} key {k!r}")
            _same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where
        assert getattr(a, "ustr", None) == getattr(b, "ustr", None), where


def _drawn(font) -> bytes:
    """A page of text in `font`, embedded as reportlab subsets it."""
    from reportlab.pdfbase import pdfmetrics
    pdfmetrics.registerFont(font)
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(font.fontName, 11)
    canvas.drawString(40, 700, TEXT)
    canvas.drawString(40, 680, "".join(chr(c) for c in sorted(font.face.charWidths) if 0x20 < c < 0x2000))
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_a_kept_parse_rebuilds_the_font_parsing_gives(fresh, tmp_path: Path) -> None:
    cache, forget = fresh
    paths = _copies(tmp_path)
    parsed = [fontfiles.parsed(p) for p in paths]
    assert len(list((cache.root / "fonts").rglob("*"))) >= len(paths)  # kept
    forget()
    restored = [fontfiles.parsed(p) for p in paths]
    for a, b, path in zip(parsed, restored, paths, strict=True):
        assert a is not b
        assert vars(a).keys() == vars(b).keys() and vars(a.face).keys() == vars(b.face).keys()
        for k in vars(a.face):
            if k == "_pdfScale":
                units = (0, 1, 1234, -77)
                assert [a.face._pdfScale(x) for x in units] == [b.face._pdfScale(x) for x in units]
            else:
                _same(vars(a.face)[k], vars(b.face)[k], f"{path.name} face.{k}")
        for k in ("fontName", "_asciiReadable", "_shapable"):
            assert getattr(a, k) == getattr(b, k)
        assert a.stringWidth(TEXT, 11) == b.stringWidth(TEXT, 11)
        # the same subsets embedded, glyph for glyph (register under the same name, one at a time)
        assert _drawn(a) == _drawn(b)


@pytest.mark.parametrize("spoil", ["truncated", "garbage", "wrong shape", "array past the end", "unknown tag"])
def test_an_entry_that_does_not_rebuild_a_font_is_a_miss(fresh, tmp_path: Path, spoil: str) -> None:
    cache, forget = fresh
    path = _copies(tmp_path)[0]
    parsed = fontfiles.parsed(path)
    entry = next(p for p in (cache.root / "fonts").rglob("*") if p.is_file())
    k = entry.name
    payload = cache.get("fonts", k)
    size = int.from_bytes(payload[:4], "little")
    head, tail = payload[4:4 + size].decode(), payload[4 + size:]
    spoiled = {
        "truncated": payload[:len(payload) // 2],
        "garbage": b"\xff" * 64,
        "wrong shape": payload.replace(b'"unitsPerEm":2000', b'"unitsPerEm":"x"'),
        "array past the end": payload[:4] + head.replace('["a","q",0,', '["a","q",99999999,').encode() + tail,
        "unknown tag": payload[:4] + head.replace('["a",', '["?",', 1).encode() + tail,
    }[spoil]
    assert spoiled != payload
    cache.put("fonts", k, spoiled)
    forget()
    again = fontfiles.parsed(path)
    assert again is not parsed and again is not None
    _same(vars(again.face)["charWidths"], vars(parsed.face)["charWidths"], "charWidths")
    assert again.stringWidth(TEXT, 11) == parsed.stringWidth(TEXT, 11)
    assert cache.get("fonts", k) == payload  # parsed again, and kept again


def test_a_build_keeps_parses_only_in_an_enabled_cache(project: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")  # the same date in both PDFs
    kept = fontfiles._store
    try:
        build(project, tmp_path / "off", ["screen"], cache=Cache(tmp_path / "off-cache", enabled=False))
        assert not (tmp_path / "off-cache").exists()
        assert fontfiles._store is None
        fontfiles._parse.cache_clear()
        fontfiles._by_bytes.clear()  # the theme's fonts parsed again, as in a fresh process
        build(project, tmp_path / "on", ["screen"], cache=Cache(tmp_path / "on-cache"))
        assert len([p for p in (tmp_path / "on-cache" / "fonts").rglob("*") if p.is_file()]) == 6
        fontfiles._parse.cache_clear()
        fontfiles._by_bytes.clear()  # and rebuilt from the cache: the PDF is the same
        (project / "sections" / "04-aussenwirtschaftstag.yaml").write_text(
            (project / "sections" / "04-aussenwirtschaftstag.yaml").read_text(encoding="utf-8")
            .replace("Bereits im März", "Schon im März"), encoding="utf-8")
        first = build(project, tmp_path / "a", ["screen"], cache=Cache(tmp_path / "on-cache"))
        fontfiles._parse.cache_clear()
        fontfiles._by_bytes.clear()
        restored = first.outputs[0].path.read_bytes()
        second = build(project, tmp_path / "a", ["screen"], cache=Cache(tmp_path / "b-cache", enabled=False))
        assert restored == second.outputs[0].path.read_bytes()
    finally:
        fontfiles._store = kept


class _Doc:
    """A document as reportlab's font state knows it: a weakly referenced key."""


def test_layout_fonts_split_text_as_reportlab_does(monkeypatch):
    """The faster `splitString` gives reportlab's codes and leaves the font's state as reportlab's
    loop would: the sample's words, no-break spaces, a character the font lacks, the empty string,
    and more than 256 different characters (a second subset); text whose characters all have codes
    is not handed to reportlab's loop."""
    from reportlab.pdfbase.ttfonts import TTFont

    from .conftest import SAMPLE_CONTENT
    fast = fontfiles._font_class()("fast", str(FONTS[0]))
    slow = TTFont("slow", str(FONTS[0]))
    doc_fast, doc_slow = _Doc(), _Doc()
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted((SAMPLE_CONTENT / "sections").glob("*.yaml")))
    lato = sorted(c for c in slow.face.charToGlyph if c > 32)
    texts = [*words.split()[:400], TEXT, "a\u00a0b", "\u00a0", "", "中文 und Text", *words.split()[400:800],
             *("".join(map(chr, lato[i:i + 40])) for i in range(0, len(lato), 40)), words[:2000], TEXT + "ŉ€"]
    for text in texts:
        assert fast.splitString(text, doc_fast) == slow.splitString(text, doc_slow), text
    a, b = fast.state[doc_fast], slow.state[doc_slow]
    assert (a.assignments, a.subsets, a.nextCode) == (b.assignments, b.subsets, b.nextCode)
    assert len(a.subsets) > 1  # a second subset was in play

    loops = []
    original = TTFont.splitString
    monkeypatch.setattr(TTFont, "splitString", lambda *args: loops.append(1) or original(*args))
    assert fast.splitString("Märkte und Zölle", doc_fast) == slow.splitString("Märkte und Zölle", doc_slow)
    assert len(loops) == 1  # the slow font's call only
