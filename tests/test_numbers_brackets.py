"""Negative amounts in brackets, as accounts write them: `(1,251)` in a CSV cell or YAML reads as
negative, prints in brackets where the author wrote it so or the table asks for it (the closing
bracket hanging beyond the aligned digits), and a key figure prints `(£12k)`."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from report.build import build
from report.cli import main

from .conftest import ASSETS, ROOT, require_tool
from .pdf_chars import chars
from .test_e2e import extract_text
from .test_tagging import _actual_texts, _walk

REPORT = """\
name: hlt
title: A year of homes
subtitle: Annual Review 2025
organisation: Harbour Light Trust
year: 2025
language: en-GB
author: Harbour Light Trust
subject: Annual Review 2025
lead: A year in numbers.
cover:
  image: images/cover-artwork.jpg
  credit: "Image: placeholder"
  alt: Abstract artwork
sections:
  - sections/01-figures.yaml
  - sections/02-finance.yaml
contact:
  heading: Contact
  publisher: Harbour Light Trust
"""

FIGURES = """\
kind: key_figures
title: The year in figures
figures:
  - value: "(12)"
    prefix: "£"
    unit: k
    label: net expenditure
  - value: -3.5
    prefix: "£"
    unit: m
    negatives: brackets
    label: deficit on the building fund
"""

FINANCE = """\
kind: text
title: Finance
blocks:
  - paragraph: Negative amounts are shown in brackets, as in our accounts.
  - table:
      title: Summary of income and expenditure
      alt: Income, expenditure and the net result in 2024 and 2025 in pounds.
      data: data/summary.csv
      negatives: brackets
      columns:
        - name: Item
        - {name: "2024", type: currency, unit: "£", check_total: true}
        - {name: "2025", type: currency, unit: "£", check_total: true}
        - {name: Change, type: currency, unit: "£", change: ["2024", "2025"], change_of: values}
        - {name: Change in %, type: percent, change: ["2024", "2025"], change_of: values}
      row_kinds: {"Net income / (expenditure)": total}
  - table:
      title: Restricted funds
      alt: Restricted funds in 2024 and 2025.
      columns:
        - name: Fund
        - {name: "2024", type: number}
        - {name: "2025", type: number}
      rows:
        - [Grants, 40, (5)]
        - [Appeals, -3, 2]
"""

SUMMARY = ('Item,2024,2025\nIncome,"1,274","1,390"\nExpenditure,"(1,251)","(1,402)"\n'
           "Net income / (expenditure),23,(12)\n")


def _project(base: Path) -> Path:
    content = base / "content"
    (content / "sections").mkdir(parents=True)
    (content / "data").mkdir()
    (content / "report.yaml").write_text(REPORT, encoding="utf-8")
    (content / "sections" / "01-figures.yaml").write_text(FIGURES, encoding="utf-8")
    (content / "sections" / "02-finance.yaml").write_text(FINANCE, encoding="utf-8")
    (content / "data" / "summary.csv").write_text(SUMMARY, encoding="utf-8")
    shutil.copytree(ASSETS, base / "assets")
    return content


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def accounts(tmp_path_factory):
    base = tmp_path_factory.mktemp("hlt")
    result = build(_project(base), base / "out")
    return result, {o.edition: o.path for o in result.outputs}


def test_amounts_in_brackets_print_in_brackets_in_tables_totals_and_key_figures(accounts):
    result, paths = accounts
    assert result.warnings == []  # check_total sums the bracketed amounts: 1,274 − 1,251 = 23
    for edition in ("print", "screen"):
        text = _flat(extract_text(paths[edition]))
        # the table's option: every negative amount, the computed difference too (no plus before a
        # positive one); the change in percent keeps its sign
        for shown in ("Income 1,274 1,390 116 +9.1", "Expenditure (1,251) (1,402) (151) −12.1",
                      "Net income / (expenditure) 23 (12) (35) n/m",
                      # no option: as written, brackets where the author wrote them, else a minus
                      "Grants 40 (5)", "Appeals −3 2",
                      "(£12k) net expenditure", "(£3.5m) deficit on the building fund"):
            assert shown in text, (edition, shown)


def _cell_alts(path: Path) -> dict[str, str | None]:
    """Each table data cell's text (its marked content's ActualText) → the /Alt of its TD element."""
    with pikepdf.open(path) as pdf:
        pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        texts = _actual_texts(pdf)
        return {"".join(texts.get(m, "") for m in mcids): str(elem.Alt) if "/Alt" in elem else None
                for role, elem, _, mcids, _ in _walk(pdf.Root.StructTreeRoot.K, pages, []) if role == "TD"}


def test_a_screen_reader_hears_the_minus_of_an_amount_in_brackets_and_a_copy_keeps_the_brackets(accounts):
    """Screen readers speak no brackets at their default punctuation level, so '(1,251)' would be heard
    as 1,251: its TD carries /Alt '−1,251', which assistive technology reads in place of the cell's
    content. The text drawn, and so what is copied or extracted, stays '(1,251)' as the author wrote it."""
    _, paths = accounts
    assert _cell_alts(paths["screen"]) == {
        "1,274": None, "1,390": None, "116": None, "+9.1": None,
        "(1,251)": "−1,251", "(1,402)": "−1,402", "(151)": "−151", "−12.1": None,
        "23": None, "(12)": "−12", "(35)": "−35", "n/m": "not meaningful",  # read out: 'n slash m'
        "40": None, "(5)": "−5", "−3": None, "2": None}
    exe = require_tool("pdftotext", "poppler-utils")
    text = _flat(subprocess.run([exe, "-layout", str(paths["screen"]), "-"], capture_output=True, text=True,
                                check=True).stdout)
    assert "Expenditure (1,251) (1,402) (151) −12.1" in text and "−1,251" not in text


def _origins(pdf: Path, page_no: int) -> dict[float, list[tuple[str, float, float]]]:
    """The characters of one page by baseline: (character, origin x, advance end x), left to right.
    Origins, not ink boxes: a '1' and a '4' in tabular figures have the same advance, not the same ink."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        tp = doc[page_no - 1].get_textpage()
        rows: dict[float, list[tuple[str, float, float]]] = {}
        x, y = ctypes.c_double(), ctypes.c_double()
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if ch.strip():
                pdfium_c.FPDFText_GetCharOrigin(tp.raw, i, ctypes.byref(x), ctypes.byref(y))
                rows.setdefault(round(y.value, 1), []).append((ch, x.value, tp.get_charbox(i)[2]))
        return {k: sorted(v, key=lambda c: c[1]) for k, v in rows.items()}
    finally:
        doc.close()


def test_the_closing_bracket_hangs_beyond_the_aligned_digits(accounts):
    """Accountants' alignment: the last digits of 1,274 and (1,251) stand one under the other (in
    tabular figures, so their origins are equal), the bracket beyond them, and the column heading
    '2024' ends where the digits end (the print edition: its text has no /ActualText spans)."""
    _, paths = accounts
    page = next(c.page for c in chars(paths["print"]) if c.text == "(" and c.size < 12)
    lines = {"".join(c[0] for c in row): row for row in _origins(paths["print"], page).values()}
    income = next(r for t, r in lines.items() if t.startswith("Income"))
    spent = next(r for t, r in lines.items() if t.startswith("Expenditure"))
    head = next(r for t, r in lines.items() if t.startswith("Item2024"))

    def last_digits(row):  # the last digit of each number: the next character is apart or no digit
        return [i for i, c in enumerate(row) if c[0].isdigit() and (i + 1 == len(row) or not (
            row[i + 1][0] in "0123456789," and row[i + 1][1] - c[1] < 8))]

    for a, b in zip(last_digits(income)[:3], last_digits(spent)[:3], strict=True):
        assert abs(income[a][1] - spent[b][1]) < 0.05, (income[a], spent[b])
        assert spent[b + 1][0] == ")" and spent[b + 1][1] >= spent[b][1] + 3  # after the digit's advance
    year = next(c for c in head if c[0] == "4")  # the heading '2024' ends where the digits end
    assert abs(year[1] - income[last_digits(income)[0]][1]) < 0.05


def test_a_german_table_prints_its_bracketed_amounts_in_german_notation(tmp_path):
    shutil.copytree(ROOT / "tests" / "data" / "stadtwerke" / "content", tmp_path / "content")
    shutil.copytree(ASSETS, tmp_path / "assets")
    csv = tmp_path / "content" / "data" / "investitionen.csv"
    csv.write_text("Sparte;2024;2025\nStromnetz;31,2;28,4\nDigitalisierung;(1.251,5);(2,0)\nSumme;(1.220,3);26,4\n",
                   encoding="utf-8")
    section = tmp_path / "content" / "sections" / "02-investitionen.yaml"  # the signed values' change, chosen
    section.write_text(section.read_text(encoding="utf-8").replace(
        '          change: ["2024", "2025"]\n', '          change: ["2024", "2025"]\n          change_of: values\n'),
        encoding="utf-8")
    result = build(tmp_path / "content", tmp_path / "out", ["screen"])
    assert result.warnings == []  # the totals are the sums: 31,2 − 1.251,5 = −1.220,3
    text = _flat(extract_text(result.outputs[0].path))
    for shown in ("Digitalisierung (1.251,5) (2,0)¹ +99,8", "Summe (1.220,3) 26,4 n. a."):
        assert shown in text, shown
    alts = _cell_alts(result.outputs[0].path)  # said with the minus, in German notation, the mark kept
    assert (alts["(1.251,5)"], alts["(2,0)¹"], alts["(1.220,3)"], alts["28,4"], alts["n. a."]) == (
        "−1.251,5", "−2,0¹", "−1.220,3", None, "nicht aussagekräftig")


def test_a_wrong_total_in_brackets_warns_with_the_sum_in_brackets(tmp_path):
    content = _project(tmp_path)
    csv = content / "data" / "summary.csv"
    csv.write_text(SUMMARY.replace(",23,(12)", ",23,(13)"), encoding="utf-8")
    result = build(content, tmp_path / "out", ["screen"])
    assert [w.format() for w in result.warnings] == [
        f"{csv}:4:31: warning: table 'Summary of income and expenditure': column '2025': the total (13) is not "
        "the sum of the 2 rows above it = (12)\n  hint: correct the total or the rows; if rows are rounded, set "
        "rounding_note: Differences due to rounding"]


def test_a_minus_inside_brackets_is_an_error_at_its_cell(tmp_path, capsys):
    content = _project(tmp_path)
    (content / "data" / "summary.csv").write_text(SUMMARY.replace(",23,(12)", ",23,(-12)"), encoding="utf-8")
    code = main(["build", str(content), "-o", str(tmp_path / "out"), "--edition", "screen"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert "summary.csv:4:31: error: table 'Summary of income and expenditure': column '2025': '(-12)' is not a " \
           "number" in err
    assert "hint: brackets make a number negative already: write (12) or -12, not both" in err
