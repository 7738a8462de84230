"""The table block: columns, rows written inline or read from a CSV file under content/data/,
row kinds (header, group, subtotal, total), footnotes, a computed change column and checked totals.

Cells are read against their column: text columns keep text, number columns hold a `Number`
exactly as written (a YAML number, a quoted number or a CSV cell in the document's format).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

from ..errors import Diagnostics, Pos, ReportError
from ..load import YFloat, YInt, YMap, YSeq
from ..units import measure
from .numbers import Number, NumberError, comma_splits, format_decimal, parse_number, warn_rounded
from .reader import Markup, Node, ReadContext, Reader, closest, did_you_mean, id_spec, spec
from .tabular import file_hint, read_csv, report_once, resolve_data, without_unit

MAX_ROWS = 500  # more does not belong in a printed review
ROW_KINDS = ("header", "group", "body", "subtotal", "total")
NAMED_KINDS = tuple(k for k in ROW_KINDS if k != "body")  # what row_kinds may name
MARKS = "¹²³⁴⁵⁶⁷⁸⁹"  # footnote marks, in the order the notes are listed
NO_VALUE = ("–", "—", "-")  # a dash in a number column: nothing to report (printed as typed, "-" as a dash)
PERCENT_UNITS = ("%",)  # a row in one of these changes in (percentage) points
CURRENCY_SIGNS = "$£€¥"  # a sign that currency_sign: first_and_total sets on the first and total rows
SIGN_PLACES = ("heading", "first_and_total")


def unit_sign(unit: str | None) -> tuple[str, str] | None:
    """A column unit's currency sign and the rest of it: '$ thousands' → ('$', 'thousands'), '$' →
    ('$', ''), 'Mio. €' → ('€', 'Mio.'); None for a unit without one at its start or end ('TEUR')."""
    unit = " ".join((unit or "").split())
    if unit[:1] and unit[0] in CURRENCY_SIGNS:
        return unit[0], unit[1:].strip()
    if unit[-1:] and unit[-1] in CURRENCY_SIGNS:
        return unit[-1], unit[:-1].strip()
    return None


class NotMeaningful:
    """A change in percent that says nothing: from zero, across a change of sign (−4.1 → 12.5 is not
    "+404.9 %") or to or from a missing value. Printed as the language's mark (en "n/m", de "n. a.")."""

    def __repr__(self) -> str:
        return "NOT_MEANINGFUL"


NOT_MEANINGFUL = NotMeaningful()


_CELL_SCHEMA = {"type": ["string", "number", "null"]}
_ROWS_SCHEMA = {"type": "array", "items": {"anyOf": [
    {"type": "array", "items": _CELL_SCHEMA},
    {"type": "object", "properties": {"kind": {"enum": list(ROW_KINDS)}, "cells": {"type": "array",
                                                                                "items": _CELL_SCHEMA},
                                      "unit": {"type": "string", "maxLength": 20}},
     "required": ["cells"], "additionalProperties": False}]}}


def _raw(spec_field: Any, schema: dict) -> Any:
    """A field the model reads itself (kept as positioned YAML), with the JSON Schema editors check it by."""
    return field(default=spec_field.default, metadata={**spec_field.metadata, "json_schema": schema})


@dataclass
class TableCell(Node):
    """A cell read against its column (a Node, so that the glyph check finds text from CSV files)."""

    value: str | Number | NotMeaningful | None  # text, a number, n/m (a computed change), or nothing
    pos: Pos
    note: int | None = None  # 1-based number of its footnote

    def __post_init__(self) -> None:
        self.field_pos = {"value": self.pos}


@dataclass
class TableRow(Node):
    kind: str  # one of ROW_KINDS
    cells: list[TableCell]  # one per column, computed columns included
    pos: Pos
    unit: str | None = None  # the row's own unit (row_units, a block row's unit:): its numbers print with it


# a number and a unit in one cell, as a spreadsheet exports a formatted cell: '42,1 %', '23.874 T€',
# '(1.251 T€)'; group 2 is the unit (letters, currency or percent signs, also 'ct/kWh', 'Mio. €')
_UNIT_IN_CELL = re.compile(r"(\(?[-+−]?\d[\d.,\s]*?)\s*([%‰€$£¥]|[^\W\d_][^()\d]*)(\)?)")
# … or a currency before it, as Dutch, Flemish and Swiss spreadsheets export one: '€ 31.400.000',
# '€ -1.780.500', '-€ 12', '(€ 1.251)', 'CHF 12', 'EUR 12', 'Fr. 50.–'; groups 1 + 3 are the number
_UNIT_BEFORE_CELL = re.compile(r"(\(?[-+−]?)\s*([€$£¥]|US\$|[A-Z]{3}(?=\s)|S?Fr\.)\s*([-+−]?\d[\d.,’'\s–—-]*\)?)")


def mark_key(text: str) -> str:
    """A not-applicable mark as it is compared: 'N/A' is n/a, 'n. v. t.' is n.v.t."""
    return "".join(text.split()).lower()


def _reads(text: str, seps: Any) -> bool:
    try:
        parse_number(text, seps)
        return True
    except NumberError:
        return False


@dataclass(kw_only=True)
class TableColumn(Node):
    name: str = spec("Column heading; notes, row kinds, `change` and a CSV's header row refer to it by this name. "
                     "The first column's (the row labels') may be empty: '' (as accounts print it).",
                     example="2025", max_length=60, empty=True)
    type: Literal["text", "number", "percent", "currency"] = spec(
        "What the cells hold: text (left aligned) or numbers (aligned on the decimal separator).", default="text")
    unit: str | None = spec("Unit printed under the heading, e.g. 'Mio. €' (percent columns: '%').", default=None,
                            example="Mio. €", max_length=20)
    decimals: int | None = spec("Decimal places to print (default: as written).", default=None, between=(0, 6))
    align: Literal["left", "right", "center", "decimal"] | None = spec(
        "Alignment (default: text left, numbers on the decimal separator).", default=None)
    check_total: bool = spec("Warn when a total (or subtotal) row differs from the sum of the rows it sums.",
                             default=False)
    change: list[str] | None = spec(
        "A computed column: the change from the first named column to the second; type percent gives the "
        "change in percent (of the base's size: a loss narrowing from −4 to −3 is +25; n/m where a percentage "
        "says nothing: from zero, across a change of sign, to or from a missing value), number or currency the "
        "difference.", default=None, example=["2024", "2025"],
        items=(2, 2))
    change_of: Literal["values", "amounts"] | None = spec(
        "What a computed change compares where both amounts are negative, as costs written in brackets are: "
        "values (the signed values, so a cost that grew, (273,870) → (301,402), changes by −10.1 %, a change "
        "for the worse, and a loss that narrowed by +) or amounts (the amounts as printed, as annual reports "
        "show them: +10.1 %). Default: values, with a warning where both amounts of a row print in brackets.",
        default=None, example="amounts")
    width: int | None = spec(
        "Width in percent of the table (which spans the text column); the other columns share the rest. Never "
        "narrower than the column's longest word or widest number. Default: what its entries need.",
        default=None, example=30, between=(3, 90))
    negatives: Literal["minus", "brackets"] | None = spec(
        "How this column prints negative numbers, overriding the table's `negatives`: minus (−1,251) or "
        "brackets, as accounts set them ((1,251), positives without a plus).", default=None, example="brackets")
    currency_sign: Literal["heading", "first_and_total"] | None = spec(
        "Where the currency sign of the column's unit prints: heading (in the unit line under the heading) or "
        "first_and_total, as US financial statements set it: on the first amount and on each total row, "
        "hung left of the column's widest amount ($ 11,412 … $ 43,053), the unit line under the heading "
        "keeping only the rest of the unit ('$ thousands' → 'thousands'; '$': none). Overrides the table's. "
        "Default: heading, unless the cells carry the sign on exactly those rows, as a spreadsheet exports "
        "such a statement (\"$11,412\" in the first row and the total): then first_and_total.",
        default=None, example="first_and_total")

    @property
    def numeric(self) -> bool:
        return self.type != "text"


@dataclass(kw_only=True)
class TableNote(Node):
    row: str = spec("The row, by the text of its first cell.", example="Stromnetz", example_en="Power grid")
    column: str | None = spec("The column, by name (default: the row's first cell).", default=None, example="2025")
    text: Markup = spec("The note, printed under the table.", example="vorläufige Zahl",
                        example_en="provisional figure")


@dataclass(kw_only=True)
class Table(Node):
    title: str = spec("Table title.", example="Investitionen nach Sparten", max_length=120,
                      example_en="Investment by division")
    caption: Markup | None = spec("Caption under the table.", default=None)
    source: str | None = spec("Source line under the table.", default=None,
                              example="Quelle: Jahresabschluss 2025")
    alt: str = spec("Summary for readers who cannot see the table: what it shows.",
                    example="Investitionen nach Sparten 2024 und 2025 in Mio. €, mit Summe.",
                    example_en="Investment by division in 2024 and 2025 in £ million, with total.")
    columns: list[TableColumn] = spec("The columns, left to right.", items=(1, 16))
    rows: Any = _raw(spec(
        "Rows written here: each a list of cells (one per column that is not computed), or "
        "{kind: total, cells: […]} (with unit: its own unit, e.g. {cells: [Eigenkapitalquote, 44.1, 42.0], "
        "unit: '%'}); kinds: header (repeated on every page), group (a heading row in place), "
        "subtotal, total.", default=None,
        example=[["Stromnetz", 31.2, 28.4]]), _ROWS_SCHEMA)
    data: str | None = spec("Or: a CSV file under content/data/ (UTF-8, header row, ',' or ';' between cells).",
                            default=None, example="data/investitionen.csv")
    row_kinds: Any = _raw(spec("Kinds of rows by their first cell, e.g. {Summe: total} (header: repeated at the "
                               "top of every page; group: a heading row that stays in place, its other cells "
                               "empty; subtotal; total).", default=None, example={"Summe": "total"}),
                          {"type": "object", "additionalProperties": {"enum": list(NAMED_KINDS)}})
    row_units: Any = _raw(spec(
        "Units of rows by their first cell, where a row's numbers have their own (a multi-year table of key "
        "figures: TEUR rows and a % row), e.g. {Eigenkapitalquote: '%'}: its numbers print with it (the unit "
        "hanging beyond the aligned digits), its CSV cells may carry it ('44,1 %'), and a change in percent of "
        "a % row is in percentage points.", default=None, example={"Eigenkapitalquote": "%"}),
        {"type": "object", "additionalProperties": {"type": "string", "maxLength": 20}})
    notes: list[TableNote] = spec("Footnotes: numbered at their cell, printed under the table.", default=[])
    rounding_note: str | None = spec(
        "Printed under the table; totals may then differ from the sum of their rows by rounding.",
        default=None, example="Differenzen durch Rundung", example_en="Differences due to rounding")
    negatives: Literal["minus", "brackets"] | None = spec(
        "How the number and currency columns print negative numbers (a column's own `negatives` overrides, "
        "also for percent columns): minus (−1,251) or brackets, as accounts set them ((1,251), the closing "
        "bracket beyond the aligned digits). Default: as written — a number written in brackets, (12), "
        "prints in brackets, any other with a minus.", default=None, example="brackets")
    currency_sign: Literal["heading", "first_and_total"] | None = spec(
        "Where the currency columns (type currency) print the sign of their unit: heading (under the heading) "
        "or first_and_total (on the first amount and on each total row, as US financial statements set it; "
        "see the column's `currency_sign`, which overrides this).", default=None, example="first_and_total")
    place: Literal["auto", "here"] = spec(
        "auto: a table shorter than a page moves on whole where the rest of the page is too short for it, "
        "unless its title, header and at least two thirds of its rows (half, where ten or more go on) fit there: "
        "then it breaks there. here: "
        "it is kept whole, "
        "as a financial statement is, and moves on whole where it does not fit, leaving the rest of the page "
        "empty. A table taller than a page breaks either way.", default="auto", example="here")
    id: str | None = id_spec("the table", "investitionen", "investment")
    table: list[TableRow] = field(default_factory=list, init=False)  # the rows, read against the columns
    notation: Any = field(default=None, init=False, repr=False)  # of the CSV file's numbers (tabular.CsvData)
    _unit_cells: dict = field(default_factory=dict, init=False, repr=False)  # column → (pos, unit, text, cells)
    _rounded_cells: dict = field(default_factory=dict, init=False, repr=False)  # column → [(pos, what, number)]
    # column → [(pos, error or None)]: cells written with the unit's currency sign (_read_signs)
    _signed_cells: dict = field(default_factory=dict, init=False, repr=False)
    _signs_read: dict = field(default_factory=dict, init=False, repr=False)  # column → 'first_and_total'

    def check(self, diag: Diagnostics, ctx: ReadContext) -> None:
        if self.negatives is None:  # report.yaml's numbers: negatives:, where the table does not say
            self.negatives = ctx.negatives
        if self.currency_sign is None:  # … and its currency_sign:
            self.currency_sign = ctx.currency_sign
        for col in self.columns:
            if col.currency_sign == "first_and_total" and unit_sign(col.unit) is None:
                diag.error(ctx.value_pos(col, "currency_sign"), f"table '{self.title}': column '{col.name}': "
                           f"currency_sign: first_and_total sets the currency sign of the column's unit, but "
                           + (f"its unit, {col.unit!r}, begins or ends with none" if col.unit else "it has no unit"),
                           "give the column a unit with its sign, e.g. unit: '$' or unit: '$ thousands'")
        names = [c.name for c in self.columns]
        for i, col in enumerate(self.columns):
            if i and not col.name:
                diag.error(ctx.value_pos(col, "name"), f"table '{self.title}': only the first column, the row labels, "
                           "may have no heading", "name the column as its heading should read")
            elif names.index(col.name) != i:
                diag.error(ctx.item_pos(self, "columns", i), f"table '{self.title}': two columns are named "
                           f"'{col.name}'", "give every column its own name")
            if col.change:
                for name in col.change:
                    other = next((c for c in self.columns if c.name == name), None)
                    if other is None:
                        numbers = [c.name for c in self.columns if c.numeric and not c.change]
                        diag.error(col.pos, f"table '{self.title}': column '{col.name}' computes the change of "
                                   f"'{name}', which is not a column of this table",
                                   did_you_mean(name, numbers) if numbers else "name two number columns")
                    elif not other.numeric or other.change:
                        diag.error(col.pos, f"table '{self.title}': column '{col.name}' computes the change of "
                                   f"'{name}', which is not a number column of this table",
                                   f"name two number columns, e.g. change: [{', '.join(repr(n) for n in names[1:3])}]")
                self._change_units(col, diag, ctx)
                if not col.numeric:
                    diag.error(col.pos, f"table '{self.title}': computed column '{col.name}' must be of type "
                               "percent (change in percent) or number (the difference)", "add type: percent")
            elif col.change_of:
                diag.error(ctx.value_pos(col, "change_of"), f"table '{self.title}': column '{col.name}' has "
                           "change_of but computes no change", "add change: [first column, second column], or "
                           "leave change_of out")
        if (self.rows is None) == (self.data is None):
            diag.error(self.pos, f"table '{self.title}': give either rows or data",
                       "write the rows under 'rows:', or name a CSV file: data: data/tabelle.csv")
            return
        errors = len(diag.errors)  # a row that could not be read (too many cells) leaves sums that say nothing
        source = self._csv_rows(diag, ctx) if self.data else self._yaml_rows(diag, ctx)
        if source is None:
            return
        kinds = self._kinds(diag, ctx)
        units = self._row_units(diag, ctx)
        rows = []
        for raw_cells, kind, pos, *own in source:
            label = str(raw_cells[0][0]).strip() if raw_cells else ""
            unit = units.pop(label, (None,))[0] if label in units else (own[0] if own else None)
            named = kinds.pop(str(raw_cells[0][0]).strip(), None) if raw_cells else None
            kind = kind or (named[0] if named else "body")
            where = named[1] if named else pos
            if kind == "header" and any(r.kind != "header" for r in rows):
                self._moved_header(raw_cells, where, bool(named), diag)
            if kind == "group" and any(str(v if v is not None else "").strip() for v, _ in raw_cells[1:]):
                diag.error(where, f"table '{self.title}': the group row '{str(raw_cells[0][0]).strip()}' has values; "
                           "a group row is a heading within the table and holds only its label",
                           "leave its other cells empty, or make it a body row")
            cells = []
            data_cols = [c for c in self.columns if not c.change]
            for k, (col, (value, cpos)) in enumerate(zip(data_cols, raw_cells, strict=False)):
                if kind == "header" and col.numeric:  # a heading over the figures (a year), not a figure: 2024
                    cells.append(TableCell(_as_written(value), cpos))  # as written, never 2.024
                    continue
                cells.append(TableCell(self._cell(col, value, cpos, ctx, diag, unit if k else None, label), cpos))
            by_name = {c.name: cell for c, cell in zip(data_cols, cells, strict=False)}
            rows.append(TableRow(kind, [self._computed(c, by_name, pos, unit) if c.change else by_name[c.name]
                                        for c in self.columns], pos, unit))
        for label, (_kind, kpos) in kinds.items():
            diag.error(kpos, f"table '{self.title}': row_kinds names the row '{label}', which the table does not have",
                       _row_hint(label, [_label_of(r) for r, *_ in source]))
        for label, (_unit, kpos) in units.items():
            diag.error(kpos, f"table '{self.title}': row_units names the row '{label}', which the table does not have",
                       did_you_mean(label, [_label_of(r) for r, *_ in source]))
        self._unit_errors(diag)
        self._read_signs(rows, diag)
        self._years(rows, diag, ctx)
        self._change_signs(rows, diag, ctx)
        for col in self.columns:  # digits that decimals: rounds away, once per column
            warn_rounded(diag, self._rounded_cells.get(col.name, []), col.decimals, ctx.numbers,
                         "column")
        self._rounded_cells.clear()
        self._notes(rows, diag, ctx)
        if len(diag.errors) == errors:  # sums of cells that could not be read say nothing
            self._check_totals(rows, diag, ctx)
        self.table = rows

    def _change_units(self, col: TableColumn, diag: Diagnostics, ctx: ReadContext) -> None:
        """A change between columns of different units (EUR beside TEUR, Tsd. € beside Mio. €) compares
        numbers that do not measure the same: 386.214.902,55 EUR against 358.407 TEUR printed as +107.658,7 %
        in a balance sheet. An error at `change:`; units written differently but alike (EUR and €, TEUR,
        T€ and Tsd. €) are one unit (`units.measure`)."""
        sources = [next((c for c in self.columns if c.name == n and c.numeric and not c.change), None)
                   for n in col.change]
        if None in sources:
            return  # said above
        units = [c.unit or ("%" if c.type == "percent" else None) for c in sources]
        if None in units or measure(units[0]) == measure(units[1]):
            return
        (a, b), (ua, ub) = sources, units
        diag.error(ctx.value_pos(col, "change"), f"table '{self.title}': column '{col.name}' computes the change "
                   f"from '{a.name}' in {ua} to '{b.name}' in {ub}: amounts in different units, so the change "
                   "would compare numbers that do not measure the same",
                   f"convert one column so that both are in {ua} or both in {ub} (and give both that unit), "
                   "or, where they are the same unit, write it alike in both")

    def negatives_of(self, col: TableColumn) -> str | None:
        """How `col` prints negative numbers: 'brackets', 'minus', or None (as each was written).
        The table's setting covers amounts (number and currency columns); percent columns keep
        their sign unless the column itself says otherwise."""
        if col.negatives is not None:
            return col.negatives
        return self.negatives if col.type in ("number", "currency") else None

    def signs_of(self, col: TableColumn) -> str:
        """Where `col` prints its unit's currency sign: 'first_and_total' or 'heading'."""
        how = col.currency_sign or self._signs_read.get(col.name) or (
            self.currency_sign if col.type == "currency" else None)
        return "first_and_total" if how == "first_and_total" and unit_sign(col.unit) else "heading"

    def sign_rows(self, col: TableColumn, rows: list[TableRow] | None = None) -> set[int]:
        """The rows (indexes into `rows`, by default the table's) that print the currency sign of
        column `col` under first_and_total: the first with an amount in it, and every total row."""
        rows = self.table if rows is None else rows
        i = self.columns.index(col)
        amounts = [k for k, r in enumerate(rows) if i < len(r.cells) and isinstance(r.cells[i].value, Number)]
        return ({amounts[0]} if amounts else set()) | {k for k in amounts if rows[k].kind == "total"}

    def _read_signs(self, rows: list[TableRow], diag: Diagnostics) -> None:
        """Cells written with the currency sign of their column's unit ('$11,412' under '$ thousands'). On
        exactly the rows first_and_total sets it on (the first amount and the totals, with at least two
        amounts without it), as a spreadsheet exports a US statement, they say first_and_total, where
        nothing else says where the sign goes. Otherwise the sign prints under the heading: an inline
        cell that repeats it is an error (as every unit repeated), CSV cells on some rows but not all
        a warning, once per column (a sign written there is not dropped silently)."""
        for name, cells in self._signed_cells.items():
            col = next(c for c in self.columns if c.name == name)
            i = self.columns.index(col)
            signed = {c[0] for c in cells}
            where = [k for k, r in enumerate(rows) if i < len(r.cells) and r.cells[i].pos in signed]
            amounts = [k for k, r in enumerate(rows) if i < len(r.cells) and isinstance(r.cells[i].value, Number)]
            told = col.currency_sign or self.currency_sign if col.type == "currency" else col.currency_sign
            if told is None and set(where) == self.sign_rows(col, rows) and len(amounts) - len(where) >= 2:
                self._signs_read[name] = "first_and_total"
            if self.signs_of(col) == "first_and_total":
                continue
            errors = [(pos, e) for pos, e in cells if e is not None]
            for pos, (message, hint) in errors:
                diag.error(pos, message, hint)
            if not errors and told is None and len(where) < len(amounts):
                sign = unit_sign(col.unit)[0]
                first = rows[where[0]]
                diag.warning(first.cells[i].pos, f"table '{self.title}': column '{name}': {len(where)} of its "
                             f"{len(amounts)} amounts are written with '{sign}' ('{_label(first)}' …); the sign "
                             "prints under the heading, in the column's unit, not in these cells",
                             f"to print it on the first amount and on the totals, as US financial statements do, "
                             f"add currency_sign: first_and_total to the column (or write '{sign}' on exactly "
                             "those rows)")
        self._signed_cells.clear()

    def brackets(self, col: TableColumn, number: Number) -> bool:
        """Does `number` in `col` print a negative value in brackets?"""
        how = self.negatives_of(col)
        return how == "brackets" or (how is None and number.brackets)

    # -- reading rows

    def _yaml_rows(self, diag: Diagnostics, ctx: ReadContext) -> list | None:
        """(cells as (value, pos), kind or None, pos) per row written in the YAML."""
        out = []
        width = sum(1 for c in self.columns if not c.change)
        raw = self.rows
        if not isinstance(raw, YSeq):
            diag.error(ctx.value_pos(self, "rows"), f"table '{self.title}': rows: expected a list of rows",
                       "write each row on its own line, e.g. - [Stromnetz, 31.2, 28.4]")
            return None
        named = self.row_kinds if isinstance(self.row_kinds, YMap) else {}
        grouped = {str(label).strip() for label, kind in named.items() if kind == "group"}
        for i, (item, ipos) in enumerate(zip(raw, raw.item_pos, strict=False)):
            kind = None
            unit = None
            if isinstance(item, YMap):
                unknown = set(item) - {"kind", "cells", "unit"}
                if unknown or "cells" not in item:
                    diag.error(ipos, f"table '{self.title}': row {i + 1}: a row written as a block has the keys "
                               "kind, cells and unit", "e.g. {kind: total, cells: [Summe, 91.2]}, or "
                               "{cells: [Eigenkapitalquote, 44.1, 42.0], unit: '%'}")
                    continue
                unit = item.get("unit")
                if unit is not None and (not isinstance(unit, str) or not unit.strip()):
                    diag.error(item.value_pos["unit"], f"table '{self.title}': row {i + 1}: unit: {_shown(unit)} is "
                               "not a unit", "write the unit as text, e.g. unit: '%' or unit: TEUR")
                    continue
                kind = item.get("kind")
                if kind is not None and kind not in ROW_KINDS:
                    diag.error(item.value_pos.get("kind", ipos), f"table '{self.title}': row {i + 1}: unknown row "
                               f"kind {kind!r}", did_you_mean(str(kind), list(ROW_KINDS)))
                    continue
                item, ipos = item["cells"], item.value_pos["cells"]
            if not isinstance(item, YSeq):
                diag.error(ipos, f"table '{self.title}': row {i + 1} is not a list of cells",
                           "write each row as a list, e.g. - [Stromnetz, 31.2, 28.4]")
                continue
            cells = list(zip(item, item.item_pos, strict=True))
            if len(item) == 1 and (kind == "group" or _label_of(cells) in grouped):
                cells += [("", ipos)] * (width - 1)  # a group row's label alone: its other cells are empty
            elif len(item) != width:
                group = "" if len(item) != 1 else (
                    f"; a group row (a heading within the table) may give its label alone: "
                    f"{{kind: group, cells: [{_label_of(cells)}]}}")
                diag.error(ipos, f"table '{self.title}': row {i + 1} has {len(item)} cells but the table has "
                           f"{width} columns to fill", "give one cell per column (computed columns excepted)"
                           + group + _comma_hint(item, width, ctx))
                continue
            out.append((cells, kind, ipos, unit))
        if len(out) > MAX_ROWS:
            diag.error(self.pos, f"table '{self.title}' has {len(out)} rows; at most {MAX_ROWS} are set",
                       "split the table")
            return None
        return out

    def _csv_rows(self, diag: Diagnostics, ctx: ReadContext) -> list | None:
        """Rows of the CSV file, its columns matched to the table's by the header row's names."""
        pos = ctx.value_pos(self, "data")
        try:
            path = resolve_data(self.data, ctx.content_dir, pos)
        except ReportError as exc:
            diag.items.extend(exc.diagnostics)
            return None
        try:
            csv = read_csv(path, _display_path(path))
        except ReportError as exc:
            report_once(diag, ctx.data_said, ("table", self.title), exc.diagnostics)
            return None
        self.notation = csv.separators(ctx.numbers, ctx.section_numbers()) if csv.notation else None
        if not csv.rows:
            english = ctx.language.startswith("en")
            sep, point = (",", ".") if english or ctx.numbers is None or ctx.numbers.decimal == "." else (";", ",")
            example = sep.join(["Revenue" if english else "Spenden", *[f"{12 + k}{point}5" for k in range(
                len(csv.columns) - 1)]])
            diag.error(csv.columns[0].pos, f"table '{self.title}': {self.data} has a header row but no rows",
                       f"write one line per table row under the header row, e.g. {example}")
            return None
        order = []
        for col in self.columns:
            if col.change:
                continue
            index = csv.column(col.name)
            if index is None:
                diag.error(col.pos, f"table '{self.title}': column '{col.name}' is not in {self.data}",
                           f"its header row names: {', '.join(c.text for c in csv.columns)}")
                return None
            order.append(index)
        if len(csv.rows) > MAX_ROWS:
            diag.error(pos, f"table '{self.title}': {self.data} has {len(csv.rows)} rows; at most {MAX_ROWS} are set",
                       "aggregate the data or split the table")
            return None
        return [([(row[i].text, row[i].pos) for i in order], None, row[0].pos) for row in csv.rows]

    def _moved_header(self, raw_cells: list, pos: Pos, named: bool, diag: Diagnostics) -> None:
        """A header row below the first rows: it is repeated at the top of every page, so it prints
        above them — most likely meant as a heading of the rows below it (a group row)."""
        label = str(raw_cells[0][0]).strip() if raw_cells else ""
        example = f"row_kinds: {{{label}: group}}" if named else f"{{kind: group, cells: [{label}, …]}}"
        diag.warning(pos, f"table '{self.title}': the header row '{label}' stands below other rows, but header "
                     "rows print at the top of the table (and of every page it runs onto)",
                     f"for a heading of the rows below it, which stays in place, write {example}")

    def _cell(self, col: TableColumn, value: Any, pos: Pos, ctx: ReadContext, diag: Diagnostics,
              row_unit: str | None = None, label: str = "") -> Any:
        """A cell as its column reads it: text, a Number exactly as written, or None (empty). A row's
        own unit stands for the column's in that row."""
        if isinstance(value, (YMap, YSeq)):
            diag.error(pos, f"table '{self.title}': column '{col.name}': a cell holds one value",
                       "write text or a number; notes go under 'notes:'")
            return None
        text = value.source if isinstance(value, (YInt, YFloat)) else "" if value is None else str(value)
        text = " ".join(text.split(" ")).strip()
        if not col.numeric or not text:
            return text or None
        if text in NO_VALUE:  # the dash as typed (– or —); a hyphen prints as the language's (layout)
            return text
        marks = getattr(ctx.numbers, "not_applicable", ())
        if mark_key(text) in {mark_key(m) for m in marks}:  # n.v.t., n/a: printed as written, no value
            return text
        what = f"table '{self.title}': column '{col.name}'"
        if not any(ch.isdigit() for ch in text):  # k. A., nil, n.b.: words where a number column wants one
            mark = f", {marks[0]} (not applicable, prints as written)" if marks else ""
            diag.error(pos, f"{what}: {text!r} is not a number",
                       f"write the number in digits, e.g. 20; for no value write – (prints a dash){mark} or leave "
                       "the cell empty (prints nothing)")
            return None
        if isinstance(value, str) and not isinstance(value, YFloat | YInt) and self.data:
            seps = self.notation or ctx.numbers
            column_unit = row_unit or col.unit or ("%" if col.type == "percent" else None)
            written = text
            # a spreadsheet's formatted cell, exported with the column's own unit ('42,1 %', '23.874 T€',
            # '$1,329.3' and '($918.2)' in a '$M' column), as a chart's data is read: printed under its heading
            bare = without_unit(text, column_unit)
            self._note_sign(col, text, bare, pos, row_unit)
            split = None if bare != text and _reads(bare, seps) else (_UNIT_IN_CELL.fullmatch(text)
                                                                     or _UNIT_BEFORE_CELL.fullmatch(text))
            if bare != text and split is None:
                if not _reads(bare, seps) and (scaled := re.fullmatch(r"\(?[-+−]?[\d.,’' ]*\d\s*([^\d\s()+−-]+)\)?",
                                                                       bare)):
                    # '£0.59m' in a '£' column: the sign was the column's, the scale is not
                    scale = scaled[1]
                    diag.error(pos, f"{what}: {text!r} is not a number in this column's unit, {column_unit}",
                               f"write it in {column_unit} (e.g. the whole amount), or give the column "
                               f"unit: {column_unit}{scale} and write the number alone")
                    return None
                text = bare
            elif split:  # a number and another unit: the column does not name it
                body, unit = split[1] + split[3], " ".join(split[2].split())
                if column_unit and unit == " ".join(column_unit.split()):
                    text = body
                elif _reads(body, seps):
                    self._unit_cells.setdefault(col.name, (pos, unit, text, [], label))[3].append(pos)
                    return None  # said once per column, after the rows (_unit_errors)
            try:
                number = parse_number(text, seps)
            except NumberError as exc:  # named as written: '€ 1.340.100-', not '1.340.100-'
                diag.error(pos, f"{what}: {str(exc).replace(repr(text), repr(written))}",
                           file_hint(exc.hint, seps, ctx.section_numbers()))
                return None
        else:
            column_unit = row_unit or col.unit or ("%" if col.type == "percent" else None)
            bare = without_unit(text, column_unit) if isinstance(value, str) else text
            if bare != text and _reads(bare, self.notation or ctx.numbers):  # 'Fr. 50.–' under unit: Fr.
                whose, where = ("row's", "after each number") if row_unit else ("column's", "under the heading")
                message = (f"{what}: {text!r} repeats the {whose} unit",
                           f"write the number alone, {bare}: the unit {column_unit} prints {where}"
                           + ("; for the sign on the first and total rows, as US financial statements set it, "
                              "add currency_sign: first_and_total to the column" if not row_unit
                              and unit_sign(column_unit) else ""))
                if not self._note_sign(col, text, bare, pos, row_unit, message):
                    diag.error(pos, *message)
                    return None
                value = bare  # the sign is the column's: where it prints is said after the rows (_read_signs)
            number = Reader(diag, ctx).read(value, pos, Number, what)
            if not isinstance(number, Number):
                return None
        self._rounded_cells.setdefault(col.name, []).append((pos, f"{what}:", number))  # (_rounding_warnings)
        return number

    def _note_sign(self, col: TableColumn, text: str, bare: str, pos: Pos, row_unit: str | None,
                   error: tuple[str, str] | None = None) -> bool:
        """Note a cell written with the currency sign of its column's unit ('$11,412'), for _read_signs:
        True where it is one (with the `error` to report where the sign is not wanted in cells)."""
        sign = unit_sign(col.unit)
        if row_unit or sign is None or bare == text or sign[0] not in text or sign[0] in bare:
            return False
        self._signed_cells.setdefault(col.name, []).append((pos, error))
        return True

    def _years(self, rows: list[TableRow], diag: Diagnostics, ctx: ReadContext) -> None:
        """A number column of years (Baujahr: 2013, 1968) prints them grouped, '2.013': a warning."""
        if ctx.numbers is None or not ctx.numbers.thousands or not getattr(ctx.numbers, "group_four_digits", True):
            return  # 2013 prints as 2013
        for i, col in enumerate(self.columns):
            if col.type != "number" or col.change:
                continue
            values = [r.cells[i] for r in rows if r.kind == "body" and i < len(r.cells)
                      and isinstance(r.cells[i].value, Number)]
            if len(values) >= 2 and all(c.value.decimals == 0 and 1800 <= c.value.value <= 2100 for c in values):
                first = values[0]
                shown = first.value.format(ctx.numbers, None)
                diag.warning(first.pos, f"table '{self.title}': column '{col.name}' holds years ({first.value}, …) "
                             f"and prints them as amounts, with a thousands separator: {shown}",
                             "make it type: text (years are names, not amounts)")

    def _unit_errors(self, diag: Diagnostics) -> None:
        """One error per column whose CSV cells carry a unit the column does not name (a wall of one
        error per cell said the same thing 42 times)."""
        for name, (pos, unit, text, cells, label) in self._unit_cells.items():
            more = f" (and {len(cells) - 1} more cells of this column)" if len(cells) > 1 else ""
            row = f"; where it is the unit of a row, name it: row_units: {{{label}: '{unit}'}}" if label else ""
            diag.error(pos, f"table '{self.title}': column '{name}': {text!r} is a number with the unit "
                       f"'{unit}'{more}", f"give the column unit: {unit} (its cells may then keep it, and it "
                       f"prints under the heading), or write the numbers alone{row}")
        self._unit_cells.clear()

    def _row_units(self, diag: Diagnostics, ctx: ReadContext) -> dict[str, tuple[str, Pos]]:
        """row_units as label → (unit, position)."""
        def unit(label: Any, value: Any) -> str | tuple[str, str]:
            if not isinstance(value, str) or not value.strip() or len(value) > 20:
                return (f"{_shown(value)} is not a unit", f"write the unit as text, e.g. {{{label}: '%'}} or "
                        f"{{{label}: TEUR}}")
            return " ".join(value.split())
        return self._by_label("row_units", "{Eigenkapitalquote: '%'}", unit, diag, ctx)

    def _kinds(self, diag: Diagnostics, ctx: ReadContext) -> dict[str, tuple[str, Pos]]:
        """row_kinds as label → (kind, position)."""
        def kind(_label: Any, value: Any) -> str | tuple[str, str]:
            if value not in NAMED_KINDS:
                return f"{_shown(value)} is not a row kind", f"use {', '.join(NAMED_KINDS[:-1])} or {NAMED_KINDS[-1]}"
            return value
        return self._by_label("row_kinds", "{Summe: total}", kind, diag, ctx)

    def _by_label(self, key: str, example: str, read: Callable[[Any, Any], str | tuple[str, str]],
                  diag: Diagnostics, ctx: ReadContext) -> dict[str, tuple[str, Pos]]:
        """A block that names rows by their first cell (row_kinds, row_units) as label → (value, position);
        `read` gives a row's value, or (what is wrong, hint)."""
        raw = getattr(self, key)
        if raw is None:
            return {}
        if not isinstance(raw, YMap):
            diag.error(ctx.value_pos(self, key), f"table '{self.title}': {key}: expected a block of keys",
                       f"name rows by their first cell, e.g. {key}: {example}")
            return {}
        out = {}
        for label, value in raw.items():
            got = read(label, value)
            if isinstance(got, tuple):
                diag.error(raw.value_pos[label], f"table '{self.title}': {key}: {got[0]}", got[1])
            else:
                out[str(label).strip()] = (got, raw.key_pos[label])
        return out

    def _computed(self, col: TableColumn, cells: dict[str, TableCell], pos: Pos,
                  row_unit: str | None = None) -> TableCell:
        """The change from one number column to another: in percent, or the difference; of the
        amounts as printed where the column says so and both are negative ((273,870) → (301,402):
        +10.1, not −10.1). Of a row in percent, a change in percent is the difference, in percentage
        points (a rate from 91.2 % to 97.4 % rose by 6.2 points, not by 6.8 %)."""
        old, new = (cells.get(n) for n in col.change)
        a, b = (c.value.value if c is not None and isinstance(c.value, Number) else None for c in (old, new))
        if a is None or b is None:  # from or to a missing value: nothing to compare, unless one side has one
            meaningless = col.type == "percent" and (a, b) != (None, None)
            return TableCell(NOT_MEANINGFUL if meaningless else None, pos)
        if col.change_of == "amounts" and a < 0 and b < 0:
            a, b = -a, -b
        places = max(old.value.decimals, new.value.decimals)
        if row_unit is not None and row_unit.strip() in PERCENT_UNITS:
            return TableCell(_rounded(b - a, places if col.decimals is None else col.decimals), pos)
        return TableCell(_change(col, a, b, places), pos)

    def _change_signs(self, rows: list[TableRow], diag: Diagnostics, ctx: ReadContext) -> None:
        """A change column without `change_of` whose two amounts of a row both print in brackets (a
        cost, as accounts write it) is a warning, once, at the column: its sign is that of the signed
        values, so a cost that grew prints as a fall (−10.1), where a reader of accounts expects the
        change of the amounts as printed (+10.1)."""
        seps = ctx.numbers  # the document's notation, as the table prints them
        names = [c.name for c in self.columns]
        for col in self.columns:
            if seps is None or not col.change or col.change_of or any(n not in names for n in col.change):
                continue
            sources = [self.columns[names.index(n)] for n in col.change]
            for row in rows:
                old, new = (row.cells[names.index(n)].value for n in col.change)
                if not (isinstance(old, Number) and isinstance(new, Number) and old.value < 0 and new.value < 0
                        and old.value != new.value and self.brackets(sources[0], old)
                        and self.brackets(sources[1], new)):
                    continue
                places = max(old.decimals, new.decimals)
                values, amounts = (_change(col, a, b, places) for a, b in ((old.value, new.value),
                                                                            (-old.value, -new.value)))
                values, amounts = (n.format(seps, sign=True, brackets=self.brackets(col, n))
                                   for n in (values, amounts))
                moved = ("the signed values fell, the amounts as printed grew" if new.value < old.value
                         else "the signed values rose, the amounts as printed fell")
                diag.warning(ctx.value_pos(col, "change"), f"table '{self.title}': column '{col.name}': "
                             f"'{_label(row)}' goes from {_written(old, seps)} to {_written(new, seps)} and its "
                             f"change prints as {values}: {moved}",
                             f"add change_of: amounts to the column for {amounts}, the change of the amounts as "
                             f"annual reports show it; or change_of: values to keep {values}")
                break

    def _notes(self, rows: list[TableRow], diag: Diagnostics, ctx: ReadContext) -> None:
        """Number the footnotes in the order they are listed; mark their cells."""
        if len(self.notes) > len(MARKS):
            diag.error(ctx.value_pos(self, "notes"), f"table '{self.title}' has {len(self.notes)} notes; at most "
                       f"{len(MARKS)} are numbered", "combine notes, or move some into the caption")
            return
        names = [c.name for c in self.columns]
        for n, note in enumerate(self.notes, start=1):
            row = next((r for r in rows if r.cells and _label(r) == note.row), None)
            if row is None:
                diag.error(ctx.value_pos(note, "row"), f"table '{self.title}': note {n} names the row "
                           f"'{note.row}', which the table does not have",
                           _row_hint(str(note.row), [_label(r) for r in rows]))
                continue
            column = note.column or names[0]
            if column not in names:
                diag.error(ctx.value_pos(note, "column"), f"table '{self.title}': note {n} names the column "
                           f"'{column}', which the table does not have", did_you_mean(str(column), names))
                continue
            row.cells[names.index(column)].note = n

    def _check_totals(self, rows: list[TableRow], diag: Diagnostics, ctx: ReadContext) -> None:
        """A total sums the body rows since the previous total — or, in a statement that goes on from
        it (net income, then transfers: the net movement; funds brought forward, then the movement:
        carried forward), the previous total plus them. A subtotal sums the body rows since the
        previous subtotal or total — or, where each subtotal goes on from the one before (gross
        profit, operating profit …), the previous subtotal (or total) plus those rows; or, as an
        income statement (§ 231 UGB, § 275 HGB) adds up its results, the subtotals not yet summed by
        another plus the rows since (Betriebserfolg + Finanzerfolg = Ergebnis vor Steuern). A total
        after two or more subtotals may also be their result: the first minus the others (income − expenses = the year's
        result, both written positive). Any of these is accepted, within the precision shown (plus
        rounding, with a rounding note)."""
        for i, col in enumerate(self.columns):
            if not col.check_total:
                continue
            since_total: list[Decimal] = []
            since_sub: list[Decimal] = []
            previous: Decimal | None = None  # the previous subtotal since the last total
            last_total: Decimal | None = None
            subs: list[Decimal] = []  # the subtotals since the last total
            open_: list[Decimal] = []  # the last total and the subtotals since that no later one summed
            for row in rows:
                cell = row.cells[i]
                value = cell.value.value if isinstance(cell.value, Number) else None
                if row.kind == "body" and value is not None:
                    since_total.append(value)
                    since_sub.append(value)
                elif row.kind == "total" and value is not None:
                    rows_n = f"{len(since_total)} row{'s' if len(since_total) != 1 else ''}"
                    sums = [(f"the sum of the {rows_n} above it", since_total)]
                    if len(subs) >= 2:
                        sums.append(("the first subtotal minus the others", [subs[0], *(-s for s in subs[1:])]))
                    if last_total is not None:
                        sums.append(("the previous total plus the rows since", [last_total, *since_total]))
                    self._compare(col, cell, sums, diag, ctx)
                    since_total, since_sub, previous, subs, last_total = [], [], None, [], value
                    open_ = [value]
                elif row.kind == "subtotal" and value is not None:
                    rows_n = f"{len(since_sub)} row{'s' if len(since_sub) != 1 else ''}"
                    sums = [(f"the sum of the {rows_n} since the previous subtotal" if previous is not None
                             else f"the sum of the {rows_n} above it", since_sub)]
                    if open_:
                        what = "that subtotal" if previous is not None else "the previous total"
                        sums.append((f"{what} plus them", [open_[-1], *since_sub]))
                    if len(open_) >= 2:
                        sums.append((f"the {len(open_)} results above it plus them", [*open_, *since_sub]))
                    found = self._compare(col, cell, sums, diag, ctx, subtotal=True)
                    # what it summed is summed: a result of the results above it stands in their place
                    open_ = [*open_, value] if found in (0, None) else open_[:-1] + [value] if found == 1 \
                        else [value]
                    since_sub, previous = [], value
                    subs.append(value)

    def _compare(self, col: TableColumn, cell: TableCell, sums: list[tuple[str, list[Decimal]]],
                 diag: Diagnostics, ctx: ReadContext, subtotal: bool = False) -> int | None:
        """Which of `sums` (each what it would be, and the amounts it would add up) the total is, within
        the precision shown; None (and a warning) for none of them."""
        total = cell.value
        places = total.decimals if col.decimals is None else col.decimals
        step = Decimal(1).scaleb(-places)
        printed = total.value.quantize(step, rounding=ROUND_HALF_UP)
        rounding = False  # a candidate within what rounding its amounts could explain
        near = None
        for k, (_, parts) in enumerate(sums):
            exact = sum(parts, Decimal(0))
            if exact.quantize(step, rounding=ROUND_HALF_UP) == printed:
                return k
            slack = step / 2 * len(parts)  # every amount rounded by at most half a step
            if abs(exact - total.value) <= slack:
                near = k if near is None else near
                rounding = True
        if rounding and self.rounding_note:
            return near
        bracketed = self.brackets(col, total)
        seps = self.notation or ctx.numbers  # as the total is written: '174.870' beside '175.070', not '175070'
        shown = [f"{what} = {format_decimal(sum(parts, Decimal(0)), places, seps, brackets=bracketed)}"
                 for what, parts in sums]
        found = f"not {shown[0]}" if len(shown) == 1 else \
            f"neither {', nor '.join(shown[:-1])}, nor {shown[-1]}" if len(shown) > 2 else \
            f"neither {shown[0]}, nor {shown[1]}"
        note = Table.__dataclass_fields__["rounding_note"].metadata
        example = note["example_en"] if ctx.language.startswith("en") else note["example"]
        written = total.format(seps, brackets=bracketed)  # 37.848 beside them, not 37848; 1’349.– as written
        diag.warning(cell.pos, f"table '{self.title}': column '{col.name}': the {'subtotal' if subtotal else 'total'} "
                     f"{written} is {found}",
                     "correct the total or the rows" + (f"; if rows are rounded, set rounding_note: {example}"
                                                         if rounding else ""))


def _rounded(value: Decimal, places: int) -> Number:
    exact = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return Number(exact, places, format(exact, "f"))


def _change(col: TableColumn, a: Decimal, b: Decimal, places: int = 0) -> Number | NotMeaningful:
    """The change from `a` to `b`: in percent of the base's size (n/m from zero, or across a change
    of sign), or the difference, with the decimals of the amounts (`places`) unless the column says."""
    if col.type == "percent":
        if a == 0 or a * b < 0:  # from zero, or from a loss to a profit and back
            return NOT_MEANINGFUL
        return _rounded((b - a) / abs(a) * 100, 1 if col.decimals is None else col.decimals)
    return _rounded(b - a, places if col.decimals is None else col.decimals)


def _written(number: Number, seps: Any) -> str:
    """A number as the author wrote it, in brackets: '(273,870)'."""
    return format_decimal(number.value, number.decimals, seps, brackets=True)


def _display_path(path: Path) -> Path:
    """The data file as messages name it: relative to the working folder, like content files."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _row_hint(label: str, labels: list[str]) -> str:
    """The hint for a row named by a label no row has: the closest label, if one is close (a table may
    have sixty rows: they are not all listed), else the first."""
    close = closest(label, [x for x in labels if x])
    if close:
        return f"did you mean '{close[0]}'? (a row is named by the text of its first cell)"
    return f"name a row by the text of its first cell, e.g. {next((x for x in labels if x), 'Total')}"


def _as_written(value: Any) -> str | None:
    """A cell's text exactly as written (a YAML number's source), None where it is empty."""
    text = value.source if isinstance(value, (YInt, YFloat)) else "" if value is None else str(value)
    return " ".join(text.split()) or None


def _label_of(raw_cells: list) -> str:
    """A source row's label, its first cell as written."""
    return str(raw_cells[0][0]).strip() if raw_cells else ""


def _label(row: TableRow) -> str:
    first = row.cells[0].value if row.cells else None
    return str(first or "").strip()


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else f"'{value}'"


def _comma_hint(item: YSeq, width: int, ctx: ReadContext) -> str:
    """In an unquoted YAML list the comma inside a number splits it: [Revenue, 1,250, 398.2] is four
    cells. Told by where the cells stand: digits, the comma, digits right after it. In a language
    that groups thousands with a comma the likely number is 1,250; else a decimal comma (31,2)."""
    if len(item) <= width:
        return ""
    texts = [str(getattr(v, "source", v)) for v in item]
    splits = comma_splits(texts, list(item.item_pos))
    for i in splits:
        before, after = texts[i - 1], texts[i]
        if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", before) and after.isdigit():  # 1.250,5: German notation
            return f"; the comma in {before},{after} splits it into two cells: quote the number, \"{before},{after}\""
        # (58,920): a negative amount in brackets, as accounts write it
        bracket = before.startswith("(") and after.endswith(")")
        digits = (before[1:], after[:-1]) if bracket else (before, after)
        if digits[0].lstrip("-+").isdigit() and digits[1].isdigit():
            joined = f"{before},{after}"
            if len(digits[1]) == 3 and ctx.numbers is not None and ctx.numbers.thousands == ",":
                return f"; the comma in {joined} splits it into two cells: quote it, \"{joined}\", or write " \
                    f"{'-' if bracket else ''}{digits[0]}{digits[1]}"
            return f"; a decimal comma in a list splits numbers: quote '{joined}', or write it with a point"
    for i, text in enumerate(texts):  # [Goods (modules, batteries), 18, 24]: the bracket was split
        if text.count("(") > text.count(")"):
            end = next((j for j in range(i + 1, len(texts)) if ")" in texts[j]), None)
            if end is not None:  # joined as written: with the space after a comma only where one was typed
                joined = texts[i] + "".join(("," if j in splits else ", ") + texts[j] for j in range(i + 1, end + 1))
                return f"; a comma inside [ ] separates cells, so {joined!r} became {end - i + 1}: " \
                    f"quote the text, \"{joined}\""
    return "; a comma inside [ ] separates cells: quote a text that holds one, e.g. \"Goods, services\""
