"""Tables as first users of an English company report and a German foundation report wrote them:
group headings within a table, an income statement's running subtotals, a CSV file without rows,
changes across a change of sign, the rule above a grand total, the order of what stands under a
table, room between number columns, narrow text columns, a long table after a short paragraph, and
the hints for words and split numbers in number cells."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.platypus import SimpleDocTemplate

from report.build import build
from report.errors import Diagnostics
from report.layout.styles import MM, Styles, register_fonts
from report.layout.table import Cell, Column, DataTable, Row, TableData, column_widths, table_data
from report.load import parse_yaml
from report.locale import get_locale
from report.model import KeyFigure, ReadContext, Reader, Table
from report.theme import load_theme

from .conftest import ASSETS, ROOT, SAMPLE_CONTENT

STADTWERKE = ROOT / "tests" / "data" / "stadtwerke" / "content"


@pytest.fixture(scope="module")
def styles() -> Styles:
    theme, fonts = load_theme(SAMPLE_CONTENT, ASSETS)
    return Styles(theme, get_locale("en-GB"), "rgb", register_fonts(fonts))


@pytest.fixture
def utility(tmp_path) -> Path:
    shutil.copytree(STADTWERKE, tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    return tmp_path / "content"


def _table(yaml: str, tmp_path: Path, language: str = "en-GB") -> tuple[Table, Diagnostics]:
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path,
                      numbers=get_locale(language), language=language)
    diag = Diagnostics()
    return Reader(diag, ctx).read(parse_yaml(yaml), None, Table, "table"), diag


def _pdf(styles: Styles, data: TableData, width: float = 170 * MM) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, leftMargin=20 * MM, rightMargin=20 * MM)
    doc.build([DataTable(data, styles, column_widths(data, styles, width))])
    return buf.getvalue()


def _words(pdf: bytes) -> dict[str, tuple[float, float, float, float]]:
    """Each word of the first page with its box (left, bottom, right, top), first occurrence."""
    page = pdfium.PdfDocument(pdf)[0]
    text = page.get_textpage()
    whole = text.get_text_range()
    out: dict[str, tuple[float, float, float, float]] = {}
    at = 0
    for word in whole.split():
        at = whole.index(word, at)
        boxes = [text.get_charbox(i) for i in range(at, at + len(word))]
        out.setdefault(word, (min(b[0] for b in boxes), min(b[1] for b in boxes),
                              max(b[2] for b in boxes), max(b[3] for b in boxes)))
        at += len(word)
    return out


SEGMENTS = ("title: Revenue by segment\nalt: A\ncolumns: [{name: Segment}, {name: '2025', type: number, "
            "check_total: true}]\nrows:\n  - [Automotive, null]\n  - [Powertrain, 142.3]\n  - [Chassis, 88.1]\n"
            "  - {kind: subtotal, cells: [Automotive subtotal, 230.4]}\n  - [Industrial, null]\n"
            "  - [Hydraulics, 97.5]\n  - {kind: total, cells: [Group total, 327.9]}\n")


# 1. group rows

def test_a_group_row_stays_in_place_with_space_above(styles, tmp_path):
    table, diag = _table(SEGMENTS + "row_kinds: {Automotive: group, Industrial: group}\n", tmp_path)
    assert not diag.items
    assert [r.kind for r in table.table] == ["group", "body", "body", "subtotal", "group", "body", "total"]
    words = _words(_pdf(styles, table_data(table, get_locale("en-GB"))))
    top = {w: words[w][3] for w in ("Segment", "Automotive", "Powertrain", "subtotal", "Industrial", "Hydraulics")}
    # in the order written, not moved up to the header
    assert top["Segment"] > top["Automotive"] > top["Powertrain"] > top["subtotal"] > top["Industrial"] \
        > top["Hydraulics"]
    row = top["Powertrain"] - words["Chassis"][3]
    assert top["subtotal"] - top["Industrial"] > row * 1.5  # space above the group heading
    assert words["Automotive"][0] == pytest.approx(words["Powertrain"][0], abs=1.5)


def test_a_header_row_below_other_rows_warns_and_names_the_group_kind(tmp_path):
    _, diag = _table(SEGMENTS + "row_kinds: {Automotive: header, Industrial: header}\n", tmp_path)
    assert [d.format() for d in diag.items] == [
        "<content>:12:33: warning: table 'Revenue by segment': the header row 'Industrial' stands below other "
        "rows, but header rows print at the top of the table (and of every page it runs onto)\n  hint: for a "
        "heading of the rows below it, which stays in place, write row_kinds: {Industrial: group}"]


def test_a_group_row_with_values_is_an_error(tmp_path):
    _, diag = _table(SEGMENTS.replace("[Industrial, null]", "[Industrial, 5]")
                     + "row_kinds: {Automotive: group, Industrial: group}\n", tmp_path)
    assert [d.message for d in diag.errors] == [
        "table 'Revenue by segment': the group row 'Industrial' has values; a group row is a heading within "
        "the table and holds only its label"]


def test_a_group_row_may_give_its_label_alone(tmp_path):
    """Its other cells are empty: an income statement's 'Income' and 'Expenditure' had to be written
    [Income, "", "", ""] (a one-cell row was an error). A one-cell row that is no group row is still one,
    its hint naming the group row's short form."""
    yaml = ("title: I&E\nalt: A\ncolumns: [{name: ''}, {name: Note}, {name: '2025/26', type: currency}, "
            "{name: '2024–25', type: currency}]\nrow_kinds: {Expenditure: group}\nrows:\n"
            "  - {kind: group, cells: [Income]}\n  - [Tuition fees, '1', 631.3, 612.0]\n"
            "  - [Expenditure]\n  - [Staff costs, '7', 731.9, 705.3]\n")
    table, diag = _table(yaml, tmp_path)
    assert not diag.items, [d.format() for d in diag.items]
    assert [r.kind for r in table.table] == ["group", "body", "group", "body"]
    data = table_data(table, get_locale("en-GB"))
    assert [[c.text for c in r.cells] for r in data.rows if r.kind == "group"] == [["Income", "", "", ""],
                                                                                    ["Expenditure", "", "", ""]]
    _, diag = _table(yaml + "  - [Other]\n", tmp_path)
    assert [d.format() for d in diag.items] == [
        "<content>:10:5: error: table 'I&E': row 5 has 1 cells but the table has 4 columns to fill\n  hint: give "
        "one cell per column (computed columns excepted); a group row (a heading within the table) may give its "
        "label alone: {kind: group, cells: [Other]}"]


def test_a_misspelt_row_kind_or_row_name_gets_the_closest(tmp_path):
    """row_units said 'did you mean …?' where row_kinds, a note's row and a row's kind did not."""
    yaml = SEGMENTS.replace("{kind: total, cells: [Group total", "{kind: totl, cells: [Group total")
    _, diag = _table(yaml + "row_kinds: {Automotiv: group}\nnotes: [{row: Hydraulic, column: '2025', text: n}]\n",
                     tmp_path)
    assert [d.hint for d in diag.items] == [
        "did you mean 'total'? (known: header, group, body, subtotal, total)",
        "did you mean 'Automotive'? (a row is named by the text of its first cell)",
        "did you mean 'Hydraulics'? (a row is named by the text of its first cell)"]


# 2. running subtotals

STATEMENT = ("title: Income statement\nalt: A\ncolumns: [{name: £m}, {name: '2025', type: currency, "
             "check_total: true}]\nrows:\n  - [Revenue, 412.7]\n  - [Cost of sales, -301.4]\n"
             "  - {kind: subtotal, cells: [Gross profit, 111.3]}\n  - [Distribution costs, -22.6]\n"
             "  - [Administrative expenses, -41.9]\n  - {kind: subtotal, cells: [Operating profit, OP]}\n"
             "  - [Net finance costs, -3.2]\n  - {kind: subtotal, cells: [Profit before tax, 43.6]}\n"
             "  - [Taxation, -10.9]\n  - {kind: total, cells: [Profit for the year, 32.7]}\n")


def test_a_subtotal_may_go_on_from_the_subtotal_before_it(tmp_path):
    _, diag = _table(STATEMENT.replace("OP", "46.8"), tmp_path)
    assert not diag.items


def test_a_wrong_running_subtotal_names_both_sums_and_an_english_rounding_note(tmp_path):
    _, diag = _table(STATEMENT.replace("OP", "46.9").replace("43.6", "43.7"), tmp_path)
    assert [d.message for d in diag.warnings] == [
        "table 'Income statement': column '2025': the subtotal 46.9 is neither the sum of the 2 rows since the "
        "previous subtotal = \u221264.5, nor that subtotal plus them = 46.8"]
    assert diag.warnings[0].hint == ("correct the total or the rows; if rows are rounded, set rounding_note: "
                                     "Differences due to rounding")
    _, diag = _table(STATEMENT.replace("OP", "46.9"), tmp_path, "de-DE")
    assert "set rounding_note: Differenzen durch Rundung" in diag.warnings[0].hint


RESULT = ("title: Finanzen\nalt: A\ncolumns: [{name: Posten}, {name: '2025', type: currency, check_total: true}]\n"
          "rows:\n  - [Spenden, 1800]\n  - [Zuschüsse, 600]\n  - {kind: subtotal, cells: [Einnahmen, 2400]}\n"
          "  - [Projekte, 2000]\n  - [Verwaltung, 360]\n  - {kind: subtotal, cells: [Ausgaben, 2360]}\n"
          "  - {kind: total, cells: [Jahresergebnis, RESULT]}\n")


def test_a_total_after_income_and_expenses_may_be_their_result(tmp_path):
    """A foundation's Jahresergebnis (Einnahmen − Ausgaben, both written positive) was checked against
    all rows added up (4.760) and told to add a rounding note."""
    _, diag = _table(RESULT.replace("RESULT", "40"), tmp_path, "de-DE")
    assert not diag.items, [d.message for d in diag.items]
    _, diag = _table(RESULT.replace("RESULT", "4760"), tmp_path, "de-DE")  # all of them added: a total too
    assert not diag.items
    _, diag = _table(RESULT.replace("RESULT", "50"), tmp_path, "de-DE")
    assert [d.message for d in diag.warnings] == [
        "table 'Finanzen': column '2025': the total 50 is neither the sum of the 4 rows above it = 4.760, nor the "
        "first subtotal minus the others = 40"]


SOFA = ("title: SOFA\nalt: A\ncolumns: [{name: Item}, {name: '2026', type: currency, check_total: true}]\n"
        "negatives: brackets\nrows:\n  - [Donations, 1200]\n  - [Grants, 800]\n"
        "  - {kind: subtotal, cells: [Total income, 2000]}\n  - [Charitable activities, 1900]\n"
        "  - {kind: subtotal, cells: [Total expenditure, 1900]}\n  - {kind: total, cells: [Net income, 100]}\n"
        "  - [Transfers between funds, '(30)']\n  - {kind: total, cells: [Net movement in funds, 70]}\n"
        "  - [Total funds brought forward, 1500]\n  - {kind: total, cells: [Total funds carried forward, CF]}\n")


def test_a_total_may_go_on_from_the_total_before_it(tmp_path):
    """A UK charity's statement of financial activities: net movement = net income + transfers, carried
    forward = brought forward + net movement. Eight false warnings a build, with a rounding note
    suggested for 18,000; the only way out was to switch the check off."""
    _, diag = _table(SOFA.replace("CF", "1570"), tmp_path, "en-GB")
    assert not diag.items, [d.message for d in diag.items]
    _, diag = _table(SOFA.replace("CF", "1580"), tmp_path, "en-GB")
    (found,) = diag.warnings
    assert found.message == ("table 'SOFA': column '2026': the total 1,580 is neither the sum of the 1 row above it "
                             "= 1,500, nor the previous total plus the rows since = 1,570")
    assert found.hint == "correct the total or the rows"  # 10 off, not a rounding of two amounts


# 3. a CSV file with a header row only

def test_a_csv_file_without_rows_is_an_error_at_the_file(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "items.csv").write_text("Item,2025,2024\n", encoding="utf-8")
    _, diag = _table("title: Items\nalt: A\ndata: data/items.csv\ncolumns: [{name: Item}, "
                     "{name: '2025', type: number}, {name: '2024', type: number}]\n", tmp_path)
    assert [(d.pos.line, d.pos.col, d.message, d.hint) for d in diag.errors] == [
        (1, 1, "table 'Items': data/items.csv has a header row but no rows",
         "write one line per table row under the header row, e.g. Revenue,12.5,13.5")]
    assert str(diag.errors[0].pos.file).endswith("items.csv")


# 4. changes that say nothing

@pytest.mark.parametrize(("language", "mark"), [("en-GB", "n/m"), ("de-DE", "n. a.")])
def test_a_change_across_a_change_of_sign_prints_not_meaningful(tmp_path, language, mark):
    table, diag = _table(
        "title: T\nalt: A\ncolumns: [{name: A}, {name: '2024', type: number}, {name: '2025', type: number}, "
        "{name: C, type: percent, change: ['2024', '2025']}]\nrows:\n  - [Net debt, -4.1, 12.5]\n"
        "  - [Loss, -4, -3]\n  - [Profit, 10, -2]\n  - [New, 0, 5]\n  - [Gone, 3, null]\n  - [Revenue, 398.2, 412.7]\n"
        "  - [Nothing, null, null]\n", tmp_path, language)
    assert not diag.items
    data = table_data(table, get_locale(language))
    shown = [r.cells[3].text for r in data.rows]
    plus = "+25.0" if language == "en-GB" else "+25,0"
    assert shown == [mark, plus, mark, mark, mark, "+3.6" if language == "en-GB" else "+3,6", ""]


# 5. the rule above a grand total

def _horizontal_rules(pdf: bytes) -> list[tuple[float, float]]:
    """(y, line width) of every horizontal line the page strokes."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        width, start, out = 1.0, None, []
        for operands, op in pikepdf.parse_content_stream(doc.pages[0]):
            name = str(op)
            if name == "w":
                width = float(operands[0])
            elif name == "m":
                start = (float(operands[0]), float(operands[1]))
            elif name == "l" and start and abs(float(operands[1]) - start[1]) < 0.01:
                out.append((round(start[1], 2), width))
        return out


def test_a_total_has_a_double_rule_a_subtotal_a_single_one(styles):
    cols = [Column("Segment", row_header=True), Column("2025", "decimal")]
    rows = [Row([Cell("A"), Cell("1.0")]), Row([Cell("B"), Cell("2.0")]), Row([Cell("Sub"), Cell("3.0")], "subtotal"),
            Row([Cell("C"), Cell("4.0")]), Row([Cell("Total"), Cell("7.0")], "total")]
    rules = _horizontal_rules(_pdf(styles, TableData(cols, rows, ".")))
    # top down: under the header; between A, B; above Sub; between Sub, C; above Total (two); under the table
    assert [w for _, w in rules] == [0.6, 0.25, 0.25, 0.25, 0.4, 0.4, 0.6]
    assert rules[4][0] - rules[5][0] == pytest.approx(1.2)


# 6. what stands under a table

def test_caption_then_notes_then_source_under_a_table_as_under_a_chart(utility):
    result = build(utility, utility.parent / "out", ["screen"])
    pages = [" ".join(p.get_textpage().get_text_range().split())
             for p in pdfium.PdfDocument(str(result.outputs[0].path))]
    text = next(t for t in pages if "Investitionen nach Sparten" in t)
    caption, note, source = (text.index(s) for s in ("Investitionen der Stadtwerke", "¹ ohne geförderte",
                                                      "Quelle: Stadtwerke"))
    assert caption < note < source, text


# 7. room between number columns

def test_wide_numbers_in_neighbouring_columns_keep_an_ems_room_apart(styles):
    cols = [Column("Position", row_header=True), Column("2024", "decimal", "€"), Column("2025", "decimal", "€")]
    rows = [Row([Cell("Spenden"), Cell("612.450,30"), Cell("734.118,42")]),
            Row([Cell("Summe"), Cell("1.102.340,00"), Cell("1.284.560,12")], "total")]
    words = _words(_pdf(styles, TableData(cols, rows, ","), width=100 * MM))
    size = styles.theme.sizes.body - 1
    assert words["1.284.560,12"][0] - words["1.102.340,00"][2] >= 1.4 * size


# 8. a text column never narrower than its longest word

def test_a_narrow_text_column_keeps_its_longest_word_whole(styles):
    cols = [Column("Measure", row_header=True), Column("Unit"),
            *[Column(str(y), "decimal") for y in range(2021, 2026)], Column("Change", "decimal", "%"),
            Column("CAGR", "decimal", "%"), Column("Target", "decimal")]
    rows = [Row([Cell("Capital expenditure"), Cell("£m"), *[Cell("14.2")] * 5, Cell("+36.3"), Cell("19.4"),
                 Cell("30")]),
            Row([Cell("Employees"), Cell("number"), *[Cell("1,012")] * 5, Cell("+4.3"), Cell("5.4"), Cell("1,300")])]
    text = pdfium.PdfDocument(_pdf(styles, TableData(cols, rows, "."))).get_page(0).get_textpage().get_text_range()
    assert "number" in text.split(), text


# 9. a long table after a short paragraph

def test_a_table_longer_than_a_page_starts_under_the_paragraph_before_it(utility):
    csv = utility / "data" / "investitionen.csv"
    rows = "".join(f"Anlage {i};{i},5;{i + 1},25\r\n" for i in range(1, 81))
    csv.write_text(f"Sparte;2024;2025\r\n{rows}".replace(".", ","), encoding="utf-8")
    sec = utility / "sections" / "02-investitionen.yaml"
    text = sec.read_text(encoding="utf-8").replace("row: Digitalisierung", "row: Anlage 7")
    text = text.replace("      row_kinds:\n        Summe: total\n", "")  # 80 plain rows, no total
    text = text.replace("kind: text\n", "kind: text\npage: new\n")
    sec.write_text(text, encoding="utf-8")
    result = build(utility, utility.parent / "out", ["screen"])
    pages = [" ".join(p.get_textpage().get_text_range().split())
             for p in pdfium.PdfDocument(str(result.outputs[0].path))]
    first = next(i for i, t in enumerate(pages) if "Wir haben 87,3" in t)
    assert "Investitionen nach Sparten" in pages[first] and "Anlage 1 " in pages[first], pages[first]


# 10. hints for words and split numbers in number cells

def test_a_word_in_a_number_cell_is_told_how_to_write_no_value(tmp_path):
    _, diag = _table("title: T\nalt: A\ncolumns: [{name: A}, {name: B, type: number}]\nrows:\n  - [Revenue, tbc]\n",
                     tmp_path)
    assert [(d.message, d.hint) for d in diag.errors] == [
        ("table 'T': column 'B': 'tbc' is not a number", "write the number in digits, e.g. 20; for no value write "
         "– (prints a dash), n/a (not applicable, prints as written) or leave the cell empty (prints nothing)")]


def test_a_thousands_comma_in_an_unquoted_row_is_told_to_quote_the_number(tmp_path):
    _, diag = _table("title: T\nalt: A\ncolumns: [{name: A}, {name: '2025', type: number}, {name: '2024', "
                     "type: number}]\nrows:\n  - [Revenue, 1,250, 398.2]\n", tmp_path)
    assert [d.message for d in diag.errors] == ["table 'T': row 1 has 4 cells but the table has 3 columns to fill"]
    assert diag.errors[0].hint.endswith('; the comma in 1,250 splits it into two cells: quote it, "1,250", or '
                                        "write 1250")


def test_a_comma_in_a_text_cell_is_told_to_quote_the_text_and_no_sum_is_checked(tmp_path):
    """A US user's [Purchased goods (modules, batteries, steel), 182400, 241800] got "give one cell per
    column" and three warnings that the total below was not the sum of the rows it could still read."""
    head = ("title: T\nalt: A\ncolumns: [{name: A}, {name: B, type: number, check_total: true}]\n"
            "row_kinds: {Total: total}\nrows:\n")
    _, diag = _table(head + "  - [Goods (modules, batteries, steel), 18]\n  - [Fuel, 4]\n  - [Total, 22]\n", tmp_path)
    assert [d.message for d in diag.errors] == ["table 'T': row 1 has 4 cells but the table has 2 columns to fill"]
    assert diag.errors[0].hint.endswith("so 'Goods (modules, batteries, steel)' became 3: quote the text, "
                                        '"Goods (modules, batteries, steel)"'), diag.errors[0].hint
    assert not diag.warnings, [w.message for w in diag.warnings]
    _, diag = _table(head + "  - [Goods, services, 18]\n  - [Total, 18]\n", tmp_path)
    assert diag.errors[0].hint.endswith('quote a text that holds one, e.g. "Goods, services"'), diag.errors[0].hint


def test_a_change_of_a_misnamed_column_says_which_columns_there_are(tmp_path):
    """`name: FY 2025` but `change: [FY2024, FY2025]`: the message said 'not a number column'."""
    _, diag = _table("title: T\nalt: A\ncolumns: [{name: A}, {name: FY2024, type: number}, {name: FY 2025, type: "
                     "number}, {name: Change, type: percent, change: [FY2024, FY2025]}]\nrows:\n  - [X, 1, 2]\n",
                     tmp_path)
    assert [(d.message, d.hint) for d in diag.errors] == [
        ("table 'T': column 'Change' computes the change of 'FY2025', which is not a column of this table",
         "did you mean 'FY 2025'? (known: FY2024, FY 2025)")]
    # a hyphen typed where the column's name has an en dash (pasted from a spreadsheet): they look alike
    _, diag = _table("title: T\nalt: A\ncolumns: [{name: A}, {name: 2024–25, type: number}, {name: 2025/26, type: "
                     "number}, {name: Change, type: percent, change: [2024-25, 2025/26]}]\nrows:\n  - [X, 1, 2]\n",
                     tmp_path)
    assert [d.hint for d in diag.errors] == [
        "did you mean '2024–25'? It is written with an en dash '–' (known: 2024–25, 2025/26)"]


def test_a_german_amount_split_by_its_comma_is_told_to_quote_the_number(tmp_path):
    _, diag = _table("title: T\nalt: A\ncolumns: [{name: A}, {name: B, type: number}]\nrows:\n"
                     "  - [Spenden, 1.250,5]\n", tmp_path, "de-DE")
    assert diag.errors[0].hint.endswith('; the comma in 1.250,5 splits it into two cells: quote the number, '
                                        '"1.250,5"'), diag.errors[0].hint


def test_the_row_labels_column_may_have_no_heading(tmp_path):
    """UK accounts print no heading over the row labels: `name: ""` was 'text is empty', and Excel's
    empty first header cell 'a column has no name'. Only the first column may have none."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sofa.csv").write_text(',Unrestricted,Total\nDonations,"1,200","1,500"\n', encoding="utf-8")
    table, diag = _table("title: T\nalt: A\ndata: data/sofa.csv\ncolumns: [{name: ''}, "
                         "{name: Unrestricted, type: currency}, {name: Total, type: currency}]\n", tmp_path)
    assert not diag.items, [d.message for d in diag.items]
    data = table_data(table, get_locale("en-GB"))
    assert [c.label for c in data.columns][:2] == ["", "Unrestricted"] and data.rows[0].cells[0].text == "Donations"
    _, diag = _table("title: T\nalt: A\ncolumns: [{name: Item}, {name: '', type: number}]\nrows: [[a, 1]]\n", tmp_path)
    assert [d.message for d in diag.items] == ["table 'T': only the first column, the row labels, may have no heading"]


# 11. costs in brackets: the sign of their change

COSTS = ("title: Income\nalt: A\nnegatives: parentheses\ncolumns: [{name: ''}, {name: FY2026, type: currency}, "
         "{name: FY2025, type: currency}, {name: '% change', type: percent, change: [FY2025, FY2026]OF}]\nrows:\n"
         "  - [Net sales, '412,580', '369,104']\n  - [Cost of sales, '(301,402)', '(273,870)']\n"
         "  - [Income tax expense, '(8,790)', '(3,580)']\n  - [Loss of a venture, -3, -4]\n")


def test_a_change_of_costs_in_brackets_warns_until_the_column_says_how_it_is_meant(tmp_path):
    """Costs written as accounts write them: their change printed −10.1 though they grew 10.1 %
    (the signed values fell). Once per column a warning names both results; `change_of` chooses."""
    _, diag = _table(COSTS.replace("OF", ""), tmp_path, "en-US")
    (w,) = diag.items
    assert (w.severity, w.message, w.hint) == (
        "warning", "table 'Income': column '% change': 'Cost of sales' goes from (273,870) to (301,402) and its "
        "change prints as −10.1: the signed values fell, the amounts as printed grew",
        "add change_of: amounts to the column for +10.1, the change of the amounts as annual reports show it; "
        "or change_of: values to keep −10.1")
    for of, shown in ((", change_of: values", ["+11.8", "−10.1", "−145.5", "+25.0"]),
                      (", change_of: amounts", ["+11.8", "+10.1", "+145.5", "−25.0"])):
        table, diag = _table(COSTS.replace("OF", of), tmp_path, "en-US")
        assert diag.items == []
        assert [r.cells[3].text for r in table_data(table, get_locale("en-US")).rows] == shown


def test_change_of_on_a_column_that_computes_nothing_is_an_error(tmp_path):
    _, diag = _table("title: T\nalt: A\ncolumns: [{name: A}, {name: B, type: number, change_of: amounts}]\n"
                     "rows:\n  - [X, 1]\n", tmp_path)
    (e,) = diag.items
    assert (e.message, e.hint) == ("table 'T': column 'B' has change_of but computes no change",
                                   "add change: [first column, second column], or leave change_of out")


def test_parentheses_read_as_brackets_in_a_key_figure(tmp_path):
    """`negatives: parentheses`, the US word for brackets, was 'not one of minus, brackets' (once per
    table or tile); it reads as brackets wherever `negatives:` is (tables: test_table_statements)."""
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path)
    diag = Diagnostics()
    figure = Reader(diag, ctx).read(parse_yaml("value: -3.5\nlabel: deficit\nnegatives: parentheses\n"), None,
                                    KeyFigure, "figure")
    assert diag.items == [] and figure.negatives == "brackets"


def test_a_header_row_of_years_over_number_columns_prints_them_as_written(styles, tmp_path):
    """A header row (row_kinds: header) whose cells are years stood over number columns, which read them as
    numbers and grouped them: 'Bereich 2.024 2.025' (a German agency's table). A header row's cells are
    headings, printed as written."""
    yaml = ("title: Ausgaben\nalt: A\ncolumns: [{name: ''}, {name: A, type: number}, {name: B, type: number}]\n"
            "row_kinds: {Bereich: header}\nrows:\n  - [Bereich, 2024, 2025]\n  - [Personal, 12345, 13210]\n")
    table, diag = _table(yaml, tmp_path, language="de-DE")
    assert not diag.items, [d.format() for d in diag.items]
    data = table_data(table, get_locale("de-DE"))
    texts = [[c.text for c in r.cells] for r in data.rows]
    assert ["Bereich", "2024", "2025"] in texts and ["Personal", "12.345", "13.210"] in texts, texts
    words = " ".join(w[0] if isinstance(w, tuple) else str(w) for w in _words(_pdf(styles, data)))
    assert "2.024" not in words and "2024" in words
