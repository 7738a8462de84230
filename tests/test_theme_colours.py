"""A theme colour's cmyk and rgb: CMYK written as fractions of 1 is refused with the percent values,
and a cmyk that prints unlike its rgb (through the print edition's FOGRA39 profile) is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from report.cli import main
from report.colours import delta_e2000, lab, printed
from report.theme import load_theme

from .conftest import ASSETS, SAMPLE_CONTENT

BRAND = ("colours:\n"
         "  ink:       {cmyk: [0, 0, 0, 100],   rgb: '#111111'}\n"
         "  primary:   {cmyk: [90, 75, 45, 60], rgb: '#0e1a2b'}\n"
         "  accent:    {cmyk: [65, 0, 50, 0],   rgb: '#2bd99f'}\n"
         "  secondary: {cmyk: [60, 70, 0, 0],   rgb: '#7b5cd6'}\n"
         "  muted:     {cmyk: [0, 0, 0, 60],    rgb: '#6d6e71'}\n")


def _content(tmp_path: Path, theme: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "theme.yaml").write_text(theme, encoding="utf-8")
    return content


def _mismatches(theme) -> list:
    return [w for w in theme.warnings if "print and screen show different colours" in w.message]


def test_cmyk_as_fractions_is_an_error_at_its_line_with_the_percent_values(tmp_path, monkeypatch, capsys):
    """[0.6, 0.7, 0, 0] was read as 0.6 % cyan and 0.7 % magenta: a violet brand colour printed
    nearly white, and the build said nothing."""
    content = _content(tmp_path, BRAND.replace("[60, 70, 0, 0]", "[0.6, 0.7, 0, 0]"))
    shutil.copytree(ASSETS, tmp_path / "assets")
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(content), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "content/theme.yaml:5:21: error: cmyk [0.6, 0.7, 0, 0] is in percent" in err, err
    assert "nearly paper white" in err and "hint: did you mean [60, 70, 0, 0]?" in err, err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("cmyk", ["[0, 0, 0, 1]", "[1, 0.5, 0, 100]", "[0.5, 0, 0, 40]"])
def test_small_percentages_that_are_not_fractions_are_accepted(tmp_path, cmyk):
    content = _content(tmp_path, f"colours:\n  rule: {{cmyk: {cmyk}, rgb: '#fcfcfc'}}\n")
    load_theme(content, ASSETS)  # 1 % K, or a fraction of a percent next to real percentages


def test_cmyk_that_prints_unlike_its_rgb_warns_at_the_colour_naming_both(tmp_path):
    """A navy CMYK with a violet rgb (swapped values) prints one colour and shows another."""
    content = _content(tmp_path, BRAND.replace("'#7b5cd6'", "'#0e1a2b'").replace(
        "[90, 75, 45, 60], rgb: '#0e1a2b'", "[90, 75, 45, 60], rgb: '#7b5cd6'"))
    theme, _ = load_theme(content, ASSETS)
    found = _mismatches(theme)
    assert [(w.pos.file.name, w.pos.line) for w in found] == [("theme.yaml", 3), ("theme.yaml", 5)], \
        [w.format() for w in found]
    assert "colour primary: cmyk 90/75/45/60 prints a very dark greyish blue" in found[0].message
    assert "rgb #7b5cd6 is a saturated violet" in found[0].message
    assert "colour secondary: cmyk 60/70/0/0 prints a violet" in found[1].message
    assert "rgb #0e1a2b is a very dark greyish blue" in found[1].message
    # the difference it states is the one through the profile, and far over ordinary press-vs-screen
    shown = printed([(90, 75, 45, 60)], ASSETS / "icc" / "FOGRA39L_300.icc")[0]
    d = delta_e2000(lab(shown), lab((0x7b / 255, 0x5c / 255, 0xd6 / 255)))
    assert f"(delta E {d:.0f}, over 20)" in found[0].message and d > 20


def test_well_matched_pairs_do_not_warn(tmp_path):
    """A brand's own pairs (screen colours brighter than the press can print) and the default theme,
    which the sample, examples/en and `report init` projects use, are one colour each."""
    theme, _ = load_theme(_content(tmp_path, BRAND), ASSETS)
    assert not _mismatches(theme), [w.format() for w in _mismatches(theme)]
    plain, _ = load_theme(SAMPLE_CONTENT, ASSETS)
    assert not _mismatches(plain), [w.format() for w in _mismatches(plain)]


def test_changing_only_the_cmyk_of_a_colour_warns(tmp_path):
    """theme.yaml that gives a colour only its cmyk keeps the default rgb: the screen edition shows
    the default blue next to a print bordeaux."""
    theme, _ = load_theme(_content(tmp_path, "colours:\n  primary: {cmyk: [20, 95, 45, 35]}\n"), ASSETS)
    found = _mismatches(theme)
    assert len(found) == 1 and found[0].pos.line == 2 and "rgb #0b4a74 is a dark" in found[0].message, \
        [w.format() for w in found]


def test_without_the_print_profile_the_check_is_left_to_the_print_edition(tmp_path):
    content = _content(tmp_path, "colours:\n  primary: {cmyk: [20, 95, 45, 35]}\n")
    shutil.copytree(ASSETS, tmp_path / "assets", ignore=shutil.ignore_patterns("*.icc"))
    theme, _ = load_theme(content, tmp_path / "assets")
    assert not _mismatches(theme)  # the print edition says that the profile is missing


def test_a_hex_colour_in_the_chart_palette_is_told_how_to_become_a_theme_colour(tmp_path, monkeypatch, capsys):
    """`palette: ['#1f4e79', …]` was „unknown colour“ with the list of names: nothing said that the
    charts name the theme's colours (each with its CMYK for print), nor how to add one."""
    content = _content(tmp_path, "charts:\n  palette: ['#1f4e79', primry, '#e07b00']\n  highlight: ornage\n")
    shutil.copytree(ASSETS, tmp_path / "assets")
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(content), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "content/theme.yaml:2:13: error: unknown colour '#1f4e79' in chart palette" in err, err
    first, second = (line for line in err.splitlines() if "cmyk: [C, M, Y, K]" in line)
    assert 'plum: {cmyk: [C, M, Y, K], rgb: "#1f4e79"}, and write plum here' in first, first
    assert 'steel: {cmyk: [C, M, Y, K], rgb: "#e07b00"}' in second, second  # a colour of its own
    assert "hint: did you mean 'primary'?" in err
    assert "'ornage' for charts: highlight\n  hint: name one of the theme's colours (a colour of your own" in err
