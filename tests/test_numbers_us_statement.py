"""A US financial statement as a CPA sets it: the dollar sign on the first amount and on the totals of
a column only, hung left of its widest amount (`currency_sign: first_and_total`, or read from a CSV
exported so); negatives in brackets for the whole report (`numbers: {negatives: brackets}`); nil as
typed, a hyphen as the language's dash (en-US: an em dash); a split table's "continued" line after a
title that ends in a bracket; and the hints a US author meets on the way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from report.build import build
from report.locale import get_locale

from .conftest import ASSETS
from .hostile import diagnostics
from .test_e2e import extract_text
from .test_numbers_brackets import _origins

REPORT = """\
name: rb
title: Community Benefit Report
subtitle: Fiscal Year 2026
organisation: Riverbend Health
year: 2026
language: en-US
numbers: {negatives: brackets}
author: Riverbend Health
subject: Community Benefit Report
lead: A year of care.
cover:
  image: images/cover-artwork.jpg
  credit: "Image: placeholder"
  alt: Abstract artwork
sections:
  - sections/01-finance.yaml
contact:
  heading: Contact Us
  publisher: Riverbend Health
"""

FINANCE = """\
kind: text
title: Financial Stewardship
blocks:
  - table:
      title: Statement of Operations
      alt: Operations in thousands of dollars.
      currency_sign: first_and_total
      columns:
        - {name: ""}
        - {name: FY2025, type: currency, unit: "$ thousands"}
        - {name: FY2026, type: currency, unit: "$ thousands"}
      rows:
        - ["Net patient service revenue", "$612,480", 648912]
        - ["Other operating revenue", 28114, 31206]
        - ["Salaries and benefits", -352110, -371884]
        - ["Contributions", "—", "-"]
        - ["Research", "–", 4]
        - {kind: total, cells: ["Excess of revenue over expenses", 288484, 309264]}
  - table:
      title: Schedule H (Summary)
      alt: Community benefit by category.
      data: data/benefit.csv
      columns:
        - {name: Category}
        - {name: FY2026, type: currency, unit: "$ thousands"}
      row_kinds: {Total: total}
  - table:
      title: Grants (FY2026)
      alt: Grants by recipient in dollars.
      data: data/grants.csv
      columns:
        - {name: Recipient}
        - {name: Amount, type: currency, unit: "$"}
      row_kinds: {Total: total}
"""

BENEFIT = 'Category,FY2026\nCharity care,"$12,906"\nMedicaid,"$20,115"\nEducation,"7,042"\nTotal,"$40,063"\n'
GRANTS = ("Recipient,Amount\n" + "".join(f'Grantee {k},"{"$" if k == 1 else ""}{10000 + k * 100:,}"\n'
                                        for k in range(1, 71))
          + f'Total,"${sum(10000 + k * 100 for k in range(1, 71)):,}"\n')


def _project(base: Path, report: str = REPORT, files: dict[str, str] | None = None) -> Path:
    content = base / "content"
    (content / "sections").mkdir(parents=True)
    (content / "data").mkdir()
    (content / "report.yaml").write_text(report, encoding="utf-8")
    written = {"sections/01-finance.yaml": FINANCE, "data/benefit.csv": BENEFIT, "data/grants.csv": GRANTS,
               **(files or {})}
    for name, text in written.items():
        (content / name).write_text(text, encoding="utf-8")
    shutil.copytree(ASSETS, base / "assets")
    return content


@pytest.fixture(scope="module")
def statement(tmp_path_factory):
    base = tmp_path_factory.mktemp("rb")
    result = build(_project(base), base / "out")
    return result, next(o.path for o in result.outputs if o.edition == "print")


def _lines(pdf: Path) -> dict[str, list[tuple[str, float, float]]]:
    """Every text line of the PDF (its characters without spaces) → its characters and their x."""
    out = {}
    for page in range(1, 4):
        for row in _origins(pdf, page).values():
            out["".join(c[0] for c in row)] = row
    return out


def test_the_dollar_sign_stands_on_the_first_and_total_rows_hung_left_of_the_widest_amount(statement):
    _, pdf = statement
    lines = _lines(pdf)
    first = next(r for t, r in lines.items() if t.startswith("Netpatient"))
    other = next(r for t, r in lines.items() if t.startswith("Otheroperating"))
    total = next(r for t, r in lines.items() if t.startswith("Excessof"))
    signs = [[c for c in row if c[0] == "$"] for row in (first, total)]
    assert [len(s) for s in signs] == [2, 2]  # one per column, the inline '$612,480' too
    assert "$" not in "".join(c[0] for c in other)
    for a, b in zip(*signs, strict=True):  # the signs of a column stand in line …
        assert abs(a[1] - b[1]) < 0.5
    widest = next(c for c in total if c[0].isdigit())  # … left of the widest amount, the total
    assert signs[1][0][2] < widest[1] < signs[1][0][2] + 6  # a small gap: 0.25 em and the side bearings
    text = " ".join(extract_text(pdf).replace("\u00a0", " ").split())
    # the unit line keeps the rest of the unit; '$' alone leaves none (no stray sign under 'Amount')
    assert "Statement of Operations FY2025 thousands FY2026 thousands Net patient service revenue $ 612,480 " \
        "$ 648,912 Other operating revenue 28,114 31,206" in text
    assert "Recipient Amount Grantee 1 $ 10,100" in text


def test_a_csv_exported_so_reads_as_first_and_total_and_other_signs_are_not_dropped_silently(statement):
    result, pdf = statement
    text = " ".join(extract_text(pdf).replace("\u00a0", " ").split())
    assert "Grantee 1 $ 10,100" in text and "Grantee 2 10,200" in text and "Total $ 948,500" in text
    assert [w.message for w in result.warnings] == [
        "table 'Schedule H (Summary)': column 'FY2026': 3 of its 4 amounts are written with '$' ('Charity care' …); "
        "the sign prints under the heading, in the column's unit, not in these cells"]
    assert "currency_sign: first_and_total" in result.warnings[0].hint
    assert "Charity care 12,906" in text  # as the heading says: the unit line '$ thousands'


def test_report_wide_brackets_and_nil_as_typed_or_the_em_dash_of_en_us(statement):
    _, pdf = statement
    text = " ".join(extract_text(pdf).replace("\u00a0", " ").split())
    assert "Salaries and benefits (352,110) (371,884)" in text  # numbers: {negatives: brackets}
    assert "Contributions — —" in text  # typed —, and a typed hyphen as en-US sets nil
    assert "Research – 4" in text  # a typed en dash stays


def test_a_split_table_whose_title_ends_in_a_bracket_goes_on_without_a_second_one(statement):
    _, pdf = statement
    text = extract_text(pdf)
    assert "Grants (FY2026), continued" in text and "(continued)" not in text


@pytest.mark.parametrize("language, title, line", [
    ("en-US", "Balance Sheet", "Balance Sheet (continued)"),
    ("en-US", "Statement of Operations (Summary)", "Statement of Operations (Summary), continued"),
    ("de-DE", "GuV (Kurzfassung)", "GuV (Kurzfassung) – Fortsetzung"),
    ("fr-FR", "Bilan (résumé)", "Bilan (résumé), suite"),
    ("nl-NL", "Balans (samenvatting)", "Balans (samenvatting), vervolg"),
    ("nl-NL", "Balans", "Balans (vervolg)"),
])
def test_the_continued_line_reads_well_in_each_language(language, title, line):
    from report.layout.table.data import continued_line
    assert continued_line(title, get_locale(language)) == line


def test_the_hints_a_us_author_meets(tmp_path):
    """One load, every mistake: an inline row split at the comma of a bracketed amount (the hint quotes
    it as written), a dollar sign inline on the first row only, first_and_total on a unit without a
    sign, a report-wide negatives: at the top of report.yaml, thirteen key figures."""
    report = REPORT.replace("numbers: {negatives: brackets}\n", "negatives: brackets\n").replace(
        "sections:\n", "sections:\n  - sections/00-figures.yaml\n")
    figures = "kind: key_figures\ntitle: The Year\nfigures:\n" + "".join(
        f"  - {{value: {k}, label: tile {k}}}\n" for k in range(13))
    finance = FINANCE.replace('        - ["Other operating revenue", 28114, 31206]\n',
                              "        - [Depreciation and interest, (58,920), (61,402)]\n").replace(
        "- {kind: total, cells: [\"Excess of revenue over expenses\", 288484, 309264]}",
        "- [Excess of revenue over expenses, 288484, 309264]") + (
        "  - table: {title: Beds, alt: Beds., columns: [{name: Unit}, {name: Beds, type: number, "
        "currency_sign: first_and_total}], rows: [[ICU, 12]]}\n")
    content = _project(tmp_path, report, {"sections/00-figures.yaml": figures, "sections/01-finance.yaml": finance})
    said = {d.message: d.hint for d in diagnostics(content) if d.severity == "error"}
    assert said.pop("report: unknown key 'negatives'").startswith(
        "a report-wide setting for the tables' negative numbers goes under numbers:, e.g. numbers: "
        "{negatives: brackets}")
    assert "kind: key_figures" in said.pop("section: figures: 13 items given, but 1 to 12 are needed")
    hint = said.pop("table 'Statement of Operations': row 2 has 5 cells but the table has 3 columns to fill")
    assert hint.endswith('the comma in (58,920) splits it into two cells: quote it, "(58,920)", or write -58920')
    assert said.pop("table 'Beds': column 'Beds': currency_sign: first_and_total sets the currency sign of the "
                    "column's unit, but it has no unit").startswith("give the column a unit with its sign")
    # the table's first_and_total allows the sign inline; without it, it is the unit repeated, with the way out
    assert said == {}
    table_off = _project(tmp_path / "off", files={"sections/01-finance.yaml": FINANCE.replace(
        "      currency_sign: first_and_total\n", "", 1)})
    (d,) = [d for d in diagnostics(table_off) if d.severity == "error"]
    assert d.message == ("table 'Statement of Operations': column 'FY2025': '$612,480' repeats the column's unit")
    assert d.hint.endswith("add currency_sign: first_and_total to the column")
