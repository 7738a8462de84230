"""A house font without some characters the text uses („ € ≥): they are set from the bundled Lato,
glyph by glyph in the nearest weight and style at the same size — in body text, headings, tables
and charts — they read back as written, and one warning names them."""

from __future__ import annotations

import ctypes
import io
import re
import shutil
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from types import SimpleNamespace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from report.build import build
from report.cli import main
from report.errors import ReportError
from report.fonts import TEXT_FONT_DIR, text_font_for

from .brand_fonts import make_lacking
from .conftest import ASSETS, SAMPLE_CONTENT, require_tool, set_sections
from .hostile import edit

DROP = "„€‚‘≥"  # not in the house font: German low quotes, the euro sign (≥ is not in its subset anyway)
STYLES = {"regular": "Regular", "italic": "Italic", "bold": "Bold", "bold_italic": "BoldItalic",
          "black": "Black", "light": "Light"}
SECTION = """kind: text
title: Preise „netto“ in €
blocks:
  - paragraph: >-
      Sie sagte "ja": Der Preis ist 12 € und **„fett“ 5 €** und *kursiv 3 €* ≥ 2.
  - table:
      title: Preisliste
      alt: Preise
      columns: [{name: Posten}, {name: Preis}]
      rows: [[Kaffee, 3 €]]
  - chart: aktivitaeten
"""


def _project(root: Path, fonts: Path | None = None) -> Path:
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    folder = root / "assets" / "fonts" / "brand"
    if fonts is not None:
        shutil.copytree(fonts, folder)
    else:
        folder.mkdir()
        for style in STYLES.values():
            make_lacking(ASSETS / "fonts" / f"Lato-{style}.ttf", folder / f"Brand-{style}.ttf", DROP)
    content = root / "content"
    (content / "theme.yaml").write_text("fonts:\n" + "".join(f"  {role}: fonts/brand/Brand-{style}.ttf\n"
                                                             for role, style in STYLES.items()), encoding="utf-8")
    set_sections(content, {"sections/preise.yaml": SECTION})
    for chart in ("reichweite", "ziele"):  # one chart is enough (each is drawn twice: see charts._render_one)
        (content / "charts" / f"{chart}.yaml").unlink()
    edit(content, "charts/aktivitaeten.yaml", "  - Gemeinschaftsstände auf Fachmessen", "  - Stände für 6 €")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """Both editions of a project in the house font, built by the command line."""
    root = tmp_path_factory.mktemp("glyph-fallback")
    content = _project(root)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["build", str(content), "-o", str(root / "out")])
    return SimpleNamespace(code=code, err=err.getvalue(), content=content, root=root,
                           screen=next((root / "out").glob("*-screen.pdf"), None),
                           print=next((root / "out").glob("*-print.pdf"), None))


def _chars(pdf_path: Path) -> list[tuple[str, str, float, float]]:
    """Every character pdfium reads, with its font's name, size and baseline."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    found = []
    try:
        for page in pdf:
            tp = page.get_textpage()
            for i in range(tp.count_chars()):
                buf = ctypes.create_string_buffer(256)
                pdfium_c.FPDFText_GetFontInfo(tp.raw, i, buf, 256, None)
                x, y = ctypes.c_double(), ctypes.c_double()
                pdfium_c.FPDFText_GetCharOrigin(tp.raw, i, ctypes.byref(x), ctypes.byref(y))
                found.append((tp.get_text_range(i, 1), buf.value.decode(), pdfium_c.FPDFText_GetFontSize(tp.raw, i),
                              y.value))
    finally:
        pdf.close()
    return found


def test_one_warning_names_the_characters_at_their_first_text(built):
    assert built.code == 0, built.err
    assert built.err.count("has no glyph") == 1, built.err
    assert (f"{built.content / 'sections' / 'preise.yaml'}:2:8: warning: the font Brand has no glyph for "
            "'„' (U+201E), '€' (U+20AC), '≥' (U+2265): they are set in Lato, the bundled text font, in the "
            "nearest weight and style at the same size") in built.err, built.err
    assert "‚" not in built.err and "Glyph" not in built.err  # inner quotes unused; matplotlib said nothing


@pytest.mark.parametrize("edition", ["screen", "print"])
def test_text_reads_back_as_written(built, edition):
    text = re.sub(r"\s+", " ", "".join(c for c, *_ in _chars(getattr(built, edition))))
    for written in ("Preise „netto“ in €", "Sie sagte „ja“: Der Preis ist 12 € und „fett“ 5 € und kursiv 3 € ≥ 2.",
                    "Kaffee 3 €", "Stände für 6 €"):
        assert written in text, written


def test_missing_glyphs_come_from_lato_in_the_same_size_on_the_same_baseline(built):
    # the print edition: pdfium reads the screen edition's /ActualText, with the font of a paragraph's first glyph
    chars = [c for c in _chars(built.print) if c[0].strip()]
    fallback = [(i, c) for i, c in enumerate(chars) if c[0] in DROP]
    assert len(fallback) >= 12, fallback  # contents, heading, paragraph, table cell, chart label
    styles = set()
    for i, (ch, font, size, baseline) in fallback:
        assert "Lato" in font, (ch, font)
        styles.add(re.sub(r"^[A-Z]{6}\+|-R[0-9a-f]{8}$", "", font))  # a subset's tag, a chart font's suffix
        before = chars[i - 1]  # the character before it, in the house font (a quote's word, a space's number)
        if before[0] not in DROP:
            assert "Brand" in before[1], before
            assert abs(before[2] - size) < 0.01 and abs(before[3] - baseline) < 0.01, (before, ch, size, baseline)
    # the weight and style of the text around: regular, bold (contents, **…**), italic (*…*), black (title)
    assert styles == {"Lato-Regular", "Lato-Bold", "Lato-Italic", "Lato-Black"}, styles
    assert all("Brand" in font for ch, font, *_ in chars if ch not in DROP and ch.isalpha())


def test_tagged_edition_copies_as_written(built):
    exe = require_tool("pdfinfo", "poppler-utils")  # poppler reads glyphs through ToUnicode only
    text = subprocess.run([exe, "-struct-text", str(built.screen)], capture_output=True, text=True, check=True).stdout
    assert "Sie sagte „ja“: Der Preis ist 12 € und „fett“ 5 € und kursiv 3 € ≥ 2." in text


def test_a_character_neither_font_has_stays_an_error(built, tmp_path):
    content = _project(tmp_path, built.root / "assets" / "fonts" / "brand")
    edit(content, "sections/preise.yaml", "title: Preise", "title: 字 Preise")
    with pytest.raises(ReportError) as exc:
        build(content, tmp_path / "out", ["screen"])
    assert [d.message for d in exc.value.diagnostics] == [
        "title: neither the font Brand nor Lato, the fallback, has a glyph for '字' (U+5B57)"]


@pytest.mark.parametrize("style", ["Regular", "Italic", "Bold", "BoldItalic", "Black", "Light"])
def test_the_fallback_matches_weight_and_style(style):
    assert text_font_for((TEXT_FONT_DIR / f"Lato-{style}.ttf").read_bytes()).name == f"Lato-{style}.ttf"


def test_a_replaced_font_of_the_same_name_is_the_one_used(tmp_path):
    """reportlab maps a second font of a known PostScript name to the first: in `report watch`, a house
    font replaced by a version with € went on being measured and drawn (and glyph-checked) as the old."""
    from reportlab.pdfbase import pdfmetrics

    from report.layout.styles import register_font
    (tmp_path / "old").mkdir(), (tmp_path / "new").mkdir()
    old = make_lacking(ASSETS / "fonts" / "Lato-Light.ttf", tmp_path / "old" / "Twin-Light.ttf", "€", "Twin")
    new = make_lacking(ASSETS / "fonts" / "Lato-Light.ttf", tmp_path / "new" / "Twin-Light.ttf", "", "Twin")
    assert 0x20AC not in pdfmetrics.getFont(register_font(old)).face.charToGlyph
    assert 0x20AC in pdfmetrics.getFont(register_font(new)).face.charToGlyph


def test_a_single_weight_that_lacks_a_character_is_named_at_its_line(tmp_path):
    """A heading serif without '–' in `bold:` beside a complete text family: the warning said "the font
    OpenSans has no glyph for '–'", naming the text family (the first font's file), at a paragraph whose
    dash the text family set itself. It names the file that lacks it, by its roles, at its theme.yaml line."""
    from .conftest import ROOT
    shutil.copytree(ROOT / "examples" / "en" / "content", tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    make_lacking(ASSETS / "fonts" / "Lato-Bold.ttf", tmp_path / "assets" / "fonts" / "Dashless-Bold.ttf", "–",
                 family="Dashless")
    content = tmp_path / "content"
    (content / "theme.yaml").write_text("fonts:\n  bold: fonts/Dashless-Bold.ttf\n", encoding="utf-8")
    set_sections(content, {"sections/a.yaml": "kind: text\ntitle: Prices\nblocks:\n"
                           "  - paragraph: Costs rose -- as planned.\n  - heading: Before – after\n"
                           "  - paragraph: More.\n"})
    result = build(content, tmp_path / "out", ["screen"])
    [warning] = [w for w in result.warnings if "no glyph" in w.message]
    assert warning.message.startswith("the bold font Dashless-Bold.ttf has no glyph for '–' (U+2013): they are "
                                      "set in Lato"), warning.message
    assert (warning.pos.file, warning.pos.line) == (content / "theme.yaml", 2), warning.pos
