"""Tables need tabular figures: a theme font whose digits differ in width gets a warning."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from report.digits import check_digits, digit_widths
from report.theme import load_theme

from .conftest import ASSETS, SAMPLE_CONTENT


def test_lato_digits_are_tabular():
    theme, fonts = load_theme(SAMPLE_CONTENT, ASSETS)
    assert check_digits(theme, fonts) == []
    assert set(digit_widths(fonts["regular"]).values()) == {580.0}


def test_a_font_with_proportional_digits_is_named_with_its_theme_entry(tmp_path):
    theme, fonts = load_theme(SAMPLE_CONTENT, ASSETS)
    font = TTFont(fonts["regular"])
    glyph = font.getBestCmap()[ord("1")]
    width, lsb = font["hmtx"][glyph]
    font["hmtx"][glyph] = (width - 300, lsb)  # a narrow one, as in fonts with proportional figures
    narrow = tmp_path / "Narrow-Regular.ttf"
    font.save(narrow)
    found = check_digits(theme, {**fonts, "regular": narrow})
    assert len(found) == 1
    warning = found[0]
    assert warning.severity == "warning" and warning.pos.line > 0
    assert str(warning.pos.file).endswith("theme.yaml")
    assert "regular font Narrow-Regular.ttf has proportional digits ('1' is 430/1000 em wide, '0' 580)" \
        in warning.message
    assert "tabular" in warning.hint


def test_a_converted_font_is_named_as_the_theme_writes_it(tmp_path):
    """An .otf is converted into the cache as Brand-Bold-static.ttf: the warning named that file, which is
    nowhere in the designer's project; it names the theme's entry, Brand-Bold.otf."""
    from .brand_fonts import make_otf
    font = TTFont(str(ASSETS / "fonts" / "Lato-Bold.ttf"))
    glyph = font.getBestCmap()[ord("1")]
    width, lsb = font["hmtx"][glyph]
    font["hmtx"][glyph] = (width - 300, lsb)
    font.save(tmp_path / "Narrow-Bold.ttf")
    (tmp_path / "assets" / "fonts").mkdir(parents=True)
    make_otf(tmp_path / "Narrow-Bold.ttf", tmp_path / "assets" / "fonts" / "Brand-Bold.otf", style="Bold")
    content = tmp_path / "content"
    content.mkdir()
    (content / "theme.yaml").write_text("fonts:\n  bold: fonts/Brand-Bold.otf\n", encoding="utf-8")
    for name in ("Regular", "Italic", "BoldItalic", "Black", "Light"):
        (tmp_path / "assets" / "fonts" / f"Lato-{name}.ttf").write_bytes((ASSETS / "fonts" / f"Lato-{name}.ttf")
                                                                         .read_bytes())
    theme, fonts = load_theme(content, tmp_path / "assets")
    [warning] = check_digits(theme, fonts)
    assert fonts["bold"].name != "Brand-Bold.otf"  # the converted file in the cache
    assert warning.message.startswith("the bold font Brand-Bold.otf has proportional digits"), warning.message
