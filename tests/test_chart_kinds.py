"""Each chart kind, read from YAML like an author writes it, drawn by the chart stage and read back
from the PDF: the words and where they are, the bars and where they end, labels that never touch."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from report.charts import _kinds
from report.charts.render import render_pdf
from report.errors import Diagnostics
from report.load import parse_yaml
from report.locale import get_locale
from report.model import CHART_KINDS, INVALID, ReadContext, Reader
from report.theme import load_theme

from .chart_drawing import filled_shapes, find, overlapping, stroked_paths, stroked_points, texts, words
from .conftest import ASSETS, SAMPLE_CONTENT

WIDTH = 122 * 72 / 25.4  # the text column
NBSP, MINUS = "\u00a0", "\u2212"
MONTHS = "[Jan, Feb, Mär, Apr, Mai, Jun, Jul, Aug, Sep, Okt, Nov, Dez]"
COMMON = """title: T
caption: C.
source: Q
alt: A chart.
"""


@pytest.fixture(scope="module")
def theme_fonts():
    return load_theme(SAMPLE_CONTENT, ASSETS)


def read(yaml_text: str, content_dir: Path = SAMPLE_CONTENT, name: str = "x", language: str = ""):
    """(chart or INVALID, diagnostics) of one chart file's text."""
    path = content_dir / "charts" / f"{name}.yaml"
    diag = Diagnostics()
    ctx = ReadContext(content_dir=content_dir, assets_dir=ASSETS, project_dir=ASSETS.parent, language=language)
    raw = parse_yaml(COMMON + yaml_text, path)
    return Reader(diag, ctx).read_kind(raw, raw.pos, CHART_KINDS, f"chart '{name}'"), diag.items


def chart(yaml_text: str):
    obj, diags = read(yaml_text)
    assert obj is not INVALID and not [d for d in diags if d.severity == "error"], [d.format() for d in diags]
    return obj


def draw(obj, theme_fonts, language: str = "de-DE") -> bytes:
    from report.charts import _kinds
    theme, fonts = theme_fonts
    return render_pdf("x", obj, _kinds()[type(obj)], theme, fonts, get_locale(language), WIDTH).pdf


def line_number(yaml_text: str, needle: str) -> int:
    return next(i for i, line in enumerate((COMMON + yaml_text).splitlines(), 1) if needle in line)


# --- line ---------------------------------------------------------------------------------

GENERATION = f"""kind: line
unit: GWh
area: true
highlight: Jul
categories: {MONTHS}
series:
  - values: [212.4, 198.1, 240.7, 251.3, 277.9, 301.2, 1318.6, 296.0, 262.5, 230.8, 205.3, 199.9]
"""


def test_line_prints_the_highlight_as_written_with_locale_separators(theme_fonts):
    pdf = draw(chart(GENERATION), theme_fonts)
    record = find(pdf, f"1.318,6{NBSP}GWh")
    july = find(pdf, "Jul")
    assert abs(record.x - july.x) < 1 and record.y > july.y + 20  # above its month
    assert {"500", "1.000", f"1.500{NBSP}GWh"} <= set(texts(pdf))  # 1-2-5 ticks, unit on the top one
    english = draw(chart(GENERATION), theme_fonts, "en-GB")
    assert {"1,318.6\u00a0GWh", "1,000"} <= set(texts(english))
    assert overlapping(pdf) == [] and overlapping(english) == []


def test_line_names_its_series_at_their_ends_without_overlap(theme_fonts):
    obj = chart("""kind: line
markers: true
categories: ["2019", "2020", "2021", "2022", "2023", "2024"]
series:
  - {name: Privatkunden, values: [120, 125, 131, 128, 140, 151]}
  - {name: Gewerbe, values: [80, 82, 79, 90, 96, 101]}
  - {name: Industrie, values: [75, 70, 81, 88, 94, 102]}
""")
    pdf = draw(obj, theme_fonts)
    last = find(pdf, "2024")
    for name in ("Privatkunden", "Gewerbe", "Industrie"):
        assert find(pdf, name).box[0] > last.box[2] - 2  # right of the line ends, not in a legend
    assert overlapping(pdf) == []  # Gewerbe and Industrie end 1 apart: their labels were moved apart
    # the first series' navy reads on paper, the orange and light blue do not: all three names in ink,
    # not one coloured and two black as if that one mattered more (a foundation's four return lines)
    theme, _ = theme_fonts
    inks = {name: _darkest(pdf, find(pdf, name).box) for name in ("Privatkunden", "Gewerbe", "Industrie")}
    ink = tuple(round(255 * v) for v in theme.colour("ink").rgb_floats)
    assert all(max(abs(a - b) for a, b in zip(c, ink, strict=True)) < 40 for c in inks.values()), (inks, ink)


def _darkest(pdf: bytes, box: tuple[float, ...], scale: float = 4) -> tuple[int, ...]:
    """The darkest pixel inside a word's box: the colour its glyphs are filled with."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        image = page.render(scale=scale).to_pil().convert("RGB")
        height = page.get_height()
    finally:
        doc.close()
    x0, y0, x1, y1 = box
    crop = image.crop((int(x0 * scale), int((height - y1) * scale),
                       int(x1 * scale) + 1, int((height - y0) * scale) + 1))
    return min((crop.getpixel((x, y)) for x in range(crop.width) for y in range(crop.height)), key=sum)


def _strip(pdf: bytes, x: float, scale: float = 4) -> list[tuple[int, int, int]]:
    """The pixels of a 1-point-wide vertical strip of the drawing at `x` (PDF points), top to bottom."""
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf)
    try:
        image = doc[0].render(scale=scale).to_pil().convert("RGB")
    finally:
        doc.close()
    return [image.getpixel((int(x * scale) + dx, y)) for dx in range(int(scale)) for y in range(image.height)]


GAPS = """kind: line
categories: ["2019", "2020", "2021", "2022", "2023", "2024"]
highlight: "2022"
series:
  - {name: Zufriedenheit, values: [71, null, 74, 78, 80, 81]}
  - {name: Beteiligung, values: [40, 42, null, 45, 47, null]}
"""


def test_a_line_breaks_off_where_a_value_is_missing(theme_fonts):
    """A survey not run in 2020: `null` was an error („a chart has no gaps“), and a foundation left the
    year out, which joined 2019 to 2021 as if it had been measured. The line breaks off at the gap
    (no stroke of its colour above 2020); a value alone between gaps (2019) is a dot; a line that misses
    its last value cannot be named at its end: the names go in a legend above."""
    theme, _ = theme_fonts
    pdf = draw(chart(GAPS), theme_fonts)
    navy, orange = (tuple(round(255 * v) for v in theme.colour(c).rgb_floats) for c in theme.charts.palette[:2])

    def near(px, c):
        return max(abs(a - b) for a, b in zip(px, c, strict=True)) < 40

    at = {year: find(pdf, year).x for year in ("2019", "2020", "2021", "2022")}
    assert not any(near(px, navy) for px in _strip(pdf, at["2020"]))  # Zufriedenheit's gap
    assert any(near(px, orange) for px in _strip(pdf, at["2020"]))  # Beteiligung's line goes on there
    assert not any(near(px, orange) for px in _strip(pdf, at["2021"]))  # … and breaks off in 2021
    assert any(near(px, navy) for px in _strip(pdf, at["2019"]))  # 2019's value alone: a dot
    assert find(pdf, "78")  # the highlight, at a value that is there
    legend = [find(pdf, n) for n in ("Zufriedenheit", "Beteiligung")]
    assert abs(legend[0].box[3] - legend[1].box[3]) < 0.5 and legend[0].box[2] < legend[1].box[0]  # side by side
    assert legend[0].box[1] > find(pdf, "100").box[3]  # above the plot, not at the line ends
    assert overlapping(pdf) == []


def test_a_line_with_gaps_is_drawn_as_a_build_draws_it(theme_fonts):
    """render_charts sets the chart's labels first (typeset): a series whose values go on after a null
    stopped the build with a TypeError there (the test above draws the chart directly)."""
    from report.charts import render_charts
    theme, fonts = theme_fonts
    pdf = render_charts({"x": chart(GAPS)}, theme, fonts, get_locale("de-DE"), WIDTH)["x"].pdf
    assert "78" in texts(pdf)


def test_a_gap_is_no_value_in_the_screen_editions_data_table():
    from report.charts.table import alt_has_data, data_rows
    obj = chart(GAPS)
    rows = data_rows(obj, get_locale("de-DE"))
    assert rows[2] == ["2020", "kein Wert", "42"] and rows[6] == ["2024", "81", "kein Wert"]  # (read, not seen)
    obj.alt = "Zufriedenheit 71, 74, 78, 80 und 81; Beteiligung 40, 42, 45 und 47."
    assert alt_has_data(obj, get_locale("de-DE"))  # a gap has no number to say


@pytest.mark.parametrize("values, highlight, message", [
    ("[1, null, 3]", "b", "highlight 'b': the series has no value there"),
    ("[null, null, null]", None, "series has no value"),
])
def test_a_line_with_gaps_still_needs_its_highlight_and_a_value(values, highlight, message):
    text = f"kind: line\n{f'highlight: {highlight}' + chr(10) if highlight else ''}categories: [a, b, c]\n" \
           f"series:\n  - values: {values}\n"
    _, diags = read(text)
    assert [d.message for d in diags] == [message]


def test_line_with_long_names_uses_a_legend_above_the_data(theme_fonts):
    obj = chart("""kind: line
categories: ["2022", "2023", "2024"]
series:
  - {name: "Kundinnen und Kunden, Grundversorgung", values: [10, 12, 14]}
  - {name: "Kundinnen und Kunden, Sondervertrag", values: [8, 9, 11]}
""")
    pdf = draw(obj, theme_fonts)
    top_tick = max((w for w in words(pdf) if w.text.isdigit() and int(w.text) % 5 == 0), key=lambda w: w.y)
    for name in ("Kundinnen und Kunden, Grundversorgung", "Kundinnen und Kunden, Sondervertrag"):
        assert find(pdf, name).y > top_tick.y  # above the plot, covering nothing
    assert overlapping(pdf) == []


def test_a_low_is_labelled_below_its_point_with_the_series_unit(theme_fonts):
    theme, _ = theme_fonts
    pdf = draw(chart("""kind: line
unit: Mio. €
highlight: Q3
categories: [Q1, Q2, Q3, Q4]
series:
  - {values: [1.5, -0.8, -2.1, 0.9], unit: Mrd. €}
"""), theme_fonts)
    accent = tuple(round(v, 3) for v in theme.colour(theme.charts.highlight).rgb_floats)
    (ring,) = [box for c, box in filled_shapes(pdf) if tuple(round(v, 3) for v in c) == accent]
    label = find(pdf, f"{MINUS}2,1{NBSP}Mrd. €")
    assert label.box[3] < ring[1] and abs(label.x - (ring[0] + ring[2]) / 2) < 1  # under the point
    assert overlapping(pdf) == []


def _crosses(points: list[tuple[float, float]], box: tuple[float, ...]) -> bool:
    """Does the polyline through `points` pass through `box` (sampled every tenth of a point)?"""
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        n = max(1, int(10 * max(abs(x1 - x0), abs(y1 - y0))))
        for k in range(n + 1):
            x, y = x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n
            if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                return True
    return False


def test_a_highlight_among_two_series_takes_its_colour_and_a_free_place(theme_fonts):
    """Two series close together: '37.2 £m' stood on the other line and its name, in the ring of the
    highlight colour, which was the other series' orange."""
    theme, _ = theme_fonts
    pdf = draw(chart("""kind: line
unit: £m
highlight: Dec
categories: [Jan 2024, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec]
series:
  - name: "2025"
    values: [31.2, 30.8, 36.4, 33.1, 34.9, 35.6, 32.0, 27.4, 35.3, 34.8, 33.2, 37.2]
  - name: "2024"
    values: [33.0, 32.1, 35.9, 34.4, 36.2, 35.0, 33.8, 29.1, 34.7, 36.0, 34.9, 39.0]
"""), theme_fonts, "en-GB")
    first, second = (tuple(round(v, 3) for v in theme.colour(name).rgb_floats) for name in theme.charts.palette[:2])
    rings = [box for c, box in filled_shapes(pdf) if 6 < box[2] - box[0] < 10]
    assert [c for c, box in filled_shapes(pdf) if box in rings] and all(
        tuple(round(v, 3) for v in c) == first for c, box in filled_shapes(pdf) if box in rings)
    label = find(pdf, "£37.2m")
    assert overlapping(pdf) == []  # not on '2024' or '2025'
    lines = {tuple(round(v, 3) for v in c): pts for c, pts in stroked_points(pdf) if len(pts) == 12}
    assert not _crosses(lines[second], label.box) and not _crosses(lines[first], label.box)
    ring = rings[0]
    assert abs(label.x - (ring[0] + ring[2]) / 2) < 40 and abs(label.y - (ring[1] + ring[3]) / 2) < 40  # near it


def test_a_highlight_under_another_lines_peak_stands_off_with_a_leader(theme_fonts):
    """A Swiss utility's water chart: the 2026 July value (498'700) was printed above the 2025 peak
    (512'300), where it read as that line's. It stands on its own side, nearer its point than the
    other line's, and a hairline in its series' colour leads to its point."""
    theme, _ = theme_fonts
    pdf = draw(chart("""kind: line
unit: m³
height: 60
highlight: Jul
highlight_series: "2026"
categories: """ + MONTHS + """
series:
  - name: "2025"
    values: [352100, 331400, 368200, 389900, 431200, 478600, 512300, 505900, 431000, 392500, 356800, 400100]
  - name: "2026"
    values: [348900, 329800, 355100, 372400, 401300, 452900, 498700, 487200, 423600, 384100, 352300, 405700]
"""), theme_fonts)
    first, second = (tuple(round(v, 3) for v in theme.colour(name).rgb_floats) for name in theme.charts.palette[:2])
    lines = {tuple(round(v, 3) for v in c): pts for c, pts in stroked_points(pdf) if len(pts) == 12}
    own, other = lines[second][6], lines[first][6]  # July's points
    label = find(pdf, f"498.700{NBSP}m³")
    assert label.y < own[1] < other[1]  # under its own point, not over the other line's
    assert not _crosses(lines[first], label.box) and not _crosses(lines[second], label.box)
    between = [pts for c, pts in stroked_points(pdf) if tuple(round(v, 3) for v in c) == second and 2 <= len(pts) < 12
               and all(min(label.box[0], own[0]) - 1 <= x <= max(label.box[2], own[0]) + 1
                       and label.box[1] - 1 <= y <= own[1] + 1 for x, y in pts)]
    assert between, "no leader from the value to its point"


def test_a_highlight_inside_another_lines_deeper_valley_stands_off_the_lines(theme_fonts):
    """A foundation's returns: in 2022 the portfolio fell to −6.8 and the benchmark, below it, to −9.3,
    a V inside a deeper V. No place round the point could be seen from it without crossing the
    benchmark's line, and the value fell back to below its point, where that line ran through its
    digits. It stands clear of every line, and a hairline in its series' colour leads to its point."""
    theme, _ = theme_fonts
    pdf = draw(chart("""kind: line
unit: "%"
height: 80
markers: true
highlight: "2022"
highlight_series: Portfolio
categories: ["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"]
series:
  - {name: Portfolio, values: [3.1, 5.4, -1.2, 7.9, 2.3, 6.1, -6.8, 5.7, 6.4, 5.9]}
  - {name: Vergleichsindex, values: [2.8, 4.9, -2.1, 8.4, 1.7, 5.2, -9.3, 6.1, 5.8, 4.7]}
  - {name: Inflation, values: [0.5, 1.5, 1.8, 1.4, 0.5, 3.1, 6.9, 5.9, 2.2, 2.1]}
  - {name: Ausschüttungsquote, values: [3.0, 3.0, 2.8, 2.9, 2.7, 2.9, 3.2, 3.1, 3.3, 3.4]}
"""), theme_fonts)
    first = tuple(round(v, 3) for v in theme.colour(theme.charts.palette[0]).rgb_floats)
    label = find(pdf, f"{MINUS}6,8{NBSP}%")
    series = [pts for c, pts in stroked_points(pdf) if len(pts) == 10]
    assert len(series) == 4
    assert not any(_crosses(pts, label.box) for pts in series), "a line runs through the highlighted value"
    assert overlapping(pdf) == []
    own = next(pts for c, pts in stroked_points(pdf) if len(pts) == 10 and tuple(round(v, 3) for v in c) == first)[6]
    assert math.hypot(label.x - own[0], label.y - own[1]) < 60  # near its point
    leaders = [pts for c, pts in stroked_points(pdf) if tuple(round(v, 3) for v in c) == first and 2 <= len(pts) < 10
               and all(min(label.box[0], own[0]) - 1 <= x <= max(label.box[2], own[0]) + 1
                       and min(label.box[1], own[1]) - 1 <= y <= max(label.box[3], own[1]) + 1 for x, y in pts)]
    assert leaders, "no leader from the value to its point"


def test_a_series_name_cut_at_its_comma_is_told_to_be_quoted():
    """`{name: Kunst, Kultur und Denkmalpflege, values: …}` was „unknown key 'Kultur und Denkmalpflege'“
    with the list of a series' keys: YAML had ended the name at its comma."""
    text = """kind: line
categories: ["2024", "2025"]
series:
  - {name: Kunst, Kultur und Denkmalpflege, values: [1.06, 0.98]}
  - {name: Sport, values: [0.2, 0.1]}
"""
    _, diags = read(text)
    (d,) = diags
    assert d.message == "chart 'x': series[1]: unknown key 'Kultur und Denkmalpflege'"
    assert d.hint == ("in { } a comma separates keys, so the text of 'name:' ended at the comma: quote it, "
                      "name: \"Kunst, Kultur und Denkmalpflege\""), d.hint
    assert (d.pos.line, d.pos.col) == (line_number(text, "Kunst, Kultur"), 19)


def test_a_series_named_beside_data_is_told_that_the_csv_columns_are_the_series():
    """`series: [{name: Fördersume}]` beside `data:`, to pick a column of the CSV file, was told to
    „add 'values:'“, the one thing a chart reading a CSV file must not do."""
    text = """kind: bar
data: data/laender.csv
series:
  - name: Fördersume
"""
    _, diags = read(text)
    (d,) = diags
    assert d.message == "chart 'x': series[1]: missing required key 'values'"
    assert d.hint.endswith("a chart with data: takes its series from the CSV file's columns, each named by its "
                           "header (the first column names the categories): leave series: out"), d.hint


def test_highlight_series_marks_the_series_named(theme_fonts):
    """The peak of the peak series: `highlight` marked the first series' value (the average, 447),
    where the text talked about the peak of 486."""
    theme, _ = theme_fonts
    text = """kind: line
unit: ML/d
highlight: Jul
highlight_series: Peak
categories: [May, Jun, Jul, Aug, Sep]
series:
  - {name: Average, values: [401, 428, 447, 430, 405]}
  - {name: Peak, values: [430, 462, 486, 470, 431]}
"""
    pdf = draw(chart(text), theme_fonts, "en-GB")
    second = tuple(round(v, 3) for v in theme.colour(theme.charts.palette[1]).rgb_floats)
    rings = [(tuple(round(v, 3) for v in c), box) for c, box in filled_shapes(pdf) if 6 < box[2] - box[0] < 10]
    assert rings and all(c == second for c, _box in rings)  # the peak's colour
    find(pdf, "486\u00a0ML/d")  # its value, not the average's
    assert not [w for w in texts(pdf) if w.startswith("447")]
    _, diags = read(text.replace("highlight_series: Peak", "highlight_series: Spitze"))
    assert [d.message for d in diags] == ["highlight_series 'Spitze' is not a series of this chart"]
    assert "Average, Peak" in diags[0].hint


def test_numeric_x_keeps_the_distances_between_years(theme_fonts):
    pdf = draw(chart("""kind: line
x: numeric
categories: ["2010", "2015", "2020", "2021", "2022"]
series:
  - values: [10, 20, 30, 32, 35]
"""), theme_fonts)
    x = {year: find(pdf, year).x for year in ("2010", "2015", "2020")}
    assert abs((x["2015"] - x["2010"]) - (x["2020"] - x["2015"])) < 1  # five years are five years
    shown = [w for w in words(pdf) if w.text in ("2021", "2022")]
    assert shown and overlapping(pdf) == []  # years close together: one is left out, none overlap


def test_numeric_x_shows_its_last_year_and_the_highlight_inside_the_grid(theme_fonts):
    theme, _ = theme_fonts
    pdf = draw(chart("""kind: line
x: numeric
markers: true
unit: Mio. €
highlight: "2025"
categories: ["2003", "2010", "2015", "2020", "2024", "2025"]
series:
  - values: [0.25, 1.9, 3.4, 5.1, 6.41, 6.84]
"""), theme_fonts)
    last, value = find(pdf, "2025"), find(pdf, f"6,84{NBSP}Mio. €")
    assert abs(last.x - value.x) < 1  # 2025 named under its point (2024, too close to it, gives way)
    assert "2003" in texts(pdf) and overlapping(pdf) == []
    accent = tuple(round(v, 3) for v in theme.colour(theme.charts.highlight).rgb_floats)
    (ring,) = [box for c, box in filled_shapes(pdf) if tuple(round(v, 3) for v in c) == accent]
    rule = tuple(round(v, 3) for v in theme.colour("rule").rgb_floats)
    grid_end = max(box[2] for c, box in stroked_paths(pdf) if tuple(round(v, 3) for v in c) == rule)
    assert ring[2] <= grid_end  # the ring lies inside the axis, not beyond its gridlines


def test_thinned_month_labels_keep_the_highlight_in_a_regular_rhythm(theme_fonts):
    months = [f"{m}/{y}" for y in (24, 25) for m in range(1, 13)]
    pdf = draw(chart(f"""kind: line
highlight: 12/25
categories: [{", ".join(months)}]
series:
  - values: [{", ".join(str(10 + i % 7) for i in range(24))}]
"""), theme_fonts)
    shown = [months.index(w.text) for w in words(pdf) if w.text in months]
    steps = {b - a for a, b in zip(shown, shown[1:], strict=False)}
    assert shown[-1] == 23 and len(steps) == 1 and steps != {1}  # every n-th, counted back from 12/25
    assert overlapping(pdf) == []


def test_numeric_x_needs_increasing_numbers():
    text = """kind: line
x: numeric
categories: ["2010", "2015", "2012"]
series:
  - values: [1, 2, 3]
"""
    _, diags = read(text)
    (d,) = diags
    assert d.message == "category 2012 does not follow 2015" and d.pos.line == line_number(text, "categories:")
    assert d.pos.col == len('categories: ["2010", "2015", ') + 1


@pytest.mark.parametrize("extra, message", [
    ("area: true\n", "area: true needs a single series"),
    ("highlight: Juli\n", "highlight 'Juli' is not one of the categories"),
])
def test_line_mistakes(extra, message):
    text = f"""kind: line
{extra}categories: [Jan, Feb]
series:
  - values: [1, 2]
  - values: [3, 4]
"""
    _, diags = read(text)
    assert [d.message for d in diags] == [message]
    assert diags[0].pos.line == line_number(text, extra.split(":")[0] + ":")


@pytest.mark.parametrize("written, meant", [("Dezember", "Dez"), ("dez.", "Dez"), ("Dec", "Dez"), ("2025", "FY2025")])
def test_a_highlight_that_spells_out_a_category_names_it(written, meant):
    """`highlight: Dezember` over months written Jan … Dez was told to write one of twelve months."""
    text = f"""kind: line
highlight: "{written}"
categories: [Jan, Feb, Mär, Apr, Mai, Jun, Jul, Aug, Sep, Okt, Nov, Dez, FY2025]
series:
  - values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
"""
    _, diags = read(text)
    (d,) = diags
    assert d.hint.startswith(f"did you mean '{meant}'? (write one of: Jan, Feb,"), d.hint


@pytest.mark.parametrize("chart_key, series_key", [("color: red\n", ""), ("farben: [rot]\n", ""),
                                                   ("", ", colour: red"), ("", ", farbe: rot")])
def test_a_colour_written_in_a_chart_is_told_that_the_theme_gives_them(chart_key, series_key):
    """`color:` in a chart file was an unknown key with a did-you-mean to nothing: the colours are the
    theme's, for every chart alike (its palette, one colour a series in order)."""
    text = f"""kind: bar
{chart_key}categories: [a, b]
series:
  - {{name: Eins, values: [1, 2]{series_key}}}
"""
    _, diags = read(text)
    (d,) = diags
    assert d.message.endswith(f"unknown key '{(chart_key or series_key).strip(', ').split(':')[0]}'")
    assert "palette" in d.hint and "theme.yaml" in d.hint, d.hint
    assert d.pos.line == line_number(text, "colo" if "colo" in text else "farbe")


def test_labels_the_author_writes_get_the_languages_marks_and_still_name_the_highlight(theme_fonts):
    """Category and series names are drawn by matplotlib, not laid out: they are set as the text is
    (typewriter quotes and apostrophes → the language's), and a highlight naming a category still finds it."""
    from report.charts import render_charts
    theme, fonts = theme_fonts
    obj = chart("""kind: line
categories: ["Children's day", Feb, Mar]
highlight: "Children's day"
series:
  - name: 'The "Lesezeit" plan'
    values: [1, 2, 3]
  - name: Others
    values: [2, 2, 1]
""")
    pdf = render_charts({"x": obj}, theme, fonts, get_locale("en-GB"), WIDTH)["x"].pdf
    found = " ".join(texts(pdf))
    assert "Children’s" in found and "“Lesezeit”" in found, found
    assert "'" not in found and '"' not in found, found
    assert obj.categories[0] == "Children's day"  # the content itself is left as written


# --- donut --------------------------------------------------------------------------------

MIX = """kind: donut
unit: "%"
centre: 2.431 GWh
categories: [Wind, Photovoltaik, Erdgas, Biomasse, Wasserkraft, Sonstige]
values: [34.2, 21.5, 18.3, 12.0, 9.1, 4.9]
"""


def test_donut_labels_every_share_with_value_and_unit(theme_fonts):
    obj = chart(MIX)
    pdf = draw(obj, theme_fonts)
    found = set(texts(pdf))
    assert {"34,2\u00a0%", "12,0\u00a0%", "4,9\u00a0%", "2.431 GWh"} <= found  # 12.0 keeps its decimal
    assert {"Wind", "Photovoltaik", "Sonstige"} <= found
    assert overlapping(pdf) == []
    english = set(texts(draw(obj, theme_fonts, "en-GB")))
    assert {"34.2%", "4.9%"} <= english  # English sets the percent sign closed up
    # the hole's text is set as the text around it: 1'250 → 1’250 (it kept the typewriter apostrophe)
    swiss = texts(draw(chart(MIX.replace("centre: 2.431 GWh", "centre: \"1'250 GWh\"")), theme_fonts, "de-CH"))
    assert any("’250" in t for t in swiss) and not any("'" in t for t in swiss), swiss


def test_a_long_centre_label_keeps_air_to_the_ring(theme_fonts):
    """„214,6 Mio. €“ in the hole was set as wide as 86 % of it: its corners nearly touched the ring (its
    glyph boxes reached 90 % of the hole's radius). Now within 80 % as matplotlib measures the label, 85 %
    as read back from the chart's PDF (the words' boxes, the wedges' inner arc)."""
    from .chart_drawing import _paths
    obj = chart(MIX.replace("centre: 2.431 GWh", "centre: 214,6 Mio. €").replace("kind: donut", "kind: donut\n"
                                                                                       "height: 55"))
    pdf = draw(obj, theme_fonts)
    theme = theme_fonts[0]
    palette = {tuple(round(v, 3) for v in theme.colour(name).rgb_floats) for name in theme.charts.palette}
    wedges = [pts for c, pts in _paths(pdf, stroked=False, points_only=True)
              if tuple(round(v, 3) for v in c) in palette]
    xs, ys = [x for p in wedges for x, _y in p], [y for p in wedges for _x, y in p]
    centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    hole = min(math.hypot(x - centre[0], y - centre[1]) for p in wedges for x, y in p)
    inside = [w for w in words(pdf) if math.hypot((w.box[0] + w.box[2]) / 2 - centre[0],
                                                  (w.box[1] + w.box[3]) / 2 - centre[1]) < hole]
    assert "".join(w.text for w in inside).replace("\u00a0", "").replace(" ", "") == "214,6Mio.€"
    x0, y0 = min(w.box[0] for w in inside), min(w.box[1] for w in inside)
    x1, y1 = max(w.box[2] for w in inside), max(w.box[3] for w in inside)
    reach = max(math.hypot(x - centre[0], y - centre[1]) for x in (x0, x1) for y in (y0, y1))
    assert reach <= 0.85 * hole, (reach, hole)


def test_donut_with_many_small_shares_keeps_labels_apart_and_inside(theme_fonts):
    obj = chart("""kind: donut
unit: "%"
order: as_written
categories: [Eins, Zwei, Drei, Vier, Fünf, Sechs, Sieben, Acht]
values: [60, 2, 2, 1, 1, 30, 2, 2]
""")
    pdf = draw(obj, theme_fonts)
    assert overlapping(pdf) == []
    height = obj.height * 72 / 25.4
    for w in words(pdf):
        assert w.box[0] >= 0 and w.box[2] <= WIDTH and w.box[1] >= 0 and w.box[3] <= height, w


def test_long_share_names_wrap_inside_the_drawing(theme_fonts):
    obj = chart("""kind: donut
unit: "%"
height: 60
categories: [Erneuerbare Energien aus eigenen Anlagen, Zugekaufter Strom vom Großhandelsmarkt,
             Kraft-Wärme-Kopplung im Heizkraftwerk, Sonstige fossile Energieträger]
values: [46.5, 30.5, 19.0, 4.0]
""")
    pdf = draw(obj, theme_fonts)
    height = obj.height * 72 / 25.4
    assert overlapping(pdf) == []
    for w in words(pdf):
        assert w.box[0] >= 0 and w.box[2] <= WIDTH and w.box[1] >= 0 and w.box[3] <= height, w
    assert "Großhandelsmarkt" in " ".join(texts(pdf))


INCOME = """kind: donut
unit: £k
centre: £2.35m
height: {height}
categories: [Trusts and foundations, Individual giving, Local authority and NHS contracts,
             Community fundraising and events, Legacies, Trading (charity shop), Corporate partners, Investments]
values: [742.6, 486.3, 318.9, 264.9, 212.5, 186.2, 113.0, 24.6]
"""
INCOME_VALUES = ["£742.6k", "£486.3k", "£318.9k", "£264.9k", "£212.5k", "£186.2k", "£113.0k", "£24.6k"]


@pytest.fixture(scope="module")
def a5(tmp_path_factory):
    """An A5 page's theme: its text column, 120 mm, is a little narrower than the sample's."""
    content = tmp_path_factory.mktemp("a5") / "content"
    content.mkdir()
    (content / "theme.yaml").write_text("page:\n  size: A5\n", encoding="utf-8")
    theme, fonts = load_theme(content, ASSETS)
    return theme, fonts


def _segments_cross(a, b, c, d) -> bool:
    def turn(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return turn(c, d, a) * turn(c, d, b) < -1e-3 and turn(a, b, c) * turn(a, b, d) < -1e-3


@pytest.mark.parametrize("height", [70, 90, 30])
def test_eight_long_shares_on_a5_print_every_value_inside_and_apart(a5, height):
    """An A5 review: 'Local authority and NHS contracts £318.9k' lost its value below the chart, and
    leaders crossed each other and other shares. Every label in full, inside the drawing, apart; the
    leaders cross neither each other nor the ring (all read back from the chart's PDF); at 30 mm the
    labels are set smaller, and the build warns (label_warnings)."""
    theme, fonts = a5
    obj, diags = read(INCOME.format(height=height), language="en-GB")
    assert diags == []
    width = theme.page.text_width
    pdf = render_pdf("x", obj, _kinds()[type(obj)], theme, fonts, get_locale("en-GB"), width).pdf
    ws, box_height = words(pdf), height * 72 / 25.4
    assert [v for v in INCOME_VALUES if not any(v in w.text for w in ws)] == []
    text = " ".join(w.text for w in ws)
    assert "contracts" in text and "Community fundraising" in text
    for w in ws:
        assert w.box[0] >= 0 and w.box[2] <= width and w.box[1] >= 0 and w.box[3] <= box_height, w
    assert overlapping(pdf) == []
    wedges = [b for _c, b in filled_shapes(pdf)]
    x0, y0 = min(b[0] for b in wedges), min(b[1] for b in wedges)
    x1, y1 = max(b[2] for b in wedges), max(b[3] for b in wedges)
    centre, radius = ((x0 + x1) / 2, (y0 + y1) / 2), (x1 - x0) / 2
    ink = theme.colour("ink").rgb_floats
    leaders = [pts for c, pts in stroked_points(pdf) if all(abs(a - b) < 0.01 for a, b in zip(c, ink, strict=True))]
    assert len(leaders) == 8
    segments = [(i, p[k], p[k + 1]) for i, p in enumerate(leaders) for k in range(len(p) - 1)]
    crossing = [(i, j) for n, (i, a, b) in enumerate(segments) for j, c, d in segments[n + 1:]
                if i != j and _segments_cross(a, b, c, d)]
    assert crossing == []
    for p in leaders:  # beyond its first point (on its share) a leader stays outside the ring
        for x, y in p[1:]:
            assert math.hypot(x - centre[0], y - centre[1]) >= radius - 0.5, p
    from report.charts.donut_labels import label_warnings
    warned = label_warnings({"x": obj}, width, theme.sizes.caption,
                            max(theme.sizes.caption, theme.plates.reversed_min), fonts, get_locale("en-GB"))
    if height == 30:
        (d,) = warned
        assert d.severity == "warning" and str(d.pos.file).endswith("charts/x.yaml")
        assert d.message == ("the labels of 8 shares do not fit a donut chart 30 mm high at this page's width: "
                             "they are set smaller than the captions")
        assert "fewer shares" in d.hint and "shorten" in d.hint and "taller" in d.hint
    else:
        assert warned == []


def test_percent_shares_that_miss_100_warn_with_their_place():
    text = MIX.replace("4.9]", "3.9]")
    obj, diags = read(text)
    assert obj is not INVALID
    (d,) = diags
    assert d.severity == "warning" and d.message == "the shares add up to 99,0 %, not 100 %"
    (en,) = read(text, language="en-GB")[1]
    assert en.message == "the shares add up to 99.0%, not 100%"  # as an English document writes it
    (fr,) = read(text, language="fr-BE")[1]  # (said 99.0%, in a French document whose tables say 13 135,5)
    assert fr.message == "the shares add up to 99,0\u202f%, not 100\u202f%"
    assert d.pos.line == line_number(text, "values:") and str(d.pos.file).endswith("charts/x.yaml")
    assert read(MIX)[1] == []  # 100.0 exactly: no warning
    rounded = MIX.replace("[34.2, 21.5, 18.3, 12.0, 9.1, 4.9]", "[34, 22, 18, 12, 9, 6]")  # 101 by rounding
    assert read(rounded)[1] == []


def test_more_than_eight_shares_is_an_error_with_a_hint():
    text = """kind: pie
categories: [A, B, C, D, E, F, G, H, I]
values: [1, 1, 1, 1, 1, 1, 1, 1, 1]
"""
    _, diags = read(text)
    (d,) = diags
    assert d.message == "9 shares are too many for a pie chart (at most 8)"
    assert "Sonstige" in d.hint and d.pos.line == line_number(text, "categories:")
    (d,) = read(text, language="en-GB")[1]  # an English document's hint is English
    assert "'Other'" in d.hint and "Sonstige" not in d.hint


def test_a_pie_has_no_centre():
    text = MIX.replace("kind: donut", "kind: pie")
    _, diags = read(text)
    (d,) = diags
    assert d.message == "a pie has no hole for centre text" and d.pos.line == line_number(text, "centre:")


# --- bar ----------------------------------------------------------------------------------


def test_24_months_of_bars_label_every_nth_bar(theme_fonts):
    """'1/24 … 12/25' was refused ('the labels of 24 vertical bars would overlap'): months count on,
    so every n-th stays, in a regular rhythm; names that do not count on are still refused."""
    months = [f"{m}/{y}" for y in (24, 25) for m in range(1, 13)]
    text = f"""kind: bar
categories: [{", ".join(months)}]
series:
  - values: [{", ".join(str(10 + i % 5) for i in range(24))}]
"""
    pdf = draw(chart(text), theme_fonts)
    shown = [months.index(w.text) for w in words(pdf) if w.text in months]
    steps = {b - a for a, b in zip(shown, shown[1:], strict=False)}
    assert shown[0] == 0 and len(steps) == 1 and steps <= {2, 3, 4, 6, 12}  # 1/24, 3/24 … or quarters
    assert overlapping(pdf) == []
    _, diags = read(text.replace("categories: [", "categories: [Wind, Sonne, ").replace("1/24, 2/24, ", ""))
    (d,) = diags
    assert d.message == "the labels of 24 vertical bars would overlap" and "every n-th bar" in d.hint



@pytest.mark.parametrize("orientation", ["vertical", "horizontal"])
def test_no_gridline_runs_through_a_value_label(theme_fonts, orientation):
    """Bars ending just under the 15 % tick put their labels on its gridline ('14.2' struck through)."""
    theme, _ = theme_fonts
    pdf = draw(chart(f"""kind: bar
orientation: {orientation}
height: 55
unit: "%"
categories: [Q1, Q2, Q3, Q4]
series:
  - values: [14.2, 14.25, 13.9, 14.4]
"""), theme_fonts)
    rule = tuple(round(v, 3) for v in theme.colour("rule").rgb_floats)
    grid = [box for c, box in stroked_paths(pdf) if tuple(round(v, 3) for v in c) == rule]
    labels = [find(pdf, text) for text in ("14,2", "14,25", "13,9", "14,4")]
    assert len({box[1 if orientation == "vertical" else 0] for box in grid}) == 4  # 0, 5, 10 and 15 %
    for label in labels:
        x0, y0, x1, y1 = label.box
        assert not [g for g in grid if g[0] < x1 and g[2] > x0 and g[1] < y1 and g[3] > y0], label.text


RESULT = """kind: bar
unit: Mio. €
categories: ["2020", "2021", "2022", "2023", "2024"]
series:
  - values: [4.2, -1.25, 2.8, 3.5, -0.4]
"""


def test_negative_bars_grow_down_from_a_visible_zero_line(theme_fonts):
    theme, _ = theme_fonts
    pdf = draw(chart(RESULT), theme_fonts)
    negative = tuple(round(v, 3) for v in theme.colour(theme.charts.negative).rgb_floats)
    bars = [(tuple(round(v, 3) for v in c), box) for c, box in filled_shapes(pdf) if box[2] - box[0] > 5]
    down = [box for c, box in bars if c == negative]
    up = [box for c, box in bars if c != negative and box[3] - box[1] > 1]
    assert len(down) == 2 and len(up) == 3
    zero = up[0][1]
    assert all(abs(b[1] - zero) < 0.5 for b in up) and all(abs(b[3] - zero) < 0.5 and b[1] < zero for b in down)
    assert abs(find(pdf, "0").y - zero) < 2  # the tick "0" sits at the zero line
    label = find(pdf, f"{MINUS}1,25")  # the value as written, with a real minus sign
    bar_2021 = min(down, key=lambda b: abs((b[0] + b[2]) / 2 - label.x))
    assert label.box[3] <= bar_2021[1] + 0.5  # below the end of its bar
    assert overlapping(pdf) == []


def test_horizontal_negative_labels_sit_left_of_their_bar(theme_fonts):
    pdf = draw(chart(RESULT.replace("kind: bar", "kind: bar\norientation: horizontal\nheight: 70")), theme_fonts)
    label, zero = find(pdf, f"{MINUS}0,4"), find(pdf, "0")
    assert label.box[2] < zero.x  # left of the zero line
    assert overlapping(pdf) == []


def test_stacked_bars_carry_their_totals_above_the_stack(theme_fonts):
    obj = chart("""kind: bar
stacked: true
unit: Tsd.
categories: ["2022", "2023", "2024"]
series:
  - {name: Privatkunden, values: [128, 140, 151.5]}
  - {name: Gewerbe, values: [90, 96, 104]}
  - {name: Industrie, values: [88, 94, 101]}
""")
    pdf = draw(obj, theme_fonts)
    shapes = [box for _c, box in filled_shapes(pdf) if box[2] - box[0] > 20 and box[3] - box[1] > 3]
    # one chart's totals with one precision, the most precise part's: 306,0 beside 356,5 (none rounded)
    for total, year in (("306,0", "2022"), ("330,0", "2023"), ("356,5", "2024")):
        label, x = find(pdf, total), find(pdf, year).x
        top = max(b[3] for b in shapes if b[0] < x < b[2])
        assert abs(label.x - x) < 1 and top <= label.box[1] + 0.5
    legend = [find(pdf, n) for n in ("Privatkunden", "Gewerbe", "Industrie")]
    assert min(w.box[1] for w in legend) >= max(b[3] for b in shapes)  # the legend covers no bar
    assert overlapping(pdf) == []


def test_a_stacked_chart_grid_clears_its_totals_without_an_empty_top(theme_fonts):
    """Totals of 582 to 612 GWh crossed the 600 line of a 0–800 grid; the next 1-2-5 step ran the axis to
    1’000 and left its top 40 % empty (a Swiss review's Stromabsatz). 250 clears them: 0–750."""
    obj = chart("""kind: bar
stacked: true
height: 70
unit: GWh
categories: ["2022", "2023", "2024", "2025", "2026"]
series:
  - {name: Haushalte, values: [182.4, 185.1, 188.9, 193.5, 199.8]}
  - {name: Gewerbe, values: [201.3, 204.8, 206.2, 210.4, 214.9]}
  - {name: Industrie, values: [198.7, 196.2, 193.4, 194.2, 197.7]}
""")
    pdf = draw(obj, theme_fonts, "de-CH")
    ticks = [w for w in texts(pdf) if re.fullmatch(r"[\d’]+(\sGWh)?", w) and not w.startswith("20")]
    assert ticks == ["0", "250", "500", f"750{NBSP}GWh"], texts(pdf)
    lines = [find(pdf, t).box for t in ticks[1:]]
    for total in ("582.4", "586.1", "588.5", "598.1", "612.4"):  # clear of the gridlines (through their labels)
        label = find(pdf, total).box
        assert not [b for b in lines if label[1] - 1 < (b[1] + b[3]) / 2 < label[3] + 1], (total, label, lines)


def test_bars_of_gains_and_losses_carry_no_net_at_the_end_of_their_stack(theme_fonts):
    """A foundation's income (up) and spending (down) per quarter: each bar's net, 1,1, stood over the
    top of its positive stack at 4,1, and −0,82 under the foot of the negative one, as if they were
    the bars' heights. A stack with parts on both sides of zero carries no total; its parts keep
    their values, and a stack of one sign keeps its totals (above)."""
    pdf = draw(chart("""kind: bar
stacked: true
height: 65
unit: Mio. €
categories: [Q1, Q2, Q3, Q4]
series:
  - {name: Erträge, values: [3.2, 3.4, 2.9, 3.6]}
  - {name: Spenden, values: [0.9, 0.8, 0.7, 2.1]}
  - {name: Förderausgaben, values: [-2.8, -3.1, -4.2, -3.9]}
  - {name: Verwaltung, values: [-0.2, -0.25, -0.22, -0.26]}
"""), theme_fonts)
    words = texts(pdf)
    assert not {"1,1", "0,85", f"{MINUS}0,82", "1,54"} & set(words), words
    assert {"3,2", f"{MINUS}4,2"} <= set(words) and overlapping(pdf) == []


def test_bars_of_100_percent_each_carry_no_total(theme_fonts):
    """A 100 %-stacked chart printed "100" above every bar: shares of a whole have no total to show;
    a stack in percent that does not add up to 100 keeps its totals."""
    text = """kind: bar
stacked: true
unit: "%"
categories: ["2023", "2024"]
series:
  - {name: Wind, values: [40.5, 42.0]}
  - {name: Sonne, values: [33.3, 35.5]}
  - {name: Gas, values: [26.2, 22.5]}
"""
    words = texts(draw(chart(text), theme_fonts))
    assert not [w for w in words if w.startswith("100,")], words  # (the axis's top label is "100 %")
    partial = text.replace("[26.2, 22.5]", "[16.2, 12.5]")  # 90 % of the whole shown
    words = texts(draw(chart(partial), theme_fonts))
    assert sum(w == "90,0" for w in words) == 2, words


def test_long_labels_stay_inside_and_crowded_bars_drop_their_values(theme_fonts):
    wide = chart("""kind: bar
orientation: horizontal
height: 60
decimals: 2
categories: [Netz, Vertrieb, Erzeugung]
series:
  - values: [-10000, 3, 4]
""")
    pdf = draw(wide, theme_fonts)
    label, netz = find(pdf, f"{MINUS}10.000,00"), find(pdf, "Netz")
    assert label.box[0] > netz.box[2] and overlapping(pdf) == []  # left of its bar, right of the category
    crowded = chart("kind: bar\ncategories: [A, B, C, D, E, F, G, H]\nseries:\n" + "".join(
        f"  - {{name: S{k}, values: [{', '.join(str(12345.5 + k * 111 + i) for i in range(8))}]}}\n" for k in range(6)))
    pdf = draw(crowded, theme_fonts)
    assert overlapping(pdf) == [] and "12.345,5" not in texts(pdf)  # the axis says it; no label soup
    assert {"A", "H", "S0", "S5"} <= set(texts(pdf))


def test_values_beyond_one_trillion_are_named_in_words():
    text = RESULT.replace("3.5", "2000000000000")
    _, diags = read(text)
    (d,) = diags
    assert d.message == "value 2000000000000 is too large for a bar chart"
    assert "one trillion" in d.hint and "1e" not in d.hint
    assert d.pos.line == line_number(text, "values:")


def test_a_value_split_by_the_lists_comma_is_named():
    """values: [38.4, 41,0, 39.9] is four values to YAML: the count error now says which one split."""
    text = """kind: bar
categories: [a, b, c, d, e]
series:
  - {name: S, values: [38.4, 41,0, 39.9, 40.2, 37.0]}
"""
    _, diags = read(text, language="en-GB")
    (d,) = diags
    assert d.message == "series 'S' has 6 values but the chart has 5 categories"
    assert "'41,0' is two" in d.hint and "37.0 after the last category ('e') has none" in d.hint
    _, diags = read(text.replace("41,0", "41, 0"), language="en-GB")  # a space after the comma: meant
    assert "is two" not in diags[0].hint
