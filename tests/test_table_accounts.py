"""An Austrian utility's annual accounts (Jahresabschluss), as a first user set them (explorer 9): a
change between an EUR and a TEUR column printed as +107.658,7 %; an Anlagenspiegel of ten columns
refused as too wide because its headings never broke, the error blaming the one column that was
fine; a soft hyphen in a heading made its column wider; an income statement (§ 231 UGB) warned at
every result; a Passiva side split 6 + 5 rows; chart data tables without /Scope."""

from __future__ import annotations

import io
import re
import shutil
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from report.build import build
from report.errors import Diagnostics, ReportError
from report.layout.styles import MM
from report.layout.table import Cell, Column, DataTable, KeptTable, Row, TableData, column_widths
from report.load import parse_yaml
from report.locale import get_locale
from report.model import ReadContext, Reader, Table

from .conftest import ASSETS, SAMPLE_CONTENT, set_sections


def _read(tmp_path, text: str) -> tuple[Table, Diagnostics]:
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=get_locale("de-AT"),
                      language="de-AT")
    diag = Diagnostics()
    raw = parse_yaml(text)
    return Reader(diag, ctx).read(raw, raw.pos, Table, "table"), diag


@pytest.mark.parametrize(("new", "old", "wrong"), [
    ("EUR", "TEUR", True), ("Tsd. €", "Mio. €", True), ("€", "EUR", False), ("TEUR", "Tsd. €", False),
    ("T€", "TEUR", False), ("Mio. EUR", "Mio. €", False)])
def test_a_change_between_columns_of_different_units_is_an_error_at_change(tmp_path, new, old, wrong):
    """Sachanlagen 386.214.902,55 EUR against 358.407 TEUR printed '+107.658,7 %' without a word.
    Units written differently but alike (EUR and €, TEUR, T€ and Tsd. €) are one unit."""
    table, diag = _read(tmp_path, f"title: Aktiva\nalt: A\ncolumns:\n  - {{name: ''}}\n"
                                  f"  - {{name: '2026', type: currency, unit: {new}}}\n"
                                  f"  - {{name: '2025', type: currency, unit: {old}}}\n"
                                  "  - {name: Veränderung, type: percent, change: ['2025', '2026']}\n"
                                  "rows:\n  - [Sachanlagen, '386.214.902,55', 358407]\n")
    found = [(d.pos.line, d.pos.col, d.message, d.hint) for d in diag.items]
    if not wrong:
        assert found == []
        return
    assert found == [(7, 48, f"table 'Aktiva': column 'Veränderung' computes the change from '2025' in {old} to "
                             f"'2026' in {new}: amounts in different units, so the change would compare numbers "
                             "that do not measure the same",
                      f"convert one column so that both are in {old} or both in {new} (and give both that unit), "
                      "or, where they are the same unit, write it alike in both")]


GUV = """\
title: Gewinn- und Verlustrechnung
alt: GuV
columns:
  - {name: ''}
  - {name: '2026', type: currency, unit: TEUR, check_total: true}
rows:
  - [1. Umsatzerlöse, 186412]
  - [5. Materialaufwand, -98412]
  - [6. Personalaufwand, -44912]
  - [7. Abschreibungen, -28104]
  - [8. Sonstige betriebliche Aufwendungen, -5679]
  - {kind: subtotal, cells: [9. Betriebserfolg, 9305]}
  - [10. Erträge aus Beteiligungen, 812]
  - [12. Zinsen und ähnliche Aufwendungen, -2294]
  - {kind: subtotal, cells: [13. Finanzerfolg, -1482]}
  - {kind: RESULT, cells: [14. Ergebnis vor Steuern, EGT]}
  - [15. Steuern vom Einkommen und vom Ertrag, -1906]
  - {kind: subtotal, cells: [16. Jahresüberschuss, 5917]}
  - [17. Zuweisung zu Gewinnrücklagen, -4412]
  - [18. Gewinnvortrag aus dem Vorjahr, 4388]
  - {kind: total, cells: [19. Bilanzgewinn, 5893]}
"""


@pytest.mark.parametrize(("kind", "result", "warned"), [
    ("subtotal", 7823, []), ("total", 7823, []),
    ("subtotal", 7832, ["14. Ergebnis vor Steuern", "16. Jahresüberschuss"])])
def test_an_income_statements_results_sum_their_results(tmp_path, kind, result, warned):
    """§ 231 UGB: Betriebserfolg + Finanzerfolg = Ergebnis vor Steuern (a subtotal of the two
    subtotals before it, no row between), then + taxes = Jahresüberschuss, + transfers =
    Bilanzgewinn; expenses written negative. Every result warned ('the sum of the 0 rows since the
    previous subtotal'), also with the result written as a total. A wrong result still warns (and
    the result summed from it)."""
    table, diag = _read(tmp_path, GUV.replace("RESULT", kind).replace("EGT", str(result)))
    rows = {r.cells[1].pos.line: r.cells[0].value for r in table.table}
    assert [rows[w.pos.line] for w in diag.warnings] == warned, [w.message for w in diag.warnings]
    assert not diag.errors


HEADINGS = ["AK 1.1.2026", "Zugänge", "Abgänge", "Umbu\u00adchungen", "AK 31.12.2026", "Kum. Abschrei\u00adbungen",
            "Buchwert 31.12.2026", "Buchwert 31.12.2025", "Abschreibungen 2026"]
ROWS = ["Software und Nutzungsrechte;65.878;10.043;-1.141;1.652;76.431;(37.277);39.155;41.605;-5.130",
        "Stromverteilnetz;149.540;8.092;-833;–;156.800;(76.904);79.896;78.507;-3.321",
        "Busse und Fahrzeuge;119.081;13.169;-1.314;1.866;132.803;(62.710);70.092;68.612;-4.958",
        "Betriebs- und Geschäftsausstattung;111.408;9.902;-487;–;120.823;(67.289);53.534;51.452;-5.681"]
ANLAGEN = """\
kind: text
title: Anhang
blocks:
  - table:
      title: Anlagenspiegel 2026
      alt: Anlagenspiegel 2026 in TEUR.
      data: data/anlagen.csv
      columns:
        - {name: Anlagengruppe, width: 16}
%s
  - table:
      title: Umbuchungen
      alt: Umbuchungen in TEUR.
      columns:
        - {name: Posten}
        - {name: "Umbu\\u00adchungen", type: currency, unit: TEUR}
      rows:
        - [Anlagen in Bau, -3412]
"""


@pytest.fixture(scope="module")
def anlagen(tmp_path_factory) -> list[str]:
    """The Anlagenspiegel with its full headings in TEUR, two with soft hyphens; then a small table
    whose soft-hyphenated heading fits whole. The print edition's text per page."""
    base = tmp_path_factory.mktemp("anlagen")
    shutil.copytree(SAMPLE_CONTENT, base / "content")
    shutil.copytree(ASSETS, base / "assets")
    columns = "\n".join(f'        - {{name: "{h}", type: currency, unit: TEUR}}' for h in HEADINGS)
    (base / "content" / "data").mkdir(exist_ok=True)
    (base / "content" / "data" / "anlagen.csv").write_text(
        ";".join(["Anlagengruppe", *HEADINGS]) + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    set_sections(base / "content", {"sections/anhang.yaml": ANLAGEN % columns})
    result = build(base / "content", base / "out", ["print"])
    pdf = pdfium.PdfDocument(str(result.outputs[0].path))
    return [page.get_textpage().get_text_range() for page in pdf]


def test_a_wide_tables_headings_break_inside_words_where_it_fits_no_other_way(anlagen):
    """'Abschreibungen', 'Buchwert 31.12.2026' never broke: the table was 184 mm at 7 pt in a 170 mm
    column. They break as a typesetter breaks a dense table's headings: by the language's
    hyphenation, at the author's soft hyphens, a date before its year; never after fewer than three
    letters; the numbers whole."""
    page = next(t for t in anlagen if "Anlagenspiegel 2026" in t)
    words = page.split()
    # (pdfium joins a word hyphenated at a line's end, marking the break U+FFFE)
    assert words.count("Abschrei\ufffebungen") == 2 and "Umbu\ufffechungen" in words
    assert "\u00ad" not in page
    assert all(len(part) >= 3 for w in words if "\ufffe" in w for part in w.split("\ufffe"))
    for figures in ("65.878", "149.540", "(76.904)", "−5.681", "132.803"):
        assert figures in words, figures


def test_a_soft_hyphen_in_a_heading_that_fits_is_invisible(anlagen, styles):
    """'Umbu\\u00adchungen' over a column that has room prints 'Umbuchungen', and its column is as wide
    as without the soft hyphen (it was measured as a glyph)."""
    page = next(t for t in anlagen if "Anlagen in Bau" in t)
    assert "Umbuchungen" in page.split()

    def widths(label: str) -> list[float]:
        data = TableData([Column("Posten"), Column(label, "decimal", "TEUR")], [Row([Cell("Bau"), Cell("−3.412")])])
        return column_widths(data, styles, 170 * MM)
    assert widths("Umbu\u00adchungen") == widths("Umbuchungen")


def test_a_table_too_wide_for_its_headings_names_them(tmp_path):
    """The error blamed 'Anlagengruppe' (30 mm), the one column that was fine, with a hint about
    units. Headings that cannot break narrow enough are named, with a hint that fits."""
    shutil.copytree(SAMPLE_CONTENT, tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    columns = "\n".join(f"        - {{name: 'Plan/Ist-Abweichung/{k}', type: number}}" for k in range(8))
    rows = ", ".join(["x", *["1"] * 8])
    set_sections(tmp_path / "content", {"sections/a.yaml": "kind: text\ntitle: A\nblocks:\n  - table:\n"
                                        "      title: Plan\n      alt: Plan\n      columns:\n"
                                        f"        - {{name: Posten}}\n{columns}\n      rows:\n        - [{rows}]\n"})
    with pytest.raises(ReportError) as err:
        build(tmp_path / "content", tmp_path / "out", ["print"])
    (found,) = err.value.diagnostics
    assert found.pos.line == 9
    assert "their headings make columns wider than their numbers: 'Plan/Ist-Abweichung/0' (+" in found.message
    assert "'Plan/Ist-Abweichung/7' (+" in found.message and "widest column" not in found.message
    assert found.hint.startswith("shorten those headings") and "soft hyphen (U+00AD" in found.hint


def _statement(styles, whole: bool, body: int = 10, fit: int = 9) -> list[str]:
    """Passiva: `body` rows and a total under a title, at a page's foot where `fit` of them fit; per page its rows."""
    rows = [Row([Cell(f"Posten {k + 1}"), Cell(f"{k + 1}.000")]) for k in range(body)]
    data = TableData([Column("Passiva", row_header=True), Column("2026", "decimal", "TEUR")],
                     [*rows, Row([Cell("Summe Passiva"), Cell("55.000")], "total")])
    table = DataTable(data, styles, column_widths(data, styles, 170 * MM))
    title = Paragraph("Passiva", styles.para("figure_title"))
    kept = KeptTable([title, table, Spacer(0, 2 * MM)], whole=whole)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, leftMargin=20 * MM, rightMargin=20 * MM)
    table.wrap(doc.width, doc.height)
    nine = title.getSpaceBefore() + kept._top(doc.width, doc.height) + table.height_with(fit)
    doc.build([Spacer(0, doc.height - 12 - nine - 2), kept])  # (the frame's padding: 6 pt above and below)
    pages = [p.get_textpage().get_text_range() for p in pdfium.PdfDocument(buf.getvalue())]
    return [" ".join(w for w in re.findall(r"Posten \d+|Summe Passiva", t)) for t in pages]


def test_a_table_placed_here_is_kept_whole(styles):
    """`place: here`: a statement moves on whole where it does not fit (without: it breaks where two
    thirds of its rows fit)."""
    split = _statement(styles, whole=False)
    assert split[0] and split[1].endswith("Summe Passiva"), split
    kept = _statement(styles, whole=True)
    assert kept[0] == "" and kept[1].startswith("Posten 1 ") and kept[1].endswith("Summe Passiva"), kept


def test_a_long_listing_breaks_where_half_of_it_fits(styles):
    """A 40-row list (a Geneva NGO's projects) where 25 rows fit: it breaks there, 15 go on (it moved on
    whole, leaving 62 % of the page blank); an 11-row statement where 6 fit still moves on whole."""
    listing = _statement(styles, whole=False, body=39, fit=25)
    assert listing[0].endswith("Posten 25") and listing[1].startswith("Posten 26 "), listing
    statement = _statement(styles, whole=False, body=10, fit=6)
    assert statement[0] == "" and statement[1].startswith("Posten 1 "), statement


def test_place_is_read_with_a_hint(tmp_path):
    table, diag = _read(tmp_path, "title: T\nalt: A\nplace: together\ncolumns: [{name: A}]\nrows: [[x]]\n")
    assert [(d.pos.line, d.message) for d in diag.errors] == [
        (3, "table: place: 'together' is not one of auto, here")], [d.message for d in diag.items]


def test_a_chart_data_tables_header_cells_have_scopes(styles):
    """The screen edition's chart data tables had TH cells without /Scope (content tables have it)."""
    from report.layout.chartdata import ChartData
    from report.tagging import Tagger
    from report.tagging.structure import write_structure

    class Tagged(SimpleDocTemplate):
        tagger = Tagger("de-DE")

    buf = io.BytesIO()
    Tagged(buf).build([ChartData([["", "2025", "2026"], ["Strom", "1,5", "2,5"], ["Gas", "3", "4"]],
                                 styles.font["regular"])])
    pdf = pikepdf.open(io.BytesIO(buf.getvalue()))
    write_structure(pdf, Tagged.tagger, "Diagramm")
    cells: list[tuple[str, Any]] = []

    def walk(elem: Any) -> None:
        if str(elem.S) in ("/TH", "/TD"):
            cells.append((str(elem.S), str(elem.A.Scope) if "/A" in elem else None))
        for kid in elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                walk(kid)

    walk(pdf.Root.StructTreeRoot.K)
    assert cells == [("/TD", None), ("/TH", "/Column"), ("/TH", "/Column"),
                     ("/TH", "/Row"), ("/TD", None), ("/TD", None), ("/TH", "/Row"), ("/TD", None), ("/TD", None)]


MEHRJAHR = "Kennzahl;2025;2026\nUmsatzerlöse (TEUR);171.918;186.412\nEigenkapitalquote;42,8 %;41,3 %\n"


@pytest.mark.parametrize("units", ["row_units: {Eigenkapitalquote: '%'}\n", ""])
def test_a_row_of_a_multi_year_table_has_its_own_unit(tmp_path, units):
    """Kennzahlen over five years, TEUR rows and a % row: '44,1 %' was an error per cell (the
    hint: give the column unit: %), and a change of a rate printed in percent (91,2 → 97,4: +6,8)
    where a Wirtschaftsprüfer reads points (+6,2 %-Pkt.). `row_units:` (or a block row's `unit:`)
    gives a row its unit: its cells may carry it and print it after the aligned digits."""
    from report.layout.table import table_data

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "k.csv").write_text(MEHRJAHR, encoding="utf-8")
    table, diag = _read(tmp_path, f"title: K\nalt: K\ndata: data/k.csv\n{units}columns:\n  - {{name: Kennzahl}}\n"
                                  "  - {name: '2025', type: number}\n  - {name: '2026', type: number}\n"
                                  "  - {name: Veränderung, type: percent, change: ['2025', '2026']}\n")
    if not units:
        assert [d.hint for d in diag.errors][0].endswith("; where it is the unit of a row, name it: "
                                                         "row_units: {Eigenkapitalquote: '%'}")
        return
    assert diag.items == []
    rows = table_data(table, get_locale("de-AT")).rows
    assert [(c.text, c.unit) for c in rows[1].cells] == [
        ("Eigenkapitalquote", None), ("42,8", "\u00a0%"), ("41,3", "\u00a0%"), ("−1,5", "\u00a0%-Pkt.")]
    assert [(c.text, c.unit) for c in rows[0].cells[1:]] == [("171.918", None), ("186.412", None), ("+8,4", None)]
    inline, diag = _read(tmp_path, "title: K\nalt: K\ncolumns: [{name: A}, {name: '2025', type: number}, "
                                   "{name: '2026', type: number}, {name: V, type: percent, change: ['2025', '2026']}]\n"
                                   "rows:\n  - {cells: [Smart-Meter-Rollout, 91.2, 97.4], unit: '%'}\n"
                                   "  - {cells: [Zähler, 91.2, 97.4]}\n")
    assert diag.items == []
    assert [c.printed for c in table_data(inline, get_locale("de-AT")).rows[0].cells[1:]] == [
        "91,2\u00a0%", "97,4\u00a0%", "+6,2\u00a0%-Pkt."]
    assert table_data(inline, get_locale("de-AT")).rows[1].cells[3].printed == "+6,8"
