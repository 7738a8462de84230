"""Numbers print exactly as written: the loader keeps source text, the model keeps precision,
and YAML 1.1's implicit types never change what an author wrote."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report.errors import ReportError
from report.load import parse_yaml
from report.locale import get_locale
from report.model import Number, NumberError, parse_number
from report.model.numbers import number_from_yaml
from report.model.tabular import read_csv

from .hostile import at, diagnostics, edit, line_of, only

DE, EN = get_locale("de-DE"), get_locale("en-GB")


@pytest.mark.parametrize("written, de, en", [
    ("99.98", "99,98", "99.98"),
    ("31.0", "31,0", "31.0"),
    ("5", "5", "5"),
    ("2.25", "2,25", "2.25"),
    ("48250", "48.250", "48,250"),
    ("-1.2", "\u22121,2", "\u22121.2"),
    ("1000000.50", "1.000.000,50", "1,000,000.50"),
    ("0.05", "0,05", "0.05"),
])
def test_yaml_number_round_trip(written, de, en):
    value = parse_yaml(f"v: {written}\n")["v"]
    assert number_from_yaml(value, value.source, None).format(DE) == de
    assert number_from_yaml(value, value.source, None).format(EN) == en


@pytest.mark.parametrize("text, seps, value, decimals", [
    ("48.250", DE, "48250", 0),
    ("61,4", DE, "61.4", 1),
    ("\u22121,2", DE, "-1.2", 1),
    ("-1.234,50", DE, "-1234.50", 2),
    ("48 250", DE, "48250", 0),
    ("48,250", EN, "48250", 0),
    ("61.4", EN, "61.4", 1),
    ("1,000,000", EN, "1000000", 0),
])
def test_locale_text_is_a_number(text, seps, value, decimals):
    number = parse_number(text, seps)
    assert number.value == Decimal(value) and number.decimals == decimals


@pytest.mark.parametrize("text, seps, hint", [
    ("61.4", DE, "this document writes decimals with ',', not '.': e.g. 61,4"),
    ("61,4", EN, "this document writes decimals with '.', not ',': e.g. 61.4"),
    # four digits after the document's own thousands mark: a mistyped group as likely as a decimal mark
    ("1,2345", EN, "this document writes decimals with '.', not ',': e.g. 1.2345, or, for a whole number, 12,345"),
    ("-1.2345", DE, "this document writes decimals with ',', not '.': e.g. -1,2345, or, for a whole number, -12.345"),
    ("12 %", DE, "write the number alone; a unit goes into 'unit:', e.g. 12 with unit: %"),
    ("1,5 Mio. €", EN, "write the number alone; a unit goes into 'unit:', e.g. 1.5 with unit: Mio. €"),  # its notation
    ("4.1m", DE, "write the number alone; a unit goes into 'unit:', e.g. 4,1 with unit: m"),
    ("viele", DE, "write the number in digits, e.g. 20"),
    # the other language's notation, from a spreadsheet of the other country
    ("1.234,5", EN, "this document writes decimals with '.' and groups thousands with ',': 1,234.5"),
    ("-1.301,4", EN, "this document writes decimals with '.' and groups thousands with ',': -1,301.4"),
    ("1,234.5", DE, "this document writes decimals with ',' and groups thousands with '.': 1.234,5"),
    # a negative amount in brackets, as accounts write it, reads (below); a sign inside them does not
    ("(-12.5)", EN, "brackets make a number negative already: write (12.5) or -12.5, not both"),
    ("(\u22121,2)", DE, "brackets make a number negative already: write (1,2) or -1,2, not both"),
    ("(12", EN, "close the bracket: (12)"),
    ("(12 %)", DE, "write the number alone; a unit goes into 'unit:', e.g. 12 with unit: %"),
    ("£3,450,000", EN, "write the number alone; a currency sign goes into 'unit:' (a key figure's leading one "
                       "into 'prefix:')"),
    ("", EN, "write a number, e.g. 20"),
])
def test_text_that_is_not_a_number_gets_a_fitting_hint(text, seps, hint):
    with pytest.raises(NumberError) as err:
        parse_number(text, seps)
    assert err.value.hint == hint


@pytest.mark.parametrize("text, seps, value, decimals, de, en", [
    ("(12)", EN, "-12", 0, "(12)", "(12)"),
    ("(1,251)", EN, "-1251", 0, "(1.251)", "(1,251)"),
    ("(1.251,5)", DE, "-1251.5", 1, "(1.251,5)", "(1,251.5)"),
    ("( 48 250 )", DE, "-48250", 0, "(48.250)", "(48,250)"),
])
def test_a_number_in_brackets_is_negative_and_keeps_its_brackets(text, seps, value, decimals, de, en):
    """Accounts write a negative amount in brackets: it reads as negative, prints in brackets where
    asked (a table prints it as written), and with a minus elsewhere (a chart's labels)."""
    number = parse_number(text, seps)
    assert number.value == Decimal(value) and number.decimals == decimals and number.brackets
    assert number.format(DE, brackets=True) == de and number.format(EN, brackets=True) == en
    assert number.format(EN) == "\u2212" + en.strip("()")
    assert Number.of("12.5").format(EN, sign=True, brackets=True) == "12.5"  # brackets mark the sign: no plus


def test_thousands_trap_only_where_the_point_groups_thousands():
    value = parse_yaml("v: 48.250\n")["v"]
    with pytest.raises(NumberError) as err:
        number_from_yaml(value, value.source, DE)
    assert str(err.value) == "48.250 reads as 48,25 in YAML"
    # both readings: a utility's 5.325 (Mio. €) meant 5,325, and 5325 made it a thousand times larger
    assert err.value.hint == ("for the whole number write 48250 or quote it as '48.250'; "
                              "for a decimal write it with a comma, quoted: '48,250'")
    assert number_from_yaml(value, value.source, EN).format(EN) == "48.250"  # 48.25 with three decimals


def test_rounding_is_commercial_and_never_silent():
    n = Number.of("2.25")
    assert n.format(DE, decimals=1) == "2,3"
    assert n.drops_digits(1) and not Number.of("31.0").drops_digits(0)
    assert Number.of("-0.04").format(DE, decimals=1) == "0,0"  # no "−0,0"


@pytest.mark.parametrize("written, kept", [
    ("010", "010"), ("0x1F", "0x1F"), ("12:30", "12:30"), ("07743", "07743"), (".nan", ".nan"),
    ("yes", "yes"), ("off", "off"), ("1.000.000", "1.000.000"), ("2017", "2017"), ("99.0", "99.0"),
])
def test_text_fields_keep_what_was_written(project: Path, written, kept):
    """YAML 1.1 would print 010 as 8, 0x1F as 31, 12:30 as 750: text fields keep the source."""
    from report.content import load_document
    edit(project, "report.yaml", "subtitle: Jahresrückblick 2017", f"subtitle: {written}")
    assert load_document(project).report.subtitle == kept


def test_thousands_trap_in_content_is_an_error_at_its_place(project: Path):
    edit(project, "sections/01-zahlen.yaml", "  - value: 1000\n", "  - value: 48.250\n")
    d = only(diagnostics(project))
    at(d, "content/sections/01-zahlen.yaml", line_of(project, "sections/01-zahlen.yaml", "value: 48.250"), 12)
    assert d.message.endswith("value: 48.250 reads as 48,25 in YAML")


def test_key_figure_keeps_written_precision(project: Path):
    from report.content import load_document
    edit(project, "sections/01-zahlen.yaml", "  - value: 1000\n", "  - value: 99.98\n")
    edit(project, "sections/01-zahlen.yaml", "  - value: 200\n", "  - value: '48.250'\n")
    printed = [get_locale("de-DE").number(f.value) for f in load_document(project).sections[0].figures]
    assert "99,98" in printed and "48.250" in printed


def test_csv_semicolon_with_decimal_commas(tmp_path: Path):
    path = tmp_path / "invest.csv"
    path.write_text("Bereich;Betrag\nNetze;12,8\n\n\"Erzeugung; neu\";1.204,5\n", encoding="utf-8")
    data = read_csv(path)
    assert [c.text for c in data.columns] == ["Bereich", "Betrag"]
    assert [r[0].text for r in data.rows] == ["Netze", "Erzeugung; neu"]
    assert [n.format(DE) for n in data.numbers(1, DE)] == ["12,8", "1.204,5"]
    assert (data.rows[1][1].pos.line, data.rows[1][1].pos.col) == (4, 18)


def test_csv_errors_name_row_and_column(tmp_path: Path):
    path = tmp_path / "x.csv"
    path.write_text("Jahr,Wert\n2023,5\n2024,fünf\n2025,1,5\n", encoding="utf-8")
    with pytest.raises(ReportError) as err:
        read_csv(path)
    d = err.value.diagnostics[0]
    assert (d.pos.line, d.message) == (4, "row has 3 cells but the header has 2")
    path.write_text("Jahr,Wert\n2023,5\n2024,fünf\n", encoding="utf-8")
    with pytest.raises(ReportError) as err:
        read_csv(path).numbers(1, EN)
    d = err.value.diagnostics[0]
    assert (d.pos.line, d.pos.col, d.message) == (3, 6, "column 'Wert': 'fünf' is not a number")


@given(st.text(alphabet="0123456789.,-+−() %€£e", min_size=1, max_size=12))
@settings(max_examples=400, deadline=None)
def test_any_text_is_a_number_or_a_number_error_with_a_hint(text):
    """Whatever an author types where a number goes, reading it returns a number or raises
    NumberError with a hint, in either notation ('1,234,5' once recursed until Python gave up)."""
    for language in ("de-DE", "en-GB"):
        try:
            parse_number(text, get_locale(language))
        except NumberError as exc:
            assert exc.hint
