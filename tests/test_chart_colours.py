"""The chart palette stays readable for readers with colour-vision deficiencies and in greyscale.

Each series colour is passed through the Machado, Oliveira & Fernandes (2009) simulation at full
severity (linear sRGB matrices) for deuteranopia, protanopia and tritanopia, and compared in CIELAB
(CIE76 ΔE, D65). Thresholds, chosen so that a designer changing the theme gets told when two
series would merge:
- ΔE ≥ 15 between any two palette colours under each simulation (about "clearly different" for
  areas the size of a bar or a donut share; 2.3 is "just noticeable");
- ΔL* ≥ 7.5 between any two palette colours (a greyscale copy still separates them);
- the negative and highlight colours ΔE ≥ 25 from the first series colour under each simulation.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from report.theme import load_theme

ROOT = Path(__file__).resolve().parent.parent
SIMULATIONS = {
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}
MIN_DELTA_E, MIN_DELTA_L, MIN_CONTRAST_E = 15, 7.5, 25
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
WHITE = np.array([0.95047, 1.0, 1.08883])


def linear(rgb):
    c = np.asarray(rgb, dtype=float)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(lin):
    xyz = SRGB_TO_XYZ @ np.clip(lin, 0, 1) / WHITE
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(rgb, matrix=None):
    lin = linear(rgb)
    return lab(np.asarray(matrix) @ lin if matrix is not None else lin)


@pytest.fixture(scope="module")
def theme():
    return load_theme(ROOT / "content", ROOT / "assets")[0]


@pytest.mark.parametrize("deficiency", list(SIMULATIONS))
def test_series_colours_stay_apart_for_colour_blind_readers(theme, deficiency):
    matrix = SIMULATIONS[deficiency]
    colours = {n: seen(theme.colour(n).rgb_floats, matrix) for n in theme.charts.palette}
    worst = min((float(np.linalg.norm(colours[a] - colours[b])), a, b)
                for a, b in itertools.combinations(colours, 2))
    assert worst[0] >= MIN_DELTA_E, f"{worst[1]} and {worst[2]} look alike with {deficiency}: ΔE {worst[0]:.1f}"


def test_series_colours_stay_apart_in_greyscale(theme):
    light = {n: seen(theme.colour(n).rgb_floats)[0] for n in theme.charts.palette}
    worst = min((abs(light[a] - light[b]), a, b) for a, b in itertools.combinations(light, 2))
    assert worst[0] >= MIN_DELTA_L, f"{worst[1]} and {worst[2]} are the same grey: ΔL* {worst[0]:.1f}"


@pytest.mark.parametrize("deficiency", list(SIMULATIONS))
@pytest.mark.parametrize("role", ["negative", "highlight"])
def test_negative_and_highlight_stand_out_from_the_first_series(theme, deficiency, role):
    matrix = SIMULATIONS[deficiency]
    first = seen(theme.colour(theme.charts.palette[0]).rgb_floats, matrix)
    other = seen(theme.colour(getattr(theme.charts, role)).rgb_floats, matrix)
    assert float(np.linalg.norm(first - other)) >= MIN_CONTRAST_E


def test_the_check_catches_a_palette_that_merges_for_deuteranopes():
    """The simulation is not a formality: red and green of equal lightness fail it."""
    red, green = seen((0.80, 0.30, 0.25), SIMULATIONS["deuteranopia"]), seen((0.45, 0.55, 0.20),
                                                                          SIMULATIONS["deuteranopia"])
    normal = float(np.linalg.norm(seen((0.80, 0.30, 0.25)) - seen((0.45, 0.55, 0.20))))
    assert normal > 40 and float(np.linalg.norm(red - green)) < MIN_DELTA_E


def test_a_chart_colour_of_ones_own_that_looks_like_another_warns_where_a_chart_draws_both(tmp_path):
    """An accent of #2aa5c8 next to the palette's steel: protanopic readers cannot tell the two
    series apart. `report theme` showed it; the build says it too, at the user's own colour, but
    only where a chart draws both (steel is the palette's seventh colour: the sample's charts, of
    one series or a few shares, never draw it; a UK charity was warned of a plum no chart used)."""
    import shutil

    from report.charts.palette_check import colour_warnings
    from report.content import load_document

    from .conftest import ASSETS, SAMPLE_CONTENT
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    shutil.copytree(ASSETS, tmp_path / "assets")
    (content / "theme.yaml").write_text(
        "colours:\n  accent: {cmyk: [70, 0, 15, 0], rgb: '#2aa5c8'}\n", encoding="utf-8")
    theme, _ = load_theme(content, tmp_path / "assets")
    assert not [w for w in theme.warnings if "look alike" in w.message]
    assert not colour_warnings(load_document(content).charts, theme)
    (content / "charts" / "sieben.yaml").write_text(
        "kind: donut\ntitle: Sieben\ncaption: Sieben Anteile.\nsource: 'Quelle: Probe'\nalt: Sieben Anteile\n"
        "categories: [A, B, C, D, E, F, G]\nvalues: [10, 20, 30, 40, 50, 60, 70]\n", encoding="utf-8")
    found = colour_warnings(load_document(content).charts, theme)
    assert [(w.pos.file.name, w.pos.line) for w in found] == [("theme.yaml", 2)], [w.format() for w in found]
    assert "accent and steel look alike with protanopia" in found[0].message
    assert "two series in chart 'sieben' are hard to tell apart" in found[0].message
    plain, _ = load_theme(SAMPLE_CONTENT, ASSETS)
    assert not plain.chart_colour_clashes()  # the default palette is distinct
