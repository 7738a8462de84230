"""Chart numbers from CSV files (data: data/NAME.csv): the shared reader, German spreadsheet
exports (semicolon, decimal comma), and every mistake named by file, row and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from report.errors import Diagnostics
from report.load import parse_yaml
from report.locale import get_locale
from report.model import CHART_KINDS, INVALID, ReadContext, Reader

from .conftest import ASSETS
from .hostile import diagnostics, make_project

HEAD = "title: T\ncaption: C.\nsource: Q\nalt: A chart.\n"


def read(content: Path, yaml_text: str, csv_text: str | None = None, csv_name: str = "werte.csv",
         language: str = "de-DE"):
    (content / "charts").mkdir(parents=True, exist_ok=True)
    if csv_text is not None:
        (content / "data").mkdir(exist_ok=True)
        (content / "data" / csv_name).write_text(csv_text, encoding="utf-8")
    path = content / "charts" / "x.yaml"
    path.write_text(HEAD + yaml_text, encoding="utf-8")
    ctx = ReadContext(content_dir=content, assets_dir=ASSETS, project_dir=content.parent,
                      numbers=get_locale(language), language=language)
    diag = Diagnostics()
    raw = parse_yaml(path.read_text(encoding="utf-8"), path)
    return Reader(diag, ctx).read_kind(raw, raw.pos, CHART_KINDS, "chart 'x'"), diag.items


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return tmp_path / "content"


def test_series_from_a_german_spreadsheet_export(content):
    chart, diags = read(content, "kind: bar\ndata: data/werte.csv\n",
                        "Jahr;Strom;Gas\n2023;48,2;−1,5\n2024;1.250;30,20\n")
    assert diags == []
    assert chart.categories == ["2023", "2024"]
    assert [s.name for s in chart.series] == ["Strom", "Gas"]
    strom, gas = chart.series
    assert [n.value for n in strom.values] == [Decimal("48.2"), Decimal("1250")]
    assert gas.values[1].decimals == 2 and gas.values[0].value == Decimal("-1.5")  # 30,20 keeps its zero


def test_a_semicolon_export_is_read_with_decimal_commas_in_an_english_document(content):
    """An English edition reads the German office's Excel exports: a `;` file writes decimals with a
    comma and groups thousands with a point. Every cell was an error before ("this document writes
    decimals with '.'"). A `,` file is read in the document's notation."""
    chart, diags = read(content, "kind: bar\ndata: data/werte.csv\n", "Year;Revenue\n2024;412,7\n2025;1.301,4\n",
                        language="en-GB")
    assert diags == [] and [str(n.value) for n in chart.series[0].values] == ["412.7", "1301.4"]
    chart, diags = read(content, "kind: bar\ndata: data/werte.csv\n", "Year,Revenue\n2024,412.7\n2025,\"1,301.4\"\n",
                        language="en-GB")
    assert diags == [] and [str(n.value) for n in chart.series[0].values] == ["412.7", "1301.4"]


def test_a_windows_excel_csv_is_read_a_mac_one_is_refused(content):
    """Excel on a German Windows saves 'CSV (Trennzeichen-getrennt)' in Windows-1252: it was refused as not
    UTF-8. Read as what it is; bytes that would read as unlikely characters in Windows-1252 (a Mac's
    encoding, where ä is 0x8A: 'Š') are still refused."""
    csv = "Träger;Anteil (€)\nWindkraft – Nord;60,5\nSonne „Süd“;39,5\n"
    (content / "data").mkdir(parents=True)
    (content / "data" / "werte.csv").write_bytes(csv.encode("cp1252"))
    donut, diags = read(content, "kind: donut\nunit: '%'\ndata: data/werte.csv\n")
    assert diags == [] and donut.categories == ["Windkraft – Nord", "Sonne „Süd“"]
    (content / "data" / "werte.csv").write_bytes(csv.encode("mac_roman"))
    _, diags = read(content, "kind: donut\nunit: '%'\ndata: data/werte.csv\n")
    assert len(diags) == 1 and "neither UTF-8 nor Windows-1252" in diags[0].message and "'Š'" in diags[0].message


def test_a_windows_csv_with_footnote_marks_and_soft_hyphens_is_read_other_encodings_are_named_where_they_fail(
        content):
    """An Austrian balance sheet in Windows-1252 was refused for one '¹' (0xB9) in a label, its error pointing
    at the '€' of an earlier row: spreadsheets write the whole printable Latin-1 range (¹ ª º ¢ ¬ ´, the soft
    hyphen). A file that still is not read names its first odd byte where it stands, as Windows-1252 reads it."""
    (content / "data").mkdir(parents=True)
    csv = content / "data" / "werte.csv"
    chart = "kind: donut\nunit: '%'\ndata: data/werte.csv\n"
    csv.write_bytes("Posten;Anteil\nVerbindlichkeiten¹ (€);60,5\nAbschrei\u00adbungen ª º ¢ ¬ ´ † •;39,5\n"
                    .encode("cp1252"))
    donut, diags = read(content, chart)
    assert diags == [] and donut.categories == ["Verbindlichkeiten¹ (€)", "Abschrei\u00adbungen ª º ¢ ¬ ´ † •"]
    # ISO-8859-15 writes € as 0xA4, Windows-1252's '¤': refused at that byte (line 3), not at the '¹' before it
    csv.write_bytes("Posten;Anteil\nVerbindlichkeiten¹;60,5\nSumme (€);39,5\n".encode("iso8859_15"))
    _, (d,) = read(content, chart)
    assert (d.pos.line, d.pos.col) == (3, 8) and "byte 0xa4 reads as '¤' in Windows-1252" in d.message
    # a UTF-8 file with one byte from elsewhere: not read as Windows-1252 (ä would be Ã¤), the byte named
    csv.write_bytes("Posten;Anteil\nWärme;60,5\n".encode() + "Zähler;39,5\n".encode("cp1252"))
    _, (d,) = read(content, chart)
    assert (d.pos.line, d.pos.col) == (3, 2) and "0xe4" in d.message and "'ä' in Windows-1252" in d.hint


def test_one_value_column_makes_an_unnamed_series_and_donut_shares(content):
    line, diags = read(content, "kind: line\ndata: data/werte.csv\n", "Monat,Erzeugung\nJan,212\nFeb,\"198,1\"\n")
    assert diags == [] and line.series[0].name is None and line.categories == ["Jan", "Feb"]
    donut, diags = read(content, "kind: donut\nunit: '%'\ndata: data/werte.csv\n",
                        "Träger;Anteil\nWind;60,5\nSonne;39,5\n")
    assert diags == [] and donut.categories == ["Wind", "Sonne"] and str(donut.values[0].value) == "60.5"


def test_an_excel_export_with_units_in_its_cells_and_an_empty_last_column_is_read(content):
    """A US user's Excel export: `Quarter,FY2024,FY2025,` (an empty last column) and currency-formatted
    cells "$329.3" for a chart in $M were both refused."""
    csv = 'Quarter,FY2024,FY2025,\r\nQ1,"$1,121.7",$329.3M,\r\nQ2,($18.9),-$4.2,\r\n'
    chart, diags = read(content, "kind: bar\nunit: $M\ndata: data/werte.csv\n", csv, language="en-US")
    assert diags == [] and [s.name for s in chart.series] == ["FY2024", "FY2025"]
    assert [[str(n) for n in s.values] for s in chart.series] == [["1,121.7", "(18.9)"], ["329.3", "-4.2"]]
    share, diags = read(content, "kind: donut\nunit: '%'\ndata: data/werte.csv\n", "Source;Share\nWind;60,5 %\n"
                        "Sun;39,5 %\n")
    assert diags == [] and [str(v.value) for v in share.values] == ["60.5", "39.5"]
    _, diags = read(content, "kind: bar\nunit: $M\ndata: data/werte.csv\n", "Q,A,\nQ1,1,x\n", language="en-US")
    assert [(d.message, str(d.pos).rsplit("/", 1)[1]) for d in diags] == [
        ("chart 'x': a column has no name in the header row (its row 2 holds 'x')", "werte.csv:1:5")]
    _, diags = read(content, "kind: bar\nunit: GWh\ndata: data/werte.csv\n", "Q,A\nQ1,5 MWh\n", language="en-US")
    assert [d.message for d in diags] == ["chart 'x': column 'A': '5 MWh' is not a number"]  # another unit: not read


def test_a_bad_cell_is_named_by_row_and_column(content):
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n", "Jahr;Strom\n2023;48,2\n2024;viel\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:3:6")
    assert d.message == "chart 'x': column 'Strom': 'viel' is not a number"


@pytest.mark.parametrize("cell", ["", " ", "n.d."])
def test_an_empty_cell_is_named_not_a_crash(content, cell):
    """An empty cell (or a space) in a chart's CSV crashed the number reader with an IndexError; a Belgian
    review's n.d. (non disponible) got 'write the number in digits, e.g. 20', where it has none."""
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n", f"Jahr;Strom\n2023;{cell}\n2024;300\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:2:6")
    assert d.message == "chart 'x': column 'Strom': " + (f"{cell!r}" if cell.strip() else "an empty value") \
        + " is not a number"
    assert d.hint == ("a chart has no gaps: write a number for every category, or leave the category out "
                      "(a table shows a missing value as –, a line chart leaves a gap in its line: null)")
    # (not 'write a number, e.g. 20')


def test_a_file_two_charts_read_says_each_error_once_naming_both(tmp_path):
    """Two charts read one CSV file: each of its errors was said twice, and neither named a chart."""
    content = make_project(tmp_path)
    (content / "data").mkdir()
    (content / "data" / "umsatz.csv").write_text("Quartal;2024;2025\nQ1;12,5;13,0\nQ2;13,1;14,0 T€\n",
                                                 encoding="utf-8")
    for name in ("umsatz-quartale", "umsatz-vergleich"):
        (content / "charts" / f"{name}.yaml").write_text(HEAD + "kind: bar\ndata: data/umsatz.csv\n",
                                                           encoding="utf-8")
    (d,) = [d for d in diagnostics(content) if "umsatz.csv" in str(d.pos)]
    assert str(d.pos).endswith("data/umsatz.csv:3:9")
    assert d.message == "charts 'umsatz-quartale' and 'umsatz-vergleich': column '2025': '14,0 T€' is not a number"


def test_a_decimal_point_in_a_german_document_gets_a_hint(content):
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n", "Jahr;Strom\n2023;48.2\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:2:6") and "decimals with ','" in d.hint


def test_a_column_name_given_twice_is_named(content):
    """'Revenue,Revenue': the second column could never be read by its name."""
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n", "Jahr;Umsatz;Umsatz\n2024;1;2\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:1:13")
    assert d.message == "chart 'x': the header row names 'Umsatz' twice (also in column 2)"


def test_empty_cells_at_a_rows_end_are_read_as_excel_writes_them(content):
    """A Belgian export's `mai;18,0;20,7;`: 'row has 4 cells but the header has 3' for a harmless empty cell;
    a cell with something in it there is still an error."""
    chart, diags = read(content, "kind: line\ndata: data/werte.csv\n",
                        "Mois;Meuse;Sambre\navr.;17,2;19,9\nmai;18,0;20,7;\njuin;16,1;18,4;;\n", language="fr-BE")
    assert diags == [] and [[str(n.value) for n in s.values] for s in chart.series] == [["17.2", "18.0", "16.1"],
                                                                                  ["19.9", "20.7", "18.4"]]
    _, diags = read(content, "kind: line\ndata: data/werte.csv\n", "Mois;Meuse\nmai;18,0;20,7\n", language="fr-BE")
    assert [d.message for d in diags] == ["chart 'x': row has 3 cells but the header has 2"]


def test_a_short_row_is_named(content):
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n", "Jahr;Strom;Gas\n2023;48,2\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:2:1") and d.message == "chart 'x': row has 2 cells but the header has 3"
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n", "Jahr;Strom;Gas\n2023;48,2\n2024;1;2\n2025;1;2;3\n")
    assert [(str(d.pos).rsplit(":", 2)[-2], d.message) for d in diags] == [  # every such row, in one run
        ("2", "chart 'x': row has 2 cells but the header has 3"),
        ("4", "chart 'x': row has 4 cells but the header has 3")]


def test_a_header_and_rows_with_different_separators_are_one_error(content):
    """A ';' header over ',' rows (a Geneva NGO's flow data): twelve identical errors, one per row; now one."""
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n", "Monat;Abfluss\nJan,12.5\nFeb,13.1\nMar,14.0\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:2:1")
    assert d.message == "chart 'x': the header row separates its cells with ';', the other rows with ','"
    assert "';' in the rows too, or ',' in the header" in d.hint


def test_values_out_of_range_point_at_their_cell(content):
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n", "Jahr;Ergebnis\n2023;5\n2024;2000000000000\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:3:6") and "one trillion" in d.hint


def test_percent_shares_from_csv_warn_at_the_value_column(content):
    _, diags = read(content, "kind: donut\nunit: '%'\ndata: data/werte.csv\n",
                    "Träger;Anteil\nWind;60,5\nSonne;38,5\n")
    (d,) = diags
    assert d.severity == "warning" and d.message == "the shares add up to 99,0 %, not 100 %"
    assert str(d.pos).endswith("data/werte.csv:1:8")


def test_data_and_inline_numbers_exclude_each_other(content):
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\ncategories: [A]\nseries:\n  - values: [1]\n",
                    "Jahr;Strom\n2023;1\n")
    (d,) = diags
    assert d.message == "categories and data: both give the chart's numbers" and d.pos.line == 7


def test_neither_data_nor_numbers(content):
    _, diags = read(content, "kind: line\n")
    (d,) = diags
    assert d.message == "missing required key 'categories'" and "data: data/NAME.csv" in d.hint


def test_missing_data_file_lists_the_known_ones(content):
    chart, diags = read(content, "kind: bar\ndata: data/wertee.csv\n", "Jahr;Strom\n2023;1\n")
    (d,) = diags
    assert chart is not INVALID
    assert d.message == "data file 'data/wertee.csv' does not exist" and "data/werte.csv" in d.hint
    assert d.pos.line == 6 and d.pos.col == 7


def test_a_donut_file_has_two_columns(content):
    _, diags = read(content, "kind: pie\ndata: data/werte.csv\n", "Träger;2023;2024\nWind;1;2\n")
    (d,) = diags
    assert "two columns" in d.message and str(d.pos).endswith("data/werte.csv:1:1")


def test_decimals_that_round_digits_away_warn_at_the_value(content):
    """decimals: 1 printed 14.25 as 14,3 and 0.04 as 0,0 without a word; tables and key figures warn."""
    yaml_text = "kind: bar\ndecimals: 1\ncategories: [A, B, C, D]\nseries:\n  - values: [14.2, 14.25, 0.04, 2.50]\n"
    _, diags = read(content, yaml_text)
    assert [d.format().splitlines()[0].split("x.yaml:")[1] for d in diags] == [
        "9:20: warning: value 14.25 prints as 14,3 with decimals: 1 (and 1 more value of this series: 0.04 → 0,0)",
    ]  # 2.50 only loses a zero; one warning per series, at its first value
    assert diags[0].hint == "write the values as they should be printed, or set decimals: 2"


def test_series_decimals_from_csv_warn_at_the_cell(content):
    _, diags = read(content, "kind: line\ndecimals: 2\ndata: data/werte.csv\n",
                    "Jahr;Strom;Gas\n2023;48,25;1,5\n2024;1.250;30,125\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:3:12")
    assert d.message == "series 'Gas': value 30,125 prints as 30,13 with decimals: 2"
    donut, diags = read(content, "kind: donut\ndecimals: 0\ncategories: [a, b]\nvalues: [60.5, 39.5]\n")
    assert [d.message for d in diags] == [
        "value 60.5 prints as 61 with decimals: 0 (and 1 more value of this series: 39.5 → 40)"]


@pytest.mark.parametrize("cell", ["", "n.d.", "k. A.", "–"])
def test_a_line_charts_csv_may_miss_a_value(content, cell):
    """A foundation's survey not run in 2021: in a line chart's CSV an empty cell, or a spreadsheet's mark for
    no value, is a gap in the line (a bar chart's is an error, above)."""
    obj, diags = read(content, "kind: line\ndata: data/werte.csv\n",
                      f"Jahr;Zufriedenheit;Beteiligung\n2020;71;40\n2021;{cell};42\n2022;74;45\n")
    assert diags == []
    assert [[v and v.source for v in s.values] for s in obj.series] == [["71", None, "74"], ["40", "42", "45"]]


@pytest.mark.parametrize("gap", ["null", "~"])
def test_a_gap_in_a_chart_says_charts_have_none(content, gap):
    """values: [1250, null, 12.5] said 'write a number after the colon': there is no colon in a list."""
    _, diags = read(content, f"kind: bar\ncategories: [A, B, C]\nseries:\n  - values: [1250, {gap}, 12.5]\n")
    (d,) = diags
    assert d.message == "chart 'x': series[1]: values[2]: a value is missing"
    assert d.hint.startswith("a chart has no gaps: write a number for every category")
    assert str(d.pos).endswith(f"x.yaml:8:{len('  - values: [1250, ') + 1}")


def test_a_column_of_text_is_one_error_that_says_to_delete_it(content):
    """A note column as spreadsheets grow them ('Bemerkung': 'Rekord' in one row, the rest empty)
    gave an error per row, 'an empty value is not a number' with 'write a number, e.g. 20'."""
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n",
                    "Monat;2025;Bemerkung\nJan;121450;Rekord\nFeb;110210;\nMär;108760;\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:1:12")
    assert d.message == "chart 'x': column 'Bemerkung' holds text, not numbers"
    assert "delete this column" in d.hint


def test_a_column_in_another_notation_is_one_error_naming_the_other_cells(content):
    """112 errors for six files, one a cell: the real problems drowned. One a column, at its first cell."""
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n",
                    "Jahr;Strom\n2022;48.2\n2023;49.0\n2024;50.3\n2025;51.1\n2026;x2\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:2:6")
    assert d.message == ("chart 'x': column 'Strom': '48.2' is not a number (and 4 more cells of this column: "
                         "'49.0', '50.3', '51.1', …)"), d.message
    assert "decimals with ','" in d.hint


def test_a_donuts_total_row_is_named_at_its_row(content):
    """Excel's 'Total' row under a donut's shares: '9 shares are too many' at line 1, column 1."""
    rows = "".join(f"Source {k};{k}\n" for k in range(1, 9))
    _, diags = read(content, "kind: donut\ndata: data/werte.csv\n", f"Quelle;Betrag\n{rows}Total;36\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:10:7"), d.pos
    assert d.message == "the last share, 'Total' (36), is the sum of the others: a total, not a share"
    _, diags = read(content, "kind: donut\ndata: data/werte.csv\n", f"Quelle;Betrag\n{rows}Source 9;9\n")
    (d,) = diags
    assert str(d.pos).endswith("data/werte.csv:10:1") and d.message.startswith("9 shares are too many"), d


def test_a_currency_sign_the_unit_does_not_start_with_says_where_it_goes(content):
    """'$86,412' under `unit: thousand dollars`: the hint said only that a currency sign goes into
    'unit:', not that the unit must start with it for the cells to keep it."""
    _, diags = read(content, "kind: bar\nunit: thousand dollars\ndata: data/werte.csv\n",
                    'Quarter,FY2025\nQ1,"$86,412"\n', language="en-US")
    (d,) = diags
    assert d.hint == ("the cells may keep '$' where the chart's unit starts with it, e.g. unit: $ thousand or "
                      "unit: $M (now: 'thousand dollars'); else write the numbers alone")


@pytest.mark.parametrize(("kind", "rows", "named"), [
    ("bar", "Einnahmen;12,5\nSpenden;7,5\nGesamt;31\n", True),  # named so (its sum need not match)
    ("line", "2024;3,5;1\n2025;4,5;2\n2026;5;3\nx;13;6\n", False),  # every series' sum: a point after 2026
])
def test_a_total_row_in_a_bar_or_line_chart_warns_at_it(content, kind, rows, named):
    """UK charity 5: 'Total' appended to a bar chart's and a line chart's CSV was drawn as one more bar
    (towering over the others) and one more point after the last year, without a word."""
    header = "Jahr;A;B\n" if rows.count(";") > rows.count("\n") else "Jahr;Betrag\n"
    _, diags = read(content, f"kind: {kind}\ndata: data/werte.csv\n", header + rows)
    (d,) = diags
    assert d.severity == "warning" and str(d.pos).endswith(f"data/werte.csv:{rows.count(chr(10)) + 1}:1"), d.pos
    assert d.message.startswith(f"the last category, '{'Gesamt' if named else 'x'}'")
    assert ("is the sum of the" in d.message) != named and "reads as a total row" in d.message
    assert d.message.endswith(f"it is drawn as a {'point' if kind == 'line' else 'bar'} like the others")  # (a bar bar)
    assert "leave the total row out" in d.hint
    _, diags = read(content, f"kind: {kind}\ndata: data/werte.csv\n", header + rows.replace("Gesamt", "Sonstige")
                    .replace("x;13;6", "2027;13;7"))
    assert not diags, [x.message for x in diags]


def test_a_title_line_above_the_header_says_so(content):
    """A Belgian Excel export with the sheet's heading in row 1 ('Ressources de la Fondation (k€);;;;')
    was told that a column had no name in its header row, and went off to name empty columns."""
    csv = ("Ressources de la Fondation (k€);;;;\r\nAnnée;Dons;Legs;Subsides;Mécénat\r\n"
           "2025;5 012,3;2 100,0;2 950,0;1 037,7\r\n")
    for text in (csv, csv.replace(";;;;", "")):  # with its empty cells, or without (a ';' file all the same)
        _, diags = read(content, "kind: bar\ndata: data/werte.csv\n", text, language="fr-BE")
        (d,) = diags
        assert str(d.pos).endswith("data/werte.csv:1:1")
        assert d.message == ("chart 'x': the first row 'Ressources de la Fondation (k€)' looks like a title, not the "
                             "header row that names the columns")
        assert d.hint == ("delete it, so that the header row comes first (row 2: 'Année;Dons;Legs;…'); the title "
                          "goes into the table's or chart's title:")
    _, diags = read(content, "kind: bar\ndata: data/werte.csv\n", "Ressources\n2024\n2025\n", language="fr-BE")
    assert "title" not in diags[0].message  # one column: its name, not a title (a chart needs two)
