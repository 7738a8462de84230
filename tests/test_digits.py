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
