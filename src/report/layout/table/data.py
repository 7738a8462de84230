"""What the table flowable takes: plain, already formatted data (`TableData`), so that the layout
can be tested alone; and the model's table turned into it, its cells formatted for the locale."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...locale import Locale
from ...model import Number, Table
from ...model.tables import MARKS, NO_VALUE, NOT_MEANINGFUL, PERCENT_UNITS, mark_key, unit_sign
from ...units import unit_gap

NO_VALUE_DASHES = ("–", "—")  # what a number cell without a value prints (model.tables.NO_VALUE)


@dataclass
class Cell:
    text: str  # as printed, already formatted for the locale
    mark: str | None = None  # footnote marker after the text, a superscript character ("¹")
    said: str | None = None  # what a screen reader says instead, where the text misleads a listener
    unit: str | None = None  # a row's own unit after the number, with the space before it: '\u00a0%'
    sign: str | None = None  # a currency sign hung left of the column's widest amount ('$', first_and_total)

    @property
    def printed(self) -> str:
        """The text with its unit and footnote marker, as it stands in the cell."""
        return self.text + (self.unit or "") + (self.mark or "")


@dataclass
class Column:
    label: str
    align: str = "left"  # left, right, center or decimal (model.tables.TableColumn.align)
    unit: str | None = None  # printed under the label, e.g. "Mio. €"
    row_header: bool = False  # its body cells name their row (TH /Scope /Row)
    width: float | None = None  # percent of the table's width, as the author set it (None: as its entries need)


@dataclass
class Row:
    cells: list[Cell]
    kind: str = "body"  # one of model.tables.ROW_KINDS
    repeated: bool = False  # a group's label again above its rows on a later page: an artifact


@dataclass
class TableData:
    columns: list[Column]
    rows: list[Row]  # header rows (besides the column labels) first, then body rows in order
    decimal: str = ","  # the locale's decimal separator, for decimal alignment
    summary: str | None = None  # what the table shows, for the tagged Table element
    size: float = 0.0  # the type size, where a wide table is set smaller than tables are (0: the theme's)
    continued: str = ""  # the line above the part of a split table on a later page: 'Balance sheet (continued)'
    more: str = ""  # the locale's word after a group's label repeated on a later page: 'continued'
    gutter: float = 0.0  # the room between columns, where a dense table is set tighter (0: the theme's)
    break_headings: bool = False  # headings break inside words (hyphenated), where it does not fit otherwise


def _cell_text(value: Any, col: Any, locale: Locale, block: Table) -> str:
    if value is None:
        return ""
    if value is NOT_MEANINGFUL:
        return locale.label("not_meaningful")
    if isinstance(value, str):
        if col.numeric and value in NO_VALUE:  # no value: the dash as typed, a hyphen as the language's
            return locale.label("no_value") if value == "-" else value
        return locale.typographic(value)
    return value.format(locale, col.decimals, sign=bool(col.change), brackets=block.brackets(col, value))


def _said(value: Any, col: Any, locale: Locale, text: str) -> str | None:
    """What a listener should hear where the printed text misleads. A negative amount in brackets
    is said with its minus, '−1,251': screen readers at their default punctuation level (NVDA, JAWS)
    speak no brackets, so '(1,251)' is heard as a positive amount, while a minus before a digit is
    spoken in any language ('minus') and reads as itself on a braille display. 'n/m' (de 'n. a.')
    is said in words: read out it is 'n slash m'. An amount without cents, '50.–', is said as '50'
    (read out: '50 dot dash'). The same mark written in a cell (nl 'n.v.t.') is said so too."""
    if value is NOT_MEANINGFUL or (isinstance(value, str)
                                   and mark_key(value) == mark_key(locale.label("not_meaningful"))):
        return locale.label("not_meaningful_spoken")
    if isinstance(value, Number) and value.dash:
        return value.spoken(locale, sign=bool(col.change))
    if isinstance(value, str) or not text.startswith("("):
        return None
    return value.format(locale, col.decimals, sign=bool(col.change))


def _cell(value: Any, col: Any, locale: Locale, block: Table, note: int | None, unit: str | None = None) -> Cell:
    text = _cell_text(value, col, locale, block)
    return Cell(text, MARKS[note - 1] if note else None, _said(value, col, locale, text),
                unit_gap(unit, locale.language) + locale.typographic(unit) if unit and isinstance(value, Number)
                else None)


def _row_unit(row: Any, col: Any, block: Table, locale: Locale) -> str | None:
    """The unit a cell of a row with its own unit prints: the row's; in a change column in percent,
    the percent a change of a row in percent is not (its difference, in points, `model.tables`);
    the label column none."""
    if row.unit is None or not col.numeric or col is block.columns[0]:
        return None
    if col.change and row.unit in PERCENT_UNITS:
        return locale.label("percentage_points").replace("%", row.unit)
    if col.change and col.type == "percent":
        return None  # a relative change: in the column's percent, under its heading
    return row.unit


def _column_locale(block: Table, i: int, col: Any, locale: Locale) -> Locale:
    """The notation of one column's numbers: a four-digit number beside one of five digits or more is
    grouped as well (numbers: group_four_digits: false), so that the digits line up."""
    if locale.group_four_digits:
        return locale
    return locale.aligned(_cell_text(r.cells[i].value, col, locale, block) for r in block.table
                          if i < len(r.cells) and isinstance(r.cells[i].value, Number))


def table_data(block: Table, locale: Locale) -> TableData:
    """The model's table as plain, formatted data for the flowable."""
    columns = []
    units = {c.name: c.unit or ("%" if c.type == "percent" else None) for c in block.columns}
    types = {c.name: c.type for c in block.columns}
    signs = {}  # column → its currency sign, on the rows that print it (first_and_total)
    for i, col in enumerate(block.columns):
        align = col.align or ("decimal" if col.numeric else "left")
        unit = col.unit or ("%" if col.type == "percent" else None)
        if col.numeric and block.signs_of(col) == "first_and_total":
            sign, unit = unit_sign(col.unit)
            signs[i] = (locale.typographic(sign), block.sign_rows(col))
            unit = unit or None  # '$ thousands' → 'thousands' under the heading; '$' → none
        if unit is None and col.change and col.type == "number":
            of = {units.get(n) for n in col.change}
            if of == {"‰"}:  # the difference of two rates per thousand: 9,1 ‰ → 8,4 ‰ is −0,7 ‰-Pkt.
                unit = locale.label("permille_points")
            elif of == {"%"} and all(types.get(n) == "percent" for n in col.change):
                unit = locale.label("percentage_points")  # the difference of two percentages: 60,0 % → 61,4 % is +1,4
        if unit and re.search(rf"(?<!\w){re.escape(unit)}(?!\w)", col.name):  # 'Change in %': said already
            unit = None
        columns.append(Column(locale.typographic(col.name), align, unit and locale.typographic(unit),
                              row_header=i == 0 and not col.numeric, width=col.width))
    notations = [_column_locale(block, i, col, locale) for i, col in enumerate(block.columns)]
    rows = [Row([_cell(c.value, col, loc, block, c.note, _row_unit(r, col, block, locale))
                 for c, col, loc in zip(r.cells, block.columns, notations, strict=True)], r.kind)
            for r in block.table]
    for i, (sign, where) in signs.items():
        for k in where:
            cell = rows[k].cells[i]
            if columns[i].align == "decimal":
                cell.sign = sign  # hung left of the column's widest amount (datatable)
            else:  # a column aligned otherwise: before the amount
                cell.text = sign + cell.text
    return TableData(columns, rows, locale.decimal, block.alt, continued=continued_line(block.title, locale),
                     more=locale.label("continued"))


def continued_line(title: str, locale: Locale) -> str:
    """The line above the part of a split table on a later page: 'Balance sheet (continued)'; after a
    title that ends in a bracket the language's other form, not a second bracket: 'Statement of
    Operations (Summary), continued'."""
    if not title:
        return ""
    title = locale.typographic(title)
    if title.rstrip().endswith(")"):
        return locale.label("continued_after_bracket").replace("{title}", title.rstrip())
    return f"{title} ({locale.label('continued')})"
