"""A Belgian foundation's annual report in fr-BE, as its communications officer wrote it (Fondation
Eaux Vives, Namur): French text whose key figures, numbers, units, notes and CSV files came out wrong
in ways a French reader sees at once. One small project built once (print edition) and read back."""

from __future__ import annotations

from typing import Any

import pytest

from report.build import build
from report.layout.keyfigures import PAD
from report.layout.styles import MM

from .test_text_blocks import REPORT, make_project
from .test_wide_pages import _words

BELGIAN = {**REPORT, "name": "eaux", "title": "Rapport annuel", "language": "fr-BE"}
# nine tiles stand in three columns on A4, where « par rapport à l’année précédente » took twice a tile's width
FIGURES = [{"value": 42 + i, "previous": 31, "label": f"de berges {i}"} for i in range(9)]
HUGE = {"value": 999999999.5, "previous": 1.25, "change": "absolute", "prefix": "CHF", "unit": "Mio. kWh/an",
        "label": "énergie"}  # its change line is wider than two lines of a tile
SECTIONS: dict[str, Any] = {
    "chiffres": {"kind": "key_figures", "title": "Chiffres clés", "figures": FIGURES},
    "trois": {"kind": "key_figures", "title": "Trois chiffres", "columns": 3,
              "figures": [*FIGURES[:2], HUGE]},
}


@pytest.fixture(scope="module")
def belgian(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple], list[str]]:
    """The words of the print PDF (page, word, left, right, line, size) and the build's warnings."""
    root = tmp_path_factory.mktemp("fr-be")
    content = make_project(root, BELGIAN, SECTIONS)
    result = build(content, root / "out", ["print"])
    return _words(result.outputs[0].path), [w.format().replace(f"{root}/", "") for w in result.warnings]


def test_the_build_warns_only_where_it_should(belgian):
    assert belgian[1] == [
        "content/sections/trois.yaml:12:13: warning: key figure 999\u202f999\u202f999,5: its change line '+CHF\xa0999"
        "\u202f999\u202f998,25\xa0Mio. kWh/an par rapport à l’année précédente' is wider than its tile, even in two"
        " lines\n"
        "  hint: set the figures in fewer columns (columns: 2), or leave the change out (change: none)"]


def test_a_long_change_line_wraps_inside_its_tile(belgian):
    words = belgian[0]
    page = next(w[0] for w in words if w[1] == "berges")
    labels = sorted({round(w[2], 1) for w in words if w[0] == page and w[1] == "de"})  # a tile's left + PAD
    assert len(labels) == 3, labels
    pitch = labels[1] - labels[0]  # a tile's width and the gap
    rapport = [w for w in words if w[0] == page and w[1] == "rapport"]
    precedente = [w for w in words if w[0] == page and w[1] == "précédente"]
    assert len(rapport) == len(precedente) == 9
    for first, second in zip(rapport, precedente, strict=True):  # « … par rapport » over « à l’année précédente »
        assert second[4] < first[4] - 5, (first, second)
        left = max(x for x in labels if x <= first[2] + 1)
        for w in (first, second):  # inside the tile: its right padding not crossed (gap: 4 mm)
            assert w[3] <= left + pitch - 4 * MM - 2 * PAD + 0.5, (w, left)
