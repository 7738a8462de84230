"""A US company's condensed statements, as a first user set them (visual QA: a column heading
broken inside its year, 'June 30, 2 / 026', beside a label column mostly empty; an income statement
split before its last two lines and a six-row table split 4 + 2, its two rows alone on a page;
costs in parentheses whose change printed as a fall though they grew; `negatives: parentheses`
refused)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from report.build import build

from .conftest import ASSETS, without_page_gaps

REPORT = """\
name: crc
title: Built for the Long Haul
subtitle: 2026 Annual Review
organisation: Cascade Rail Components, Inc.
year: 2026
language: en-US
author: Cascade Rail Components, Inc.
subject: Annual Review 2026
lead: A year in numbers.
cover:
  image: images/cover-artwork.jpg
  credit: "Image: placeholder"
  alt: Abstract artwork
sections:
  - sections/01-income.yaml
  - sections/02-position.yaml
contact:
  heading: Contact
  publisher: Cascade Rail Components, Inc.
"""

INCOME = """\
  - table:
      title: Condensed consolidated statement of income
      source: "Source: Audited consolidated financial statements"
      alt: Condensed income statement for fiscal 2026 and 2025 in thousands of dollars.
      data: data/income.csv
      negatives: brackets
      columns:
        - name: ""
        - {name: FY2026, type: currency, unit: $ thousands, check_total: true}
        - {name: FY2025, type: currency, unit: $ thousands, check_total: true}
        - {name: "% change", type: percent, change: [FY2025, FY2026], change_of: amounts}
      row_kinds:
        Gross profit: subtotal
        Operating income: subtotal
        Income before income taxes: subtotal
        Net income: total
"""

POSITION = """\
  - table:
      title: Condensed consolidated balance sheet
      alt: Condensed balance sheet as of June 30, 2026 and 2025, in thousands of dollars.
      data: data/balance.csv
      columns:
        - name: ""
        - {name: "June 30, 2026", type: currency, unit: $ thousands, check_total: true}
        - {name: "June 30, 2025", type: currency, unit: $ thousands, check_total: true}
      row_kinds: {Total current assets: subtotal, Total assets: total}
"""

SELECTED = """\
  - table:
      title: Five-year selected financial data
      source: "Source: Cascade Rail Components annual reports"
      alt: Selected financial data for fiscal 2022 to 2026.
      data: data/selected.csv
      negatives: parentheses
      columns:
        - name: Fiscal year
        - {name: "2026", type: number}
        - {name: "2025", type: number}
        - {name: "2024", type: number}
        - {name: "2023", type: number}
        - {name: "2022", type: number}
"""

CSV = {
    "income.csv": ',FY2026,FY2025\nNet sales,"$412,580","$369,104"\nCost of sales,"(301,402)","(273,870)"\n'
                  'Gross profit,"111,178","95,234"\n"Selling, general and administrative","(45,870)","(42,115)"\n'
                  'Research and development,"(14,806)","(12,950)"\nOperating income,"50,502","40,169"\n'
                  'Interest expense,"(3,915)","(4,402)"\nOther income (expense),612,(288)\n'
                  'Income before income taxes,"47,199","35,479"\nIncome tax expense,"(8,790)","(3,580)"\n'
                  'Net income,"$38,409","$31,899"\n',
    "balance.csv": ',"June 30, 2026","June 30, 2025"\nCash and cash equivalents,"52,310","41,877"\n'
                   'Inventories,"78,455","71,019"\nOther current assets,"71,160","64,406"\n'
                   'Total current assets,"201,925","177,302"\n'
                   '"Property, plant and equipment, net","210,855","176,818"\n'
                   'Total assets,"412,780","354,120"\n',
    "selected.csv": 'Fiscal year,2026,2025,2024,2023,2022\n'
                    'Net sales ($ thousands),"412,580","369,104","341,227","318,940","287,615"\n'
                    'Net income ($ thousands),"38,409","31,899","27,310","(4,125)","19,870"\n'
                    "Diluted EPS ($),2.91,2.42,2.07,-0.31,1.50\nDividends per share ($),1.12,1.04,0.96,0.90,0.84\n"
                    'Employees,"1,842","1,761","1,702","1,688","1,640"\n'
                    "Return on equity (%),16.4,15.8,14.9,(2.0),11.2\n",
}


def _filler(count: int) -> str:
    return "".join(f"  - paragraph: Paragraph {k + 1} of the review, one line long.\n" for k in range(count))


def statements(base: Path, before_income: int, before_selected: int) -> Path:
    """The project: the income statement after `before_income` one-line paragraphs; on a new page the
    balance sheet, `before_selected` paragraphs and the five-year table."""
    content = base / "content"
    (content / "sections").mkdir(parents=True)
    (content / "data").mkdir()
    (content / "report.yaml").write_text(REPORT, encoding="utf-8")
    (content / "sections" / "01-income.yaml").write_text(
        f"kind: text\ntitle: Financial review\nblocks:\n{_filler(before_income)}{INCOME}", encoding="utf-8")
    (content / "sections" / "02-position.yaml").write_text(
        f"kind: text\ntitle: Financial position\npage: new\nblocks:\n{POSITION}{_filler(before_selected)}{SELECTED}",
        encoding="utf-8")
    for name, text in CSV.items():
        (content / "data" / name).write_text(text, encoding="utf-8")
    shutil.copytree(ASSETS, base / "assets")
    return content


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> tuple[list[str], list]:
    """The print edition's text per page (no /ActualText there: each line as set) and the warnings.
    The income statement misses the foot of its page by two rows, the five-year table by three."""
    base = tmp_path_factory.mktemp("crc")
    result = build(statements(base, before_income=48, before_selected=14), base / "out", ["print"])
    pdf = pdfium.PdfDocument(str(result.outputs[0].path))
    return [page.get_textpage().get_text_range().replace("\u00a0", " ") for page in pdf], result.warnings


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def _rows_by_page(texts: list[str], labels: list[str]) -> list[list[str]]:
    """Per page that holds any, the labels of the table's rows on it."""
    found = [[lab for lab in labels if any(line.startswith(f"{lab} ") for line in _lines(t))] for t in texts]
    return [rows for rows in found if rows]


INCOME_ROWS = ["Net sales", "Cost of sales", "Gross profit", "Selling, general and administrative",
               "Research and development", "Operating income", "Interest expense", "Other income (expense)",
               "Income before income taxes", "Income tax expense", "Net income"]
SELECTED_ROWS = ["Net sales ($ thousands)", "Net income ($ thousands)", "Diluted EPS ($)", "Dividends per share ($)",
                 "Employees", "Return on equity (%)"]


def test_a_date_heading_stays_on_one_line_over_its_unit(pages):
    """'June 30, 2026' (its parts bound by no-break spaces) was set as 'June 30, 2' / '026' / '$' /
    'thousands' in a column 16 mm wide, the label column mostly empty: the least width of a heading
    split the bound words at the no-break spaces, and the width for two lines came out as zero."""
    texts, _ = pages
    page = next(t for t in texts if "Condensed consolidated balance sheet" in t)
    lines = _lines(page)
    assert lines.count("June 30, 2026") == lines.count("June 30, 2025") == 1, lines[:10]
    assert lines.count("$ thousands") == 2, lines[:10]


def test_a_statement_that_would_break_in_halves_moves_on_whole(pages):
    """An 11-row income statement went on with only 'Income tax expense' and 'Net income' under
    '(continued)', then (breaking after a subtotal, three rows or more on each page) 6 + 5, which
    reads as two tables (visual QA, an Austrian balance sheet's Passiva split so): a table shorter
    than a page breaks only where two thirds of its rows stay; this one moves on whole."""
    texts, _ = pages
    assert _rows_by_page(texts, INCOME_ROWS)[0] == INCOME_ROWS  # (the next: the five-year table's "Net sales …")


def test_a_table_of_six_rows_moves_on_whole(pages):
    """A six-row table split 4 + 2, its last two rows alone on an otherwise empty page."""
    texts, _ = pages
    assert _rows_by_page(texts, SELECTED_ROWS) == [SELECTED_ROWS]


def test_costs_in_parentheses_change_as_the_amounts_printed(pages):
    """`change_of: amounts`: cost of sales (273,870) → (301,402) grew by 10.1 %, printed +10.1 (the
    signed values' change, −10.1, read as costs that fell); a cost that fell, −11.1; across a change
    of sign n/m as before. `negatives: parentheses` reads as brackets: −0.31 prints (0.31)."""
    texts, warnings = pages
    assert without_page_gaps(warnings) == []  # (a table that opens a page left the one before it short)
    lines = [line for t in texts for line in _lines(t)]
    for shown in ("Cost of sales (301,402) (273,870) +10.1", "Interest expense (3,915) (4,402) −11.1",
                  "Other income (expense) 612 (288) n/m", "Income tax expense (8,790) (3,580) +145.5",
                  "Net sales $ 412,580 $ 369,104 +11.8", "Diluted EPS ($) 2.91 2.42 2.07 (0.31) 1.50",
                  # the CSV's '$' on the first row and the total only, as a US statement prints it: so it prints
                  "Gross profit 111,178 95,234 +16.7", "Net income $ 38,409 $ 31,899 +20.4"):
        assert shown in lines, (shown, [line for line in lines if line.startswith(shown.split()[0])])
