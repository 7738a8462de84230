"""Column widths as a typesetter sets them, with the tables of a municipal utility's first report:
a long list of stations whose names broke in every second row while columns with short entries
kept air, and headings on three lines beside a text column half empty."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.platypus import SimpleDocTemplate

from report.build import build
from report.errors import Diagnostics
from report.layout.styles import MM, Styles, register_fonts
from report.layout.table import Cell, Column, DataTable, Row, TableData, column_widths, table_data
from report.load import parse_yaml
from report.locale import get_locale
from report.model import ReadContext, Reader, Table
from report.theme import load_theme

from .conftest import ASSETS, ROOT, SAMPLE_CONTENT

STADTWERKE = ROOT / "tests" / "data" / "stadtwerke" / "content"
STREETS = ("Industriestraße", "Brunnengasse", "Friedhofsweg", "Hauptstraße", "Kastanienallee", "Rosenweg",
           "Gutenbergring", "Marktplatz", "Am Wasserwerk", "Lindenstraße")
DISTRICTS = ("Neuhof", "Bahnhofsvorstadt", "Lindenau-West", "Schillerhöhe", "Gewerbepark Ost", "Am Mühlbach")
STATIONS = """\
  - table:
      title: Ortsnetzstationen 2025
      alt: Liste von 95 Ortsnetzstationen.
      data: data/stationen.csv
      columns:
        - {name: Nr., type: number}
        - {name: Station}
        - {name: Ortsteil}
        - {name: Baujahr}
        - {name: Leistung}
        - {name: Trafos, type: number}
        - {name: Fernsteuerbar}
        - {name: Letzte Wartung}
        - {name: Auslastung, type: percent, unit: "%"}
        - {name: Investition 2025, type: currency, unit: T€}
"""


@pytest.fixture(scope="module")
def styles() -> Styles:
    theme, fonts = load_theme(SAMPLE_CONTENT, ASSETS)
    return Styles(theme, get_locale("de-DE"), "rgb", register_fonts(fonts))


def _stations(content: Path) -> list[str]:
    names = [f"ONS {STREETS[i % len(STREETS)]} {i}" for i in range(1, 96)]
    rows = [f"{i};{name};{DISTRICTS[i % len(DISTRICTS)]};{1960 + i % 60};{(250, 630, 1000)[i % 3]} kVA;{1 + i % 2};"
            f"{('ja', 'nein', 'geplant')[i % 3]};{1 + i % 28:02d}.{1 + i % 12:02d}.2025;{20 + i % 70},{i % 10};"
            f"{10 + i},{i % 10}" for i, name in enumerate(names, start=1)]
    header = "Nr.;Station;Ortsteil;Baujahr;Leistung;Trafos;Fernsteuerbar;Letzte Wartung;Auslastung;Investition 2025"
    (content / "data" / "stationen.csv").write_text("\r\n".join([header, *rows]) + "\r\n", encoding="utf-8")
    sec = content / "sections" / "03-stationen.yaml"
    sec.write_text("kind: text\ntitle: Ortsnetzstationen\npage: new\nblocks:\n" + STATIONS, encoding="utf-8")
    report = content / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("  - sections/02-investitionen.yaml\n", "  - sections/02-investitionen.yaml\n"
                                   "  - sections/03-stationen.yaml\n"), encoding="utf-8")
    return names


def test_a_long_list_keeps_its_station_names_on_one_line(tmp_path):
    """95 rows of ten columns: the station names ('ONS Industriestraße 1') fit on one line each —
    with narrower gutters and half a point smaller, as the columns with short entries ('ja',
    '2013') cannot give room below their headings — and the list takes three pages, not five."""
    shutil.copytree(STADTWERKE, tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    names = _stations(tmp_path / "content")
    result = build(tmp_path / "content", tmp_path / "out", ["print"])
    pages = [p.get_textpage().get_text_range() for p in pdfium.PdfDocument(str(result.outputs[0].path))]
    lines = [line.strip() for text in pages for line in text.splitlines()]
    whole = [n for n in names if any(n in line for line in lines)]
    assert len(whole) == len(names), sorted(set(names) - set(whole))[:5]
    assert sum("ONS " in text for text in pages) <= 3


def _heading_lines(pdf: bytes, label: str) -> int:
    """The lines a column heading takes: the baselines of its label and of its unit, '%', under it."""
    text = pdfium.PdfDocument(pdf)[0].get_textpage()
    whole = text.get_text_range()
    at = whole.index(label)
    end = whole.index("%", at) + 1
    return len({round(text.get_charbox(i, loose=True)[1]) for i in range(at, end) if not whole[i].isspace()})


@pytest.mark.parametrize("columns, label", [
    ([Column("Segment", row_header=True), *[Column(y, "decimal") for y in ("2023", "2024", "2025")],
      Column("Anteil 2025", "decimal", "%"), Column("Veränderung", "decimal", "%")], "Anteil 2025"),
    ([Column("Sparte", row_header=True), *[Column(y, "decimal", "T€") for y in ("Plan 2025", "Ist 2025", "Ist 2024")],
      Column("Ist/Plan", "decimal", "%"), Column("ggü. Vorjahr", "decimal", "%")], "ggü. Vorjahr"),
])
def test_a_heading_takes_two_lines_where_the_table_has_room(styles, columns, label):
    """'Anteil 2025' over its unit '%' took three lines in a number column of 16 mm while the
    segment column beside it was half empty: room left over goes to such headings first."""
    segments = ("Strom Privatkunden", "Strom Gewerbe", "Gas Privatkunden", "Wasser", "Fernwärme",
                "Ladekarte E-Mobilität")
    rows = [Row([Cell(s), *[Cell(f"{3 * k + 10}.{i}04") for i in range(3)], Cell(f"{k + 3},9"),
                 Cell(f"+{k},1")]) for k, s in enumerate(segments)]
    data = TableData(columns, rows, ",")
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, leftMargin=20 * MM, rightMargin=20 * MM)
    doc.build([DataTable(data, styles, column_widths(data, styles, 170 * MM))])
    assert _heading_lines(buf.getvalue(), label) == 2


def test_long_text_breaks_before_the_station_names_do(styles):
    """Too wide for one line each: the column of long descriptions takes the extra lines, the
    station names and the short entries ('geplant', '1000 kVA') stay on one line (narrowed in
    proportion, the names broke too, 'ONS Industriestraße / 1')."""
    descriptions = ("Austausch der Niederspannungsverteilung und Einbau fernsteuerbarer Schalter", "Neubau",
                    "Sanierung des Gebäudes nach Hochwasser im Juni", "Umbau auf Kompaktstation mit zwei Trafos")
    columns = [Column("Maßnahme", row_header=True), Column("Beschreibung"), Column("Status"), Column("Leistung"),
               Column("Kosten", "decimal", "T€")]
    rows = [Row([Cell(f"ONS Industriestraße {i}"), Cell(descriptions[i % 4]), Cell(("ja", "geplant", "nein")[i % 3]),
                 Cell("1000 kVA"), Cell(f"{13 * i},5")]) for i in range(1, 21)]
    data = TableData(columns, rows, ",")
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, leftMargin=20 * MM, rightMargin=20 * MM)
    doc.build([DataTable(data, styles, column_widths(data, styles, 130 * MM))])
    text = pdfium.PdfDocument(buf.getvalue())[0].get_textpage().get_text_range()
    lines = [line.strip() for line in text.splitlines()]
    for i in range(1, 21):
        assert any(f"ONS Industriestraße {i}" in line for line in lines), i
    assert sum("geplant" in line for line in lines) == 7 and sum("1000 kVA" in line for line in lines) == 20
    assert not any(descriptions[0] in line for line in lines)  # (the long description breaks)


def test_a_note_column_stays_narrow_beside_the_row_labels(styles):
    """An income statement's 'Note' column (note numbers between the row labels and the amounts, as
    UK accounts set them) took half of the table's spare room: the numbers stood 30 mm right of the
    labels with a hole before the amounts. The spare room goes to the labels; the column of short
    entries stays as wide as they are."""
    columns = [Column("", row_header=True), Column("Note"), Column("2025/26", "decimal", "£m"),
               Column("2024–25", "decimal", "£m")]
    rows = [Row([Cell(label), Cell(str(k)), Cell(f"{100 + k}.4"), Cell(f"{90 + k}.1")])
            for k, label in enumerate(("Tuition fees and education contracts", "Funding body grants",
                                       "Research grants and contracts", "Other income"), start=1)]
    widths = column_widths(TableData(columns, rows, "."), styles, 170 * MM)
    assert widths[1] < 10 * MM and widths[0] > 100 * MM, [round(w / MM) for w in widths]


def test_a_column_the_author_gives_a_width_has_it(styles, tmp_path):
    """`width: 50` (percent of the table): the second column starts half way across; one set
    narrower than its longest word keeps the word whole."""
    yaml = ("title: T\nalt: A\ncolumns:\n  - {name: Sparte, width: 50}\n  - {name: Status, width: 3}\n"
            "  - {name: '2025', type: number}\nrows:\n  - [Netze, Fernsteuerbar, 12.5]\n  - [Wasser, ja, 3.25]\n")
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path,
                      numbers=get_locale("de-DE"), language="de-DE")
    diag = Diagnostics()
    table = Reader(diag, ctx).read(parse_yaml(yaml), None, Table, "table")
    assert not diag.items, [d.format() for d in diag.items]
    data = table_data(table, get_locale("de-DE"))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, leftMargin=20 * MM, rightMargin=20 * MM)
    doc.build([DataTable(data, styles, column_widths(data, styles, 170 * MM))])
    text = pdfium.PdfDocument(buf.getvalue())[0].get_textpage()
    whole = text.get_text_range()
    left = text.get_charbox(whole.index("Sparte"))[0]
    status = text.get_charbox(whole.index("Status"))[0]
    assert status - left == pytest.approx(85 * MM + styles.theme.page.tile_gap * MM, abs=1)
    assert any("Fernsteuerbar" in line for line in whole.splitlines())


def test_date_headings_in_a_tight_table_break_before_the_year_never_inside_it(styles):
    """Six quarter-end columns ('June 30, 2026' over '$ thousands') beside long row labels, in
    150 mm: a heading narrowed below its width was cut inside the year, 'June 30, 2' / '026', and
    the unit set as '$' / 'thousands'. A US date goes on before its year, the unit stays whole."""
    en = get_locale("en-US")
    dates = ("March 31, 2026", "June 30, 2026", "Sept. 30, 2026", "Dec. 31, 2026", "March 31, 2025", "June 30, 2025")
    columns = [Column("Segment", row_header=True),
               *[Column(en.typographic(d), "decimal", en.typographic("$ thousands")) for d in dates]]
    rows = [Row([Cell(f"Segment {k} with a longer name here"), *[Cell(f"{k * 1000 + i:,}") for i in range(6)]])
            for k in range(8)]
    data = TableData(columns, rows, ".")
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, leftMargin=20 * MM, rightMargin=20 * MM)
    doc.build([DataTable(data, styles, column_widths(data, styles, 150 * MM))])
    text = pdfium.PdfDocument(buf.getvalue())[0].get_textpage().get_text_range().replace("\u00a0", " ")
    lines = [line.strip() for line in text.splitlines()]
    assert lines.count("$ thousands") == 6, lines[:30]
    assert lines.count("2026") == 4 and lines.count("2025") == 2, lines[:30]
