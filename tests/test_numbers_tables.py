"""Numbers print as written, key figures with units and changes, tables from YAML and CSV:
the issue's review (seven key figures, a five-row investment table with a sum from a semicolon
CSV) built end to end, and each bad input with its message."""

from __future__ import annotations

import ctypes
import re
import shutil
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from report.build import build
from report.cli import main
from report.theme import load_theme

from .conftest import ASSETS, ROOT
from .test_e2e import extract_text
from .test_tagging import _actual_texts, _walk

STADTWERKE = ROOT / "tests" / "data" / "stadtwerke" / "content"


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    base = tmp_path_factory.mktemp("stadtwerke")
    shutil.copytree(STADTWERKE, base / "content")
    shutil.copytree(ASSETS, base / "assets")
    out = base / "out"
    result = build(base / "content", out)
    return result, {o.edition: o.path for o in result.outputs}


@pytest.fixture
def utility(tmp_path) -> Path:
    """A writable copy of the review's project; returns its content folder."""
    shutil.copytree(STADTWERKE, tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    return tmp_path / "content"


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def test_review_builds_without_warnings_and_prints_every_number_as_written(review):
    result, paths = review
    assert result.warnings == []
    for edition in ("print", "screen"):
        text = _flat(extract_text(paths[edition]))
        for shown in ("99,98 %", "61,4 %", "87,3 Mio. €", "48.250", "12,8 km", "2,25 MWp", "31,0 GWh",
                      "+0,01 %-Pkt. ggü. Vorjahr", "+2,5 %-Pkt. ggü. Vorjahr", "−4,3 % ggü. Vorjahr",
                      "−1.950 ggü. Vorjahr", "+33,3 % ggü. Vorjahr", "+50,0 % ggü. Vorjahr",
                      "unverändert ggü. Vorjahr"):
            assert shown in text, (edition, shown)
        # the table: five rows and the sum from the semicolon CSV, decimal commas read as such
        for row in ("Stromnetz 31,2 28,4 −9,0", "Gasnetz 12,5 10,1 −19,2", "Wasser 18,0 21,7 +20,6",
                    "Fernwärme 22,3 19,8 −11,2", "Digitalisierung 7,2 7,3¹ +1,4", "Summe 91,2 87,3 −4,3"):
            assert row in text, (edition, row)
        assert "¹ ohne geförderte Projekte" in text


def test_screen_edition_announces_the_table_headers(review):
    _, paths = review
    with pikepdf.open(paths["screen"]) as pdf:
        found = []

        def walk(elem, depth=0):
            found.append((str(elem.S)[1:], elem))
            kids = elem.get("/K", [])
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    walk(kid, depth + 1)

        walk(pdf.Root.StructTreeRoot.K)
        roles = [r for r, _ in found]
        assert roles.count("Table") == 1 and "THead" in roles and "TBody" in roles
        table = next(e for r, e in found if r == "Table")
        assert "Investitionen nach Sparten" in str(table.Alt)
        heads = [e for r, e in found if r == "TH" and e.A.Scope == "/Column"]
        assert len(heads) == 4 and all(e.A.O == "/Table" for e in heads)
        assert len([e for r, e in found if r == "TH" and e.A.Scope == "/Row"]) == 6
        assert roles.count("TD") == 6 * 3
        # each tile reads as one sentence, with the change in words
        alts = [str(e.Alt) for r, e in found if r == "Figure" and "/Alt" in e]
        assert any("61,4\u00a0% Anteil Ökostrom; 2,5 Prozentpunkte mehr als im Vorjahr (Vorjahr: 58,9\u00a0%)" in a
                   for a in alts), alts


def test_a_table_title_is_set_as_its_label_and_tagged_as_its_caption(review):
    """A new user: 'a table title looks exactly like a sub-heading' (both were h2: 14 pt, bold, in the
    primary colour). It is the label of the table: bold at the theme's sizes.figure_title, in the ink
    colour, close above the column headings; and in the screen edition the Table's Caption, its first
    kid (ISO 32000-1, 14.8.4.3.4), not a heading."""
    _, paths = review
    theme, _ = load_theme(STADTWERKE, ASSETS)
    title = "Investitionen nach Sparten"
    seen = {}
    for edition in ("print", "screen"):  # (the screen edition's boxes are those of its /ActualText)
        pdf = pdfium.PdfDocument(str(paths[edition]))
        try:
            tp = next(p for p in pdf if title in p.get_textpage().get_text_range()).get_textpage()
            text = tp.get_text_range()
            at = text.index(title)
            head = text.index("Sparte", at + len(title))  # the first column's heading, right under the title
            rgb = [ctypes.c_uint() for _ in range(4)]
            pdfium_c.FPDFText_GetFillColor(tp.raw, at, *(ctypes.byref(c) for c in rgb))
            seen[edition] = ({round(pdfium_c.FPDFText_GetFontSize(tp.raw, i), 2) for i in range(at, at + len(title))},
                             tp.get_charbox(at)[1] - tp.get_charbox(head)[3], "#{:02x}{:02x}{:02x}".format(
                                 *(c.value for c in rgb[:3])))
        finally:
            pdf.close()
    sizes, gap, _ = seen["print"]
    assert sizes == {theme.sizes.figure_title} and theme.sizes.figure_title < theme.sizes.h2
    assert 0 < gap < theme.sizes.figure_title * 1.2  # close above the table: its baseline to their capitals
    assert seen["screen"][2] == theme.colour("ink").rgb.lower()
    with pikepdf.open(paths["screen"]) as tagged:
        pages = {p.obj.objgen: i for i, p in enumerate(tagged.pages)}
        found = _walk(tagged.Root.StructTreeRoot.K, pages, [])
        texts = _actual_texts(tagged)
    said = [(role, depth, " ".join(texts.get(m, "") for m in mcids)) for role, _e, _p, mcids, depth in found]
    at = next(i for i, (role, *_) in enumerate(said) if role == "Table")
    kids = [(role, text) for role, depth, text in said[at + 1:] if depth == said[at][1] + 1]
    assert [role for role, _ in kids] == ["Caption", "THead", "TBody"] and kids[0][1] == title
    assert [role for role, _d, text in said if text == title] == ["Caption"]  # not a heading


def _build(content: Path, capsys) -> tuple[int, str]:
    code = main(["build", str(content), "-o", str(content.parent / "out"), "--edition", "screen"])
    return code, capsys.readouterr().err


def test_thousands_separator_trap_is_an_error_at_its_place(utility, capsys):
    kf = utility / "sections" / "01-zahlen.yaml"
    kf.write_text(kf.read_text(encoding="utf-8").replace('value: "48.250"', "value: 48.250"), encoding="utf-8")
    sec = utility / "sections" / "02-investitionen.yaml"
    sec.write_text(sec.read_text(encoding="utf-8").replace(
        "      data: data/investitionen.csv\n",
        "      rows:\n        - [Stromnetz, 1.500, 28.4]\n        - [Summe, 1500, 28.4]\n"), encoding="utf-8")
    code, err = _build(utility, capsys)
    assert code == 2 and "Traceback" not in err
    line = next(i for i, s in enumerate(kf.read_text(encoding="utf-8").splitlines(), 1) if "48.250" in s)
    assert f"01-zahlen.yaml:{line}:12: error: " in err and "value: 48.250 reads as 48,25" in err
    assert "for the whole number write 48250 or quote it as '48.250'" in err
    assert "02-investitionen.yaml:" in err and "column '2024': 1.500 reads as 1,5" in err


def test_a_total_that_is_not_the_sum_warns_at_its_csv_cell(utility):
    csv = utility / "data" / "investitionen.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Summe;91,2;87,3", "Summe;91,2;88,3"), encoding="utf-8")
    result = build(utility, utility.parent / "out", ["screen"])
    assert [w.format() for w in result.warnings] == [
        f"{csv}:7:12: warning: table 'Investitionen nach Sparten': column '2025': the total 88,3 is not the sum "
        "of the 5 rows above it = 87,3\n  hint: correct the total or the rows"]  # 1,0 off: no rounding of 5 rows
    csv.write_text(csv.read_text(encoding="utf-8").replace("Summe;91,2;88,3", "Summe;91,2;87,4"), encoding="utf-8")
    (found,) = build(utility, utility.parent / "out", ["screen"]).warnings
    assert found.hint == ("correct the total or the rows; if rows are rounded, set rounding_note: Differenzen "
                          "durch Rundung")


def test_a_rounding_note_accepts_totals_that_differ_by_rounding(utility):
    csv = utility / "data" / "investitionen.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Summe;91,2;87,3", "Summe;91,2;87,4"), encoding="utf-8")
    sec = utility / "sections" / "02-investitionen.yaml"
    sec.write_text(sec.read_text(encoding="utf-8").replace(
        "      row_kinds:", "      rounding_note: Differenzen durch Rundung\n      row_kinds:"), encoding="utf-8")
    result = build(utility, utility.parent / "out", ["screen"])
    assert result.warnings == []
    assert "Differenzen durch Rundung" in extract_text(result.outputs[0].path)


def test_decimals_that_drop_digits_warn_with_both_values(utility):
    kf = utility / "sections" / "01-zahlen.yaml"
    text = kf.read_text(encoding="utf-8").replace("    label: Versorgungssicherheit Strom",
                                                  "    decimals: 1\n    label: Versorgungssicherheit Strom")
    kf.write_text(text, encoding="utf-8")
    result = build(utility, utility.parent / "out", ["screen"])
    messages = [w.format() for w in result.warnings]
    assert messages[0].startswith(f"{kf}:4:12: warning: key figure value 99.98 prints as 100,0 with decimals: 1")
    assert "set decimals: 2" in messages[0]
    assert "100,0 %" in _flat(extract_text(result.outputs[0].path))


def test_a_bad_csv_cell_is_named_by_file_row_and_column(utility, capsys):
    csv = utility / "data" / "investitionen.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Gasnetz;12,5", "Gasnetz;zwölf"), encoding="utf-8")
    code, err = _build(utility, capsys)
    assert code == 2
    assert "investitionen.csv:3:9: error: table 'Investitionen nach Sparten': column '2024': 'zwölf' is not a number" \
        in err


def test_decimal_commas_in_an_unquoted_row_are_explained(utility, capsys):
    sec = utility / "sections" / "02-investitionen.yaml"
    sec.write_text(sec.read_text(encoding="utf-8").replace(
        "      data: data/investitionen.csv\n", "      rows:\n        - [Stromnetz, 31,2, 28,4]\n"), encoding="utf-8")
    code, err = _build(utility, capsys)
    assert code == 2
    assert "row 1 has 5 cells but the table has 3 columns to fill" in err
    assert "a decimal comma in a list splits numbers" in err


def test_a_cell_with_two_decimal_commas_is_an_error_not_a_crash(utility, capsys):
    """'1,234,5' looks like a number in either notation and reads in neither: its hint tried the other
    notation, whose hint tried this one again — a RecursionError and a traceback."""
    csv = utility / "data" / "investitionen.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(";")
    lines[1] = ";".join([cells[0], "1,234,5", *cells[2:]])
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = _build(utility, capsys)
    assert code == 2 and "Traceback" not in err
    assert re.search(r"investitionen\.csv:2:\d+: error: .*'1,234,5' is not a number", err), err


def test_a_table_wider_than_the_column_names_its_widest_column(utility, capsys):
    sec = utility / "sections" / "02-investitionen.yaml"
    wide = "".join(f"        - {{name: 'Spalte {i}', type: number}}\n" for i in range(11))
    cells = ", ".join(["Summe"] + ["1234567890.123"] * 11)
    text = sec.read_text(encoding="utf-8")
    text = text[:text.index("      data:")] + f"      rows:\n        - [{cells}]\n      columns:\n" \
        "        - name: Sparte\n" + wide
    sec.write_text(text, encoding="utf-8")
    code, err = _build(utility, capsys)
    assert code == 2 and "Traceback" not in err
    assert re.search(r"02-investitionen\.yaml:\d+:\d+: error: table 'Investitionen nach Sparten' is \d+ mm wide at "
                     r"7 pt but the text column has 170 mm; the numbers of its 11 number columns alone need \d+ mm "
                     r"\(the widest, 'Spalte \d+': \d+ mm\)", err), err


def test_a_table_a_little_too_wide_is_set_smaller(utility, tmp_path):
    """Fourteen columns (a works and twelve months and the year) of four-digit numbers do not fit at
    the tables' size: they are set smaller, down to 7 pt, instead of being refused."""
    import pikepdf
    sec = utility / "sections" / "02-investitionen.yaml"
    months = ["Jan", "Feb", "Mar", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez", "Jahr"]
    cols = "".join(f"        - {{name: '{m}', type: number}}\n" for m in months)
    rows = "".join(f"        - [Werk {r}, {', '.join(['1.234,5'] * 13)}]\n".replace("1.234,5", '"1.234,5"')
                   for r in range(4))
    text = sec.read_text(encoding="utf-8")
    head = text[:text.index("      data:")]
    sec.write_text(f"{head}      rows:\n{rows}      columns:\n        - name: Werk\n{cols}", encoding="utf-8")
    result = build(utility, tmp_path / "out", ["screen"])
    with pikepdf.open(result.outputs[0].path) as pdf:
        sizes = {float(m) for page in pdf.pages for m in re.findall(rb"([\d.]+) Tf", page.Contents.read_bytes())}
    assert any(7 <= s < 8 for s in sizes), sizes  # the table's type, half-point steps below its 8.5 pt
    text = _flat(extract_text(result.outputs[0].path))
    assert "Werk 3 " + " ".join(["1.234,5"] * 13) in text


ROUND_TRIP = [  # (language, as written in YAML, as printed)
    ("de-DE", "99.98", "99,98"), ("de-DE", "31.0", "31,0"), ("de-DE", "5", "5"), ("de-DE", "2.25", "2,25"),
    ("de-DE", "1000", "1.000"), ("de-DE", "-1.5", "−1,5"), ("de-DE", '"48.250"', "48.250"),
    ("de-DE", '"61,4"', "61,4"), ("de-DE", '"−1,2"', "−1,2"), ("de-DE", "1234567.5", "1.234.567,5"),
    ("en-GB", "99.98", "99.98"), ("en-GB", "31.0", "31.0"), ("en-GB", "5", "5"), ("en-GB", "2.25", "2.25"),
    ("en-GB", "1000", "1,000"), ("en-GB", "-1.5", "−1.5"), ("en-GB", '"48,250"', "48,250"),
    ("en-GB", '"61.4"', "61.4"), ("en-GB", "48.250", "48.250"), ("en-GB", "1234567.5", "1,234,567.5"),
]


@pytest.mark.parametrize(("language", "written", "printed"), ROUND_TRIP)
def test_numbers_print_as_written_in_key_figures_and_tables(language, written, printed, tmp_path):
    from report.errors import Diagnostics
    from report.figures import figure_text
    from report.layout.table import table_data
    from report.load import parse_yaml
    from report.locale import get_locale
    from report.model import KeyFigure, ReadContext, Reader, Table

    locale = get_locale(language)
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=locale)
    diag = Diagnostics()
    table = Reader(diag, ctx).read(parse_yaml(
        f"title: T\nalt: A\ncolumns: [{{name: A}}, {{name: B, type: number}}]\nrows:\n  - [a, {written}]\n"),
        None, Table, "table")
    assert diag.items == []
    assert table_data(table, locale).rows[0].cells[1].text == printed
    fig = Reader(diag, ctx).read(parse_yaml(f"value: {written}\nlabel: x\n"), None, KeyFigure, "figure")
    assert diag.items == []
    assert figure_text(fig, locale).value == printed


@pytest.mark.parametrize(("language", "unit", "prefix", "printed", "written"), [
    ("de-DE", "%", None, "61,4\u00a0%", "61.4"), ("en-GB", "%", None, "61.4%", "61.4"),
    ("de-DE", "Mio. €", None, "61,4\u00a0Mio.\u00a0€", "61.4"), ("en-GB", "m", "£", "£61.4m", "61.4"),
    ("en-GB", "km", None, "61.4\u00a0km", "61.4"),
    ("en-GB", "m", "£", "−£61.4m", "-61.4"), ("de-DE", "%", None, "−61,4\u00a0%", "-61.4"),
    ("en-GB", "p", None, "23.4p", "23.4"), ("en-GB", "x", None, "1.8x", "1.8"),  # pence, a multiple
    ("en-GB", "rd", None, "3rd", "3"), ("en-US", "th", None, "12th", "12"),  # a rank: it printed "3 rd"
    ("en-GB", "£m", None, "£412.7m", "412.7"), ("en-GB", "£m", None, "−£12.5m", "-12.5"),  # as charts take it
    ("en-US", "million", "$", "$412.6\u00a0million", "412.6"),  # a unit in words keeps its space after a currency
    ("en-US", "billion", "$", "−$1.2\u00a0billion", "-1.2"), ("en-US", "M", "$", "$412.6M", "412.6"),
    # German sets a sign before the amount apart from it, as a prefix or first in the unit: € 186,4 Mio.
    ("de-AT", "Mio.", "€", "€\u00a0186,4\u00a0Mio.", "186.4"),
    ("de-DE", "€ Mio.", None, "€\u00a0186,4\u00a0Mio.", "186.4"),
    ("de-CH", "Mio.", "CHF", "CHF\u00a0186.4\u00a0Mio.", "186.4"),
])
def test_key_figure_units_follow_the_language(language, unit, prefix, printed, written):
    """Negative figures too: the minus leads a currency ('−£61.4m', not '£−61.4m')."""
    from report.figures import figure_text
    from report.locale import get_locale
    from report.model import KeyFigure, Number

    fig = KeyFigure(value=Number.of(written), label="x", unit=unit, prefix=prefix)
    assert figure_text(fig, get_locale(language)).value == printed


def test_sixty_csv_rows_break_over_two_pages_with_the_header_repeated(utility):
    csv = utility / "data" / "investitionen.csv"
    rows = "".join(f"Anlage {i};{i},5;{i + 1},25\r\n" for i in range(1, 61))
    total_24 = sum(i + 0.5 for i in range(1, 61))
    total_25 = sum(i + 1.25 for i in range(1, 61))
    csv.write_text(f"Sparte;2024;2025\r\n{rows}Summe;{total_24:.1f};{total_25:.2f}\r\n".replace(".", ","),
                   encoding="utf-8")
    sec = utility / "sections" / "02-investitionen.yaml"
    sec.write_text(sec.read_text(encoding="utf-8").replace("row: Digitalisierung", "row: Anlage 7"), encoding="utf-8")
    result = build(utility, utility.parent / "out", ["screen"])
    assert result.warnings == []
    pdf = pdfium.PdfDocument(str(result.outputs[0].path))
    pages = [_flat(p.get_textpage().get_text_range()) for p in pdf]
    with_rows = [i for i, t in enumerate(pages) if "Anlage " in t]
    assert len(with_rows) == 2, with_rows
    for i in with_rows:
        assert "Sparte 2024 Mio. € 2025 Mio. € Veränderung %" in pages[i]
    # the part on the later page names its table above the header repeated
    assert "Investitionen nach Sparten (Fortsetzung) Sparte 2024" in pages[with_rows[1]]
    assert "(Fortsetzung)" not in pages[with_rows[0]]
    found = sorted(int(n) for i in with_rows for n in re.findall(r"Anlage (\d+) ", pages[i]))
    assert found == list(range(1, 61))
    assert "Summe 1.860,0 1.905,00 +2,4" in pages[with_rows[1]]


def test_column_decimals_that_drop_digits_warn_at_the_csv_cell(utility):
    sec = utility / "sections" / "02-investitionen.yaml"
    sec.write_text(sec.read_text(encoding="utf-8").replace(
        "          unit: Mio. €\n          check_total: true\n        - name: Veränderung",
        "          unit: Mio. €\n          decimals: 0\n        - name: Veränderung"), encoding="utf-8")
    csv = utility / "data" / "investitionen.csv"
    result = build(utility, utility.parent / "out", ["screen"])
    first = result.warnings[0].format()
    assert first.startswith(f"{csv}:2:16: warning: table 'Investitionen nach Sparten': column '2025': 28,4 prints "
                            "as 28 with decimals: 0 (and 5 more values of this column: 10,1 → 10, 21,7 → 22, "
                            "19,8 → 20, …)"), first
    assert len(result.warnings) == 1  # one for the column (every cell that loses a digit, the total too)


def test_a_character_the_font_lacks_in_a_csv_cell_is_named_there(utility, capsys):
    csv = utility / "data" / "investitionen.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Gasnetz;", "Gasnetz \U0001F525;"), encoding="utf-8")
    code, err = _build(utility, capsys)
    assert code == 2
    assert "investitionen.csv:3:1: error: value: the font Lato has no glyph for '\U0001F525' (U+1F525)" in err, err


@pytest.mark.parametrize(("subtotal", "total", "warned"), [(3, 7, []), (4, 7, ["Netze"]), (3, 8, ["Summe"])])
def test_subtotals_sum_their_group_and_totals_every_row(tmp_path, subtotal, total, warned):
    from report.errors import Diagnostics
    from report.load import parse_yaml
    from report.locale import get_locale
    from report.model import ReadContext, Reader, Table

    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=get_locale("de-DE"))
    diag = Diagnostics()
    table = Reader(diag, ctx).read(parse_yaml(
        "title: T\nalt: A\ncolumns: [{name: A}, {name: B, type: number, check_total: true}]\n"
        f"rows:\n  - [Strom, 1]\n  - [Gas, 2]\n  - {{kind: subtotal, cells: [Netze, {subtotal}]}}\n"
        f"  - [Wasser, 4]\n  - {{kind: total, cells: [Summe, {total}]}}\n"), None, Table, "table")
    assert [r.kind for r in table.table] == ["body", "body", "subtotal", "body", "total"]
    rows = {r.cells[1].pos.line: r.cells[0].value for r in table.table}
    assert [rows[w.pos.line] for w in diag.warnings] == warned
    assert not diag.errors


@pytest.mark.parametrize(("language", "value", "previous", "warned"), [
    ("en-GB", "48200", "39.750", "key figure 48,200: previous 39.750 makes a change of more than 1,000%"),
    ("de-DE", "48200", "39.75", "key figure 48.200: previous 39,75 makes a change of more than 1.000 %"),
    ("en-GB", "48200", "39750", None), ("en-GB", "4.4", "0.4", None),  # +1000 % exactly: no warning
    # the other way round: a fall to a hundredth or less (to nothing is a result: 0 accidents)
    ("en-GB", "3.9", "39750", "key figure 3.9: previous 39,750 makes a fall of 99% or more"),
    ("en-GB", "0", "12", None), ("en-GB", "1.2", "119", None),  # −99 % not reached: no warning
    # 1.240 for 1240 (a German thousands point in an English document): 1.24, a thousandth of previous
    ("en-GB", "'1.240'", "1105", "key figure 1.240 is 1.24 here ('.' is this document's decimal mark), a "
                                 "thousandth of previous 1,105"),
])
def test_a_change_of_more_than_tenfold_warns_at_previous(language, value, previous, warned, tmp_path):
    """`previous: 39.750` (a European thousands point in an English document) is 39.75: the tile
    printed "+121,157.9% vs. previous year", silently. A change above 1000 % warns at `previous`."""
    from report.errors import Diagnostics
    from report.load import parse_yaml
    from report.locale import get_locale
    from report.model import KeyFigure, ReadContext, Reader

    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=get_locale(language),
                      language=language)
    diag = Diagnostics()
    raw = parse_yaml(f"value: {value}\nprevious: {previous}\nlabel: customers\n")
    Reader(diag, ctx).read(raw, raw.pos, KeyFigure, "figure")
    found = [d.message for d in diag.items]
    assert found == ([] if warned is None else [warned])


def test_a_semicolon_csv_table_in_an_english_document(tmp_path):
    """The table reads a `;` export's decimal commas in an English document and prints the numbers in
    English notation (the same numbers, with their decimals as written)."""
    from report.errors import Diagnostics
    from report.layout.table import table_data
    from report.load import parse_yaml
    from report.locale import get_locale
    from report.model import ReadContext, Reader, Table

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "t.csv").write_text("Item;2025\nRevenue;1.301,40\nCosts;-412,7\n", encoding="utf-8")
    locale = get_locale("en-GB")
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=locale,
                      language="en-GB")
    diag = Diagnostics()
    raw = parse_yaml("title: T\nalt: A\ndata: data/t.csv\ncolumns: [{name: Item}, {name: '2025', type: number}]\n")
    table = Reader(diag, ctx).read(raw, raw.pos, Table, "table")
    assert diag.items == []
    assert [r.cells[1].text for r in table_data(table, locale).rows] == ["1,301.40", "−412.7"]


SWISS_CSV = "Position;2026;2025\nFlüssige Mittel;2'845'120.50;2'510'300.00\nVorräte;12’400.00;9’980.00\n"


@pytest.mark.parametrize(("section", "house", "read", "others"), [
    ("de-CH", None, ["2’845’120.50", "12’400.00"], "own"),  # a Swiss section of an English report: Swiss Excel's
    (None, "’", ["2’845’120.50", "12’400.00"], "own"),  # an English report in the house style 1’234.50
    (None, None, None, "own"),  # German, as a ';' export is read in English: the hint says so, and what reads Swiss
    # a French section where the house style holds in other languages too (numbers: other_languages: house)
    ("fr-CH", "’", ["2’845’120.50", "12’400.00"], "house"),
])
def test_a_semicolon_csv_is_read_in_the_notation_of_the_section_that_reads_it(section, house, read, others, tmp_path):
    """A Geneva report (en-GB) with a de-CH section read its Swiss `;` export as German and refused
    2'845'120.50 with 'this document writes decimals with ','': untrue of the document."""
    from report.errors import Diagnostics
    from report.layout.table import table_data
    from report.load import parse_yaml
    from report.locale import get_locale
    from report.model import Numbers, ReadContext, Reader, Table

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "t.csv").write_text(SWISS_CSV, encoding="utf-8")
    locale = get_locale("en-GB", house and Numbers(thousands=house))
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=locale,
                      language="en-GB", section_language=section, other_languages=others)
    diag = Diagnostics()
    raw = parse_yaml("title: T\nalt: A\ndata: data/t.csv\ncolumns: [{name: Position}, {name: '2026', type: number}]\n")
    table = Reader(diag, ctx).read(raw, raw.pos, Table, "table")
    if read is not None:
        assert diag.items == []
        printed = ctx.section_numbers()  # the section's notation prints it (de-CH's own, or the house style)
        assert [r.cells[1].text for r in table_data(table, printed).rows] == read
        return
    d = diag.items[0]
    assert d.message == "table 'T': column '2026': \"2'845'120.50\" is not a number", d.format()
    assert d.hint.startswith("a ';' file is read as German Excel exports it: it writes decimals with ','"), d.hint
    assert d.hint.endswith("Swiss numbers (2'845'120.50) are read so in a de-CH section, and in a report whose "
                           "numbers: write 1’234.50"), d.hint


@pytest.mark.parametrize(("language", "excel"), [("es-ES", "Spanish"), ("it-IT", "Italian"), ("da-DK", "Danish"),
                                                  ("en-GB", "German")])
def test_a_semicolon_csv_hint_names_the_excel_of_the_reports_language(language, excel, tmp_path):
    """A Spanish report's `;` export with '275.5' in it was told „a ';' file is read as German Excel exports
    it … Swiss numbers (2'845'120.50) are read so in a de-CH section“: Spanish Excel writes 275,5 as well. A
    chart's file is told the same."""
    from report.errors import Diagnostics
    from report.load import parse_yaml
    from report.locale import get_locale
    from report.model import ReadContext, Reader, Table
    from report.model.charts import CHART_KINDS

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "t.csv").write_text("Concepto;2025\nCuotas;431.250\nDonaciones;275.5\n", encoding="utf-8")
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=get_locale(language),
                      language=language)
    hints = []
    for kind, yaml in ((Table, "title: T\nalt: A\ndata: data/t.csv\ncolumns: [{name: Concepto}, {name: '2025', "
                               "type: number}]\n"),
                       (CHART_KINDS["bar"], "kind: bar\ntitle: T\nalt: A\nsource: S\ncaption: C\ndata: data/t.csv\n")):
        diag = Diagnostics()
        raw = parse_yaml(yaml)
        Reader(diag, ctx).read(raw, raw.pos, kind, "x")
        hints += [d.hint for d in diag.items if "'275.5' is not a number" in d.message]
    assert len(hints) == 2, hints
    for hint in hints:
        assert hint.startswith(f"a ';' file is read as {excel} Excel exports it: it writes decimals with ','"), hint
        assert ("de-CH" in hint) == (excel == "German"), hint


def test_a_unit_the_heading_names_already_is_not_repeated_under_it(tmp_path):
    """A percent column headed 'Change in %' printed 'Change in / % / %': the unit line under a
    heading is left out where the heading names that unit already."""
    from report.errors import Diagnostics
    from report.layout.table import table_data
    from report.load import parse_yaml
    from report.locale import get_locale
    from report.model import ReadContext, Reader, Table

    locale = get_locale("en-GB")
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=locale,
                      language="en-GB")
    raw = parse_yaml("title: T\nalt: A\ncolumns: [{name: Item}, {name: Change in %, type: percent}, "
                     "{name: '2025 (£m)', type: number, unit: £m}, {name: Share, type: percent}]\n"
                     "rows:\n  - [a, 1.5, 2.0, 3.0]\n")
    diag = Diagnostics()
    table = Reader(diag, ctx).read(raw, raw.pos, Table, "table")
    assert diag.items == []
    assert [c.unit for c in table_data(table, locale).columns] == [None, None, None, "%"]


@pytest.mark.parametrize(("language", "unit", "shown"), [("de-DE", "%-Pkt.", "+1,4"), ("en-GB", "pp", "+1.4")])
def test_the_difference_of_two_percentages_is_in_percentage_points(tmp_path, language, unit, shown):
    """A rate that rose from 60.0 % to 61.4 % rose by 1.4 percentage points: a change of type number
    between two percent columns is headed pp (%-Pkt.), not left without a unit; in percent it stays %."""
    from report.errors import Diagnostics
    from report.layout.table import table_data
    from report.load import parse_yaml
    from report.locale import get_locale
    from report.model import ReadContext, Reader, Table

    locale = get_locale(language)
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=locale,
                      language=language)
    raw = parse_yaml("title: T\nalt: A\ncolumns: [{name: Item}, {name: '2024', type: percent}, "
                     "{name: '2025', type: percent}, {name: Points, type: number, change: ['2024', '2025']}, "
                     "{name: Relative, type: percent, change: ['2024', '2025']}, "
                     "{name: Own, type: number, unit: Pkt., change: ['2024', '2025']}]\n"
                     "rows:\n  - [Green power, 60.0, 61.4]\n")
    diag = Diagnostics()
    data = table_data(Reader(diag, ctx).read(raw, raw.pos, Table, "table"), locale)
    assert diag.items == []
    assert [c.unit for c in data.columns] == [None, "%", "%", unit, "%", "Pkt."]
    assert data.rows[0].cells[3].text == shown


def test_csv_cells_with_their_columns_unit_are_read_and_others_said_once_per_column(utility, capsys):
    """Excel exports a formatted cell with its unit ('31,2 Mio. €', '42,1 %'). In a column of that unit
    the cell reads as its number (the unit prints under the heading, once); a unit the column does not
    name is one error for the column, not one per cell."""
    csv = utility / "data" / "investitionen.csv"
    rows = csv.read_text(encoding="utf-8").splitlines()
    csv.write_text("\n".join([rows[0]] + [";".join([r.split(";")[0], r.split(";")[1] + "\u00a0Mio. €",
                                                     r.split(";")[2]]) for r in rows[1:]]) + "\n", encoding="utf-8")
    result = build(utility, utility.parent / "out", ["screen"])
    assert result.warnings == []
    text = " ".join(_flat(p.get_textpage().get_text_range()) for p in pdfium.PdfDocument(str(result.outputs[0].path)))
    assert "Stromnetz 31,2 28,4" in text and "Summe 91,2 87,3" in text and "31,2 Mio" not in text
    csv.write_text("\n".join([rows[0]] + [";".join([r.split(";")[0], r.split(";")[1],
                                                     r.split(";")[2] + " T€"]) for r in rows[1:]]) + "\n",
                   encoding="utf-8")
    code, err = _build(utility, capsys)
    assert code == 2 and "Traceback" not in err
    assert err.count("error:") == 1, err
    assert re.search(r"investitionen\.csv:2:\d+: error: table 'Investitionen nach Sparten': column '2025': "
                     r"'28,4 T€' is a number with the unit 'T€' \(and 5 more cells of this column\)", err), err
    assert "give the column unit: T€" in err


def test_a_number_column_of_years_warns_that_it_prints_them_grouped(tmp_path):
    """Baujahr as type: number printed 2.013 and 1.968 without a word."""
    from report.errors import Diagnostics
    from report.layout.table import table_data
    from report.load import parse_yaml
    from report.locale import get_locale
    from report.model import ReadContext, Reader, Table

    locale = get_locale("de-DE")
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=locale,
                      language="de-DE")
    raw = parse_yaml("title: Stationen\nalt: A\ncolumns: [{name: Station}, {name: Baujahr, type: number}, "
                     "{name: Trafos, type: number}]\nrows:\n  - [ONS Markt, 2013, 2]\n  - [ONS Mühle, 1968, 1]\n")
    diag = Diagnostics()
    table = Reader(diag, ctx).read(raw, raw.pos, Table, "table")
    assert [d.message for d in diag.warnings] == [
        "table 'Stationen': column 'Baujahr' holds years (2013, …) and prints them as amounts, with a thousands "
        "separator: 2.013"]
    assert diag.warnings[0].pos.line == 5
    assert diag.warnings[0].hint == "make it type: text (years are names, not amounts)"
    assert [r.cells[1].text for r in table_data(table, locale).rows] == ["2.013", "1.968"]


def test_csv_currency_cells_with_a_leading_sign_read_as_in_a_chart(tmp_path):
    """An American spreadsheet exports '$1,329.3' and '($918.2)' in a '$M' column: the table reads
    them as its numbers, as a chart does, where they were 'not a number' with the hint to put the
    sign into `unit:` — where it was. A sign the column does not name stays an error."""
    from report.errors import Diagnostics
    from report.layout.table import table_data
    from report.load import parse_yaml
    from report.locale import get_locale
    from report.model import ReadContext, Reader, Table

    locale = get_locale("en-US")
    ctx = ReadContext(content_dir=tmp_path, assets_dir=tmp_path, project_dir=tmp_path, numbers=locale,
                      language="en-US")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "acc.csv").write_text('Item,2025,2024\nRevenue,"$1,329.3",1118.0\nCosts,($918.2),'
                                               '(€800.1)\n', encoding="utf-8")
    raw = parse_yaml("title: T\nalt: A\ndata: data/acc.csv\ncolumns: [{name: Item}, "
                     "{name: '2025', type: currency, unit: $M}, {name: '2024', type: currency, unit: $M}]\n")
    diag = Diagnostics()
    table = Reader(diag, ctx).read(raw, raw.pos, Table, "table")
    assert [d.message for d in diag.items] == ["table 'T': column '2024': '(€800.1)' is a number with the unit '€'"]
    diag.items.clear()
    raw = parse_yaml("title: T\nalt: A\ndata: data/acc.csv\ncolumns: [{name: Item}, "
                     "{name: '2025', type: currency, unit: $M}]\n")
    table = Reader(diag, ctx).read(raw, raw.pos, Table, "table")
    assert diag.items == []
    data = table_data(table, locale)
    assert [[c.text for c in row.cells[:2]] for row in data.rows] == [["Revenue", "1,329.3"], ["Costs", "(918.2)"]]
    # a UK charity's '£0.59m' in a '£' column: it was "'0.59m' is not a number" (the £ gone), with the hint
    # "e.g. 0.59 with unit: m" — wrong for a column of whole pounds
    (tmp_path / "data" / "acc.csv").write_text('Item,2025\nGrants,£0.59m\nGifts,"£412,000"\n', encoding="utf-8")
    raw = parse_yaml("title: T\nalt: A\ndata: data/acc.csv\ncolumns: [{name: Item}, "
                     "{name: '2025', type: currency, unit: £}]\n")
    Reader(diag, ctx).read(raw, raw.pos, Table, "table")
    assert [(d.message, d.hint) for d in diag.items] == [(
        "table 'T': column '2025': '£0.59m' is not a number in this column's unit, £",
        "write it in £ (e.g. the whole amount), or give the column unit: £m and write the number alone")]


@pytest.mark.parametrize(("language", "now", "before", "said"), [
    ("fr-FR", "35.5", "34.4", "35,5\u202f% de berges restaurées\u202f; 1,1 point de pourcentage de plus"),
    ("fr-FR", "36.5", "34.4", "; 2,1 points de pourcentage"),  # French: singular below two
    ("en-GB", "35.5", "34.5", "35.5% de berges restaurées; 1.0 percentage point higher"),
    ("en-GB", "35.5", "34.4", "1.1 percentage points"),
    ("de-DE", "35.5", "34.5", "1,0 Prozentpunkt mehr"), ("de-DE", "35.5", "33.0", "2,5 Prozentpunkte mehr"),
    # Polish has four forms: a fraction, one, 2–4 (not 12–14), the rest; Brazilian Portuguese, as French, below two
    ("pl-PL", "35.5", "34.0", "; 1,5 punktu procentowego więcej"), ("pl-PL", "36", "35", "; 1 punkt procentowy"),
    ("pl-PL", "37", "35", "; 2 punkty procentowe"), ("pl-PL", "47", "35", "; 12 punktów procentowych"),
    ("pt-BR", "35.5", "34.0", "; 1,5 ponto percentual"), ("pt-PT", "35.5", "34.0", "; 1,5 pontos percentuais"),
    ("it-IT", "36", "35", "; 1 punto percentuale in più"), ("es-ES", "37", "35", "; 2 puntos porcentuales más"),
])
def test_a_tiles_spoken_change_in_points_takes_the_languages_number_and_semicolon(language, now, before, said):
    """What a screen reader says of a tile: « …restaurées ; 1,1 point de pourcentage de plus » in French
    (its space before the semicolon; a point, below two, in the singular), "1.0 percentage point" in
    English and „1,0 Prozentpunkt“ in German."""
    from report.layout.keyfigures import tile_text
    from report.locale import get_locale
    from report.model import KeyFigure, Number

    fig = KeyFigure(value=Number.of(now), previous=Number.of(before), label="de berges restaurées", unit="%",
                    change="absolute")
    assert said in tile_text(fig, get_locale(language))
