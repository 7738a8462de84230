"""The table flowable alone: widths, decimal alignment, page breaks with the header repeated,
the too-wide error, and the tags of the screen edition."""

from __future__ import annotations

import io
import re
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.platypus import SimpleDocTemplate, Spacer

from report.layout.styles import MM, Styles
from report.layout.table import Cell, Column, DataTable, Row, TableData, TooWide, column_widths
from report.locale import get_locale


def _investments(rows: int = 0) -> TableData:
    cols = [Column("Bereich", row_header=True), Column("2024", "decimal", "Mio. €"),
            Column("2025", "decimal", "Mio. €")]
    body = [Row([Cell(f"Netzabschnitt {i + 1}"), Cell(f"{i + 1},5"), Cell(f"{3 * i + 2},25")]) for i in range(rows)]
    return TableData(cols, [*body, Row([Cell("Summe"), Cell("1.204,3"), Cell("48,25", "¹")], "total")], ",")


def _pdf(styles: Styles, data: TableData, before: float = 0) -> list[str]:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, leftMargin=20 * MM, rightMargin=20 * MM)
    doc.build([Spacer(0, before), DataTable(data, styles, column_widths(data, styles, 170 * MM))])
    pdf = pdfium.PdfDocument(buf.getvalue())
    return [page.get_textpage().get_text_range() for page in pdf]


def test_sixty_rows_break_over_two_pages_with_the_header_repeated(styles):
    pages = _pdf(styles, _investments(60), before=80 * MM)
    assert len(pages) == 2
    for text in pages:
        assert text.lstrip().startswith("Bereich"), text[:60]
        assert "Mio. €" in text
    assert "Summe" in pages[1] and "Summe" not in pages[0]
    # no row is lost or doubled across the break
    rows = re.findall(r"Netzabschnitt (\d+)\s", "\n".join(pages))
    assert sorted(map(int, rows)) == list(range(1, 61))


def test_a_total_never_stands_alone_on_a_page(styles):
    data = _investments(40)
    table = DataTable(data, styles, column_widths(data, styles, 170 * MM))
    table.wrap(170 * MM, 1000)
    # room for every row but the total: the last rows move on with it
    room = table.height - table._row_height(table.body[-1]) - 1
    first, rest = table.split(170 * MM, room)
    assert [r.kind for r in rest.body][-1] == "total" and len(rest.body) >= 2
    assert len(first.body) + len(rest.body) == len(table.body)


def test_numbers_align_on_the_decimal_separator(styles):
    data = TableData([Column("A", "decimal")], [Row([Cell("1.204,3")]), Row([Cell("7,25")]), Row([Cell("5")])], ",")
    widths = column_widths(data, styles, 100 * MM)
    table = DataTable(data, styles, widths)
    fracs = table.fracs[0]
    from reportlab.pdfbase.pdfmetrics import stringWidth
    assert fracs == pytest.approx(stringWidth(",25", styles.font["regular"], table.su.size))
    # tabular figures: every digit of the table font is equally wide
    assert len({stringWidth(d, styles.font["regular"], 10) for d in "0123456789"}) == 1


def test_a_no_value_dash_ends_where_the_digits_end(styles):
    """A US user's nil cells: the dash stood right of the integers, before the decimals' place."""
    data = TableData([Column("A", "decimal")], [Row([Cell("1.204,3")]), Row([Cell("–")]), Row([Cell("7,25")])], ",")
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, leftMargin=20 * MM, rightMargin=20 * MM)
    doc.build([DataTable(data, styles, column_widths(data, styles, 100 * MM))])
    page = pdfium.PdfDocument(buf.getvalue())[0].get_textpage()
    right: dict[str, list[float]] = {}  # the right edge of each character
    for k in range(page.count_chars()):
        right.setdefault(page.get_text_range(k, 1), []).append(page.get_charbox(k)[2])
    (dash,) = right["–"]
    assert dash == pytest.approx(max(right["5"]), abs=0.3), (dash, right["5"])  # with the 5 of 7,25


def test_too_wide_names_the_widest_column(styles):
    cols = [Column("Bereich"), *[Column(f"Jahr {y}", "decimal") for y in range(2010, 2026)]]
    data = TableData(cols, [Row([Cell("Netz"), *[Cell("1.234.567,89") for _ in range(16)]])], ",")
    with pytest.raises(TooWide) as err:
        column_widths(data, styles, 170 * MM)
    assert err.value.column == 1 and err.value.needed > 170 * MM


def _tagged_tree(styles: Styles, data: TableData) -> list[tuple[str, int, dict]]:
    """Build the table in a tagged document over two pages; (role, depth, attributes) in tree order."""
    from report.tagging import Tagger
    from report.tagging.structure import write_structure

    class Tagged(SimpleDocTemplate):
        tagger = Tagger("de-DE")

    buf = io.BytesIO()
    doc = Tagged(buf, leftMargin=20 * MM, rightMargin=20 * MM)
    doc.build([Spacer(0, 150 * MM), DataTable(data, styles, column_widths(data, styles, 170 * MM))])
    pdf = pikepdf.open(io.BytesIO(buf.getvalue()))
    write_structure(pdf, Tagged.tagger, "Tabelle")
    found = []

    def walk(elem: Any, depth: int) -> None:
        attrs = {str(k): str(v) for k, v in elem.A.items()} if "/A" in elem else {}
        found.append((str(elem.S)[1:], depth, attrs))
        for kid in elem.K if isinstance(elem.K, pikepdf.Array) else [elem.K]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                walk(kid, depth + 1)

    walk(pdf.Root.StructTreeRoot.K, 0)
    assert len(pdf.pages) == 2
    return found


def test_screen_edition_tags_the_table_with_header_scopes(styles):
    data = _investments(40)
    tree = _tagged_tree(styles, data)
    roles = [r for r, _, _ in tree]
    assert roles.count("Table") == 1 and roles.count("THead") == 1 and roles.count("TBody") == 1
    table_depth = next(d for r, d, _ in tree if r == "Table")
    # the header is tagged once, although it is printed on both pages (the repetition is an artifact)
    heads = [a for r, _, a in tree if r == "TH" and a.get("/Scope") == "/Column"]
    assert len(heads) == 3 and all(a["/O"] == "/Table" for a in heads)
    rows = [a for r, _, a in tree if r == "TH" and a.get("/Scope") == "/Row"]
    assert len(rows) == 41  # the first cell of every body row names its row
    assert roles.count("TR") == 1 + 41 and roles.count("TD") == 2 * 41
    # every row lies inside the one table: TR under THead/TBody under Table
    assert all(d == table_depth + 2 for r, d, _ in tree if r == "TR")


@pytest.mark.parametrize("count", range(1, 13))
def test_any_count_of_key_figures_fills_the_grid(styles, count):
    """1 to 12 tiles: full rows of two, an odd last tile spans the row; content never overflows a tile."""
    from types import SimpleNamespace

    from report.layout.keyfigures import TileGrid, check_tiles
    from report.layout.templates import A4, Geometry
    from report.model import KeyFigure, Number

    figures = [KeyFigure(value=Number.of(f"{i}.5"), label="Delegations- und Markterkundungsreisen", unit="Mio. €",
                         detail="unter anderem nach Kalifornien, Japan und Detroit/Chicago",
                         previous=Number.of(i + 2)) for i in range(count)]
    width = 170 * MM
    ctx = SimpleNamespace(styles=styles, locale=get_locale("de-DE"), text_width=width, geometry=Geometry(*A4))
    needed, beside = check_tiles(ctx, figures)
    grid = TileGrid(ctx, figures, needed, beside)
    grid.wrap(width, 250 * MM)
    boxes = grid.boxes()
    half = (width - grid.gap) / 2
    assert [round(w) for _, _, w in boxes] == [round(half)] * (count - count % 2) + [round(width)] * (count % 2)
    assert max(needed) <= grid.tile_h
    assert min(y for _, y, _ in boxes) >= -0.01


def test_header_rows_repeat_with_the_column_labels(styles):
    data = _investments(60)
    data.rows.insert(0, Row([Cell(""), Cell("Plan"), Cell("Ist")], "header"))
    pages = _pdf(styles, data, before=80 * MM)
    assert len(pages) == 2
    for text in pages:
        head = " ".join(text.split()[:9])
        assert head == "Bereich 2024 Mio. € 2025 Mio. € Plan Ist", head


def test_a_heading_set_narrower_for_note_marks_gets_the_height_it_takes(styles):
    """A number column with a note mark sets its heading in the width left of the marks; the header
    row is as tall as that heading (it once was measured in the full width: the unit's second line
    was drawn over the first row)."""
    cols = [Column("Programme", row_header=True), Column("2024", "decimal", "thousand pounds")]
    data = TableData(cols, [Row([Cell("Coastal youth"), Cell("1,210.5")]), Row([Cell("Emergency"), Cell("0", "¹")])],
                     ".")
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, leftMargin=20 * MM, rightMargin=20 * MM)
    # 40 mm: no room to spare for the heading (with room it gets enough for two lines)
    doc.build([DataTable(data, styles, column_widths(data, styles, 40 * MM))])
    page = pdfium.PdfDocument(buf.getvalue())[0]
    text = page.get_textpage()
    whole = text.get_text_range()

    def box(word: str) -> tuple[float, float, float, float]:
        at = whole.index(word)
        boxes = [text.get_charbox(i) for i in range(at, at + len(word))]
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)
    heading_lines = {round(box(w)[1]) for w in ("2024", "thousand", "pounds")}
    assert len(heading_lines) == 3  # the heading takes three lines in its narrow room …
    assert box("pounds")[1] > box("1,210.5")[3]  # … all of them above the first row


def test_a_group_split_over_two_pages_repeats_its_label_untagged(styles):
    """Visual QA 13: a long table that breaks inside a group repeated its header but not the group's
    row, so the rows at the top of the next page had no context. Its label comes again, 'continued',
    as an artifact: the table read aloud has each row once."""
    cols = [Column("Bereich", row_header=True), Column("2024", "decimal", "Mio. €")]
    body = [Row([Cell("Gruppe 1: Nord"), Cell("")], "group"),
            *[Row([Cell(f"Netzabschnitt {i + 1}"), Cell(f"{i + 1},5")]) for i in range(40)],
            Row([Cell("Nord zusammen"), Cell("840,0")], "subtotal")]
    data = TableData(cols, body, ",", more="Fortsetzung")
    pages = _pdf(styles, data, before=150 * MM)
    assert len(pages) == 2 and "Fortsetzung" not in pages[0]
    second = pages[1]
    assert second.index("Bereich") < second.index("Gruppe 1: Nord (Fortsetzung)") < second.index("Netzabschnitt")
    roles = [r for r, _, _ in _tagged_tree(styles, data)]
    assert roles.count("TR") == 1 + len(body)  # the repeated label is no row of its own


def test_an_empty_heading_over_the_row_labels_is_no_header_cell(styles):
    """A UK statement's row labels have no heading: the empty corner is a TD, not a TH that heads nothing."""
    data = _investments(40)
    data.columns[0] = Column("", row_header=True)
    tree = _tagged_tree(styles, data)
    heads = [a for r, _, a in tree if r == "TH" and a.get("/Scope") == "/Column"]
    assert len(heads) == 2
    roles = [r for r, _, _ in tree]
    assert roles.count("TD") == 2 * 41 + 1  # the corner, and two number cells a row
