"""Chart labels: a stacked bar chart labels a series' segments all or none and keeps its totals under
the top gridline; a chart placed in a section with its own `language:` draws its numbers in that
language (an English summary in a German report: 1,250.5, not 1.250,5)."""

from __future__ import annotations

import shutil

import pytest

from . import pdf_chars
from .conftest import ASSETS, SAMPLE_CONTENT, set_sections

STACKED = """kind: bar
stacked: true
title: Kundenkonten
caption: Konten nach Art.
source: Abrechnung
height: 65
unit: Tsd.
alt: Gestapelte Säulen der Kundenkonten 2021 bis 2025.
categories: ["2021", "2022", "2023", "2024", "2025"]
series:
  - {name: Haushalte, values: ["118,2", "119,0", "120,3", "121,1", "122,4"]}
  - {name: Gewerbe, values: ["9,1", "9,3", "9,2", "9,5", "9,6"]}
  - {name: Sozialtarif, values: ["6,2", "7,9", "9,4", "10,8", "11,9"]}
"""
TONNES = """kind: bar
orientation: horizontal
title: Mengen
caption: Mengen nach Art.
source: Lager
height: 40
unit: t
alt: Zwei Balken.
categories: [Sand, Kies]
series:
  - {values: ["1.250,5", "2.400,25"]}
"""
COSTS = """kind: bar
stacked: true
title: Expenditure by type
caption: Staff costs make up around 60% of expenditure.
source: Financial statements
height: 75
unit: £m
alt: Stacked columns of expenditure by type, 2021/22 to 2025/26.
categories: ["2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]
series:
  - {name: Staff costs, values: [598.2, 641.7, 672.0, 705.3, 731.9]}
  - {name: Other operating expenses, values: [301.4, 338.9, 352.4, 361.8, 368.5]}
  - {name: Depreciation and amortisation, values: [72.0, 75.3, 79.8, 84.1, 88.7]}
  - {name: Interest and other finance costs, values: [14.8, 15.2, 15.9, 16.4, 16.1]}
"""
SECTIONS = {
    "sections/de.yaml": "kind: text\ntitle: Zahlen\nblocks:\n  - chart: kunden\n  - chart: mengen\n",
    "sections/en.yaml": "kind: text\nlanguage: en-GB\npage: new\ntitle: Summary in English\nblocks:\n"
                        "  - chart: mengen\n  - grid:\n      items: [{chart: aufwand}, {chart: aufwand, id: again}]\n",
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[pdf_chars.Char]]:
    """The print edition's characters by page (the print edition draws no hidden data tables)."""
    from report.build import build
    root = tmp_path_factory.mktemp("chart-labels")
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    shutil.copytree(ASSETS, root / "assets")
    for name in (root / "content" / "charts").glob("*.yaml"):
        name.unlink()
    (root / "content" / "charts" / "kunden.yaml").write_text(STACKED, encoding="utf-8")
    (root / "content" / "charts" / "mengen.yaml").write_text(TONNES, encoding="utf-8")
    (root / "content" / "charts" / "aufwand.yaml").write_text(COSTS, encoding="utf-8")
    set_sections(root / "content", SECTIONS)
    result = build(root / "content", root / "out", ["print"])
    by_page: dict[int, list[pdf_chars.Char]] = {}
    for c in pdf_chars.chars(next(o.path for o in result.outputs)):
        by_page.setdefault(c.page, []).append(c)
    return by_page


def _words(chars: list[pdf_chars.Char]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Runs of characters on one baseline without a gap wider than a space: (text, box)."""
    rows: dict[float, list[pdf_chars.Char]] = {}
    for c in chars:
        rows.setdefault(round(c.baseline, 1), []).append(c)
    words = []
    for row in rows.values():
        row.sort(key=lambda c: c.box[0])
        run = [row[0]]
        for c in row[1:]:
            if c.box[0] - run[-1].box[2] > c.size * 0.2:
                words.append(run)
                run = []
            run.append(c)
        words.append(run)
    return [("".join(c.text for c in w), (w[0].box[0], min(c.box[1] for c in w), w[-1].box[2],
                                          max(c.box[3] for c in w))) for w in words]


def _page_with(pages: dict[int, list[pdf_chars.Char]], text: str) -> list[tuple[str, tuple]]:
    found = [words for words in map(_words, pages.values()) if any(t == text for t, _ in words)]
    assert len(found) == 1, text
    return found[0]


def test_a_stacked_series_is_labelled_in_every_bar_or_in_none(pages):
    words = [t for t, _ in _page_with(pages, "Kundenkonten")]
    households = ["118,2", "119,0", "120,3", "121,1", "122,4"]
    assert all(v in words for v in households), words  # tall segments: each one labelled
    for series in (["9,1", "9,3", "9,2", "9,5", "9,6"], ["6,2", "7,9", "9,4", "10,8", "11,9"]):
        assert not any(v in words for v in series), (series, words)  # too low in some bar: in none


def test_stacked_totals_stand_under_the_top_gridline_and_clear_of_the_others(pages):
    words = _page_with(pages, "Kundenkonten")
    totals = [box for t, box in words if t in ("133,5", "136,2", "138,9", "141,4", "143,9")]
    assert len(totals) == 5, words
    top = next(box for t, box in words if t == "Tsd.")  # the unit, beside the top tick's number
    ticks = [box for t, box in words if t.isdigit() and box[2] < min(b[0] for b in totals) and box[1] > top[1] - 200]
    lines = [(box[1] + box[3]) / 2 for box in ticks]  # a gridline runs through its label's middle
    assert len(lines) >= 3 and abs(max(lines) - (top[1] + top[3]) / 2) < 0.5, (ticks, top)
    assert max(box[3] for box in totals) < max(lines) - 1, (lines, totals)  # under the top one, its unit
    assert not [(b, y) for b in totals for y in lines if b[1] - 1 < y < b[3] + 1], (lines, totals)


def test_a_stacked_chart_in_a_grid_cell_keeps_its_grid_close_over_its_totals(pages):
    """Totals of 986 to 1,205 (£m) in a grid's cell under a four-line legend: the grid ran to £2,000m to
    keep its gridlines clear of the totals, the top 40 % of the plot empty; 0–500–1,000–1,500 holds them
    (a gridline stops short of a total it would cross)."""
    words = [t for t, _ in _page_with(pages, "Expenditure")]
    assert words.count("£1,500m") == 2 and "£2,000m" not in words, words


def test_a_chart_in_an_english_section_has_english_numbers(pages):
    placed = [[t for t, _ in _words(chars)] for chars in pages.values() if any(c.text == "M" for c in chars)]
    placed = [words for words in placed if "Mengen" in words]  # the chart's title: its two pages
    assert len(placed) == 2, placed
    german, english = placed
    assert "1.250,5" in german and "2.400,25" in german and "2.000" in german, german
    assert "1,250.5" in english and "2,400.25" in english and "2,000" in english, english
    assert not any("," in t and "." in t and t.index(".") < t.index(",") for t in english), english
