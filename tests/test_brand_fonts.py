"""House fonts: OpenType/CFF, variable and WOFF2 files are converted and embedded; embedding
permissions are read; missing weights fall back with a warning that names the order."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from report.build import build
from report.errors import ReportError
from report.fonts import prepare_font
from report.theme import load_theme

from .brand_fonts import make_otf, make_variable, set_fs_type
from .conftest import ASSETS, SAMPLE_CONTENT

LATO = ASSETS / "fonts"


@pytest.fixture(scope="session")
def brand_fonts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Brand-Regular/-Italic/-Bold.otf (CFF) and BrandVar.ttf (variable, wght 400–900)."""
    folder = tmp_path_factory.mktemp("brand-fonts")
    for style in ("Regular", "Italic", "Bold"):
        make_otf(LATO / f"Lato-{style}.ttf", folder / f"Brand-{style}.otf", style=style)
    make_variable(LATO / "Lato-Regular.ttf", folder / "BrandVar.ttf")
    return folder


def _project(tmp_path: Path, fonts: Path, theme: str) -> Path:
    shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    shutil.copytree(fonts, tmp_path / "assets" / "fonts" / "brand")
    (tmp_path / "content" / "theme.yaml").write_text(theme, encoding="utf-8")
    return tmp_path / "content"


def test_generated_fonts_are_what_the_tests_claim(brand_fonts):
    otf = TTFont(str(brand_fonts / "Brand-Regular.otf"))
    assert otf.sfntVersion == "OTTO" and "CFF " in otf and "glyf" not in otf
    var = TTFont(str(brand_fonts / "BrandVar.ttf"))
    assert [(a.axisTag, a.minValue, a.maxValue) for a in var["fvar"].axes] == [("wght", 400, 900)]


def test_otf_family_and_variable_font_are_embedded(tmp_path, brand_fonts):
    content = _project(tmp_path, brand_fonts, "fonts:\n"
                       "  regular: fonts/brand/Brand-Regular.otf\n"
                       "  italic: fonts/brand/Brand-Italic.otf\n"
                       "  bold: fonts/brand/Brand-Bold.otf\n"
                       "  black: fonts/brand/BrandVar.ttf\n")
    result = build(content, tmp_path / "out", ["print"])
    pdf = result.outputs[0].path
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    names = {row[0].split("+")[-1] for row in rows}
    assert {"Brand-Regular", "Brand-Bold", "BrandVar-W900"} <= names, listing
    assert not any("Lato" in n or "Helvetica" in n for n in names), listing
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows), listing  # emb, sub, uni
    # the missing weights fell back in the documented order, each with a warning at the fonts block
    fallback = [w for w in result.warnings if "weight given" in w.message]
    assert [w.message for w in fallback] == ["fonts: no 'bold_italic' weight given; it is set in 'bold'",
                                             "fonts: no 'light' weight given; it is set in 'regular'"]
    assert all(str(w.pos).endswith("content/theme.yaml:2:3") for w in fallback)
    assert "fallback order: bold_italic, bold, italic, regular" in fallback[0].hint
    assert result.preflight is not None and not result.preflight.failed


def test_cff_is_converted_to_truetype_once_and_cached(tmp_path, brand_fonts):
    first = prepare_font(brand_fonts / "Brand-Bold.otf", "bold")
    assert first.path != first.source and first.steps == ("CFF outlines converted to TrueType (cu2qu)",)
    font = TTFont(str(first.path))
    assert font.sfntVersion == "\x00\x01\x00\x00" and "glyf" in font and "CFF " not in font
    mtime = first.path.stat().st_mtime_ns
    again = prepare_font(brand_fonts / "Brand-Bold.otf", "bold")
    assert again.path == first.path and again.path.stat().st_mtime_ns == mtime


def test_a_converted_font_keeps_its_sources_date(tmp_path, brand_fonts, monkeypatch):
    """Not the time of conversion, nor SOURCE_DATE_EPOCH: the cached file would carry either into a
    later build's PDFs (one asking for another date, or none)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1514678400")
    converted = TTFont(str(prepare_font(brand_fonts / "Brand-Bold.otf", "bold").path))
    assert converted["head"].modified == TTFont(str(brand_fonts / "Brand-Bold.otf"))["head"].modified


def test_variable_font_is_instanced_per_weight(brand_fonts):
    bold = prepare_font(brand_fonts / "BrandVar.ttf", "bold")
    black = prepare_font(brand_fonts / "BrandVar.ttf", "black")
    assert bold.path != black.path
    assert "fvar" not in TTFont(str(bold.path))
    assert TTFont(str(bold.path))["OS/2"].usWeightClass == 700
    assert TTFont(str(black.path))["OS/2"].usWeightClass == 900
    assert "wght 700" in bold.steps[0]
    # the instance is really heavier (wider outlines in this test font) than the default
    w_bold = TTFont(str(bold.path))["hmtx"]["H"][0]
    w_regular = TTFont(str(prepare_font(brand_fonts / "BrandVar.ttf", "regular").path))["hmtx"]["H"][0]
    assert w_bold > w_regular


def test_variable_font_without_italic_axis_warns_for_italic_roles(tmp_path, brand_fonts):
    content = _project(tmp_path, brand_fonts, "fonts:\n  regular: fonts/brand/BrandVar.ttf\n"
                                              "  italic: fonts/brand/BrandVar.ttf\n  bold: fonts/brand/BrandVar.ttf\n")
    theme, fonts = load_theme(content, tmp_path / "assets")
    upright = [w for w in theme.warnings if "no italic axis" in w.message]
    assert len(upright) == 1 and str(upright[0].pos).endswith("content/theme.yaml:3:11")
    assert fonts["regular"] != fonts["bold"]  # one file, two instances


def test_woff2_is_unpacked(tmp_path):
    font = TTFont(str(LATO / "Lato-Regular.ttf"))
    font.flavor = "woff2"
    font.save(str(tmp_path / "Web.woff2"))
    prepared = prepare_font(tmp_path / "Web.woff2", "regular")
    assert prepared.steps == ("WOFF2 unpacked",)
    assert TTFont(str(prepared.path)).flavor is None


@pytest.mark.parametrize("fs_type, what", [(0x0002, "forbids embedding"), (0x0200, "bitmaps only"),
                                           (0x0100, "forbids subsetting")])
def test_font_that_forbids_embedding_is_refused_by_name(tmp_path, brand_fonts, fs_type, what):
    content = _project(tmp_path, brand_fonts, "fonts:\n  regular: fonts/brand/Brand-Regular.otf\n"
                                              "  bold: fonts/Locked-Bold.ttf\n")
    set_fs_type(LATO / "Lato-Bold.ttf", tmp_path / "assets" / "fonts" / "Locked-Bold.ttf", fs_type)
    with pytest.raises(ReportError) as exc:
        load_theme(content, tmp_path / "assets")
    (d,) = [d for d in exc.value.diagnostics if d.severity == "error"]
    assert str(d.pos).endswith("content/theme.yaml:3:9"), d.format()
    assert "'fonts/Locked-Bold.ttf'" in d.message and what in d.message, d.message
    assert "licence" in d.hint or "vendor" in d.hint


def test_preview_and_print_font_warns_for_the_screen_edition(tmp_path, brand_fonts):
    content = _project(tmp_path, brand_fonts, "fonts:\n  regular: fonts/Preview-Regular.ttf\n")
    set_fs_type(LATO / "Lato-Regular.ttf", tmp_path / "assets" / "fonts" / "Preview-Regular.ttf", 0x0004)
    theme, fonts = load_theme(content, tmp_path / "assets")
    preview = [w for w in theme.warnings if "preview and print" in w.message]
    assert len(preview) == 1 and "screen edition" in preview[0].message
    assert set(fonts) == {"regular", "italic", "bold", "bold_italic", "black", "light"}


def test_a_single_weight_changes_only_that_weight_of_the_default_family(project):
    (project / "theme.yaml").write_text("fonts:\n  black: fonts/Lato-Bold.ttf\n", encoding="utf-8")
    theme, fonts = load_theme(project, project.parent / "assets")
    assert fonts["black"].name == "Lato-Bold.ttf" and fonts["regular"].name == "Lato-Regular.ttf"
    assert list(theme.warnings) == []


def test_not_a_font_file_is_named(tmp_path, brand_fonts):
    content = _project(tmp_path, brand_fonts, "fonts:\n  regular: fonts/brand/readme.otf\n")
    (tmp_path / "assets" / "fonts" / "brand" / "readme.otf").write_text("not a font", encoding="utf-8")
    with pytest.raises(ReportError) as exc:
        load_theme(content, tmp_path / "assets")
    (d,) = [d for d in exc.value.diagnostics if d.severity == "error"]
    assert d.message == "'fonts/brand/readme.otf' is not a font file (TrueType, OpenType, WOFF or WOFF2)"
    assert str(d.pos).endswith("content/theme.yaml:2:12")


HEADING_SECTIONS = {
    "sections/a.yaml": "kind: key_figures\ntitle: Zahlenwerk\nfigures:\n"
                       "  - {value: 1500, unit: MW, label: Leistungsdaten}\n  - {value: 12, label: Standorte}\n",
    "sections/b.yaml": "kind: text\ntitle: Bilanzjahr\nblocks:\n"
                       "  - paragraph: Ein Satz mit **Fettdruck** im Fließtext.\n"
                       "  - heading: Ausblickszeile\n"
                       "  - table:\n      title: Tabellentitel\n      alt: Ausgaben nach Bereich\n"
                       "      columns: [{name: Bereich}, {name: '2025', type: number}]\n"
                       "      rows: [[Projekte, 120], [Summenzeile, 120]]\n      row_kinds: {Summenzeile: total}\n",
}


def test_a_heading_face_sets_headings_titles_and_figures_and_leaves_the_text_family(tmp_path, brand_fonts):
    """A corporate design pairs a serif for headings with a sans for text. With only six roles of one
    family, the serif had to go into bold and black: every **bold** word, a table's total row and the
    whole back page came out in the serif. `fonts: heading:` is the headings' own face."""
    import pdfplumber

    from .conftest import set_sections
    make_otf(LATO / "Lato-Bold.ttf", tmp_path / "Serif-Bold.otf", family="HouseSerif", style="Bold")
    content = _project(tmp_path, brand_fonts, "fonts:\n  heading: fonts/brand/Serif-Bold.otf\n")
    shutil.copy(tmp_path / "Serif-Bold.otf", tmp_path / "assets" / "fonts" / "brand")
    set_sections(content, HEADING_SECTIONS)
    result = build(content, tmp_path / "out", ["screen"])
    faces: dict[str, set[str]] = {}
    with pdfplumber.open(result.outputs[0].path) as pdf:
        for page in pdf.pages:
            for word in page.extract_words(extra_attrs=["fontname"]):
                faces.setdefault(word["text"], set()).add(word["fontname"].split("+")[-1])
    # the cover title, section titles, a sub-heading, a table's title, the contents and the back page's
    # heading, and the key figures' numbers with their unit
    for text in ("Internationalisierung!", "Zahlenwerk", "Bilanzjahr", "Ausblickszeile", "Tabellentitel",
                 "Impressum", "1.500", "MW", "12"):
        assert faces[text] == {"HouseSerif-Bold"}, (text, faces[text])
    # text stays in the family: bold in body text, the total row, a table's header, a tile's label
    for text in ("Fettdruck", "Summenzeile", "Bereich", "Leistungsdaten", "Standorte"):
        assert faces[text] == {"Lato-Bold"}, (text, faces[text])
