"""`report theme`: the specimen page per edition renders with palette, type scale, grid and logo."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium

from report.cli import main
from report.specimen import close_pairs, simulate

from .conftest import ASSETS, ROOT, SAMPLE_CONTENT

BRAND = Path(__file__).parent / "data" / "brand"


def test_specimen_page_per_edition(tmp_path, capsys):
    shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    shutil.copytree(BRAND, tmp_path / "assets" / "logo")
    (tmp_path / "content" / "theme.yaml").write_text("page:\n  size: A5\nlogo:\n  file: logo/logo.svg\n",
                                                     encoding="utf-8")
    out = tmp_path / "specimen.pdf"
    assert main(["theme", str(tmp_path), "-o", str(out)]) == 0
    assert "2 pages: print, screen edition" in capsys.readouterr().out
    pdf = pdfium.PdfDocument(str(out))
    try:
        assert len(pdf) == 2
        texts = [page.get_textpage().get_text_range() for page in pdf]
        for text, edition in zip(texts, ("print", "screen"), strict=True):
            assert f"Theme specimen · {edition} edition" in text
            for part in ("PALETTE", "CMYK 100 60 10 30", "ink 200 %", "sRGB #0b4a74", "TYPE SCALE", "body · 10 pt",
                         "PAGE GRID", "trim 148 × 210 mm", "LOGO AND CLEAR SPACE", "deuteranopia", "protanopia"):
                assert part in text, (edition, part)
        assert "bleed 3 mm" in texts[0] and "bleed" not in texts[1].split("PAGE GRID")[1]
        image = pdf[1].render(scale=0.5).to_pil().convert("RGB")
        colours = image.getcolors(1 << 20)
        assert len(colours) > 50  # swatches, type and grid, not a blank page
        assert any(abs(r - 11) < 6 and abs(g - 74) < 6 and abs(b - 116) < 6 for _, (r, g, b) in colours)
        assert "Ein gutes Jahr" in texts[0] and "1.000 Gäste" in texts[0]  # the German sample's language
    finally:
        pdf.close()


def test_an_english_projects_specimen_speaks_english(tmp_path, capsys):
    """An English project's specimen set its type samples in German ('1.000 Gäste')."""
    shutil.copytree(ROOT / "examples" / "en" / "content", tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    out = tmp_path / "specimen.pdf"
    assert main(["theme", str(tmp_path), "-o", str(out)]) == 0
    pdf = pdfium.PdfDocument(str(out))
    try:
        text = pdf[0].get_textpage().get_text_range()
        assert "1,000 guests" in text and "Gäste" not in text
    finally:
        pdf.close()


def test_colour_vision_simulation():
    red, green = (0.8, 0.1, 0.1), (0.1, 0.6, 0.1)
    matrix = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))
    assert close_pairs(["red", "green"], [red, green]) == []
    seen = [simulate(c, matrix) for c in (red, green)]
    assert close_pairs(["red", "green"], seen)  # deuteranopes confuse red and green
    assert simulate((1.0, 1.0, 1.0), matrix) == (1.0, 1.0, 1.0) or all(abs(v - 1) < 0.01
                                                                      for v in simulate((1.0, 1.0, 1.0), matrix))


def test_a_house_font_lacking_a_character_borrows_it_in_the_specimen_as_in_the_report(tmp_path, capsys):
    """A house bold without '–' printed empty boxes in the specimen's samples ("internationalisation □
    1,000 guests"), where the report sets the dash from Lato: the sheet a designer signs off looked broken
    and unlike the report. Now the specimen borrows the glyph too and says which characters it lent."""
    import pikepdf

    from .brand_fonts import make_lacking
    shutil.copytree(ROOT / "examples" / "en" / "content", tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    make_lacking(ASSETS / "fonts" / "Lato-Bold.ttf", tmp_path / "assets" / "fonts" / "Dashless-Bold.ttf", "–",
                 family="Dashless")
    (tmp_path / "content" / "theme.yaml").write_text("fonts:\n  bold: fonts/Dashless-Bold.ttf\n", encoding="utf-8")
    out = tmp_path / "specimen.pdf"
    assert main(["theme", str(tmp_path), "-o", str(out)]) == 0
    capsys.readouterr()
    with pikepdf.open(out) as pdf:
        fonts = {str(f.BaseFont).split("+")[-1] for f in pdf.pages[0].Resources.Font.values()}
    assert "Dashless-Bold" in fonts and "Lato-Bold" in fonts, fonts  # the dash from the fallback's bold
    text = pdfium.PdfDocument(str(out))[0].get_textpage().get_text_range()
    assert "bold: Dashless-Bold.ttf · lacks –: set in Lato, as in the report" in text
